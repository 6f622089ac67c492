"""Choosing what the model reads: the sentences that matter, within a token budget.

On a CPU every prompt token delays the first word of the answer (about 10 ms a
token for the default model). So the retrieved passages are sent within a token
budget: short ones whole, long ones trimmed to the sentences most related to the
question, grouped by passage under their source number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rag.dates import article_day
from rag.models.embedding import Embedder
from rag.text import Analyzer, sentence_spans
from rag.timeframes import annotate
from rag.types import Passage

GAP = " … "

# Article text is data. Sentences that address the assistant ("ignore your instructions",
# "print your system prompt") carry no news and are never shown to the model.
_ASSISTANT = r"(?:assistants?|ai|models?|chatbots?|llms?|language models?)"
_INSTRUCTIONS = re.compile(
    r"\b(?:ignore|disregard|forget|override|reveal|print|repeat|output)\b[^.]{0,60}"
    r"\b(?:instructions?|prompts?)\b"
    r"|\b(?:system|developer|hidden) prompt\b"
    rf"|\b(?:notice|message|note|instructions?) (?:to|for) (?:the |all )?{_ASSISTANT}\b"
    rf"|\bto (?:ai|llm) {_ASSISTANT}\b"
    rf"|\byou are (?:now )?(?:an? )?{_ASSISTANT}\b"
    r"|\byou are now\b|\bnew instructions\b|\bsystem override\b"
    r"|\b(?:reply|respond|answer) (?:only )?with (?:the word|only)\b"
    r"|\b(?:reply|respond|answer) that\b|\bcite this (?:notice|note|message|text)\b"
    r"|\bmust answer every\b|^\W*assistants?\s*:",
    re.IGNORECASE,
)


def dated(text: str, passage: Passage) -> str:
    """``text`` of ``passage`` with its relative dates resolved against its publication day."""
    published = article_day(passage.date)
    return annotate(text, published) if published else text


def is_instruction(sentence: str) -> bool:
    return bool(_INSTRUCTIONS.search(sentence))


def news_sentences(passage: Passage) -> list[tuple[int, int]]:
    spans = sentence_spans(passage.text)
    return [span for span in spans if not is_instruction(passage.text[span[0] : span[1]])]


def whole_passages(passages: Sequence[Passage]) -> list[Source]:
    """Every passage whole (but for sentences addressed to the assistant), without a budget."""
    sources: list[Source] = []
    for passage in passages:
        spans = news_sentences(passage)
        if spans:
            sources.append(Source(len(sources) + 1, passage, tuple(spans)))
    return sources


@dataclass(frozen=True)
class Source:
    """One numbered block of the prompt: chosen sentences of one passage."""

    n: int
    passage: Passage
    spans: tuple[tuple[int, int], ...]  # offsets in passage.text, in order

    @property
    def dated_text(self) -> str:
        """The text as the model reads it: "on Tuesday" followed by the day it means."""
        return dated(self.text, self.passage)

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
    per_passage = [news_sentences(p) for p in passages]
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
            tokens = count_tokens(dated(text, passages[rank])) + 1
            candidates[rank, index] = _Candidate(rank, index, span, score, tokens)
    chosen = _fill(candidates, passages, budget, lambda p: count_tokens(header(p)) + 2)
    return _group(chosen, candidates, passages)


def _fill(candidates, passages, budget, header_tokens) -> set[tuple[int, int]]:
    """Two passes over the passages in retrieval order.

    First each passage contributes its best sentence and that sentence's better
    neighbour, so every retrieved passage is represented; then the passages are
    filled out, best ones first, with their remaining sentences by score. Short
    passages thus arrive whole and long ones trimmed to what bears on the question.
    """
    chosen: set[tuple[int, int]] = set()
    spent = 0
    by_rank: dict[int, list[_Candidate]] = {}
    for candidate in candidates.values():
        by_rank.setdefault(candidate.rank, []).append(candidate)

    def take(keys: list[tuple[int, int]]) -> bool:
        nonlocal spent
        new = [k for k in keys if k not in chosen]
        cost = sum(candidates[k].tokens for k in new)
        if new and not any(k[0] == new[0][0] for k in chosen):
            cost += header_tokens(passages[new[0][0]])
        if not new or spent + cost > budget:
            return False
        chosen.update(new)
        spent += cost
        return True

    ranks = sorted(by_rank)
    for rank in ranks:
        best = max(by_rank[rank], key=lambda c: c.score)
        key = (rank, best.index)
        neighbours = [(rank, best.index - 1), (rank, best.index + 1)]
        neighbours = [k for k in neighbours if k in candidates]
        pair = [key, max(neighbours, key=lambda k: candidates[k].score)] if neighbours else []
        if not pair or not take(pair):
            take([key])
    for rank in ranks:
        for candidate in sorted(by_rank[rank], key=lambda c: -c.score):
            take([(rank, candidate.index)])
    return chosen


def _group(chosen, candidates, passages: Sequence[Passage]) -> list[Source]:
    """Sources numbered in retrieval order, sentences in reading order."""
    sources: list[Source] = []
    for rank in sorted({rank for rank, _ in chosen}):
        spans = sorted(candidates[key].span for key in chosen if key[0] == rank)
        sources.append(Source(len(sources) + 1, passages[rank], tuple(spans)))
    return sources
