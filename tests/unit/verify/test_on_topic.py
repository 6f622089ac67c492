"""On topic: the window is about the question, and the answer about what was asked."""

from __future__ import annotations

from rag.answer.verify import on_topic
from tests.unit.verify.helpers import passes

WALTZ = (
    "Waltz said the war must come to a permanent end. He said there would be some "
    "discussion of territory and of security guarantees."
)


def test_a_quote_about_something_else_fails() -> None:
    asked = "What did Mike Waltz say about territory?"
    assert not passes(
        on_topic, asked, "Waltz said the war must come to a permanent end [1].", WALTZ
    )
    claim = "Waltz said there would be some discussion of territory [1]."
    assert passes(on_topic, asked, claim, WALTZ)


def test_a_window_about_something_else_fails() -> None:
    text = "The city council approved the budget for new buses."
    assert not passes(on_topic, "Who won the marathon?", "The council approved it [1].", text)
