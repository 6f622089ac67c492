"""Side-by-side comparison of two evaluation runs, read from their metrics.json files.

Formatting is shared with eval.report so a number reads the same in every output.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eval.report import MISSING, format_value, metric_decimals, ordered_metric_names
from rag.errors import NewsqaError

_MINUS = "\u2212"


def _load_metrics(run_dir: Path) -> dict[str, Any]:
    """metrics.json of a run, with a message that says what is wrong when it is unusable."""
    path = Path(run_dir) / "metrics.json"
    if not path.is_file():
        raise NewsqaError(
            f"No metrics.json in {run_dir}: pass the output directory of a finished `newsqa eval`."
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise NewsqaError(f"Cannot read {path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), dict):
        raise NewsqaError(f"{path} has no 'metrics' section; was it written by `newsqa eval`?")
    return data


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def format_delta(name: str, a: Any, b: Any) -> str:
    """B − A with an explicit sign, at the metric's precision; a dash if either side is absent."""
    if not (_is_number(a) and _is_number(b)):
        return MISSING
    delta = b - a
    digits = f"{abs(delta):.{metric_decimals(name)}f}"
    sign = _MINUS if delta < 0 and float(digits) != 0 else "+"
    return sign + digits


def _describe(label: str, run_dir: Path, run: dict) -> str:
    """One header line saying which run a column is, so a table is never read backwards."""
    fields = ("pipeline", "dataset", "llm", "retrieval_only")
    desc = " ".join(f"{f}={run.get(f, MISSING)}" for f in fields)
    return f"{label}: {desc}  ({run_dir})"


def compare_runs(dir_a: Path, dir_b: Path) -> str:
    """Fixed-width table of every metric in either run: name, A, B and B − A."""
    data_a, data_b = _load_metrics(dir_a), _load_metrics(dir_b)
    ma, mb = data_a["metrics"], data_b["metrics"]
    rows = [("metric", "A", "B", "delta")]
    for name in ordered_metric_names(ma, mb):
        a, b = ma.get(name), mb.get(name)
        rows.append((name, format_value(name, a), format_value(name, b), format_delta(name, a, b)))
    width0 = max(len(r[0]) for r in rows)
    widths = [max(len(r[i]) for r in rows) for i in (1, 2, 3)]
    lines = [
        _describe("A", Path(dir_a), data_a.get("run") or {}),
        _describe("B", Path(dir_b), data_b.get("run") or {}),
        "",
    ]
    for r in rows:
        cells = [r[0].ljust(width0)] + [r[i + 1].rjust(widths[i]) for i in range(3)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(4, "-" * len(lines[3]))
    return "\n".join(lines) + "\n"
