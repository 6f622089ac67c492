"""How well simple signals tell versions of one report apart, on labelled article pairs.

    .venv/bin/python -m benchmarks.story_pairs [--corpus PATH]

For each labelled pair (tests/data/stories/rtqa-pairs.jsonl) it measures the
Jaccard similarity of the two articles' 5-word shingles, the cosine
similarity of their leads (first 600 characters, the embedding model), and the
share of the shorter article's sentences that have a sentence of the other
article within ``SENTENCE_COSINE`` (paraphrased copies share meaning sentence by
sentence, not words), then prints the precision and recall of rules over them.
The corpus defaults to ../shared/datasets/rtqa-feb2024/corpus.jsonl beside the
project.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from rag.app import Newsqa
from rag.index.likeness import matched_share, shingles
from rag.settings import load_settings
from rag.text import sentence_spans

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "stories" / "rtqa-pairs.jsonl"
CORPUS = ROOT.parent / "shared" / "datasets" / "rtqa-feb2024" / "corpus.jsonl"
LEAD_CHARACTERS = 600
SENTENCE_COSINE = 0.8
MAX_SENTENCES = 40  # of each article, from its start


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    return len(a & b) / (len(a | b) or 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line]
    texts = {}
    for line in args.corpus.read_text().splitlines():
        record = json.loads(line)
        texts[record["id"]] = record["text"]
    ids = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
    embedder = Newsqa(load_settings()).embedder()
    vectors = dict(zip(ids, embedder.embed([texts[i][:LEAD_CHARACTERS] for i in ids]), strict=True))
    sentences = {
        i: [texts[i][s:e] for s, e in sentence_spans(texts[i])][:MAX_SENTENCES] for i in ids
    }
    flat = [(i, text) for i in ids for text in sentences[i]]
    sentence_vectors: dict[str, list[list[float]]] = {i: [] for i in ids}
    for (i, _), vector in zip(flat, embedder.embed([t for _, t in flat]), strict=True):
        sentence_vectors[i].append(vector)
    measured = []
    for pair in pairs:
        a, b = pair["a"], pair["b"]
        cosine = sum(x * y for x, y in zip(vectors[a], vectors[b], strict=True))
        share = matched_share(
            np.asarray(sentence_vectors[a]), np.asarray(sentence_vectors[b]), SENTENCE_COSINE
        )
        words = jaccard(shingles(texts[a]), shingles(texts[b]))
        measured.append((pair["same_report"], words, cosine, share))
    same = sum(1 for m in measured if m[0])
    print(f"{len(measured)} pairs, {same} the same report")
    for label, value in (("Jaccard", 1), ("lead cosine", 2), ("matched sentences", 3)):
        same_values = sorted(round(m[value], 3) for m in measured if m[0])
        other = max(m[value] for m in measured if not m[0])
        print(f"  {label}: same-report pairs {same_values}; highest other pair {other:.3f}")
    rules = {
        "Jaccard >= 0.5": lambda j, c, m: j >= 0.5,
        "lead cosine >= 0.9": lambda j, c, m: c >= 0.9,
        "lead cosine >= 0.85": lambda j, c, m: c >= 0.85,
        "matched sentences >= 0.3": lambda j, c, m: m >= 0.3,
        "matched sentences >= 0.5": lambda j, c, m: m >= 0.5,
    }
    for name, rule in rules.items():
        hits = [(s, rule(j, c, m)) for s, j, c, m in measured]
        tp = sum(1 for s, p in hits if s and p)
        fp = sum(1 for s, p in hits if p and not s)
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (same or 1)
        print(
            f"  {name}: precision {precision:.2f}, recall {recall:.2f} ({tp} of {same}, {fp} false)"
        )


if __name__ == "__main__":
    main()
