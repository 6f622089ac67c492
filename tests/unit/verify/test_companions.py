"""Companion: the value comes with the same names, numbers and dates in the source as in
the answer."""

from __future__ import annotations

import pytest

from rag.answer.verify import CheckConfig, Reason, companions
from tests.unit.verify.helpers import passes, reason, source, supported, verifier

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


WHERE = (
    "McClung attended Georgetown University for two seasons, where he averaged 14.2 points "
    "per game, before transferring to Texas Tech."
)


@pytest.mark.parametrize("career", [CAREER, WHERE], ids=["at", "where"])
def test_a_number_the_source_gives_for_another_organisation_fails(career: str) -> None:
    asked = "How many points per game did McClung average at Texas Tech?"
    claim = "McClung averaged 14.2 points per game at Texas Tech [1]."
    assert not passes(companions, asked, claim, career)
    assert passes(companions, asked, "McClung averaged 14.2 points per game [1].", career)


def test_a_number_the_source_gives_beside_another_of_the_companions_fails() -> None:
    asked = "How many men are there for every 100 women?"
    claim = "There are 94.1 men aged 18 and over for every 100 women [1]."
    assert not passes(companions, asked, claim, CENSUS)
    claim = "There are 91.3 men aged 18 and over for every 100 women [1]."
    assert passes(companions, asked, claim, CENSUS)


def test_a_companion_the_window_leaves_out_is_looked_for_in_the_rest_of_the_source() -> None:
    census = (
        "The median age was 35.5 years. For every 100 females there were 94.1 males. For "
        "every 100 females age 18 and over, there were 91.3 males."
    )
    asked = "How many men older than 18 are there for every 100 women?"
    claim = "There are 94.1 men aged 18 and over for every 100 women [1]."
    assert reason(asked, claim, census) is Reason.OTHER_RELATION
    assert supported(asked, claim, census, config=CheckConfig().without("companion"))
    assert supported(asked, "There are 91.3 men aged 18 and over for every 100 women [1].", census)
    claim = "There are 94.1 males for every 100 females [1]."
    assert supported("How many males are there for every 100 females?", claim, census)


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


def test_a_name_the_table_gives_in_another_years_row_fails() -> None:
    text = (
        "Maxwell Award recipients since 1937: 2020 - DeVonta Smith, Alabama · "
        "2019 - Joe Burrow, Louisiana State University · 2018 - Tua Tagovailoa, Alabama"
    )
    asked = "Who won the Maxwell Award in 2018?"
    assert not passes(companions, asked, "Joe Burrow won the 2018 Maxwell Award [1].", text)
    assert passes(companions, asked, "Tua Tagovailoa won the 2018 Maxwell Award [1].", text)


def test_the_parts_of_one_date_are_no_companions() -> None:
    text = (
        "Dec 18, 2020 ... Naturally, shortly after that Bloomberg report, CD Projekt Red "
        "delayed the Cyberpunk 2077 release date to December 10."
    )
    checker = verifier("What is the release date of Cyberpunk 2077?", source(text))
    claim = checker.claim("The release date of Cyberpunk 2077 is December 10, 2020 [1].")
    windows = checker.windows(checker.sources[0])
    assert all(companions.check(claim, w, checker.context) is None for w in windows)


def test_the_questions_subject_written_in_full_is_no_value() -> None:
    text = (
        "Elias Marwick won Sunday's Wendle Valley Half Marathon in 1:04:12. "
        "Hanne Stavik's women's course record of 1:11:47 stands."
    )
    checker = verifier("what is the women's course record for the wendle valley half", source(text))
    claim = checker.claim(
        "The women's course record for the Wendle Valley Half Marathon is 1:11:47 [1]."
    )
    windows = checker.windows(checker.sources[0])
    assert all(companions.check(claim, w, checker.context) is None for w in windows)


def test_a_figure_the_source_gives_for_another_quarter_fails() -> None:
    text = (
        "That represents an 81 percent increase year over year, compared to $10.4 billion "
        "in revenue in Q1 2021."
    )
    asked = "What was Tesla's revenue in Q1 2022?"
    claim = "Tesla's revenue in Q1 2022 was $10.4 billion [1]."
    assert not passes(companions, asked, claim, text)
    claim = "Tesla's revenue in Q1 2021 was $10.4 billion [1]."
    assert passes(companions, "What was Tesla's revenue in Q1 2021?", claim, text)


def test_a_gerund_done_by_the_value_keeps_its_companions() -> None:
    # "in 1936" is read as Murray's; "By winning the 2013 Wimbledon Championships" is his too
    text = (
        "By winning the 2013 Wimbledon Championships, Murray became the first British man "
        "since Fred Perry in 1936 to win the title."
    )
    asked = "Who won the men's singles at Wimbledon in 2013?"
    claim = "Andy Murray won the men's singles at Wimbledon in 2013 [1]."
    assert passes(companions, asked, claim, text)
