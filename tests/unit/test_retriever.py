"""Hybrid retrieval on a real Chroma and BM25 index, with the fake embedder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.answer.fusion import diversify
from rag.answer.retriever import NewsRetriever
from rag.dates import parse_day
from rag.index.keyword import KeywordSearch
from rag.types import Filters, Passage
from tests.harness import Ingest, fake_app

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
    app = fake_app(settings.model_copy(update={"chunk_size": 60, "chunk_overlap": 10}))
    ingestor = Ingest(app)
    ingestor.ingest([feed])
    return app.store, app.catalog, app.keyword, app, ingestor, feed


def retrieve(parts, question: str, k: int, mode="hybrid", filters=None) -> list[Passage]:
    """The top ``k`` through the llama-index retriever interface, as passages."""
    app = parts[3]
    found = NewsRetriever(app.search, mode=mode, filters=filters, top_k=k).passages(question)
    return found[:k]


def test_bm25_finds_a_rare_name(parts) -> None:
    [top] = retrieve(parts, "What did Diaconescu say?", 1, "bm25")
    assert top.article_id == "romania"
    assert top.score > 0, "BM25-only passages still carry their cosine similarity"


def test_every_mode_returns_ranked_passages(parts) -> None:
    for mode in ("dense", "bm25", "hybrid"):
        found = retrieve(parts, "How long was the meeting in Riyadh?", 3, mode)
        assert found and found[0].article_id == "riyadh", mode


def test_the_retriever_speaks_llama_index(parts) -> None:
    app = parts[3]
    nodes = NewsRetriever(app.search, top_k=2).retrieve("How long was the meeting in Riyadh?")
    assert len(nodes) == 2 and nodes[0].node.metadata["article_id"] == "riyadh"
    assert nodes[0].score == pytest.approx(
        retrieve(parts, "How long was the meeting in Riyadh?", 1)[0].score
    )


def test_filters_by_source_and_date(parts) -> None:
    found = retrieve(parts, "Ukraine talks", 5, filters=Filters(source="reuters"))
    assert {p.article_id for p in found} == {"riyadh", "kyiv"}
    days = Filters(since=parse_day("2025-02-19"), until=parse_day("2025-02-21"))
    found = retrieve(parts, "Ukraine talks", 5, filters=days)
    assert {p.article_id for p in found} == {"romania"}
    assert retrieve(parts, "Ukraine", 5, filters=Filters(source="nobody")) == []


def test_keyword_index_follows_the_collection(parts, settings) -> None:
    store, catalog, keyword, _, ingestor, _ = parts
    assert ingestor.remove("romania")
    assert retrieve(parts, "Diaconescu", 3, "bm25") == []
    assert keyword.current().seq == catalog.change_seq()
    (settings.keyword_dir / "meta.json").write_text("{broken")
    fresh = KeywordSearch(settings.keyword_dir, store, catalog)
    assert len(fresh.current().ids) == store.count(), "a damaged index is rebuilt"


def test_passages_no_catalog_row_vouches_for_stay_hidden(parts) -> None:
    """What an ingest killed between writing passages and cataloguing them leaves behind."""
    store, catalog, *_ = parts
    catalog.delete("romania")
    for mode in ("dense", "bm25", "hybrid"):
        found = retrieve(parts, "What did Diaconescu say?", 5, mode)
        assert "romania" not in {p.article_id for p in found}, mode


def passage(doc: str, n: int) -> Passage:
    return Passage(
        passage_id=f"{doc}#{n}",
        article_id=doc,
        index=n,
        title="",
        source="",
        text="t",
        start=0,
        end=1,
    )


def test_diversity_caps_passages_per_article_unless_nothing_else() -> None:
    ranked = [passage("a", 0), passage("a", 1), passage("a", 2), passage("b", 0), passage("a", 3)]
    assert [p.passage_id for p in diversify(ranked, 3, 2)] == ["a#0", "a#1", "b#0"]
    assert [p.passage_id for p in diversify(ranked, 5, 2)] == ["a#0", "a#1", "b#0", "a#2", "a#3"]


def test_diversity_counts_the_copies_of_one_story_as_one_report() -> None:
    def said(doc: str, text: str) -> Passage:
        return passage(doc, 0).model_copy(update={"text": text})

    wire = "a passenger ferry capsized in heavy seas off the port of talvik on sunday evening"
    ranked = [
        said("wire", wire),
        said("copy", "Talvik ferry disaster. " + wire.upper()),  # the same text
        said("rewrite", "twelve people lost their lives when a ferry turned over near talvik"),
        said("other", "the hospital said at least fifteen people died"),
    ]
    story_of = {"wire": "wire", "copy": "wire", "rewrite": "wire", "other": "other"}
    chosen = [p.article_id for p in diversify(ranked, 3, 2, story_of)]
    assert chosen == ["wire", "rewrite", "other"], "the copy's same text comes last"
    chosen = [p.article_id for p in diversify(ranked, 4, 1, story_of)]
    assert chosen == ["wire", "other", "rewrite", "copy"], "one report each, then the rest"
    assert [p.article_id for p in diversify(ranked, 3, 2)] == ["wire", "copy", "rewrite"]
