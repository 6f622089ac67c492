"""Shared fixtures: isolated settings per test, the sample articles, the real models' cache."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.settings import Settings, load_settings

# The live server and browser, one of each per test run, and a local web server of news.
pytest_plugins = ["tests.live", "tests.webserver", "tests.embedding_server"]

REPO = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLES = REPO / "data" / "articles"
SHARED_DATASETS = REPO.parent / "shared" / "datasets"
# Models assembled from their parts are kept across test runs (1.1 GB for the default LLM).
MODEL_CACHE = Path(os.environ.get("NEWSQA_TEST_MODEL_CACHE", REPO / ".cache" / "models"))


@pytest.fixture(scope="session", autouse=True)
def _no_user_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test, nor any process a test starts, reads the developer's ~/.config/newsqa/."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
        yield


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's NEWSQA_* variables or ./newsqa.toml."""
    for name in list(os.environ):
        if name.startswith("NEWSQA_") and name != "NEWSQA_TEST_MODEL_CACHE":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", model_cache_dir=MODEL_CACHE)


@pytest.fixture
def sample_articles() -> Path:
    return SAMPLE_ARTICLES
