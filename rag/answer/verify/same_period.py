"""The window can be about the years the question asks about.

Its own years say so, or else its source's; without any, an article published
before the asked year began cannot report what happened in it.
"""

from __future__ import annotations

from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.reasons import Reason
from rag.answer.verify.windows import Window
from rag.dates import article_day

NAME = "same period"


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    asked = context.question.facts.years
    if not asked:
        return None
    said = window.facts.years or window.source_years
    if said:
        return None if asked & said else Reason.ANOTHER_TIME
    day = article_day(window.source.passage.date)
    return None if day is None or day.year >= min(asked) else Reason.ANOTHER_TIME
