"""A large news-like collection for ingest, retrieval and memory figures at scale.

    .venv/bin/python -m benchmarks.scale build [--articles 10000]   # once: ~20 min on 2 cores
    .venv/bin/python -m benchmarks.scale retrieval                  # hybrid and dense p50/p95

The collection is made from real news: rtqa-feb2024's 779 articles, each
written again as several shorter versions (a different run of its paragraphs,
with one paragraph of another article), so every version is new text that the
embedding model must read, as in a real archive where outlets rework a story.
The five sample articles are added unchanged, so the sample questions can be
asked of it. The build is kept in ``.cache/bench/scale-N`` with its timings;
later runs reuse it.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, banner, newsqa, percentiles

SOURCE = ROOT.parent / "shared" / "datasets" / "rtqa-feb2024"
SHARE_OF_ARTICLE = 0.55  # each version keeps about this share of its article's paragraphs


def scale_dir(articles: int) -> Path:
    return ROOT / ".cache" / "bench" / f"scale-{articles}"


def versions(records: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """``count`` articles, each a different run of one real article's paragraphs."""
    made = []
    for i in range(count):
        article = records[i % len(records)]
        round_ = i // len(records)
        paragraphs = [p for p in article["text"].split("\n\n") if p.strip()]
        keep = max(1, round(len(paragraphs) * SHARE_OF_ARTICLE))
        start = (round_ * 7) % max(1, len(paragraphs) - keep + 1)
        other = records[(i * 31 + 7) % len(records)]
        other_paragraphs = [p for p in other["text"].split("\n\n") if len(p.split()) > 20]
        text = paragraphs[start : start + keep]
        if other_paragraphs:
            text.append(other_paragraphs[round_ % len(other_paragraphs)])
        made.append(
            {
                "id": f"scale-{i:05d}",
                "title": article.get("title", ""),
                "source": article.get("source", ""),
                "text": "\n\n".join(text),
            }
        )
    return made


def build(articles: int) -> dict[str, Any]:
    """Write the corpus and ingest it (skipped when already built); returns the build figures."""
    folder = scale_dir(articles)
    figures_file = folder / "build.json"
    if figures_file.is_file():
        return json.loads(figures_file.read_text())
    folder.mkdir(parents=True, exist_ok=True)
    records = [json.loads(line) for line in (SOURCE / "corpus.jsonl").open() if line.strip()]
    corpus = folder / "corpus.jsonl"
    with corpus.open("w") as out:
        for record in versions(records, articles):
            out.write(json.dumps(record) + "\n")
    data_dir = folder / "data"
    began = time.perf_counter()
    newsqa("ingest", str(corpus), str(ROOT / "data" / "articles"), data_dir=data_dir)
    seconds = time.perf_counter() - began
    began = time.perf_counter()
    newsqa("ingest", str(corpus), str(ROOT / "data" / "articles"), data_dir=data_dir)
    again = time.perf_counter() - began
    listed = json.loads(newsqa("list", "--json", data_dir=data_dir).stdout)
    figures = {
        "articles": len(listed),
        "passages": sum(a["passages"] for a in listed),
        "characters": corpus.stat().st_size,
        "ingest_seconds": round(seconds, 1),
        "unchanged_reingest_seconds": round(again, 1),
        "load_average_15min": round(os.getloadavg()[2], 2),  # > cores: others shared the CPU
        "command": f"python -m benchmarks.scale build --articles {articles}",
    }
    figures_file.write_text(json.dumps(figures, indent=2))
    return figures


def questions() -> list[str]:
    path = SOURCE / "questions.jsonl"
    return [json.loads(line)["question"] for line in path.open() if line.strip()]


def retrieval(articles: int, repeats: int = 1) -> dict[str, Any]:
    """Per-question retrieval time (question embedding included), hybrid and dense."""
    from rag.app import Newsqa
    from rag.settings import load_settings
    from rag.types import AskOptions

    app = Newsqa(load_settings(data_dir=scale_dir(articles) / "data"))
    asked = questions()
    results = {}
    for mode in ("hybrid", "dense", "bm25"):
        options = AskOptions(retriever=mode)
        app.answers.retrieve(asked[0], options)  # models and indexes loaded before timing
        seconds = []
        for _ in range(repeats):
            for question in asked:
                began = time.perf_counter()
                app.answers.retrieve(question, options)
                seconds.append(time.perf_counter() - began)
        results[mode] = percentiles(seconds) | {"questions": len(seconds)}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["build", "retrieval"])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    banner()
    print(json.dumps(build(args.articles), indent=2))
    if args.what == "retrieval":
        print(json.dumps(retrieval(args.articles), indent=2))


if __name__ == "__main__":
    main()
