"""Stories: the copies and rewrites of one report, grouped.

News collections are full of near-copies: one wire story republished by many
outlets, re-headlined, trimmed, lightly or wholly rewritten. A new article
joins the story of the placed article most like it, when

- their wording overlaps: the MinHash estimate of the Jaccard similarity of
  their 5-word shingles is at least ``COPY_JACCARD`` (verbatim, re-headlined
  and edited copies), found through locality-sensitive hashing; or
- they say the same things in other words (rewrites): at least ``PASSAGE_SHARE``
  of the shorter article's passages have a passage of the other within
  ``PASSAGE_COSINE`` (on the vectors already stored; the candidates found by
  nearest-neighbour search), and at least ``SENTENCE_SHARE`` of its sentences
  have one within ``SENTENCE_COSINE`` (embedded only for such candidates). Two
  short reports of one event share a topic, so their passages are alike; only a
  rewrite matches sentence by sentence.

Otherwise it starts a story of its own. Stories never merge through a chain of
neighbours; articles under ``MIN_WORDS`` (captions, forms) stay alone. Stories
are derived data, like the keyword index: ``refresh`` reconciles them with the
catalog in one SQLite transaction (a crash leaves nothing half-written), and a
damaged file is simply grouped again.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.index.catalog import ArticleRecord, Catalog
from rag.index.crashpoints import crash_point
from rag.index.likeness import PERMUTATIONS, SCHEME, minhash
from rag.index.rewrites import (
    PASSAGE_COSINE,
    PASSAGE_SHARE,
    SENTENCE_COSINE,
    SENTENCE_SHARE,
    RewriteFinder,
)
from rag.index.store import ChromaStore
from rag.models.embedding import Embedder

logger = logging.getLogger(__name__)

COPY_JACCARD = 0.5
MIN_WORDS = 25
LOOK_UP_AT_ONCE = 64  # articles whose neighbours are searched in one call while placing
REFRESH_WAIT_SECONDS = 120  # another process refreshing the stories: wait for it this long
# Stories grouped under other rules are grouped again (the rules are stored with them).
RULES = (
    f"copy={COPY_JACCARD}|passages={PASSAGE_COSINE}x{PASSAGE_SHARE}|"
    f"sentences={SENTENCE_COSINE}x{SENTENCE_SHARE}|min_words={MIN_WORDS}|perm={PERMUTATIONS}"
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS members (
    article_id TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    story_id TEXT NOT NULL,
    similarity REAL NOT NULL,
    minhash BLOB
);
CREATE INDEX IF NOT EXISTS members_by_story ON members (story_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Story:
    id: str  # the id of the article that started it (which may since have been removed)
    article_ids: tuple[str, ...]  # the first article first, then the most alike


class StoryIndex:
    """The stories of one collection, in a SQLite file beside its other indexes."""

    def __init__(
        self, path: Path, store: ChromaStore, catalog: Catalog, embedder: Callable[[], Embedder]
    ) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = _open(path)
        except sqlite3.DatabaseError as exc:  # derived data: start again
            logger.warning("Stories at %s are unreadable (%s); grouping again", path, exc)
            for damaged in (path, path.with_name(f"{path.name}-journal")):
                damaged.unlink(missing_ok=True)
            self._db = _open(path)
        self._store = store
        self._catalog = catalog
        self._embedder = embedder
        self._rewrites = RewriteFinder(store, catalog, embedder)
        self._lock = threading.Lock()
        self._lsh = None  # the LSH index, only while a refresh places articles

    def close(self) -> None:
        self._db.close()

    @property
    def generation(self) -> str | None:
        """The catalog generation the stories were last brought up to date with."""
        return self._meta("generation")

    def current(self) -> StoryIndex:
        """The stories as they were last grouped: reading them never writes.

        Writers bring them up to date after each write (``up_to_date``), and so does a
        server as it starts; a question is never made to wait for a regrouping, nor to
        open a write transaction.
        """
        return self

    def stale(self) -> bool:
        """The collection changed since the stories were last grouped."""
        generation = str(self._catalog.generation())
        return self.generation != generation or self._meta("rules") != RULES

    def up_to_date(self) -> StoryIndex:
        """The stories, brought up to date first if the collection changed since (writes)."""
        if self.stale():
            self.refresh()
        return self

    def refresh(self) -> int:
        """Place new and changed articles, drop removed ones; returns how many were placed."""
        with self._lock:
            generation = str(self._catalog.generation())
            self._db.execute("BEGIN IMMEDIATE")  # one refresh at a time, across processes
            try:
                if self._meta("rules") != RULES:
                    self._db.execute("DELETE FROM members")
                    self._set_meta("rules", RULES)
                placed = self._reconcile()
                self._set_meta("generation", generation)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            finally:  # memory for placing only: loaded again, up to date, by the next refresh
                self._lsh = None
                self._rewrites.forget()
            return placed

    def story_of(self, article_id: str) -> str | None:
        row = self._db.execute(
            "SELECT story_id FROM members WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def stories_of(self, article_ids: set[str]) -> dict[str, str]:
        """Each known article's story."""
        if not article_ids:
            return {}
        marks = ",".join("?" * len(article_ids))
        rows = self._db.execute(
            f"SELECT article_id, story_id FROM members WHERE article_id IN ({marks})",
            sorted(article_ids),
        )
        return dict(rows.fetchall())

    def members(self, story_id: str) -> list[str]:
        """The articles of a story, the first one first, then the most alike."""
        rows = self._db.execute(
            "SELECT article_id FROM members WHERE story_id = ? "
            "ORDER BY article_id != story_id, similarity DESC, article_id",
            (story_id,),
        )
        return [row[0] for row in rows]

    def stories(self, min_size: int = 1) -> list[Story]:
        """Every story of at least ``min_size`` articles, largest first."""
        grouped: dict[str, list[str]] = {}
        rows = self._db.execute(
            "SELECT article_id, story_id FROM members "
            "ORDER BY article_id != story_id, similarity DESC, article_id"
        )
        for article_id, story_id in rows:
            grouped.setdefault(story_id, []).append(article_id)
        found = [Story(s, tuple(ids)) for s, ids in grouped.items() if len(ids) >= min_size]
        return sorted(found, key=lambda s: (-len(s.article_ids), s.id))

    def _reconcile(self) -> int:
        """Forget removed and changed articles, then place new and changed ones."""
        current = self._catalog.versions()
        known = dict(self._db.execute("SELECT article_id, version FROM members").fetchall())
        gone = [a for a, version in known.items() if current.get(a) != version]
        for article_id in gone:
            self._forget(article_id)
        new = [a for a, version in current.items() if known.get(a) != version]
        records = [r for r in (self._catalog.get(a) for a in new) if r is not None]
        ordered = sorted(records, key=lambda r: (r.ingested_at, r.id))
        for start in range(0, len(ordered), LOOK_UP_AT_ONCE):
            chunk = ordered[start : start + LOOK_UP_AT_ONCE]
            self._rewrites.look_up([r.id for r in chunk if not _too_short(r)])
            for record in chunk:
                self._place(record, current[record.id])
                crash_point("placed-story-article")
            self._rewrites.forget()
        return len(records)

    def _place(self, record: ArticleRecord, version: str) -> None:
        if _too_short(record):
            self._db.execute(
                "INSERT OR REPLACE INTO members VALUES (?, ?, ?, 1.0, NULL)",
                (record.id, version, record.id),
            )
            return
        signature = minhash(record.text)
        best, similarity = self._closest(record, signature)
        story = (self.story_of(best) if best else None) or record.id
        hashes = np.asarray(signature.hashvalues, dtype=np.uint64).tobytes()
        self._db.execute(
            "INSERT OR REPLACE INTO members VALUES (?, ?, ?, ?, ?)",
            (record.id, version, story, similarity, hashes),
        )
        self._index().insert(record.id, signature)

    def _closest(self, record: ArticleRecord, signature) -> tuple[str | None, float]:
        """The placed article most like ``record``, and how alike (1.0 when none is)."""
        scored: dict[str, float] = {}
        for other in self._index().query(signature):
            jaccard = signature.jaccard(self._signature(other))
            if other != record.id and jaccard >= COPY_JACCARD:
                scored[other] = jaccard
        for other, share in self._rewrites.of(record, self._clustered, exclude=set(scored)):
            scored[other] = share
        if not scored:
            return None, 1.0
        best = max(scored, key=lambda a: (scored[a], a))
        return best, scored[best]

    def _clustered(self, article_id: str) -> bool:
        row = self._db.execute(
            "SELECT minhash IS NOT NULL FROM members WHERE article_id = ?", (article_id,)
        ).fetchone()
        return bool(row and row[0])

    def _forget(self, article_id: str) -> None:
        self._db.execute("DELETE FROM members WHERE article_id = ?", (article_id,))

    def _signature(self, article_id: str):
        from datasketch import MinHash

        row = self._db.execute(
            "SELECT minhash FROM members WHERE article_id = ?", (article_id,)
        ).fetchone()
        values = np.frombuffer(row[0], dtype=np.uint64)
        return MinHash(num_perm=PERMUTATIONS, scheme=SCHEME, hashvalues=values)

    def _index(self):
        """The LSH index of every clustered article, loaded from the stored signatures
        inside the refresh's transaction, so no other process changes them meanwhile."""
        if self._lsh is None:
            from datasketch import MinHash, MinHashLSH

            self._lsh = MinHashLSH(threshold=COPY_JACCARD, num_perm=PERMUTATIONS)
            clustered = "SELECT article_id, minhash FROM members WHERE minhash NOT NULL"
            rows = self._db.execute(clustered)
            for article_id, hashes in rows.fetchall():
                values = np.frombuffer(hashes, dtype=np.uint64)
                signature = MinHash(num_perm=PERMUTATIONS, scheme=SCHEME, hashvalues=values)
                self._lsh.insert(article_id, signature)
        return self._lsh

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(
        path, timeout=REFRESH_WAIT_SECONDS, check_same_thread=False, isolation_level=None
    )
    try:
        db.executescript(_SCHEMA)
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _too_short(record: ArticleRecord) -> bool:
    """Too short to be told apart by its wording (a caption, a form): it stays alone."""
    return len(record.text.split()) < MIN_WORDS
