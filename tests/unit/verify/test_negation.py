"""Negation: what did not, or may not, happen is not what did."""

from __future__ import annotations

from rag.answer.verify import negation
from tests.unit.verify.helpers import passes


def test_an_unlikely_event_is_not_a_planned_one() -> None:
    text = "Ushakov said a meeting between Trump and Putin was unlikely to take place next week."
    asked = "When will Trump and Putin meet?"
    assert not passes(negation, asked, "Trump and Putin will meet next week [1].", text)


def test_a_denial_is_not_an_admission() -> None:
    text = "Uber said that the strikes had no impact on the app's operations."
    asked = "Did the strike affect Uber?"
    assert not passes(negation, asked, "Uber said the strikes disrupted its operations [1].", text)
    assert passes(
        negation, asked, "Uber said the strikes had no impact on its operations [1].", text
    )


def test_a_plan_is_not_a_past_event() -> None:
    text = "Officials will meet again within two weeks to discuss the war."
    asked = "How long did the talks last?"
    assert not passes(negation, asked, "The talks lasted two weeks [1].", text)
