"""Companion: the value comes with the same names, numbers and dates in the source as in
the answer."""

from __future__ import annotations

from rag.answer.verify import companions
from tests.unit.verify.helpers import passes

CAREER = (
    "McClung averaged 14.2 points per game at Georgetown University before transferring to "
    "Texas Tech."
)
CENSUS = (
    "For every 100 females there were 94.1 males, while for every 100 females age 18 and "
    "over there were 91.3 males."
)
PRIZES = (
    "Handke, who received the 2019 prize on Thursday, the novelist Olga Tokarczuk received "
    "it for 2018."
)


def test_a_number_the_source_gives_for_another_organisation_fails() -> None:
    asked = "How many points per game did McClung average at Texas Tech?"
    claim = "McClung averaged 14.2 points per game at Texas Tech [1]."
    assert not passes(companions, asked, claim, CAREER)
    assert passes(companions, asked, "McClung averaged 14.2 points per game [1].", CAREER)


def test_a_number_the_source_gives_beside_another_of_the_companions_fails() -> None:
    asked = "How many men are there for every 100 women?"
    claim = "There are 94.1 men aged 18 and over for every 100 women [1]."
    assert not passes(companions, asked, claim, CENSUS)
    claim = "There are 91.3 men aged 18 and over for every 100 women [1]."
    assert passes(companions, asked, claim, CENSUS)


def test_a_name_in_another_role_is_no_counter_sign() -> None:
    text = "Michael Cohen paid $130,000 to Stormy Daniels."
    claim = "Cohen paid Daniels $130,000 [1]."
    assert passes(companions, "How much did Cohen pay Daniels?", claim, text)


def test_a_winner_the_source_gives_for_another_year_fails() -> None:
    asked = "Who was awarded the 2019 Nobel Prize in Literature?"
    claim = "Olga Tokarczuk was awarded the 2019 Nobel Prize in Literature [1]."
    assert not passes(companions, asked, claim, PRIZES)


def test_a_companion_the_source_only_refers_to_passes() -> None:
    text = "He averaged 15.5 points per game in his lone season at Texas Tech."
    claim = "McClung averaged 15.5 points per game at Texas Tech [1]."
    assert passes(companions, "How many points did McClung average at Texas Tech?", claim, text)


def test_a_number_inside_a_name_is_no_companion() -> None:
    text = "Four days before the contest, McClung signed a deal with the Philadelphia 76ers."
    claim = "McClung signed with the Philadelphia 76ers four days before the contest [1]."
    assert passes(companions, "When did McClung sign with the 76ers?", claim, text)
