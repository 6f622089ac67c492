"""What an app process pays to keep its keyword index in step after another process's write.

    .venv/bin/python -m benchmarks.keyword_changes [--sizes 950 9500] [--changed 50]

A Chroma server (``chroma run``, started here on a free loopback port) holds a
collection of news-like articles (``benchmarks.scale.versions`` of the
rtqa-feb2024 articles). A writer changes ``--changed`` of its articles
(a sentence added to each, so they are re-cut and re-stored); a reader, with a
data directory of its own, then brings its keyword index up to date:

- before: what every app process did on each change until now: read every
  passage's text from the server and build and save a bm25s index of them;
- after: read the change log, fetch the changed articles' passages only, apply
  them to the stored term frequencies and save.

The passages' vectors come from a hashing embedder (random unit vectors, one per
text): keyword search never reads them, and this keeps the build of 100,000
passages from taking an hour of embedding. Each figure is the median of
``--repeat`` changes. Also reports whether this Chroma offers BM25 sparse vectors
and its Search API to a self-hosted server (the other way to share keyword search).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import ROOT, banner, machine, save_figures, table
from benchmarks.scale import SOURCE, versions
from benchmarks.servers import running_chroma
from rag.app import Newsqa
from rag.index.batch import NewArticle
from rag.index.writer import IndexWriter
from rag.models.embedding import WordPieceTokenizer
from rag.settings import load_settings
from rag.text import Analyzer


class HashEmbedder:
    """A random unit vector per text, the same every time: for figures that never read vectors."""

    name = "hash-384"

    def embed(self, texts):
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
            vector = np.random.default_rng(seed).standard_normal(384)
            rows.append((vector / np.linalg.norm(vector)).tolist())
        return rows


def _app(folder: Path, port: int, collection: str, embedder=HashEmbedder) -> Newsqa:
    settings = load_settings(
        data_dir=folder, collection=collection, vector_store={"mode": "server", "port": port}
    )
    return Newsqa(settings, embedder=embedder, tokenizer=WordPieceTokenizer)


def bare_writer(app: Newsqa) -> IndexWriter:
    """The app's writer, without the keyword index and stories it would bring up to date."""
    writer = app.writer
    writer.keyword = writer.stories = None
    return writer


def bm25s_rebuild(app: Newsqa, into: Path) -> float:
    """The former per-change work: every passage read, tokenised, indexed by bm25s, saved."""
    import bm25s

    began = time.perf_counter()
    _, _, texts = app.store.all_texts()
    analyzer = Analyzer()
    model = bm25s.BM25()
    model.index([analyzer.terms(t) or ["_"] for t in texts], show_progress=False)
    model.save(str(into), show_progress=False)
    return time.perf_counter() - began


def measure(folder: Path, port: int, articles: int, changed: int, repeat: int) -> dict[str, Any]:
    records = [json.loads(line) for line in (SOURCE / "corpus.jsonl").open() if line.strip()]
    made = versions(records, articles)
    collection = f"keyword-{articles}"
    writer = bare_writer(_app(folder / "writer", port, collection))
    news = [
        NewArticle(id=r["id"], text=r["text"], title=r["title"], source=r["source"]) for r in made
    ]
    for i in range(0, len(news), 500):
        writer.add(news[i : i + 500])
    reader = _app(folder / "reader", port, collection)
    began = time.perf_counter()
    first = reader.keyword.current()
    first_seconds = time.perf_counter() - began
    before = [bm25s_rebuild(reader, folder / f"bm25s-{articles}") for _ in range(repeat)]
    after, fetched = [], []
    for trial in range(repeat):
        edited = [
            replace(a, text=a.text + f" Edited in trial {trial}.")
            for a in news[trial * changed : (trial + 1) * changed]
        ]
        writer.add(edited)
        began = time.perf_counter()
        index = reader.keyword.current()
        after.append(time.perf_counter() - began)
        ids = {e.id for e in edited}
        fetched.append(sum(1 for a in index.article_ids if a in ids))
    return {
        "articles": articles,
        "passages": len(first.ids),
        "changed_articles": changed,
        "changed_passages": statistics.median(fetched),
        "first_build_s": first_seconds,
        "before_s": statistics.median(before),
        "after_s": statistics.median(after),
    }


def sparse_search_offered(port: int) -> str:
    """Whether this Chroma server takes a BM25 sparse index (chromadb's Search API)."""
    import chromadb
    from chromadb import K, Schema, SparseVectorIndexConfig
    from chromadb.utils.embedding_functions import ChromaBm25EmbeddingFunction

    client = chromadb.HttpClient(host="127.0.0.1", port=port)
    schema = Schema()
    config = SparseVectorIndexConfig(
        source_key=K.DOCUMENT, embedding_function=ChromaBm25EmbeddingFunction(), bm25=True
    )
    schema.create_index(config=config, key="bm25")
    try:
        client.get_or_create_collection("sparse-probe", schema=schema)
    except Exception as exc:  # what the server says is the finding
        return f"refused: {exc}"
    return "accepted"


def markdown(figures: dict[str, Any]) -> str:
    rows = [
        [
            f"{r['passages']:,}",
            f"{r['changed_articles']} ({r['changed_passages']:.0f})",
            f"{r['before_s']:.2f}",
            f"{r['after_s']:.3f}",
            f"{r['first_build_s']:.1f}",
        ]
        for r in figures["sizes"]
    ]
    headers = ["passages", "articles changed (their passages)", "before: rebuilt (s)"]
    return (
        table([*headers, "after: change applied (s)", "first build (s)"], rows)
        + "\n\nA BM25 sparse index on this self-hosted Chroma server: "
        + figures["sparse_bm25_on_server"]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[950, 9500], help="articles")
    parser.add_argument("--changed", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "runs" / "keyword-changes.json")
    args = parser.parse_args()
    banner()
    info, date = machine(), time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    with tempfile.TemporaryDirectory(dir=ROOT / ".cache") as tmp:
        folder = Path(tmp)
        with running_chroma(folder) as port:
            offered = sparse_search_offered(port)
            print(f"BM25 sparse index on a self-hosted Chroma server: {offered}")
            rows = [measure(folder, port, n, args.changed, args.repeat) for n in args.sizes]
    figures = {
        "command": " ".join(["python -m benchmarks.keyword_changes", *sys.argv[1:]]),
        "date": date,
        "machine": info,
        "sparse_bm25_on_server": offered,
        "sizes": rows,
    }
    save_figures(args.out, figures)
    print(json.dumps(figures, indent=2))
    print(markdown(figures))


if __name__ == "__main__":
    main()
