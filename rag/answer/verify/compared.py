"""A figure the source gives only as what something is compared with is not the
subject's own.

"Southern California's population grew by 10.0% in the 2000s" is not supported by
"southern California's rate grew less than the state average of 10.0%": 10.0% is
the state's figure, the one the region is measured against. Nor is "the Amazon
lost an average of 19,018 km2 a year from 2000 to 2005" by "the rate from 2000
to 2005 (22,392 km2 per year) was 18% higher than in the previous five years
(19,018 km2 per year)". A number the window writes only inside a "than" phrase
supports a sentence only when the sentence says what that phrase speaks of (the
state average, the previous five years) in its own words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.verify.align import shared
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.clauses import lemmas, predicate_of
from rag.answer.verify.reasons import Reason
from rag.answer.verify.values import each_fact, value_tokens
from rag.answer.verify.windows import Window

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "compared"


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    if not claim.new.numbers:
        return None
    said = lemmas(claim.doc, range(len(claim.doc)))
    for fact, mine in zip(each_fact(claim.new), value_tokens(claim.doc, claim.new), strict=True):
        if not fact.numbers or any(standard_of(token) is not None for token in mine):
            continue  # a name or a date, or the sentence compares too
        theirs = value_tokens(window.doc, fact)[0]
        standards = [standard_of(token) for token in theirs]
        if not theirs or None in standards:
            continue  # not in this window, or written once as a figure of its own
        if all(words - shared(words, said) for words in standards):
            return Reason.OTHER_RELATION
    return None


def standard_of(value: Token) -> set[str] | None:
    """When ``value`` stands in the "than" phrase of its clause, what else that phrase
    speaks of ("state", "average" for "than the state average of 10.0%"); else None."""
    predicate = predicate_of(value)
    current = value
    while current.i != predicate.i and current.head.i != current.i:
        if current.head.lower_ == "than":
            own = _figure(value)
            rest = [t.i for t in current.subtree if t.i not in own]
            return lemmas(value.doc, rest)
        current = current.head
    return None


def _figure(value: Token) -> set[int]:
    """The words of the figure itself: the number, what it counts, and the words that
    qualify the number ("19,018 km2", "the 13.0%", not "of adults across the state")."""
    head = value
    if value.dep_ in ("nummod", "quantmod", "compound") and value.head.pos_ in ("NOUN", "SYM"):
        head = value.head
    own = {head.i, *(t.i for t in value.subtree)}
    own |= {c.i for c in head.children if c.dep_ in ("det", "nummod", "quantmod")}
    return own
