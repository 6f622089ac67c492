"""Rank: a place in a ranking must be the one the source gives the same party."""

from __future__ import annotations

from rag.answer.verify import rank
from rag.answer.verify.reasons import Reason
from tests.unit.verify.helpers import parser, passes, reason

TEAM_EVENT = (
    "Valieva led Russia to the gold medal in the Olympic team event in Beijing. "
    "The United States finished second in the team event and Japan was third."
)
THIRD = "Which country took third place in the Olympic team event in Beijing?"
ITIDAROD = (
    "Holmes pulled down a board, and the entire area collapsed on top of them. Holmes, who "
    "finished third in this year's Iditarod, was trapped underneath the pile of plywood."
)


def test_the_place_the_source_gives_another_is_not_supported() -> None:
    answer = "The United States finished third in the team event in Beijing [1]."
    assert reason(THIRD, answer, TEAM_EVENT) is Reason.OTHER_RANK


def test_a_party_the_source_ranks_elsewhere_is_not_supported() -> None:
    asked = "Where did Holmes finish in this year's Iditarod?"
    answer = "Holmes finished fifth in this year's Iditarod [1]."
    assert reason(asked, answer, ITIDAROD) is Reason.OTHER_RANK


def test_the_place_the_source_gives_the_same_party_passes() -> None:
    asked = "Where did Holmes finish in this year's Iditarod?"
    answer = "Holmes finished third in this year's Iditarod [1]."
    assert reason(asked, answer, ITIDAROD) is None  # "where" is answered by a place too


def test_places_are_read_from_the_parse_in_each_of_their_forms() -> None:
    read = rank.ranked_in(
        parser()("Japan was third, Pogacar took second place and Holmes, who finished 4th, left.")
    )
    expected = {(3, "Japan"), (2, "Pogacar"), (4, "Holmes")}
    assert {(place, actor) for place, actor in read} == expected


def test_an_order_of_events_or_an_unread_place_ranks_no_one() -> None:
    for text in (
        "Kiptoo won the race, with Tola in second place.",  # the parse ties it to Kiptoo
        "Trump and Putin first met in 2017.",
        "Haley won for the first time.",
    ):
        assert rank.ranked_in(parser()(text)) == [], text


def test_a_source_that_ranks_no_one_leaves_the_place_to_the_other_checks() -> None:
    text = "Kiptoo won the race in 2 hours 8 minutes, with Tola in second place."
    assert passes(rank, "Who finished second?", "Tola finished second [1].", text)
