"""Relative dates ("on Tuesday") resolved in the evidence, or in the answer afterwards?

    .venv/bin/python -m benchmarks.relative_dates

Questions whose answer is a day that the articles give only relatively
(tests/data/dated/relative_questions.jsonl, over the dated test articles), asked
with the default model two ways:

- evidence: the model reads "on Tuesday (18 February 2025)" (newsqa's way);
- post-step: the model reads the article as written, and the relative dates of
  the answer are resolved afterwards against its cited source's day.

An answer is right when it states the expected day in full.
"""

from __future__ import annotations

import json
import tempfile
import time
from datetime import date
from pathlib import Path
from unittest import mock

from ingest.planner import ingest_files
from rag.answer import evidence, verify
from rag.app import Newsqa
from rag.dates import article_day
from rag.settings import load_settings
from rag.timeframes import annotate, day_label
from rag.types import Answer

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "dated"
ARTICLES = [DATA / "articles.jsonl", DATA / "relative_articles.jsonl"]
QUESTIONS = DATA / "relative_questions.jsonl"


def states(answer: str, day: date) -> bool:
    full = [day_label(day), f"{day:%B} {day.day}, {day.year}", day.isoformat()]
    return any(form in answer for form in full)


def resolved_afterwards(answer: Answer) -> str:
    """The answer with each sentence's relative dates resolved against its first source."""
    by_number = {c.n: c for c in answer.citations}
    pieces = []
    for sentence in answer.sentences:
        cited = [by_number[n] for n in sentence.citations if n in by_number]
        published = article_day(cited[0].date) if cited else None
        pieces.append(annotate(sentence.text, published) if published else sentence.text)
    return " ".join(pieces) or answer.answer


def main() -> None:
    questions = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line]
    with tempfile.TemporaryDirectory() as data_dir:
        app = Newsqa(load_settings(data_dir=Path(data_dir)))
        ingest_files(app, ARTICLES)
        for way in ("evidence", "post-step"):
            right, seconds = 0, []
            for item in questions:
                began = time.perf_counter()
                if way == "evidence":
                    answer = app.answers.ask(item["question"])
                    said = answer.answer
                else:
                    as_written = mock.patch.object(evidence, "dated", lambda text, passage: text)
                    also = mock.patch.object(verify, "dated", lambda text, passage: text)
                    with as_written, also:
                        answer = app.answers.ask(item["question"])
                    said = resolved_afterwards(answer)
                seconds.append(time.perf_counter() - began)
                ok = states(said, date.fromisoformat(item["day"]))
                right += ok
                print(f"  [{way}] {'right' if ok else 'wrong'}: {item['question']} -> {said}")
            median = sorted(seconds)[len(seconds) // 2]
            print(f"{way}: {right}/{len(questions)} right, median {median:.1f} s a question")


if __name__ == "__main__":
    main()
