"""The checkable content of a parsed text: its names, numbers and dates.

Names are the entities the pipeline recognises, and the proper nouns it tags
that no entity covers; a title before a person's name ("Foreign Minister
Sergei Lavrov") is part of how the name is written, not a name of its own.
Numbers keep every form they stand for (``rag.language.numbers``); months and
weekdays are read with the calendar's names, and only where the parse sees a
date or a proper noun ("may" the verb is no month).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.language.calendar_names import is_calendar_word, month_number, weekday_number
from rag.language.names import name_in
from rag.language.numbers import numbers_in, same_number

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME_LABELS = frozenset(
    "PERSON ORG GPE NORP LOC FAC EVENT PRODUCT WORK_OF_ART LAW LANGUAGE".split()
)
TIME_LABELS = frozenset({"DATE", "TIME"})
MEASURE_LABELS = TIME_LABELS | {"QUANTITY", "MONEY", "PERCENT"}
AMOUNT_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
YEARS = range(1800, 2101)
_SCORE = re.compile(r"\d+[–—-]\d+")


@dataclass(frozen=True)
class Facts:
    numbers: frozenset[tuple[float, ...]]  # each number as written, and scaled ("10.4 billion")
    months: frozenset[int]
    names: tuple[str, ...]  # as written, each one or more words
    weekdays: frozenset[int] = frozenset()
    small_words: frozenset[float] = frozenset()  # "two", "three": facts only where counted

    def __bool__(self) -> bool:
        return bool(self.numbers or self.months or self.names or self.weekdays)

    @property
    def values(self) -> frozenset[float]:
        """Every number the text holds, small number words included."""
        return frozenset(value for forms in self.numbers for value in forms) | self.small_words

    @property
    def years(self) -> frozenset[int]:
        return frozenset(int(v) for v in self.values if v == int(v) and int(v) in YEARS)

    def figures(self) -> Facts:
        """Its numbers and dates, without its names."""
        return Facts(self.numbers, self.months, (), self.weekdays)

    def with_counts(self) -> Facts:
        """The facts with small number words ("two weeks") counted as numbers."""
        extra = frozenset((value,) for value in self.small_words)
        return Facts(self.numbers | extra, self.months, self.names, self.weekdays)

    def minus(self, given: Facts, given_text: str) -> Facts:
        """The facts not already stated by ``given`` (e.g. the question's)."""
        values = given.values
        return Facts(
            frozenset(f for f in self.numbers if not any(same_number(v, values) for v in f)),
            self.months - given.months,
            tuple(name for name in self.names if not name_in(name, given_text)),
            self.weekdays - given.weekdays,
            self.small_words - given.small_words - values,
        )


def facts_of(doc: Doc | Span) -> Facts:
    numbers, small = numbers_in(doc.text)
    # A number word that measures something ("four years", "two weeks") is a fact like a
    # figure; elsewhere ("one of the", "the two sides") it is a fact only if counted.
    measured = frozenset(
        value
        for ent in doc.ents
        if ent.label_ in MEASURE_LABELS
        for value in numbers_in(ent.text)[1]
    )
    numbers |= frozenset((value,) for value in measured)
    small -= measured
    dated = {t.i for ent in doc.ents if ent.label_ in TIME_LABELS for t in ent}
    calendar = [t for t in doc if t.i in dated or t.pos_ == "PROPN" or t.text[:1].isupper()]
    months = frozenset(
        m for t in calendar if (m := month_number(t.text)) and (t.i in dated or t.text != "may")
    )
    weekdays = frozenset(d for t in calendar if (d := weekday_number(t.text)) is not None)
    return Facts(numbers, months, names_of(doc), weekdays, small)


def names_of(doc: Doc | Span) -> tuple[str, ...]:
    """The names ``doc`` states, in order, each once."""
    names: list[str] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS:
            covered.update(range(ent.start, ent.end))
            text = _name_text(list(ent))
            if text:
                names.append(text)
    run: list[Token] = []
    for token in [*doc, None]:
        if token is not None and _loose_proper_noun(token, covered):
            run.append(token)
            continue
        text = _name_text(run)
        if text:
            names.append(text)
        run = []
    return tuple(dict.fromkeys(names))


def _loose_proper_noun(token: Token, covered: set[int]) -> bool:
    """A proper noun no entity covers, that is not a title of a person named after it."""
    if token.i in covered or token.pos_ != "PROPN" or not token.text[:1].isupper():
        return False
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
        if token.ent_type_ == "PERSON" and token.i in covered:
            return False  # "Foreign Minister" of "Foreign Minister Sergei Lavrov": a title
    return True


def _name_text(tokens: list[Token]) -> str:
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].tag_ == "POS" or _score(tokens[-1])):
        tokens = tokens[:-1]
    if not tokens or all(is_calendar_word(t.text) for t in tokens):
        return ""
    text = "".join(t.text_with_ws for t in tokens).strip()
    return text if any(c.isalpha() for c in text) else ""


def _score(token: Token) -> bool:
    """A score the parser ran into the name before it: "6–2" of "Serena Williams 6–2"."""
    return bool(_SCORE.fullmatch(token.text))


def _stated(forms: tuple[float, ...], values: frozenset[float], text: str) -> bool:
    """The number is among ``values`` in its last form: a scaled one ("$386,759 million")
    in full, not its digits alone ("386,759 vehicles"), unless ``text`` writes them with a
    short scale ("25m people")."""
    if same_number(forms[-1], values):
        return True
    if len(forms) == 1 or not same_number(forms[0], values):
        return False
    return bool(re.search(rf"(?<![\d.]){forms[0]:g}\s?(?:m|bn|k)\b", text.replace(",", "")))


def missing_facts(claim: Facts, text: str, held: Facts) -> list[str]:
    """The claim's facts that ``text`` (whose facts are ``held``) does not state."""
    values = held.values
    missing = [f"{forms[-1]:g}" for forms in claim.numbers if not _stated(forms, values, text)]
    missing += [f"month {m}" for m in claim.months if m not in held.months]
    missing += [f"weekday {d}" for d in claim.weekdays if d not in held.weekdays]
    missing += [name for name in claim.names if not name_in(name, text)]
    return missing
