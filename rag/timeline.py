"""A story's timeline: the dated events about a topic across the collection, oldest first.

No model call: the events are sentences of the passages retrieval finds for the
topic that name what the topic names. Each is dated by the day it speaks of
("on 18 February 2025"; "on Tuesday", read from its article's publication day),
or else by the day its article was published. The cost is one retrieval and
sentence splitting: tens of milliseconds after the embedding model is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rag.dates import article_day
from rag.language.names import share_named
from rag.text import Analyzer, sentence_spans
from rag.timeframes import day_label, find_days, resolve_relative_dates
from rag.types import Passage

MIN_SHARED_TERMS = 0.34  # share of the topic's terms an event's sentence names (1 of 3)
SAME_EVENT = 0.8  # word overlap above which two sentences tell the same event


@dataclass(frozen=True)
class Event:
    day: date
    dated_by: str  # "text": the sentence names its day; "published": its article's day
    text: str  # the sentence, as the article writes it
    article_id: str
    title: str
    source: str
    published: str | None
    start: int  # article offsets of the sentence
    end: int

    @property
    def label(self) -> str:
        return day_label(self.day)


def timeline(topic: str, passages: Sequence[Passage], limit: int = 30) -> list[Event]:
    """The events about ``topic`` in ``passages``, oldest first, each told once."""
    analyzer = Analyzer()
    wanted = set(analyzer.terms(topic))
    events: list[Event] = []
    seen: list[set[str]] = []
    for passage in passages:
        for start, end in sentence_spans(passage.text):
            sentence = passage.text[start:end].strip()
            terms = set(analyzer.terms(sentence))
            if not wanted or share_named(wanted, terms) < MIN_SHARED_TERMS:
                continue
            if any(_overlap(terms, other) >= SAME_EVENT for other in seen):
                continue  # the same sentence in a syndicated copy or a later update
            dated = _day_of(sentence, passage.date)
            if dated is None:
                continue
            day, dated_by = dated
            seen.append(terms)
            offset = passage.start + start
            events.append(
                Event(
                    day,
                    dated_by,
                    sentence,
                    passage.article_id,
                    passage.title,
                    passage.source,
                    passage.date,
                    offset,
                    offset + len(sentence),
                )
            )
    events.sort(key=lambda e: (e.day, e.published or "", e.start))
    return events[:limit]


def _day_of(sentence: str, published: str | None) -> tuple[date, str] | None:
    """The day a sentence speaks of, and how it was found; None for an undated article's
    sentence that names no day."""
    days = [day for _, _, day in find_days(sentence)]
    if days:
        return days[0], "text"
    day = article_day(published)
    if day is None:
        return None
    relative = [found.day for found in resolve_relative_dates(sentence, day) if found.day]
    if relative:
        return relative[0], "text"
    return day, "published"


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / (min(len(a), len(b)) or 1)
