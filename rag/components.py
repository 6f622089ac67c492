"""Building the parts of newsqa from the settings: one place that wires backends together."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rag.answer import AnswerService
from rag.catalog import Catalog
from rag.embedding import Embedder, SentenceTransformerEmbedder
from rag.keyword import KeywordSearch
from rag.llm import ChatModel, load_chat_model
from rag.retriever import HybridRetriever
from rag.settings import Settings
from rag.shared_catalog import ChromaCatalog
from rag.store import ChromaStore, connect_server

_server_clients: dict[tuple[str, str | None], Any] = {}


def _server_client(settings: Settings) -> Any:
    """One client per Chroma server and process, connected on first use."""
    server = settings.vector_store
    key = (server.url, server.token)
    if key not in _server_clients:
        _server_clients[key] = connect_server(server)
    return _server_clients[key]


def open_store(settings: Settings) -> ChromaStore:
    if settings.vector_store.mode == "server":
        return ChromaStore(_server_client(settings), settings.collection)
    return ChromaStore(settings.chroma_dir, settings.collection)


def open_catalog(settings: Settings) -> Catalog | ChromaCatalog:
    """The article catalog: a SQLite file in DATA_DIR, or on the Chroma server in server mode."""
    if settings.vector_store.mode == "server":
        return ChromaCatalog(_server_client(settings), settings.collection, settings.catalog_path)
    return Catalog(settings.catalog_path)


def load_embedder(settings: Settings) -> Embedder:
    return SentenceTransformerEmbedder(batch_size=settings.embed_batch_size)


def open_keyword_search(settings: Settings, store: ChromaStore, catalog: Catalog) -> KeywordSearch:
    return KeywordSearch(settings.keyword_dir, store, catalog)


def build_retriever(
    settings: Settings, store: ChromaStore | None = None, embedder: Embedder | None = None
) -> HybridRetriever:
    store = store or open_store(settings)
    catalog = open_catalog(settings)
    return HybridRetriever(
        store,
        embedder or load_embedder(settings),
        open_keyword_search(settings, store, catalog),
        allowed_articles=lambda f: catalog.article_ids(f.source, f.since, f.until),
        current_versions=catalog.versions,
        mode=settings.retriever,
        depth=settings.retrieval_depth,
        rrf_k=settings.rrf_k,
        dense_weight=settings.dense_weight,
        per_article=settings.max_per_article,
    )


def build_answer_service(
    settings: Settings,
    store: ChromaStore | None = None,
    embedder: Embedder | None = None,
    chat_model: Callable[[], ChatModel] | None = None,
) -> AnswerService:
    """The answer service over the configured index and LLM (the LLM loads on first use)."""
    embedder = embedder or load_embedder(settings)
    return AnswerService(
        build_retriever(settings, store, embedder),
        embedder,
        chat_model=chat_model or (lambda: load_chat_model(settings)),
        settings=settings,
    )
