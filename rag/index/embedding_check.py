"""An embedder is checked against the collection before its first vector is used.

Vectors of two models, or of one model served with other settings, do not mix:
distances between them mean nothing, and retrieval would quietly degrade. So a
collection records which model embedded it (its name, its dimension and its
vector for a fixed probe text), and every process, whichever backend it embeds
with, compares at its first call: the dimension must match, and its vector for
the probe must be within ``MIN_PROBE_COSINE`` of the recorded one. A collection
made before the record existed is compared through one of its stored passages,
embedded again, and then recorded.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence

import numpy as np

from rag.errors import EmbeddingMismatchError
from rag.index.catalog import Catalog
from rag.models.embedding import Embedder

EMBEDDING_KEY = "embedding"  # catalog meta: {"model", "dimension", "probe"}
PROBE_TEXT = "Embedding probe: the council reopened the harbour bridge on Tuesday after repairs."
# bfloat16 against float32, or one server against another, stays above 0.999.
MIN_PROBE_COSINE = 0.99


class CheckedEmbedder:
    """Wraps an embedder; the first call proves its vectors fit the collection's."""

    def __init__(
        self,
        embedder: Embedder,
        catalog: Catalog,
        sample: Callable[[], tuple[str, list[float]] | None],
    ) -> None:
        self._embedder = embedder
        self._catalog = catalog
        self._sample = sample  # a stored passage's text and vector (``ChromaStore.sample``)
        self._checked = False
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._embedder.name

    @property
    def inner(self) -> Embedder:
        return self._embedder

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not self._checked:
            with self._lock:
                if not self._checked:
                    self.check()
                    self._checked = True
        return self._embedder.embed(texts)

    def check(self) -> None:
        """Raise :class:`EmbeddingMismatchError` unless this embedder's vectors fit."""
        probe = self._embedder.embed([PROBE_TEXT])[0]
        recorded = self._catalog.get_meta(EMBEDDING_KEY)
        if recorded is not None:
            expected = json.loads(recorded)
            self._compare(len(probe), expected["dimension"], probe, expected["probe"], "probe")
            return
        sample = self._sample()
        if sample is not None:
            text, vector = sample
            again = self._embedder.embed([text])[0]
            self._compare(len(again), len(vector), again, vector, "stored passage")
        record = {"model": self.name, "dimension": len(probe), "probe": probe}
        self._catalog.set_meta(EMBEDDING_KEY, json.dumps(record))

    def _compare(
        self,
        dimension: int,
        expected_dimension: int,
        vector: Sequence[float],
        expected: Sequence[float],
        what: str,
    ) -> None:
        recorded = self._recorded_model()
        if dimension != expected_dimension:
            raise EmbeddingMismatchError(
                f"The embedder {self.name!r} makes vectors of {dimension} dimensions; the "
                f"collection holds vectors of {expected_dimension} ({recorded}). {_ADVICE}"
            )
        cosine = _cosine(vector, expected)
        if cosine < MIN_PROBE_COSINE:
            raise EmbeddingMismatchError(
                f"The embedder {self.name!r} does not match the model that embedded the "
                f"collection ({recorded}): its vector for a {what} is at cosine {cosine:.3f} "
                f"of the recorded one (at least {MIN_PROBE_COSINE} is needed). {_ADVICE}"
            )

    def _recorded_model(self) -> str:
        recorded = self._catalog.get_meta(EMBEDDING_KEY)
        name = json.loads(recorded)["model"] if recorded else "not recorded"
        return f"recorded model: {name}"


_ADVICE = (
    "Point embed_backend/embed_base_url at a server of the same model, or embed into another "
    "collection (--collection NAME); `newsqa reindex` re-embeds this one with the new model."
)


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    left, right = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(left @ right / (np.linalg.norm(left) * np.linalg.norm(right) or 1.0))
