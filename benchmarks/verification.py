"""Precision and recall of the answer verifier on the labelled cases in tests/data.

    .venv/bin/python -m benchmarks.verification [--cases FILE] [--show-errors]

Each case is (question, answer sentence citing [1], passage, supported?). The
verifier sees the passage as source [1] and must accept exactly the supported
sentences. Precision: of the sentences it accepts, the share that are supported;
recall: of the supported sentences, the share it accepts.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from rag.answer.evidence import Source
from rag.answer.verify import Verifier
from rag.models.embedding import Embedder, SentenceTransformerEmbedder
from rag.text import sentence_spans
from rag.types import Passage

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "verification_cases.jsonl"


def load_cases(path: Path = CASES) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def as_source(text: str) -> Source:
    passage = Passage(
        passage_id="case#0",
        article_id="case",
        index=0,
        title="",
        source="",
        text=text,
        start=0,
        end=len(text),
    )
    return Source(1, passage, tuple(sentence_spans(text)))


def judge(case: dict, embedder: Embedder) -> tuple[bool, str]:
    """(accepted?, the reason of the first rejected sentence)."""
    verdicts = Verifier(embedder, case["question"]).verify(
        case["claim"], [as_source(case["passage"])], repair=False
    )
    rejected = [v for v in verdicts if not v.supported]
    reason = getattr(rejected[0], "reason", "") if rejected else ""
    return (bool(verdicts) and not rejected), reason


def score(cases: list[dict], embedder: Embedder) -> dict:
    outcomes = Counter()
    by_kind: dict[str, Counter] = {}
    errors = []
    began = time.perf_counter()
    for case in cases:
        accepted, reason = judge(case, embedder)
        truth = bool(case["supported"])
        outcomes[(accepted, truth)] += 1
        by_kind.setdefault(case["kind"], Counter())[accepted == truth] += 1
        if accepted != truth:
            errors.append((case, accepted, reason))
    tp, fp, fn = outcomes[(True, True)], outcomes[(True, False)], outcomes[(False, True)]
    return {
        "cases": len(cases),
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
        "accuracy": (tp + outcomes[(False, False)]) / len(cases),
        "by_kind": {k: f"{c[True]}/{c[True] + c[False]}" for k, c in sorted(by_kind.items())},
        "ms_per_case": 1000 * (time.perf_counter() - began) / len(cases),
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    result = score(load_cases(args.cases), SentenceTransformerEmbedder())
    print(
        f"{result['cases']} cases: precision {result['precision']:.3f}, recall "
        f"{result['recall']:.3f}, accuracy {result['accuracy']:.3f} "
        f"({result['ms_per_case']:.0f} ms a case)"
    )
    print("right by kind: " + ", ".join(f"{k} {v}" for k, v in result["by_kind"].items()))
    if args.show_errors:
        for case, accepted, reason in result["errors"]:
            verdict = "accepted" if accepted else f"rejected ({reason})"
            print(f"- {case['id']} {case['kind']}: {verdict}\n  Q: {case['question']}")
            print(f"  A: {case['claim']}\n  P: {case['passage'][:300]}")


if __name__ == "__main__":
    main()
