"""Hybrid retrieval on a real Chroma and BM25 index, with the fake embedder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.pipeline import Ingestor
from rag.catalog import Catalog
from rag.keyword import KeywordSearch
from rag.retriever import Filters, HybridRetriever, diversify
from rag.store import ChromaStore
from rag.types import Passage
from tests.fakes import FakeEmbedder, WordTokenizer

ARTICLES = [
    {
        "id": "riyadh",
        "title": "Talks in Riyadh",
        "date": "2025-02-18",
        "source": "Reuters",
        "text": "US and Russian officials met in Riyadh for talks on Ukraine. "
        "The meeting lasted four and a half hours.",
    },
    {
        "id": "romania",
        "title": "Romania warns",
        "date": "2025-02-20",
        "source": "ABC News",
        "text": "Cristian Diaconescu of Romania said Russia asked for NATO forces to withdraw.",
    },
    {
        "id": "kyiv",
        "title": "Kyiv reacts",
        "date": "2025-02-25",
        "source": "Reuters",
        "text": "Ukraine said no deal about Ukraine can be made without Ukraine at the table.",
    },
]


@pytest.fixture
def parts(settings, tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(a) for a in ARTICLES))
    store = ChromaStore(settings.chroma_dir, settings.collection)
    catalog = Catalog(settings.catalog_path)
    keyword = KeywordSearch(settings.keyword_dir, store, catalog)
    embedder = FakeEmbedder()
    ingestor = Ingestor(store, catalog, keyword, WordTokenizer(), lambda: embedder, "fake", 60, 10)
    ingestor.ingest([feed])
    return store, catalog, keyword, embedder, ingestor, feed


def retriever(parts, mode="hybrid", per_article=2) -> HybridRetriever:
    store, catalog, keyword, embedder, _, _ = parts
    return HybridRetriever(
        store,
        embedder,
        keyword,
        allowed_articles=lambda f: catalog.article_ids(f.source, f.since, f.until),
        current_versions=catalog.versions,
        mode=mode,
        per_article=per_article,
    )


def test_bm25_finds_a_rare_name(parts) -> None:
    [top] = retriever(parts, "bm25").retrieve("What did Diaconescu say?", 1)
    assert top.doc_id == "romania"
    assert top.score > 0, "BM25-only passages still carry their cosine similarity"


def test_every_mode_returns_ranked_passages(parts) -> None:
    for mode in ("dense", "bm25", "hybrid"):
        found = retriever(parts, mode).retrieve("How long was the meeting in Riyadh?", 3)
        assert found and found[0].doc_id == "riyadh", mode


def test_filters_by_source_and_date(parts) -> None:
    r = retriever(parts)
    found = r.retrieve("Ukraine talks", 5, Filters(source="reuters"))
    assert {p.doc_id for p in found} == {"riyadh", "kyiv"}
    found = r.retrieve("Ukraine talks", 5, Filters(since="2025-02-19", until="2025-02-21"))
    assert {p.doc_id for p in found} == {"romania"}
    assert r.retrieve("Ukraine", 5, Filters(source="nobody")) == []


def test_keyword_index_follows_the_collection(parts, settings) -> None:
    store, catalog, keyword, _, ingestor, _ = parts
    assert ingestor.remove("romania")
    assert retriever(parts, "bm25").retrieve("Diaconescu", 3) == []
    assert keyword.current().generation == catalog.generation()
    (settings.keyword_dir / "meta.json").write_text("{broken")
    fresh = KeywordSearch(settings.keyword_dir, store, catalog)
    assert len(fresh.current().ids) == store.count(), "a damaged index is rebuilt"


def test_passages_no_catalog_row_vouches_for_stay_hidden(parts) -> None:
    """What an ingest killed between writing passages and cataloguing them leaves behind."""
    store, catalog, *_ = parts
    catalog.delete("romania")
    for mode in ("dense", "bm25", "hybrid"):
        found = retriever(parts, mode).retrieve("What did Diaconescu say?", 5)
        assert "romania" not in {p.doc_id for p in found}, mode


def passage(doc: str, n: int) -> Passage:
    return Passage(
        chunk_id=f"{doc}#{n}",
        doc_id=doc,
        chunk_index=n,
        title="",
        source="",
        text="t",
        start=0,
        end=1,
    )


def test_diversity_caps_passages_per_article_unless_nothing_else() -> None:
    ranked = [passage("a", 0), passage("a", 1), passage("a", 2), passage("b", 0), passage("a", 3)]
    assert [p.chunk_id for p in diversify(ranked, 3, 2)] == ["a#0", "a#1", "b#0"]
    assert [p.chunk_id for p in diversify(ranked, 5, 2)] == ["a#0", "a#1", "b#0", "a#2", "a#3"]
