"""Articles cut into passages and embedded, a window at a time, ready for the index writer.

Cutting and embedding read no index and take no lock, so they run wherever the
CPU is: in the writing process, in worker processes (``newsqa ingest --workers``)
or on the workers of a Ray cluster, while one writer stores what they return.
A window of ``batch_size * BATCHES_PER_WINDOW`` passages goes to the embedder in
one call (the local model sorts it by length, so batches pad less), and a
passage text that occurs twice in a window (a syndicated copy, a repeated
boilerplate paragraph) is embedded once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rag.index.catalog import ArticleRecord
from rag.index.crashpoints import crash_point
from rag.index.passages import PassageCut, cut_passages
from rag.models.embedding import Embedder, Tokenizer

BATCHES_PER_WINDOW = 8


@dataclass
class EmbedJob:
    """An article to (re-)embed: its passages and, once embedded, one vector each."""

    record: ArticleRecord
    cuts: list[PassageCut]
    vectors: list[list[float]] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return len(self.vectors) == len(self.cuts)


def cut_jobs(
    records: Iterable[ArticleRecord], tokenizer: Tokenizer, size: int, overlap: int
) -> list[EmbedJob]:
    return [EmbedJob(r, cut_passages(r.text, tokenizer, size, overlap)) for r in records]


def embed_windows(
    jobs: list[EmbedJob], embedder: Embedder, window: int
) -> Iterator[tuple[list[EmbedJob], int]]:
    """Embed the jobs' passages; after each window, the jobs it finished and its passage count.

    Jobs without passages are finished at once, in the first window.
    """
    finished = [job for job in jobs if not job.cuts]
    pending = [(job, cut) for job in jobs for cut in job.cuts]
    if not pending:
        yield finished, 0
        return
    for start in range(0, len(pending), window):
        batch = pending[start : start + window]
        unique = list(dict.fromkeys(cut.text for _, cut in batch))
        vector_of = dict(zip(unique, embedder.embed(unique), strict=True))
        crash_point("embedded-batch")
        for job, cut in batch:
            job.vectors.append(vector_of[cut.text])
            if job.done:
                finished.append(job)
        yield finished, len(batch)
        finished = []


def embed_all(jobs: list[EmbedJob], embedder: Embedder, window: int) -> list[EmbedJob]:
    """Every job embedded (what a worker does before handing its jobs to the writer)."""
    for _ in embed_windows(jobs, embedder, window):
        pass
    return jobs
