"""Option picked: a multiple-choice answer names exactly one of the options."""

from __future__ import annotations

from rag.answer.question import chosen_options
from rag.answer.verify import option_picked
from tests.unit.verify.helpers import passes

ASKED = "Where will Super Bowl LVIII take place? Options: Las Vegas; Atlanta; San Francisco."


def test_one_option_passes_two_or_none_fail() -> None:
    assert passes(option_picked, ASKED, "The game will take place in Las Vegas [1].")
    assert not passes(option_picked, ASKED, "It is Las Vegas or Atlanta [1].")
    assert not passes(option_picked, ASKED, "It will be played in a big stadium [1].")


def test_the_option_a_reply_names() -> None:
    money = ("$5 million", "$7 million", "$9 million", "$10 million")
    assert chosen_options(money, "$7 million (Source: [3])") == ["$7 million"]
    categories = ("Category 3", "Category 4", "Category 5")
    assert chosen_options(categories, "Category 5 (157 mph) is the highest.") == ["Category 5"]
    royals = ("William, Prince of Wales", "Catherine, Princess of Wales")
    assert chosen_options(royals, "Prince William will take on duties.") == [royals[0]]
    assert chosen_options(royals, "Someone else will.") == []
