"""The passage index: a Chroma collection of embedded passages, on disk or on a Chroma server.

This talks to chromadb directly rather than through llama-index's Chroma vector
store: crash safety needs what that wrapper hides (each passage's content
version for visibility, paged reads of ids and versions for repair, deletes by
id, a probe search for ``newsqa doctor``). Retrieval is still offered to
llama-index as a retriever (``rag.answer.retriever``).

Passage ids are ``{article_id}#{index}``, so writing an article twice
overwrites instead of duplicating: an interrupted ingest can simply be re-run.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.errors import IndexDamagedError, NewsqaError
from rag.types import Passage
from rag.vector_store_settings import VectorStoreSettings

logger = logging.getLogger(__name__)

_WRITE_BATCH = 1000  # Chroma caps the size of one add; stay far below it.


def passage_id(article_id: str, index: int) -> str:
    return f"{article_id}#{index}"


def connect_server(server: VectorStoreSettings):
    """A client of the Chroma server; raises a clear error when it cannot be reached."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    headers = {"Authorization": f"Bearer {server.token}"} if server.token else None
    try:
        client = chromadb.HttpClient(
            host=server.host,
            port=server.port,
            ssl=server.ssl,
            headers=headers,
            settings=ChromaSettings(anonymized_telemetry=False),
        )
        client.heartbeat()
        return client
    except Exception as exc:  # connection refused, TLS, auth: chromadb wraps them variously
        raise NewsqaError(
            f"Cannot reach the Chroma server at {server.url} ({type(exc).__name__}: {exc}). "
            "Start it (`chroma run --path DIR --host HOST --port PORT`) or check the "
            "vector_store settings."
        ) from None


