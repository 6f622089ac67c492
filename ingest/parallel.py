"""Ingest spread over workers: many read and embed, one writes.

``newsqa ingest --workers N`` runs N worker processes on this machine;
``--ray ADDRESS`` runs the same pipeline on the workers of a Ray cluster. Each
file is read and planned by a worker (the extraction stage); the articles a
plan must write go out again in chunks to be cut and embedded (the embedding
stage), so reading later files overlaps embedding earlier ones. The writer
holds the collection's lock throughout and stores what comes back: passages
(on this machine), then the logged change and the catalog rows.

On Ray the workers store their passages on the Chroma server themselves, so
the bulk of the writing is spread too, and the writer records them. A worker
killed mid-chunk loses nothing: Ray runs the chunk again and the passages are
overwritten under the same ids; if the whole ingest dies, the write mark makes
the next writer repair, as after any crash.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ingest.planner import FilePlan, FileWriter, finish_plan
from ingest.workers import Stored, embed_articles, limit_threads, plan_file
from rag.app import Newsqa
from rag.errors import NewsqaError
from rag.index.batch import IngestReport, Progress
from rag.index.catalog import ArticleRecord
from rag.settings import Settings

CHUNK_CHARACTERS = 150_000  # about two embedding windows of passages per task
RAY_RETRIES = 3  # a chunk whose worker died is run again this often
_RAY_ENVIRONMENT = ("NEWSQA_CRASH_", "HF_", "TRANSFORMERS_")


def file_writer(settings: Settings) -> FileWriter | None:
    """The parallel pipeline when the settings ask for one (workers or a Ray cluster)."""
    if settings.ray_address is None and settings.ingest_workers <= 1:
        return None
    return write_in_parallel


def write_in_parallel(
    app: Newsqa, files: list[Path], report: IngestReport, progress: Progress
) -> None:
    """Plan, embed and write ``files`` on workers (inside the writer's transaction)."""
    settings, writer = app.settings, app.writer
    sample = app.store.sample()  # workers check their embedder against it, never open Chroma
    on_cluster = settings.ray_address is not None
    with _pool(settings) as pool:
        pending: dict[Future, FilePlan | None] = {
            pool.submit(plan_file, settings, sample, path): None for path in files
        }
        chunks_left: dict[int, int] = {}
        progress.start(None)
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    plan = pending.pop(future)
                    if plan is None:  # a file was read: embed what its plan writes
                        plan, part = future.result()
                        report.merge(part)
                        if plan is None:
                            continue
                        chunks = _chunks(plan.write)
                        chunks_left[id(plan)] = len(chunks)
                        for chunk in chunks:
                            args = (settings, sample, chunk, on_cluster)
                            pending[pool.submit(embed_articles, *args)] = plan
                    else:
                        result = future.result()
                        if isinstance(result, Stored):
                            writer.record_jobs(result.articles, report)
                            progress.advance(sum(count for _, count in result.articles))
                        else:
                            writer.write_jobs(result, report)
                            progress.advance(sum(len(job.cuts) for job in result))
                        chunks_left[id(plan)] -= 1
                    if chunks_left[id(plan)] == 0:
                        finish_plan(writer, plan)
        finally:
            progress.finish()


def _chunks(records: list[ArticleRecord]) -> list[list[ArticleRecord]]:
    chunks: list[list[ArticleRecord]] = []
    size = CHUNK_CHARACTERS
    for record in records:
        if size >= CHUNK_CHARACTERS:
            chunks.append([])
            size = 0
        chunks[-1].append(record)
        size += len(record.text)
    return chunks


@contextmanager
def _pool(settings: Settings) -> Iterator[Any]:
    """Worker processes on this machine, or a Ray cluster; either has ``submit``."""
    if settings.ray_address is None:
        workers = settings.ingest_workers
        context = multiprocessing.get_context("spawn")  # no copy of this process's threads
        with ProcessPoolExecutor(workers, context, limit_threads, (workers,)) as pool:
            yield pool
        return
    with _ray(settings) as pool:
        yield pool


class _RayPool:
    """Tasks on a Ray cluster, seen as futures; each is run again if its worker dies."""

    def __init__(self, ray: Any) -> None:
        self._ray = ray
        self._remote: dict[Any, Any] = {}

    def submit(self, function: Any, *args: Any) -> Future:
        if function not in self._remote:
            self._remote[function] = self._ray.remote(max_retries=RAY_RETRIES)(function)
        return self._remote[function].remote(*args).future()


@contextmanager
def _ray(settings: Settings) -> Iterator[_RayPool]:
    if settings.vector_store.mode != "server":
        raise NewsqaError(
            "An ingest on Ray needs a Chroma server every worker can reach: set "
            "vector_store.mode = server (NEWSQA_VECTOR_STORE__MODE=server) and its host."
        )
    try:
        import ray
    except ImportError:
        raise NewsqaError("Ray is not installed: run `pip install 'newsqa[ray]'`.") from None
    passed = {k: v for k, v in os.environ.items() if k.startswith(_RAY_ENVIRONMENT)}
    where: dict[str, Any] = {"address": settings.ray_address}
    if settings.ray_address == "local":  # a Ray of this machine, reached on loopback only
        where = {"address": None, "_node_ip_address": "127.0.0.1"}
    ray.init(
        **where,
        runtime_env={"env_vars": passed},
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
    )
    try:
        yield _RayPool(ray)
    finally:
        ray.shutdown()
