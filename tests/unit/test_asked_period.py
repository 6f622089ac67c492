"""Evidence of the period a question asks about comes first; "latest" means the newest."""

from __future__ import annotations

from datetime import date

from rag.answer.fusion import prefer_asked_period as prefer
from rag.types import Passage
from tests.fakes import one_passage_article as passage
from tests.unit.verify.helpers import question

OLD = passage("old", "The union and the company agreed a pay deal.", "2023-03-02")
NEW = passage("new", "The union and the company agreed a new pay deal.", "2024-05-10")
UNDATED = passage("undated", "Pay deals are often agreed in spring.", None)
RANKED = [OLD, UNDATED, NEW]
NOW = date(2024, 6, 1)


def ids(passages: list[Passage]) -> list[str]:
    return [p.article_id for p in passages]


def prefer_asked_period(asked: str, ranked: list[Passage], now: date | None) -> list[Passage]:
    return prefer(question(asked), ranked, now)


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


def test_latest_reorders_only_what_answers_the_question() -> None:
    race_2023 = passage("race-2023", "Kiptoo won the Lakeside Marathon.", "2023-04-17")
    race_2024 = passage("race-2024", "Tola won the Lakeside Marathon.", "2024-04-15")
    council = passage("council", "The council approved the budget.", "2024-05-20")
    ranked = [
        race_2023.model_copy(update={"score": 0.62}),
        race_2024.model_copy(update={"score": 0.60}),
        council.model_copy(update={"score": 0.21}),
    ]
    asked = "Who won the most recent Lakeside City Marathon?"
    assert ids(prefer_asked_period(asked, ranked, NOW)) == ["race-2024", "race-2023", "council"]
