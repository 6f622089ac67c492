"""The value comes with the same names, numbers and dates in the source as in the sentence.

"McClung averaged 14.2 points per game at Texas Tech" is not supported by "McClung
attended Georgetown University, where he averaged 14.2 points per game, before
transferring to Texas Tech": the sentence puts its value with Texas Tech, the
source puts it with Georgetown. The value's companions are the other facts of the
sentence's clause that holds it (names, numbers, dates, the question's own
included). Where the source writes the value, the clause holding it must not put
another fact of a companion's sort in its place (another organisation for Texas
Tech, another year for 2019); nor may the companion's own clause in the source
hold another value of the value's sort ("For every 100 females age 18 and over,
there were 91.3 males" against "94.1 men aged 18 and over"). A window where every
writing of the value is so paired differently gives the value for something else.
A companion the source only refers to ("he", "the company") is no counter-sign.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.clauses import clause_of, gerunds_done_by, role_of
from rag.answer.verify.reasons import Reason
from rag.answer.verify.values import value_tokens
from rag.answer.verify.windows import Window
from rag.language.facts import NAME_LABELS, YEARS, Facts, facts_of
from rag.language.names import name_in, plain, same_word

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "companion"
NUMBER_SORTS = frozenset({"year", "number"})
_ITEM_BREAKS = frozenset({"·", ";", "|", "•"})


@dataclass(frozen=True)
class Fact:
    """One fact of the sentence: what it is, and its sort ("year", "number", or a name's
    entity label)."""

    facts: Facts
    sort: str
    role: str = ""  # a name's: subject or other (``role_of``)


@dataclass(frozen=True)
class Given:
    """What the sentence and the question state: no counter-sign where the source has it."""

    text: str
    values: frozenset[float]


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    question = context.question
    given = Given(f"{claim.plain} {question.stem}", claim.facts.values | question.facts.values)
    elsewhere = [other.doc for other in context.windows_of(window.source)]
    for value, companions in value_companions(claim, context):
        places = value_tokens(window.doc, value.facts)[0]
        if places and all(
            _paired_otherwise(place, value, companions, window.doc, given, elsewhere)
            for place in places
        ):
            return Reason.OTHER_RELATION
    return None


def value_companions(claim: Claim, context: Context) -> list[tuple[Fact, list[Fact]]]:
    """Each value the sentence adds, with its companions: read once per sentence, not
    once per window it is checked against."""
    key = ("companions", claim.plain)
    if key not in context.memo:
        context.memo[key] = _read_pairs(claim, context.question.stem)
    return context.memo[key]


def _read_pairs(claim: Claim, stem: str) -> list[tuple[Fact, list[Fact]]]:
    everything = _singles(claim.doc, claim.facts)
    written_at = {id(f): value_tokens(claim.doc, f.facts)[0] for f in everything}
    pairs = []
    for value in _singles(claim.doc, claim.new):
        if value.facts.names and _asked(value.facts.names[0], stem):
            continue  # the question's subject written in full, not a value it adds
        written = value_tokens(claim.doc, value.facts)[0]
        if not written:
            continue
        clause = clause_of(written[0]) | _phrase_of(written[0])
        own = _entity_of(written[0])
        companions = [
            other
            for other in everything
            if other.facts != value.facts
            and NUMBER_SORTS & {value.sort, other.sort}
            and any(t.i in clause and t.i not in own for t in written_at[id(other)])
        ]
        if companions:
            pairs.append((value, companions))
    return pairs


def _paired_otherwise(
    place: Token,
    value: Fact,
    companions: list[Fact],
    doc: Doc,
    given: Given,
    elsewhere: list[Doc],
) -> bool:
    """At this writing of the value, the source pairs it with another fact where the
    sentence has one of its companions. A companion the window does not write is looked
    for in the rest of the source (``elsewhere``): "For every 100 females there were
    94.1 males" does not say what the next sentence says of those aged 18 and over."""
    clause = _item_of(place, clause_of(place) | _phrase_of(place) | gerunds_done_by(place))
    for companion in companions:
        tokens = value_tokens(doc, companion.facts)[0]
        if any(t.i in clause for t in tokens):
            continue
        if _holds_another(doc, clause, companion, given):
            return True
        if value.sort not in NUMBER_SORTS:
            continue
        written = [(doc, t) for t in tokens] or [
            (other, t) for other in elsewhere for t in value_tokens(other, companion.facts)[0]
        ]
        counting = _counted_noun(place)
        if any(
            _holds_another(other, clause_of(t), value, given, counting=counting)
            for other, t in written
        ):
            return True
    return False


