"""Paired item: a value stands with the facts of its own item of a coordination."""

from __future__ import annotations

import pytest

from rag.answer.verify import paired_items
from tests.unit.verify.helpers import parser, passes

PAYMENTS = (
    "Trump had arranged for his former lawyer, Michael Cohen, to make the payments − "
    "$130,000 for Daniels and $150,000 for McDougal − to silence the women on their claims."
)
TITLES = "Simona Halep won the title in 2019, and Ashleigh Barty won it in 2021."
OFFICE = "The company hired 40 engineers and opened an office in Lagos in 2022."
BRANCHES = (
    "The discharge of the Rhine is divided among three branches: the River Waal (6/9 of "
    "total discharge), the River Nederrijn – Lek (2/9 of total discharge) and the River "
    "IJssel (1/9 of total discharge)."
)
# A score parsed as the second item of "defeated ...": a misparse, not a list.
FINAL = (
    "Ashleigh Barty defeated Karolína Plíšková in the final, 6–3, 6–7(4–7), 6–3 to win "
    "the ladies' singles tennis title at the 2021 Wimbledon Championships."
)


@pytest.mark.parametrize(
    ("asked", "answer", "text", "kept"),
    [
        # a value of another item of a list
        (
            "How much was Daniels paid?",
            "Michael Cohen paid Stormy Daniels $150,000 [1].",
            PAYMENTS,
            False,
        ),
        (
            "How much was Daniels paid?",
            "Michael Cohen paid Stormy Daniels $130,000 [1].",
            PAYMENTS,
            True,
        ),
        # a value of another clause joined by "and"
        (
            "When did Ashleigh Barty win the title?",
            "Ashleigh Barty won the title in 2019 [1].",
            TITLES,
            False,
        ),
        (
            "When did Ashleigh Barty win the title?",
            "Ashleigh Barty won the title in 2021 [1].",
            TITLES,
            True,
        ),
        # items named by proper nouns the parser gives no entity label, sharing a word
        (
            "What share of the Rhine's discharge does the IJssel carry?",
            "The River IJssel carries 2/9 of the Rhine's total discharge [1].",
            BRANCHES,
            False,
        ),
        (
            "What share of the Rhine's discharge does the IJssel carry?",
            "The River IJssel carries 1/9 of the Rhine's total discharge [1].",
            BRANCHES,
            True,
        ),
        # clauses alike but for their actor and value
        (
            "Until when did Ana coach the Hawks?",
            "Ana coached the Hawks until 2015 [1].",
            "Maria coached the Hawks until 2015, and Ana coached the team until 2019.",
            False,
        ),
        # the value's item names nobody else
        (
            "When did the company open an office?",
            "The company opened an office in Lagos in 2022 [1].",
            OFFICE,
            True,
        ),
        # items of another kind are no coordination
        (
            "Who won Wimbledon in 2021?",
            "Ashleigh Barty won the 2021 Wimbledon title [1].",
            FINAL,
            True,
        ),
    ],
)
def test_a_value_keeps_its_own_items_facts(asked: str, answer: str, text: str, kept: bool) -> None:
    assert passes(paired_items, asked, answer, text) is kept


def test_the_items_of_a_coordination_are_read_from_the_parse() -> None:
    doc = parser()(PAYMENTS)
    value = next(t for t in doc if t.text == "150,000")
    own, others = paired_items.coordinated_items(value)
    assert "McDougal" in {doc[i].text for i in own}
    assert "Daniels" in {doc[i].text for i in others} - {doc[i].text for i in own}
