"""Ingest: files in, articles for the index writer out, incrementally.

A file whose bytes are unchanged since the last ingest is not even parsed; an
article whose content is unchanged is not written again. The plan is made under
the writer's lock, so it always reflects the catalog it is applied to.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.loaders import SUPPORTED_SUFFIXES, LoadedArticle, load_file
from rag.app import Newsqa
from rag.errors import InputFileError
from rag.index.batch import IngestReport, NewArticle, NoProgress, Progress
from rag.index.catalog import ArticleRecord
from rag.index.crashpoints import crash_point
from rag.index.writer import SIGNATURE_KEY, IndexWriter

logger = logging.getLogger(__name__)


@dataclass
class FilePlan:
    """What one file changes: the articles to write, and the ones it no longer holds."""

    path: str
    file_sha: str
    write: list[ArticleRecord]
    keep_ids: list[str]  # articles of this file after the ingest
    stale_ids: list[str]  # articles this file used to hold and no longer does


FileWriter = Callable[[Newsqa, list[Path], IngestReport, Progress], None]


def ingest_files(
    app: Newsqa,
    paths: Iterable[Path],
    prune: bool = False,
    progress: Progress | None = None,
    write_files: FileWriter | None = None,
) -> IngestReport:
    """Bring the collection in step with ``paths`` (files and folders).

    ``write_files`` plans and writes the files inside the writer's transaction:
    by default in this process; ``ingest.parallel`` spreads it over workers.
    """
    began = time.perf_counter()
    report = IngestReport()
    progress = progress or NoProgress()
    writer = app.writer
    with writer.transaction(report, progress):
        files, report.failed = discover(paths)
        (write_files or plan_and_write)(app, files, report, progress)
        writer.catalog.set_meta(SIGNATURE_KEY, writer.signature)
        if prune:
            report.removed += prune_missing(writer)
    writer.refresh_derived_indexes()
    report.seconds = time.perf_counter() - began
    return report


def plan_and_write(app: Newsqa, files: list[Path], report: IngestReport, progress: Progress):
    """Plan every file, then write what the plans say, all in this process."""
    planner = Planner.for_app(app)
    plans = []
    for path in files:
        plan = planner.plan_file(path, report)
        if plan is not None:
            plans.append(plan)
        crash_point("parsed-file")
    apply_plans(app.writer, plans, report, progress)


def apply_plans(
    writer: IndexWriter, plans: list[FilePlan], report: IngestReport, progress: Progress
) -> None:
    """Write what the plans say (inside the writer's transaction): new passages, then rows."""
    writer.store_records([r for plan in plans for r in plan.write], report, progress)
    for plan in plans:
        finish_plan(writer, plan)
    writer.catalog.set_meta(SIGNATURE_KEY, writer.signature)


def finish_plan(writer: IndexWriter, plan: FilePlan) -> None:
    """Once a file's articles are written: drop those it no longer holds, note its hash."""
    for stale in plan.stale_ids:
        writer.remove_in_transaction(stale)
    crash_point("before-file-hash")
    writer.catalog.set_file_sha(plan.keep_ids, plan.file_sha)


def prune_missing(writer: IndexWriter) -> int:
    """Remove articles whose source file no longer exists (inside the writer's transaction)."""
    removed = 0
    for path in writer.catalog.paths():
        if path and not Path(path).exists():
            for record in writer.catalog.for_path(path):
                removed += writer.remove_in_transaction(record.id)
    return removed


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


class Planner:
    """Decides, file by file, which articles need writing."""

    def __init__(self, writer: IndexWriter, max_file_bytes: int, max_article_chars: int) -> None:
        self.writer = writer
        self.catalog = writer.catalog
        self.same_cutting = writer.same_cutting
        self.max_file_bytes = max_file_bytes
        self.max_article_chars = max_article_chars
        self.planned: dict[str, str] = {}  # article id -> the file of this batch writing it

    @classmethod
    def for_app(cls, app: Newsqa) -> Planner:
        settings = app.settings
        return cls(app.writer, int(settings.max_file_mb * 1_000_000), settings.max_article_chars)

    def plan_file(self, path: Path, report: IngestReport) -> FilePlan | None:
        """Decide what to do with one file; records its outcome in ``report.outcomes``."""
        key = str(path)
        report.outcomes[key] = "failed"  # until shown otherwise
        try:
            size = path.stat().st_size
            if size > self.max_file_bytes:
                limit = self.max_file_bytes / 1e6
                reason = f"file too large ({size / 1e6:.1f} MB; the limit is {limit:g} MB, "
                report.failed.append((key, reason + "setting max_file_mb)"))
                return None
            file_sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            report.failed.append((key, f"cannot read: {exc.strerror or exc}"))
            return None
        existing = self.catalog.for_path(key)
        if self.same_cutting and existing and all(r.file_sha256 == file_sha for r in existing):
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
        return self.plan_articles(key, file_sha, loaded.articles, existing, report)

    def plan_articles(
        self,
        key: str,
        file_sha: str,
        articles: list[LoadedArticle],
        existing: list[ArticleRecord],
        report: IngestReport,
    ) -> FilePlan:
        keep: list[str] = []
        write: list[ArticleRecord] = []
        fresh = 0
        copies: list[str] = []  # the files that hold the articles this one copies
        for article in articles:
            if len(article.text) > self.max_article_chars:
                report.failed.append((key, self._too_long(article)))
                continue
            article_id = article_id_for(article)
            if article_id in keep:
                report.failed.append((key, f"duplicate article id {article_id!r} skipped"))
                continue
            prior = self.catalog.get(article_id)
            holder = self.planned.get(article_id) or _holder(prior, key)
            if holder is not None:  # already in, from another file
                report.unchanged += 1
                copies.append(Path(holder).name)
                continue
            keep.append(article_id)
            record = self.writer.record(_new_article(article, article_id, key, file_sha))
            if prior is not None and prior.content_sha256 == record.content_sha256:
                report.unchanged += 1
                if prior.source_path != key:
                    self.catalog.put(replace(prior, source_path=key))
                continue
            write.append(record)
            self.planned[article_id] = key
            if prior is None:
                fresh += 1
            else:
                report.updated += 1
        if keep:
            report.outcomes[key] = "ingested" if write else "unchanged"
            if len(keep) < len(articles) or any(name == key for name, _ in report.failed):
                report.outcomes[key] += ", with problems"
        elif copies:
            report.outcomes[key] = f"unchanged: the same article as {copies[0]}"
        stale = [r.id for r in existing if r.id not in keep]
        replaced = min(fresh, len(stale))  # an edited file's article gets a new content id
        report.added += fresh - replaced
        report.updated += replaced
        report.removed += len(stale) - replaced
        return FilePlan(key, file_sha, write, keep, stale)

    def _too_long(self, article: LoadedArticle) -> str:
        return (
            f"article {article.title[:60]!r} is too long ({len(article.text):,} characters; "
            f"the limit is {self.max_article_chars:,}, setting max_article_chars)"
        )


def _holder(prior: ArticleRecord | None, key: str) -> str | None:
    """The other file that still holds ``prior`` unchanged, when it does: a second file
    with the same article is a copy, not the article's new home."""
    if prior is None or not prior.source_path or prior.source_path == key:
        return None
    try:
        held = hashlib.sha256(Path(prior.source_path).read_bytes()).hexdigest()
    except OSError:
        return None  # moved or removed: the article moves with it
    return prior.source_path if held == prior.file_sha256 else None


def _new_article(article: LoadedArticle, article_id: str, path: str, sha: str) -> NewArticle:
    return NewArticle(
        id=article_id,
        text=article.text,
        title=article.title,
        source=article.source,
        url=article.url,
        date=article.date,
        source_path=path,
        file_sha256=sha,
    )
