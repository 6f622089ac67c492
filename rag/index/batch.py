"""What a change to the index is given and what it reports back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, n: int) -> None: ...
    def finish(self) -> None: ...


class NoProgress:
    def start(self, total: int) -> None: ...
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
