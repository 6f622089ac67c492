"""An answer cut into its sentences, each keeping the citation markers that follow it."""

from __future__ import annotations

import re

from rag.text import sentence_spans

_LEADING_MARKERS = re.compile(r"^(?:\[\d+(?:\s*[,;]\s*\d+)*\]\s*)+")
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")


def split_answer(text: str) -> list[str]:
    """Sentences of an answer, each keeping the markers that follow its full stop.

    Each line of a bulleted answer is a sentence of its own, its bullet removed.
    """
    pieces: list[str] = []
    for start, end in sentence_spans(text):
        piece = _BULLET.sub("", text[start:end])
        leading = _LEADING_MARKERS.match(piece)
        line_start = start == 0 or text[:start].rstrip(" \t").endswith("\n")
        if leading and line_start and piece[leading.end() :].strip():
            # "[2] Russia said ...": a line that opens with its source's number
            piece = f"{piece[leading.end() :].strip()} {leading.group().strip()}"
        elif pieces and leading:  # "He left. [2] Then ..." - the [2] belongs to "He left."
            pieces[-1] = f"{pieces[-1]} {leading.group().strip()}"
            piece = piece[leading.end() :]
        quoting = bool(pieces) and _open_quote(pieces[-1])
        if pieces and (quoting or piece[:1].islower() or piece[:1] in ",;:)"):
            pieces[-1] = f"{pieces[-1]} {piece}"
        elif re.search(r"[^\W\d_]", piece):  # "1." of a numbered list is no sentence
            pieces.append(piece)
    return [piece.strip() for piece in pieces]


def _open_quote(text: str) -> bool:
    """A quotation opened and not yet closed: its sentences are one sentence of the answer."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")
