"""Compared: a figure the source gives only as what something is compared with is not
the subject's own."""

from __future__ import annotations

from rag.answer.verify import compared
from rag.answer.verify.reasons import Reason
from tests.unit.verify.helpers import parser, reason

BEER = (
    "Residents in the Mountain region of the United States drank an average of 30.6 gallons "
    "of beer per capita, higher than the national average of 27.7 gallons."
)
DRINKERS = (
    "An estimated 15.9% of area adults in Auburn-Opelika are either heavy or binge drinkers, "
    "a larger share than the 13.0% of adults across the state."
)
REGION = "How many gallons of beer per capita did residents of the Mountain region drink?"
AREA = "What share of adults in Auburn-Opelika are heavy or binge drinkers?"


def test_the_figure_something_is_compared_with_is_not_the_subjects() -> None:
    answer = "Residents of the Mountain region drank 27.7 gallons of beer per capita [1]."
    assert reason(REGION, answer, BEER) is Reason.OTHER_RELATION
    answer = "About 13.0% of adults in Auburn-Opelika are heavy or binge drinkers [1]."
    assert reason(AREA, answer, DRINKERS) is Reason.OTHER_RELATION


def test_the_subjects_own_figure_passes() -> None:
    answer = "Residents of the Mountain region drank an average of 30.6 gallons of beer [1]."
    assert reason(REGION, answer, BEER) is None


def test_a_sentence_about_what_the_figure_is_compared_with_passes() -> None:
    asked = "What is the national average of beer drunk per capita?"
    answer = "The national average is 27.7 gallons of beer per capita [1]."
    assert reason(asked, answer, BEER) is None


def test_what_a_than_phrase_speaks_of_is_read_without_the_figure() -> None:
    doc = parser()(DRINKERS)
    [value] = [t for t in doc if t.text == "13.0"]
    assert compared.standard_of(value) == {"adult", "state"}
    [own] = [t for t in doc if t.text == "15.9"]
    assert compared.standard_of(own) is None
