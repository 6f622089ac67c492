"""Finding the passages most likely to answer a question."""

from __future__ import annotations

from typing import Protocol

from rag.embedding import Embedder
from rag.store import ChromaStore
from rag.types import Passage


class Retriever(Protocol):
    def retrieve(self, question: str, k: int) -> list[Passage]: ...


class DenseRetriever:
    """Nearest passages by cosine similarity of sentence embeddings."""

    def __init__(self, store: ChromaStore, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder

    def retrieve(self, question: str, k: int) -> list[Passage]:
        [vector] = self.embedder.embed([question])
        return self.store.query(vector, k)
