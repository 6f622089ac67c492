"""Precision and recall of the answer verifier on the labelled cases in tests/data/verification.

    .venv/bin/python -m benchmarks.verification [--cases FILE ...] [--ablation] [--show-errors]

Each case is (question, answer sentence citing [1], passage, supported?, kind), with
the passage's article title where the case gives one, and the other sources the
answer was given beside it (``others``, numbered from [2]). The
verifier sees the passage as source [1] and must accept exactly the supported
sentences. Precision: of the sentences it accepts, the share that are supported;
recall: of the supported sentences, the share it accepts. Each kind of trap is
reported by the share caught, each kind of supported sentence by the share kept.
Hand-labelled cases (``hand-*.jsonl``) and generated ones (``generated*.jsonl``) are
reported apart. ``--ablation`` scores the hand-labelled part again with each check
turned off in turn.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from rag.answer.evidence import Source
from rag.answer.question import analyse_question
from rag.answer.verify import CHECK_NAMES, CheckConfig, Verifier
from rag.language.parser import Parser
from rag.models.embedding import Embedder, SentenceTransformerEmbedder
from rag.text import sentence_spans
from rag.types import Passage

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "verification"


def load_cases(paths: list[Path] | None = None) -> list[dict]:
    """Every case of the given files (default: all of tests/data/verification), each with
    the name of its file as ``set``: hand or generated."""
    paths = paths or sorted(CASES.glob("*.jsonl"))
    cases = []
    for path in paths:
        labelled = "generated" if path.name.startswith("generated") else "hand"
        for line in path.read_text().splitlines():
            if line.strip():
                cases.append(json.loads(line) | {"set": labelled})
    return cases


def as_source(text: str, title: str = "", n: int = 1) -> Source:
    """The passage as source [n], with its article's title when the case gives it (the
    model sees a source's title too)."""
    passage = Passage(
        passage_id=f"case{n}#0",
        article_id=f"case{n}",
        index=0,
        title=title,
        source="",
        text=text,
        start=0,
        end=len(text),
    )
    return Source(n, passage, tuple(sentence_spans(text)))


def judge(case: dict, parser: Parser, embedder: Embedder, config: CheckConfig) -> tuple[bool, str]:
    """(accepted?, the reason of the first rejected sentence)."""
    question = analyse_question(case["question"], parser)
    verifier = Verifier(
        question,
        [as_source(case["passage"], case.get("title", ""))]
        + [as_source(text, n=n) for n, text in enumerate(case.get("others", []), start=2)],
        parser,
        embedder,
        question.plan.checks,
        config,
    )
    verdicts = verifier.verify(case["claim"], repair=False)
    rejected = [v for v in verdicts if not v.supported]
    reason = str(rejected[0].reason) if rejected else ""
    return (bool(verdicts) and not rejected), reason


def score(
    cases: list[dict], parser: Parser, embedder: Embedder, config: CheckConfig | None = None
) -> dict:
    config = config or CheckConfig()
    outcomes: Counter = Counter()
    by_kind: dict[str, Counter] = {}
    errors = []
    began = time.perf_counter()
    for case in cases:
        accepted, reason = judge(case, parser, embedder, config)
        truth = bool(case["supported"])
        outcomes[(accepted, truth)] += 1
        by_kind.setdefault(_kind(case), Counter())[accepted == truth] += 1
        if accepted != truth:
            errors.append((case, accepted, reason))
    tp, fp, fn = outcomes[(True, True)], outcomes[(True, False)], outcomes[(False, True)]
    return {
        "cases": len(cases),
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
        "accuracy": (tp + outcomes[(False, False)]) / len(cases) if cases else None,
        "by_kind": {k: (c[True], c[True] + c[False]) for k, c in sorted(by_kind.items())},
        "ms_per_case": 1000 * (time.perf_counter() - began) / max(1, len(cases)),
        "errors": errors,
    }


def _kind(case: dict) -> str:
    return f"{case['kind']} ({'kept' if case['supported'] else 'caught'})"


def _line(title: str, result: dict) -> str:
    precision, recall = result["precision"], result["recall"]
    return (
        f"{title}: {result['cases']} cases, precision {precision or 0:.3f}, recall "
        f"{recall or 0:.3f}, accuracy {result['accuracy'] or 0:.3f} "
        f"({result['ms_per_case']:.0f} ms a case)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=Path, nargs="*")
    parser.add_argument("--ablation", action="store_true")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    cases = load_cases(args.cases)
    english, embedder = Parser(), SentenceTransformerEmbedder()
    for labelled in ("hand", "generated"):
        part = [c for c in cases if c["set"] == labelled]
        if not part:
            continue
        result = score(part, english, embedder)
        print(_line(f"{labelled}-labelled", result))
        for kind, (right, total) in result["by_kind"].items():
            print(f"  {kind:38} {right:3}/{total:<3} {right / total:.2f}")
        if args.show_errors:
            for case, accepted, reason in result["errors"]:
                verdict = "accepted" if accepted else f"rejected ({reason})"
                print(f"- {case['id']} {case['kind']}: {verdict}\n  Q: {case['question']}")
                print(f"  A: {case['claim']}\n  P: {case['passage'][:400]}")
    if args.ablation:
        hand = [c for c in cases if c["set"] == "hand"]
        print("\nablation, hand-labelled cases: each check turned off in turn")
        print(f"  {'without':16} {'precision':>9} {'recall':>7}")
        for name in CHECK_NAMES:
            result = score(hand, english, embedder, CheckConfig().without(name))
            print(f"  {name:16} {result['precision']:9.3f} {result['recall']:7.3f}")


if __name__ == "__main__":
    main()
