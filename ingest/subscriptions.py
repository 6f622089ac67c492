"""The feeds a collection follows, and what each poll found: one SQLite file beside the index.

Each poll's outcome (ETag, Last-Modified, when, how many new articles, what
failed) and the entries it ingested are written in one transaction, after the
articles are in the index: a kill before it leaves the feed to be polled again,
and its entries are then recognised in the catalog by their addresses.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rag.index.sqlite_catalog import open_database

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    title TEXT,
    trusted INTEGER NOT NULL,       -- added on the command line, not through the web
    added_at REAL NOT NULL,
    etag TEXT,
    modified TEXT,
    last_poll REAL,
    last_new INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    problems TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS entries (
    feed_url TEXT NOT NULL,          -- '' for an address ingested on its own
    key TEXT NOT NULL,
    address TEXT,
    text_sha256 TEXT,
    PRIMARY KEY (feed_url, key)
);
CREATE INDEX IF NOT EXISTS entries_by_address ON entries(address);
CREATE INDEX IF NOT EXISTS entries_by_text ON entries(text_sha256);
CREATE TABLE IF NOT EXISTS robots (
    site TEXT PRIMARY KEY, fetched_at REAL NOT NULL, status INTEGER NOT NULL, body BLOB NOT NULL
);
"""


@dataclass(frozen=True)
class Feed:
    url: str
    title: str | None
    trusted: bool
    added_at: float
    etag: str | None = None
    modified: str | None = None
    last_poll: float | None = None
    last_new: int = 0
    last_error: str | None = None
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Seen:
    """An entry handled by a poll: ingested, or skipped as a copy of one already in."""

    key: str
    address: str | None
    text_sha256: str | None


@dataclass(frozen=True)
class Poll:
    """What one poll of a feed found, saved in one go."""

    url: str
    etag: str | None = None
    modified: str | None = None
    new: int = 0
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    title: str | None = None
    keep_validators: bool = False  # the stored ETag and Last-Modified still hold (or must)
    not_modified: bool = False  # the feed answered 304


class Subscriptions:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = open_database(path, _SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._db.close()

    def add(self, url: str, title: str | None, *, trusted: bool) -> bool:
        """Follow ``url``; False if it is already followed."""
        with self._lock:
            added = self._db.execute(
                "INSERT OR IGNORE INTO feeds (url, title, trusted, added_at) VALUES (?, ?, ?, ?)",
                (url, title, int(trusted), time.time()),
            )
            return added.rowcount == 1

    def remove(self, url: str) -> bool:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            gone = self._db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount
            self._db.execute("DELETE FROM entries WHERE feed_url = ?", (url,))
            self._db.execute("COMMIT")
        return gone == 1

    def all(self) -> list[Feed]:
        rows = self._db.execute(
            "SELECT url, title, trusted, added_at, etag, modified, last_poll, last_new, "
            "last_error, problems FROM feeds ORDER BY added_at, url"
        ).fetchall()
        return [Feed(*row[:2], bool(row[2]), *row[3:9], json.loads(row[9])) for row in rows]

    def seen_keys(self, feed_url: str) -> set[str]:
        rows = self._db.execute("SELECT key FROM entries WHERE feed_url = ?", (feed_url,))
        return {key for (key,) in rows}

    def known_address(self, address: str) -> bool:
        found = self._db.execute("SELECT 1 FROM entries WHERE address = ? LIMIT 1", (address,))
        return found.fetchone() is not None

    def known_text(self, text_sha256: str) -> bool:
        found = self._db.execute(
            "SELECT 1 FROM entries WHERE text_sha256 = ? LIMIT 1", (text_sha256,)
        )
        return found.fetchone() is not None

    def robots_get(self, site: str, newer_than: float) -> tuple[int, bytes] | None:
        row = self._db.execute(
            "SELECT status, body FROM robots WHERE site = ? AND fetched_at > ?", (site, newer_than)
        ).fetchone()
        return (row[0], bytes(row[1])) if row else None

    def robots_put(self, site: str, status: int, body: bytes) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO robots VALUES (?, ?, ?, ?)",
                (site, time.time(), status, body),
            )

    def record(self, polls: Iterable[Poll]) -> None:
        """Save the outcome of each poll, all in one transaction."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for poll in polls:
                    self._record(poll)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _record(self, poll: Poll) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO entries (feed_url, key, address, text_sha256) "
            "VALUES (?, ?, ?, ?)",
            [(poll.url, s.key, s.address, s.text_sha256) for s in poll.seen],
        )
        if not poll.url:
            return  # addresses ingested on their own belong to no feed
        validators = "" if poll.keep_validators else "etag = ?, modified = ?,"
        values = () if poll.keep_validators else (poll.etag, poll.modified)
        self._db.execute(
            f"UPDATE feeds SET {validators} last_poll = ?, last_new = ?, last_error = ?, "
            "problems = ?, title = COALESCE(title, ?) WHERE url = ?",
            (
                *values,
                time.time(),
                poll.new,
                poll.error,
                json.dumps(poll.problems),
                poll.title,
                poll.url,
            ),
        )
