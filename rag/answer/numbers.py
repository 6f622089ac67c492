"""Numbers as a text writes them: digits, words, fractions, scales ("$10.4 billion").

Each number found keeps every form it stands for ("10.4 billion" is 10.4 and
10,400,000,000), so a claim and its source agree whichever form each uses.
"""

from __future__ import annotations

import re

_UNITS = dict(
    zip(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split(),
        range(21),
        strict=True,
    )
) | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_UNITS |= {"ninety": 90, "a dozen": 12, "dozen": 12}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALES |= {"bn": 1e9}
_WORD_NUMBER = "|".join(sorted(_UNITS, key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?<![\w.])(?P<digits>\d[\d,]*(?:\.\d+)?)(?P<frac>[-\s]1/2|\s?½)?"
    rf"(?:\s*(?P<scale>hundred|thousand|million|billion|trillion|bn)\b)?"
    rf"|\b(?P<words>(?:{_WORD_NUMBER})(?:[\s-](?:{_WORD_NUMBER}))?)"
    rf"(?P<half>\s+and\s+a\s+half)?(?:\s+(?P<wscale>hundred|thousand|million|billion))?\b",
    re.IGNORECASE,
)


def numbers_in(text: str) -> tuple[frozenset[tuple[float, ...]], frozenset[float]]:
    """(each number with its forms, the small number words) that ``text`` holds."""
    found: set[tuple[float, ...]] = set()
    small: set[float] = set()
    for match in _NUMBER.finditer(text):
        if match.group("digits") and text[match.end() : match.end() + 1] == "s":
            continue  # a decade ("the 1990s") is not a figure to look for
        if match.group("digits"):
            try:
                value = float(match.group("digits").replace(",", ""))
            except ValueError:
                continue
            if match.group("frac"):
                value += 0.5
            scale = match.group("scale")
        else:
            words = re.split(r"[\s-]+", match.group("words").lower())
            joined = " ".join(words)
            value = float(_UNITS.get(joined, sum(_UNITS.get(w, 0) for w in words)))
            if match.group("half"):
                value += 0.5
            scale = match.group("wscale")
            if value <= 10 and not scale and not match.group("half"):
                small.add(value)  # "the two sides": a count only where one is asked for
                continue
        found.add((value, value * _SCALES[scale.lower()]) if scale else (value,))
    return frozenset(found), frozenset(small)


def same_number(value: float, values: frozenset[float]) -> bool:
    """``value`` is one of ``values`` (to rounding)."""
    return any(abs(value - v) <= 1e-9 * max(1.0, abs(v)) for v in values)
