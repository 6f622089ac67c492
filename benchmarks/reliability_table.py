"""Print the Markdown table of docs/RELIABILITY.md from a reliability test run's log.

NEWSQA_RELIABILITY_LOG=.cache/reliability.jsonl make test-reliability
.venv/bin/python -m benchmarks.reliability_table .cache/reliability.jsonl

The log holds one JSON object per test: what it injected, how many trials, what
it measured. The last row of each test wins, so a log appended to by several
runs shows the latest one.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

MAX_CELL = 700


def compact(value: Any) -> str:
    """A measured value on one line: dicts as ``key: value; ...``, lists comma-separated."""
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_nested(inner)}" for key, inner in value.items())
    if isinstance(value, list):
        return "[" + ", ".join(compact(item) for item in value) + "]"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _nested(value: Any) -> str:
    return f"({compact(value)})" if isinstance(value, dict) else compact(value)


def cell(text: str) -> str:
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("log", type=Path)
    args = parser.parse_args()
    latest: dict[str, dict] = {}
    for line in args.log.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            latest[row["test"]] = row
    print("| test | injected | trials | measured |")
    print("|---|---|---:|---|")
    for name, row in latest.items():
        print(
            f"| `{name}` | {cell(row['injected'])} | {row['trials']} "
            f"| {cell(compact(row['measured']))} |"
        )


if __name__ == "__main__":
    main()
