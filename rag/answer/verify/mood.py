"""Whether a clause asserts what it says: negated ("did not", "no plans", "denied") or
hypothetical ("will", "plans to", "the original date was").

The negation check compares these readings of an answer's clause and of its source's:
"the talks did not take place in Riyadh" is not supported by "the talks took place in
Riyadh", nor "the summit was held" by "the summit will be held".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.verify.clauses import SPEECH

if TYPE_CHECKING:
    from spacy.tokens import Token


NEGATIVE = frozenset(
    "no not never neither nor none nobody nothing without deny refuse fail reject unlikely "
    "decline prevent avoid instead skip boycott forgo abstain".split()
)
_NO_ONE = frozenset("nobody nothing none neither".split())  # as a subject or an object
# verbs that keep someone from doing what follows "from": "prevents couples from using"
_KEEPING_FROM = frozenset("prevent stop bar ban block prohibit keep forbid preclude".split())
# verbs whose clause reports another ("denied that", "did not think that"): only their
# negation passes to the clause they report, not that of a clause a parser joined to them
REPORTING = SPEECH | frozenset("think believe know expect hope want seem appear".split())
HYPOTHETICAL = frozenset(
    "will would could may might shall should plan expect intend propose hope aim seek want "
    "consider likely possible schedule scheduled slate due set".split()
)
# what a subject is called when it was only the plan: "the original release date was April 16"
_PLANNED = frozenset(
    "original originally initial initially planned scheduled expected projected proposed "
    "tentative target".split()
)


def is_negated(predicate: Token) -> bool:
    """The clause says something did not happen: "not", "never", "unlikely to", "denied",
    "no plans"; or it is what a negated clause says ("did not claim to have scored")."""
    if predicate.lemma_.lower() in NEGATIVE:
        return True
    for child in predicate.children:
        if child.dep_ == "neg" or child.lower_ in ("never", "no", "without"):
            return True
        if child.dep_ in ("acomp", "advmod", "xcomp") and child.lemma_.lower() in NEGATIVE:
            return True  # "unlikely", "decided to skip the primary"
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and (
            (child.lower_ in _NO_ONE and not _quoted(child))  # not the option "None of these"
            or any(
                g.dep_ in ("det", "nummod") and g.lower_ in ("no", "zero") for g in child.children
            )
        ):
            return True  # "has no plans", "seen zero proof", "nobody was being sidelined"
    head = predicate.head
    if head.i == predicate.i:
        return False
    if predicate.dep_ == "xcomp" or (predicate.dep_ == "ccomp" and head.lemma_ in REPORTING):
        return is_negated(head)  # "did not claim to have scored", "did not say that ..."
    if predicate.dep_ == "pcomp" and head.lower_ == "from":
        return head.head.lemma_.lower() in _KEEPING_FROM  # "prevents couples from using"
    return False


def is_hypothetical(predicate: Token) -> bool:
    """The clause speaks of what may, should or will happen, not of what did ("was to be
    set up" too)."""
    for token in [predicate, *predicate.children]:
        if token.dep_ in ("aux", "auxpass") and token.lemma_.lower() in HYPOTHETICAL:
            return True
    if predicate.lemma_.lower() == "be" and any(_infinitive(c) for c in predicate.children):
        return True  # "was to be set up"
    if predicate.lemma_.lower() == "be" and any(
        m.dep_ == "amod" and m.lower_ in _PLANNED
        for s in predicate.children
        if s.dep_ == "nsubj"
        for m in s.children
    ):
        return True  # "the original release date was April 16"
    head = predicate.head
    if predicate.dep_ == "xcomp" and head.lemma_.lower() == "be" and _infinitive(predicate):
        return True
    return predicate.dep_ == "xcomp" and head.lemma_.lower() in HYPOTHETICAL


def _quoted(token: Token) -> bool:
    """The word opens a quotation: "voted for \u201cnone of these candidates\u201d"."""
    return token.i > 0 and token.doc[token.i - 1].text in ('"', "\u201c", "'", "\u2018")


def _infinitive(token: Token) -> bool:
    return token.dep_ == "xcomp" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )
