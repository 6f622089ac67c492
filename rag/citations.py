"""Citations are data: the [n] markers in an answer, mapped to the passages shown.

A number that matches no passage in the prompt is dropped from the text and
never shown as a source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.types import Citation, Passage

_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")


_LOOSE_MARKER = re.compile(
    r"\(\s*(?:sources?:?\s*)?\[?(\d{1,2})\]?\s*\)(?=\s*(?:[.!?](?:\s|$)|$))", re.IGNORECASE
)


def normalize_markers(text: str) -> str:
    """Other ways models cite at the end of a sentence, "(2)" or "(Source: [1])", become "[2]"."""
    return _LOOSE_MARKER.sub(lambda m: f"[{m.group(1)}]", text)


def cited_numbers(text: str) -> list[int]:
    """Every number cited, in order of first appearance, without repeats."""
    numbers: list[int] = []
    for match in _MARKER.finditer(text):
        for part in re.split(r"[,;]", match.group(1)):
            n = int(part)
            if n not in numbers:
                numbers.append(n)
    return numbers


def strip_invalid_markers(text: str, valid: range) -> str:
    """Rewrite markers to keep only numbers in ``valid``; "[1, 7]" with 4 passages -> "[1]"."""

    def rewrite(match: re.Match[str]) -> str:
        kept = [p.strip() for p in re.split(r"[,;]", match.group(1)) if int(p) in valid]
        return "".join(f"[{n}]" for n in kept)

    cleaned = _MARKER.sub(rewrite, text)
    return _SPACE_BEFORE_PUNCT.sub(r"\1", cleaned).strip()


def strip_markers(text: str) -> str:
    """The text without any [n] markers."""
    return _SPACE_BEFORE_PUNCT.sub(r"\1", _MARKER.sub("", text)).strip()


def resolve_citations(text: str, passages: Sequence[Passage]) -> tuple[str, list[Citation]]:
    """The answer with only valid markers, and the passages they point to."""
    valid = range(1, len(passages) + 1)
    cleaned = strip_invalid_markers(text, valid)
    citations = [Citation.of(n, passages[n - 1]) for n in cited_numbers(cleaned)]
    return cleaned, citations
