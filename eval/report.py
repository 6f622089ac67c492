"""Turn an evaluation run into metrics.json, report.md (terminals, diffs) and report.html.

The HTML is one self-contained file (plots embedded, no scripts, no external resources) so it
can be shared or archived as is; all scores come from eval.metrics, so reports match the numbers.
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval.metrics import LATENCIES, contains_answer, mean, recall_at_k, summarize
from eval.nuggets import OPEN_METRICS, open_metrics
from eval.ragas_scores import MEASURES as RAGAS_MEASURES

MISSING = "–"
MAX_LISTED = 10
_NOT_SCORED = "Answers were not scored (retrieval-only run)."
_LATENCIES = [f"{n}_{p}" for n in LATENCIES for p in ("p50", "p95")]
METRIC_GROUPS: dict[str, list[str]] = {
    "Retrieval": ["recall@1", "recall@3", "recall@5", "recall@10", "mrr@10"],
    "Answers": ["accuracy", "exact_match", "f1"],
    "Abstention": ["abstained_on_unanswerable", "wrongly_abstained_on_answerable", "wrong_shown"],
    "Citations": ["citation_gold_doc_rate", "cited_passage_precision"],
    "Open questions (nuggets)": [f"open_{name}" for name in OPEN_METRICS],
    "Cost (latency in seconds)": [*_LATENCIES, "prompt_tokens_mean", "completion_tokens_mean"],
    "Counts": ["questions", "failed"],
}
_KNOWN = [n for names in METRIC_GROUPS.values() for n in names]


def metric_decimals(name: str) -> int:
    """Decimals per kind of metric: shares need 3 to show small changes, seconds 2, tokens 1."""
    if name in METRIC_GROUPS["Counts"]:
        return 0
    if name.endswith(("_p50", "_p95")):
        return 2
    if name.endswith("_tokens_mean"):
        return 1
    return 3


def format_value(name: str, value: Any) -> str:
    """One metric value as shown in every report; None (not scoreable) becomes a dash."""
    if value is None:
        return MISSING
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{value:.{metric_decimals(name)}f}"


def ordered_metric_names(*summaries: dict[str, Any]) -> list[str]:
    """Names present in any summary, in report order; unknown ones last so none are hidden."""
    present = {name for s in summaries for name in s}
    return [n for n in _KNOWN if n in present] + sorted(present - set(_KNOWN))


def _is_retrieval_only(run: dict, rows: list[dict]) -> bool:
    """Answers are not judged when the run says so or when no row had answers scored."""
    return bool(run.get("retrieval_only")) or not any(r.get("scored_answers") for r in rows)


def _is_wrong(row: dict) -> bool:
    """Answerable, scored, not failed, and not correct (per-row score when present)."""
    if not row.get("answerable") or row.get("failed") or not row.get("scored_answers"):
        return False
    if (correct := (row.get("scores") or {}).get("correct")) is not None:
        return not correct
    return bool(row["abstained"]) or not contains_answer(row["response"] or "", row["answers"])


def _one_line(text: Any, limit: int = 300) -> str:
    """Collapse whitespace and cap length so one odd answer cannot swamp a report."""
    flat = " ".join(("" if text is None else str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _listings(run: dict, rows: list[dict]) -> tuple[list[list[str]], list[list[str]] | None]:
    """Up to MAX_LISTED failed questions and wrong answers (None: answers not scored)."""
    failed = [
        [_one_line(r.get(k)) for k in ("id", "user_input", "error")] for r in rows if r["failed"]
    ]
    wrong = [
        [_one_line(r["user_input"]), _one_line(" | ".join(r["answers"])), _one_line(r["response"])]
        for r in rows
        if _is_wrong(r)
    ]
    return failed[:MAX_LISTED], None if _is_retrieval_only(run, rows) else wrong[:MAX_LISTED]


def _metric_groups(metrics: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped (name, formatted value) pairs; metrics outside the known groups go to Other."""
    groups = {**METRIC_GROUPS, "Other": sorted(set(metrics) - set(_KNOWN))}
    named = [(t, [(n, format_value(n, metrics.get(n))) for n in ns]) for t, ns in groups.items()]
    return [(t, pairs) for t, pairs in named if pairs]


