"""newsqa assembled for tests: real Chroma on disk, fake or real models, the CLI's ingest."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ingest.planner import ingest_files
from rag.app import Newsqa
from rag.index.batch import IngestReport
from rag.index.catalog import Catalog
from rag.index.chroma_catalog import ChromaCatalog
from rag.index.connection import IndexConnection
from rag.settings import Settings
from tests.fakes import FakeEmbedder, ScriptedChatModel, WordTokenizer


class ChromaCatalogConnection(IndexConnection):
    """An embedded Chroma whose catalog is kept in Chroma too, as on a server."""

    def open_catalog(self) -> Catalog:
        store = self.open_store()
        return ChromaCatalog(store._client, self.settings.collection, self.settings.catalog_path)


class Ingest:
    """The ingest commands over one ``Newsqa``, as the CLI runs them."""

    def __init__(self, app: Newsqa) -> None:
        self.app = app

    def ingest(self, paths: Iterable[Path], prune: bool = False) -> IngestReport:
        return ingest_files(self.app, list(paths), prune=prune)

    def remove(self, article_id: str) -> bool:
        return self.app.writer.remove(article_id)

    def reindex(self) -> IngestReport:
        return self.app.writer.reindex()

    @property
    def writer(self):
        return self.app.writer

    @property
    def store(self):
        return self.app.store

    @property
    def catalog(self):
        return self.app.catalog

    @property
    def keyword(self):
        return self.app.keyword


def fake_app(
    settings: Settings,
    embedder: FakeEmbedder | None = None,
    model: ScriptedChatModel | None = None,
    connection: IndexConnection | None = None,
) -> Newsqa:
    """newsqa with the fake embedder, the word tokenizer and (if given) a scripted model."""
    embedder = embedder or FakeEmbedder()
    return Newsqa(
        settings,
        embedder=lambda: embedder,
        tokenizer=WordTokenizer,
        chat_model=(lambda _settings, _name: model) if model else None,
        connection=connection,
    )
