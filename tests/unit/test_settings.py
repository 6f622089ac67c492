from pathlib import Path

import pytest

from rag.errors import NewsqaError
from rag.settings import load_settings


def test_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    settings = load_settings()
    assert settings.llm_model == "qwen2.5-coder-1.5b"
    assert settings.llm_temperature == 0.0
    assert settings.collection == "articles"
    assert settings.models_dir == Path.home() / ".cache" / "newsqa" / "models"  # one per user


def test_precedence_defaults_file_env_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("newsqa.toml").write_text(
        'top_k = 7\ncollection = "from-file"\nllm_model = "smollm2-135m"\n'
    )
    assert load_settings().top_k == 7

    monkeypatch.setenv("NEWSQA_COLLECTION", "from-env")
    monkeypatch.setenv("NEWSQA_DATA_DIR", str(tmp_path / "env-data"))
    settings = load_settings()
    assert settings.collection == "from-env"  # env beats the file
    assert settings.top_k == 7  # the file beats the default
    assert settings.data_dir == tmp_path / "env-data"
    assert settings.catalog_path == tmp_path / "env-data" / "catalog" / "from-env.sqlite3"

    settings = load_settings(collection="from-cli", top_k=None)
    assert settings.collection == "from-cli"  # a CLI flag beats everything
    assert settings.top_k == 7  # a flag not given changes nothing


def test_explicit_config_file(tmp_path: Path) -> None:
    config = tmp_path / "elsewhere.toml"
    config.write_text("chunk_size = 100\nchunk_overlap = 10\n")
    settings = load_settings(config)
    assert (settings.chunk_size, settings.chunk_overlap) == (100, 10)


def test_missing_config_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NewsqaError, match="Config file not found"):
        load_settings(tmp_path / "nope.toml")


def test_invalid_values_are_reported_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSQA_TOP_K", "lots")
    with pytest.raises(NewsqaError, match="top_k"):
        load_settings()
    monkeypatch.delenv("NEWSQA_TOP_K")
    Path("newsqa.toml").write_text("no_such_setting = 1\n")
    with pytest.raises(NewsqaError, match="no_such_setting"):
        load_settings()


def test_secrets_are_read_from_the_environment_only(tmp_path, monkeypatch) -> None:
    config = tmp_path / "shared.toml"
    config.write_text('auth = "admin:hunter2-in-a-file"\n')
    with pytest.raises(NewsqaError, match="NEWSQA_AUTH in the environment") as error:
        load_settings(config)
    assert "hunter2" not in str(error.value)
    monkeypatch.setenv("NEWSQA_AUTH", "admin:hunter2-from-env")
    settings = load_settings()
    assert settings.auth_pair == ("admin", "hunter2-from-env")
    assert "hunter2" not in repr(settings) and "hunter2" not in str(settings)


def test_invalid_secrets_are_reported_without_their_value(monkeypatch) -> None:
    monkeypatch.setenv("NEWSQA_AUTH", "hunter2-without-a-user")
    with pytest.raises(NewsqaError, match="auth is written user:password") as error:
        load_settings()
    assert "hunter2" not in str(error.value)


def test_vector_store_settings_come_from_a_table_and_its_token_from_the_environment(
    tmp_path, monkeypatch
) -> None:
    config = tmp_path / "newsqa.toml"
    config.write_text('[vector_store]\nmode = "server"\nhost = "chroma.internal"\nport = 8443\n')
    monkeypatch.setenv("NEWSQA_VECTOR_STORE__SSL", "true")
    monkeypatch.setenv("NEWSQA_VECTOR_STORE__TOKEN", "tok-from-env")
    server = load_settings(config).vector_store
    assert (server.mode, server.url, server.token) == (
        "server",
        "https://chroma.internal:8443",
        "tok-from-env",
    )
    assert "tok-from-env" not in repr(load_settings(config))
    config.write_text('[vector_store]\nmode = "server"\ntoken = "tok-in-a-file"\n')
    with pytest.raises(NewsqaError, match="NEWSQA_VECTOR_STORE__TOKEN in the environment") as error:
        load_settings(config)
    assert "tok-in-a-file" not in str(error.value)
