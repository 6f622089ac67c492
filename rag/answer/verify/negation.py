"""Polarity and modality: a sentence may not say that something happened where its source
says it did not, or only may or will ("unlikely to take place next week"; "will meet
again within two weeks" is no meeting that lasted two weeks).

Compared twice: the sentence's main clause against the window's clause that says the
same, and the clause of each value the sentence gives against the clauses the window
writes that value in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.verify.align import aligned_predicate
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.clauses import (
    clause_of,
    is_hypothetical,
    is_negated,
    lemmas,
    main_predicate,
    predicate_of,
)
from rag.answer.verify.reasons import Reason
from rag.answer.verify.values import value_tokens
from rag.answer.verify.windows import Window
from rag.language.facts import Facts

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "negation"


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    predicate = main_predicate(claim.doc)
    if predicate is not None:
        words = lemmas(claim.doc, clause_of(predicate))
        counterpart = aligned_predicate(words, window.doc, predicate)
        if counterpart is not None and _contradicts(predicate, counterpart):
            return Reason.NEGATED
    figures = Facts(claim.new.numbers, claim.new.months, (), claim.new.weekdays)
    in_window = value_tokens(window.doc, figures)
    for written, found in zip(value_tokens(claim.doc, figures), in_window, strict=True):
        if written and found:
            mine = predicate_of(written[0])
            if all(_contradicts(mine, predicate_of(place)) for place in found):
                return Reason.NEGATED  # "lasted two weeks" / "will meet again within two weeks"
    return None


def _contradicts(mine: Token, theirs: Token) -> bool:
    """One says it happened, the other that it did not; or the sentence says it happened
    where the source says it may, should or will."""
    if is_negated(mine) != is_negated(theirs):
        return True
    asserted_past = mine.tag_ in ("VBD", "VBN") and not is_hypothetical(mine)
    return asserted_past and is_hypothetical(theirs)
