"""Choosing what the model reads: the sentences that matter, within a token budget.

On a CPU every prompt token delays the first word of the answer (about 13 ms a
token for the default model), and a small model is distracted by text that does
not bear on the question. So from the retrieved passages we keep the sentences
most similar to the question, each with a neighbour for context, until the
budget is spent, and send them grouped by passage under their source number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rag.embedding import Embedder
from rag.keyword import Analyzer
from rag.sentences import sentence_spans
from rag.types import Passage

GAP = " … "
RELEVANCE_MARGIN = 0.35  # keep sentences scoring within this of the best one


@dataclass(frozen=True)
class Source:
    """One numbered block of the prompt: chosen sentences of one passage."""

    n: int
    passage: Passage
    spans: tuple[tuple[int, int], ...]  # offsets in passage.text, in order

    @property
    def text(self) -> str:
        pieces: list[str] = []
        previous_end = None
        for start, end in self.spans:
            if previous_end is not None:
                between = self.passage.text[previous_end:start]
                pieces.append(" " if not between.strip() else GAP)
            pieces.append(self.passage.text[start:end])
            previous_end = end
        return "".join(pieces)

    def sentences(self) -> list[tuple[int, int]]:
        """The sentences shown, as offsets in passage.text."""
        return list(self.spans)


@dataclass(frozen=True)
class _Candidate:
    rank: int  # of its passage
    index: int  # of the sentence in its passage
    span: tuple[int, int]
    score: float
    tokens: int


def select_evidence(
    question: str,
    passages: Sequence[Passage],
    embedder: Embedder,
    count_tokens: Callable[[str], int],
    budget: int,
    header: Callable[[Passage], str],
) -> list[Source]:
    """The best sentences (with a neighbour each) that fit in ``budget`` tokens."""
    if budget <= 0 or not passages:
        return []
    per_passage = [sentence_spans(p.text) for p in passages]
    texts = [p.text[s:e] for p, spans in zip(passages, per_passage, strict=True) for s, e in spans]
    if not texts:
        return []
    question_vector, *vectors = embedder.embed([question, *texts])
    question_terms = set(Analyzer().terms(question))
    analyzer = Analyzer()
    candidates: dict[tuple[int, int], _Candidate] = {}
    flat = iter(zip(texts, vectors, strict=True))
    for rank, spans in enumerate(per_passage):
        for index, span in enumerate(spans):
            text, vector = next(flat)
            terms = set(analyzer.terms(text))
            overlap = len(terms & question_terms) / (len(question_terms) or 1)
            similarity = sum(q * v for q, v in zip(question_vector, vector, strict=True))
            score = similarity + 0.5 * overlap - 0.02 * rank
            candidates[rank, index] = _Candidate(rank, index, span, score, count_tokens(text) + 1)
    chosen = _fill(candidates, passages, budget, lambda p: count_tokens(header(p)) + 2)
    return _group(chosen, candidates, passages)


def _fill(candidates, passages, budget, header_tokens) -> set[tuple[int, int]]:
    """Greedy by score; a chosen sentence brings its best neighbour if that still fits.

    Sentences far less relevant than the best are left out even if the budget has
    room: they cost time and distract a small model.
    """
    chosen: set[tuple[int, int]] = set()
    spent = 0
    ranked = sorted(candidates.values(), key=lambda c: -c.score)
    floor = ranked[0].score - RELEVANCE_MARGIN if ranked else 0.0
    for best in ranked:
        if best.score < floor:
            break
        unit = [(best.rank, best.index)]
        neighbours = [(best.rank, best.index - 1), (best.rank, best.index + 1)]
        neighbours = [k for k in neighbours if k in candidates and k not in chosen]
        if neighbours:
            unit.append(max(neighbours, key=lambda k: candidates[k].score))
        for keys in (unit, unit[:1]):
            new = [k for k in keys if k not in chosen]
            cost = sum(candidates[k].tokens for k in new)
            if new and not any(k[0] == best.rank for k in chosen):
                cost += header_tokens(passages[best.rank])
            if new and spent + cost <= budget:
                chosen.update(new)
                spent += cost
                break
    return chosen


def _group(chosen, candidates, passages: Sequence[Passage]) -> list[Source]:
    """Sources numbered in retrieval order, sentences in reading order."""
    sources: list[Source] = []
    for rank in sorted({rank for rank, _ in chosen}):
        spans = sorted(candidates[key].span for key in chosen if key[0] == rank)
        sources.append(Source(len(sources) + 1, passages[rank], tuple(spans)))
    return sources
