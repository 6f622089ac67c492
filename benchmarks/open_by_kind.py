"""The open-question runs, question category by category: answered, nugget recall,
wrong statements, and time to the first checked sentence and to the whole answer.

    .venv/bin/python -m benchmarks.open_by_kind RUN...

Each RUN is an eval output folder (its results.jsonl); rows of all runs are pooled,
one table line per category, then the total.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from statistics import median

from eval.nuggets import open_metrics

COLUMNS = ("questions", "answered", "nugget recall", "vital recall", "with wrong",
           "first sentence p50 (s)", "total p50 (s)")  # fmt: skip


def rows_of(runs: list[Path]) -> list[dict]:
    return [
        json.loads(line)
        for run in runs
        for line in (run / "results.jsonl").read_text().splitlines()
        if line.strip()
    ]


def _p50(rows: list[dict], timing: str) -> float | None:
    values = [r["timings"].get(timing) for r in rows if r.get("timings")]
    values = [v for v in values if v is not None]
    return median(values) if values else None


def line_of(rows: list[dict]) -> tuple:
    metrics = open_metrics(rows)
    return (
        len(rows),
        metrics.get("answered"),
        metrics.get("nugget_recall"),
        metrics.get("vital_recall"),
        metrics.get("answers_with_wrong"),
        _p50(rows, "first_sentence"),
        _p50(rows, "total"),
    )


def table(rows: list[dict]) -> list[tuple[str, tuple]]:
    categories = sorted({r.get("category") or "?" for r in rows})
    lines = [(c, line_of([r for r in rows if (r.get("category") or "?") == c])) for c in categories]
    return [*lines, ("all", line_of(rows))]


def _cell(value) -> str:
    if value is None:
        return "–"
    return str(value) if isinstance(value, int) else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="+", type=Path)
    args = parser.parse_args()
    print("| category | " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---:|" * len(COLUMNS))
    for category, values in table(rows_of(args.runs)):
        print(f"| {category} | " + " | ".join(_cell(v) for v in values) + " |")


if __name__ == "__main__":
    main()
