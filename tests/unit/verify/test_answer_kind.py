"""Answer kind: a fact question gets the kind of answer it asks for."""

from __future__ import annotations

import pytest

from rag.answer.verify import answer_kind
from tests.unit.verify.helpers import passes


def test_a_date_question_needs_a_date() -> None:
    asked = "In what year did Russia invade Georgia?"
    assert passes(answer_kind, asked, "Russia invaded Georgia in 2008 [1].")
    assert not passes(answer_kind, asked, "Russia invaded Georgia and occupied territory [1].")


def test_a_share_question_needs_a_number() -> None:
    asked = "What share of Ukraine's territory does Russia control?"
    assert passes(answer_kind, asked, "Russia controls about 20% of it [1].")
    assert passes(answer_kind, asked, "Russia controls a fifth of the country [1].")
    assert not passes(answer_kind, asked, "Trump said Ukraine could not win the land back [1].")


def test_a_where_question_needs_a_place_and_a_why_question_a_reason() -> None:
    assert not passes(answer_kind, "Where did the strike take place?", "It began in March [1].")
    asked = "Why did Zelenskiy postpone his visit?"
    assert passes(answer_kind, asked, "He postponed it to avoid legitimising the talks [1].")
    assert not passes(answer_kind, asked, "He postponed his visit until March [1].")


MULAN = "Who is starring as Mulan in the live-action film?"


@pytest.mark.parametrize(
    ("asked", "claim", "answers"),
    [
        (MULAN, "Yifei Liu was cast in the title role [1].", True),
        (MULAN, "Disney cast Yifei Liu in the title role [1].", True),
        (MULAN, "A Chinese-American actress was cast in the title role [1].", False),
        ("Who represented Saudi Arabia?", "They sat in Diriyah Palace [1].", False),
    ],
)
def test_a_who_question_needs_the_name_of_someone_who_acts(
    asked: str, claim: str, answers: bool
) -> None:
    assert passes(answer_kind, asked, claim) is answers


def test_a_corrected_premise_is_an_answer() -> None:
    asked = "When does the ceasefire start?"
    assert passes(answer_kind, asked, "No start date for the ceasefire has been agreed [1].")


def test_how_long_wants_a_span_of_time_not_any_number() -> None:
    asked = "How long is Kamila Valieva banned for?"
    assert passes(answer_kind, asked, "Valieva was banned for four years [1].")
    assert passes(answer_kind, asked, "She received a four-year ban [1].")
    assert not passes(answer_kind, asked, "The ruling settles the 2022 team competition [1].")


def test_how_many_wants_a_count_of_what_it_asks_about() -> None:
    asked = "How many homes will be built on Gorsebrook Meadows now?"
    assert passes(answer_kind, asked, "The council approved 310 homes on the meadows [1].")
    assert passes(answer_kind, asked, "The revised plan allows 310 [1].")  # a bare count
    other = "The group has raised $18,000 for legal costs from more than 600 donors [1]."
    assert not passes(answer_kind, asked, other)
    assert not passes(answer_kind, "How many people died in the storm?", "It cost $2 million [1].")


def test_a_name_question_needs_a_name() -> None:
    asked = "What is the name of Microsoft's AR headset?"
    assert passes(answer_kind, asked, "Microsoft's headset is called HoloLens [1].")
    assert passes(answer_kind, asked, "Microsoft calls it the \u201cholographic visor\u201d [1].")
    claim = "Microsoft's headset can display augmented reality [1]."
    assert not passes(answer_kind, asked, claim)
    # a term asked for by "called" is no name: "the net force"
    asked = "What is the resultant force called?"
    assert passes(answer_kind, asked, "It is called the net force [1].")


def test_a_time_is_no_reason() -> None:
    asked = "Why did Zelenskiy postpone his visit to Saudi Arabia?"
    claim = "Zelenskiy postponed his visit, which had been planned for Wednesday [1]."
    assert not passes(answer_kind, asked, claim)
    claim = "Zelenskiy postponed his visit for fear of legitimising the talks [1]."
    assert passes(answer_kind, asked, claim)


def test_what_caused_wants_a_cause() -> None:
    asked = "What caused the AT&T outage?"
    assert passes(answer_kind, asked, "The outage was caused by an incorrect process [1].")
    assert passes(answer_kind, asked, "A software error knocked out the network [1].")
    assert not passes(answer_kind, asked, "AT&T said it had restored service to customers [1].")
    # "as of Thursday" says when, not why
    assert not passes(answer_kind, asked, "AT&T said it was still assessing it as of Thursday [1].")


def test_a_what_x_question_is_not_answered_by_the_kind_alone() -> None:
    asked = "What pathway that plays a role in immune response to viruses is in all eukaryotes?"
    kind_alone = "One pathway conserved across all eukaryotes plays a role in immune response [1]."
    named = "The RNA interference pathway is conserved across all eukaryotes [1]."
    assert not passes(answer_kind, asked, kind_alone)
    assert passes(answer_kind, asked, named)
    no_date = "No date has been set for the meeting [1]."
    assert passes(answer_kind, "On what date will Trump and Putin meet?", no_date)


def test_a_numbered_season_is_no_date() -> None:
    asked = "When does season 4 of the drama premiere?"
    assert not passes(answer_kind, asked, "Staunton takes over the role for seasons 5 and 6 [1].")
    assert passes(answer_kind, asked, "The show returns for season 4 next month [1].")
    assert passes(answer_kind, asked, "Season 4 premieres on November 15 [1].")
