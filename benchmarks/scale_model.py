"""The hours to ingest a million articles with N workers, modelled from measured stages.

Each stage's throughput comes from ``benchmarks.scale_out`` on this machine: one
worker cutting and embedding (the local model, 2 cores), the Chroma server's
passage writes (the better of one and two writers) and the one writer's catalog
rows. With N workers the embedding stage scales N times; the other two are one
server and one process, so they do not. The pace is the slowest stage.
"""

from __future__ import annotations

from typing import Any

from benchmarks.common import table

WORKERS = (1, 2, 4, 8, 16, 32, 64)
ARTICLES_TO_MODEL = 1_000_000
SERVER_DTYPES = ("float32", "bfloat16")


def model(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Hours for a million articles with N workers, and the stage that sets the pace."""
    per_article = figures["worker"]["passages_per_article"]
    chroma = max(figures["chroma"].values()) / per_article  # articles/s the store takes
    rows = []
    for workers in WORKERS:
        stages = {
            "embedding (workers)": workers * figures["worker"]["articles_per_s"],
            "Chroma passage writes": chroma,
            "catalog rows (one writer)": figures["catalog_articles_per_s"],
        }
        pace = min(stages, key=stages.get)
        rows.append(
            {
                "workers": workers,
                "hours": ARTICLES_TO_MODEL / stages[pace] / 3600,
                "bottleneck": pace,
                "articles_per_s": stages[pace],
            }
        )
    return rows


def markdown(figures: dict[str, Any]) -> str:
    worker, chroma = figures["worker"], figures["chroma"]
    stages = [
        ["one worker: cut and embed, local model", f"{worker['passages_per_s']:.0f}"],
        ["Chroma server, one writer", f"{chroma['passages_per_s_1_writers']:.0f}"],
        ["Chroma server, two writers at once (both)", f"{chroma['passages_per_s_2_writers']:.0f}"],
    ]
    for dtype in SERVER_DTYPES:
        for n in (1, 2, 4):
            rate = figures[f"embedding_server_{dtype}"][f"passages_per_s_{n}_requests"]
            stages.append([f"infinity ({dtype}), {n} concurrent requests", f"{rate:.0f}"])
    local = figures["ingest_local_s"]
    ingests = [["local model (this process)", f"{local:.1f}", "1.00x"]] + [
        [f"infinity ({d}) on loopback", f"{t:.1f}", f"{t / local:.2f}x"]
        for d in SERVER_DTYPES
        for t in [figures[f"ingest_server_{d}_s"]]
    ]
    model_rows = [
        [r["workers"], f"{r['articles_per_s']:.1f}", f"{r['hours']:.1f}", r["bottleneck"]]
        for r in figures["model"]
    ]
    return "\n\n".join(
        [
            f"{figures['articles']} rtqa-feb2024 articles, "
            f"{worker['passages_per_article']:.1f} passages each; catalog rows recorded by the "
            f"one writer: {figures['catalog_articles_per_s']:.0f} articles/s.",
            table(["stage", "passages/s"], stages),
            table(["newsqa ingest of those articles", "wall time (s)", "against local"], ingests),
            table(["workers", "articles/s", "hours for 1M articles", "bottleneck"], model_rows),
        ]
    )
