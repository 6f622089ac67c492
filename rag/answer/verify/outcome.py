"""A question who won is answered by who won, from a source that says who won.

"Joe Biden was the Democratic presidential nominee" does not answer "Who won the US
Presidential Election 2020?", and "How to Train Your Dragon won the Oscar" is not
supported by a list of the "Best Animated Feature Film Nominees". When the question
asks for a winner, a sentence that names a party only by a role short of winning
(nominee, candidate, finalist) gives the wrong kind of answer; and a sentence that
says its party won needs a window that speaks of winning, not one that names the
party only among the nominees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.question import QuestionKind
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.reasons import Reason
from rag.answer.verify.windows import Window

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "outcome"
# the words, as lemmas, in which a text says who won ("lost to" says it too)
WINNING = frozenset(
    "win winner winning victory victorious victor champion crown title prevail triumph beat "
    "defeat top first gold award elect clinch laureate receive take capture secure earn claim "
    "honor honour lose loser concede".split()
)
# the roles in a contest short of winning it
SHORT_OF_WINNING = frozenset(
    "nominee nominate nomination candidate candidacy finalist shortlist shortlisted contender "
    "runner-up challenger".split()
)


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    if not _asks_who_won(context):
        return None
    if not _says_won(claim.doc):
        return Reason.WRONG_KIND if _speaks_of(claim.doc, SHORT_OF_WINNING) else None
    if not _says_won(window.doc) and _speaks_of(window.doc, SHORT_OF_WINNING):
        return Reason.OTHER_ROLE
    return None


def _says_won(doc: Doc) -> bool:
    """A word of winning, not one of getting a nomination ("earned a Best Actor
    nomination", "the top candidate"); a nominee may win ("the nominee won")."""
    return any(_is(t, WINNING) and not _won_a_nomination(t) for t in doc)


def _won_a_nomination(token: Token) -> bool:
    got = [c for c in token.children if c.dep_ in ("dobj", "attr")]
    qualifies = [token.head] if token.dep_ in ("amod", "compound") else []
    return any(_is(t, SHORT_OF_WINNING) for t in got + qualifies)


def _asks_who_won(context: Context) -> bool:
    question = context.question
    if question.kind is not QuestionKind.FACT or question.doc is None:
        return False
    return any(
        (t.lemma_.lower() == "win" and t.pos_ == "VERB") or t.lemma_.lower() == "winner"
        for t in question.doc
    )


def _speaks_of(doc: Doc, lemmas: frozenset[str]) -> bool:
    return any(_is(t, lemmas) for t in doc)


def _is(token: Token, lemmas: frozenset[str]) -> bool:
    return token.lemma_.lower() in lemmas or token.lower_ in lemmas
