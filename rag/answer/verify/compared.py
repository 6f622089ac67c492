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

So it is with the whole a part is counted from: "All 12 member states adopted the
Social Charter" is not supported by "adopted by 11 of the then 12 member states",
nor "130 lawmakers voted" by "101 members in the 130-person legislative body voted".
The sentence must give the part too.
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
_PART_OF = frozenset({"of", "in", "among", "from"})  # "11 of the 12", "101 ... in the 130"
_PARTS = frozenset({"majority", "most", "half", "minority", "all", "some", "none"})


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    if not claim.new.numbers:
        return None
    said = lemmas(claim.doc, range(len(claim.doc)))
    for fact, mine in zip(each_fact(claim.new), value_tokens(claim.doc, claim.new), strict=True):
        if not fact.numbers or any(_reference(token) is not None for token in mine):
            continue  # a name or a date, or the sentence compares too
        theirs = value_tokens(window.doc, fact)[0]
        acts = {predicate_of(token).lemma_ for token in mine}
        standards = [_reference(token, acts) for token in theirs]
        if not theirs or None in standards:
            continue  # not in this window, or written once as a figure of its own
        if all(words - shared(words, said) for words in standards):
            return Reason.OTHER_RELATION
    return None


def _reference(value: Token, acts: set[str] | None = None) -> set[str] | None:
    """What the sentence must say as well, when ``value`` is a standard, or a whole of
    which only a part did what the sentence says all did (``acts``, the sentence's verbs
    for its figure: "19 of its 20 restaurants closed" still says it had 20)."""
    standard = standard_of(value)
    if standard is not None:
        return standard
    if acts is not None and predicate_of(value).lemma_ not in acts:
        return None
    return whole_of(value)


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


def whole_of(value: Token) -> set[str] | None:
    """When ``value`` counts the whole that a part of its clause is taken from ("12" in
    "11 of the then 12 member states", "130" in "a majority of 101 members in the
    130-person body"), the part's number; else None."""
    noun = value
    while noun.dep_ in ("nummod", "quantmod", "compound", "nmod", "amod") and noun.head.pos_ in (
        "NOUN",
        "PROPN",
    ):
        noun = noun.head
    link = noun.head
    if noun.dep_ != "pobj" or link.lower_ not in _PART_OF:
        return None
    part = link.head
    if part.lower_ == "one":
        return None  # "one of the 62 lawmakers": a member of the whole, which it counts
    if part.like_num:  # "11 of the 12"
        return {part.lower_}
    definite = any(c.lower_ == "the" for c in noun.children)
    if part.lower_ not in _PARTS or (link.lower_ == "of" and not definite):
        return None  # "a majority of 101 members": 101 counts the part
    inside = {t.i for t in link.subtree}
    counts = {t.lower_ for t in part.subtree if t.like_num and t.i not in inside}
    return counts  # empty: "a majority of the 12" gives no part's number to ask for


def _figure(value: Token) -> set[int]:
    """The words of the figure itself: the number, what it counts, and the words that
    qualify the number ("19,018 km2", "the 13.0%", not "of adults across the state")."""
    head = value
    if value.dep_ in ("nummod", "quantmod", "compound") and value.head.pos_ in ("NOUN", "SYM"):
        head = value.head
    own = {head.i, *(t.i for t in value.subtree)}
    own |= {c.i for c in head.children if c.dep_ in ("det", "nummod", "quantmod")}
    return own
