"""Checking a data directory for damage (`newsqa doctor`) and rebuilding it (`newsqa reindex`).

Everything in a collection can be rebuilt from its catalog, which keeps each
article's cleaned text: the passages in Chroma and the BM25 index are derived
from it. So the checks compare the derived parts with the catalog, and the
rebuild re-cuts and re-embeds the catalog's text without the original files.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from rag.errors import IndexDamagedError, NewsqaError
from rag.index.catalog import Catalog
from rag.index.connection import IndexConnection
from rag.index.keyword import KeywordIndex
from rag.index.visibility import sort_passages
from rag.index.writer import WRITING_KEY
from rag.settings import Settings

logger = logging.getLogger(__name__)

REINDEX = "run `newsqa reindex` to rebuild it from the catalog"


@dataclass(frozen=True)
class Finding:
    """One thing wrong with the data directory, and what to do about it."""

    part: str  # catalog, passages, keyword index, ingest
    problem: str
    fix: str


def open_catalog_checked(connection: IndexConnection) -> Catalog:
    """The catalog, or a clear error when its file is not a readable database."""
    settings = connection.settings
    try:
        catalog = connection.open_catalog()
        catalog.get_meta("generation")
        return catalog
    except sqlite3.DatabaseError as exc:
        raise NewsqaError(
            f"The catalog {settings.catalog_path} is damaged ({exc}). It holds the article "
            "text everything else is rebuilt from: move it aside and ingest the original "
            "files again."
        ) from exc


def check(connection: IndexConnection) -> list[Finding]:
    """Everything wrong with the collection's catalog, passages and keyword index."""
    settings = connection.settings
    if not connection.on_server and not settings.catalog_path.exists():
        return []
    try:
        catalog = open_catalog_checked(connection)
    except NewsqaError as exc:
        return [Finding("catalog", str(exc), "ingest the original files again")]
    findings = [
        Finding("catalog", f"integrity check: {problem}", "ingest the original files again")
        for problem in catalog.integrity_problems()
    ]
    writer = catalog.get_meta(WRITING_KEY)
    if writer is not None:
        findings.append(
            Finding(
                "ingest",
                f"a change to the index (process {writer}) was interrupted",
                "the next `newsqa ingest` repairs it first, or run `newsqa reindex`",
            )
        )
    try:
        store = connection.open_store()
        stored = store.passage_versions()
        store.probe_search()
    except Exception as exc:  # chromadb raises several types for a damaged database
        cause = exc.__cause__ if isinstance(exc, IndexDamagedError) else exc
        problem = f"cannot be read ({type(cause).__name__}: {cause})"
        return [*findings, Finding("passages", problem, REINDEX)]
    findings += _passage_findings(catalog, stored)
    findings += _keyword_findings(settings, catalog, set(stored))
    return findings


def _passage_findings(catalog: Catalog, stored: dict[str, tuple[str, str | None]]) -> list[Finding]:
    orphans, present = sort_passages(catalog.versions(), stored)
    incomplete = [r.id for r in catalog.all() if present[r.id] != r.passages]
    findings = []
    if orphans:
        findings.append(
            Finding(
                "passages",
                f"{len(orphans)} passages belong to no catalogued article version "
                f"(e.g. {orphans[0]})",
                "they are never shown; the next ingest deletes them, or " + REINDEX,
            )
        )
    if incomplete:
        findings.append(
            Finding(
                "passages",
                f"{len(incomplete)} articles have missing passages (e.g. {incomplete[0]})",
                REINDEX,
            )
        )
    return findings


def _keyword_findings(settings: Settings, catalog: Catalog, passage_ids: set[str]) -> list[Finding]:
    directory = settings.keyword_dir
    if not (directory / "meta.json").exists():
        if passage_ids and settings.vector_store.mode == "embedded":
            return [Finding("keyword index", f"missing in {directory}", _REBUILT_ON_USE)]
        return []
    index = KeywordIndex.load(directory)
    if index is None:
        return [Finding("keyword index", f"unreadable in {directory}", _REBUILT_ON_USE)]
    if index.seq != catalog.change_seq():
        if settings.vector_store.mode == "server":
            return []  # a local copy: other processes change the shared collection
        return [Finding("keyword index", "older than the collection", _REBUILT_ON_USE)]
    if set(index.ids) != passage_ids:
        return [
            Finding(
                "keyword index",
                f"holds {len(index.ids)} passages where the store holds {len(passage_ids)}",
                REINDEX,
            )
        ]
    return []


_REBUILT_ON_USE = "it is rebuilt from the passages on the next question, or " + REINDEX


def move_aside(directory: Path) -> Path:
    """Rename a damaged folder out of the way (kept for inspection, never deleted)."""
    target = directory.with_name(f"{directory.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    shutil.move(directory, target)
    return target