_RAGAS_HEADER = ["metric", "mean", "n", "what it measures"]


def _ragas_title(ragas: dict) -> str:
    return f"RAGAS non-LLM metrics (ragas {ragas.get('ragas_version', MISSING)})"


def _ragas_rows(ragas: dict) -> list[list[str]]:
    """metric, mean, n and what it measures (and why it has no mean, when it has none)."""
    rows = []
    for name, score in ragas["scores"].items():
        about = RAGAS_MEASURES.get(name, "")
        if score.get("skipped"):
            about += f" Not scored: {score['skipped']}."
        rows.append([name, format_value(name, score["mean"]), str(score["n"]), about])
    return rows


def _title(run: dict) -> str:
    return f"newsqa evaluation: {run.get('pipeline', '?')} on {run.get('dataset', '?')}"


def render_markdown(
    run: dict, metrics: dict[str, Any], rows: list[dict], ragas: dict | None = None
) -> str:
    """The report as markdown: run description, grouped metrics (RAGAS's too, when scored),
    failures, wrong answers."""
    out = [f"# {_title(run)}", "", "## Run", ""]
    out += [f"- {k}: {_one_line(v)}" for k, v in run.items() if k != "command"]
    out += ["", "Command:", "", "```text", str(run.get("command", MISSING)), "```", ""]
    for title, pairs in _metric_groups(metrics):
        out += [f"## {title}", "", "| metric | value |", "|---|---:|"]
        out += [f"| {name} | {value} |" for name, value in pairs] + [""]
    if ragas:
        out += [f"## {_ragas_title(ragas)}", "", "| " + " | ".join(_RAGAS_HEADER) + " |"]
        out += ["|---|---:|---:|---|"] + ["| " + " | ".join(r) + " |" for r in _ragas_rows(ragas)]
        out += [""]
    failed, wrong = _listings(run, rows)
    out += ["## Failed questions", ""]
    out += [f"- `{i}` {q}: {e}" for i, q, e in failed] or ["None."]
    out += ["", "## Wrong answers", ""]
    listed = [f"- {q}\n  - gold: {g}\n  - answer: {a}" for q, g, a in wrong or []]
    out += [_NOT_SCORED] if wrong is None else listed or ["None."]
    return "\n".join(out) + "\n"


def _html_table(header: list[str], body: list[list[str]]) -> str:
    """A table with every cell escaped: cells may hold model output such as <script>."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    trs = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in body
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{trs}</tbody></table>"


def _draw_recall(ax: Any, rows: list[dict]) -> bool:
    """Document recall@k for k=1..10: the shape shows whether a larger top_k would help."""
    ks = list(range(1, 11))
    ids = [(r.get("retrieved_doc_ids") or [], r.get("gold_doc_ids") or []) for r in rows]
    recalls = [mean(recall_at_k(got, gold, k) for got, gold in ids) for k in ks]
    ax.set(xlabel="k (distinct documents)", ylabel="recall@k", ylim=(0, 1.05), xticks=ks)
    ax.plot(ks, [float("nan") if v is None else v for v in recalls], marker="o")
    return any(v is not None for v in recalls)


def _draw_latency(ax: Any, rows: list[dict]) -> bool:
    """Total latency when recorded (answers), else retrieval latency (retrieval-only runs)."""
    for name in ("total", "retrieval"):
        vals = [t[name] for r in rows if (t := r.get("timings") or {}).get(name) is not None]
        if vals:
            ax.hist(vals, bins=min(20, max(5, len(vals) // 2)))
            ax.set(xlabel=f"{name} latency (s)", ylabel="questions")
            return True
    return False


def _draw_answers(ax: Any, metrics: dict[str, Any]) -> bool:
    """Accuracy next to abstention: a model can look accurate only by never abstaining."""
    vals = [metrics.get("accuracy"), metrics.get("abstained_on_unanswerable")]
    labels = ["accuracy (answerable)", "abstained (unanswerable)"]
    bars = ax.bar(labels, [v or 0.0 for v in vals], color=["tab:blue", "tab:orange"])
    ax.bar_label(bars, labels=[format_value("share", v) for v in vals])
    ax.set(ylabel="share", ylim=(0, 1.1))
    return any(v is not None for v in vals)


def render_plots(run: dict, metrics: dict[str, Any], rows: list[dict]) -> list[tuple[str, str]]:
    """(title, base64 PNG) per plot; Agg is chosen here so importing this module stays cheap."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    specs: list[tuple[str, Callable[[Any], bool]]] = [
        ("Document recall@k", lambda ax: _draw_recall(ax, rows)),
        ("Latency per question", lambda ax: _draw_latency(ax, rows)),
    ]
    if not _is_retrieval_only(run, rows):
        specs.append(("Answers and abstention", lambda ax: _draw_answers(ax, metrics)))
    plots: list[tuple[str, str]] = []
    for title, draw in specs:
        fig, ax = plt.subplots(figsize=(6, 3.5))
        try:
            if not draw(ax):
                ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes)
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
        finally:
            plt.close(fig)
        plots.append((title, base64.b64encode(buf.getvalue()).decode("ascii")))
    return plots


