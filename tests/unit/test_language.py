"""What a sentence states, read from its parse: names, numbers, dates."""

from __future__ import annotations

import pytest

from rag.language.calendar_names import month_number, weekday_number
from rag.language.facts import facts_of, missing_facts
from rag.language.names import name_in, names_of
from rag.language.numbers import numbers_in, years_in
from tests.unit.verify.helpers import parser


def facts(text: str):
    return facts_of(parser()(text))


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        ("The talks lasted four and a half hours.", "after 4.5 hours of talks"),
        ("The talks lasted 4.5 hours.", "the 4-1/2-hour meeting"),
        ("Revenue was $10.4 billion.", "revenue of $10.4bn, or 10.4 billion dollars"),
        ("The contract is worth $3.4 million.", "a contract worth £3.4m"),
        ("Revenue was $10.4 billion.", "revenue of $10,400 million"),
        ("It reached 25 million people.", "an audience of more than 25m people"),
        ("It opened on Dec. 1, 2017.", "Release date. December 1, 2017"),
        ("Romanian officials said so.", "the chief of Romania's presidential office"),
        ("Joe Burrow of LSU won.", "2019 - Joe Burrow, Louisiana State University"),
        ("They met on Tuesday.", "Officials met on Tuesday in Riyadh"),
        (  # the parser runs the score into her name
            "Halep won, beating Serena Williams 6–2, 6–2 in the final.",
            "Simona Halep defeated Serena Williams in the final, 6–2, 6–2.",
        ),
    ],
)
def test_facts_are_found_whatever_their_form(claim: str, source: str) -> None:
    assert missing_facts(facts(claim), source, facts(source)) == []


@pytest.mark.parametrize(
    ("claim", "source", "missing"),
    [
        ("The talks lasted 9 hours.", "after four and a half hours of talks", "9"),
        ("Macron is meeting them on Thursday.", "Macron plans a meeting on Wednesday", "weekday 3"),
        ("It opened on May 29, 2021.", "It came out on May 29, 2020.", "2021"),
        ("Serena Williams won.", "Bianca Andreescu beat her in the final.", "Serena Williams"),
        ("Revenue was $386,759 million.", "2021 (Q1+Q2), 386,759 vehicles", "3.86759e+11"),
    ],
)
def test_other_values_are_missing(claim: str, source: str, missing: str) -> None:
    assert missing in missing_facts(facts(claim), source, facts(source))


def test_names_come_from_the_parse_not_from_capitals() -> None:
    assert facts("Officials said the talks were useful.").names == ()
    assert "Sergei Lavrov" in facts("Foreign Minister Sergei Lavrov met Rubio.").names
    assert "Foreign" not in " ".join(facts("Foreign Minister Sergei Lavrov met Rubio.").names)
    assert facts("It may rain in May.").months == {5}


def test_numbers_in_words_and_small_counts() -> None:
    assert numbers_in("twenty-five people") == ({(25.0,)}, frozenset())
    assert numbers_in("the two delegations") == (frozenset(), {2.0})
    assert numbers_in("the 1990s") == (frozenset(), frozenset())
    assert numbers_in("Haley finished second") == (frozenset(), frozenset())
    assert numbers_in("2/9 of total discharge") == ({(2 / 9,)}, frozenset())
    assert numbers_in("a 3-1/2-hour meeting")[0] == {(3.5,)}
    assert numbers_in("on 7/15/2024 of all days")[0] == {(7.0,), (15.0,), (2024.0,)}  # a date
    assert numbers_in("9/4 of it")[0] == {(9.0,), (4.0,)}  # no proper fraction
    assert numbers_in("his view on 1/6 and today")[0] == {(1.0,), (6.0,)}  # a date
    assert years_in("In 2008, Russia invaded Georgia; the 2019-20 season") == {2008, 2019}


@pytest.mark.parametrize(
    ("name", "source", "found"),
    [
        ("Sergei Lavrov", "The meeting saw Lavrov and aide Yuri Ushakov.", True),
        ("Donald Trump", "Melania Trump said so.", False),
        ("Sergei Lavrov", "Vladimir Putin said so.", False),
        ("Zelenskiy", "President Zelenskyy said so.", True),
        ("NATO", "the North Atlantic Treaty Organization", True),
    ],
)
def test_a_given_name_may_be_added_but_not_swapped(name: str, source: str, found: bool) -> None:
    assert name_in(name, source) is found


@pytest.mark.parametrize(
    ("name", "source", "found"),
    [
        ("RUSADA", "the Russian Anti-Doping Agency's decision", True),
        ("CAS", "an appeal to the Court of Arbitration for Sport", True),
        ("USADA", "U.S. Anti-Doping Agency CEO Travis Tygart", True),
        ("Russian Olympic Committee", "The ROC said in previous statements", True),
        ("Department of Homeland Security", "DHS and the FBI looked into it", True),
        ("Russian Olympic Committee", "The IOC did not respond", False),
        ("New England Whalers", "RUSSIA RAISES NEW DEMANDS", False),  # a headline, not an acronym
    ],
)
def test_a_name_and_its_acronym_stand_for_each_other(name: str, source: str, found: bool) -> None:
    assert name_in(name, source) is found


def test_month_and_weekday_names_live_in_one_place() -> None:
    assert month_number("Sept.") == 9 and month_number("jan") == 1 and month_number("maybe") is None
    assert weekday_number("Tuesday") == 1 and weekday_number("Tue") == 1


def test_the_names_a_text_writes_out() -> None:
    text = (
        "On Sunday, bus drivers at Ostley Coachlines said the Transit Workers Guild Local 14 "
        "would meet In April. Officials said little."
    )
    assert names_of(text) == {"ostley coachlines", "transit workers guild local"}
