"""Run a QA dataset through a pipeline and record one scored row per question.

Rows are appended to ``results.jsonl`` as each question finishes, so an
interrupted run leaves everything done so far, and ``resume`` picks it up.
A question that raises is recorded as failed with its error; the run goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval import metrics
from eval.corpus import corpus_texts
from eval.datasets import Question, load_questions, select
from eval.nuggets import score_open
from eval.options import EvalOptions
from eval.pipelines import Pipeline, build_pipeline
from eval.ragas_scores import RagasScorer
from eval.report import write_reports
from eval.results import RESULTS_FILE, append_row, load_results, row_line
from rag.errors import NewsqaError
from rag.settings import Settings

logger = logging.getLogger(__name__)

OnRow = Callable[[dict[str, Any], int, int], None]


def run_eval(
    settings: Settings,
    options: EvalOptions,
    on_row: OnRow | None = None,
    pipeline: Pipeline | None = None,
) -> dict:
    """Evaluate and write results.jsonl, metrics.json, report.md and report.html.

    ``pipeline`` defaults to the one ``options`` describe (built only if a question is left).
    With ``options.ragas``, ragas is loaded first, so a missing install stops the run at once.
    """
    ragas = RagasScorer() if options.ragas else None
    questions = select(
        load_questions(options.questions), options.limit, options.sample, options.seed
    )
    options.out.mkdir(parents=True, exist_ok=True)
    results_path = options.out / RESULTS_FILE
    done = _previous_rows(results_path, questions) if options.resume else []
    if not options.resume:
        results_path.write_text("")
    done_ids = {row["id"] for row in done}
    todo = [q for q in questions if q.id not in done_ids]
    run = _describe(settings, options, len(questions))
    began = time.perf_counter()
    rows = list(done)
    try:
        if todo and pipeline is None:
            pipeline = build_pipeline(settings, options)
        with results_path.open("a", encoding="utf-8") as results:
            for question in todo:
                row = evaluate_question(pipeline, question, options.retrieval_only)
                append_row(results, row)
                rows.append(row)
                if on_row:
                    on_row(row, len(rows), len(questions))
    except KeyboardInterrupt:
        run |= {"interrupted": True, "seconds": round(time.perf_counter() - began, 2)}
        write_reports(options.out, run, rows)
        raise NewsqaError(
            f"Interrupted after {len(rows)} of {len(questions)} questions; "
            f"results so far are in {results_path}. Continue with --resume."
        ) from None
    run["seconds"] = round(time.perf_counter() - began, 2)
    if ragas is None:
        return write_reports(options.out, run, rows)
    gold_texts = corpus_texts(options.corpus) if options.corpus.exists() else {}
    return write_reports(options.out, run, rows, ragas.score(rows, gold_texts))


def _previous_rows(path: Path, questions: list[Question]) -> list[dict[str, Any]]:
    """Rows of an earlier run of the same questions; failed ones are tried again."""
    wanted = {q.id for q in questions}
    rows = [row for row in load_results(path.parent) if row["id"] in wanted and not row["failed"]]
    path.write_text("".join(row_line(row) for row in rows), encoding="utf-8")
    return rows


def _describe(settings: Settings, options: EvalOptions, count: int) -> dict[str, Any]:
    return {
        "pipeline": options.baseline or "newsqa",
        "dataset": options.questions.parent.name,
        "corpus": str(options.corpus),
        "questions": str(options.questions),
        "question_count": count,
        "retriever": settings.retriever if not options.baseline else "llama-index default",
        "llm": None if options.retrieval_only else settings.llm_model,
        "retrieval_only": options.retrieval_only,
        "use_titles": options.use_titles,
        "limit": options.limit,
        "sample": options.sample,
        "seed": options.seed,
        "top_k": settings.top_k,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": options.command,
    }


def evaluate_question(pipeline: Pipeline, question: Question, retrieval_only: bool) -> dict:
    row: dict[str, Any] = {
        "id": question.id,
        "user_input": question.question,
        "answers": question.answers,
        "reference": question.answers[0] if question.answers else "",
        "answerable": question.answerable,
        "gold_doc_ids": question.gold_doc_ids,
        "category": question.category,
        "expected_kind": question.kind,
        "nuggets": question.nuggets,
        "wrong": question.wrong,
        "response": "",
        "abstained": False,
        "citations": [],
        "retrieved_contexts": [],
        "retrieved_doc_ids": [],
        "cited_doc_ids": [],
        "cited_texts": [],
        "timings": {"retrieval": None, "first_token": None, "total": None},
        "usage": {"prompt_tokens": 0, "completion_tokens": 0},
        "scored_answers": not retrieval_only,
        "failed": False,
        "error": None,
    }
    try:
        row |= pipeline.run(question.question, retrieval_only)
    except Exception as exc:  # recorded, never dropped: the run goes on
        logger.warning("Question %s failed: %s", question.id, exc)
        row |= {"failed": True, "error": f"{type(exc).__name__}: {exc}"}
    row["scores"] = score(row)
    return row


def score(row: dict[str, Any]) -> dict[str, Any]:
    retrieved, gold = row["retrieved_doc_ids"], row["gold_doc_ids"]
    scores: dict[str, Any] = {
        f"recall@{k}": metrics.recall_at_k(retrieved, gold, k) for k in (1, 3, 5, 10)
    }
    scores["rr@10"] = metrics.reciprocal_rank(retrieved, gold, 10)
    if row["scored_answers"] and row["answerable"] and not row["failed"]:
        answer = "" if row["abstained"] else row["response"]
        scores["correct"] = metrics.contains_answer(answer, row["answers"])
        scores["exact_match"] = metrics.exact_match(answer, row["answers"])
        scores["f1"] = metrics.token_f1(answer, row["answers"])
    if row["scored_answers"] and (row["nuggets"] or row["expected_kind"]):
        scores |= score_open(row)
    return scores
