"""The window can be about the years the question asks about.

Its own years say so, or else its source's; without any, an article published
before the asked year began cannot report what happened in it. And the sentence
itself does not name the asked thing by another year: "won the 2019 Women's
British Open golf tournament in 2020" answers nothing about 2020's tournament.
That is asked of short facts only: an account may well set one year's event
beside another's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.question.plan import CheckMode
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.reasons import Reason
from rag.answer.verify.windows import Window
from rag.dates import article_day
from rag.language.facts import YEARS

if TYPE_CHECKING:
    from spacy.tokens import Token

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
    2019 ... tournament" for "Who won the British Open golf tournament in 2020?". Read
    once a sentence, however many windows it is checked against."""
    key = (NAME, claim.plain)
    if key not in context.memo:
        context.memo[key] = any(
            _dates_the_subject(token, context) for token in claim.doc if token.like_num
        )
    return context.memo[key]


def _dates_the_subject(token: Token, context: Context) -> bool:
    if token.dep_ not in _BEFORE_A_NOUN or token.i > token.head.i or not token.text.isdigit():
        return False
    year = int(token.text)
    if year not in YEARS or year in context.question.facts.years:
        return False
    named = [token.head, *(c for c in token.head.children if c.dep_ == "compound")]
    # "the 2013 Wimbledon Championships" for "Wimbledon in 1936"
    return bool(context.terms(" ".join(t.text for t in named)) & context.question.subject_terms)
