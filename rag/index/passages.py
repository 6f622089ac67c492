"""Sentence-aware passages that always fit the embedding model's window.

A passage is a run of whole sentences of at most ``max_pieces`` word pieces
(the ``chunk_size`` setting);
neighbours share up to ``overlap`` word pieces of trailing sentences. A single
sentence longer than a passage is cut at word-piece boundaries. Every passage
is an exact slice ``text[start:end]`` of the article, so a UI can highlight it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rag.models.embedding import Tokenizer
from rag.text import sentence_spans


@dataclass(frozen=True)
class PassageCut:
    """Where one passage lies in its article."""

    index: int
    start: int
    end: int
    text: str


def cut_passages(
    text: str, tokenizer: Tokenizer, max_pieces: int, overlap: int
) -> list[PassageCut]:
    """Split ``text`` into passages of at most ``max_pieces`` word pieces."""
    if overlap >= max_pieces:
        raise ValueError("passage overlap must be smaller than the passage size")
    token_starts, token_ends = _token_offsets(text, tokenizer)
    units = [
        piece
        for sentence in sentence_spans(text)
        for piece in _fit(sentence, token_starts, token_ends, max_pieces, overlap)
    ]

    def tokens(span: tuple[int, int]) -> int:
        return bisect.bisect_left(token_starts, span[1]) - bisect.bisect_left(token_starts, span[0])

    cuts: list[tuple[int, int]] = []
    current: list[tuple[int, int]] = []
    size = 0
    for unit in units:
        unit_tokens = tokens(unit)
        if current and size + unit_tokens > max_pieces:
            cuts.append((current[0][0], current[-1][1]))
            current, size = _overlap_tail(current, tokens, overlap, max_pieces - unit_tokens)
        current.append(unit)
        size += unit_tokens
    if current:
        cuts.append((current[0][0], current[-1][1]))
    return [PassageCut(i, start, end, text[start:end]) for i, (start, end) in enumerate(cuts)]


def _token_offsets(text: str, tokenizer: Tokenizer) -> tuple[list[int], list[int]]:
    spans = [span for span in tokenizer.token_spans(text) if span[1] > span[0]]
    return [s for s, _ in spans], [e for _, e in spans]


def _overlap_tail(units, tokens, overlap: int, room: int):
    """The trailing sentences of the previous passage that the next one repeats."""
    budget = min(overlap, room)
    tail: list[tuple[int, int]] = []
    size = 0
    for unit in reversed(units):
        unit_tokens = tokens(unit)
        if size + unit_tokens > budget:
            break
        tail.insert(0, unit)
        size += unit_tokens
    return tail, size


def _fit(
    span: tuple[int, int], starts: list[int], ends: list[int], max_pieces: int, overlap: int
) -> list[tuple[int, int]]:
    """Cut a sentence longer than a passage into windows of word pieces."""
    first = bisect.bisect_left(starts, span[0])
    last = bisect.bisect_left(starts, span[1])
    if last - first <= max_pieces:
        return [span]
    pieces = []
    step = max(1, max_pieces - overlap)
    for window_start in range(first, last, step):
        window_end = min(window_start + max_pieces, last)
        pieces.append((starts[window_start], ends[window_end - 1]))
        if window_end == last:
            break
    return pieces
