"""Sections of docs/BENCHMARKS.md drawn from figures saved by runs outside the suite.

The evaluation runs behind the accuracy curve take about an hour; the scale-out,
keyword and ingest-lever scripts start servers of their own. Each saves its
figures in docs/runs/, and the page names the command and date that made them.
"""

from __future__ import annotations

import json

from benchmarks import ingest_speed, keyword_changes, scale_model
from benchmarks.common import ROOT, describe, table

EVAL_RUNS = ROOT / "docs" / "runs"
CURVE_DATASETS = ("rgb-en-fact", "squad2-dev-500")
SEPARATE_RUNS = {
    "Ingest levers: rtqa-feb2024": ("ingest-levers.json", ingest_speed.markdown),
    "Scale-out: each stage's throughput, and 1M articles modelled": (
        "scale-out.json",
        scale_model.markdown,
    ),
    "Keyword search: an app process's cost per change": (
        "keyword-changes.json",
        keyword_changes.markdown,
    ),
}


def separate_markdown(file: str, render) -> str | None:
    """A section from a script's saved figures, named with the command and date that made them."""
    path = EVAL_RUNS / file
    if not path.exists():
        return None
    figures = json.loads(path.read_text())
    info = figures["machine"]
    end = (
        f", load {info['load_average_1min_end']:.2f} at the end"
        if "load_average_1min_end" in info
        else ""
    )
    return (
        f"From `{figures['command']}` ({figures['date']}, on {describe(info)}{end}; "
        f"figures in docs/runs/{file}; not part of this suite's run).\n\n" + render(figures)
    )


def curve_markdown() -> str | None:
    """Accuracy and prompt tokens against the evidence budget, from the eval runs on disk."""
    rows = []
    for dataset in CURVE_DATASETS:
        for metrics_file in sorted(EVAL_RUNS.glob(f"{dataset}-answers100-budget*/metrics.json")):
            run = json.loads(metrics_file.read_text())
            budget = int(metrics_file.parent.name.rsplit("budget", 1)[1])
            m = run["metrics"]
            rows.append(
                (
                    dataset,
                    budget,
                    f"{m['accuracy']:.3f}",
                    f"{m['prompt_tokens_mean']:.0f}",
                    run["run"]["started"][:16].replace("T", " "),
                )
            )
    if not rows:
        return None
    rows.sort(key=lambda r: (r[0], r[1]))
    headers = ["dataset (100 questions, seed 1)", "budget", "accuracy", "prompt tokens"]
    return (
        "From `benchmarks/evaluate.sh budget-curve` (eval runs kept in docs/runs/*-budget*; "
        "not part of this suite's run: they take about an hour; their latencies are left out, "
        "as other jobs shared the machine; the answer-latency rows above time each budget).\n\n"
        + table([*headers, "run started (UTC)"], rows)
    )
