"""What a change to the index is given and what it reports back."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Protocol

from rag.index.catalog import ArticleRecord


class Progress(Protocol):
    def start(self, total: int | None) -> None: ...  # None: not known in advance
    def advance(self, n: int) -> None: ...
    def finish(self) -> None: ...


class NoProgress:
    def start(self, total: int | None) -> None: ...
    def advance(self, n: int) -> None: ...
    def finish(self) -> None: ...


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    repaired: int = 0  # articles re-embedded after an interrupted ingest
    passages_written: int = 0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file or record, reason)
    outcomes: dict[str, str] = field(default_factory=dict)  # file -> ingested/unchanged/failed

    @property
    def ok(self) -> bool:
        return not self.failed

    def merge(self, other: IngestReport) -> None:
        """Add what another part of the same ingest (a worker's file) reported."""
        for name in ("added", "updated", "unchanged", "removed", "repaired", "passages_written"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failed += other.failed
        self.outcomes |= other.outcomes


@dataclass(frozen=True)
class NewArticle:
    """An article to store, read from a file or handed over in memory."""

    id: str
    text: str
    title: str
    source: str
    url: str | None = None
    date: str | None = None
    source_path: str = ""  # the file it was read from, if any
    file_sha256: str = ""


def article_record(article: NewArticle, signature: str) -> ArticleRecord:
    """The catalog record of ``article``; its content hash covers how it is cut (``signature``)."""
    content = [article.text, article.title, article.source, article.url, article.date]
    content_sha = hashlib.sha256(json.dumps([*content, signature]).encode()).hexdigest()
    return ArticleRecord(
        id=article.id,
        title=article.title,
        source=article.source,
        url=article.url,
        date=article.date,
        source_path=article.source_path,
        file_sha256=article.file_sha256,
        content_sha256=content_sha,
        passages=0,
        text=article.text,
    )
