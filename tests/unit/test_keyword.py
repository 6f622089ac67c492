"""The keyword index ranks as bm25s ranked the collection, and follows changes without a rebuild."""

from __future__ import annotations

import bm25s
import numpy as np
import pytest

from rag.index.keyword import KeywordIndex
from rag.text import Analyzer
from tests.conftest import SAMPLE_ARTICLES

QUERIES = [
    "Who met in Riyadh?",
    "Russia asked the United States to withdraw NATO forces",
    "Romanian official Antena 3 interview",
    "talks talks ceasefire",  # a word asked twice counts twice
    "sanctions oil price",
]


def _passages() -> tuple[list[str], list[str], list[str]]:
    ids, articles, texts = [], [], []
    for path in sorted(SAMPLE_ARTICLES.iterdir()):
        for n, paragraph in enumerate(p for p in path.read_text().split("\n\n") if p.strip()):
            ids.append(f"{path.stem}#{n}")
            articles.append(path.stem)
            texts.append(paragraph)
    return ids, articles, texts


def _bm25s_ranking(texts: list[str], query: str, k: int) -> list[tuple[int, float]]:
    """How the collection was ranked before: a bm25s index built from every passage."""
    analyzer = Analyzer()
    model = bm25s.BM25()
    model.index([analyzer.terms(t) or ["_"] for t in texts], show_progress=False)
    terms = [t for t in analyzer.terms(query) if t in model.vocab_dict]
    docs, scores = model.retrieve([terms], k=k, show_progress=False, n_threads=1)
    return [(int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]


@pytest.mark.parametrize("query", QUERIES)
def test_scores_are_those_of_bm25s(query: str) -> None:
    ids, articles, texts = _passages()
    index = KeywordIndex.build(ids, articles, texts, seq=0)
    ours = index.search(query, 10)
    theirs = _bm25s_ranking(texts, query, 10)
    assert ours, "the query finds passages"
    assert [s for _, s in ours] == pytest.approx([s for _, s in theirs], rel=1e-5)
    assert {i for i, _ in ours} == {ids[d] for d, _ in theirs}


def test_applied_changes_equal_a_rebuild(tmp_path) -> None:
    ids, articles, texts = _passages()
    everything = set(articles)
    first, gone, changed = sorted(everything)[:2], sorted(everything)[2], sorted(everything)[3]
    rows = [i for i, a in enumerate(articles) if a != changed]
    index = KeywordIndex.build(
        [ids[i] for i in rows], [articles[i] for i in rows], [texts[i] for i in rows], seq=1
    )
    index.save(tmp_path / "kw")
    loaded = KeywordIndex.load(tmp_path / "kw")
    edited = {i: t + " Riyadh communique" for i, t in enumerate(texts) if articles[i] == first[0]}
    now = [i for i, a in enumerate(articles) if a != gone]
    final_texts = [edited.get(i, texts[i]) for i in now]
    touched = {first[0], gone, changed}
    new = [i for i in now if articles[i] in touched]
    loaded.apply(
        touched,
        [ids[i] for i in new],
        [articles[i] for i in new],
        [edited.get(i, texts[i]) for i in new],
        seq=2,
    )
    rebuilt = KeywordIndex.build([ids[i] for i in now], [articles[i] for i in now], final_texts, 2)
    assert sorted(loaded.ids) == sorted(rebuilt.ids) and loaded.seq == 2
    for query in [*QUERIES, "Riyadh communique"]:
        got, want = dict(loaded.search(query, 50)), dict(rebuilt.search(query, 50))
        assert got.keys() == want.keys()
        assert np.allclose([got[i] for i in want], list(want.values()), rtol=1e-5)


def test_a_filter_keeps_only_the_allowed_articles() -> None:
    ids, articles, texts = _passages()
    index = KeywordIndex.build(ids, articles, texts, seq=0)
    allowed = {articles[0]}
    found = index.search("Riyadh talks Russia", 20, allowed_articles=allowed)
    assert found and all(i.split("#")[0] in allowed for i, _ in found)
    assert index.search("Riyadh", 5, allowed_articles=set()) == []


def test_a_statements_terms_write_out_its_negative_contractions() -> None:
    analyzer = Analyzer()
    assert analyzer.statement_terms("Kyiv won’t accept it; Moscow didn't") == analyzer.terms(
        "Kyiv will not accept it; Moscow did not"
    )
    assert "won" not in analyzer.statement_terms("They won't go, and can't stay.")
