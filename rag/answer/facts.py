"""The checkable content of a sentence: numbers, dates, names, and whether a text holds them.

An answer sentence may say things in its own words, but the names, numbers and
dates it states must be found in what supports it. Matching is forgiving about
form ("four and a half" = "4.5", "Nov." = "November", "Romanian" ~ "Romania",
"Macron" within "Emmanuel Macron") and strict about value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rag.answer.numbers import numbers_in, same_number

_MONTHS = {
    name: n
    for n, names in enumerate(
        "january:jan february:feb march:mar april:apr may june:jun july:jul august:aug "
        "september:sep:sept october:oct november:nov december:dec".split(),
        start=1,
    )
    for name in names.split(":")
}
_MONTH = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE
)
_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:of|de|la|von|van|al|the|and|&)?\s*[A-Z][\w'’.-]*)*")
# Capitalised for grammar, not because they name something.
_TITLES = frozenset(
    "mr mrs ms dr sir lord lady president minister secretary senator sen governor gov rep "
    "chancellor premier prime foreign deputy general gen judge justice king queen prince "
    "princess pope coach spokesperson spokesman spokeswoman ambassador envoy officer "
    "commissioner mayor adviser advisor aide chief director the".split()
)
_NOT_NAMES = frozenset(
    "i a an the in on at of to for and but or he she it they we you his her their its this "
    "that these those there according however also yes no not mr mrs ms dr st source sources "
    "quote answer question".split()
    + list(_MONTHS)
    + "monday tuesday wednesday thursday friday saturday sunday".split()
)


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
        return frozenset(int(v) for v in self.values if v == int(v) and 1800 <= v <= 2100)


_WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)


def facts_of(text: str, known_names: frozenset[str] = frozenset()) -> Facts:
    """The facts of ``text``; ``known_names`` (see ``proper_words``) tell a name that
    opens a sentence ("Germany won ...") from a capitalised ordinary word."""
    numbers, small = numbers_in(text)
    weekdays = frozenset(_WEEKDAYS.index(m.lower()) for m in _WEEKDAY.findall(text))
    return Facts(numbers, _months(text), _names(text, known_names), weekdays, small)


def proper_words(text: str) -> frozenset[str]:
    """Words ``text`` capitalises inside a sentence, where only names are capitalised."""
    found = set()
    for match in re.finditer(r"\b[A-Z][\w'’-]*", text):
        before = text[: match.start()].rstrip()
        if before and before[-1] not in '.!?"“:' and _plain(match.group()) not in _NOT_NAMES:
            found.add(_plain(match.group()))
    return frozenset(found)


def with_counts(facts: Facts) -> Facts:
    """The facts with small number words ("two weeks") counted as numbers."""
    extra = frozenset((value,) for value in facts.small_words)
    return Facts(facts.numbers | extra, facts.months, facts.names, facts.weekdays)


def _months(text: str) -> frozenset[int]:
    months = set()
    for match in _MONTH.finditer(text):
        word = match.group(1)
        if word.lower() == "may" and word == "may":  # the verb, not the month
            continue
        if (
            word.lower() in ("mar", "jan", "dec", "sep", "oct")
            and not match.group(0).endswith(".")
            and word.islower()
        ):
            continue
        months.add(_MONTHS[word.lower()])
    return frozenset(months)


def _names(text: str, known: frozenset[str] = frozenset()) -> tuple[str, ...]:
    names = []
    for match in _NAME.finditer(text):
        words = [w for w in re.split(r"\s+", match.group()) if w]
        while words and _plain(words[0]) in _NOT_NAMES:
            words.pop(0)
        if not words:
            continue
        words[-1] = words[-1].rstrip(".,;:")
        at_start = match.start() == 0 or text[: match.start()].rstrip()[-1:] in '.!?"“:'
        lone = at_start and len(words) == 1
        if lone and not _looks_like_a_name(words[0]) and _plain(words[0]) not in known:
            continue  # a lone capitalised first word is usually just the start of a sentence
        # "Sergei Lavrov and Yuri Ushakov" names two people, each checked on its own
        names += [part for part in re.split(r" (?:and|&) ", " ".join(words)) if part]
    return tuple(dict.fromkeys(names))


def _looks_like_a_name(word: str) -> bool:
    """ "NATO", "U.S.", "GPT-3", "Romania's" name something; "Officials" may not."""
    return bool(re.search(r"[A-Z\d].*[A-Z\d]|['’]s$", word))


def _plain(word: str) -> str:
    return re.sub(r"['’]s$|[.'’]", "", word).lower()


def _stems(text: str) -> list[str]:
    return [_plain(w) for w in re.findall(r"[\w'’.-]+", text)]


def name_in(name: str, text: str) -> bool:
    """Every word of ``name`` (but small ones) is in ``text``.

    "Romanian" matches "Romania"; an acronym matches the words it abbreviates
    ("LSU" in "Louisiana State University").
    """
    have = _stems(text)
    initials = None
    words = name.split()
    for position, word in enumerate(words):
        plain = _plain(word)
        if len(plain) <= 2 or plain in _NOT_NAMES or any(_same_word(plain, h) for h in have):
            continue
        if position == 0 and len(words) > 1 and _surname_alone(words[-1], text):
            continue
        acronym = re.sub(r"[.'’]", "", word)
        if acronym.isupper() and len(acronym) >= 2:
            initials = initials if initials is not None else _initials(text)
            if acronym in initials:
                continue
        return False
    return True


def _surname_alone(surname: str, text: str) -> bool:
    """``text`` names this surname, but never with a given name ("Lavrov", "Mr Lavrov").

    A reply may add the given name a source leaves out ("Sergei Lavrov" for "Lavrov");
    it may not swap one ("Donald Trump" where the source says "Melania Trump").
    """
    surname = re.sub(r"['’]s$", "", surname)
    found = False
    for match in re.finditer(rf"(?:(\S+)\s+)?\b{re.escape(surname)}\b", text):
        found = True
        before = match.group(1) or ""
        given = before[:1].isupper() and not re.search(r"[.,;:!?\"”)]$", before)
        if given and _plain(before) not in _TITLES:
            return False
    return found


def _initials(text: str) -> set[str]:
    """Acronyms of runs of capitalised words: "Louisiana State University" gives "LSU"."""
    found = set()
    for match in re.finditer(
        r"(?:\b[A-Z][a-z]+(?:\s+(?:of|and|for|the)\s+|\s+)){1,5}[A-Z][a-z]+", text
    ):
        words = [w for w in match.group().split() if w[0].isupper()]
        for i in range(len(words)):
            for j in range(i + 2, len(words) + 1):
                found.add("".join(w[0] for w in words[i:j]))
    return found


def share_named(wanted: Iterable[str], terms: set[str]) -> float:
    """Share of the ``wanted`` terms found among ``terms`` ("russian" counts "russia")."""
    wanted = list(wanted)
    found = [w for w in wanted if w in terms or any(_same_word(w, t) for t in terms)]
    return len(found) / (len(wanted) or 1)


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter = min(len(a), len(b))
    return shorter >= 5 and a[: max(5, shorter - 2)] == b[: max(5, shorter - 2)]


def missing_facts(claim: Facts, text: str, text_facts: Facts | None = None) -> list[str]:
    """The claim's facts that ``text`` does not hold (empty when it holds them all)."""
    held = text_facts or facts_of(text)
    values = held.values
    missing = [
        f"{forms[0]:g}" for forms in claim.numbers if not any(same_number(v, values) for v in forms)
    ]
    missing += [f"month {m}" for m in claim.months if m not in held.months]
    missing += [_WEEKDAYS[d].title() for d in claim.weekdays if d not in held.weekdays]
    missing += [name for name in claim.names if not name_in(name, text)]
    return missing


def minus(claim: Facts, given: Facts, given_text: str) -> Facts:
    """The facts of ``claim`` that ``given`` (e.g. the question) does not already state."""
    values = given.values
    return Facts(
        frozenset(f for f in claim.numbers if not any(same_number(v, values) for v in f)),
        claim.months - given.months,
        tuple(name for name in claim.names if not name_in(name, given_text)),
        claim.weekdays - given.weekdays,
        claim.small_words - given.small_words - values,
    )
