"""Combining rankings and spreading them over articles: pure functions over passages.

Dense retrieval finds paraphrases; BM25 finds the rare names and numbers that
news questions hinge on. Reciprocal-rank fusion merges the two rankings; the
diversity step then caps how many passages one article may contribute, so the
model sees several reports.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from rag.answer.question import Question
from rag.dates import article_day
from rag.index.likeness import shingles
from rag.language.names import names_of
from rag.language.numbers import years_in
from rag.question_time import question_period
from rag.types import Passage

REPEATED_SHARE = 0.5  # of a passage's 5-word shingles found in another: the same text
RELEVANT_SHARE = 0.85  # of the best passage's similarity: close enough to be reordered by date
SAME_STORY_SHARE = 0.6  # ... or, for a later report naming the same parties, this close
SHARED_NAMES = 2  # names a report shares with the closest ones: it tells the same story


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


def diversify(
    ranked: list[Passage], k: int, per_article: int, story_of: Mapping[str, str] | None = None
) -> list[Passage]:
    """The top ``k``, at most ``per_article`` from one report unless too few others remain.

    A report is an article, or with ``story_of`` (article id -> story id) all the
    copies and rewrites of one story together: five outlets carrying one wire
    story are one report, so the evidence covers distinct reports first.
    The first ``k`` of ``diversify(ranked, K)`` for any K >= k are ``diversify(ranked, k)``.
    """
    story_of = story_of or {}
    chosen: list[Passage] = []
    held_back: list[Passage] = []
    repeats: list[Passage] = []  # the same text in another copy: chosen last, if at all
    by_report: dict[str, list[Passage]] = {}  # the passages chosen from each report
    for passage in ranked:
        if len(chosen) == k:
            break
        report = story_of.get(passage.article_id, passage.article_id)
        others = [p for p in by_report.get(report, []) if p.article_id != passage.article_id]
        if any(_repeats(passage.text, other.text) for other in others):
            repeats.append(passage)
        elif len(by_report.get(report, [])) < per_article:
            chosen.append(passage)
            by_report.setdefault(report, []).append(passage)
        else:
            held_back.append(passage)
    chosen += (held_back + repeats)[: k - len(chosen)]
    return chosen


def _repeats(text: str, chosen: str) -> bool:
    """Most of a passage's wording is in one already chosen (a copy's passage)."""
    words, seen = shingles(text), shingles(chosen)
    return len(words & seen) >= REPEATED_SHARE * min(len(words), len(seen))


def prefer_asked_period(
    question: Question, ranked: list[Passage], now: date | None, window: int = 15
) -> list[Passage]:
    """Among the best ``window`` passages, those of the period the question asks about first.

    News questions are about a time ("who won in 2022", "what happened last week");
    a passage about the same event in another year is the most tempting wrong
    evidence. A passage is of the asked period when it names a year of it or was
    published in it; those that say nothing of time keep their place before those
    of other periods. "Latest" questions put the newest of the relevant passages
    first: only passages about as close to the question as the best one are
    reordered, so the newest article of the collection does not jump ahead of the
    ones that answer. ``now`` (the newest article's day, or the user's --as-of)
    anchors "last year" and "this week".
    """
    asked = question_period(question.stem, now) if now else None
    period = asked.period if asked else question.period
    latest = asked.latest if asked else question.latest
    years = set(range(period.start.year, period.end.year + 1)) if period else question.facts.years
    top, rest = ranked[:window], ranked[window:]
    if years:

        def order(passage: Passage) -> int:
            published = article_day(passage.date)
            if period and published and period.start <= published <= period.end:
                return 0
            said = years_in(passage.text) | ({published.year} if published else set())
            return 0 if said & years else (2 if said else 1)

        top = sorted(top, key=order)
    elif latest and top:
        relevant = about_the_question(top)
        others = [p for p in top if p not in relevant]
        top = sorted(relevant, key=lambda p: p.date or "", reverse=True) + others
    return top + rest


def about_the_question(passages: list[Passage]) -> list[Passage]:
    """The passages about what the question asks: those about as close to it as the best
    (``RELEVANT_SHARE``), and the other reports of their story. A story's later report
    is often less alike in wording ("drivers voted to accept the deal that ended their
    strike", for "the bus strike"), but it names the same parties: "Ostley Coachlines"
    and the "Transit Workers Guild". The newest article of the collection, about
    something else, names neither and stays out."""
    if not passages:
        return []
    best = max(p.score for p in passages)
    closest = {p.passage_id: p for p in passages if p.score >= RELEVANT_SHARE * best}
    named = set().union(*(names_of(p.text) for p in closest.values()))
    return [
        p
        for p in passages
        if p.passage_id in closest
        or (p.score >= SAME_STORY_SHARE * best and len(names_of(p.text) & named) >= SHARED_NAMES)
    ]


LATEST_REPORTS = 2  # "the latest on X" reads the newest this many reports on X


def newest_reports(passages: list[Passage], keep: int = LATEST_REPORTS) -> list[Passage]:
    """For "the latest on X": the passages of the newest reports on X; older ones go.

    The reports on X are the articles of the passages about it
    (``about_the_question``). A dated passage published before
    the ``keep``-th newest of them tells of a state since overtaken ("will open in
    September", before "now due to open in November") and is left out, unless
    fewer than two passages would remain. Undated passages stay.
    """
    if not passages:
        return passages
    relevant_days: dict[str, date] = {}
    for passage in about_the_question(passages):
        day = article_day(passage.date)
        if day is not None:
            relevant_days[passage.article_id] = day
    newest = sorted(relevant_days.values(), reverse=True)[:keep]
    if not newest:
        return passages
    since = newest[-1]
    kept = [p for p in passages if (day := article_day(p.date)) is None or day >= since]
    return kept if len(kept) >= 2 else passages
