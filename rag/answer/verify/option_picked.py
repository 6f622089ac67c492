"""A multiple-choice answer picks exactly one of the options (or denies the premise)."""

from __future__ import annotations

from rag.answer.verify.answer_kind import corrects_premise
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.reasons import Reason

NAME = "option picked"


def check(claim: Claim, context: Context) -> Reason | None:
    if not context.question.options:
        return None
    if len(claim.chosen) == 1 or corrects_premise(claim, context):
        return None
    return Reason.NO_OPTION
