"""Checking each answer sentence against the sources it cites, offline and in milliseconds.

A 1.5B model sometimes states things its sources do not say. A sentence counts
as supported by a cited source when every number and name it adds to the
question appears in that source, and most of its other content words do (or
one source sentence says nearly the same thing, by embedding similarity).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rag.answer.citations import cited_numbers, strip_markers
from rag.answer.evidence import Source
from rag.models.embedding import Embedder
from rag.text import Analyzer, sentence_spans

MIN_COVERAGE = 0.6  # share of the sentence's content words found in the source
MIN_SIMILARITY = 0.75  # or: cosine similarity to one source sentence

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"\b[A-Z][\w'’-]*")
_LEADING_MARKERS = re.compile(r"^(?:\[\d+(?:\s*[,;]\s*\d+)*\]\s*)+")


@dataclass
class Verdict:
    text: str  # the sentence as the model wrote it, citation markers included
    citations: list[int]  # source numbers after verification (possibly repaired)
    supported: bool
    support: dict[int, tuple[int, int]] = field(default_factory=dict)  # n -> article offsets
    repaired: bool = False  # the citation was added because the model gave none


def split_answer(text: str) -> list[str]:
    """Sentences of an answer, each keeping the markers that follow its full stop."""
    pieces: list[str] = []
    for start, end in sentence_spans(text):
        piece = text[start:end]
        leading = _LEADING_MARKERS.match(piece)
        if pieces and leading:  # "He left. [2] Then ..." - the [2] belongs to "He left."
            pieces[-1] = f"{pieces[-1]} {leading.group().strip()}"
            piece = piece[leading.end() :]
        if pieces and (piece[:1].islower() or piece[:1] in ",;:)"):
            pieces[-1] = f"{pieces[-1]} {piece}"
        elif piece:
            pieces.append(piece)
    return [piece.strip() for piece in pieces]


class Verifier:
    def __init__(self, embedder: Embedder, question: str) -> None:
        self.embedder = embedder
        self.analyzer = Analyzer()
        self.question = question
        self.question_lower = question.lower()

    def verify(self, answer: str, sources: Sequence[Source], repair: bool = True) -> list[Verdict]:
        by_number = {s.n: s for s in sources}
        verdicts = []
        for sentence in split_answer(answer):
            plain = strip_markers(sentence)
            cited = [n for n in cited_numbers(sentence) if n in by_number]
            support = self._supported_by(plain, [by_number[n] for n in cited])
            if not support and repair:
                # Uncited, or cited to the wrong source: cite the source that does support it.
                support = self._supported_by(plain, sources, first_only=True)
                if support:
                    verdicts.append(Verdict(sentence, list(support), True, support, repaired=True))
                    continue
            verdicts.append(Verdict(sentence, cited, bool(support), support))
        return verdicts

    def _supported_by(
        self, sentence: str, sources: Sequence[Source], first_only: bool = False
    ) -> dict[int, tuple[int, int]]:
        """Source number -> supporting span, for each of ``sources`` that supports ``sentence``."""
        support = {}
        ranked = sorted(sources, key=lambda s: -self._coverage(sentence, s.text))
        for source in ranked:
            span = self._support(sentence, source)
            if span is not None:
                support[source.n] = span
                if first_only:
                    break
        return support

    def _coverage(self, sentence: str, evidence: str) -> float:
        """Share of the sentence's content words that the evidence contains.

        Words taken from the question count too: restating the question about the
        wrong subject ("Russia won the World Cup", cited to a passage on NATO) must fail.
        """
        terms = set(self.analyzer.terms(sentence))
        if not terms:
            return 0.0
        return len(terms & set(self.analyzer.terms(evidence))) / len(terms)

    def _support(self, sentence: str, source: Source) -> tuple[int, int] | None:
        """Article offsets of the source sentence that best supports ``sentence``, or None."""
        evidence = source.text
        if not self._facts_present(sentence, evidence):
            return None
        texts = [source.passage.text[s:e] for s, e in source.spans]
        coverage = self._coverage(sentence, evidence)
        vectors = self.embedder.embed([sentence, *texts])
        similarities = [sum(a * b for a, b in zip(vectors[0], v, strict=True)) for v in vectors[1:]]
        if coverage < MIN_COVERAGE and max(similarities, default=0.0) < MIN_SIMILARITY:
            return None
        scores = [
            sim + self._coverage(sentence, t) for sim, t in zip(similarities, texts, strict=True)
        ]
        start, end = source.spans[max(range(len(texts)), key=scores.__getitem__)]
        return source.passage.start + start, source.passage.start + end

    def _facts_present(self, sentence: str, evidence: str) -> bool:
        """Numbers and names the sentence adds must appear in the evidence (or the question)."""
        known = (evidence + " " + self.question).lower()
        digits = known.replace(",", "")
        if any(n.replace(",", "") not in digits for n in _NUMBER.findall(sentence)):
            return False
        names = _NAME.findall(sentence)[1:]  # the first word is capitalised anyway
        # "Romanian" matches "Romania's": compare the first six letters of longer names.
        return all(
            (name.lower()[:6] if len(name) > 6 else name.lower()) in known
            for name in names
            if name.lower() not in _COMMON_CAPITALISED
        )


_COMMON_CAPITALISED = frozenset(
    "i the a an in on at of to for and but or he she it they we you his her their its this "
    "that these those there according however also".split()
)
