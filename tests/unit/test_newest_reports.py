""" "The latest on X" reads the newest reports on X; a state since overtaken is left out."""

from __future__ import annotations

from rag.answer.fusion import newest_reports
from rag.types import Passage
from tests.fakes import one_passage_article


def passage(name: str, published: str | None, score: float) -> Passage:
    text = f"The footbridge report of {published}."
    return one_passage_article(name, text, published).model_copy(update={"score": score})


def ids(passages: list[Passage]) -> list[str]:
    return [p.article_id for p in passages]


def test_reports_older_than_the_two_newest_relevant_ones_go() -> None:
    ranked = [
        passage("april", "2025-04-02", 0.70),
        passage("march-19", "2025-03-19", 0.80),
        passage("march-06", "2025-03-06", 0.78),
        passage("march-04", "2025-03-04", 0.75),
        passage("undated", None, 0.60),
    ]
    assert ids(newest_reports(ranked)) == ["april", "march-19", "undated"]


def test_a_less_relevant_newer_article_does_not_set_the_cut() -> None:
    ranked = [
        passage("bridge-march", "2025-03-19", 0.80),
        passage("bridge-feb", "2025-02-10", 0.78),
        passage("council-april", "2025-04-10", 0.40),  # newest, but about something else
    ]
    assert ids(newest_reports(ranked)) == ["bridge-march", "bridge-feb", "council-april"]


def test_never_fewer_than_two_passages() -> None:
    ranked = [passage("new", "2025-04-02", 0.8), passage("old", "2024-01-01", 0.2)]
    assert ids(newest_reports(ranked, keep=1)) == ["new", "old"]
    assert newest_reports([]) == []


def test_undated_passages_leave_everything() -> None:
    ranked = [passage("a", None, 0.8), passage("b", None, 0.7)]
    assert ids(newest_reports(ranked)) == ["a", "b"]


def report(name: str, published: str, score: float, text: str) -> Passage:
    return one_passage_article(name, text, published).model_copy(update={"score": score})


def test_a_later_report_of_the_story_counts_though_less_alike_in_wording() -> None:
    ranked = [
        report(
            "vote",
            "2025-03-10",
            0.46,
            "Bus drivers at Ostley Coachlines voted to strike, the Transit Workers Guild said.",
        ),
        report(
            "deal",
            "2025-03-29",
            0.43,
            "Ostley Coachlines and the Transit Workers Guild reached a tentative agreement.",
        ),
        report(
            "accepted",
            "2025-04-04",
            0.36,
            "Ostley Coachlines drivers accepted the pay deal, the Transit Workers Guild said.",
        ),
        report("council", "2025-04-10", 0.36, "Brackenford Town Council approved a new budget."),
    ]
    assert ids(newest_reports(ranked)) == ["deal", "accepted", "council"]
