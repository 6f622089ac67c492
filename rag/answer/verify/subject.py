"""The source gives the sentence's number or date for the sentence's subject.

"The IPCC was established in 1989" is not supported by "The IPCC Trust Fund,
established in 1989 by UNEP": the source dates the fund, and names the IPCC
only inside the fund's name. Nor is "iOS 13 was released on September 20, 2019"
by "the phone was released on September 20, 2019, one day after the public
release of iOS 13". Where the window writes the sentence's value as said of an
act (not of a noun: "a phone call six days ago"), the act's subject, agent, or
the noun its participle describes must hold one of the sentence's own, when
the window speaks of that one elsewhere. What the act is done to counts too:
"the vote was delayed until March 12" is "the committee postponed its decision
until March 12". "The Il-khanate government" holds
"the Il-khanate"; "the IPCC Trust Fund", another name, does not hold "the IPCC".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.clauses import actors_of, predicate_of
from rag.answer.verify.reasons import Reason
from rag.answer.verify.values import each_fact, value_tokens
from rag.answer.verify.windows import Window
from rag.language.facts import AMOUNT_LABELS, NAME_LABELS, TIME_LABELS
from rag.language.names import plain, same_word

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "subject"
_RELATIVE = frozenset({"WDT", "WP"})  # "which", "who"


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    for fact in each_fact(claim.new):
        if not (fact.numbers or fact.months):
            continue
        written = value_tokens(claim.doc, fact)[0]
        if not written or not _a_value(written[0]):
            continue
        mine = _subjects(written[0], described=False)
        mine = [t for t in mine if t.pos_ in ("NOUN", "PROPN")]
        if not mine:
            continue
        theirs = [_subjects(t) for t in value_tokens(window.doc, fact)[0]]
        if not theirs or any(not s or _holds(s, mine) for s in theirs):
            continue
        inside = {t.i for s in theirs for a in s for t in a.subtree}
        named = [t for t in window.doc if t.pos_ in ("NOUN", "PROPN") and t.i not in inside]
        if any(_same(m, t) for m in mine for t in named):
            return Reason.OTHER_RELATION
    return None


def _a_value(token: Token) -> bool:
    """A number or a date, not a word of a name ("the Philadelphia 76ers")."""
    if token.ent_type_ in NAME_LABELS:
        return False
    return token.like_num or token.ent_type_ in AMOUNT_LABELS | TIME_LABELS


def _subjects(value: Token, described: bool = True) -> list[Token]:
    """Who or what the act ``value`` is said of: its subjects, its agent, and (when
    ``described``) its object and the noun its participle or relative clause describes.
    Empty when the value is said of a noun, is itself the subject, or a subject is a
    pronoun (it may stand for anything)."""
    predicate = predicate_of(value)
    if predicate.pos_ not in ("VERB", "AUX") or not _of_the_act(value, predicate):
        return []
    found = actors_of(predicate)
    if any(a.pos_ == "PRON" and a.tag_ not in _RELATIVE or value in a.subtree for a in found):
        return []
    if predicate.dep_ == "advcl" and not any(a.head.i == predicate.i for a in found):
        return []  # "starting with a call six days ago": its subject is the sentence's
    if described:  # and what it is done to: "the committee postponed its decision"
        found += [c for c in predicate.children if c.dep_ == "dobj"]
    if described and predicate.dep_ in ("acl", "relcl") and predicate.head.i != predicate.i:
        found = [a for a in found if a.tag_ not in _RELATIVE] + _what_it_is(predicate.head)
    return [a for a in found if a.tag_ not in _RELATIVE]


def _what_it_is(noun: Token) -> list[Token]:
    """The noun a participle describes, and what that noun is said to be: "Ocarina of
    Time is a classic that was released in 1998", "Ocarina of Time, a classic released
    in 1998"."""
    found = [noun]
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        found += [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if noun.dep_ == "appos":
        found.append(noun.head)
    return found


def _of_the_act(value: Token, predicate: Token) -> bool:
    """Between the value and its verb stand only prepositions and the value's own words
    ("in June 2011", "10 million homes"), no other noun ("a call six days ago")."""
    current = value
    while current.head.i != current.i and current.head.i != predicate.i:
        current = current.head
        own = value.ent_type_ and current.ent_type_ == value.ent_type_
        if current.pos_ not in ("ADP", "NUM") and not own and current.dep_ != "pobj":
            return False
    return True


def _holds(subjects: list[Token], mine: list[Token]) -> bool:
    """One of the source's subjects holds one of the sentence's: not only as a word of
    another name ("IPCC" in "the IPCC Trust Fund")."""
    for subject in subjects:
        for token in subject.subtree:
            if not any(_same(m, token) for m in mine):
                continue
            head = token.head
            another_name = (
                token.dep_ == "compound"
                and head.pos_ == "PROPN"
                and not any(_same(m, head) for m in mine)
            )
            if not another_name:
                return True
    return False


def _same(mine: Token, theirs: Token) -> bool:
    return mine.lemma_.lower() == theirs.lemma_.lower() or same_word(
        plain(mine.text), plain(theirs.text)
    )
