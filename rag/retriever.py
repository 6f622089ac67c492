"""Finding the passages most likely to answer a question: dense, BM25, or both fused.

Dense retrieval finds paraphrases; BM25 finds the rare names and numbers that
news questions hinge on. Hybrid mode fuses the two rankings, then caps how many
passages one article may contribute so the model sees several sources.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from rag.embedding import Embedder
from rag.keyword import KeywordSearch
from rag.store import ChromaStore
from rag.types import Passage

Mode = Literal["dense", "bm25", "hybrid"]


@dataclass(frozen=True)
class Filters:
    """Only articles whose source contains ``source`` and dated within [since, until]."""

    source: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None

    def __bool__(self) -> bool:
        return any((self.source, self.since, self.until))


class Retriever(Protocol):
    def retrieve(self, question: str, k: int, filters: Filters | None = None) -> list[Passage]: ...


class HybridRetriever:
    """Dense and/or BM25 candidates, fused by reciprocal rank, with a per-article cap."""

    def __init__(
        self,
        store: ChromaStore,
        embedder: Embedder,
        keyword: KeywordSearch,
        allowed_articles: Callable[[Filters], set[str]],
        current_versions: Callable[[set[str]], dict[str, str]] | None = None,
        mode: Mode = "hybrid",
        depth: int = 30,
        rrf_k: int = 60,
        dense_weight: float = 1.0,
        per_article: int = 2,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.keyword = keyword
        self._allowed_articles = allowed_articles
        self._current_versions = current_versions
        self.mode = mode
        self.depth = depth
        self.rrf_k = rrf_k
        self.dense_weight = dense_weight
        self.per_article = per_article

    def retrieve(self, question: str, k: int, filters: Filters | None = None) -> list[Passage]:
        allowed = self._allowed_articles(filters) if filters else None
        depth = max(self.depth, 3 * k)
        [vector] = self.embedder.embed([question])  # also scores BM25-only passages
        dense = self.store.query(vector, depth, article_ids=allowed) if self.mode != "bm25" else []
        sparse = []
        if self.mode != "dense":
            sparse = self.keyword.current().search(question, depth, allowed)
        ranked = self._visible(self._fuse(dense, sparse, vector))
        return diversify(ranked, k, self.per_article)

    def _visible(self, passages: list[Passage]) -> list[Passage]:
        """Only passages of the article versions the catalog holds.

        An ingest that died between writing passages and recording them leaves
        passages no catalog row vouches for; they stay hidden until repaired.
        """
        if self._current_versions is None or not passages:
            return passages
        current = self._current_versions({p.doc_id for p in passages})
        return [p for p in passages if p.version is not None and current.get(p.doc_id) == p.version]

    def _fuse(
        self, dense: list[Passage], sparse: list[tuple[str, float]], vector: list[float]
    ) -> list[Passage]:
        """Reciprocal-rank fusion; every passage keeps its cosine similarity as its score."""
        if not sparse:
            return dense
        by_id = {p.chunk_id: p for p in dense}
        missing = [chunk for chunk, _ in sparse if chunk not in by_id]
        by_id |= {p.chunk_id: p for p in self.store.get(missing, query=vector)}
        if not dense:
            return [by_id[c] for c, _ in sparse if c in by_id]
        fused: dict[str, float] = {}
        for rank, passage in enumerate(dense):
            fused[passage.chunk_id] = self.dense_weight / (self.rrf_k + rank + 1)
        for rank, (chunk, _) in enumerate(sparse):
            fused[chunk] = fused.get(chunk, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        order = sorted((c for c in fused if c in by_id), key=lambda c: -fused[c])
        return [by_id[c] for c in order]


def diversify(ranked: list[Passage], k: int, per_article: int) -> list[Passage]:
    """The top ``k``, at most ``per_article`` from one article unless too few others remain."""
    chosen: list[Passage] = []
    held_back: list[Passage] = []
    counts: dict[str, int] = {}
    for passage in ranked:
        if len(chosen) == k:
            break
        if counts.get(passage.doc_id, 0) < per_article:
            chosen.append(passage)
            counts[passage.doc_id] = counts.get(passage.doc_id, 0) + 1
        else:
            held_back.append(passage)
    chosen += held_back[: k - len(chosen)]
    return chosen
