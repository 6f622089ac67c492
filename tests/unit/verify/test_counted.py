"""Counted: a number counts in the source what it counts in the sentence."""

from __future__ import annotations

import pytest

import rag.answer.verify.counted as counted
from tests.unit.verify.helpers import parser, passes, supported

CHAMPIONSHIPS = (
    "The College Bowl Team has won 118 tournaments and 15 national championships, "
    "leading both categories internationally."
)
REACH = (
    "The satellite service became available in 10 million homes in 2010. "
    "The broadcaster said its reach represented an audience of more than 25m people."
)


@pytest.mark.parametrize(
    ("asked", "answer", "text", "kept"),
    [
        # the source's 118 counts tournaments; its 15 counts championships
        (
            "How many national championships has the College Bowl Team won?",
            "The College Bowl Team has won 118 national championships [1].",
            CHAMPIONSHIPS,
            False,
        ),
        (
            "How many national championships has the College Bowl Team won?",
            "The College Bowl Team has won 15 national championships [1].",
            CHAMPIONSHIPS,
            True,
        ),
        # another sentence of the source counts people, with another number
        (
            "How many people did the satellite service reach in 2010?",
            "The satellite service reached about 10 million people in 2010 [1].",
            REACH,
            False,
        ),
        (
            "How many homes could get the satellite service in 2010?",
            "The satellite service was available in 10 million homes in 2010 [1].",
            REACH,
            True,
        ),
    ],
)
def test_a_number_counts_the_same_thing_in_its_source(
    asked: str, answer: str, text: str, kept: bool
) -> None:
    assert supported(asked, answer, text) is kept


def test_a_number_counted_with_another_word_passes_when_nothing_else_counts_its_thing() -> None:
    text = "The satellite service became available in 10 million households in 2010."
    answer = "The satellite service reached 10 million homes in 2010 [1]."
    assert passes(counted, "How many homes did the service reach in 2010?", answer, text)


@pytest.mark.parametrize(
    ("text", "number", "thing"),
    [
        ("They won 118 tournaments.", "118", "tournaments"),
        ("It reached more than 25m people.", "25", "people"),
        ("It reached 10 million homes.", "10", "homes"),
        ("The 130-person legislative body voted.", "130", "person"),
        ("Of them, 55 played in the league.", "55", None),
        ("It was released on April 16, 2020.", "16", None),
    ],
)
def test_the_noun_a_number_counts(text: str, number: str, thing: str | None) -> None:
    token = next(t for t in parser()(text) if t.text == number)
    found = counted.counted_noun(token)
    assert (found.text if found is not None else None) == thing


SURVEY = (
    "65% of Gen Zers and 74% of millennials say they believe they are starting further "
    "behind financially than earlier generations at their age."
)


def test_a_share_counts_the_group_it_is_a_share_of() -> None:
    asked = "What share of millennials believe they are starting further behind?"
    wrong = "65% of millennials say they are starting further behind financially [1]."
    right = "74% of millennials say they are starting further behind financially [1]."
    assert not passes(counted, asked, wrong, SURVEY)
    assert passes(counted, asked, right, SURVEY)
    doc = parser()("74% of millennials say so.")
    assert counted.counted_noun(doc[0]).text == "millennials"
