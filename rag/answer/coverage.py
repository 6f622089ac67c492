"""Evidence for open questions: distinct points across reports, not the five most alike.

"What happened", "what did X say", "summarize": the answer needs the ground
covered, not the one sentence closest to the question repeated by five outlets.
Sentences are chosen by maximal marginal relevance: each next one is the most
relevant to the question less its likeness to those already chosen, and a
report (an article, or all the copies of one story) gives one sentence before
any gives a second. A sentence that opens with "He" or "It" brings the
sentence before it, so the model knows who. Headlines and bylines (short lines
without a full stop) are not sentences of a report and are left out, and so are
asides: subheadings asked as questions ("What has Russia said?") and labelled
lines ("OPINION: ...", "READ MORE: ..."). Relevance also counts a report's lead
(its first two statements) and a sentence's particulars (names, numbers, dates),
so that a sentence stating what happened comes before one that only names the topic.

The sources are then numbered in the order the question needs: oldest first
for what happened over time, newest first for the latest, else by relevance.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from rag.answer.evidence import Source, dated, news_sentences
from rag.models.embedding import Embedder
from rag.text import Analyzer
from rag.types import Passage

LIKENESS_WEIGHT = 0.35  # of a candidate's closeness to what is chosen, against its relevance
REPORT_PENALTY = 0.15  # for each sentence already chosen from the same report
MOST_SENTENCES = 14
LEAD_BONUS = 0.15  # a report's first sentences hold its main facts (the news lead)
SPECIFIC_WEIGHT = 0.1  # for a sentence with particulars: names, numbers, dates
SPECIFIC_ENOUGH = 3  # particulars that earn the whole bonus
_PRONOUN_START = re.compile(r"^\W*(?:he|she|they|it|this|that|these|his|her|their)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
HEADLINE_WORDS = 16  # a line shorter than this without a full stop is a headline or byline
# A subheading asked as a question ("What has Russia said?"), a correction notice, or a
# teaser under a label ("OPINION: ...", "READ MORE: ...").
_SUBHEADING = re.compile(r"^[^\"“‘']*\?[\"'”’)\]]*$")
_LABELLED = re.compile(r"^\W*[A-Z][A-Z&'’ -]+[A-Z]\s*:")  # "OPINION:", "READ MORE:"
_CORRECTION = re.compile(
    r"^\W*(?:corrections? (?:&|and) clarifications|corrections?|editor['’]s note)\s*:", re.I
)


@dataclass(frozen=True)
class _Sentence:
    passage: int  # rank of its passage
    index: int  # in its passage
    ordinal: int  # among its passage's statements (headlines and asides not counted)
    span: tuple[int, int]
    relevance: float
    tokens: int


def cover_evidence(
    question: str,
    passages: Sequence[Passage],
    embedder: Embedder,
    count_tokens: Callable[[str], int],
    budget: int,
    header: Callable[[Passage], str],
    story_of: Mapping[str, str] | None = None,
    order: str = "relevance",
) -> list[Source]:
    """Sentences covering distinct points, within ``budget`` tokens, grouped into sources.

    ``order``: "relevance" (the passages' retrieval order), "oldest" or "newest" first.
    """
    candidates, texts = _candidates(passages, count_tokens)
    if budget <= 0 or not candidates:
        return []
    question_vector, *vectors = np.asarray(embedder.embed([question, *texts]))
    question_terms = set(Analyzer().terms(question))
    analyzer = Analyzer()
    relevance = []
    for candidate, text, vector in zip(candidates, texts, vectors, strict=True):
        terms = set(analyzer.terms(text))
        overlap = len(terms & question_terms) / (len(question_terms) or 1)
        lead = LEAD_BONUS if passages[candidate.passage].index == 0 and candidate.ordinal < 2 else 0
        closeness = float(vector @ question_vector)
        relevance.append(
            closeness + 0.5 * overlap + lead - 0.02 * candidate.passage + _specific(text)
        )
    reports = [
        (story_of or {}).get(passages[c.passage].article_id, passages[c.passage].article_id)
        for c in candidates
    ]

    def header_tokens(passage: Passage) -> int:
        return count_tokens(header(passage)) + 2

    chosen = _choose(
        candidates, np.asarray(vectors), relevance, reports, passages, header_tokens, budget
    )
    return _sources(chosen, candidates, passages, order)


def _candidates(
    passages: Sequence[Passage], count_tokens: Callable[[str], int]
) -> tuple[list[_Sentence], list[str]]:
    candidates, texts = [], []
    for rank, passage in enumerate(passages):
        ordinal = 0
        for index, (start, end) in enumerate(news_sentences(passage)):
            text = passage.text[start:end]
            if is_headline(text) or is_aside(text):
                continue
            tokens = count_tokens(dated(text, passage)) + 1
            candidates.append(_Sentence(rank, index, ordinal, (start, end), 0.0, tokens))
            ordinal += 1
            texts.append(text)
    return candidates, texts


def is_headline(text: str) -> bool:
    """A short line without a full stop: a headline, a subheading or a byline."""
    return len(text.split()) < HEADLINE_WORDS and not _SENTENCE_END.search(text.strip())


def _specific(text: str) -> float:
    """A bonus for a sentence that states particulars: names, numbers, dates."""
    words = [w.strip(".,;:!?\"'“”‘’()") for w in text.split()[1:]]  # the first is capitalised
    particulars = {w for w in words if w[:1].isupper() or any(c.isdigit() for c in w)}
    return SPECIFIC_WEIGHT * min(1.0, len(particulars) / SPECIFIC_ENOUGH)


def is_aside(text: str) -> bool:
    """Not a statement of the report: a subheading asked as a question, a correction
    notice, or a labelled line without a full stop (an opinion teaser, a "read more"
    link). A labelled sentence that ends like one ("MATCH POINT: Andreescu is the
    first teenager to win ...") is kept: some outlets label their paragraphs."""
    text = text.strip()
    teaser = _LABELLED.match(text) and not _SENTENCE_END.search(text)
    return bool(_SUBHEADING.match(text) or _CORRECTION.match(text) or teaser)


def _choose(candidates, vectors, relevance, reports, passages, header_tokens, budget) -> list[int]:
    chosen: list[int] = []
    spent = 0
    shown_passages: set[int] = set()
    per_report: dict[str, int] = {}
    left = set(range(len(candidates)))
    while left and len(chosen) < MOST_SENTENCES:

        def worth(i: int) -> float:
            likeness = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
            penalty = REPORT_PENALTY * per_report.get(reports[i], 0)
            return relevance[i] - LIKENESS_WEIGHT * likeness - penalty

        best = max(left, key=worth)
        left.discard(best)
        picked = [best]
        before = _previous(candidates, best)
        text = passages[candidates[best].passage].text
        start, end = candidates[best].span
        if before is not None and before not in chosen and _PRONOUN_START.match(text[start:end]):
            picked.insert(0, before)  # "He said ..." needs who he is
        cost = sum(candidates[i].tokens for i in picked if i not in chosen)
        new_passages = {candidates[i].passage for i in picked} - shown_passages
        cost += sum(header_tokens(passages[p]) for p in new_passages)
        if spent + cost > budget:
            continue
        spent += cost
        for i in picked:
            if i not in chosen:
                chosen.append(i)
                left.discard(i)
        shown_passages |= new_passages
        per_report[reports[best]] = per_report.get(reports[best], 0) + 1
    return chosen


def _previous(candidates: list[_Sentence], i: int) -> int | None:
    before = candidates[i - 1] if i > 0 else None
    same_passage = before is not None and before.passage == candidates[i].passage
    if same_passage and before.index == candidates[i].index - 1:
        return i - 1
    return None


def _sources(
    chosen: list[int], candidates: list[_Sentence], passages: Sequence[Passage], order: str
) -> list[Source]:
    ranks = sorted({candidates[i].passage for i in chosen})
    if order in ("oldest", "newest"):
        # undated passages keep their place after the dated ones, in retrieval order
        dated_first = sorted(
            ranks, key=lambda r: (passages[r].date is None, passages[r].date or "")
        )
        ranks = dated_first
        if order == "newest":
            dated_ranks = [r for r in ranks if passages[r].date]
            ranks = dated_ranks[::-1] + [r for r in ranks if not passages[r].date]
    sources = []
    for rank in ranks:
        spans = sorted(candidates[i].span for i in chosen if candidates[i].passage == rank)
        sources.append(Source(len(sources) + 1, passages[rank], tuple(spans)))
    return sources
