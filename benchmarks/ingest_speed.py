"""Ingest speed: newsqa against the llama-index default on the same real news articles.

    .venv/bin/python -m benchmarks.ingest_speed [--corpus PATH] [--levers] [--pairs N] [--json FILE]

Each side runs in a fresh process on an empty index, timed from start to end
(model loading included): ``newsqa ingest CORPUS`` (Chroma on disk, keyword
index, stories), then the same command again on the unchanged collection; and
llama-index's ``VectorStoreIndex.from_documents`` with its default node parser,
in memory, with the same embedding model at its library default (float32).
The embedding model reads at most 256 word pieces of a text: the share of the
articles' text that was embedded is measured from where each passage or node
starts and where the model stops reading it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, banner, machine, newsqa, save_figures, table

CORPUS = ROOT.parent / "shared" / "datasets" / "rtqa-feb2024" / "corpus.jsonl"


def _covered(spans: list[tuple[int, int]]) -> int:
    """Characters inside at least one span."""
    covered, reach = 0, 0
    for start, end in sorted(spans):
        start = max(start, reach)
        if end > start:
            covered += end - start
            reach = end
    return covered


def read_points(text: str, tokenizer, limit: int) -> int:
    """How many characters of ``text`` the embedding model reads before its window ends."""
    spans = tokenizer.token_spans(text)
    return spans[min(len(spans), limit) - 1][1] if spans else 0


def llamaindex_ingest(corpus: Path) -> dict[str, Any]:
    """The llama-index default, in this process: wall time, nodes, share of text embedded."""
    began = time.perf_counter()
    from llama_index.core import Document, VectorStoreIndex

    from eval.baseline import EmbedderAdapter
    from rag.models.embedding import MAX_WORD_PIECES, SentenceTransformerEmbedder

    records = [json.loads(line) for line in corpus.open() if line.strip()]
    embedder = SentenceTransformerEmbedder(precision="float32")
    documents = [Document(text=r["text"], id_=str(r["id"])) for r in records]
    index = VectorStoreIndex.from_documents(documents, embed_model=EmbedderAdapter(embedder))
    seconds = time.perf_counter() - began

    from rag.models.embedding import WordPieceTokenizer

    tokenizer = WordPieceTokenizer()
    spans: dict[str, list[tuple[int, int]]] = {}
    for node in index.docstore.docs.values():
        start = node.start_char_idx or 0
        read = read_points(node.get_content(), tokenizer, MAX_WORD_PIECES - 2)
        spans.setdefault(node.ref_doc_id, []).append((start, start + read))
    characters = sum(len(r["text"]) for r in records)
    embedded = sum(_covered(s) for s in spans.values())
    return {
        "seconds": seconds,
        "passages": len(index.docstore.docs),
        "share_embedded": embedded / characters,
        "words": sum(len(r["text"].split()) for r in records),
    }


def newsqa_ingest(corpus: Path, flags: tuple[str, ...] = ()) -> dict[str, Any]:
    """``newsqa ingest`` twice in fresh processes; the share embedded from the stored offsets."""
    with tempfile.TemporaryDirectory() as data_dir:
        timings = []
        for _ in range(2):
            began = time.perf_counter()
            newsqa("ingest", str(corpus), *flags, data_dir=Path(data_dir))
            timings.append(time.perf_counter() - began)
        from rag.app import Newsqa
        from rag.models.embedding import MAX_WORD_PIECES
        from rag.settings import load_settings

        overlap = flags[flags.index("--chunk-overlap") + 1] if "--chunk-overlap" in flags else None
        app = Newsqa(load_settings(data_dir=Path(data_dir), chunk_overlap=overlap))
        tokenizer = app.tokenizer()
        spans: dict[str, list[tuple[int, int]]] = {}
        characters = 0
        for record in app.catalog.all():
            characters += len(record.text)
            for passage in app.store.get(app.store.passage_ids(record.id)):
                read = read_points(passage.text, tokenizer, MAX_WORD_PIECES - 2)
                spans.setdefault(record.id, []).append((passage.start, passage.start + read))
        embedded = sum(_covered(s) for s in spans.values())
        passages = sum(len(s) for s in spans.values())
    return {
        "seconds": timings[0],
        "unchanged_seconds": timings[1],
        "passages": passages,
        "share_embedded": embedded / characters,
    }


# Levers measured beside the default: reading overlapped with embedding in two worker
# processes, and less of each passage repeated in the next (chunk_overlap 32 by default).
LEVERS = {
    "--workers 2": ("--workers", "2"),
    "chunk_overlap 16": ("--chunk-overlap", "16"),
}


def _llamaindex_in_new_process(corpus: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.ingest_speed", "--llamaindex", str(corpus)]
    done = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(corpus: Path = CORPUS, levers: bool = False, pairs: int = 1) -> dict[str, Any]:
    """newsqa then the default, ``pairs`` times in turn; the median of each side's times.

    On a machine whose speed drifts (a shared host), one run of each side can land
    in a fast and a slow spell; pairs taken in turn show how far the ratio moves.
    """
    runs = [(newsqa_ingest(corpus), _llamaindex_in_new_process(corpus)) for _ in range(pairs)]
    newsqa = dict(runs[0][0]) | {"seconds": statistics.median(n["seconds"] for n, _ in runs)}
    baseline = dict(runs[0][1]) | {"seconds": statistics.median(b["seconds"] for _, b in runs)}
    results = {"corpus": str(corpus), "words": baseline["words"], "newsqa": newsqa}
    results["llamaindex"] = baseline
    if pairs > 1:
        results["pairs"] = [
            {
                "newsqa": n["seconds"],
                "llamaindex": b["seconds"],
                "ratio": n["seconds"] / b["seconds"],
            }
            for n, b in runs
        ]
    if levers:
        results["levers"] = {name: newsqa_ingest(corpus, flags) for name, flags in LEVERS.items()}
    return results


def markdown(results: dict[str, Any]) -> str:
    words, baseline = results["words"], results["llamaindex"]["seconds"]
    runs = {"newsqa": results["newsqa"], "llama-index default": results["llamaindex"]}
    runs |= {f"newsqa, {name}": r for name, r in results.get("levers", {}).items()}
    rows = [
        [
            name,
            f"{r['seconds']:.1f}",
            r["passages"],
            f"{r['share_embedded']:.1%}",
            f"{words * r['share_embedded'] / r['seconds']:,.0f}",
            f"{r['seconds'] / baseline:.2f}x",
        ]
        for name, r in runs.items()
    ]
    headers = ["pipeline", "wall time (s)", "passages", "text embedded", "words embedded per s"]
    ratio = results["newsqa"]["seconds"] / baseline
    unchanged = results["newsqa"]["unchanged_seconds"]
    return (
        table([*headers, "time / llama-index default"], rows)
        + f"\n\nnewsqa / llama-index default wall time: **{ratio:.2f}x**. Re-ingest of the "
        f"unchanged collection: {unchanged:.1f} s "
        f"({unchanged / results['newsqa']['seconds']:.1%} of a full ingest)."
        + _pairs_markdown(results.get("pairs", []))
    )


def _pairs_markdown(pairs: list[dict[str, float]]) -> str:
    if not pairs:
        return ""
    each = "; ".join(
        f"{p['newsqa']:.1f} s against {p['llamaindex']:.1f} s ({p['ratio']:.2f}x)" for p in pairs
    )
    ratios = [p["ratio"] for p in pairs]
    return (
        f"\n\n{len(pairs)} pairs, newsqa then the default in turn (the times above are "
        f"medians): {each}. Ratio median {statistics.median(ratios):.2f}x, "
        f"range {min(ratios):.2f}–{max(ratios):.2f}x."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--levers", action="store_true", help="also each lever on its own")
    parser.add_argument("--pairs", type=int, default=1, help="newsqa and the default, N times")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--llamaindex", type=Path, help=argparse.SUPPRESS)  # one side, as JSON
    args = parser.parse_args()
    banner()
    if args.llamaindex:
        print(json.dumps(llamaindex_ingest(args.llamaindex)))
        return
    info, date = machine(), time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results = run(args.corpus, args.levers, args.pairs)
    if args.json:
        results |= {"command": " ".join(["python -m benchmarks.ingest_speed", *sys.argv[1:]])}
        save_figures(args.json, results | {"machine": info, "date": date})
    print(markdown(results))


if __name__ == "__main__":
    main()