class ChromaStore:
    """Reads and writes the passages of one collection.

    ``location`` is a folder (embedded Chroma) or a connected Chroma server client.
    """

    def __init__(self, location: Path | Any, collection: str) -> None:
        import chromadb
        from chromadb.api.shared_system_client import SharedSystemClient
        from chromadb.config import Settings as ChromaSettings

        if isinstance(location, Path):
            location.mkdir(parents=True, exist_ok=True)
        try:
            if isinstance(location, Path):
                self._client = chromadb.PersistentClient(
                    path=str(location), settings=ChromaSettings(anonymized_telemetry=False)
                )
            else:
                self._client = location
            self._collection = self._client.get_or_create_collection(
                name=collection,
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}},
            )
            self._collection.count()
        except Exception as exc:  # chromadb raises several types for a damaged database
            SharedSystemClient.clear_system_cache()  # do not hand the broken client out again
            where = location if isinstance(location, Path) else "the Chroma server"
            raise IndexDamagedError(
                f"The passage index in {where} cannot be read ({type(exc).__name__}: {exc}). "
                "`newsqa doctor` shows what is wrong; `newsqa reindex` rebuilds the index "
                "from the catalog."
            ) from exc

    def reset(self) -> None:
        """Delete every passage, keeping the collection (other processes may hold it open)."""
        while ids := self._collection.get(include=[], limit=_WRITE_BATCH)["ids"]:
            self._collection.delete(ids=ids)

    @property
    def collection_name(self) -> str:
        return self._collection.name

    def count(self) -> int:
        return self._collection.count()

    def upsert(
        self,
        ids: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        documents: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        for i in range(0, len(ids), _WRITE_BATCH):
            window = slice(i, i + _WRITE_BATCH)
            self._collection.upsert(
                ids=list(ids[window]),
                embeddings=[list(e) for e in embeddings[window]],
                documents=list(documents[window]),
                metadatas=[_clean_metadata(m) for m in metadatas[window]],
            )

    def passage_ids(self, article_id: str) -> list[str]:
        return self._collection.get(where={"article_id": article_id}, include=[])["ids"]

    def passage_ids_of(self, article_ids: Sequence[str]) -> list[str]:
        """The stored passages of these articles, in one request per thousand articles."""
        found: list[str] = []
        for i in range(0, len(article_ids), _WRITE_BATCH):
            where = {"article_id": {"$in": list(article_ids[i : i + _WRITE_BATCH])}}
            found += self._collection.get(where=where, include=[])["ids"]
        return found

    def texts_of(self, article_ids: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
        """(passage ids, article ids, texts) of these articles' passages only."""
        ids: list[str] = []
        articles: list[str] = []
        texts: list[str] = []
        wanted = sorted(article_ids)
        for i in range(0, len(wanted), 100):
            where = {"article_id": {"$in": wanted[i : i + 100]}}
            page = self._collection.get(where=where, include=["documents", "metadatas"])
            ids += page["ids"]
            articles += [m["article_id"] for m in page["metadatas"]]
            texts += page["documents"]
        return ids, articles, texts

    def delete_ids(self, ids: Sequence[str]) -> None:
        if ids:
            self._collection.delete(ids=list(ids))

    def delete_article(self, article_id: str) -> None:
        self._collection.delete(where={"article_id": article_id})

    def sample(self) -> tuple[str, list[float]] | None:
        """One stored passage's text and vector (None when the collection is empty)."""
        page = self._collection.get(include=["documents", "embeddings"], limit=1)
        if not page["ids"]:
            return None
        return page["documents"][0], [float(x) for x in page["embeddings"][0]]

    def probe_search(self) -> None:
        """Run one nearest-neighbour search with a stored vector; raises if the index is broken."""
        page = self._collection.get(include=["embeddings"], limit=1)
        if page["ids"]:
            self._collection.query(query_embeddings=[list(page["embeddings"][0])], n_results=1)

    def passage_versions(self) -> dict[str, tuple[str, str | None]]:
        """Every passage's (article id, content version), read in pages."""
        found: dict[str, tuple[str, str | None]] = {}
        offset = 0
        while True:
            page = self._collection.get(include=["metadatas"], limit=_WRITE_BATCH, offset=offset)
            if not page["ids"]:
                return found
            for passage, metadata in zip(page["ids"], page["metadatas"], strict=True):
                found[passage] = (metadata["article_id"], metadata.get("version"))
            offset += len(page["ids"])

    def all_texts(self) -> tuple[list[str], list[str], list[str]]:
        """(passage ids, article ids, texts) of every passage, read in pages."""
        ids: list[str] = []
        article_ids: list[str] = []
        texts: list[str] = []
        offset = 0
        while True:
            page = self._collection.get(
                include=["documents", "metadatas"], limit=_WRITE_BATCH, offset=offset
            )
            if not page["ids"]:
                return ids, article_ids, texts
            ids += page["ids"]
            article_ids += [m["article_id"] for m in page["metadatas"]]
            texts += page["documents"]
            offset += len(page["ids"])

    def get(self, ids: Sequence[str], query: Sequence[float] | None = None) -> list[Passage]:
        """Passages by id, in the order asked (unknown ids are left out).

        With ``query``, each passage is scored by its cosine similarity to it.
        """
        if not ids:
            return []
        include = ["documents", "metadatas"] + (["embeddings"] if query is not None else [])
        page = self._collection.get(ids=list(ids), include=include)
        vectors = page["embeddings"] if query is not None else [None] * len(page["ids"])
        found = {
            found_id: _passage(found_id, text, metadata, _cosine(query, vector))
            for found_id, text, metadata, vector in zip(
                page["ids"], page["documents"], page["metadatas"], vectors, strict=True
            )
        }
        return [found[i] for i in ids if i in found]

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these passages (unknown ids are left out)."""
        if not ids:
            return {}
        page = self._collection.get(ids=list(ids), include=["embeddings"])
        return dict(zip(page["ids"], page["embeddings"], strict=True))

    def nearest_articles(self, groups: Sequence[np.ndarray], k: int) -> list[set[str]]:
        """For each group of vectors, the articles of the ``k`` passages nearest each vector.

        All groups are searched in one call (a call costs more than a vector).
        """
        if not groups or k <= 0 or self.count() == 0:
            return [set() for _ in groups]
        result = self._collection.query(
            query_embeddings=np.concatenate(groups), n_results=k, include=["metadatas"]
        )
        found = iter(result["metadatas"])
        return [{m["article_id"] for _ in group for m in next(found)} for group in groups]

    def query(
        self, embedding: Sequence[float], k: int, article_ids: set[str] | None = None
    ) -> list[Passage]:
        """Nearest passages by cosine similarity, optionally only from ``article_ids``."""
        if k <= 0 or self.count() == 0 or article_ids == set():
            return []
        where = {"article_id": {"$in": sorted(article_ids)}} if article_ids is not None else None
        result = self._collection.query(
            query_embeddings=[list(embedding)],
            n_results=k,
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        return [
            _passage(found_id, text, metadata, 1.0 - distance)
            for found_id, text, metadata, distance in zip(
                result["ids"][0],
                result["documents"][0],
                result["metadatas"][0],
                result["distances"][0],
                strict=True,
            )
        ]


def _cosine(query: Sequence[float] | None, vector: Sequence[float] | None) -> float:
    """Stored vectors are unit length, so the dot product is the cosine similarity."""
    if query is None or vector is None:
        return 0.0
    return float(sum(q * v for q, v in zip(query, vector, strict=True)))


def _clean_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """Chroma accepts only str/int/float/bool values, never None."""
    return {key: value for key, value in metadata.items() if value is not None}


def _passage(found_id: str, text: str, metadata: dict[str, Any], score: float) -> Passage:
    return Passage(
        passage_id=found_id,
        article_id=metadata["article_id"],
        index=metadata["chunk_index"],  # the stored name, kept so existing indexes stay readable
        title=metadata.get("title", ""),
        source=metadata.get("source", ""),
        url=metadata.get("url"),
        date=metadata.get("date"),
        text=text,
        start=metadata["start"],
        end=metadata["end"],
        score=score,
        version=metadata.get("version"),
    )
