"""Ingest: files in, passages in the index out, incrementally.

A file whose bytes are unchanged since the last ingest is not even parsed; an
article whose content is unchanged is not embedded again. Writes go passages
first, catalog row last, under deterministic chunk ids that carry the article's
content version. One writer at a time holds the collection's lock, and marks the
catalog while it writes: if it dies, the next writer finds the mark and repairs
first, deleting passages no catalog row vouches for and re-embedding (from the
text the catalog keeps) any article whose passages are incomplete.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from ingest.chunk import Chunk, chunk_text
from ingest.loaders import SUPPORTED_SUFFIXES, LoadedArticle, load_file
from rag.catalog import ArticleRecord, Catalog, content_version
from rag.crashpoints import crash_point
from rag.embedding import Embedder, Tokenizer
from rag.errors import InputFileError
from rag.keyword import KeywordSearch
from rag.lock import WriteLock
from rag.store import ChromaStore, chunk_id

logger = logging.getLogger(__name__)

_SIGNATURE_KEY = "chunking"
_WRITING_KEY = "write_in_progress"  # set while a writer works; left behind if it dies
_HOST = socket.gethostname()


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, n: int) -> None: ...
    def finish(self) -> None: ...


class _NoProgress:
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
    chunks_written: int = 0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file or record, reason)
    outcomes: dict[str, str] = field(default_factory=dict)  # file -> ingested/unchanged/failed

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class _Job:
    """An article that needs (re-)embedding."""

    record: ArticleRecord
    chunks: list[Chunk]
    vectors: list[list[float]] = field(default_factory=list)


@dataclass
class _FilePlan:
    path: str
    file_sha: str
    keep_ids: list[str]  # articles of this file after the ingest
    stale_ids: list[str]  # articles this file used to hold and no longer does


def article_id_for(article: LoadedArticle) -> str:
    """The given id, else a hash of the cleaned text: the same article always gets the same id."""
    if article.id:
        return article.id
    return hashlib.sha256(article.text.encode()).hexdigest()[:16]


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand folders (recursively, supported types only); report paths that cannot be used."""
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not p.name.startswith(".")
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append((str(path), "no such file or folder"))
    unique = list(dict.fromkeys(p.resolve() for p in files))
    return unique, problems


