"""The library behind the web UI: uploads into the index, the article table, deletion.

Uploaded files are copied into one folder (DATA_DIR/uploads) under a cleaned
name before they are ingested: the name a browser sends is untrusted, and a
file's path is how a later upload of the same name is recognised as an update.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.loaders import SUPPORTED_SUFFIXES
from ingest.planner import ingest_files
from rag.app import Newsqa
from rag.errors import NewsqaError
from rag.index.catalog import Catalog
from rag.index.writer import IndexWriter
from rag.text import readable_source

_UNSAFE = re.compile(r"[^\w.\- ]+")
LIBRARY_HEADERS = ["Title", "Source", "Date", "Passages", "ID"]
UPLOAD_HEADERS = ["File", "Outcome", "Details"]


@dataclass(frozen=True)
class UploadRow:
    """What happened to one uploaded file."""

    name: str
    outcome: str  # added, updated, unchanged or failed
    reason: str = ""

    def as_list(self) -> list[str]:
        return [self.name, self.outcome, self.reason]


def upload_limit(max_mb: float) -> int:
    """The upload size limit in bytes (a megabyte being 10^6 bytes, as in the messages)."""
    return int(max_mb * 1_000_000)


def safe_name(name: str) -> str:
    """The file name alone, with no folders, no leading dots and no unusual characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    return base[:150] or "upload"


def ingest_uploads(
    paths: Sequence[str | Path],
    app: Newsqa,
    upload_dir: Path,
    max_bytes: int,
    names: Sequence[str] | None = None,
    staging_dir: Path | None = None,
) -> list[UploadRow]:
    """Copy each accepted file into ``upload_dir`` and ingest it; one row per file.

    ``names`` are the names the browser gave (default: the files' own names).
    With ``staging_dir``, only files inside it are accepted: a path sent by a
    client must name an upload, never any other file on the server.
    Each file is ingested on its own so its outcome can be reported on its own.
    """
    upload_dir.mkdir(parents=True, exist_ok=True)
    folder = upload_dir.resolve()
    rows = []
    for i, path in enumerate(paths):
        source = Path(path)
        name = safe_name(names[i] if names else source.name)
        refusal = _refusal(source, name, max_bytes, staging_dir)
        if refusal:
            rows.append(UploadRow(name, "failed", refusal))
            continue
        target = (folder / name).resolve()
        if target.parent != folder:  # cannot happen after safe_name; checked all the same
            rows.append(UploadRow(name, "failed", "invalid file name"))
            continue
        shutil.copyfile(source, target)
        rows.append(_ingest_one(app, target, name))
    return rows


def _refusal(source: Path, name: str, max_bytes: int, staging_dir: Path | None) -> str:
    if staging_dir is not None and staging_dir.resolve() not in source.resolve().parents:
        return "not an uploaded file"
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        accepted = " ".join(sorted(SUPPORTED_SUFFIXES))
        return f"unsupported file type {suffix or '(none)'}; accepted: {accepted}"
    try:
        size = source.stat().st_size
    except OSError:
        return "the upload could not be read"
    if size > max_bytes:
        return f"file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB)"
    return ""


def _ingest_one(app: Newsqa, target: Path, name: str) -> UploadRow:
    report = ingest_files(app, [target])
    reasons = "; ".join(reason for _, reason in report.failed)
    counts = [
        (label, n)
        for label, n in (
            ("added", report.added),
            ("updated", report.updated),
            ("unchanged", report.unchanged),
        )
        if n
    ]
    if not counts:
        target.unlink(missing_ok=True)  # keep only files that are in the index
        return UploadRow(name, "failed", reasons or "no article found")
    outcome = counts[0][0]
    details = ", ".join(f"{n} {label}" for label, n in counts)
    if reasons:
        details += f"; problems: {reasons}"
    return UploadRow(name, outcome, details)


def library_rows(catalog: Catalog) -> list[list[str | int]]:
    """One row per article for the library table (see LIBRARY_HEADERS)."""
    return [
        [r.title, readable_source(r.source), (r.date or "undated")[:10], r.passages, r.id]
        for r in catalog.all()
    ]


def library_stats(catalog: Catalog) -> tuple[int, int]:
    """(articles, passages) in the collection."""
    records = catalog.all()
    return len(records), sum(r.passages for r in records)


def delete_article(writer: IndexWriter, article_id: str) -> str:
    """Remove an article from the index; says what was removed, or raises if unknown."""
    article_id = (article_id or "").strip()
    if not article_id:
        raise NewsqaError("Choose an article to delete first.")
    record = writer.catalog.get(article_id)
    if record is None or not writer.remove(article_id):
        raise NewsqaError(f"No article with id {article_id!r}.")
    writer.refresh_derived_indexes()
    return f"Deleted “{record.title}”."
