"""Keyword retrieval: a BM25 index of the collection's passages, saved beside Chroma.

The index is derived data: it is rebuilt from the passages in the store whenever
the collection changes (each change bumps the catalog's generation), so it can
never drift from Chroma for long, and a missing or damaged index just gets rebuilt.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rag.index.crashpoints import crash_point
from rag.text import Analyzer

logger = logging.getLogger(__name__)


def _bm25s():
    """The bm25s module, with its logger (which it sets to DEBUG) quieted."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


class KeywordIndex:
    """BM25 over passages; ``ids[i]`` is the passage id of document ``i``."""

    def __init__(self, model, ids: list[str], article_ids: list[str], generation: int) -> None:
        self._model = model
        self.ids = ids
        self.article_ids = article_ids
        self.generation = generation
        self._analyzer = Analyzer()
        self._vocabulary = model.vocab_dict if model is not None else {}

    @classmethod
    def build(
        cls, ids: Sequence[str], article_ids: Sequence[str], texts: Sequence[str], generation: int
    ) -> KeywordIndex:
        analyzer = Analyzer()
        model = None
        if texts:
            model = _bm25s().BM25()
            model.index([analyzer.terms(t) or ["_"] for t in texts], show_progress=False)
        return cls(model, list(ids), list(article_ids), generation)

    def search(
        self, query: str, k: int, allowed_articles: set[str] | None = None
    ) -> list[tuple[str, float]]:
        """Best (passage id, BM25 score) pairs; only passages of ``allowed_articles`` if given."""
        terms = [t for t in self._analyzer.terms(query) if t in self._vocabulary]
        if self._model is None or not terms or k <= 0:
            return []
        mask = None
        if allowed_articles is not None:
            mask = np.array([a in allowed_articles for a in self.article_ids], dtype=np.float32)
            if not mask.any():
                return []
        k = min(k, len(self.ids))
        docs, scores = self._model.retrieve(
            [terms], k=k, show_progress=False, weight_mask=mask, n_threads=1
        )
        return [
            (self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0
        ]

    def save(self, directory: Path) -> None:
        """Write to a temporary folder, then swap it in: a crash never leaves half an index.

        The index is derived data: if another process swaps its own copy in at the
        same moment, this copy is simply not saved (the next rebuild will be).
        """
        directory.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(directory)
        fresh = directory.with_name(f"{directory.name}.{os.getpid()}.new")
        old = directory.with_name(f"{directory.name}.{os.getpid()}.old")
        try:
            fresh.mkdir()
            if self._model is not None:
                self._model.save(str(fresh / "bm25"), show_progress=False)
            meta = {"generation": self.generation, "ids": self.ids, "article_ids": self.article_ids}
            (fresh / "meta.json").write_text(json.dumps(meta))
            if directory.exists():
                directory.rename(old)
            crash_point("swapping-keyword-index")
            fresh.rename(directory)
        except OSError as exc:
            logger.warning("Keyword index not saved to %s (%s); it will be rebuilt", directory, exc)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> KeywordIndex | None:
        """The saved index, or None when it is missing or unreadable (then rebuild it)."""
        if not (directory / "meta.json").is_file():
            return None
        try:
            meta = json.loads((directory / "meta.json").read_text())
            model = None
            if meta["ids"]:
                model = _bm25s().BM25.load(str(directory / "bm25"), show_progress=False)
            return cls(model, meta["ids"], meta["article_ids"], meta["generation"])
        except Exception as exc:  # any damage: the index is derived, rebuild it
            logger.warning(
                "Keyword index at %s is unreadable (%s); it will be rebuilt", directory, exc
            )
            return None


def _remove_leftovers(directory: Path) -> None:
    """Delete temporary copies left by processes that died while saving."""
    for leftover in directory.parent.glob(f"{directory.name}.*.*"):
        pid = leftover.name.removeprefix(f"{directory.name}.").split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class KeywordSearch:
    """The collection's keyword index, rebuilt from the store when the catalog says it changed."""

    def __init__(self, directory: Path, store, catalog) -> None:
        self.directory = directory
        self.store = store
        self.catalog = catalog
        self._index: KeywordIndex | None = None

    def current(self) -> KeywordIndex:
        generation = self.catalog.generation()
        if self._index is None:
            self._index = KeywordIndex.load(self.directory)
        if self._index is None or self._index.generation != generation:
            self._index = self.rebuild(generation)
        return self._index

    def rebuild(self, generation: int | None = None) -> KeywordIndex:
        generation = self.catalog.generation() if generation is None else generation
        ids, article_ids, texts = self.store.all_texts()
        index = KeywordIndex.build(ids, article_ids, texts, generation)
        index.save(self.directory)
        self._index = index
        return index
