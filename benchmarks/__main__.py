"""The speed benchmark suite: writes docs/BENCHMARKS.md from one run.

    make bench                      # or: .venv/bin/python -m benchmarks
    .venv/bin/python -m benchmarks --skip scale --out /tmp/BENCHMARKS.md

Every figure is measured in this run, on this machine, beside the llama-index
default pipeline where there is one (same embedding model, same LLM). The scale
collection is built once (``python -m benchmarks.scale build``) and reused; the
suite builds it if it is missing. The feeds section is drawn from the last
``python -m benchmarks.feed_scale --json docs/runs/feed-scale.json``, run apart.
Run it on an idle machine: the figures are wall-clock times.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import (
    answer_latency,
    embedding,
    feed_scale_report,
    ingest_speed,
    prompt_lookup,
    scale,
    serve,
)
from benchmarks.common import ROOT, commit, describe, machine, table
from benchmarks.saved_runs import EVAL_RUNS, SEPARATE_RUNS, curve_markdown, separate_markdown

SECTIONS = ("answers", "serve", "ingest", "embedding", "lookup", "scale")
FEED_RUN = EVAL_RUNS / "feed-scale.json"  # python -m benchmarks.feed_scale --json FEED_RUN


def levers_markdown(results: dict) -> str:
    """Each latency lever, its effect in this run, and whether newsqa keeps it."""
    lines = []
    answers = results.get("answers")
    if answers:
        s = answers["summary"]
        shipped = next(v for k, v in s.items() if k.startswith("newsqa (budget"))
        whole = s.get("newsqa, whole prompt evaluated each time")
        saved = shipped["sent_tokens"] - shipped["evaluated_tokens"]
        effect = (
            f"first token p50 {whole['first_token_p50']:.2f} s with the whole prompt evaluated "
            f"each time, {shipped['first_token_p50']:.2f} s kept"
            if whole
            else f"{saved:.0f} of {shipped['sent_tokens']:.0f} prompt tokens a question are not "
            f"evaluated again: {saved / shipped['prompt_tokens_per_s']:.1f} s of the wait for "
            f"the first token at this run's {shipped['prompt_tokens_per_s']:.0f} tokens/s"
        )
        lines.append(
            f"- **Fixed instructions evaluated once and kept** (kept): {effect}. A chat's "
            "follow-up is rewritten with other instructions first; its answer then resumes "
            "from a saved copy of the kept instructions instead of evaluating them again."
        )
        budgets = [(k, v) for k, v in s.items() if k.startswith("newsqa, budget")]
        if budgets:
            cells = "; ".join(
                f"{k.split()[-1]}: {v['evaluated_tokens']:.0f} tokens, first token "
                f"{v['first_token_p50']:.2f} s"
                for k, v in budgets
            )
            lines.append(
                f"- **Evidence budget** (see the curve below): shipped "
                f"{shipped['evaluated_tokens']:.0f} tokens evaluated, first token "
                f"{shipped['first_token_p50']:.2f} s; {cells}."
            )
    served = results.get("serve", {}).get("sample articles")
    if served:
        lines.append(
            f"- **Models loaded while `newsqa serve` starts** (kept): ready "
            f"{served['ready_seconds']:.1f} s after start, then the first answer took "
            f"{served['first_answer_seconds']:.1f} s."
        )
    memory = results.get("model_memory")
    if memory:
        lines.append(
            f"- **Model file read, not mapped** (kept): the loaded LLM holds "
            f"{memory['mapped']:.2f} GB resident when mapped, {memory['read']:.2f} GB when read "
            "(llama.cpp repacks the weights; a mapping keeps the file's pages too)."
        )
    lookup = results.get("lookup")
    if lookup:
        plain, draft = lookup["plain"], lookup["prompt lookup"]
        lines.append(
            f"- **Prompt-lookup speculative decoding** (dropped): {draft['tokens_per_s']:.1f} "
            f"tokens/s against {plain['tokens_per_s']:.1f} plain, same answers "
            f"{lookup['identical']}/{lookup['questions']}: checking drafts needs every "
            "position's logits, which costs more than the guesses save on this CPU."
        )
    emb = results.get("embedding")
    if emb:
        ways = emb["ways"]
        base = ways["torch float32, batches of 32 as they come"]["seconds"]

        def speed(name: str) -> str:
            return f"{base / ways[name]['seconds']:.2f}x" if name in ways else "not measured"

        bf16 = ways["torch bfloat16, windows of 256 sorted by length"]
        lines.append(
            f"- **bfloat16 embeddings** (kept where the CPU has bfloat16 in hardware): "
            f"{speed('torch bfloat16, windows of 256 sorted by length')} the float32 speed, "
            f"cosine to float32 at least {bf16['cosine_min']:.4f}."
        )
        if "onnx int8" in ways:
            lines.append(
                f"- **int8 ONNX Runtime embeddings** (dropped): {speed('onnx int8')} the "
                f"float32 speed, cosine to float32 down to {ways['onnx int8']['cosine_min']:.4f} "
                "(mean "
                f"{ways['onnx int8']['cosine_mean']:.4f}); slower than bfloat16 and less exact."
            )
        lines.append(
            f"- **Passages sorted by length in windows of 256** (kept): "
            f"{speed('torch float32, windows of 256 sorted by length')} the speed of "
            "batches of 32 in document order."
        )
    return "\n".join(lines)


def serve_markdown(results: dict) -> str:
    rows = [
        [
            name,
            f"{r['ready_seconds']:.1f}",
            f"{r['first_answer_seconds']:.1f}",
            f"{r['rss_gb_at_ready']:.2f}",
            f"{r['peak_rss_gb']:.2f}",
        ]
        for name, r in results.items()
    ]
    headers = ["collection", "start to ready (s)", "first answer (s)", "RSS at ready (GB)"]
    return table([*headers, "peak RSS (GB)"], rows)


def scale_markdown(build: dict, retrieval: dict) -> str:
    made = (
        f"{build['articles']:,} articles, {build['passages']:,} passages "
        f"({build['characters'] / 1e6:.0f} MB of JSONL), built by `{build['command']}`"
    )
    load = build.get("load_average_15min")
    if load is None:
        made += (
            "; its ingest time is not shown, as the load it was built under was not recorded "
            "(rebuild on an idle machine for an ingest figure at this size)"
        )
    else:
        made += (
            f": ingest {build['ingest_seconds']:.0f} s "
            f"({build['ingest_seconds'] / build['articles'] * 1000:.0f} s per 1,000 articles; "
            f"15-minute load average {load} when it ended)"
        )
    made += f"; unchanged re-ingest {build['unchanged_reingest_seconds']:.1f} s."
    rows = [
        [mode, r["questions"], f"{r['p50'] * 1000:.1f}", f"{r['p95'] * 1000:.1f}"]
        for mode, r in retrieval.items()
    ]
    return made + "\n\n" + table(["retriever", "questions", "p50 (ms)", "p95 (ms)"], rows)


def write(out: Path, results: dict, sections: dict[str, str]) -> None:
    info, command = results["machine"], results["command"]
    header = [
        "# Benchmarks",
        "",
        "Written by the benchmark suite from one run; do not edit by hand. Regenerate with",
        f"`{command}` on an idle machine.",
        "",
        f"- Machine: {describe(info)}",
        f"- Commit: {results['commit']}, {results.get('date', '')}; "
        f"the suite took {results['seconds'] / 60:.0f} min.",
        "- Models: the default LLM (Qwen2.5-Coder-1.5B-Instruct Q4_K_M, llama.cpp, 2 threads) "
        "and all-MiniLM-L6-v2 for embeddings, for newsqa and the llama-index default alike.",
        "",
    ]
    body = [f"## {title}\n\n{text}\n" for title, text in sections.items()]
    out.write_text("\n".join(header) + "\n" + "\n".join(body))


def render(results: dict, out: Path) -> None:
    """docs/BENCHMARKS.md from a run's results (``--render`` redraws it without measuring)."""
    sections: dict[str, str] = {}
    if "answers" in results:
        title = "Answer latency: sample articles, sample questions"
        sections[title] = answer_latency.markdown(results["answers"])
    if "embedding" in results:
        title = "Embedding throughput (ingest's main cost)"
        sections[title] = embedding.markdown(results["embedding"])
    if "ingest" in results:
        title = "Ingest: 779 real news articles (rtqa-feb2024)"
        sections[title] = ingest_speed.markdown(results["ingest"])
    if FEED_RUN.exists():
        feeds, new = feed_scale_report.FEEDS, feed_scale_report.NEW
        title = f"Feeds: {feeds} polled with nothing new, then {new} new articles"
        sections[title] = feed_scale_report.markdown(json.loads(FEED_RUN.read_text()))
    if "scale" in results:
        build, retrieval = results["scale"]["build"], results["scale"]["retrieval"]
        sections[f"Scale: {build['passages']:,} passages"] = scale_markdown(build, retrieval)
    if results.get("serve"):
        sections["newsqa serve: start, first answer, memory"] = serve_markdown(results["serve"])
    for title, (file, markdown) in SEPARATE_RUNS.items():
        if text := separate_markdown(file, markdown):
            sections[title] = text
    curve = curve_markdown()
    if curve:
        sections["Accuracy against evidence budget"] = curve
    sections = {"Latency levers": levers_markdown(results), **sections}
    write(out, results, sections)


