"""Rewrites: two articles that say the same things in other words.

A candidate is one of the nearest articles by the vectors already stored (the
first passages of each); it is a rewrite when at least ``PASSAGE_SHARE`` of the
shorter article's lead passages have a passage of the other within
``PASSAGE_COSINE``, and at least ``SENTENCE_SHARE`` of its sentences have one
within ``SENTENCE_COSINE`` (embedded only for such candidates). Two short
reports of one event share a topic, so their passages are alike; only a rewrite
matches sentence by sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from rag.index.catalog import ArticleRecord, Catalog
from rag.index.likeness import matched_share
from rag.index.store import ChromaStore, passage_id
from rag.models.embedding import Embedder
from rag.text import sentence_spans

PASSAGE_COSINE = 0.85
PASSAGE_SHARE = 0.5
SENTENCE_COSINE = 0.8
SENTENCE_SHARE = 0.3  # same-report pairs of real news: 0.38-0.65; other pairs: 0.12 at most
MAX_SENTENCES = 40  # of each article, from its start, compared for rewrites
LEAD_PASSAGES = 12  # passages of each article compared for rewrites, from its start
NEIGHBOURS = 5  # nearest passages looked at for each of them


class RewriteFinder:
    """Finds the rewrites of an article among the articles already placed."""

    def __init__(
        self, store: ChromaStore, catalog: Catalog, embedder: Callable[[], Embedder]
    ) -> None:
        self._store = store
        self._catalog = catalog
        self._embedder = embedder
        # Kept while a refresh places articles, then dropped by ``forget``:
        self._sentences: dict[str, np.ndarray] = {}  # sentence vectors
        self._leads: dict[str, np.ndarray] = {}  # lead passages' vectors
        self._nearest: dict[str, set[str]] = {}  # articles near each article's leads

    def forget(self) -> None:
        """Drop the vectors and neighbours kept while placing articles."""
        self._sentences.clear()
        self._leads.clear()
        self._nearest.clear()

    def look_up(self, article_ids: list[str]) -> None:
        """Read the lead vectors and nearest articles of many articles at once, for ``of``."""
        leads = self._lead_vectors(article_ids)
        self._leads.update(leads)
        nearest = self._store.nearest_articles(list(leads.values()), NEIGHBOURS)
        self._nearest.update(zip(leads, nearest, strict=True))

    def of(
        self, record: ArticleRecord, placed: Callable[[str], bool], exclude: set[str]
    ) -> Iterator[tuple[str, float]]:
        """(article id, share of sentences matched) for each rewrite of ``record``."""
        if record.id not in self._nearest:
            self.look_up([record.id])
        own = self._leads.get(record.id)
        if own is None:
            return
        nearest = self._nearest[record.id] - {record.id}
        candidates = [a for a in nearest if a not in exclude and placed(a)]
        for other, vectors in self._lead_vectors(candidates).items():
            if matched_share(own, vectors, PASSAGE_COSINE) >= PASSAGE_SHARE:
                share = self._sentence_share(record, other)
                if share >= SENTENCE_SHARE:
                    yield other, share

    def _sentence_share(self, record: ArticleRecord, other_id: str) -> float:
        other = self._catalog.get(other_id)
        if other is None:
            return 0.0
        return matched_share(
            self._sentence_vectors(record), self._sentence_vectors(other), SENTENCE_COSINE
        )

    def _sentence_vectors(self, record: ArticleRecord) -> np.ndarray:
        if record.id not in self._sentences:
            spans = sentence_spans(record.text)[:MAX_SENTENCES]
            texts = [record.text[start:end] for start, end in spans]
            vectors = self._embedder().embed(texts) if texts else []
            self._sentences[record.id] = np.asarray(vectors, dtype=np.float32)
        return self._sentences[record.id]

    def _lead_vectors(self, article_ids: list[str]) -> dict[str, np.ndarray]:
        """The first passages' vectors of each article, in order."""
        vectors = {a: self._leads[a] for a in article_ids if a in self._leads}
        wanted = {
            a: [passage_id(a, i) for i in range(LEAD_PASSAGES)]
            for a in article_ids
            if a not in vectors
        }
        found = self._store.vectors([i for ids in wanted.values() for i in ids])
        for article_id, ids in wanted.items():
            rows = [found[i] for i in ids if i in found]
            if rows:
                vectors[article_id] = np.asarray(rows, dtype=np.float32)
        return vectors
