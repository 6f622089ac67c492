"""How often the question analysis reads a question's kind right.

    .venv/bin/python -m benchmarks.question_kinds [--show-errors]

On the labelled open questions (benchmarks/data/open/*.jsonl, their ``kind``) it
prints the share read right, by kind; on the short-fact yardsticks (every
question of rgb-en-fact, squad2-dev-500 and rtqa-feb2024) the share read as a
fact, since those ask for one short fact each.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from rag.answer.question import QuestionKind, analyse_question
from rag.language.parser import Parser

REPO = Path(__file__).resolve().parent.parent
OPEN = REPO / "benchmarks" / "data" / "open"
YARDSTICKS = REPO.parent / "shared" / "datasets"


def _questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    english = Parser()
    right: Counter = Counter()
    total: Counter = Counter()
    errors = []
    for path in sorted(OPEN.glob("*.jsonl")):
        for q in _questions(path):
            if "kind" not in q or "nuggets" not in q:
                continue
            got = analyse_question(q["question"], english).kind
            total[q["kind"]] += 1
            right[q["kind"]] += got == q["kind"]
            if got != q["kind"]:
                errors.append((q["question"], q["kind"], got))
    print(f"open questions: {sum(right.values())}/{sum(total.values())} kinds right")
    for kind in total:
        print(f"  {kind:11} {right[kind]:3}/{total[kind]}")
    for name in ("rgb-en-fact", "squad2-dev-500", "rtqa-feb2024"):
        path = YARDSTICKS / name / "questions.jsonl"
        if path.is_file():
            kinds = Counter(analyse_question(q["question"], english).kind for q in _questions(path))
            facts = kinds[QuestionKind.FACT]
            share = facts / sum(kinds.values())
            print(
                f"{name}: {facts}/{sum(kinds.values())} read as facts ({share:.3f}); {dict(kinds)}"
            )
    if args.show_errors:
        for question, wanted, got in errors:
            print(f"- {question!r}: {wanted}, read as {got}")


if __name__ == "__main__":
    main()
