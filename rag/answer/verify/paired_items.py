"""Items a source coordinates keep their own facts.

"Michael Cohen paid Stormy Daniels $150,000" is not supported by "the payments −
$130,000 for Daniels and $150,000 for McDougal −", nor "Diffie–Hellman typically uses
512-bit primes" by "512-bit primes are frequently used for RSA and 1024-bit primes are
typical for Diffie–Hellman". When the value stands in one item of a coordination ("X
and Y", two clauses joined by "and"), its facts are those of that item: a companion
of the value (``companions``) that the source writes only in another item of it,
while the value's own item names another party or figure, is paired with another
value. Which entity label the parser gives each item is not compared: it tags the
same kind of item differently within one list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.companions import (
    NUMBER_SORTS,
    Fact,
    Given,
    other_numbers,
    value_companions,
)
from rag.answer.verify.reasons import Reason
from rag.answer.verify.values import value_tokens
from rag.answer.verify.windows import Window
from rag.language.facts import NAME_LABELS
from rag.language.names import name_in

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "paired item"


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    question = context.question
    given = Given(f"{claim.plain} {question.stem}", claim.facts.values | question.facts.values)
    for value, companions in value_companions(claim, context):
        places = value_tokens(window.doc, value.facts)[0]
        if places and all(_in_another_item(p, companions, window.doc, given) for p in places):
            return Reason.OTHER_RELATION
    return None


def _in_another_item(place: Token, companions: list[Fact], doc: Doc, given: Given) -> bool:
    """The value's item of a coordination leaves out a companion that another item of the
    same coordination writes, and writes another fact of its kind in its place."""
    items = coordinated_items(place)
    if items is None:
        return False
    own, others = items
    for companion in companions:
        if not (_writes(doc, others, companion) and not _writes(doc, own, companion)):
            continue
        if _holds_another(doc, own, companion, given):
            return True
    return False


def _writes(doc: Doc, words: set[int], companion: Fact) -> bool:
    """The words write the companion: all of a name ("the River Lek" does not write "the
    River IJssel"), or a number or date."""
    if companion.facts.names:
        text = " ".join(doc[i].text for i in sorted(words))
        return name_in(companion.facts.names[0], text)
    return any(t.i in words for t in value_tokens(doc, companion.facts)[0])


def coordinated_items(token: Token) -> tuple[set[int], set[int]] | None:
    """(the words of the item of the nearest coordination that ``token`` stands in, the
    words of its other items); None when it stands in none."""
    for current in [token, *token.ancestors]:
        first = current
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        members = [first, *_conjuncts(first)]
        if len(members) < 2 or len({_kind(m) for m in members}) > 1:
            continue  # none, or a misparse: "defeated X in the final, 6–3, 6–3" as "and"
        own = _item_words(current)
        return own, set().union(*(_item_words(m) for m in members)) - own
    return None


def _kind(member: Token) -> str:
    return "clause" if member.pos_ in ("VERB", "AUX") else "phrase"


def _conjuncts(first: Token) -> list[Token]:
    """The later items coordinated with ``first``: its "conj" children, and theirs."""
    found = []
    stack = [c for c in first.children if c.dep_ == "conj"]
    while stack:
        item = stack.pop(0)
        found.append(item)
        stack.extend(c for c in item.children if c.dep_ == "conj")
    return found


def _item_words(member: Token) -> set[int]:
    """The member's words, less the later items and the "and" that hang on it."""
    left_out = {
        t.i for child in member.children if child.dep_ in ("conj", "cc") for t in child.subtree
    }
    return {t.i for t in member.subtree} - left_out


def _holds_another(doc: Doc, item: set[int], companion: Fact, given: Given) -> bool:
    """The item writes a name (of any kind) or a figure of the companion's sort that the
    sentence and the question do not."""
    if companion.sort in NUMBER_SORTS:
        return any(
            not set(forms) & given.values for forms, _ in other_numbers(doc, item, companion)
        )
    return any(
        entity.label_ in NAME_LABELS
        and entity.start in item
        and not name_in(entity.text, given.text)
        for entity in doc.ents
    )
