"""Answer latency on the sample articles: newsqa against the llama-index default, lever by lever.

    .venv/bin/python -m benchmarks.answer_latency [--budgets 280,520]

One process, one loaded default model, the questions of
``benchmarks/data/sample-questions.json``. For each question: time to the first
token and in all (from the call), prompt tokens sent and prompt tokens llama.cpp
really evaluated (a prefix kept from the previous prompt is not evaluated
again), and llama.cpp's own prompt and generation speeds. Rows:

- newsqa as shipped (the fixed instructions evaluated at warm-up and kept);
- newsqa with the whole prompt evaluated for every question (no kept prefix);
- newsqa at other evidence budgets;
- a chat whose follow-ups are rewritten into standalone questions first;
- the llama-index default query engine (same model, same embedder).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, banner, percentiles, table

QUESTIONS_FILE = ROOT / "benchmarks" / "data" / "sample-questions.json"


def sample_questions() -> dict[str, list[str]]:
    return json.loads(QUESTIONS_FILE.read_text())


def _timed(events, counters: Callable[[], dict[str, float]]) -> tuple[dict[str, Any], Any]:
    """Consume a stream of checked sentences ending with an Answer; time it.

    The first token's time is the service's own (from the question's arrival); the
    first checked sentence is timed here, as a client receives it.
    """
    began, first, result = time.perf_counter(), None, None
    for event in events:
        if hasattr(event, "timings"):
            result = event
        else:
            first = first or time.perf_counter()
    end = time.perf_counter()
    row = {
        "first_token": result.timings.first_token or end - began,
        "first_sentence": (first or end) - began,
        "total": end - began,
    }
    return row | counters(), result


def newsqa_rows(app, llm, questions: Sequence[str], forget: bool = False) -> list[dict]:
    rows = []
    for question in questions:
        if forget:
            llm.forget_prompt()
        llm.reset_counters()
        row, answer = _timed(app.answers.stream(question), llm.counters)
        row["sent_tokens"] = answer.usage.prompt_tokens
        row["answered"] = not answer.abstained
        rows.append(row)
    return rows


def chat_rows(app, llm, turns: Sequence[str]) -> list[dict]:
    from rag.answer.conversation import Turn

    rows, history = [], []
    for question in turns:
        llm.reset_counters()
        row, answer = _timed(app.answers.stream(question, history), llm.counters)
        row["sent_tokens"] = answer.usage.prompt_tokens
        row["answered"] = not answer.abstained
        row["standalone"] = answer.standalone_question or question
        rows.append(row)
        history.append(Turn(question, answer.answer))
    return rows


def baseline_rows(app, model, questions: Sequence[str]) -> list[dict]:
    from eval.baseline import LlamaIndexDefaultPipeline

    records = [
        {"id": path.stem, "text": path.read_text(encoding="utf-8")}
        for path in sorted((ROOT / "data" / "articles").glob("*.txt"))
    ]
    settings = app.settings
    pipeline = LlamaIndexDefaultPipeline(
        records, app.embedder(), lambda: model, settings.llm_context_window, model.max_tokens
    )
    llm = model.llm
    rows = []
    for question in questions:
        llm.reset_counters()
        result = pipeline.answer(question)
        row = dict(result["timings"]) | llm.counters()
        row["sent_tokens"] = result["usage"]["prompt_tokens"]
        row["answered"] = "don't know" not in result["response"].lower()
        rows.append(row)
    return rows


def summary(rows: list[dict]) -> dict[str, Any]:
    first = percentiles([r["first_token"] for r in rows])
    sentence = percentiles([r.get("first_sentence", r["total"]) for r in rows])
    total = percentiles([r["total"] for r in rows])
    prompt_s = sum(r["prompt_ms"] for r in rows) / 1000
    generation_s = sum(r["generation_ms"] for r in rows) / 1000
    return {
        "questions": len(rows),
        "first_token_p50": first["p50"],
        "first_token_p95": first["p95"],
        "first_sentence_p50": sentence["p50"],
        "first_sentence_p95": sentence["p95"],
        "total_p50": total["p50"],
        "total_p95": total["p95"],
        "sent_tokens": statistics.mean(r["sent_tokens"] for r in rows),
        "evaluated_tokens": statistics.mean(r["prompt_tokens"] for r in rows),
        "prompt_tokens_per_s": sum(r["prompt_tokens"] for r in rows) / prompt_s,
        "generation_tokens_per_s": sum(r["generated_tokens"] for r in rows) / generation_s,
        "answered": sum(r["answered"] for r in rows),
    }


def run(budgets: Sequence[int] = (280, 520)) -> dict[str, Any]:
    from ingest.planner import ingest_files
    from rag.app import Newsqa
    from rag.settings import load_settings

    asked = sample_questions()
    with tempfile.TemporaryDirectory() as data_dir:
        app = Newsqa(load_settings(data_dir=Path(data_dir)))
        ingest_files(app, [ROOT / "data" / "articles"])
        began = time.perf_counter()
        app.warm_up()
        warm_up_seconds = time.perf_counter() - began
        model = app.chat_models.get()
        llm = model.llm
        shipped = app.settings.prompt_budget
        results: dict[str, Any] = {"warm_up_seconds": warm_up_seconds, "rows": {}}
        rows = results["rows"]
        rows[f"newsqa (budget {shipped}, kept prefix)"] = newsqa_rows(app, llm, asked["questions"])
        rows["newsqa, whole prompt evaluated each time"] = newsqa_rows(
            app, llm, asked["questions"], forget=True
        )
        app.warm_up()  # the instructions kept again for the rows below
        for budget in budgets:
            other = Newsqa(
                app.settings.model_copy(update={"prompt_budget": budget}),
                embedder=app.embedder,
                chat_model=lambda settings, name: model,
            )
            rows[f"newsqa, budget {budget}"] = newsqa_rows(other, llm, asked["questions"])
        rows["newsqa chat (3 turns, follow-ups rewritten)"] = chat_rows(app, llm, asked["chat"])
        rows["llama-index default"] = baseline_rows(app, model, asked["questions"])
    results["summary"] = {name: summary(r) for name, r in rows.items()}
    return results


def markdown(results: dict[str, Any]) -> str:
    headers = [
        "pipeline",
        "questions",
        "first token p50 / p95 (s)",
        "first checked sentence p50 / p95 (s)",
        "total p50 / p95 (s)",
        "prompt tokens sent / evaluated",
        "prompt tok/s",
        "generation tok/s",
        "answered",
    ]
    body = []
    for name, s in results["summary"].items():
        body.append(
            [
                name,
                s["questions"],
                f"{s['first_token_p50']:.2f} / {s['first_token_p95']:.2f}",
                _sentence_cell(name, s),
                f"{s['total_p50']:.2f} / {s['total_p95']:.2f}",
                f"{s['sent_tokens']:.0f} / {s['evaluated_tokens']:.0f}",
                f"{s['prompt_tokens_per_s']:.0f}",
                f"{s['generation_tokens_per_s']:.1f}",
                s["answered"],
            ]
        )
    return table(headers, body) + (
        f"\n\nWarm-up (models loaded, instructions evaluated): {results['warm_up_seconds']:.1f} s."
    )


def _sentence_cell(name: str, s: dict[str, Any]) -> str:
    """newsqa shows an answer a checked sentence at a time; the default shows it unchecked."""
    if name == "llama-index default" or "first_sentence_p50" not in s:
        return "-"
    return f"{s['first_sentence_p50']:.2f} / {s['first_sentence_p95']:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budgets", default="280,520", help="Other evidence budgets to try.")
    args = parser.parse_args()
    banner()
    results = run([int(b) for b in args.budgets.split(",") if b])
    print(markdown(results))


if __name__ == "__main__":
    main()
