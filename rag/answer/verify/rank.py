"""A place in a ranking is the place the source gives the same party.

"The United States finished third in the team event" is not supported by "The
United States finished second and Japan was third": the source gives third place
to Japan, and the United States another place. Only the places the parse ties to
a clause's named actor count: "X finished third", "X was third", "X took third
place", "X came in second". A results table the parser cannot read, or "with X in
second place", ties no place to anyone and is left to the other checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from text_to_num import alpha2digit

from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.clauses import actors_of, phrase
from rag.answer.verify.parties import named
from rag.answer.verify.reasons import Reason
from rag.answer.verify.windows import Window
from rag.language.names import name_in

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "rank"
_PLACE_NOUNS = frozenset({"place", "position", "spot"})
# how a place attaches to its clause's verb: "finished second", "was third", "came in second"
_PLACE_OF_VERB = frozenset({"advmod", "acomp", "attr", "oprd", "npadvmod", "conj"})


class Ranked(NamedTuple):
    place: int
    actor: str  # the words naming who holds it


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    claimed = ranked_in(claim.doc)
    if not claimed:
        return None
    theirs = ranked_in(window.doc)
    for mine in claimed:
        places = {r.place for r in theirs if _same_party(r.actor, mine.actor)}
        given_another = any(
            r.place == mine.place and not _same_party(r.actor, mine.actor) for r in theirs
        )
        if mine.place not in places and (places or given_another):
            return Reason.OTHER_RANK
    return None


def ranked_in(doc: Doc) -> list[Ranked]:
    """Each place the text gives a named actor, as its parse ties them."""
    found = []
    for token in doc:
        place = _place(token)
        predicate = _predicate_of_place(token) if place else None
        if predicate is None:
            continue
        for actor in actors_of(predicate):
            if actor.tag_ == "WP" and predicate.dep_ == "relcl":
                actor = predicate.head  # "Holmes, who finished third"
            if named(actor):
                found.append(Ranked(place, phrase(actor)))
    return found


def _place(token: Token) -> int | None:
    """The place an ordinal names: "third" and "3rd" are 3."""
    if token.ent_type_ != "ORDINAL":
        return None
    written = alpha2digit(token.lower_, "en", threshold=0)  # "third" -> "3rd"
    digits = written[:-2]
    return int(digits) if digits.isdigit() and written[-2:] in ("st", "nd", "rd", "th") else None


def _predicate_of_place(token: Token) -> Token | None:
    """The verb a place is said of: "finished" in "finished third" or "took third place";
    none for "in second place" (whose actor the parse often gets wrong), "the first time"
    or "first met" (an order of events, not a place)."""
    head = token.head
    if token.dep_ in _PLACE_OF_VERB and head.pos_ in ("VERB", "AUX") and head.i != token.i:
        return None if token.lower_ == "first" and token.dep_ == "advmod" else head
    if token.dep_ == "amod" and head.lemma_ in _PLACE_NOUNS and head.dep_ in ("dobj", "attr"):
        return head.head
    return None


def _same_party(a: str, b: str) -> bool:
    return name_in(a, b) or name_in(b, a)