def _asked(name: str, question: str) -> bool:
    """Most words of the name are the question's ("Wendle Valley Half Marathon" of "the
    wendle valley half")."""
    words = [plain(w) for w in name.split() if len(plain(w)) > 2]
    asked = {plain(w) for w in question.split()}
    return bool(words) and sum(any(same_word(w, a) for a in asked) for w in words) * 2 > len(words)


def _entity_of(token: Token) -> set[int]:
    """The token's entity: the other parts of a value are no companions of it ("10" and
    "2020" of "December 10, 2020")."""
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            return set(range(entity.start, entity.end))
    return {token.i}


def _item_of(place: Token, clause: set[int]) -> set[int]:
    """The part of the clause in the same item of a list or table row as ``place``:
    "2019 - Joe Burrow, LSU" of "2020 - DeVonta Smith · 2019 - Joe Burrow, LSU · 2018 - ..."."""
    doc = place.doc
    start = place.i
    while start > 0 and doc[start - 1].text not in _ITEM_BREAKS:
        start -= 1
    end = place.i
    while end + 1 < len(doc) and doc[end + 1].text not in _ITEM_BREAKS:
        end += 1
    return {i for i in clause if start <= i <= end}


def _phrase_of(token: Token) -> set[int]:
    """The words of the noun phrase a value counts or qualifies: "94.1 men aged 18 and
    over"."""
    head = token.head if token.head.pos_ in ("NOUN", "PROPN") else token
    return {t.i for t in head.subtree}


def _holds_another(
    doc: Doc, clause: set[int], fact: Fact, given: Given, counting: str | None = None
) -> bool:
    """The clause writes a fact of ``fact``'s sort that the sentence and question do not:
    a number of what ``counting`` names, when given; a name in the same role."""
    if fact.sort in NUMBER_SORTS:
        for forms, tokens in other_numbers(doc, clause, fact):
            if _sort_of_number(forms) != fact.sort:
                continue
            if counting is not None and all(_counted_noun(t) != counting for t in tokens):
                continue
            if not set(forms) & given.values:
                return True
        return False
    for i in clause:
        token = doc[i]
        if (
            _name_sort(token) == fact.sort
            and token.is_alpha
            and role_of(token) == fact.role
            and not name_in(token.text, given.text)
        ):
            return True
    return False


def other_numbers(
    doc: Doc, words: set[int], fact: Fact
) -> list[tuple[tuple[float, ...], list[Token]]]:
    """Each number other than ``fact``'s that the words write, with its tokens among them."""
    found = facts_of(doc[min(words) : max(words) + 1])
    written = []
    for forms in found.numbers - fact.facts.numbers:
        tokens = value_tokens(doc, Facts(frozenset({forms}), frozenset(), ()))[0]
        if tokens := [t for t in tokens if t.i in words]:
            written.append((forms, tokens))
    return written


def _counted_noun(token: Token) -> str:
    """What a number counts: the lemma of the noun it goes with ("males" of "91.3 males")."""
    head = token.head if token.dep_ in ("nummod", "quantmod") else token
    return head.lemma_.lower()


def _singles(doc: Doc, facts: Facts) -> list[Fact]:
    """Each number, year and name of ``facts`` on its own, with its sort. Months and
    weekdays are left to the same-period check."""
    singles = []
    for forms in facts.numbers:
        single = Facts(frozenset({forms}), frozenset(), ())
        if any(_counts(t) for t in value_tokens(doc, single)[0]):
            singles.append(Fact(single, _sort_of_number(forms)))  # not "76ers"
    for name in facts.names:
        single = Facts(frozenset(), frozenset(), (name,))
        tokens = [t for t in value_tokens(doc, single)[0] if _name_sort(t)]
        if tokens:
            singles.append(Fact(single, _name_sort(tokens[0]), role_of(tokens[0])))
    return singles


def _name_sort(token: Token) -> str:
    """A name's sort: its entity label; PROPN for a proper noun the parser gives none
    ("the River IJssel"); "" for a word that is no name."""
    if token.ent_type_ in NAME_LABELS:
        return token.ent_type_
    return "PROPN" if token.pos_ == "PROPN" and not token.ent_type_ else ""


def _counts(token: Token) -> bool:
    """The token writes an amount or a date, not a number inside a name ("76ers")."""
    return token.ent_type_ not in NAME_LABELS and (token.like_num or token.ent_type_ != "")


def _sort_of_number(forms: tuple[float, ...]) -> str:
    first = forms[0]
    return "year" if first == int(first) and int(first) in YEARS else "number"
