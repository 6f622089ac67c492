"""Compared: a figure the source gives only as what something is compared with is not
the subject's own."""

from __future__ import annotations

from rag.answer.verify import compared
from rag.answer.verify.reasons import Reason
from tests.unit.verify.helpers import parser, passes, reason

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


SEATS = "The budget was approved on Monday by 5 of the council's 9 members."
VOTED = "How many council members voted to approve the budget?"


def test_the_whole_a_part_is_counted_from_is_not_the_parts_count() -> None:
    answer = "All 9 council members approved the budget [1]."
    assert reason(VOTED, answer, SEATS) is Reason.OTHER_RELATION
    assert reason(VOTED, "5 of the 9 members voted to approve the budget [1].", SEATS) is None
    assert reason(VOTED, "The budget was approved by a majority of the 9 [1].", SEATS) is None
    assert reason(VOTED, "5 council members voted to approve the budget [1].", SEATS) is None


def test_a_whole_is_read_with_its_part() -> None:
    doc = parser()("A majority of 101 members in the 130-person legislative body voted.")
    [whole] = [t for t in doc if t.text == "130"]
    assert compared.whole_of(whole) == {"101"}
    [part] = [t for t in doc if t.text == "101"]
    assert compared.whole_of(part) is None
    population = parser()("The city has a population of 12 million in 2010.")
    assert compared.whole_of(next(t for t in population if t.text == "12")) is None


def test_the_whole_is_given_for_another_act_or_a_member() -> None:
    owned = "Boomtown Entertainment closed 19 of its 20 restaurants in an 18-month span."
    asked = "How many restaurants did Boomtown Entertainment have?"
    assert reason(asked, "Boomtown Entertainment had 20 restaurants [1].", owned) is None
    asked = "How many restaurants did Boomtown Entertainment close?"
    claim = "Boomtown Entertainment closed 20 restaurants [1]."
    assert reason(asked, claim, owned) is Reason.OTHER_RELATION
    member = "Paul Baumbach is one of the 62 lawmakers who have to work from home."
    asked = "How many lawmakers have to work from home?"
    assert passes(compared, asked, "62 lawmakers have to work from home [1].", member)
