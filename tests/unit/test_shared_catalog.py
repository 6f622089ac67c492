"""The catalog kept in Chroma (server mode) answers exactly as the SQLite catalog does."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import chromadb
import pytest

from rag.index.catalog import ArticleRecord
from rag.index.chroma_catalog import ChromaCatalog
from rag.index.sqlite_catalog import SqliteCatalog as Catalog

RECORDS = [
    ArticleRecord(
        "a", "Talks", "Reuters", "https://r/a", "2025-02-18", "/x/a.txt", "f1", "c1", 3, "A"
    ),
    ArticleRecord(
        "b", "Bridge", "AP News", None, "2025-02-20T10:00:00", "/x/b.txt", "f2", "c2", 1, "B"
    ),
    ArticleRecord("c", "Undated", "reuters.com", None, None, "/x/c.json", "f3", "c3", 2, "C"),
    ArticleRecord("d", "Same file", "AP News", None, "2024-12-31", "/x/c.json", "f3", "c4", 0, ""),
]


@pytest.fixture
def both(tmp_path: Path) -> list[Catalog | ChromaCatalog]:
    client = chromadb.PersistentClient(path=str(tmp_path / "chroma"))
    catalogs = [Catalog(tmp_path / "a.sqlite3"), ChromaCatalog(client, "news", tmp_path / "b")]
    for catalog in catalogs:
        for record in RECORDS:
            catalog.put(record)
    return catalogs


def _plain(records: list[ArticleRecord]) -> list[tuple]:
    return [r.__dict__ | {"ingested_at": 0} for r in records]  # type: ignore[misc]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"source": "REUTERS"},
        {"since": date(2025, 2, 19)},
        {"until": date(2025, 2, 18)},
        {"source": "ap", "since": date(2025, 1, 1), "until": date(2025, 12, 31)},
    ],
)
def test_filters_choose_the_same_articles(both, filters) -> None:
    sqlite, chroma = both
    assert chroma.article_ids(**filters) == sqlite.article_ids(**filters)


def test_reads_and_writes_agree(both) -> None:
    sqlite, chroma = both
    assert _plain(chroma.all()) == _plain(sqlite.all())
    assert _plain(chroma.for_path("/x/c.json")) == _plain(sqlite.for_path("/x/c.json"))
    assert chroma.paths() == sqlite.paths()
    assert chroma.versions() == sqlite.versions()
    assert chroma.versions(["a", "zz"]) == sqlite.versions(["a", "zz"])
    for catalog in both:
        catalog.set_file_sha(["c", "d"], "f9")
        catalog.delete("a")
    assert _plain(chroma.all()) == _plain(sqlite.all())
    assert chroma.get("a") is None and chroma.get("c").file_sha256 == "f9"


def test_meta_and_generation(both) -> None:
    _, chroma = both
    assert chroma.get_meta("signature") is None and chroma.generation() == 0
    chroma.set_meta("signature", "v2")
    seen = set()
    for _ in range(5):
        chroma.bump_generation()
        seen.add(chroma.generation())
    assert len(seen) == 5 and 0 not in seen, "every change gives a new generation"
    chroma.delete_meta("signature")
    assert chroma.get_meta("signature") is None
    assert "meta" not in {r.id for r in chroma.all()}, "meta records are not articles"
