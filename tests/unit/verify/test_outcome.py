"""Outcome: a question who won is answered by who won, from a source that says so."""

from __future__ import annotations

import pytest

from rag.answer.verify import outcome
from tests.unit.verify.helpers import passes

NOMINEES = (
    "Of the film's 13 nominations, English actress Sally Hawkins is nominated for Best Actress "
    "in a Drama Motion Picture."
)
EARNED = "Daniel Kaluuya earned a Best Actor nomination for Get Out."
ELECTION = "Democratic presidential nominee, former vice president Joe Biden, won the election."
PRIMARY = (
    'Nikki Haley lost the Nevada GOP presidential primary Tuesday to "none of these candidates."'
)


@pytest.mark.parametrize(
    ("asked", "answer", "text", "kept"),
    [
        # the source names the party only among the nominees
        ("Who won Best Actress?", "Sally Hawkins won Best Actress [1].", NOMINEES, False),
        ("Who won Best Actor?", "Daniel Kaluuya won Best Actor for Get Out [1].", EARNED, False),
        # the sentence gives a role short of winning
        (
            "Who won the 2020 election?",
            "Joe Biden was the Democratic nominee [1].",
            ELECTION,
            False,
        ),
        (
            "Who won the 2020 election?",
            "Joe Biden, the Democratic nominee, won [1].",
            ELECTION,
            True,
        ),
        # "lost to" says who won
        (
            "Who won the Nevada primary?",
            '"None of these candidates" won the primary [1].',
            PRIMARY,
            True,
        ),
        # a question that asks no winner is not judged
        ("Who was nominated for Best Actress?", "Sally Hawkins was nominated [1].", NOMINEES, True),
    ],
)
def test_a_winner_is_what_a_question_who_won_asks_for(
    asked: str, answer: str, text: str, kept: bool
) -> None:
    assert passes(outcome, asked, answer, text) is kept
