"""Scoring answers to open questions by nuggets, after TREC 2024 RAG's nugget evaluation.

An open question ("what happened", "what did X say", "summarize") has no one
right string. Its answer is judged by the facts a good answer contains, its
*nuggets*: each an atomic fact, marked vital (a good answer must have it) or
okay. TREC judges whether a nugget is supported with a model; here each nugget
carries the strings that show it (``any``: one of them, and, when one word is
too loose, ``and``: one of those as well), matched after SQuAD normalisation on
word boundaries, so the score needs no model and is the same on every run.
Like TREC's "strict" scores, a nugget counts only when fully there.

- nugget recall: the share of a question's nuggets the answer holds ("All")
- vital recall: the same over its vital nuggets ("Vital")
- an abstention holds no nugget; a failed question neither
- wrong: the answer holds a string that only a wrong answer would (a
  misattribution, a figure from an outdated report)
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from eval.metrics import mean, normalize_answer
from rag.answer.citations import strip_markers
from rag.answer.verify import split_answer


class Nugget(BaseModel, populate_by_name=True):
    text: str
    vital: bool = True
    any: list[str]
    also: list[str] = Field(default_factory=list, alias="and")


def _holds(answer: str, strings: list[str]) -> bool:
    said = f" {answer} "
    return any(f" {n} " in said for s in strings if (n := normalize_answer(s)))


def found(answer: str, nugget: Nugget) -> bool:
    """The answer holds the nugget: one of its strings (and one of its ``and`` strings)."""
    said = normalize_answer(strip_markers(answer))
    return _holds(said, nugget.any) and (not nugget.also or _holds(said, nugget.also))


def nugget_scores(answer: str, nuggets: list[Nugget]) -> dict[str, float | None]:
    vital = [n for n in nuggets if n.vital]
    return {
        "nugget_recall": mean(1.0 if found(answer, n) else 0.0 for n in nuggets),
        "vital_recall": mean(1.0 if found(answer, n) else 0.0 for n in vital),
    }


def wrong_statements(answer: str, wrong: list[str]) -> int:
    """How many of the strings only a wrong answer holds this answer holds."""
    said = normalize_answer(strip_markers(answer))
    return sum(1 for w in wrong if _holds(said, [w]))


def score_open(row: dict[str, Any]) -> dict[str, Any]:
    """A row's nugget scores (an abstention or a failure holds no nugget)."""
    nuggets = [Nugget.model_validate(n) for n in row.get("nuggets") or []]
    answer = "" if row["failed"] or row["abstained"] else row["response"]
    scores: dict[str, Any] = nugget_scores(answer, nuggets) if nuggets else {}
    scores["wrong"] = wrong_statements(answer, row.get("wrong") or [])
    scores["sentences"] = len(split_answer(answer)) if answer else 0
    expected = row.get("expected_kind")
    if expected and row.get("kind"):
        scores["kind_right"] = row["kind"] == expected
    return scores


OPEN_METRICS = (
    "answered",
    "nugget_recall",
    "vital_recall",
    "answers_with_wrong",
    "sentences_per_answer",
    "kind_accuracy",
)


def open_metrics(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    """Aggregates over the rows of open questions (those with nuggets or a kind label)."""
    open_rows = [r for r in rows if r.get("nuggets") or r.get("expected_kind")]
    if not open_rows:
        return {}
    answerable = [r for r in open_rows if r["answerable"]]
    answered = [r for r in answerable if not (r["failed"] or r["abstained"])]
    scores = [r.get("scores") or score_open(r) for r in answerable]
    every = [r.get("scores") or score_open(r) for r in open_rows]
    kinds = [s["kind_right"] for s in every if "kind_right" in s]
    return {
        "answered": len(answered) / len(answerable) if answerable else None,
        "nugget_recall": mean(s.get("nugget_recall") for s in scores),
        "vital_recall": mean(s.get("vital_recall") for s in scores),
        "answers_with_wrong": mean(1.0 if s["wrong"] else 0.0 for s in scores),
        "sentences_per_answer": mean(s["sentences"] for s in scores if s["sentences"]),
        "kind_accuracy": mean(1.0 if k else 0.0 for k in kinds),
    }
