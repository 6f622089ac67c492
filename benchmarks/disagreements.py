"""Do answers report the disagreements planted in a corpus, and only those?

    .venv/bin/python -m benchmarks.disagreements

The planted story corpus (tests/data/stories/planted.jsonl) and pairs of
reports of one event by two outlets (conflicts.jsonl): some pairs give different
figures (a cost, a crowd size, a magnitude, a death toll), others the same
figures in other words. Each question of conflict-questions.jsonl is asked with
the default model. A planted disagreement is reported when the answer's
``disagreements`` hold both expected values; a false alarm is a disagreement
reported where the reports agree.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from ingest.planner import ingest_files
from rag.app import Newsqa
from rag.language.numbers import numbers_in
from rag.settings import load_settings

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "stories"
ARTICLES = [DATA / "planted.jsonl", DATA / "conflicts.jsonl"]
QUESTIONS = DATA / "conflict-questions.jsonl"


def holds(texts: list[str], value: str) -> bool:
    """One of ``texts`` gives the figure ``value`` ("19 million", "8,000", "6.1")."""
    wanted = _values(value)
    return any(wanted and wanted <= _values(text) for text in texts)


def _values(text: str) -> set[float]:
    numbers, small = numbers_in(text)
    return {v for forms in numbers for v in forms} | set(small)


def main() -> None:
    questions = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line]
    with tempfile.TemporaryDirectory() as data_dir:
        app = Newsqa(load_settings(data_dir=Path(data_dir)))
        ingest_files(app, ARTICLES)
        reported = alarms = planted = agreeing = 0
        for case in questions:
            answer = app.answers.ask(case["question"])
            claims = [c.text for d in answer.disagreements for c in d.claims]
            if case["differs"]:
                planted += 1
                found = all(holds(claims, value) for value in case["claims"])
                reported += found
                outcome = "reported" if found else "missed"
            else:
                agreeing += 1
                alarms += bool(claims)
                outcome = "false alarm" if claims else "none (right)"
            print(f"{outcome:>12}  {case['question']}\n              {answer.answer}")
    print(
        f"\nplanted disagreements reported: {reported}/{planted}; "
        f"false alarms: {alarms}/{agreeing} questions where the reports agree"
    )


if __name__ == "__main__":
    main()
