"""End to end with the default answer model (Qwen2.5-Coder-1.5B) on the sample articles."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from rag.catalog import Catalog
from rag.settings import load_settings
from tests.conftest import MODEL_CACHE
from ui.cli import cli

pytestmark = pytest.mark.e2e


def test_answer_found_in_one_article_is_given_and_cited(tmp_path, sample_articles) -> None:
    env = {"NEWSQA_DATA_DIR": str(tmp_path / "data"), "NEWSQA_MODEL_CACHE_DIR": str(MODEL_CACHE)}
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(sample_articles)], env=env).exit_code == 0
    # Only the ABC News article (003) says a Romanian official reported this demand.
    question = (
        "Whose official said Russia asked the U.S. to withdraw NATO forces from eastern Europe?"
    )
    result = runner.invoke(cli, ["ask", question, "--json"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert not answer["abstained"]
    assert "Romania" in answer["answer"]
    catalog = Catalog(load_settings(data_dir=tmp_path / "data").catalog_path)
    cited_files = {catalog.get(c["doc_id"]).source_path for c in answer["citations"]}
    assert any(path.endswith("003_714dff02719f62a1.txt") for path in cited_files)
    assert answer["timings"]["first_token"] < 60
