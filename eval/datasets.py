"""Evaluation questions in the canonical format, and the fixed samples drawn from them.

A question line: ``{"id", "question", "answers": [..], "answerable": bool,
"gold_doc_ids": [..]}``; extra fields are ignored.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from pydantic import BaseModel, ValidationError

from rag.errors import NewsqaError


class Question(BaseModel, extra="ignore"):
    id: str
    question: str
    answers: list[str] = []
    answerable: bool = True
    gold_doc_ids: list[str] = []
    # open questions: the kind a question should be read as, and what a good answer holds
    category: str | None = None
    kind: str | None = None
    nuggets: list[dict] = []
    wrong: list[str] = []


def load_questions(path: Path) -> list[Question]:
    """Every question of the file; a malformed line is an error naming the line."""
    if not path.is_file():
        raise NewsqaError(f"Questions file not found: {path}")
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if isinstance(record.get("id"), int):
                record["id"] = str(record["id"])
            questions.append(Question.model_validate(record))
        except (ValueError, AttributeError, ValidationError) as exc:
            raise NewsqaError(f"{path}, line {number}: not a valid question ({exc})") from exc
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise NewsqaError(f"{path}: question ids are not unique")
    return questions


def select(
    questions: list[Question], limit: int | None, sample: int | None, seed: int
) -> list[Question]:
    """A reproducible subset: ``sample`` drawn with ``seed`` (file order kept), then ``limit``."""
    chosen = questions
    if sample is not None and sample < len(questions):
        picked = set(random.Random(seed).sample(range(len(questions)), sample))
        chosen = [q for i, q in enumerate(questions) if i in picked]
    return chosen[:limit] if limit is not None else chosen
