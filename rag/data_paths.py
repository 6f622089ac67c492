"""Where each part of a collection lives inside the data directory.

Derived from two settings, ``data_dir`` and ``collection``; kept apart from
:mod:`rag.settings` so the settings module holds the knobs alone.
"""

from __future__ import annotations

from pathlib import Path


class DataPaths:
    """The paths of a collection's parts; mixed into ``Settings``."""

    data_dir: Path
    collection: str

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def keyword_dir(self) -> Path:
        """The BM25 index of the collection, derived from its passages."""
        return self.data_dir / "keyword" / self.collection

    @property
    def stories_path(self) -> Path:
        """The stories of the collection (its syndicated copies grouped), derived data."""
        return self.data_dir / "stories" / f"{self.collection}.sqlite3"

    @property
    def catalog_path(self) -> Path:
        """The ingest manifest of the collection: one SQLite file per collection."""
        return self.data_dir / "catalog" / f"{self.collection}.sqlite3"

    @property
    def feeds_path(self) -> Path:
        """The collection's feeds: subscriptions, ETag/Last-Modified, last poll, errors."""
        return self.data_dir / "feeds" / f"{self.collection}.sqlite3"

    @property
    def incoming_dir(self) -> Path:
        """Where the web server stages files while they upload (emptied hourly)."""
        return self.data_dir / "incoming"

    @property
    def uploads_dir(self) -> Path:
        """Where files uploaded in the web UI are kept (their path identifies them on re-upload)."""
        return self.data_dir / "uploads"
