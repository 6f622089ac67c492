"""Polarity and modality: a sentence may not say that something happened where its source
says it did not, or only may or will ("unlikely to take place next week"; "will meet
again within two weeks" is no meeting that lasted two weeks), or says the opposite of
the same subject ("Williams lost" for "Williams won").

Compared twice: the sentence's main clause against the window's clause that says the
same, and the clause of each value the sentence gives against the clauses the window
writes that value in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.verify.align import aligned_predicate
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.clauses import (
    actors_of,
    clause_of,
    lemmas,
    main_predicate,
    phrase,
    predicate_of,
)
from rag.answer.verify.mood import is_hypothetical, is_negated
from rag.answer.verify.reasons import Reason
from rag.answer.verify.values import value_tokens
from rag.answer.verify.windows import Window
from rag.language.names import name_in

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "negation"
# verbs that say the opposite of each other of the same subject: "Williams won" / "lost"
_OPPOSITES = {
    frozenset(pair.split("/"))
    for pair in (
        "win/lose gain/lose rise/fall increase/decrease accept/reject approve/reject "
        "support/oppose acquit/convict join/leave hire/fire allow/ban pass/fail "
        "start/end begin/end start/finish begin/finish open/close"
    ).split()
}


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    predicate = main_predicate(claim.doc)
    if predicate is not None:
        words = lemmas(claim.doc, clause_of(predicate))
        counterpart = aligned_predicate(words, window.doc, predicate)
        if counterpart is not None and (
            _contradicts(predicate, counterpart) or _opposite(predicate, counterpart)
        ):
            return Reason.NEGATED
    figures = claim.new.figures()
    in_window = value_tokens(window.doc, figures)
    for written, found in zip(value_tokens(claim.doc, figures), in_window, strict=True):
        if written and found:
            mine = predicate_of(written[0])
            if all(_contradicts(mine, predicate_of(place)) for place in found):
                return Reason.NEGATED  # "lasted two weeks" / "will meet again within two weeks"
            if all(_opposite(mine, predicate_of(place)) for place in found):
                return Reason.NEGATED  # "closed in December 2020" / "when it opened in ..."
    return None


def _opposite(mine: Token, theirs: Token) -> bool:
    """The source says the opposite of the same subject: "Serena Williams lost to Bianca
    Andreescu" for "Serena Williams won" (not "Andreescu won", whose subject is another),
    "the Games, which start 4 February" for "the Games end on 4 February"."""
    if frozenset({mine.lemma_.lower(), theirs.lemma_.lower()}) not in _OPPOSITES:
        return False
    subjects = [phrase(_described(a, theirs)) for a in actors_of(theirs)]
    if "it" in subjects:
        return True  # "Recompose ... when it opened": a thing's act, not a rival's
    named = [s for s in subjects if any(w[:1].isupper() for w in s.split())]  # not "she"
    return any(
        name_in(phrase(a), " ".join(subjects)) or any(name_in(s, phrase(a)) for s in named)
        for a in actors_of(mine)
    )


def _described(actor: Token, predicate: Token) -> Token:
    """The noun a relative clause's "which" stands for: "the Winter Games, which start"."""
    if predicate.dep_ == "relcl" and actor.tag_ in ("WDT", "WP"):
        return predicate.head
    return actor


def _contradicts(mine: Token, theirs: Token) -> bool:
    """One says it happened, the other that it did not; or the sentence says it happened
    where the source says it may, should or will."""
    if is_negated(mine) != is_negated(theirs):
        return True
    asserted_past = mine.tag_ in ("VBD", "VBN") and not is_hypothetical(mine)
    return asserted_past and is_hypothetical(theirs)
