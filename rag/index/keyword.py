"""Keyword retrieval: a BM25 index of the collection's passages, kept beside Chroma.

The index is derived data, brought up to date by applying changes, not by
rebuilding: every write logs which articles it changed (``Catalog.log_changes``),
and a process reads only those articles' passages, drops their old rows and adds
the new ones. So an app process that shares a Chroma server with writers pays
for what changed, never for a copy of the whole archive; it rebuilds from every
passage only when it has none, when its copy is damaged, or when it fell further
behind than the log keeps.

Scores are those of bm25s (Lucene's BM25, k1 = 1.5, b = 0.75), which indexed the
collection before: bm25s bakes the collection's statistics into every stored
score, so one change would touch them all. Here term frequencies are stored and
the statistics applied when a question is asked, which gives the same scores
and lets rows come and go (``tests/unit/test_keyword.py`` compares the two).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from rag.index.catalog import EVERYTHING
from rag.index.crashpoints import crash_point
from rag.text import Analyzer

logger = logging.getLogger(__name__)

K1, B = 1.5, 0.75  # bm25s's defaults, which the collection was ranked with
FORMAT = 2  # version 1 was a bm25s index rebuilt on every change


class KeywordIndex:
    """BM25 over passages; row ``i`` is passage ``ids[i]`` of article ``article_ids[i]``."""

    def __init__(
        self,
        ids: list[str],
        article_ids: list[str],
        vocabulary: dict[str, int],
        frequencies: sparse.csr_matrix,
        seq: int,
    ) -> None:
        self.ids = ids
        self.article_ids = article_ids
        self.vocabulary = vocabulary
        self.seq = seq  # the last logged change this index reflects
        self._analyzer = Analyzer()
        self._set(frequencies)

    @classmethod
    def build(
        cls, ids: Sequence[str], article_ids: Sequence[str], texts: Sequence[str], seq: int
    ) -> KeywordIndex:
        vocabulary: dict[str, int] = {}
        rows = _rows(Analyzer(), texts, vocabulary)
        return cls(list(ids), list(article_ids), vocabulary, rows, seq)

    def apply(
        self,
        changed: set[str],
        ids: Sequence[str],
        article_ids: Sequence[str],
        texts: Sequence[str],
        seq: int,
    ) -> None:
        """Replace the rows of the ``changed`` articles with their passages as stored now."""
        keep = np.fromiter((a not in changed for a in self.article_ids), bool, len(self.ids))
        added = _rows(self._analyzer, texts, self.vocabulary)
        kept = self._frequencies[keep]
        kept.resize((kept.shape[0], len(self.vocabulary)))
        self.ids = [i for i, k in zip(self.ids, keep, strict=True) if k] + list(ids)
        self.article_ids = [a for a, k in zip(self.article_ids, keep, strict=True) if k]
        self.article_ids += list(article_ids)
        self._set(sparse.vstack([kept, added], format="csr"))
        self.seq = seq

    def _set(self, frequencies: sparse.csr_matrix) -> None:
        """Keep the term frequencies; derive what a question needs: columns, idf, lengths."""
        self._frequencies = frequencies.tocsr()
        self._columns = frequencies.tocsc()
        count = frequencies.shape[0]
        lengths = np.asarray(frequencies.sum(axis=1), dtype=np.float32).ravel()
        average = lengths.mean() if count else 1.0
        self._norm = (K1 * ((1 - B) + B * lengths / average)).astype(np.float32)
        documents = np.diff(self._columns.indptr).astype(np.float32)
        self._idf = np.log(1 + (count - documents + 0.5) / (documents + 0.5)).astype(np.float32)

    def search(
        self, query: str, k: int, allowed_articles: set[str] | None = None
    ) -> list[tuple[str, float]]:
        """Best (passage id, BM25 score) pairs; only passages of ``allowed_articles`` if given."""
        terms = [self.vocabulary[t] for t in self._analyzer.terms(query) if t in self.vocabulary]
        if not self.ids or not terms or k <= 0:
            return []
        scores = np.zeros(len(self.ids), dtype=np.float32)
        columns = self._columns
        for term in terms:  # a word asked twice counts twice, as in bm25s
            span = slice(columns.indptr[term], columns.indptr[term + 1])
            rows, frequency = columns.indices[span], columns.data[span]
            scores[rows] += self._idf[term] * (frequency / (frequency + self._norm[rows]))
        if allowed_articles is not None:
            scores *= np.fromiter((a in allowed_articles for a in self.article_ids), bool)
        k = min(k, len(self.ids))
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in best if scores[i] > 0]

    def save(self, directory: Path) -> None:
        """Write to a temporary folder, then swap it in: a crash never leaves half an index.

        The index is derived data: if another process swaps its own copy in at the
        same moment, this copy is simply not saved (the next change will be).
        """
        directory.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(directory)
        fresh = directory.with_name(f"{directory.name}.{os.getpid()}.new")
        old = directory.with_name(f"{directory.name}.{os.getpid()}.old")
        try:
            fresh.mkdir()
            sparse.save_npz(fresh / "frequencies.npz", self._frequencies, compressed=False)
            words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
            meta = {"format": FORMAT, "seq": self.seq, "ids": self.ids}
            meta |= {"article_ids": self.article_ids, "vocabulary": words}
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
        """The saved index, or None when it is missing, unreadable or of an older format."""
        if not (directory / "meta.json").is_file():
            return None
        try:
            meta = json.loads((directory / "meta.json").read_text())
            if meta.get("format") != FORMAT:
                return None
            frequencies = sparse.load_npz(directory / "frequencies.npz").tocsr()
            vocabulary = {word: i for i, word in enumerate(meta["vocabulary"])}
            if frequencies.shape != (len(meta["ids"]), len(vocabulary)):
                raise ValueError(f"{frequencies.shape} does not fit the passages and words")
            return cls(meta["ids"], meta["article_ids"], vocabulary, frequencies, meta["seq"])
        except Exception as exc:  # any damage: the index is derived, rebuild it
            logger.warning(
                "Keyword index at %s is unreadable (%s); it will be rebuilt", directory, exc
            )
            return None


def _rows(analyzer: Analyzer, texts: Sequence[str], vocabulary: dict[str, int]):
    """Term frequencies of ``texts``, one row each; new words join ``vocabulary``."""
    rows, columns = [], []
    for row, text in enumerate(texts):
        terms = analyzer.terms(text) or ["_"]  # an empty passage still has a length
        columns += [vocabulary.setdefault(term, len(vocabulary)) for term in terms]
        rows += [row] * len(terms)
    ones = np.ones(len(rows), dtype=np.float32)
    shape = (len(texts), len(vocabulary))
    return sparse.csr_matrix((ones, (rows, columns)), shape=shape, dtype=np.float32)


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
    """The collection's keyword index, kept in step with the store through the change log."""

    def __init__(self, directory: Path, store, catalog) -> None:
        self.directory = directory
        self.store = store
        self.catalog = catalog
        self._index: KeywordIndex | None = None
        self._lock = threading.Lock()

    def current(self) -> KeywordIndex:
        with self._lock:
            seq = self.catalog.change_seq()
            if self._index is None:
                self._index = KeywordIndex.load(self.directory)
            if self._index is None or self._index.seq > seq:
                return self._rebuild(seq)
            if self._index.seq < seq:
                self._catch_up(self._index)
            return self._index

    def _catch_up(self, index: KeywordIndex) -> None:
        changes = self.catalog.changes_since(index.seq)
        if changes is None or EVERYTHING in changes[1]:
            self._rebuild(self.catalog.change_seq())
            return
        seq, changed = changes
        index.apply(changed, *self.store.texts_of(sorted(changed)), seq=seq)
        index.save(self.directory)

    def rebuild(self) -> KeywordIndex:
        with self._lock:
            return self._rebuild(self.catalog.change_seq())

    def _rebuild(self, seq: int) -> KeywordIndex:
        ids, article_ids, texts = self.store.all_texts()
        index = KeywordIndex.build(ids, article_ids, texts, seq)
        index.save(self.directory)
        self._index = index
        return index
