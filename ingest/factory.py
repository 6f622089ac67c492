"""Building an :class:`Ingestor` for the configured collection."""

from __future__ import annotations

from collections.abc import Callable

from ingest.pipeline import Ingestor, catalog_lock_path
from rag.components import load_embedder, open_catalog, open_keyword_search, open_store
from rag.embedding import EMBEDDING_MODEL_NAME, Embedder, Tokenizer, WordPieceTokenizer
from rag.lock import WriteLock
from rag.settings import Settings


def build_ingestor(
    settings: Settings,
    embedder_factory: Callable[[], Embedder] | None = None,
    tokenizer: Tokenizer | None = None,
) -> Ingestor:
    """The embedding model is only loaded if something actually needs embedding."""
    store = open_store(settings)
    catalog = open_catalog(settings)
    return Ingestor(
        store=store,
        catalog=catalog,
        keyword=open_keyword_search(settings, store, catalog),
        tokenizer=tokenizer or WordPieceTokenizer(),
        embedder_factory=embedder_factory or (lambda: load_embedder(settings)),
        embedder_name=EMBEDDING_MODEL_NAME,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        batch_size=settings.embed_batch_size,
        lock=WriteLock(catalog_lock_path(catalog), settings.lock_timeout),
        max_file_bytes=int(settings.max_file_mb * 1_000_000),
        max_article_chars=settings.max_article_chars,
    )
