"""The evaluation runner with a scripted pipeline: rows, failures, resume, interruption."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.datasets import load_questions, select
from eval.runner import EvalOptions, run_eval
from rag.errors import NewsqaError

QUESTIONS = [
    {
        "id": "q1",
        "question": "Where was Super Bowl LV?",
        "answers": ["Tampa"],
        "answerable": True,
        "gold_doc_ids": ["d1"],
        "extra": "ignored",
    },
    {
        "id": "q2",
        "question": "Who won?",
        "answers": ["Buccaneers"],
        "answerable": True,
        "gold_doc_ids": ["d2"],
    },
    {
        "id": "q3",
        "question": "What is unknowable?",
        "answers": [],
        "answerable": False,
        "gold_doc_ids": [],
    },
    {
        "id": "q4",
        "question": "This one breaks",
        "answers": ["x"],
        "answerable": True,
        "gold_doc_ids": ["d4"],
    },
]


class ScriptedPipeline:
    def __init__(self, interrupt_at: str | None = None) -> None:
        self.asked: list[str] = []
        self.interrupt_at = interrupt_at

    def run(self, question: str, retrieval_only: bool) -> dict:
        self.asked.append(question)
        if question == self.interrupt_at:
            raise KeyboardInterrupt
        if "breaks" in question:
            raise RuntimeError("model crashed")
        replies = {
            "Where was Super Bowl LV?": ("It was in Tampa, Florida [1].", False, ["d1", "d9"]),
            "Who won?": ("The Chiefs [1].", False, ["d9", "d2"]),
            "What is unknowable?": ("The articles do not contain the answer.", True, ["d5"]),
        }
        answer, abstained, docs = replies[question]
        return {
            "response": answer,
            "abstained": abstained,
            "retrieved_doc_ids": docs,
            "timings": {"retrieval": 0.01, "first_token": 0.5, "total": 1.0},
        }


@pytest.fixture
def options(tmp_path: Path) -> EvalOptions:
    questions = tmp_path / "set" / "questions.jsonl"
    questions.parent.mkdir()
    questions.write_text("\n".join(json.dumps(q) for q in QUESTIONS) + "\n")
    corpus = tmp_path / "set" / "corpus.jsonl"
    corpus.write_text('{"id": "d1", "text": "Tampa hosted it."}\n')
    return EvalOptions(
        corpus=corpus, questions=questions, out=tmp_path / "run", command="newsqa eval"
    )


def rows_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in (path / "results.jsonl").read_text().splitlines()]


def test_every_question_gets_a_row_and_failures_are_kept(options, settings) -> None:
    metrics = run_eval(settings, options, pipeline=ScriptedPipeline())
    rows = rows_of(options.out)
    assert [r["id"] for r in rows] == ["q1", "q2", "q3", "q4"]
    failed = rows[3]
    assert failed["failed"] and failed["error"] == "RuntimeError: model crashed"
    assert rows[0]["scores"]["correct"] is True and rows[1]["scores"]["correct"] is False
    assert rows[0]["reference"] == "Tampa" and rows[0]["user_input"].startswith("Where")
    assert metrics["questions"] == 4 and metrics["failed"] == 1
    assert metrics["recall@1"] == pytest.approx(1 / 3)  # q1 hit at 1; q2 at 2; q4 failed
    assert metrics["accuracy"] == pytest.approx(1 / 3)  # q1 right, q2 wrong, q4 failed
    assert metrics["abstained_on_unanswerable"] == 1.0
    saved = json.loads((options.out / "metrics.json").read_text())
    assert saved["metrics"] == metrics and saved["run"]["command"] == "newsqa eval"
    assert (options.out / "report.md").is_file() and (options.out / "report.html").is_file()


def test_interrupt_leaves_readable_rows_and_resume_finishes(options, settings) -> None:
    with pytest.raises(NewsqaError, match="--resume"):
        run_eval(settings, options, pipeline=ScriptedPipeline(interrupt_at="What is unknowable?"))
    assert [r["id"] for r in rows_of(options.out)] == ["q1", "q2"]

    resumed = ScriptedPipeline()
    resume = EvalOptions(**{**options.__dict__, "resume": True})
    metrics = run_eval(settings, resume, pipeline=resumed)
    assert resumed.asked == ["What is unknowable?", "This one breaks"]
    assert [r["id"] for r in rows_of(options.out)] == ["q1", "q2", "q3", "q4"]
    assert metrics["questions"] == 4

    again = ScriptedPipeline()
    run_eval(settings, resume, pipeline=again)
    assert again.asked == ["This one breaks"], "only the failed question is retried"


def test_resume_continues_a_run_written_with_ragas_0_1_names(options, settings) -> None:
    with pytest.raises(NewsqaError):
        run_eval(settings, options, pipeline=ScriptedPipeline(interrupt_at="What is unknowable?"))
    old_names = {"user_input": "question", "response": "answer", "reference": "ground_truth"}
    old_names["retrieved_contexts"] = "contexts"
    old = [{old_names.get(k, k): v for k, v in row.items()} for row in rows_of(options.out)]
    (options.out / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in old))

    resumed = ScriptedPipeline()
    resume = EvalOptions(**{**options.__dict__, "resume": True})
    metrics = run_eval(settings, resume, pipeline=resumed)
    assert resumed.asked == ["What is unknowable?", "This one breaks"]
    rows = rows_of(options.out)
    assert [r["id"] for r in rows] == ["q1", "q2", "q3", "q4"]
    assert all("question" not in r and "answer" not in r for r in rows)
    assert rows[0]["response"] == "It was in Tampa, Florida [1]."
    assert rows[0]["reference"] == "Tampa"
    assert metrics["accuracy"] == pytest.approx(1 / 3)


def test_samples_are_reproducible(options) -> None:
    questions = load_questions(options.questions)
    assert [q.id for q in select(questions, None, 2, seed=7)] == [
        q.id for q in select(questions, None, 2, seed=7)
    ]
    assert len(select(questions, 1, 3, seed=1)) == 1
    assert select(questions, None, None, 0) == questions


def test_bad_question_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "a", "question": "ok"}\n{"id": "b"}\n')
    with pytest.raises(NewsqaError, match="line 2"):
        load_questions(path)
