"""Print a Markdown table of chosen metrics for several evaluation runs (their metrics.json).

.venv/bin/python -m benchmarks.runs_table docs/runs/rgb-* --metrics recall@1,recall@5,accuracy
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eval.report import format_value

DEFAULT = "recall@1,recall@3,recall@5,recall@10,mrr@10"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="+", type=Path)
    parser.add_argument("--metrics", default=DEFAULT)
    args = parser.parse_args()
    names = args.metrics.split(",")
    print("| run | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for run in args.runs:
        metrics = json.loads((run / "metrics.json").read_text())["metrics"]
        cells = [format_value(name, metrics.get(name)) for name in names]
        print(f"| {run.name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
