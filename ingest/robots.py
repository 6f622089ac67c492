"""robots.txt, read once per site per update, as RFC 9309 asks.

A site that has no robots.txt (any 4xx) allows everything; one whose robots.txt
cannot be read (a 5xx, a time-out) is taken to allow nothing for now, and is
asked again at the next update.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from rag.errors import FetchError

ROBOTS_TOKEN = "newsqa"  # the product token robots.txt groups name
_ROBOTS_MAX_BYTES = 500_000  # RFC 9309: crawlers may stop reading after 500 KiB


Reader = Callable[[str], tuple[int, bytes]]
KEEP_SECONDS = 24 * 3600  # RFC 9309: a cached robots.txt may be used for up to 24 hours


class RobotsCache(Protocol):
    """Where robots.txt answers are kept between updates (the subscriptions file)."""

    def robots_get(self, site: str, newer_than: float) -> tuple[int, bytes] | None: ...
    def robots_put(self, site: str, status: int, body: bytes) -> None: ...


class RobotsRules:
    """The robots.txt rules of each site asked about, each read once a day at most."""

    def __init__(self, cache: RobotsCache | None = None) -> None:
        self._cache = cache
        self._sites: dict[str, RobotFileParser | str] = {}
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}

    def refusal(self, url: str, read: Reader) -> str | None:
        """Why robots.txt forbids fetching ``url``, or None if it may be fetched.

        ``read(address)`` returns (status, body), or raises FetchError when the site
        cannot be reached.
        """
        parts = urlsplit(url)
        site = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        with self._lock:
            site_lock = self._loading.setdefault(site, threading.Lock())
        with site_lock:  # one read per site, however many threads ask at once
            rules = self._sites.get(site)
            if rules is None:
                rules = self._sites[site] = self._load(site, read)
        if isinstance(rules, str):
            return rules
        return None if rules.can_fetch(ROBOTS_TOKEN, url) else "robots.txt disallows it"

    def _load(self, site: str, read: Reader) -> RobotFileParser | str:
        parser = RobotFileParser(f"{site}/robots.txt")
        kept = self._cache.robots_get(site, time.time() - KEEP_SECONDS) if self._cache else None
        try:
            status, body = kept or read(f"{site}/robots.txt")
        except FetchError as exc:
            return f"its site's robots.txt could not be read ({exc}); tried again next update"
        if self._cache is not None and kept is None and status < 500:
            self._cache.robots_put(site, status, body[:_ROBOTS_MAX_BYTES])
        if status >= 500:
            return f"its site's robots.txt answered HTTP {status}; tried again next update"
        if status >= 400:
            parser.allow_all = True
            return parser
        text = body[:_ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        parser.parse(text.splitlines())
        return parser
