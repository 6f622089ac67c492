"""The feeds of a running server: follow one from the web, list them, poll now or on a timer.

The web UI, the HTTP API and the background poller share one service, so two
polls never run at once (a second one waits for the first). Addresses added
here come from the web: they are fetched under the private-network guard.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ingest.feeds import Added, add_feeds
from ingest.fetch import Fetcher, fetch_limits
from ingest.subscriptions import Feed, Subscriptions
from ingest.update import UpdateReport, update_feeds
from rag.app import Newsqa
from rag.errors import NewsqaError

logger = logging.getLogger(__name__)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
FIRST_POLL_DELAY = 5.0  # seconds after the server starts: let it open first


def every_seconds(every: str | None) -> float | None:
    """``30m`` as 1800.0; None or 0 means never."""
    if not every:
        return None
    found = re.fullmatch(r"(\d+)([smhd])", every.strip())
    if not found:
        raise NewsqaError(f"Not a period: {every!r} (a number and s, m, h or d, e.g. 30m)")
    seconds = int(found[1]) * _UNITS[found[2]]
    return float(seconds) or None


class FeedService:
    def __init__(self, app: Newsqa) -> None:
        self.app = app
        self._polling = threading.Lock()
        self._stop = threading.Event()
        self.last_report: UpdateReport | None = None

    @contextmanager
    def _subscriptions(self) -> Iterator[Subscriptions]:
        store = Subscriptions(self.app.settings.feeds_path)
        try:
            yield store
        finally:
            store.close()

    def feeds(self) -> list[Feed]:
        with self._subscriptions() as store:
            return store.all()

    def add(self, address: str) -> Added:
        """Follow a feed given through the web (guarded); raises NewsqaError with the reason."""
        address = (address or "").strip()
        if not address:
            raise NewsqaError("Give a feed's address, or its site's.")
        with self._subscriptions() as store:
            fetcher = Fetcher(fetch_limits(self.app.settings), store)
            (row,) = add_feeds(store, fetcher, [address], trusted=False)
        if row.outcome == "failed":
            raise NewsqaError(f"{address}: {row.reason}")
        return row

    def update(self) -> UpdateReport:
        """Poll every feed now (after any poll already running)."""
        with self._polling, self._subscriptions() as store:
            fetcher = Fetcher(fetch_limits(self.app.settings), store)
            self.last_report = update_feeds(self.app, store, fetcher)
        return self.last_report

    def poll_every(self, seconds: float) -> threading.Thread:
        """Poll in a background thread every ``seconds`` until ``stop()``."""

        def loop() -> None:
            wait = FIRST_POLL_DELAY
            while not self._stop.wait(wait):
                wait = seconds
                try:
                    report = self.update()
                    new = sum(poll.new for poll in report.feeds)
                    logger.info("Polled %d feeds: %d new articles", len(report.feeds), new)
                except Exception:  # the next poll tries again; the server goes on
                    logger.exception("Polling the feeds failed")

        thread = threading.Thread(target=loop, name="feed-poller", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()