class Ingestor:
    """Keeps one collection in step with a set of article files."""

    def __init__(
        self,
        store: ChromaStore,
        catalog: Catalog,
        keyword: KeywordSearch | None,
        tokenizer: Tokenizer,
        embedder_factory: Callable[[], Embedder],
        embedder_name: str,
        chunk_size: int,
        chunk_overlap: int,
        batch_size: int = 32,
        lock: WriteLock | None = None,
        max_file_bytes: int = 100_000_000,
        max_article_chars: int = 2_000_000,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.keyword = keyword
        self.tokenizer = tokenizer
        self._embedder_factory = embedder_factory
        self._embedder: Embedder | None = None
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self.batch_size = batch_size
        self.lock = lock or WriteLock(catalog_lock_path(catalog), timeout=300)
        self.max_file_bytes = max_file_bytes
        self.max_article_chars = max_article_chars
        self.signature = f"{embedder_name}|size={chunk_size}|overlap={chunk_overlap}|v2"

    def ingest(
        self, paths: Iterable[Path], prune: bool = False, progress: Progress | None = None
    ) -> IngestReport:
        began = time.perf_counter()
        report = IngestReport()
        progress = progress or _NoProgress()
        with self._writing(report, progress):
            files, report.failed = discover(paths)
            same_chunking = self.catalog.get_meta(_SIGNATURE_KEY) == self.signature
            jobs: list[_Job] = []
            plans: list[_FilePlan] = []
            for path in files:
                plan = self._plan_file(path, same_chunking, jobs, report)
                if plan is not None:
                    plans.append(plan)
                crash_point("parsed-file")
            self._embed_and_write(jobs, report, progress)
            for plan in plans:
                for stale in plan.stale_ids:
                    self._remove(stale)
                crash_point("before-file-hash")
                self.catalog.set_file_sha(plan.keep_ids, plan.file_sha)
            self.catalog.set_meta(_SIGNATURE_KEY, self.signature)
            if prune:
                report.removed += self._prune()
        self.refresh_keyword_index()
        report.seconds = time.perf_counter() - began
        return report

    @contextmanager
    def _writing(self, report: IngestReport | None = None, progress: Progress | None = None):
        """Hold the write lock; repair first if the last writer died; mark the catalog meanwhile.

        The mark is cleared only when the block finishes: after an exception or a
        crash it stays, and the next writer repairs before it writes.
        """
        with self.lock:
            if self._wait_for_other_hosts() is not None:
                logger.warning("The last change to the index was interrupted; repairing it")
                repaired = self.repair(progress or _NoProgress())
                if report is not None:
                    report.repaired += repaired
            self.catalog.set_meta(_WRITING_KEY, _writer())
            yield
            self.catalog.delete_meta(_WRITING_KEY)

    def _wait_for_other_hosts(self) -> str | None:
        """The mark of an unfinished write, once no live writer can be behind it.

        A mark from this machine is a dead process's: the lock file is ours. On a
        shared Chroma server the mark may be another machine's, still writing; it
        is given the lock timeout to finish before it is taken as interrupted.
        """
        deadline = time.monotonic() + self.lock.timeout
        while (mark := self.catalog.get_meta(_WRITING_KEY)) is not None:
            if mark.rpartition(":")[0] in ("", _HOST) or time.monotonic() >= deadline:
                return mark
            time.sleep(1)
        return None

    def repair(self, progress: Progress) -> int:
        """Make the store agree with the catalog; returns how many articles were re-embedded.

        Passages whose article is not in the catalog, or that belong to another
        version of it, are deleted; articles whose passages are then incomplete
        are re-chunked and re-embedded from the text the catalog keeps.
        """
        orphans, present = sort_passages(self.catalog.versions(), self.store.chunk_versions())
        self.store.delete_ids(orphans)
        jobs = []
        for record in self.catalog.all():
            if present[record.id] != record.chunks:
                chunks = chunk_text(
                    record.text, self.tokenizer, self.chunk_size, self.chunk_overlap
                )
                jobs.append(_Job(record, chunks))
        self._embed_and_write(jobs, IngestReport(), progress)
        if orphans or jobs:
            self.catalog.bump_generation()
        return len(jobs)

    def refresh_keyword_index(self) -> None:
        """Rebuild the BM25 index now if the collection changed, so no query has to wait."""
        if self.keyword is not None:
            self.keyword.current()

    def _plan_file(
        self, path: Path, same_chunking: bool, jobs: list[_Job], report: IngestReport
    ) -> _FilePlan | None:
        """Decide what to do with one file; records its outcome in ``report.outcomes``."""
        key = str(path)
        report.outcomes[key] = "failed"  # until shown otherwise
        try:
            size = path.stat().st_size
            if size > self.max_file_bytes:
                limit = self.max_file_bytes / 1e6
                report.failed.append(
                    (
                        key,
                        f"file too large ({size / 1e6:.1f} MB; the limit is "
                        f"{limit:g} MB, setting max_file_mb)",
                    )
                )
                return None
            file_sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            report.failed.append((key, f"cannot read: {exc.strerror or exc}"))
            return None
        existing = self.catalog.for_path(key)
        if same_chunking and existing and all(r.file_sha256 == file_sha for r in existing):
            report.unchanged += len(existing)
            report.outcomes[key] = "unchanged"
            return None
        try:
            loaded = load_file(path)
        except InputFileError as exc:
            report.failed.append((key, str(exc)))
            return None
        except Exception as exc:  # a parser bug must not abort the batch
            logger.exception("Unexpected error reading %s", path)
            report.failed.append((key, f"unexpected error: {exc}"))
            return None
        report.failed += [(key, problem) for problem in loaded.problems]
        keep: list[str] = []
        fresh = 0
        jobs_before = len(jobs)
        for article in loaded.articles:
            if len(article.text) > self.max_article_chars:
                report.failed.append((key, self._too_long(article)))
                continue
            article_id = article_id_for(article)
            if article_id in keep:
                report.failed.append((key, f"duplicate article id {article_id!r} skipped"))
                continue
            keep.append(article_id)
            record = self._record(article, article_id, key, file_sha)
            prior = self.catalog.get(article_id)
            if prior is not None and prior.content_sha256 == record.content_sha256:
                report.unchanged += 1
                if prior.source_path != key:
                    self.catalog.put(replace(prior, source_path=key))
                continue
            chunks = chunk_text(record.text, self.tokenizer, self.chunk_size, self.chunk_overlap)
            jobs.append(_Job(record, chunks))
            if prior is None:
                fresh += 1
            else:
                report.updated += 1
        if keep:
            report.outcomes[key] = "ingested" if len(jobs) > jobs_before else "unchanged"
            if loaded.problems or len(keep) < len(loaded.articles):
                report.outcomes[key] += ", with problems"
        stale = [r.id for r in existing if r.id not in keep]
        replaced = min(fresh, len(stale))  # an edited file's article gets a new content id
        report.added += fresh - replaced
        report.updated += replaced
        report.removed += len(stale) - replaced
        return _FilePlan(key, file_sha, keep, stale)

    def _too_long(self, article: LoadedArticle) -> str:
        return (
            f"article {article.title[:60]!r} is too long ({len(article.text):,} characters; "
            f"the limit is {self.max_article_chars:,}, setting max_article_chars)"
        )

    def _record(
        self, article: LoadedArticle, article_id: str, path: str, sha: str
    ) -> ArticleRecord:
        content = [article.text, article.title, article.source, article.url, article.date]
        content_sha = hashlib.sha256(json.dumps([*content, self.signature]).encode()).hexdigest()
        return ArticleRecord(
            id=article_id,
            title=article.title,
            source=article.source,
            url=article.url,
            date=article.date,
            source_path=path,
            file_sha256=sha,
            content_sha256=content_sha,
            chunks=0,
            text=article.text,
        )

    def _embed_and_write(self, jobs: list[_Job], report: IngestReport, progress: Progress) -> None:
        total = sum(len(job.chunks) for job in jobs)
        if not total:
            for job in jobs:  # articles with no passages still need their catalog row
                self._write(job, report)
            return
        embedder = self._embedder or self._embedder_factory()
        self._embedder = embedder
        progress.start(total)
        try:
            pending = [(job, chunk) for job in jobs for chunk in job.chunks]
            for i in range(0, len(pending), self.batch_size):
                batch = pending[i : i + self.batch_size]
                vectors = embedder.embed([chunk.text for _, chunk in batch])
                crash_point("embedded-batch")
                for (job, _), vector in zip(batch, vectors, strict=True):
                    job.vectors.append(vector)
                    if len(job.vectors) == len(job.chunks):
                        self._write(job, report)
                progress.advance(len(batch))
        finally:
            progress.finish()

    def _write(self, job: _Job, report: IngestReport) -> None:
        record = job.record
        ids = [chunk_id(record.id, chunk.index) for chunk in job.chunks]
        metadatas = [
            {
                "article_id": record.id,
                "chunk_index": chunk.index,
                "start": chunk.start,
                "end": chunk.end,
                "title": record.title,
                "source": record.source,
                "url": record.url,
                "date": record.date,
                "version": content_version(record.content_sha256),
            }
            for chunk in job.chunks
        ]
        self.store.upsert(ids, job.vectors, [c.text for c in job.chunks], metadatas)
        crash_point("stored-passages")
        self.store.delete_ids([i for i in self.store.chunk_ids(record.id) if i not in set(ids)])
        self.catalog.put(replace(record, chunks=len(ids)))
        crash_point("cataloged-article")
        self.catalog.bump_generation()
        report.chunks_written += len(ids)

    def reindex(self, progress: Progress | None = None) -> IngestReport:
        """Rebuild the passages and the keyword index from the article text in the catalog.

        The original files are not read: this works after they are gone.
        """
        began = time.perf_counter()
        report = IngestReport()
        with self.lock:
            self.catalog.set_meta(_WRITING_KEY, _writer())
            self.store.reset()
            jobs = [
                _Job(r, chunk_text(r.text, self.tokenizer, self.chunk_size, self.chunk_overlap))
                for r in self.catalog.all()
            ]
            self._embed_and_write(jobs, report, progress or _NoProgress())
            report.repaired = len(jobs)
            self.catalog.bump_generation()
            self.catalog.set_meta(_SIGNATURE_KEY, self.signature)
            self.catalog.delete_meta(_WRITING_KEY)
        if self.keyword is not None:
            self.keyword.rebuild()
        report.seconds = time.perf_counter() - began
        return report

    def remove(self, article_id: str) -> bool:
        """Delete an article's passages and its catalog row; False if it is unknown."""
        with self._writing():
            return self._remove(article_id)

    def _remove(self, article_id: str) -> bool:
        known = self.catalog.get(article_id) is not None
        self.catalog.delete(article_id)  # first: from here on its passages are invisible
        crash_point("uncataloged-article")
        self.store.delete_article(article_id)
        self.catalog.bump_generation()
        return known

    def prune(self) -> int:
        """Remove articles whose source file no longer exists."""
        with self._writing():
            return self._prune()

    def _prune(self) -> int:
        removed = 0
        for path in self.catalog.paths():
            if not Path(path).exists():
                for record in self.catalog.for_path(path):
                    removed += self._remove(record.id)
        return removed


def sort_passages(
    versions: dict[str, str], stored: dict[str, tuple[str, str | None]]
) -> tuple[list[str], Counter[str]]:
    """(ids of passages no catalogued article version owns, count of valid passages per article)."""
    orphans: list[str] = []
    present: Counter[str] = Counter()
    for chunk, (article, version) in stored.items():
        if version is not None and versions.get(article) == version:
            present[article] += 1
        else:
            orphans.append(chunk)
    return orphans, present


def _writer() -> str:
    """Who is writing: this machine and this process."""
    return f"{_HOST}:{os.getpid()}"


def catalog_lock_path(catalog: Catalog) -> Path:
    """The lock file beside a catalog's database file."""
    return catalog.path.with_suffix(".lock")
