"""Grid search of retrieval settings on the evaluation datasets (document-level recall).

    .venv/bin/python -m benchmarks.tune_retrieval ../shared/datasets/rgb-en-fact \
        --grid "retriever=dense,bm25,hybrid" --grid "dense_weight=0.5,1,2"

Each grid point prints recall@1/3/5/10 and MRR@10 over all questions with gold documents.
The corpus is ingested once per chunking (incrementally, into .cache/eval-data).
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

from eval import metrics
from eval.corpus import read_corpus
from eval.datasets import load_questions
from eval.options import EvalOptions
from eval.pipelines import corpus_app, ingest_corpus
from rag.models.embedding import SentenceTransformerEmbedder
from rag.settings import load_settings


class MemoEmbedder:
    """Questions are embedded once for the whole grid."""

    def __init__(self, embedder) -> None:
        self.embedder, self.name, self.cache = embedder, embedder.name, {}

    def embed(self, texts):
        missing = [t for t in texts if t not in self.cache]
        for text, vector in zip(missing, self.embedder.embed(missing), strict=True):
            self.cache[text] = vector
        return [self.cache[t] for t in texts]


def parse_grid(specs: list[str]) -> list[dict]:
    axes = []
    for spec in specs:
        name, values = spec.split("=", 1)
        axes.append([(name, _value(v)) for v in values.split(",")])
    return [dict(point) for point in itertools.product(*axes)] or [{}]


def _value(text: str):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--grid", action="append", default=[])
    parser.add_argument("--data-dir", type=Path, default=Path(".cache/eval-data"))
    args = parser.parse_args()
    questions = [q for q in load_questions(args.dataset / "questions.jsonl") if q.gold_doc_ids]
    options = EvalOptions(
        corpus=args.dataset / "corpus.jsonl", questions=args.dataset / "questions.jsonl", out=Path()
    )
    records = read_corpus(options.corpus, use_titles=False)
    embedder = MemoEmbedder(SentenceTransformerEmbedder())
    for point in parse_grid(args.grid):
        settings = load_settings(data_dir=args.data_dir, **point)
        app = corpus_app(settings, options, embedder=lambda: embedder)
        ingest_corpus(app, records, str(options.corpus.resolve()))  # once per chunking
        began = time.perf_counter()
        ranked = [[p.article_id for p in app.answers.retrieve(q.question)[:10]] for q in questions]
        seconds = time.perf_counter() - began
        scores = {
            f"R@{k}": metrics.mean(
                metrics.recall_at_k(r, q.gold_doc_ids, k)
                for r, q in zip(ranked, questions, strict=True)
            )
            for k in (1, 3, 5, 10)
        }
        scores["MRR@10"] = metrics.mean(
            metrics.reciprocal_rank(r, q.gold_doc_ids, 10)
            for r, q in zip(ranked, questions, strict=True)
        )
        shown = " ".join(f"{k} {v:.3f}" for k, v in scores.items())
        print(f"{args.dataset.name} {point}: {shown} ({seconds / len(questions) * 1000:.0f} ms/q)")


if __name__ == "__main__":
    main()
