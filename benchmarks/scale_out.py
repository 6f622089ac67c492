"""Scale-out figures: each stage's throughput measured here, and the hours to ingest a
million articles with N workers modelled from them.

    .venv/bin/python -m benchmarks.scale_out [--articles 150] [--out docs/runs/scale-out.json]

This machine has 2 cores, so a speed-up across machines cannot be shown here;
what one worker, the Chroma server and the embedding server each sustain can:

- one worker: rtqa-feb2024 articles cut and embedded by the local model, as an
  ingest worker does (``ingest.workers.embed_articles``);
- the Chroma server (``chroma run``): passages written in windows of 256, by one
  writer and by two at once (separate processes), and catalog rows recorded by
  the one writer, as ``IndexWriter.record_jobs`` does;
- the embedding server (infinity, ``.venv-embed``), with float32 weights (what the
  tests check against the local model) and with bfloat16 weights: passages per
  second at 1, 2 and 4 concurrent requests of 32;
- ``newsqa ingest`` of the same articles with the local model and through the
  embedding server on loopback, one after the other (twice each; the median).

``benchmarks.scale_model`` divides a million articles by the slowest stage for N workers.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, banner, machine, newsqa_command, save_figures
from benchmarks.keyword_changes import HashEmbedder
from benchmarks.scale import SOURCE
from benchmarks.scale_model import SERVER_DTYPES, markdown, model
from benchmarks.servers import running_chroma, running_infinity

WINDOW = 256


def rtqa_records(count: int) -> list[dict[str, Any]]:
    lines = (SOURCE / "corpus.jsonl").open()
    return [json.loads(line) for line, _ in zip(lines, range(count), strict=False)]


def worker_throughput(records: list[dict[str, Any]]) -> dict[str, float]:
    """One worker process: cut and embed, local model, this machine's cores."""
    from rag.index.batch import NewArticle, article_record
    from rag.index.embedding_jobs import BATCHES_PER_WINDOW, cut_jobs, embed_all
    from rag.models.embedding import SentenceTransformerEmbedder, WordPieceTokenizer

    embedder, tokenizer = SentenceTransformerEmbedder(), WordPieceTokenizer()
    embedder.embed(["warm-up"])
    articles = [NewArticle(str(r["id"]), r["text"], r.get("title", ""), "") for r in records]
    began = time.perf_counter()
    jobs = cut_jobs([article_record(a, "bench") for a in articles], tokenizer, 160, 32)
    embed_all(jobs, embedder, 32 * BATCHES_PER_WINDOW)
    seconds = time.perf_counter() - began
    passages = sum(len(job.cuts) for job in jobs)
    return {
        "articles_per_s": len(jobs) / seconds,
        "passages_per_s": passages / seconds,
        "passages_per_article": passages / len(jobs),
    }


def _write(port: int, collection: str, passages: list[tuple], result) -> None:
    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=port)
    target = client.get_or_create_collection(
        collection, configuration={"hnsw": {"space": "cosine"}}
    )
    began = time.perf_counter()
    for i in range(0, len(passages), WINDOW):
        ids, vectors, texts, metadatas = zip(*passages[i : i + WINDOW], strict=True)
        target.upsert(
            ids=list(ids),
            embeddings=list(vectors),
            documents=list(texts),
            metadatas=list(metadatas),
        )
    result.put(time.perf_counter() - began)


def chroma_throughput(
    port: int, records: list[dict[str, Any]], per_writer: int
) -> dict[str, float]:
    """Passages per second into one Chroma server, from one and from two writer processes."""
    paragraphs = [p for r in records for p in r["text"].split("\n\n") if len(p) > 200]
    embedder = HashEmbedder()

    def passages(tag: str) -> list[tuple]:
        texts = [paragraphs[i % len(paragraphs)] for i in range(per_writer)]
        vectors = embedder.embed([f"{tag}{i}" for i in range(per_writer)])
        return [
            (f"{tag}-{i}#0", vectors[i], texts[i], {"article_id": f"{tag}-{i}", "version": "v"})
            for i in range(per_writer)
        ]

    rates = {}
    context = multiprocessing.get_context("spawn")
    for writers in (1, 2):
        result = context.Queue()
        work = [passages(f"w{writers}-{n}") for n in range(writers)]
        processes = [
            context.Process(target=_write, args=(port, f"writers-{writers}", w, result))
            for w in work
        ]
        began = time.perf_counter()
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        rates[f"passages_per_s_{writers}_writers"] = (
            writers * per_writer / (time.perf_counter() - began)
        )
    return rates


