"""Relation: the answer's value is the one its source gives for what the answer says."""

from __future__ import annotations

from rag.answer.verify import relation
from tests.unit.verify.helpers import passes

INVASIONS = (
    "In 2008, Russia invaded Georgia and occupied 20 per cent of its territory. In 2014, "
    "Russia invaded Ukraine's Crimea and annexed it."
)
CAUCUS = "Trump won the Nevada caucus on Thursday, with Haley finishing second."


def test_a_year_given_for_another_event_fails() -> None:
    asked = "In what year did Russia annex Crimea?"
    assert not passes(relation, asked, "Russia annexed Crimea in 2008 [1].", INVASIONS)
    assert passes(relation, asked, "Russia annexed Crimea in 2014 [1].", INVASIONS)


def test_the_runner_up_named_as_the_winner_fails() -> None:
    asked = "Who won the Nevada caucus?"
    assert not passes(relation, asked, "Haley won the Nevada caucus [1].", CAUCUS)
    assert passes(relation, asked, "Trump won the Nevada caucus [1].", CAUCUS)


def test_an_option_the_source_gives_another_role_fails() -> None:
    asked = "Who won the Nevada caucus? Options: Donald Trump; Nikki Haley; Ron DeSantis."
    assert not passes(relation, asked, "Nikki Haley won the caucus [1].", CAUCUS)
    assert passes(relation, asked, "Donald Trump won the caucus [1].", CAUCUS)


def test_a_paraphrase_with_the_value_in_place_passes() -> None:
    text = "The fort was destroyed in 1560 by the Portuguese, who captured part of the Huguenots."
    asked = "What happened to Fort Coligny?"
    assert passes(relation, asked, "The Portuguese destroyed the fort in 1560 [1].", text)
