"""On topic: the window is about what the question asks about, and the sentence answers
that, not something next to it.

The window must name enough of the question's subject, or of its core (the subject
less what the answer's items fill in: a source names Ryabkov, not "Russian
officials"), or be close to the question in meaning. The sentence must speak of
the question's focus: the words it asks about beyond the names it repeats and the
verbs of asking ("territory" in "What did Waltz say about territory?", "benefits" in
"What benefits did UPS say its drivers receive?"; ``question.focus``), or be close
in meaning to those words (not to the whole question: its names alone make any
quote of the right person close). A quote about something else, from the right
person, answers nothing. Nor does a source about another organisation's thing: "a
hearing by the House Judiciary subcommittee" for "the Senate hearing" (``qualifiers``).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.qualifiers import another_holder, qualified_nouns
from rag.answer.verify.reasons import Reason
from rag.answer.verify.windows import Window
from rag.language.names import share_named

NAME = "on topic"
_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    question = context.question
    if not question.subject_terms or question.about_collection:
        return None
    config = context.config
    if not _holds_the_quoted_words(window, context):
        return Reason.OFF_TOPIC
    window_terms = context.terms(window.text)
    about = max(
        share_named(question.subject_terms, window_terms),
        share_named(question.core_terms, window_terms) if question.core_terms else 0.0,
    )
    if about < config.min_subject_share and (
        context.similar(question.stem, window.text) < config.min_question_similarity
    ):
        return Reason.OFF_TOPIC
    if _about_another_holders(window, context):
        return Reason.OFF_TOPIC
    focus = question.focus_terms
    if not focus or share_named(focus, context.terms(claim.plain)) >= config.min_focus_share:
        return None
    if context.similar(question.focus, claim.plain) >= config.min_focus_similarity:
        return None
    return Reason.OFF_TOPIC


def _holds_the_quoted_words(window: Window, context: Context) -> bool:
    """A question that quotes words ("Who said \"We didn't bother to play a game rigged
    for Trump\"?") asks about them: the window writes them, in quotes or not, so that who
    said them can be read there."""
    quoted = _quoted_words(context)
    text = _plain_quotes(window.text)
    least = context.config.min_quote_likeness
    return all(fuzz.partial_ratio(q, text) >= least for q in quoted)


def _quoted_words(context: Context) -> list[str]:
    """The runs of three words or more the question quotes, worked out once."""
    key = "quoted words"
    if key not in context.memo:
        found = _QUOTED.findall(context.question.stem)
        context.memo[key] = [_plain_quotes(q) for q in found if len(q.split()) >= 3]
    return context.memo[key]


def _plain_quotes(text: str) -> str:
    return text.lower().replace("’", "'").replace("‘", "'")


def _about_another_holders(window: Window, context: Context) -> bool:
    """The window's source is about another organisation's thing: one of its sentences
    says so, and none names the organisation the question asks about."""
    key = ("another holder", window.source.n)
    if key not in context.memo:
        docs = [w.doc for w in context.windows_of(window.source)]
        context.memo[key] = another_holder(_asked_holders(context), docs)
    return context.memo[key]


def _asked_holders(context: Context) -> dict[str, set[str]]:
    """The organisations the question qualifies its things by, worked out once."""
    key = "asked holders"
    if key not in context.memo:
        doc = context.question.doc
        context.memo[key] = qualified_nouns(doc, with_holders=False) if doc is not None else {}
    return context.memo[key]
