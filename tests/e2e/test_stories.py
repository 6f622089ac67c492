"""Stories in answers, with the default model: distinct reports first, copies named,
disagreements shown side by side and none where the reports agree.

The corpus: the planted ferry story (a wire report, its copies and a paraphrase,
an independent report with another death toll) and pairs of reports of other
events (tests/data/stories).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.disagreements import holds
from ingest.planner import ingest_files
from rag.app import Newsqa
from rag.settings import load_settings
from tests.conftest import MODEL_CACHE
from ui.cli import cli

pytestmark = pytest.mark.e2e

STORIES = Path(__file__).parents[1] / "data" / "stories"
WIRE_STORY = {"ferry-wire", "ferry-copy", "ferry-trimmed", "ferry-paraphrase"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("data")
    app = Newsqa(load_settings(data_dir=data_dir, model_cache_dir=MODEL_CACHE))
    assert ingest_files(app, [STORIES / "planted.jsonl", STORIES / "conflicts.jsonl"]).ok
    return data_dir


def test_a_death_toll_two_reports_disagree_on_is_shown_with_both_sources(data_dir) -> None:
    env = {"NEWSQA_DATA_DIR": str(data_dir), "NEWSQA_MODEL_CACHE_DIR": str(MODEL_CACHE)}
    question = "How many people died when the Sea Lark ferry capsized?"
    result = CliRunner().invoke(cli, ["ask", "--json", question], env=env)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert not answer["abstained"], answer["answer"]
    [disagreement] = answer["disagreements"]
    claims = [c["text"] for c in disagreement["claims"]]
    assert holds(claims, "12") and holds(claims, "15"), claims
    cited = {c["n"]: c for c in answer["citations"]}
    sources = {cited[c["citation"]]["article_id"] for c in disagreement["claims"]}
    assert "ferry-conflict" in sources and sources & WIRE_STORY, sources
    wire = next(c for c in answer["citations"] if c["article_id"] in WIRE_STORY)
    also_in = {a["article_id"] for a in wire["also_in"]}
    assert also_in and also_in < WIRE_STORY - {wire["article_id"]}, "copies carrying the text"
    assert "ferry-paraphrase" not in also_in, "a paraphrase does not carry the same text"
    evidence = [c for c in answer["citations"] if c["story_id"] == wire["story_id"]]
    assert len(evidence) == 1, "one report, cited once"


def test_reports_that_agree_raise_no_disagreement(data_dir) -> None:
    app = Newsqa(load_settings(data_dir=data_dir, model_cache_dir=MODEL_CACHE))
    answer = app.answers.ask("How many homes lost power in the Lund county storm?")
    assert not answer.abstained and "40,000" in answer.answer, answer.answer
    assert answer.disagreements == []
