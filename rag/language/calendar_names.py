"""Month and weekday names: the one place they are written down.

Dates in questions, articles and answers are read with these; every pattern
that needs a month or a weekday is built from here.
"""

from __future__ import annotations

import re

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# "jan(?:uary)?" ... "sep(?:tember)?|sept": a month name or its abbreviation, maybe with a dot.
MONTH_PATTERN = rf"(?:{'|'.join(f'{m[:3]}(?:{m[3:]})?' for m in MONTH_NAMES)}|sept)\b\.?"
WEEKDAY_PATTERN = rf"(?:{'|'.join(WEEKDAY_NAMES)})\b"
_ABBREVIATED = re.compile(r"^([a-z]{3,9})\.?$")


def month_number(word: str) -> int | None:
    """1 for "January", "Jan" or "jan."; None for any other word ("may" counts: check case)."""
    match = _ABBREVIATED.match(word.lower())
    if not match:
        return None
    word = match.group(1)
    for number, name in enumerate(MONTH_NAMES, start=1):
        lowered = name.lower()
        if word == lowered or (len(word) >= 3 and lowered.startswith(word)) or word == "sept":
            return 9 if word == "sept" else number
    return None


def weekday_number(word: str) -> int | None:
    """0 for "Monday" (or "Mon"), as ``date.weekday()`` counts; None for any other word."""
    match = _ABBREVIATED.match(word.lower())
    if not match:
        return None
    for number, name in enumerate(WEEKDAY_NAMES):
        if name.lower() == match.group(1) or name.lower()[:3] == match.group(1):
            return number
    return None


def is_calendar_word(word: str) -> bool:
    """A month or weekday name: capitalised for the calendar, not because it names someone."""
    return month_number(word) is not None or weekday_number(word) is not None
