"""Numbers as a text writes them: digits, words, fractions, scales ("$10.4 billion").

Number words are read by text2num ("twenty-five" is 25). Each number found keeps
every form it stands for ("10.4 billion" is 10.4 and 10,400,000,000), so a claim
and its source agree whichever form each uses. Small number words ("the two
sides") are kept apart: they are figures only where a count is asked for.
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALES |= {"bn": 1e9}
_NUMBER = re.compile(
    r"(?<![\w.])(?P<digits>\d[\d,]*(?:\.\d+)?)(?!\d)(?P<frac>[-\s]1/2|\s?½|\s+and\s+a\s+half)?"
    r"(?:\s*(?P<scale>hundred|thousand|million|billion|trillion|bn)\b)?",
    re.IGNORECASE,
)
# "2/9 of the discharge": a share of something, not a date ("on 1/6", "7/15/2024");
# "1/2" is left to _NUMBER ("3-1/2 hours")
_FRACTION = re.compile(r"(?<![\w./-])([1-9])/([3-9]|10)(?=\s+of\b)")
_MONEY_IN_MILLIONS = re.compile(r"([$£€]\s?\d[\d,]*(?:\.\d+)?)\s?m\b")  # "$3.4m", not "100m"
_DOZEN = re.compile(r"\b(?:a\s+)?dozens?\b", re.IGNORECASE)
_ORDINAL_ENDINGS = ("st", "nd", "rd", "th")
SMALL = 10  # number words up to ten are counts only where a count is asked for


def _found(text: str, ranks: bool = True) -> dict[tuple[float, ...], int]:
    """Each number's forms -> how many times ``text`` writes it (ranks, "18th", too)."""
    found: dict[tuple[float, ...], int] = {}
    text = _MONEY_IN_MILLIONS.sub(r"\1 million", text)
    for match in _FRACTION.finditer(text):
        if (value := _fraction(match)) is not None:
            found[(value,)] = found.get((value,), 0) + 1
    text = _FRACTION.sub(lambda m: m.group() if _fraction(m) is None else " # ", text)
    for match in _NUMBER.finditer(text):
        after = text[match.end() : match.end() + 2]
        if not match.group("scale") and after[:1] == "s":
            continue  # a decade ("the 1990s") is not a figure to look for
        if not ranks and after in _ORDINAL_ENDINGS:
            continue  # "second" (read as "2nd") ranks; it does not count
        try:
            value = float(match.group("digits").replace(",", ""))
        except ValueError:
            continue
        if match.group("frac"):
            value += 0.5
        scale = match.group("scale")
        forms = (value, value * _SCALES[scale.lower()]) if scale else (value,)
        found[forms] = found.get(forms, 0) + 1
    return found


def _fraction(match: re.Match) -> float | None:
    """A proper fraction's value ("2/9"); None for another pair of numbers ("9/4")."""
    numerator, denominator = int(match.group(1)), int(match.group(2))
    return numerator / denominator if numerator < denominator else None


def numbers_in(text: str) -> tuple[frozenset[tuple[float, ...]], frozenset[float]]:
    """(each number with its forms, the small number words) that ``text`` holds."""
    numbers = set(_found(text))
    digits_masked = _NUMBER.sub(" # ", text)  # number words only, from here on
    words = _DOZEN.sub(" 12 ", alpha2digit(digits_masked, "en", threshold=0))
    small = set()
    for forms in _found(words, ranks=False):
        value = forms[0]
        if len(forms) == 1 and value <= SMALL and value == int(value):
            small.add(value)
        else:
            numbers.add(forms)
    return frozenset(numbers), frozenset(small)


def same_number(value: float, values: frozenset[float]) -> bool:
    """``value`` is one of ``values`` (to rounding)."""
    return any(abs(value - v) <= 1e-9 * max(1.0, abs(v)) for v in values)


_YEAR = re.compile(r"(?<![\w.,$£€])(1[89]\d\d|20\d\d)(?!\w|[.,]\d)")


def years_in(text: str) -> set[int]:
    """The years a text writes in digits ("in 2014", "2019-20" gives 2019)."""
    return {int(year) for year in _YEAR.findall(text)}