_CSS = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;"
    "text-align:left;vertical-align:top}pre{background:#f4f4f4;padding:.5em;white-space:pre-wrap}"
)
_PAGE = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title>'
_PAGE += "<style>{css}</style></head><body>\n{body}\n</body></html>\n"


def render_html(
    run: dict, metrics: dict[str, Any], rows: list[dict], ragas: dict | None = None
) -> str:
    """The same content as report.md, plus embedded plots, as one standalone HTML page."""
    e = html.escape
    parts = [f"<h1>{e(_title(run))}</h1>", "<h2>Run</h2>"]
    parts.append(_html_table(["field", "value"], [[k, _one_line(v)] for k, v in run.items()]))
    parts.append(f"<p>Command:</p><pre><code>{e(str(run.get('command', MISSING)))}</code></pre>")
    for group, pairs in _metric_groups(metrics):
        parts += [f"<h2>{e(group)}</h2>", _html_table(["metric", "value"], [*map(list, pairs)])]
    if ragas:
        parts += [
            f"<h2>{e(_ragas_title(ragas))}</h2>",
            _html_table(_RAGAS_HEADER, _ragas_rows(ragas)),
        ]
    for title, png in render_plots(run, metrics, rows):
        img = f'<img alt="{e(title)}" src="data:image/png;base64,{png}">'
        parts.append(f"<h2>{e(title)}</h2>{img}")
    failed, wrong = _listings(run, rows)
    failed_table = failed and _html_table(["id", "question", "error"], failed)
    wrong_table = wrong and _html_table(["question", "gold answers", "answer"], wrong)
    parts += ["<h2>Failed questions</h2>", failed_table or "<p>None.</p>", "<h2>Wrong answers</h2>"]
    parts.append(wrong_table or f"<p>{_NOT_SCORED if wrong is None else 'None.'}</p>")
    return _PAGE.format(title=e(_title(run)), css=_CSS, body="\n".join(parts))


def write_reports(run_dir: Path, run: dict, rows: list[dict], ragas: dict | None = None) -> dict:
    """Score the rows once and write metrics.json, report.md and report.html from that score.

    ``ragas``, RAGAS's scores of the run when asked for, goes into each beside newsqa's own.
    """
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    metrics = summarize(rows) | {f"open_{k}": v for k, v in open_metrics(rows).items()}
    saved = {"run": run, "metrics": metrics} | ({"ragas": ragas} if ragas else {})
    payload = json.dumps(saved, indent=2, default=str)
    (run_dir / "metrics.json").write_text(payload + "\n", encoding="utf-8")
    (run_dir / "report.md").write_text(render_markdown(run, metrics, rows, ragas), encoding="utf-8")
    (run_dir / "report.html").write_text(render_html(run, metrics, rows, ragas), encoding="utf-8")
    return metrics
