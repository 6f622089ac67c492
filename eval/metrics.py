"""Pure scoring functions for question-answering runs.

Retrieval is scored at document level (passages are mapped to their doc ids),
answers with SQuAD-style normalisation. Anything that cannot be scored returns
None instead of raising or dividing by zero, so aggregates can skip it explicitly.
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_UNICODE_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_PUNCT = set(string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalize_answer(s: str) -> str:
    """Normalise text the SQuAD way so superficial differences do not count as errors.

    Typographic quotes and dashes are first mapped to ASCII so they are removed
    like their plain counterparts.
    """
    text = s.translate(_UNICODE_MAP).lower()
    text = "".join(ch for ch in text if ch not in _PUNCT)
    text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def _distinct(ids: Iterable[str]) -> list[str]:
    """Dedupe keeping first occurrence, since several passages can share a doc."""
    return list(dict.fromkeys(ids))


def recall_at_k(retrieved_doc_ids: list[str], gold_doc_ids: list[str], k: int) -> float | None:
    """1.0 if any gold doc is among the first k distinct docs; None without gold."""
    if not gold_doc_ids:
        return None
    gold = set(gold_doc_ids)
    return 1.0 if any(d in gold for d in _distinct(retrieved_doc_ids)[:k]) else 0.0


def reciprocal_rank(
    retrieved_doc_ids: list[str], gold_doc_ids: list[str], k: int = 10
) -> float | None:
    """1/rank of the first gold doc within the first k distinct docs; None without gold."""
    if not gold_doc_ids:
        return None
    gold = set(gold_doc_ids)
    for rank, doc_id in enumerate(_distinct(retrieved_doc_ids)[:k], start=1):
        if doc_id in gold:
            return 1.0 / rank
    return 0.0


def _norm_golds(gold_answers: list[str]) -> list[str]:
    """Normalised gold answers, dropping ones that normalise to nothing."""
    return [g for g in (normalize_answer(a) for a in gold_answers) if g]


def contains_answer(prediction: str, gold_answers: list[str]) -> bool:
    """Lenient correctness: the answer mentions a gold answer somewhere.

    Matching is on token boundaries so "10" does not match inside "100".
    """
    pred = f" {normalize_answer(prediction)} "
    return any(f" {g} " in pred for g in _norm_golds(gold_answers))


def exact_match(prediction: str, gold_answers: list[str]) -> float:
    """SQuAD exact match, max over gold answers; 0.0 if either side is empty."""
    pred = normalize_answer(prediction)
    if not pred:
        return 0.0
    return 1.0 if pred in _norm_golds(gold_answers) else 0.0


def _f1_pair(pred_tokens: list[str], gold_tokens: list[str]) -> float:
    """Token-overlap F1 between two token lists."""
    overlap = sum((Counter(pred_tokens) & Counter(gold_tokens)).values())
    if overlap == 0:
        return 0.0
    precision = overlap / len(pred_tokens)
    recall = overlap / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


def token_f1(prediction: str, gold_answers: list[str]) -> float:
    """SQuAD token F1, max over gold answers; 0.0 if either side is empty."""
    pred_tokens = normalize_answer(prediction).split()
    if not pred_tokens:
        return 0.0
    return max((_f1_pair(pred_tokens, g.split()) for g in _norm_golds(gold_answers)), default=0.0)


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the scoreable values; None when nothing was scoreable."""
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def percentile(values: list[float], p: float) -> float | None:
    """p-th percentile (0-100) with linear interpolation, matching numpy's default."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * p / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


@dataclass(frozen=True)
class AbstentionRow:
    """The two facts needed to judge an abstention decision."""

    answerable: bool
    abstained: bool


def _share(flags: list[bool]) -> float | None:
    """Fraction of True values; None for an empty list."""
    return sum(flags) / len(flags) if flags else None


def abstention_rates(rows: list[AbstentionRow]) -> dict[str, float | None]:
    """Good abstentions (on unanswerable) and bad ones (on answerable), as shares."""
    return {
        "abstained_on_unanswerable": _share([r.abstained for r in rows if not r.answerable]),
        "wrongly_abstained_on_answerable": _share([r.abstained for r in rows if r.answerable]),
    }


def citation_doc_hit(
    correct: bool, cited_doc_ids: list[str], gold_doc_ids: list[str]
) -> bool | None:
    """Whether a correct answer cites a gold doc; None when not counted."""
    if not correct or not gold_doc_ids:
        return None
    return bool(set(cited_doc_ids) & set(gold_doc_ids))


def cited_passage_precision(
    cited_passage_texts: list[str], gold_answers: list[str]
) -> float | None:
    """Share of cited passages that contain a gold answer; None if nothing to judge."""
    if not cited_passage_texts or not _norm_golds(gold_answers):
        return None
    hits = [contains_answer(text, gold_answers) for text in cited_passage_texts]
    return sum(hits) / len(hits)


def _is_correct(row: dict) -> bool:
    """An answerable row is correct only if it answered, did not fail, and hit gold."""
    if row["failed"] or row["abstained"]:
        return False
    return contains_answer(row["response"], row["answers"])


def _retrieval_metrics(rows: list[dict]) -> dict[str, float | None]:
    """Document recall@k and MRR@10; rows without gold docs are skipped."""
    out: dict[str, float | None] = {}
    for k in (1, 3, 5, 10):
        out[f"recall@{k}"] = mean(
            recall_at_k(r["retrieved_doc_ids"], r["gold_doc_ids"], k) for r in rows
        )
    out["mrr@10"] = mean(reciprocal_rank(r["retrieved_doc_ids"], r["gold_doc_ids"]) for r in rows)
    return out


def _answer_metrics(rows: list[dict]) -> dict[str, float | None]:
    """Accuracy (failed rows count as wrong), EM/F1 (non-failed), abstention, citations."""
    answerable = [r for r in rows if r["answerable"]]
    ok = [r for r in answerable if not r["failed"]]
    answered = [r for r in ok if not r["abstained"]]
    correct = [r for r in answered if _is_correct(r)]

    def scored(fn: Callable[[str, list[str]], float]) -> float | None:
        return mean(0.0 if r["abstained"] else fn(r["response"], r["answers"]) for r in ok)

    out: dict[str, float | None] = {
        "accuracy": mean(1.0 if _is_correct(r) else 0.0 for r in answerable),
        "exact_match": scored(exact_match),
        "f1": scored(token_f1),
    }
    # A failed row made no abstention decision, so it is left out of those shares.
    decided = [AbstentionRow(r["answerable"], r["abstained"]) for r in rows if not r["failed"]]
    out.update(abstention_rates(decided))
    shown = [r for r in rows if not (r["failed"] or r["abstained"])]
    # of the answers shown, the share that are wrong (an unanswerable question answered is)
    out["wrong_shown"] = mean(0.0 if r["answerable"] and _is_correct(r) else 1.0 for r in shown)
    hits = [citation_doc_hit(True, r["cited_doc_ids"], r["gold_doc_ids"]) for r in correct]
    out["citation_gold_doc_rate"] = mean(None if h is None else float(h) for h in hits)
    out["cited_passage_precision"] = mean(
        cited_passage_precision(r["cited_texts"], r["answers"]) for r in answered
    )
    return out


# Seconds from the question's arrival: retrieval done, the model's first token, the first
# sentence shown (checked against its sources), the whole answer; and the seconds spent
# checking sentences against their sources, in all.
LATENCIES = ("retrieval", "first_token", "first_sentence", "total", "checking")


def _cost_metrics(rows: list[dict]) -> dict[str, float | None]:
    """Latency percentiles and mean token usage over rows that reported them."""
    out: dict[str, float | None] = {}
    for name in LATENCIES:
        vals = [t[name] for r in rows if (t := r.get("timings") or {}).get(name) is not None]
        out[f"{name}_p50"] = percentile(vals, 50)
        out[f"{name}_p95"] = percentile(vals, 95)
    for name in ("prompt_tokens", "completion_tokens"):
        out[f"{name}_mean"] = mean((r.get("usage") or {}).get(name) for r in rows)
    return out


def summarize(rows: list[dict]) -> dict[str, float | int | None]:
    """Aggregate one run into a flat dict; unscoreable values are None.

    Answer metrics are only reported when the run produced answers to score
    (``scored_answers``); failed rows are counted, never silently dropped.
    """
    summary: dict[str, float | int | None] = {
        "questions": len(rows),
        "failed": sum(1 for r in rows if r["failed"]),
    }
    summary.update(_retrieval_metrics(rows))
    scored_rows = [r for r in rows if r.get("scored_answers", False)]
    if scored_rows:
        summary.update(_answer_metrics(scored_rows))
    summary.update(_cost_metrics(rows))
    return summary
