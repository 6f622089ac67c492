"""Evidence of the period a question asks about comes first; "latest" means the newest."""

from __future__ import annotations

from datetime import date

from rag.answer.fusion import prefer_asked_period
from rag.types import Passage
from tests.fakes import one_passage_article as passage

OLD = passage("old", "The union and the company agreed a pay deal.", "2023-03-02")
NEW = passage("new", "The union and the company agreed a new pay deal.", "2024-05-10")
UNDATED = passage("undated", "Pay deals are often agreed in spring.", None)
RANKED = [OLD, UNDATED, NEW]
NOW = date(2024, 6, 1)


def ids(passages: list[Passage]) -> list[str]:
    return [p.article_id for p in passages]


def test_a_relative_year_is_read_from_now() -> None:
    assert ids(prefer_asked_period("What deal was agreed last year?", RANKED, NOW)) == [
        "old",
        "undated",
        "new",
    ]
    assert ids(prefer_asked_period("What deal was agreed this year?", RANKED, NOW)) == [
        "new",
        "undated",
        "old",
    ]
    asked_a_year_later = date(2025, 6, 1)
    assert ids(prefer_asked_period("What deal was agreed last year?", RANKED, asked_a_year_later))[
        0
    ] == ("new")


def test_a_named_year_counts_without_a_now() -> None:
    assert ids(prefer_asked_period("What deal was agreed in 2024?", RANKED, None))[0] == "new"


def test_latest_puts_the_newest_relevant_articles_first() -> None:
    assert ids(prefer_asked_period("What is the latest pay deal?", RANKED, NOW)) == [
        "new",
        "old",
        "undated",
    ]
    assert ids(prefer_asked_period("What pay deal was agreed?", RANKED, NOW)) == ids(RANKED)