def catalog_throughput(port: int, records: list[dict[str, Any]]) -> float:
    """Articles the one writer records per second (change logged, rows, generation)."""
    from rag.index.batch import IngestReport, NewArticle, article_record
    from rag.index.chroma_catalog import ChromaCatalog
    from rag.index.store import connect_server
    from rag.index.writer import IndexWriter
    from rag.vector_store_settings import VectorStoreSettings

    client = connect_server(VectorStoreSettings(mode="server", port=port))
    with tempfile.TemporaryDirectory() as folder:
        catalog = ChromaCatalog(client, "catalog-bench", Path(folder) / "c")
        writer = IndexWriter(None, catalog, None, None, None, "bench", 160, 32)
        stored = [
            (article_record(NewArticle(f"a{i}", r["text"], r.get("title", ""), ""), "b"), 18)
            for i, r in enumerate(records)
        ]
        began = time.perf_counter()
        for i in range(0, len(stored), 15):  # about the articles of one window
            writer.record_jobs(stored[i : i + 15], IngestReport())
        return len(stored) / (time.perf_counter() - began)


def embedding_server_throughput(url: str, texts: list[str]) -> dict[str, float]:
    from rag.models.server_embedding import ServerEmbedder

    rates = {}
    for concurrency in (1, 2, 4):
        embedder = ServerEmbedder(url, "all-MiniLM-L6-v2", batch_size=32, concurrency=concurrency)
        embedder.embed(texts[:32])
        began = time.perf_counter()
        embedder.embed(texts)
        rates[f"passages_per_s_{concurrency}_requests"] = len(texts) / (time.perf_counter() - began)
        embedder.close()
    return rates


def ingest_seconds(corpus: Path, env: dict[str, str]) -> float:
    import subprocess

    with tempfile.TemporaryDirectory() as data_dir:
        began = time.perf_counter()
        subprocess.run(
            newsqa_command("ingest", str(corpus)),
            env=os.environ | {"NEWSQA_DATA_DIR": data_dir, "HF_HUB_OFFLINE": "1"} | env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--passages", type=int, default=5000, help="per Chroma writer")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "runs" / "scale-out.json")
    args = parser.parse_args()
    banner()
    records = rtqa_records(args.articles)
    figures: dict[str, Any] = {
        "command": " ".join(["python -m benchmarks.scale_out", *sys.argv[1:]]),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "articles": len(records),
    }
    figures["worker"] = worker_throughput(records)
    with tempfile.TemporaryDirectory(dir=ROOT / ".cache") as tmp:
        folder = Path(tmp)
        with running_chroma(folder) as port:
            figures["chroma"] = chroma_throughput(port, records, args.passages)
            figures["catalog_articles_per_s"] = catalog_throughput(port, records)
        corpus = folder / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
        texts = [p for r in records for p in r["text"].split("\n\n") if len(p) > 100][:640]
        figures["ingest_local_s"] = statistics.median(ingest_seconds(corpus, {}) for _ in range(2))
        for dtype in SERVER_DTYPES:
            with running_infinity(folder, dtype) as url:
                figures[f"embedding_server_{dtype}"] = embedding_server_throughput(url, texts)
                served = {"NEWSQA_EMBED_BACKEND": "openai", "NEWSQA_EMBED_BASE_URL": url}
                runs = [ingest_seconds(corpus, served) for _ in range(2)]
                figures[f"ingest_server_{dtype}_s"] = statistics.median(runs)
    figures["model"] = model(figures)
    save_figures(args.out, figures)
    print(json.dumps(figures, indent=2))
    print(markdown(figures))


if __name__ == "__main__":
    main()
