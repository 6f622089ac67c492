"""The per-user config file: below ./newsqa.toml, checked like it."""

from pathlib import Path

import pytest

from rag.errors import NewsqaError
from rag.settings import load_settings


@pytest.fixture
def user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config_home = tmp_path / "config-home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    path = config_home / "newsqa" / "newsqa.toml"
    path.parent.mkdir(parents=True)
    return path


def test_the_user_file_is_read(user_config: Path) -> None:
    user_config.write_text('top_k = 9\nllm_model = "smollm2-135m"\n')
    settings = load_settings()
    assert (settings.top_k, settings.llm_model) == (9, "smollm2-135m")


def test_the_user_file_defaults_to_dot_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = tmp_path / "home" / ".config" / "newsqa" / "newsqa.toml"
    path.parent.mkdir(parents=True)
    path.write_text("top_k = 11\n")
    assert load_settings().top_k == 11


def test_the_working_directory_file_overrides_it(user_config: Path, tmp_path: Path) -> None:
    user_config.write_text('top_k = 9\ncollection = "mine"\n[vector_store]\nhost = "chroma.lan"\n')
    Path("newsqa.toml").write_text('top_k = 4\n[vector_store]\nmode = "server"\n')
    settings = load_settings()
    assert settings.top_k == 4  # ./newsqa.toml beats the user file
    assert settings.collection == "mine"  # what it does not set still comes from the user file
    assert (settings.vector_store.mode, settings.vector_store.host) == ("server", "chroma.lan")

    explicit = tmp_path / "elsewhere.toml"
    explicit.write_text("top_k = 6\n")
    assert load_settings(explicit).top_k == 6  # --config takes the place of ./newsqa.toml
    assert load_settings(explicit).collection == "mine"


def test_the_environment_overrides_both(user_config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user_config.write_text('top_k = 9\ncollection = "mine"\n')
    Path("newsqa.toml").write_text("top_k = 4\n")
    monkeypatch.setenv("NEWSQA_TOP_K", "3")
    monkeypatch.setenv("NEWSQA_COLLECTION", "from-env")
    settings = load_settings()
    assert (settings.top_k, settings.collection) == (3, "from-env")
    assert load_settings(top_k=2).top_k == 2  # and a flag beats all


def test_a_missing_user_file_is_fine(user_config: Path) -> None:
    assert not user_config.exists()
    assert load_settings().top_k == 5
    user_config.parent.rmdir()
    assert load_settings().top_k == 5


def test_a_broken_user_file_is_named(user_config: Path) -> None:
    user_config.write_text("top_k = \n")
    with pytest.raises(NewsqaError, match="cannot be read") as error:
        load_settings()
    assert str(user_config) in str(error.value)


def test_a_bad_value_is_reported_with_the_file_that_set_it(user_config: Path) -> None:
    user_config.write_text('top_k = "lots"\nno_such_setting = 1\n')
    with pytest.raises(NewsqaError) as error:
        load_settings()
    message = str(error.value)
    assert f"- top_k (in {user_config})" in message
    assert f"- no_such_setting (in {user_config})" in message


def test_a_bad_value_is_traced_to_the_source_that_wins(
    user_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_config.write_text("top_k = 9\n")
    Path("newsqa.toml").write_text("top_k = 0\n")
    with pytest.raises(NewsqaError, match=r"- top_k \(in newsqa.toml\)"):
        load_settings()
    monkeypatch.setenv("NEWSQA_TOP_K", "lots")
    with pytest.raises(NewsqaError, match=r"- top_k \(environment NEWSQA_TOP_K\)"):
        load_settings()


def test_secrets_in_the_user_file_are_refused(user_config: Path) -> None:
    user_config.write_text('llm_api_key = "sk-in-a-file"\n')
    with pytest.raises(NewsqaError, match="NEWSQA_LLM_API_KEY in the environment") as error:
        load_settings()
    assert str(user_config) in str(error.value) and "sk-in-a-file" not in str(error.value)
    user_config.write_text('[vector_store]\ntoken = "tok-in-a-file"\n')
    with pytest.raises(NewsqaError, match="NEWSQA_VECTOR_STORE__TOKEN in the environment"):
        load_settings()
