"""A feed's entries, whatever its format: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed.

feedparser reads every XML format and its dialects; it does not read JSON Feed,
whose few fields ``jsonfeed`` maps onto the same ``Entry``. A site's address
(an HTML page) leads to its feed through ``<link rel="alternate">``, and an
OPML file exported from a feed reader lists feeds (``listparser``).
"""

from __future__ import annotations

import calendar
import json
from datetime import UTC, datetime
from urllib.parse import urljoin

from ingest.feed_entry import FULL_CONTENT_WORDS, Entry, FeedDocument
from ingest.jsonfeed import is_json_feed, json_feed_entries
from rag.errors import FetchError, InputFileError

FEED_LINK_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
)


def read_feed(body: bytes, url: str, content_type: str = "") -> FeedDocument:
    """The entries of a feed's bytes; raises FetchError when they are not a feed."""
    stripped = body.lstrip()[:1]
    if stripped in (b"{", b"["):
        try:
            document = json.loads(body)
        except (ValueError, RecursionError) as exc:
            raise FetchError(f"not a feed (broken JSON: {exc})") from exc
        if not is_json_feed(document):
            raise FetchError("not a feed (JSON without a JSON Feed version)")
        return FeedDocument(document.get("title"), json_feed_entries(document, url))
    return _xml_feed(body, url, content_type)


def _xml_feed(body: bytes, url: str, content_type: str) -> FeedDocument:
    import feedparser

    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    if not parsed.get("version") and not parsed.get("entries"):
        problem = parsed.get("bozo_exception")
        detail = f": {problem}" if problem else ""
        raise FetchError(f"not a feed (no RSS, Atom or JSON Feed found{detail})")
    entries = []
    for item in parsed.entries:
        link = _absolute(item.get("link"), url)
        key = item.get("id") or link
        if not key:
            continue  # an entry with no address and no id cannot be recognised again
        entries.append(
            Entry(
                key=key,
                link=link,
                title=item.get("title"),
                published=_day(item.get("published_parsed") or item.get("updated_parsed")),
                content=_full_content(item),
            )
        )
    if not entries and parsed.get("bozo"):  # feedparser reads what it can; nothing usable is broken
        raise FetchError(f"not a feed that can be read ({parsed.get('bozo_exception')})")
    return FeedDocument(parsed.feed.get("title"), entries)


def _full_content(item) -> str | None:
    """The entry's whole article (content:encoded, Atom content), if it has one, not a teaser."""
    for part in item.get("content") or []:
        value = part.get("value") or ""
        if _words(value) >= FULL_CONTENT_WORDS:
            return value
    return None


def _words(html: str) -> int:
    from bs4 import BeautifulSoup

    return len(BeautifulSoup(html, "html.parser").get_text(" ").split())


def _day(parsed) -> str | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date().isoformat()
    except (OverflowError, ValueError, TypeError):
        return None


def _absolute(link: str | None, base: str) -> str | None:
    return urljoin(base, link.strip()) if isinstance(link, str) and link.strip() else None


def discover_feed(html: bytes, page_url: str) -> str | None:
    """The address of the feed a site's page announces with ``<link rel="alternate">``."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for link in soup.find_all("link", href=True):
        rel = [r.lower() for r in (link.get("rel") or [])]
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" in rel and kind in FEED_LINK_TYPES:
            return urljoin(page_url, link["href"].strip())
    return None


def read_opml(data: bytes) -> list[tuple[str, str | None]]:
    """(address, title) of every feed an OPML subscription list names."""
    import listparser

    if b"<opml" not in data[:4096].lower():
        raise InputFileError("not an OPML file (no <opml> element at its start)")
    parsed = listparser.parse(data)
    feeds = [(feed["url"], feed.get("title") or None) for feed in parsed.feeds if feed.get("url")]
    if not feeds:
        raise InputFileError("the OPML file lists no feeds (no outline with an xmlUrl)")
    return feeds
