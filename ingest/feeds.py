"""Following feeds: add one by its address or its site's, import an OPML list, remove one.

A feed is checked when it is added (fetched and read), so a typo is reported at
once; an OPML file's feeds are taken as its feed reader listed them, and each
is checked at the first update.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.feed_read import discover_feed, read_feed, read_opml
from ingest.fetch import FEED_TYPES, PAGE_TYPES, Fetcher
from ingest.subscriptions import Subscriptions
from ingest.web import is_web_address
from rag.errors import FetchError


@dataclass(frozen=True)
class Added:
    """What adding one address did: ``feed`` is the feed followed, ``reason`` why not."""

    address: str
    feed: str | None
    outcome: str  # added, already followed, failed
    reason: str = ""


def add_feeds(
    subscriptions: Subscriptions, fetcher: Fetcher, addresses: list[str], *, trusted: bool
) -> list[Added]:
    """Follow each address's feed (a site's address finds it through its alternate link)."""
    rows = []
    for address in dict.fromkeys(a.strip() for a in addresses):
        try:
            url, title = _find_feed(fetcher, address, guarded=not trusted)
        except FetchError as exc:
            rows.append(Added(address, None, "failed", str(exc)))
            continue
        new = subscriptions.add(url, title, trusted=trusted)
        rows.append(Added(address, url, "added" if new else "already followed"))
    return rows


def _find_feed(fetcher: Fetcher, address: str, *, guarded: bool) -> tuple[str, str | None]:
    answer = fetcher.get(address, accept=FEED_TYPES, guarded=guarded)
    if answer.content_type in PAGE_TYPES:
        found = discover_feed(answer.body, answer.url)
        if found is None:
            raise FetchError('a web page that names no feed (no <link rel="alternate">)')
        answer = fetcher.get(found, accept=FEED_TYPES, guarded=guarded)
    document = read_feed(answer.body, answer.url, answer.content_type)
    return answer.url, document.title


def import_opml(subscriptions: Subscriptions, data: bytes, *, trusted: bool) -> list[Added]:
    """Follow every feed an OPML file lists; raises InputFileError for a file that is not one."""
    rows = []
    for url, title in read_opml(data):
        if not is_web_address(url):
            rows.append(Added(url, None, "failed", "not a web address"))
            continue
        new = subscriptions.add(url, title, trusted=trusted)
        rows.append(Added(url, url, "added" if new else "already followed"))
    return rows
