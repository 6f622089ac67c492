"""What the sentence states is in the window: every name, number and date it adds to the
question, and, for a sentence without any (or any descriptive sentence), its content,
by its words or by its meaning."""

from __future__ import annotations

from rag.answer.question.plan import CheckMode
from rag.answer.verify.answer_kind import corrects_premise
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.mood import NEGATIVE
from rag.answer.verify.reasons import Reason
from rag.answer.verify.windows import Window
from rag.language.facts import missing_facts

NAME = "facts present"


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    if missing_facts(claim.new, window.text, window.facts):
        return Reason.MISSING_FACTS
    descriptive = context.mode is CheckMode.DESCRIPTIVE
    if not descriptive and (claim.new or claim.chosen):
        return None
    if not descriptive and corrects_premise(claim, context) and _denies(window):
        return None  # "no date has been set": the window says as much (negation decides)
    return None if says_the_same(claim, window, context) else Reason.NOT_SAID


def says_the_same(claim: Claim, window: Window, context: Context) -> bool:
    config = context.config
    descriptive = context.mode is CheckMode.DESCRIPTIVE
    least_coverage = config.min_descriptive_coverage if descriptive else config.min_coverage
    least_similarity = config.min_descriptive_similarity if descriptive else config.min_similarity
    terms = context.terms(claim.plain)
    if not descriptive:  # a fact's sentence may repeat the question's words; an account's
        terms -= context.question.subject_terms  # must find them in its source too
    if terms:
        coverage = len(terms & context.terms(window.text)) / len(terms)
        if coverage >= least_coverage:
            return True
    return context.similar(claim.plain, window.text) >= least_similarity


def _denies(window: Window) -> bool:
    return any(t.dep_ == "neg" or t.lower_ in NEGATIVE for t in window.doc)
