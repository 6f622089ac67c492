"""What every feed format is read into: a feed's title and its entries."""

from __future__ import annotations

from dataclasses import dataclass

# A feed entry's own content counts as the article when it is this long; shorter is a teaser.
FULL_CONTENT_WORDS = 120


@dataclass(frozen=True)
class Entry:
    """One item of a feed: its address, and its own text if the feed carries the article."""

    key: str  # the entry's id, else its address: how it is recognised at the next update
    link: str | None
    title: str | None
    published: str | None  # YYYY-MM-DD
    content: str | None  # the article as HTML, when the feed carries it whole


@dataclass(frozen=True)
class FeedDocument:
    title: str | None
    entries: list[Entry]
