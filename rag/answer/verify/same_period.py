"""The window can be about the years the question asks about.

Its own years say so, or else its source's; without any, an article published
before the asked year began cannot report what happened in it. And the sentence
itself does not name the asked thing by another year: "won the 2019 Women's
British Open golf tournament in 2020" answers nothing about 2020's tournament.
That is asked of short facts only: an account may well set one year's event
beside another's.
"""

from __future__ import annotations

from rag.answer.question.plan import CheckMode
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.reasons import Reason
from rag.answer.verify.windows import Window
from rag.dates import article_day

NAME = "same period"
_BEFORE_A_NOUN = ("nummod", "compound", "amod")


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    asked = context.question.facts.years
    if not asked:
        return None
    if context.mode is CheckMode.FACT and _names_it_by_another_year(claim, context):
        return Reason.ANOTHER_TIME
    said = window.facts.years or window.source_years
    if said:
        return None if asked & said else Reason.ANOTHER_TIME
    day = article_day(window.source.passage.date)
    return None if day is None or day.year >= min(asked) else Reason.ANOTHER_TIME


def _names_it_by_another_year(claim: Claim, context: Context) -> bool:
    """A year the question does not ask about stands before a noun of its subject: "the
    2019 ... tournament" for "Who won the British Open golf tournament in 2020?"."""
    asked = context.question.facts.years
    for token in claim.doc:
        if not (token.shape_ == "dddd" and token.dep_ in _BEFORE_A_NOUN) or token.i > token.head.i:
            continue
        if int(token.text) in asked:
            continue
        named = [token.head, *(c for c in token.head.children if c.dep_ == "compound")]
        if context.terms(" ".join(t.text for t in named)) & context.question.subject_terms:
            return True  # "the 2013 Wimbledon Championships" for "Wimbledon in 1936"
    return False
