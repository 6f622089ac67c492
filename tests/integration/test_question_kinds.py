"""The question analysis on the labelled open questions and the short-fact yardsticks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.answer.question import QuestionKind, analyse_question
from rag.language.parser import Parser

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]


def _questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_the_kind_of_a_labelled_open_question_is_read_right() -> None:
    parser = Parser()
    labelled = [
        q
        for path in sorted((REPO / "benchmarks/data/open").glob("*.jsonl"))
        for q in _questions(path)
        if "kind" in q
    ]
    assert len(labelled) >= 80
    right = sum(analyse_question(q["question"], parser).kind == q["kind"] for q in labelled)
    assert right / len(labelled) >= 0.9, f"{right} of {len(labelled)}"


def test_a_multiple_choice_quiz_is_read_as_facts() -> None:
    path = REPO.parent / "shared" / "datasets" / "rtqa-feb2024" / "questions.jsonl"
    if not path.is_file():
        pytest.skip("the shared datasets are not beside the project")
    parser = Parser()
    kinds = {analyse_question(q["question"], parser).kind for q in _questions(path)}
    assert kinds == {QuestionKind.FACT}
