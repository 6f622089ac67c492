"""A number counts in the source what it counts in the sentence.

"The College Bowl Team has won 118 national championships" is not supported by
"has won 118 tournaments and 15 national championships": the source's 118
counts tournaments, and another of its numbers counts championships. Each
place the window writes the sentence's number, it must count the same thing
(or a thing close in meaning: "victims" for "people"), unless the window counts
that thing with no other number either. A bare number ("55 played") may count
anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.reasons import Reason
from rag.answer.verify.values import value_tokens
from rag.answer.verify.windows import Window
from rag.language.calendar_names import month_number, weekday_number
from rag.language.facts import Facts

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "counted"
_ON_A_NUMBER = frozenset({"nummod", "compound", "quantmod"})
_SHARES = frozenset({"%", "percent", "pct", "percentage"})


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    for number in claim.new.numbers:
        fact = Facts(frozenset({number}), frozenset(), ())
        written = value_tokens(claim.doc, fact)[0]
        mine = counted_noun(written[0]) if written else None
        if mine is None:
            continue
        places = value_tokens(window.doc, fact)[0]
        theirs = [counted_noun(t) for t in places]
        if not theirs or any(t is None or t.lemma_.lower() == mine.lemma_.lower() for t in theirs):
            continue
        if _counted_elsewhere(mine, fact, window, context):
            return Reason.OTHER_RELATION  # another of the source's numbers counts this thing
    return None


def _counted_elsewhere(mine: Token, fact: Facts, window: Window, context: Context) -> bool:
    """Another number than ``fact``, anywhere in the window's source, counts ``mine``."""
    for other in context.windows_of(window.source):
        at = {t.i for t in value_tokens(other.doc, fact)[0]}
        for token in other.doc:
            if token.i in at or not token.like_num:
                continue
            thing = counted_noun(token)
            if thing is not None and thing.lemma_.lower() == mine.lemma_.lower():
                return True
    return False


def counted_noun(number: Token) -> Token | None:
    """The noun a number counts: "homes" in "10 million homes", "people" in "25m
    people", "millennials" in "74% of millennials"; None for a bare number ("55 played")."""
    head = number
    while head.dep_ in _ON_A_NUMBER and head.head is not head:
        head = head.head
        if not head.like_num:
            break
    if head.pos_ == "NUM" and head.i + 1 < len(head.doc):  # "25m people": "m" is a number
        head = head.doc[head.i + 1]
    if head is number or head.like_num or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if head.lower_ in _SHARES:  # "65% of Gen Zers" counts Gen Zers
        whole = next((g for c in head.children if c.lower_ == "of" for g in c.children), None)
        head = whole if whole is not None and whole.pos_ in ("NOUN", "PROPN") else head
    if month_number(head.text) or weekday_number(head.text):
        return None  # "April 16": a date, not 16 of anything
    return head
