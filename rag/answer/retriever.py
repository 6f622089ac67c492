"""Retrieval as a llama-index retriever: dense, BM25, or both fused, over visible passages.

``NewsRetriever`` is a llama-index ``BaseRetriever``: a llama-index user can put
it under their own query engine. It is cheap to build (the index parts it reads
are shared), so the answer service builds one per question with that question's
options.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from rag.answer.fusion import diversify, reciprocal_rank_fusion
from rag.index.catalog import Catalog
from rag.index.keyword import KeywordSearch
from rag.index.store import ChromaStore
from rag.index.stories import StoryIndex
from rag.models.embedding import Embedder
from rag.types import Filters, Passage, RetrieverMode

_BESIDE = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bm25")


class PassageSearch:
    """The parts of the index retrieval reads, shared by every retriever of a process."""

    def __init__(
        self,
        store: ChromaStore,
        keyword: KeywordSearch,
        catalog: Catalog,
        embedder: Callable[[], Embedder],
        stories: StoryIndex | None = None,
    ) -> None:
        self.store = store
        self.keyword = keyword
        self.catalog = catalog
        self.embedder = embedder
        self.stories = stories

    def story_of(self, passages: list[Passage]) -> dict[str, str]:
        """The story of each passage's article (articles not yet placed are left out)."""
        if self.stories is None:
            return {}
        return self.stories.current().stories_of({p.article_id for p in passages})

    def allowed_articles(self, filters: Filters) -> set[str] | None:
        if not filters:
            return None
        return self.catalog.article_ids(filters.source, filters.since, filters.until)

    def visible(self, passages: list[Passage]) -> list[Passage]:
        """Only passages of the article versions the catalog holds.

        An ingest that died between writing passages and recording them leaves
        passages no catalog row vouches for; they stay hidden until repaired.
        """
        if not passages:
            return passages
        current = self.catalog.versions({p.article_id for p in passages})
        return [
            p for p in passages if p.version is not None and current.get(p.article_id) == p.version
        ]


class NewsRetriever(BaseRetriever):
    """The ``depth`` best visible passages for a question, best first.

    With ``top_k``, only the ``top_k`` best are returned, at most ``per_article``
    from one article (the answer service leaves that to its own select stage).
    """

    def __init__(
        self,
        search: PassageSearch,
        mode: RetrieverMode = "hybrid",
        depth: int = 30,
        filters: Filters | None = None,
        rrf_k: int = 60,
        dense_weight: float = 1.0,
        top_k: int | None = None,
        per_article: int = 2,
    ) -> None:
        super().__init__()
        self.search = search
        self.mode = mode
        self.depth = depth
        self.filters = filters or Filters()
        self.rrf_k = rrf_k
        self.dense_weight = dense_weight
        self.top_k = top_k
        self.per_article = per_article

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        ranked = self.passages(query_bundle.query_str)
        if self.top_k is not None:
            story_of = self.search.story_of(ranked)
            ranked = diversify(ranked, self.top_k, self.per_article, story_of)
        return [passage_node(p) for p in ranked]

    def passages(self, question: str) -> list[Passage]:
        allowed = self.search.allowed_articles(self.filters)
        store = self.search.store
        keyword = None
        if self.mode != "dense":  # BM25 runs beside the question's embedding and dense search
            index = self.search.keyword.current()
            keyword = _BESIDE.submit(index.search, question, self.depth, allowed)
        [vector] = self.search.embedder().embed([question])  # also scores BM25-only passages
        dense = store.query(vector, self.depth, article_ids=allowed) if self.mode != "bm25" else []
        keyword_ids = [passage_id for passage_id, _ in keyword.result()] if keyword else []
        fused = reciprocal_rank_fusion(
            dense,
            keyword_ids,
            lambda ids: store.get(ids, query=vector),
            self.rrf_k,
            self.dense_weight,
        )
        return self.search.visible(fused)


def passage_node(passage: Passage) -> NodeWithScore:
    """A passage as llama-index sees it: its text, and every other field as metadata."""
    metadata = passage.model_dump(exclude={"text", "score"}) | {"version": passage.version}
    shown = {"title", "source", "date"}  # what a llama-index prompt shows of the metadata
    node = TextNode(
        id_=passage.passage_id,
        text=passage.text,
        metadata=metadata,
        excluded_llm_metadata_keys=[key for key in metadata if key not in shown],
        excluded_embed_metadata_keys=list(metadata),
    )
    return NodeWithScore(node=node, score=passage.score)


def node_passage(node: NodeWithScore) -> Passage:
    return Passage(text=node.node.get_content(), score=node.score or 0.0, **node.node.metadata)
