"""Combining rankings and spreading them over articles: pure functions over passages.

Dense retrieval finds paraphrases; BM25 finds the rare names and numbers that
news questions hinge on. Reciprocal-rank fusion merges the two rankings; the
diversity step then caps how many passages one article may contribute, so the
model sees several sources.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rag.answer.facts import facts_of
from rag.answer.question import read_question
from rag.types import Passage


def reciprocal_rank_fusion(
    dense: list[Passage],
    keyword_ids: Sequence[str],
    fetch: Callable[[list[str]], list[Passage]],
    rrf_k: int = 60,
    dense_weight: float = 1.0,
) -> list[Passage]:
    """Both rankings fused; every passage keeps its cosine similarity as its score.

    ``fetch`` reads the passages only BM25 found (scored against the question).
    """
    if not keyword_ids:
        return dense
    by_id = {p.passage_id: p for p in dense}
    missing = [found for found in keyword_ids if found not in by_id]
    by_id |= {p.passage_id: p for p in fetch(missing)}
    if not dense:
        return [by_id[found] for found in keyword_ids if found in by_id]
    fused: dict[str, float] = {}
    for rank, passage in enumerate(dense):
        fused[passage.passage_id] = dense_weight / (rrf_k + rank + 1)
    for rank, found in enumerate(keyword_ids):
        fused[found] = fused.get(found, 0.0) + 1.0 / (rrf_k + rank + 1)
    order = sorted((found for found in fused if found in by_id), key=lambda f: -fused[f])
    return [by_id[found] for found in order]


def diversify(ranked: list[Passage], k: int, per_article: int) -> list[Passage]:
    """The top ``k``, at most ``per_article`` from one article unless too few others remain.

    The first ``k`` of ``diversify(ranked, K)`` for any K >= k are ``diversify(ranked, k)``.
    """
    chosen: list[Passage] = []
    held_back: list[Passage] = []
    counts: dict[str, int] = {}
    for passage in ranked:
        if len(chosen) == k:
            break
        if counts.get(passage.article_id, 0) < per_article:
            chosen.append(passage)
            counts[passage.article_id] = counts.get(passage.article_id, 0) + 1
        else:
            held_back.append(passage)
    chosen += held_back[: k - len(chosen)]
    return chosen


def prefer_asked_years(question: str, ranked: list[Passage], window: int = 15) -> list[Passage]:
    """Among the best ``window`` passages, those that speak of a year the question names first.

    News questions are about a time ("who won in 2022"); a passage about the same
    event in another year is the most tempting wrong evidence. Passages that name
    no year keep their place before those that name only other years.
    """
    asked = facts_of(read_question(question).stem).years
    if not asked:
        return ranked

    def order(passage: Passage) -> int:
        years = facts_of(passage.text).years | _year_of(passage.date)
        return 0 if years & asked else (2 if years else 1)

    return sorted(ranked[:window], key=order) + ranked[window:]


def _year_of(day: str | None) -> set[int]:
    return {int(day[:4])} if day and day[:4].isdigit() else set()
