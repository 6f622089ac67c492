"""How well the model's own odds tell its right short answers from its wrong ones.

    NEWSQA_LLM_RECORD_ODDS=true newsqa eval ... --out RUN
    .venv/bin/python -m benchmarks.reply_odds RUN...

For each answer shown (not abstained), a few summaries of the log-probabilities of
the reply's word tokens (citation markers left out): the lowest, the mean, the mean
of the three lowest, the first word token's, and how many fell under 0.5. Each is
scored by AUROC (right answers against wrong ones: a wrong answer to an answerable
question, or any answer to an unanswerable one), and ``--summary`` shows what keeping only
answers above a floor of one of them would keep.
"""

from __future__ import annotations

import argparse
import math
import re
from pathlib import Path

from eval.metrics import contains_answer
from eval.results import load_results

_WORD = re.compile(r"\w")
SUMMARIES = ("lowest", "mean", "three lowest", "first", "under 0.5")


def word_odds(odds: list[list]) -> list[float]:
    """The log-probabilities of the tokens that write words, outside citation markers."""
    kept, in_marker = [], False
    for text, logprob in odds:
        if "[" in text:
            in_marker = True
        if in_marker:
            in_marker = "]" not in text
            continue
        if _WORD.search(text):
            kept.append(logprob)
    return kept


def summaries(odds: list[float]) -> dict[str, float]:
    return {
        "lowest": min(odds),
        "mean": sum(odds) / len(odds),
        "three lowest": sum(sorted(odds)[:3]) / min(3, len(odds)),
        "first": odds[0],
        "under 0.5": -sum(1 for x in odds if x < math.log(0.5)),
    }


def auroc(right: list[float], wrong: list[float]) -> float:
    """The chance that a right answer scores above a wrong one (ties count half)."""
    wins = sum((r > w) + 0.5 * (r == w) for r in right for w in wrong)
    return wins / (len(right) * len(wrong)) if right and wrong else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="+", type=Path)
    parser.add_argument("--summary", choices=SUMMARIES, default="first", help="for the floors")
    args = parser.parse_args()
    rows = [r for run in args.runs for r in load_results(run)]
    shown = [r for r in rows if not r.get("failed") and not r["abstained"]]
    scored = [(r, word_odds(r.get("reply_odds") or [])) for r in shown]
    scored = [(r, odds) for r, odds in scored if odds]
    right = [
        summaries(o)
        for r, o in scored
        if r["answerable"] and contains_answer(r["response"], r["answers"])
    ]
    wrong = [
        summaries(o)
        for r, o in scored
        if not (r["answerable"] and contains_answer(r["response"], r["answers"]))
    ]
    print(f"answers shown with odds: {len(scored)} ({len(right)} right, {len(wrong)} wrong)")
    for name in SUMMARIES:
        print(f"  {name:13s} AUROC {auroc([s[name] for s in right], [s[name] for s in wrong]):.3f}")
    name = args.summary
    values = sorted(s[name] for s in right + wrong)
    for share in (0.1, 0.2, 0.3, 0.4):
        floor = values[int(share * len(values))]
        kept_right = sum(s[name] >= floor for s in right)
        kept_wrong = sum(s[name] >= floor for s in wrong)
        print(
            f"  {name} >= {floor:.2f}: keeps {kept_right}/{len(right)} right, "
            f"{kept_wrong}/{len(wrong)} wrong; wrong shown "
            f"{kept_wrong / max(1, kept_right + kept_wrong):.3f}"
        )


if __name__ == "__main__":
    main()
