"""Items a source pairs "respectively" stay paired.

"Fox and Telemundo won the English and Spanish television rights, respectively"
does not support "Fox won the Spanish-language rights": the source pairs its two
lists item by item. When a clause of the window says "respectively", the
sentence may name items of two of its lists only at the same place in each:
"in Dallas and Atlanta on July 14 and 15 respectively" puts Atlanta on the 15th.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.clauses import predicate_of
from rag.answer.verify.reasons import Reason
from rag.answer.verify.windows import Window

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "respectively"
_OWN_WORDS = frozenset({"compound", "nummod", "flat"})  # "July 14", "Telemundo Deportes"


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    said = {t.lower_ for t in claim.doc} | {t.lemma_.lower() for t in claim.doc}
    for token in window.doc:
        if token.lower_ != "respectively":
            continue
        places = set()
        for items in _lists(predicate_of(token)):
            named = [i for i, item in enumerate(items) if _words(item) <= said]
            if len(named) == 1:
                places.add(named[0])
        if len(places) > 1:
            return Reason.OTHER_RELATION
    return None


def _lists(predicate: Token) -> list[list[Token]]:
    """The lists of the clause: each first item with the items joined to it by "and"."""
    return [
        [token, *token.conjuncts]
        for token in predicate.subtree
        if token.dep_ != "conj" and token.conjuncts and token.pos_ not in ("VERB", "AUX")
    ]


def _words(item: Token) -> set[str]:
    """The words that name an item: the word and those of its own name or date."""
    own = [c for c in item.children if c.dep_ in _OWN_WORDS]
    return {item.lower_} | {c.lower_ for c in own}
