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
from rag.language.facts import Facts
from rag.language.names import name_in

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "negation"
# verbs that say the opposite of each other of the same subject: "Williams won" / "lost"
_OPPOSITES = {
    frozenset(pair.split("/"))
    for pair in (
        "win/lose gain/lose rise/fall increase/decrease accept/reject approve/reject "
        "support/oppose acquit/convict join/leave hire/fire allow/ban pass/fail"
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
    figures = Facts(claim.new.numbers, claim.new.months, (), claim.new.weekdays)
    in_window = value_tokens(window.doc, figures)
    for written, found in zip(value_tokens(claim.doc, figures), in_window, strict=True):
        if written and found:
            mine = predicate_of(written[0])
            if all(_contradicts(mine, predicate_of(place)) for place in found):
                return Reason.NEGATED  # "lasted two weeks" / "will meet again within two weeks"
    return None


def _opposite(mine: Token, theirs: Token) -> bool:
    """The source says the opposite of the same subject: "Serena Williams lost to Bianca
    Andreescu" for "Serena Williams won" (not "Andreescu won", whose subject is another)."""
    if frozenset({mine.lemma_.lower(), theirs.lemma_.lower()}) not in _OPPOSITES:
        return False
    subjects = " ".join(phrase(a) for a in actors_of(theirs))
    return any(name_in(phrase(a), subjects) for a in actors_of(mine))


def _contradicts(mine: Token, theirs: Token) -> bool:
    """One says it happened, the other that it did not; or the sentence says it happened
    where the source says it may, should or will."""
    if is_negated(mine) != is_negated(theirs):
        return True
    asserted_past = mine.tag_ in ("VBD", "VBN") and not is_hypothetical(mine)
    return asserted_past and is_hypothetical(theirs)
