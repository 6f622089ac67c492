"""results.jsonl: rows are written in RAGAS's current names, and older runs' rows read in them."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from eval.datasets import Question
from eval.results import CURRENT_NAMES, append_row, load_results, with_current_names
from eval.runner import evaluate_question
from rag.errors import NewsqaError

OLD_NAMES = {current: old for old, current in CURRENT_NAMES.items()}


class OnePipeline:
    """Answers every question the same way, with two retrieved passages."""

    def run(self, question: str, retrieval_only: bool) -> dict:
        return {
            "response": "Tampa hosted it [1].",
            "retrieved_contexts": ["Tampa hosted Super Bowl LV.", "Kansas City lost."],
            "retrieved_doc_ids": ["d1", "d2"],
        }


def written_rows(path: Path, count: int = 3) -> list[dict]:
    """Rows as the runner writes them, appended to ``path``/results.jsonl."""
    rows = []
    with (path / "results.jsonl").open("a", encoding="utf-8") as results:
        for n in range(count):
            question = Question(id=f"q{n}", question=f"Where was game {n}?", answers=["Tampa"])
            row = evaluate_question(OnePipeline(), question, retrieval_only=False)
            append_row(results, row)
            rows.append(row)
    return rows


def test_rows_are_written_with_ragas_current_names_only(tmp_path: Path) -> None:
    row = written_rows(tmp_path, count=1)[0]
    saved = json.loads((tmp_path / "results.jsonl").read_text(encoding="utf-8"))
    assert saved == row
    assert saved["user_input"] == "Where was game 0?" and saved["reference"] == "Tampa"
    assert saved["response"] == "Tampa hosted it [1]."
    assert saved["retrieved_contexts"] == ["Tampa hosted Super Bowl LV.", "Kansas City lost."]
    assert not set(CURRENT_NAMES) & set(saved), "no RAGAS 0.1 name is written"


def test_rows_of_an_older_run_are_read_in_current_names(tmp_path: Path) -> None:
    current = written_rows(tmp_path)
    old = [{OLD_NAMES.get(name, name): value for name, value in row.items()} for row in current]
    assert {"question", "answer", "contexts", "ground_truth"} <= set(old[0])
    (tmp_path / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in old))
    assert load_results(tmp_path) == current
    assert with_current_names(current[0]) is current[0]


def test_load_results_skips_truncated_last_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rows = written_rows(tmp_path)
    text = (tmp_path / "results.jsonl").read_text(encoding="utf-8")
    (tmp_path / "results.jsonl").write_text(text[: -len(json.dumps(rows[2])) // 2])
    with caplog.at_level(logging.WARNING, logger="eval.results"):
        loaded = load_results(tmp_path)
    assert loaded == rows[:2]
    assert "truncated" in caplog.text


def test_load_results_complete_missing_and_corrupt(tmp_path: Path) -> None:
    assert load_results(tmp_path) == []
    rows = written_rows(tmp_path)
    assert load_results(tmp_path) == rows
    lines = [json.dumps(r) for r in rows]
    lines[1] = lines[1][:30]
    (tmp_path / "results.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(NewsqaError, match="line 2"):
        load_results(tmp_path)
