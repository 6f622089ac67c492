"""Where a collection lives: Chroma and a SQLite catalog in DATA_DIR, or a Chroma server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rag.index.catalog import Catalog
from rag.index.chroma_catalog import ChromaCatalog
from rag.index.keyword import KeywordSearch
from rag.index.lock import WriteLock
from rag.index.shared_lock import SharedWriteLock
from rag.index.sqlite_catalog import SqliteCatalog
from rag.index.store import ChromaStore, connect_server
from rag.index.stories import StoryIndex
from rag.models.embedding import Embedder
from rag.settings import Settings


class IndexConnection:
    """Opens the parts of one collection; a Chroma server is connected once, on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._server_client: Any = None

    @property
    def on_server(self) -> bool:
        return self.settings.vector_store.mode == "server"

    def _client(self) -> Any:
        if self._server_client is None:
            self._server_client = connect_server(self.settings.vector_store)
        return self._server_client

    def open_store(self) -> ChromaStore:
        if self.on_server:
            return ChromaStore(self._client(), self.settings.collection)
        return ChromaStore(self.settings.chroma_dir, self.settings.collection)

    def open_catalog(self) -> Catalog:
        """The article catalog: a SQLite file in DATA_DIR, or on the Chroma server."""
        if self.on_server:
            settings = self.settings
            return ChromaCatalog(self._client(), settings.collection, settings.catalog_path)
        return SqliteCatalog(self.settings.catalog_path)

    def open_write_lock(self, catalog: Catalog) -> WriteLock | SharedWriteLock:
        """Writers take turns: per data directory, or per collection on a shared server."""
        if isinstance(catalog, ChromaCatalog) and self.on_server:
            return SharedWriteLock(catalog, self.settings.lock_timeout)
        return WriteLock(catalog.path.with_suffix(".lock"), self.settings.lock_timeout)

    def open_keyword_search(self, store: ChromaStore, catalog: Catalog) -> KeywordSearch:
        return KeywordSearch(self.settings.keyword_dir, store, catalog)

    def open_stories(
        self, store: ChromaStore, catalog: Catalog, embedder: Callable[[], Embedder]
    ) -> StoryIndex:
        """The collection's stories: kept on this machine, like the keyword index."""
        return StoryIndex(self.settings.stories_path, store, catalog, embedder)
