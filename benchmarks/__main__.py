"""The speed benchmark suite: writes docs/BENCHMARKS.md from one run.

    make bench                      # or: .venv/bin/python -m benchmarks
    .venv/bin/python -m benchmarks --skip scale --out /tmp/BENCHMARKS.md

Every figure is measured in this run, on this machine, beside the llama-index
default pipeline where there is one (same embedding model, same LLM). The scale
collection is built once (``python -m benchmarks.scale build``, about 20
minutes) and reused; the suite builds it if it is missing. Run it on an idle
machine: the figures are wall-clock times.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import answer_latency, ingest_speed, scale, serve
from benchmarks.common import ROOT, describe, machine, table

SECTIONS = ("answers", "serve", "ingest", "scale")
EVAL_RUNS = ROOT / "docs" / "runs"


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() or "unknown"


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
    lines = [
        f"{build['articles']:,} articles, {build['passages']:,} passages "
        f"({build['characters'] / 1e6:.0f} MB of JSONL), built by `{build['command']}`: "
        f"ingest {build['ingest_seconds']:.0f} s "
        f"({build['ingest_seconds'] / build['articles'] * 1000:.0f} s per 1,000 articles), "
        f"unchanged re-ingest {build['unchanged_reingest_seconds']:.1f} s.",
        "",
        table(
            ["retriever", "questions", "p50 (ms)", "p95 (ms)"],
            [
                [mode, r["questions"], f"{r['p50'] * 1000:.1f}", f"{r['p95'] * 1000:.1f}"]
                for mode, r in retrieval.items()
            ],
        ),
    ]
    return "\n".join(lines)


def write(out: Path, info: dict, command: str, sections: dict[str, str], seconds: float) -> None:
    header = [
        "# Benchmarks",
        "",
        "Written by the benchmark suite from one run; do not edit by hand. Regenerate with",
        f"`{command}` on an idle machine.",
        "",
        f"- Machine: {describe(info)}",
        f"- Commit: {_commit()}, {time.strftime('%Y-%m-%d')}; "
        f"the suite took {seconds / 60:.0f} min.",
        "- Models: the default LLM (Qwen2.5-Coder-1.5B-Instruct Q4_K_M, llama.cpp, 2 threads) "
        "and all-MiniLM-L6-v2 for embeddings, for newsqa and the llama-index default alike.",
        "",
    ]
    body = [f"## {title}\n\n{text}\n" for title, text in sections.items()]
    out.write_text("\n".join(header) + "\n" + "\n".join(body))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", action="append", default=[], choices=SECTIONS)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "BENCHMARKS.md")
    parser.add_argument("--json", type=Path, default=ROOT / "docs" / "runs" / "bench.json")
    parser.add_argument("--scale-articles", type=int, default=10_000)
    args = parser.parse_args()
    command = "make bench" if not sys.argv[1:] else "python -m benchmarks " + " ".join(sys.argv[1:])
    info = machine()
    print(f"Machine: {describe(info)}\nCommand: {command}", flush=True)
    began = time.perf_counter()
    results: dict = {"machine": info, "command": command}
    sections: dict[str, str] = {}
    if "answers" not in args.skip:
        print("Answer latency on the sample articles ...", flush=True)
        results["answers"] = answer_latency.run()
        sections["Answer latency: sample articles, sample questions"] = answer_latency.markdown(
            results["answers"]
        )
    if "serve" not in args.skip or "scale" not in args.skip:
        results["serve"] = {}
    if "serve" not in args.skip:
        print("newsqa serve on the sample articles ...", flush=True)
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            data_dir = serve.sample_data_dir(Path(folder))
            results["serve"]["sample articles"] = serve.measure(data_dir)
    if "ingest" not in args.skip:
        print("Ingest: newsqa and the llama-index default ...", flush=True)
        results["ingest"] = ingest_speed.run()
        sections["Ingest: 779 real news articles (rtqa-feb2024)"] = ingest_speed.markdown(
            results["ingest"]
        )
    if "scale" not in args.skip:
        print("Scale collection: build (once), retrieval, serve ...", flush=True)
        build = scale.build(args.scale_articles)
        retrieval = scale.retrieval(args.scale_articles)
        results["scale"] = {"build": build, "retrieval": retrieval}
        sections[f"Scale: {build['passages']:,} passages"] = scale_markdown(build, retrieval)
        scale_data = scale.scale_dir(args.scale_articles) / "data"
        results["serve"]["scale collection"] = serve.measure(scale_data)
    if results.get("serve"):
        sections["newsqa serve: start, first answer, memory"] = serve_markdown(results["serve"])
    seconds = time.perf_counter() - began
    write(args.out, info, command, sections, seconds)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, default=str))
    print(f"Wrote {args.out} and {args.json} in {seconds / 60:.1f} min.")


if __name__ == "__main__":
    main()
