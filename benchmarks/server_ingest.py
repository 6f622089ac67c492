"""Ingest through an embedding server against ingest with the local model, at equal precision.

    .venv/bin/python -m benchmarks.server_ingest [--articles 150] [--rounds 2] [--json FILE]

The same rtqa-feb2024 articles are ingested (``newsqa ingest``, fresh data
directory each time) four ways, in turn, ``--rounds`` times: the local model
under bfloat16 autocast (the default where the CPU has bfloat16 arithmetic), the
local model in float32, and infinity on loopback with float32 and with bfloat16
weights. Each server's time is set against the local model computing at the
same precision, so what is left is what the server path costs (requests,
serialisation, a second process); against the default it is reported too.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, banner, machine, save_figures, table
from benchmarks.scale_out import ingest_seconds, rtqa_records
from benchmarks.servers import running_infinity

LOCAL = {
    "bfloat16": {"NEWSQA_EMBED_PRECISION": "bfloat16"},
    "float32": {"NEWSQA_EMBED_PRECISION": "float32"},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path, help="Write the figures here.")
    args = parser.parse_args()
    banner()
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(dir=ROOT / ".cache") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in rtqa_records(args.articles)))
        for _ in range(args.rounds):
            for dtype, env in LOCAL.items():
                times.setdefault(f"local {dtype}", []).append(ingest_seconds(corpus, env))
            for dtype in LOCAL:
                with running_infinity(folder, dtype) as url:
                    served = {"NEWSQA_EMBED_BACKEND": "openai", "NEWSQA_EMBED_BASE_URL": url}
                    seconds = ingest_seconds(corpus, served)
                times.setdefault(f"infinity {dtype}", []).append(seconds)
    median = {way: statistics.median(runs) for way, runs in times.items()}
    rows = [
        [
            way,
            f"{seconds:.1f}",
            f"{seconds / median['local ' + way.split()[-1]]:.2f}x",
            f"{seconds / median['local bfloat16']:.2f}x",
        ]
        for way, seconds in median.items()
    ]
    print(
        table(
            [
                "newsqa ingest",
                "wall time (s), median",
                "against local, same precision",
                "against local bfloat16 (the default here)",
            ],
            rows,
        )
    )
    if args.json:
        figures = {
            "command": " ".join(["python -m benchmarks.server_ingest", *sys.argv[1:]]),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "machine": machine(),
            "articles": args.articles,
            "runs": times,
            "median": median,
        }
        save_figures(args.json, figures)


if __name__ == "__main__":
    main()
