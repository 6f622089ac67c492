"""Integration tests use the real embedding model, a real Chroma on disk and SmolLM2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import MODEL_CACHE
from ui.cli import cli


class NewsqaRunner:
    """Runs ``newsqa`` commands against one data directory, as a user would."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.runner = CliRunner()
        self.env = {"NEWSQA_DATA_DIR": str(data_dir), "NEWSQA_MODEL_CACHE_DIR": str(MODEL_CACHE)}

    def __call__(self, *args: str) -> Result:
        return self.runner.invoke(cli, list(args), env=self.env, catch_exceptions=False)


@pytest.fixture
def newsqa(tmp_path: Path) -> NewsqaRunner:
    return NewsqaRunner(tmp_path / "data")
