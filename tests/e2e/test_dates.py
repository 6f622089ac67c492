"""Questions whose right answer depends on the date, with the default model.

The corpus: the same race in two years, and a report superseded by a later one.
"Now" is the newest article's day (2024-11-20) unless a question is asked as of
another day.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.planner import ingest_files
from rag.app import Newsqa
from rag.settings import load_settings
from rag.types import AskOptions
from tests.conftest import MODEL_CACHE
from ui.cli import cli

pytestmark = pytest.mark.e2e

CORPUS = Path(__file__).parents[1] / "data" / "dated" / "articles.jsonl"


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Newsqa:
    settings = load_settings(data_dir=tmp_path_factory.mktemp("data"), model_cache_dir=MODEL_CACHE)
    app = Newsqa(settings)
    assert ingest_files(app, [CORPUS]).ok
    return app


@pytest.mark.parametrize(
    ("question", "winner", "loser"),
    [
        # 2024 (Tola) is asked as "last year" as of 2025 in test_as_of_moves_now
        ("Who won the Lakeside Marathon in 2023?", "Kiptoo", "Tola"),
        ("Who won the Lakeside Marathon last year?", "Kiptoo", "Tola"),  # now: 2024-11-20
    ],
)
def test_the_asked_year_decides_the_answer(app: Newsqa, question, winner, loser) -> None:
    answer = app.answers.ask(question)
    assert not answer.abstained, answer
    said = answer.answer
    assert winner in said and (loser not in said or said.index(winner) < said.index(loser)), said


def test_as_of_moves_now(app: Newsqa) -> None:
    answer = app.answers.ask(
        "Who won the Lakeside Marathon last year?", options=AskOptions(as_of=date(2025, 3, 1))
    )
    assert "2024" in (answer.standalone_question or ""), "last year, as of March 2025"
    assert not answer.abstained and "Tola" in answer.answer, answer.answer


def test_a_year_the_articles_do_not_cover_is_declined_and_named(app: Newsqa, tmp_path) -> None:
    env = {
        "NEWSQA_DATA_DIR": str(app.settings.data_dir),
        "NEWSQA_MODEL_CACHE_DIR": str(MODEL_CACHE),
    }
    question = "Who won the Lakeside Marathon in 2022?"
    result = CliRunner().invoke(cli, ["ask", question, "--json"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["abstained"], answer["answer"]
    mismatch = answer["period_mismatch"]
    assert mismatch["asked"] == "2022" and set(mismatch["found"]) & {"2023", "2024"}, mismatch
    assert "2022" in answer["answer"] and answer["related"]


def test_the_newer_report_is_the_current_state(app: Newsqa) -> None:
    answer = app.answers.ask("How long will the Harbour Bridge repairs take?")
    assert not answer.abstained, answer
    said = answer.answer
    assert "four months" in said, said
    assert all(c.date for c in answer.citations), "every citation carries its date"
    # The earlier estimate is named with its day, after the current one with its own.
    assert "20 November 2024" in said and "4 November 2024" in said, said
    assert said.index("four months") < said.index("six weeks", said.index("4 November 2024"))
    assert {c.date for c in answer.citations} == {"2024-11-20", "2024-11-04"}