def measure(skip: list[str], scale_articles: int) -> dict:
    """Run every part not skipped; their raw figures."""
    results: dict = {}
    if "answers" not in skip:
        print("Answer latency on the sample articles ...", flush=True)
        results["answers"] = answer_latency.run()
    if "embedding" not in skip:
        print("Embedding: torch float32 / bfloat16, ONNX float32 / int8 ...", flush=True)
        results["embedding"] = embedding.run()
    if "lookup" not in skip:
        print("Prompt-lookup decoding ...", flush=True)
        results["lookup"] = prompt_lookup.measure()
    results["serve"] = {}
    if "serve" not in skip:
        print("newsqa serve on the sample articles ...", flush=True)
        results["model_memory"] = serve.model_memory()
        with tempfile.TemporaryDirectory() as folder:
            data_dir = serve.sample_data_dir(Path(folder))
            results["serve"]["sample articles"] = serve.measure(data_dir)
    if "ingest" not in skip:
        print("Ingest: newsqa and the llama-index default ...", flush=True)
        results["ingest"] = ingest_speed.run()
    if "scale" not in skip:
        print("Scale collection: build (once), retrieval, serve ...", flush=True)
        build = scale.build(scale_articles)
        retrieval = scale.retrieval(scale_articles)
        results["scale"] = {"build": build, "retrieval": retrieval}
        scale_data = scale.scale_dir(scale_articles) / "data"
        results["serve"]["scale collection"] = serve.measure(scale_data)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", action="append", default=[], choices=SECTIONS)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "BENCHMARKS.md")
    parser.add_argument("--json", type=Path, default=ROOT / "docs" / "runs" / "bench.json")
    parser.add_argument("--scale-articles", type=int, default=10_000)
    parser.add_argument("--render", action="store_true", help="Redraw --out from --json only.")
    args = parser.parse_args()
    if args.render:
        render(json.loads(args.json.read_text()), args.out)
        return
    command = "make bench" if not sys.argv[1:] else "python -m benchmarks " + " ".join(sys.argv[1:])
    info = machine()
    print(f"Machine: {describe(info)}\nCommand: {command}", flush=True)
    began = time.perf_counter()
    results = {"machine": info, "command": command} | measure(args.skip, args.scale_articles)
    results["seconds"] = time.perf_counter() - began
    results["commit"], results["date"] = commit(), time.strftime("%Y-%m-%d")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, default=str))
    render(results, args.out)
    print(f"Wrote {args.out} and {args.json} in {results['seconds'] / 60:.1f} min.")


if __name__ == "__main__":
    main()
