"""Writing articles into the index: passages first, catalog row last, one writer at a time.

An article's passages are stored under deterministic ids that carry its content
version, then its catalog row is written; a passage no catalog row vouches for
is never shown. The writer holds the collection's lock and marks the catalog
while it works: if it dies, the next writer finds the mark and repairs first,
deleting passages no catalog row vouches for and re-embedding (from the text
the catalog keeps) any article whose passages are incomplete. Articles come
from files (``ingest``) or from memory (evaluation corpora).
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from rag.index.batch import IngestReport, NewArticle, NoProgress, Progress, article_record
from rag.index.catalog import EVERYTHING, ArticleRecord, Catalog, content_version
from rag.index.crashpoints import crash_point
from rag.index.embedding_check import EMBEDDING_KEY
from rag.index.embedding_jobs import (
    BATCHES_PER_WINDOW,
    EmbedJob,
    cut_jobs,
    embed_all,
    embed_windows,
)
from rag.index.keyword import KeywordSearch
from rag.index.lock import WriteLock
from rag.index.shared_lock import SharedWriteLock
from rag.index.store import ChromaStore, passage_id
from rag.index.stories import StoryIndex
from rag.index.visibility import passage_metadata, sort_passages
from rag.models.embedding import Embedder, Tokenizer

logger = logging.getLogger(__name__)

SIGNATURE_KEY = "chunking"
WRITING_KEY = "write_in_progress"  # set while a writer works; left behind if it dies
_HOST = socket.gethostname()


class IndexWriter:
    """Adds, updates, removes and repairs the articles of one collection."""

    def __init__(
        self,
        store: ChromaStore,
        catalog: Catalog,
        keyword: KeywordSearch | None,
        tokenizer: Callable[[], Tokenizer],
        embedder: Callable[[], Embedder],
        embedder_name: str,
        passage_size: int,
        passage_overlap: int,
        batch_size: int = 32,
        lock: WriteLock | SharedWriteLock | None = None,
        stories: StoryIndex | None = None,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.keyword = keyword
        self.stories = stories
        self._tokenizer = tokenizer
        self._embedder = embedder
        self.passage_size = passage_size
        self.passage_overlap = passage_overlap
        self.batch_size = batch_size
        self.lock = lock or WriteLock(lock_path(catalog), timeout=300)
        self.signature = f"{embedder_name}|size={passage_size}|overlap={passage_overlap}|v2"

    @property
    def same_cutting(self) -> bool:
        """The collection's passages were cut the way this writer cuts them."""
        return self.catalog.get_meta(SIGNATURE_KEY) == self.signature

    def record(self, article: NewArticle) -> ArticleRecord:
        """The catalog record of ``article``; its content hash covers how it is cut."""
        return article_record(article, self.signature)

    def add(self, articles: Iterable[NewArticle], progress: Progress | None = None) -> IngestReport:
        """Store articles given in memory; unchanged ones cost nothing."""
        began = time.perf_counter()
        report = IngestReport()
        with self.transaction(report, progress):
            changed = []
            for article in articles:
                record = self.record(article)
                prior = self.catalog.get(record.id)
                if prior is not None and prior.content_sha256 == record.content_sha256:
                    report.unchanged += 1
                    continue
                report.added += prior is None
                report.updated += prior is not None
                changed.append(record)
            self.store_records(changed, report, progress or NoProgress())
            self.catalog.set_meta(SIGNATURE_KEY, self.signature)
        self.refresh_derived_indexes()
        report.seconds = time.perf_counter() - began
        return report

    @contextmanager
    def transaction(
        self, report: IngestReport | None = None, progress: Progress | None = None
    ) -> Iterator[None]:
        """Hold the write lock; repair first if the last writer died; mark the catalog meanwhile.

        The mark is cleared only when the block finishes: after an exception or a
        crash it stays, and the next writer repairs before it writes.
        """
        with self.lock:
            if self._wait_for_other_hosts() is not None:
                logger.warning("The last change to the index was interrupted; repairing it")
                repaired = self.repair(progress or NoProgress())
                if report is not None:
                    report.repaired += repaired
            self.catalog.set_meta(WRITING_KEY, _writer())
            yield
            self.catalog.delete_meta(WRITING_KEY)

    def _wait_for_other_hosts(self) -> str | None:
        """The mark of an unfinished write, once no live writer can be behind it.

        A mark from this machine is a dead process's: the lock file is ours. On a
        shared Chroma server the mark may be another machine's, still writing; it
        is given the lock timeout to finish before it is taken as interrupted.
        """
        if self.lock.store_wide:  # every live writer takes the lock first: the mark is a crash
            return self.catalog.get_meta(WRITING_KEY)
        deadline = time.monotonic() + self.lock.timeout
        while (mark := self.catalog.get_meta(WRITING_KEY)) is not None:
            if mark.rpartition(":")[0] in ("", _HOST) or time.monotonic() >= deadline:
                return mark
            time.sleep(1)
        return None

    def repair(self, progress: Progress) -> int:
        """Make the store agree with the catalog; returns how many articles were re-embedded.

        Passages whose article is not in the catalog, or that belong to another
        version of it, are deleted; articles whose passages are then incomplete
        are re-cut and re-embedded from the text the catalog keeps.
        """
        stored = self.store.passage_versions()
        orphans, present = sort_passages(self.catalog.versions(), stored)
        self.store.delete_ids(orphans)
        self.catalog.log_changes({stored[orphan][0] for orphan in orphans})
        incomplete = [r for r in self.catalog.all() if present[r.id] != r.passages]
        self._embed_and_write(self.jobs(incomplete), IngestReport(), progress)
        if orphans or incomplete:
            self.catalog.bump_generation()
        return len(incomplete)

    def refresh_derived_indexes(self) -> None:
        """Bring the BM25 index and the stories up to date now, so no question has to wait."""
        if self.keyword is not None:
            self.keyword.current()
        if self.stories is not None:
            self.stories.up_to_date()

    def store_records(
        self, records: list[ArticleRecord], report: IngestReport, progress: Progress
    ) -> None:
        """Cut, embed and write articles (inside a transaction)."""
        self._embed_and_write(self.jobs(records), report, progress)

    def jobs(self, records: Iterable[ArticleRecord]) -> list[EmbedJob]:
        """The articles cut into passages, as this collection cuts them."""
        return cut_jobs(records, self._tokenizer(), self.passage_size, self.passage_overlap)

    @property
    def window(self) -> int:
        """Passages per embedding call."""
        return self.batch_size * BATCHES_PER_WINDOW

    def _embed_and_write(self, jobs: list[EmbedJob], report: IngestReport, progress: Progress):
        total = sum(len(job.cuts) for job in jobs)
        embedder = self._embedder() if total else None
        progress.start(total)
        try:
            for finished, count in embed_windows(jobs, embedder, self.window):
                self.write_jobs(finished, report)
                progress.advance(count)
        finally:
            progress.finish()

    def embed(self, jobs: list[EmbedJob]) -> list[EmbedJob]:
        """Every job embedded, in windows (what a worker does before the writes)."""
        return embed_all(jobs, self._embedder(), self.window)

    def write_jobs(self, jobs: list[EmbedJob], report: IngestReport) -> None:
        """Store embedded articles: their passages, then the change and their catalog rows."""
        if jobs:
            self.store_passages(jobs)
            self.record_jobs([(job.record, len(job.cuts)) for job in jobs], report)

    def store_passages(self, jobs: list[EmbedJob]) -> None:
        """Write the jobs' passages and delete what their articles' older versions left.

        Passages are visible only once the article's catalog row names their
        version (``record_jobs``): until then, or if the process dies first, no
        question sees them and the next writer deletes them. Workers of a
        cluster call this themselves; the one writer then records what they stored.
        """
        ids, vectors, texts, metadatas = [], [], [], []
        for job in jobs:
            record = job.record
            version = content_version(record.content_sha256)
            for cut, vector in zip(job.cuts, job.vectors, strict=True):
                ids.append(passage_id(record.id, cut.index))
                vectors.append(vector)
                texts.append(cut.text)
                metadatas.append(passage_metadata(record, cut, version))
        self.store.upsert(ids, vectors, texts, metadatas)
        for _ in jobs:
            crash_point("stored-passages")
        kept = set(ids)
        leftovers = self.store.passage_ids_of([job.record.id for job in jobs])
        self.store.delete_ids([i for i in leftovers if i not in kept])

    def record_jobs(self, stored: list[tuple[ArticleRecord, int]], report: IngestReport) -> None:
        """Make stored articles visible: log the change, then write each catalog row.

        The change is logged before the rows, so no process that follows the log
        misses an article that became visible.
        """
        self.catalog.log_changes([record.id for record, _ in stored])
        self.catalog.put_many([replace(record, passages=n) for record, n in stored])
        for _ in stored:
            crash_point("cataloged-article")
        self.catalog.bump_generation()
        report.passages_written += sum(passages for _, passages in stored)

    def reindex(self, progress: Progress | None = None) -> IngestReport:
        """Rebuild the passages and the keyword index from the article text in the catalog.

        The original files are not read: this works after they are gone.
        """
        began = time.perf_counter()
        report = IngestReport()
        with self.lock:
            self.catalog.set_meta(WRITING_KEY, _writer())
            self.store.reset()
            self.catalog.delete_meta(EMBEDDING_KEY)  # the new vectors set the record
            jobs = self.jobs(self.catalog.all())
            self._embed_and_write(jobs, report, progress or NoProgress())
            report.repaired = len(jobs)
            self.catalog.log_changes([EVERYTHING])
            self.catalog.bump_generation()
            self.catalog.set_meta(SIGNATURE_KEY, self.signature)
            self.catalog.delete_meta(WRITING_KEY)
        self.refresh_derived_indexes()  # the generation changed: both are rebuilt
        report.seconds = time.perf_counter() - began
        return report

    def remove(self, article_id: str) -> bool:
        """Delete an article's passages and its catalog row; False if it is unknown."""
        with self.transaction():
            return self.remove_in_transaction(article_id)

    def remove_in_transaction(self, article_id: str) -> bool:
        known = self.catalog.get(article_id) is not None
        self.catalog.delete(article_id)  # first: from here on its passages are invisible
        crash_point("uncataloged-article")
        self.store.delete_article(article_id)
        self.catalog.log_changes([article_id])
        self.catalog.bump_generation()
        return known


def _writer() -> str:  # who is writing: this machine and this process
    return f"{_HOST}:{os.getpid()}"


def lock_path(catalog: Catalog) -> Path:  # the lock file beside a catalog's database file
    return catalog.path.with_suffix(".lock")
