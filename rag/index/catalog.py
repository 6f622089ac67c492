"""The article catalog: one record per article, and the collection's own bookkeeping.

It records where each article came from and hashes of its file and content, so
a re-ingest tells unchanged, changed and vanished articles apart without
embedding anything. It keeps each article's cleaned text, from which everything
else in the index can be rebuilt. Two implementations answer to :class:`Catalog`:
a SQLite file on one machine (``sqlite_catalog``) and records on a Chroma server
shared by several machines (``chroma_catalog``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class ArticleRecord:
    id: str
    title: str
    source: str
    url: str | None
    date: str | None
    source_path: str
    file_sha256: str
    content_sha256: str
    passages: int
    text: str
    ingested_at: float = 0.0


EVERYTHING = "*"  # a logged change naming every article: the passages were all rebuilt
CHANGES_KEPT = 10_000  # logged changes kept; a process further behind rebuilds what it derives


def content_version(content_sha256: str) -> str:
    """The short form of an article's content hash stored with each of its passages."""
    return content_sha256[:16]


class Catalog(Protocol):
    path: Path  # the local file (or, on a server, the place beside which the lock lives)

    def close(self) -> None: ...
    def get(self, article_id: str) -> ArticleRecord | None: ...
    def all(self) -> list[ArticleRecord]: ...
    def for_path(self, source_path: str) -> list[ArticleRecord]: ...
    def paths(self) -> set[str]: ...
    def put(self, record: ArticleRecord) -> None: ...
    def put_many(self, records: list[ArticleRecord]) -> None: ...
    def set_file_sha(self, article_ids: Iterable[str], file_sha256: str) -> None: ...
    def delete(self, article_id: str) -> None: ...

    def generation(self) -> int:
        """Changes with every change to the collection; derived indexes compare it."""
        ...

    def bump_generation(self) -> None: ...

    def log_changes(self, article_ids: Iterable[str]) -> None:
        """Record that these articles' passages changed (written, replaced or removed).

        Processes that keep something derived from the passages (the keyword
        index) apply the changes since they last looked instead of rereading
        every passage. Only the writer logs, so the sequence never forks.
        """
        ...

    def change_seq(self) -> int:
        """The number of the last logged change (0 when none was)."""
        ...

    def changes_since(self, seq: int) -> tuple[int, set[str]] | None:
        """(the last change's number, the articles changed after ``seq``), or None when
        changes that old are no longer kept (then rebuild from the passages)."""
        ...

    def article_ids(
        self, source: str | None = None, since: date | None = None, until: date | None = None
    ) -> set[str]:
        """Ids of the articles whose source contains ``source`` and whose date is in range."""
        ...

    def versions(self, article_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Current content version of each article (all, or those asked for that exist)."""
        ...

    def integrity_problems(self) -> list[str]: ...
    def get_meta(self, key: str) -> str | None: ...
    def set_meta(self, key: str, value: str) -> None: ...
    def delete_meta(self, key: str) -> None: ...
