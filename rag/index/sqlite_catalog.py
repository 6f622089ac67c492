"""The article catalog of one machine: one row per article in a SQLite file per collection."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from rag.index.catalog import CHANGES_KEPT, ArticleRecord, content_version

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    url TEXT,
    date TEXT,
    source_path TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    passages INTEGER NOT NULL,
    text TEXT NOT NULL,
    ingested_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_by_path ON articles(source_path);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS changes (seq INTEGER NOT NULL, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS changes_by_seq ON changes(seq);
"""


_COLUMNS = ", ".join(ArticleRecord.__dataclass_fields__)


def open_database(path: Path, schema: str) -> sqlite3.Connection:
    """A SQLite file beside the index (made if new), in WAL mode, usable from any thread."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The web UI calls in from worker threads; SQLite is built serialized (threadsafety 3).
    database = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    database.execute("PRAGMA journal_mode=WAL")
    database.executescript(schema)
    return database


class SqliteCatalog:
    """One SQLite file; every write is its own transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = open_database(path, _SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(articles)")}
        if "chunks" in columns:  # catalogs written before passages were called passages
            self._db.execute("ALTER TABLE articles RENAME COLUMN chunks TO passages")

    def close(self) -> None:
        self._db.close()

    def get(self, article_id: str) -> ArticleRecord | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return ArticleRecord(*row) if row else None

    def all(self) -> list[ArticleRecord]:
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM articles ORDER BY title, id").fetchall()
        return [ArticleRecord(*row) for row in rows]

    def for_path(self, source_path: str) -> list[ArticleRecord]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM articles WHERE source_path = ?", (source_path,)
        ).fetchall()
        return [ArticleRecord(*row) for row in rows]

    def paths(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT DISTINCT source_path FROM articles")}

    def put(self, record: ArticleRecord) -> None:
        self.put_many([record])

    def put_many(self, records: list[ArticleRecord]) -> None:
        now = time.time()
        rows = [tuple({**r.__dict__, "ingested_at": now}.values()) for r in records]
        placeholders = ", ".join("?" for _ in ArticleRecord.__dataclass_fields__)
        self._db.executemany(
            f"INSERT OR REPLACE INTO articles ({_COLUMNS}) VALUES ({placeholders})", rows
        )

    def set_file_sha(self, article_ids: Iterable[str], file_sha256: str) -> None:
        self._db.executemany(
            "UPDATE articles SET file_sha256 = ? WHERE id = ?",
            [(file_sha256, article_id) for article_id in article_ids],
        )

    def delete(self, article_id: str) -> None:
        self._db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def generation(self) -> int:
        """A counter bumped by every change to the collection; derived indexes compare it."""
        return int(self.get_meta("generation") or 0)

    def bump_generation(self) -> None:
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES ('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def log_changes(self, article_ids: Iterable[str]) -> None:
        changed = sorted(set(article_ids))
        if not changed:
            return
        seq = self.change_seq() + 1
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany("INSERT INTO changes VALUES (?, ?)", [(seq, a) for a in changed])
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('change_seq', ?)", (str(seq),))
            if seq > CHANGES_KEPT:
                floor = seq - CHANGES_KEPT
                self._db.execute("DELETE FROM changes WHERE seq <= ?", (floor,))
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('change_floor', ?)", (floor,))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def change_seq(self) -> int:
        return int(self.get_meta("change_seq") or 0)

    def changes_since(self, seq: int) -> tuple[int, set[str]] | None:
        if seq < int(self.get_meta("change_floor") or 0):
            return None
        rows = self._db.execute(
            "SELECT seq, article_id FROM changes WHERE seq > ?", (seq,)
        ).fetchall()
        return max((row[0] for row in rows), default=seq), {row[1] for row in rows}

    def article_ids(
        self, source: str | None = None, since: date | None = None, until: date | None = None
    ) -> set[str]:
        """Ids of the articles whose source contains ``source`` and whose date is in range."""
        clauses, values = [], []
        if source:
            clauses.append("instr(lower(source), lower(?)) > 0")
            values.append(source)
        if since:
            clauses.append("date IS NOT NULL AND substr(date, 1, 10) >= ?")
            values.append(since.isoformat())
        if until:
            clauses.append("date IS NOT NULL AND substr(date, 1, 10) <= ?")
            values.append(until.isoformat())
        where = " AND ".join(clauses) or "1"
        return {
            row[0] for row in self._db.execute(f"SELECT id FROM articles WHERE {where}", values)
        }

    def versions(self, article_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Current content version of each article (all, or those asked for that exist)."""
        if article_ids is None:
            rows = self._db.execute("SELECT id, content_sha256 FROM articles").fetchall()
        else:
            wanted = list(set(article_ids))
            rows = []
            for i in range(0, len(wanted), 500):  # SQLite caps the number of parameters
                part = wanted[i : i + 500]
                marks = ", ".join("?" for _ in part)
                rows += self._db.execute(
                    f"SELECT id, content_sha256 FROM articles WHERE id IN ({marks})", part
                ).fetchall()
        return {article_id: content_version(sha) for article_id, sha in rows}

    def integrity_problems(self) -> list[str]:
        """What SQLite's own check finds wrong with the file (empty when it is sound)."""
        rows = self._db.execute("PRAGMA integrity_check").fetchall()
        return [row[0] for row in rows if row[0] != "ok"]

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def delete_meta(self, key: str) -> None:
        self._db.execute("DELETE FROM meta WHERE key = ?", (key,))
