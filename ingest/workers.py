"""What an ingest worker does: read files into plans, cut and embed articles, store passages.

The functions here run in worker processes (``newsqa ingest --workers N``) or on
the workers of a Ray cluster (``--ray``); the one writer, which holds the
collection's lock, hands them work and records what they return. They read
the catalog but never change it, so the writer's order of writes (passages,
then the logged change and the catalog rows) and its crash safety stay whole.

A worker keeps its catalog connection, tokenizer and embedder between tasks, in
``_PARTS``: loading the model once per process, not once per task, is the point.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from ingest.planner import FilePlan, Planner
from rag.index.batch import IngestReport
from rag.index.catalog import ArticleRecord
from rag.index.connection import IndexConnection
from rag.index.embedding_check import CheckedEmbedder
from rag.index.embedding_jobs import EmbedJob
from rag.index.writer import IndexWriter
from rag.models.embedding import WordPieceTokenizer, load_embedder
from rag.settings import Settings

logger = logging.getLogger(__name__)

Sample = tuple[str, list[float]] | None  # a stored passage, for the embedding check


@dataclass(frozen=True)
class Stored:
    """Articles whose passages a cluster worker stored itself: the writer records them."""

    articles: list[tuple[ArticleRecord, int]]  # (record, passages)


_PARTS: dict[str, tuple[IndexWriter, Planner]] = {}


def _parts(settings: Settings, sample: Sample, stores: bool) -> tuple[IndexWriter, Planner]:
    """This process's writer parts for ``settings``, made at its first task."""
    key = f"{settings.model_dump_json()}|{stores}"
    if key not in _PARTS:
        _PARTS.clear()
        connection = IndexConnection(settings)
        catalog = connection.open_catalog()
        store = connection.open_store() if stores else None
        embedder = functools.cache(
            lambda: CheckedEmbedder(load_embedder(settings), catalog, lambda: sample)
        )
        writer = IndexWriter(
            store=store,
            catalog=catalog,
            keyword=None,
            tokenizer=functools.cache(WordPieceTokenizer),
            embedder=embedder,
            embedder_name=settings.embed_model,
            passage_size=settings.chunk_size,
            passage_overlap=settings.chunk_overlap,
            batch_size=settings.embed_batch_size,
        )
        limit = int(settings.max_file_mb * 1_000_000)
        _PARTS[key] = (writer, Planner(writer, limit, settings.max_article_chars))
    return _PARTS[key]


def plan_file(
    settings: Settings, sample: Sample, path: Path
) -> tuple[FilePlan | None, IngestReport]:
    """Read one file and decide which of its articles need writing (the extraction stage)."""
    report = IngestReport()
    _, planner = _parts(settings, sample, stores=False)
    planner.planned.clear()  # this process outlives the batch: each file is planned alone
    return planner.plan_file(path, report), report


def embed_articles(
    settings: Settings, sample: Sample, records: list[ArticleRecord], stores: bool
) -> list[EmbedJob] | Stored:
    """Cut and embed articles; with ``stores``, also write their passages to the server.

    A worker killed half-way has stored passages no catalog row names: nobody
    sees them, and the task run again overwrites them under the same ids.
    """
    writer, _ = _parts(settings, sample, stores)
    jobs = writer.embed(writer.jobs(records))
    if not stores:
        return jobs
    writer.store_passages(jobs)
    return Stored([(job.record, len(job.cuts)) for job in jobs])


def limit_threads(workers: int) -> None:
    """Share the machine's cores among the worker processes (a pool's initializer)."""
    import os

    import torch

    torch.set_num_threads(max(1, (os.cpu_count() or 1) // workers))
