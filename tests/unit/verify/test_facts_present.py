"""Facts present: the names, numbers and dates an answer adds are in its window."""

from __future__ import annotations

from rag.answer.verify import facts_present
from tests.unit.verify.helpers import passes

TALKS = (
    "Officials met in Riyadh on Tuesday. The meeting lasted four and a half hours. "
    "Sergey Lavrov led the Russian delegation. Marco Rubio led the American one."
)


def test_a_name_or_number_the_source_holds_passes() -> None:
    asked = "Who led the Russian delegation?"
    assert passes(facts_present, asked, "Sergey Lavrov led the Russian delegation [1].", TALKS)
    assert passes(facts_present, asked, "Lavrov led it [1].", TALKS)


def test_a_name_or_number_the_source_lacks_fails() -> None:
    assert not passes(
        facts_present, "Who led the Russian delegation?", "Sergei Shoigu led it [1].", TALKS
    )
    assert not passes(
        facts_present, "How long was the meeting?", "The meeting lasted 9 hours [1].", TALKS
    )


def test_forms_of_one_value_match() -> None:
    asked = "How long was the meeting?"
    assert passes(facts_present, asked, "The meeting lasted 4.5 hours [1].", TALKS)
    assert passes(facts_present, asked, "It went on for four and a half hours [1].", TALKS)


def test_a_sentence_without_facts_must_say_what_the_window_says() -> None:
    text = "The ministers agreed to restore the embassies' staff."
    asked = "What did the ministers agree?"
    assert passes(facts_present, asked, "The ministers agreed to restore embassy staff [1].", text)
    assert not passes(
        facts_present,
        asked,
        "The ministers agreed to lift all sanctions on Russian banks [1].",
        text,
    )


def test_a_name_inside_a_hyphened_word_is_found() -> None:
    text = "Zelenskiy said he was surprised by the US-Russia talks in Riyadh."
    claim = "Zelenskiy was surprised by the talks between the US and Russia [1]."
    assert passes(facts_present, "How did Ukraine react to the talks?", claim, text)


def test_a_name_written_with_an_ampersand_is_found() -> None:
    text = "Locals were asked not to call 911 with an AT&T device during the outage."
    claim = "AT&T had an outage [1]."
    assert passes(facts_present, "Which network had an outage?", claim, text)


def test_a_number_word_that_measures_is_a_fact_wherever_it_stands() -> None:
    sentenced = (
        "Colette Varnhagen was sentenced on Thursday to three years and six months in prison."
    )
    asked = "Give me a rundown of the Varnhagen case."
    wrong = "Varnhagen was sentenced to four years in prison [1]."
    assert not passes(facts_present, asked, wrong, sentenced)
    right = "Varnhagen was sentenced to three years and six months in prison [1]."
    assert passes(facts_present, asked, right, sentenced)
    # "one of" counts nothing: not a fact the source must state
    assert passes(facts_present, asked, "Varnhagen is one of those sentenced [1].", sentenced)
