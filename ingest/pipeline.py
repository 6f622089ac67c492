"""Ingest: files in, passages in the index out, incrementally.

A file whose bytes are unchanged since the last ingest is not even parsed; an
article whose content is unchanged is not embedded again. Writes go passages
first, catalog row last, under deterministic chunk ids, so a crash at any point
leaves nothing a re-run will not overwrite or clean up.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from ingest.chunk import Chunk, chunk_text
from ingest.loaders import SUPPORTED_SUFFIXES, LoadedArticle, load_file
from rag.catalog import ArticleRecord, Catalog
from rag.embedding import Embedder, Tokenizer
from rag.errors import InputFileError
from rag.keyword import KeywordSearch
from rag.store import ChromaStore, chunk_id

logger = logging.getLogger(__name__)

_SIGNATURE_KEY = "chunking"


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
    chunks_written: int = 0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file or record, reason)

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
        self.signature = f"{embedder_name}|size={chunk_size}|overlap={chunk_overlap}|v1"

    def ingest(
        self, paths: Iterable[Path], prune: bool = False, progress: Progress | None = None
    ) -> IngestReport:
        began = time.perf_counter()
        report = IngestReport()
        files, report.failed = discover(paths)
        same_chunking = self.catalog.get_meta(_SIGNATURE_KEY) == self.signature
        jobs: list[_Job] = []
        plans: list[_FilePlan] = []
        for path in files:
            plan = self._plan_file(path, same_chunking, jobs, report)
            if plan is not None:
                plans.append(plan)
        self._embed_and_write(jobs, report, progress or _NoProgress())
        for plan in plans:
            for stale in plan.stale_ids:
                self.remove(stale)
            self.catalog.set_file_sha(plan.keep_ids, plan.file_sha)
        self.catalog.set_meta(_SIGNATURE_KEY, self.signature)
        if prune:
            report.removed += self.prune()
        self.refresh_keyword_index()
        report.seconds = time.perf_counter() - began
        return report

    def refresh_keyword_index(self) -> None:
        """Rebuild the BM25 index now if the collection changed, so no query has to wait."""
        if self.keyword is not None:
            self.keyword.current()

    def _plan_file(
        self, path: Path, same_chunking: bool, jobs: list[_Job], report: IngestReport
    ) -> _FilePlan | None:
        key = str(path)
        try:
            file_sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            report.failed.append((key, f"cannot read: {exc.strerror or exc}"))
            return None
        existing = self.catalog.for_path(key)
        if same_chunking and existing and all(r.file_sha256 == file_sha for r in existing):
            report.unchanged += len(existing)
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
        for article in loaded.articles:
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
        stale = [r.id for r in existing if r.id not in keep]
        replaced = min(fresh, len(stale))  # an edited file's article gets a new content id
        report.added += fresh - replaced
        report.updated += replaced
        report.removed += len(stale) - replaced
        return _FilePlan(key, file_sha, keep, stale)

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
            }
            for chunk in job.chunks
        ]
        self.store.upsert(ids, job.vectors, [c.text for c in job.chunks], metadatas)
        self.store.delete_ids([i for i in self.store.chunk_ids(record.id) if i not in set(ids)])
        self.catalog.put(replace(record, chunks=len(ids)))
        self.catalog.bump_generation()
        report.chunks_written += len(ids)

    def remove(self, article_id: str) -> bool:
        """Delete an article's passages and its catalog row; False if it is unknown."""
        known = self.catalog.get(article_id) is not None
        self.store.delete_article(article_id)
        self.catalog.delete(article_id)
        self.catalog.bump_generation()
        return known

    def prune(self) -> int:
        """Remove articles whose source file no longer exists."""
        removed = 0
        for path in self.catalog.paths():
            if not Path(path).exists():
                for record in self.catalog.for_path(path):
                    removed += self.remove(record.id)
        return removed
