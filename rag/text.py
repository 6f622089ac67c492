"""Text primitives shared by the index and the answer path: sentences and search terms.

Sentence boundaries (with character offsets) cut passages, pick evidence and
split answers; the analyzer's terms feed BM25 and the word-overlap scores.
"""

from __future__ import annotations

import logging
import re
from pathlib import PurePosixPath, PureWindowsPath

# Periods after these words do not end a sentence ("U.S. officials", "Mr. Lavrov").
_ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof sr jr st gen col lt sgt capt gov sen rep rev vs etc inc ltd co corp "
        "no jan feb mar apr jun jul aug sep sept oct nov dec approx dept est fig"
    ).split()
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n+")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed; line breaks always end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if not match.group().startswith("\n") and _is_abbreviation(text[start:end]):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return [trimmed for span in spans if (trimmed := _trim(text, span)) is not None]


def _is_abbreviation(sentence: str) -> bool:
    match = _WORD_BEFORE.search(sentence.rstrip("\"'”’)]"))
    if not match:
        return False
    word = match.group(1)
    return len(word) == 1 or word.lower() in _ABBREVIATIONS


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


_WORD = re.compile(r"\w+")
# "won't", "didn’t": the verb and "not", not the word "won" and a stray "t"
_NEGATIVE_CONTRACTION = re.compile(r"\b(\w+?)n[’']t\b", re.IGNORECASE)
_CONTRACTED_VERBS = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}


def spelled_out(text: str) -> str:
    """Negative contractions written out: "won’t" is "will not", "didn't" "did not"."""
    return _NEGATIVE_CONTRACTION.sub(
        lambda m: f"{_CONTRACTED_VERBS.get(m.group(1).lower(), m.group(1))} not", text
    )


def _bm25s_stopwords() -> frozenset[str]:
    import bm25s.stopwords

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets its logger to DEBUG
    return frozenset(bm25s.stopwords.STOPWORDS_EN)


class Analyzer:
    """Lower-cased, stop-words removed, Snowball-stemmed words."""

    def __init__(self) -> None:
        import Stemmer

        self._stop = _bm25s_stopwords()
        self._stem = Stemmer.Stemmer("english").stemWord

    def terms(self, text: str) -> list[str]:
        words = (w for w in _WORD.findall(text.lower()) if w not in self._stop)
        return [self._stem(w) for w in words]

    def statement_terms(self, text: str) -> list[str]:
        """The terms of what a text states, its negative contractions written out."""
        return self.terms(spelled_out(text))


_WINDOWS_PATH = re.compile(r"^[A-Za-z]:[\\/]|^\\\\")


def readable_source(source: str) -> str:
    """The source as shown to readers: an outlet, or a file's name, never a server path.

    Articles that name no outlet were once given their file's absolute path as source.
    """
    if source.startswith("/"):
        return PurePosixPath(source).name or source
    if _WINDOWS_PATH.match(source):
        return PureWindowsPath(source).name or source
    return source
