"""Time in questions and in article text, as explicit periods of whole days.

"What happened last week?" needs a "now", and an article's "on Tuesday" needs its publication
date. This module turns both into dated periods, so retrieval can filter by time and the model
sees dated evidence. It is date arithmetic on the day it is given: it never reads the clock.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from rag.dates import parse_day
from rag.errors import NewsqaError
from rag.language.calendar_names import MONTH_NAMES, MONTH_PATTERN, WEEKDAY_NAMES

_MONTH_NUMBERS = {month[:3].lower(): number for number, month in enumerate(MONTH_NAMES, 1)}
_NUMBERS = "a one two three four five six seven eight nine ten eleven twelve".split()
_COUNTS = {word: max(number, 1) for number, word in enumerate(_NUMBERS)} | {"an": 1}
_COUNT = rf"\d{{1,3}}|{'|'.join(_COUNTS)}"
_UNIT = r"day|week|month|year"
_ROLLING_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}  # "the past month": 30 days
_WEEKDAYS = tuple(name[:-3].lower() for name in WEEKDAY_NAMES)  # "mon", "tues", ... "sun"
_OFFSETS = {"last": -1, "previous": -1, "yesterday": -1, "last night": -1, "next": 1, "tomorrow": 1}
# A word before (or, marked +, after) a year, weekday or "today" that makes it a name or no one
# day: Windows 2000, Black Friday, Super Tuesday, every Tuesday, the Sunday Times, USA Today.
_NAME_NEIGHBOURS = frozenset(
    "windows vision agenda version model flight expo black cyber good ash super easter palm holy"
    " maundy bloody giving fat shrove every each usa +times +telegraph +mirror +programme".split()
)


@dataclass(frozen=True)
class Period:
    """Whole days from ``start`` to ``end`` (both included), named as a person would write it."""

    start: date
    end: date
    label: str


@dataclass(frozen=True)
class ResolvedDate:
    """A relative date at ``text[start:end]``: its day (None for a week or longer), its period."""

    start: int
    end: int
    expression: str
    day: date | None
    period: Period
    rendered: str


def day_label(day: date) -> str:
    """A day as news writes it: "18 February 2025"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _day(day: date) -> Period:
    return Period(day, day, day_label(day))


def _years(first: int, last: int, label: str) -> Period:
    return Period(date(first, 1, 1), date(last, 12, 31), label)


def _calendar_unit(unit: str, anchor: date, offset: int = 0) -> Period:
    """The calendar day, week (Monday to Sunday), month or year ``offset`` units from anchor's."""
    if unit == "day":
        return _day(anchor + timedelta(days=offset))
    if unit == "week":
        monday = anchor + timedelta(weeks=offset, days=-anchor.weekday())
        return Period(monday, monday + timedelta(days=6), f"the week of {day_label(monday)}")
    if unit == "year":
        return _years(anchor.year + offset, anchor.year + offset, str(anchor.year + offset))
    year, month = divmod(anchor.year * 12 + anchor.month - 1 + offset, 12)
    first, last = date(year, month + 1, 1), calendar.monthrange(year, month + 1)[1]
    return Period(first, first.replace(day=last), f"{MONTH_NAMES[month]} {year}")


def _is_part_of_name(match: re.Match[str], group: str) -> bool:
    text, start, end = match.string, match.start(group), match.end(group)
    before = re.search(r"([A-Za-z]+)\W*$", text[max(0, start - 20) : start])
    after = re.match(r"\W*([A-Za-z]+)", text[end : end + 20])
    words = {before[1].lower() if before else "", f"+{after[1].lower()}" if after else ""}
    return bool(words & _NAME_NEIGHBOURS)


def _explicit_day(match: re.Match[str], anchor: date | None) -> Period | None:
    """An ISO day, or a day written with its month and year ("18 Feb 2025", "Feb. 18, 2025")."""
    try:
        if match["iso"]:
            return _day(parse_day(match["iso"]))  # never None: the pattern matched a day
        month = _MONTH_NUMBERS[(match["month"] or match["month2"])[:3].lower()]
        return _day(date(int(match["year"]), month, int(match["day"] or match["day2"])))
    except (NewsqaError, ValueError):  # 2025-13-45, 30 February 2025: its words mean no time
        return _NOT_A_DAY


def _month_or_year(match: re.Match[str], anchor: date | None) -> Period | None:
    """A month ("Feb 2025"), a year ("in 2022") or a season ("2019-20" is 2019 and 2020)."""
    first, second = int(match["year"]), match["next"]
    if match["month"]:
        return _calendar_unit("month", date(first, _MONTH_NUMBERS[match["month"][:3].lower()], 1))
    if second:  # a season: the next year, written in full or by its last two digits
        last = int(second) if len(second) == 4 else first + (int(second) - first) % 100
        return _years(first, last, f"{first}-{second}") if last == first + 1 else None
    return None if _is_part_of_name(match, "year") else _years(first, first, str(first))


def _relative_period(match: re.Match[str], anchor: date | None) -> Period | None:
    """Last/this/next week, yesterday, today, two weeks ago, the past month: read from anchor."""
    if match["word"]:
        offset = _OFFSETS.get(" ".join(match["word"].lower().split()), 0)
        return None if _is_part_of_name(match, "word") else _day(anchor + timedelta(days=offset))
    if match["rel"]:
        return _calendar_unit(match["unit"].lower(), anchor, _OFFSETS.get(match["rel"].lower(), 0))
    count = _COUNTS.get(word := (match["count"] or match["count2"] or "a").lower()) or int(word)
    if match["ago"]:
        return _calendar_unit(match["ago"].lower(), anchor, -count)
    start = anchor - timedelta(days=_ROLLING_DAYS[match["past"].lower()] * count - 1)
    return Period(start, anchor, f"{day_label(start)} to {day_label(anchor)}")


_FUTURE = re.compile(
    r"\b(?:will|would|shall|is to|are to|is due to|are due to|plans? to|planned to|"
    r"(?:is|are) (?:set|scheduled|expected) to|(?:is|are) planning to)\b|['’]ll\b",
    re.IGNORECASE,
)


def _weekday_day(match: re.Match[str], anchor: date | None) -> Period | None:
    """The latest such weekday on or before anchor: before it for "last", after it for "next"
    or when the clause speaks of the future ("talks will resume on Monday")."""
    if _is_part_of_name(match, "weekday"):
        return None
    weekday = _WEEKDAYS.index(match["weekday"][:-3].lower())
    relation = (match["rel"] or "").lower()
    before = match.string[max(0, match.start() - 80) : match.start()]
    clause = re.split(r"[.;:!?,]\s|\s(?:and|but|while|after|before)\s", before)[-1]
    if relation == "next" or (relation != "last" and _FUTURE.search(clause)):
        return _day(anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1))
    strict = relation == "last"
    return _day(anchor - timedelta(days=(anchor.weekday() - weekday - strict) % 7 + strict))


# Each rule: a pattern (case-insensitive) and what its matches mean, given an anchor day.
_Rule = tuple[str, Callable[[re.Match[str], date | None], Period | None]]
_PREP = r"(?:(?P<prep>in|on|during|since|for|from|of|by)\s+)?"
_NOT_A_DAY = Period(date.min, date.min, "not a day")  # what an impossible written day means
_DAY_RULE: _Rule = (
    rf"\b{_PREP}(?:(?P<iso>\d{{4}}-\d{{1,2}}-\d{{1,2}})\b|(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:\s+of)?\s+(?P<month>{MONTH_PATTERN})|(?P<month2>{MONTH_PATTERN})\s+(?P<day2>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?\b),?\s+(?P<year>\d{{4}})\b)",
    _explicit_day,
)
_RELATIVE_RULES: list[_Rule] = [
    (
        rf"\b(?:(?P<rel>last|previous|this|earlier\s+this|next)\s+(?P<unit>{_UNIT})\b"
        r"|(?P<word>yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))"
        rf"|(?P<count>{_COUNT})\s+(?P<ago>{_UNIT})s?\s+ago|(?:(?:in|over|during|within)\s+)?the\s+"
        rf"(?:past|last|previous)\s+(?:(?P<count2>{_COUNT})\s+)?(?P<past>{_UNIT})s?)(?:['’]s)?\b",
        _relative_period,
    ),
    (
        rf"\b(?:(?P<rel>on|last|next|this|since|until|by|from)\s+)?"
        rf"(?P<weekday>(?:{'|'.join(_WEEKDAYS)})day)(?P<poss>['’]s)?\b"
        r"(?:\s+(?P<part>morning|afternoon|evening|night)\b)?"
        rf"(?![\s,]*\(?\s*(?:the\s+)?(?:\d|{MONTH_PATTERN}\s+\d))",  # "Tuesday, 18 Feb": dated
        _weekday_day,
    ),
]


def _day_this_year(match: re.Match[str], anchor: date | None) -> Period | None:
    """ "April 8" or "8 April" without a year: the latest such day on or before ``anchor``."""
    if anchor is None:
        return None
    month = _MONTH_NUMBERS[(match["month"] or match["month2"])[:3].lower()]
    try:
        day = date(anchor.year, month, int(match["day"] or match["day2"]))
        return _day(day if day <= anchor else day.replace(year=anchor.year - 1))
    except ValueError:
        return _NOT_A_DAY


QUESTION_RULES: list[_Rule] = [
    _DAY_RULE,
    (
        rf"\b{_PREP}(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month>{MONTH_PATTERN})"
        rf"|(?P<month2>{MONTH_PATTERN})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)(?!,?\s*\d{{4}})",
        _day_this_year,
    ),
    (
        rf"(?<![-/.\d$£€#,])\b{_PREP}(?:(?P<month>{MONTH_PATTERN}),?\s+)?(?P<year>(?:19|20)\d\d)"
        r"(?:\s?[-/–]\s?(?P<next>\d{4}|\d{2}))?\b(?![-/–.,]\d|%)",
        _month_or_year,
    ),
    *_RELATIVE_RULES,
]


def scan(text: str, rules: list[_Rule], anchor: date | None) -> list[tuple[re.Match, Period]]:
    """Matches that mean a period, leftmost first; of overlapping ones the longest wins."""
    found = [
        (match, period)
        for pattern, resolve in rules
        for match in re.finditer(pattern, text, re.IGNORECASE)  # compiled once, by re's cache
        if (period := resolve(match, anchor)) is not None
    ]
    kept: list[tuple[re.Match, Period]] = []
    for match, period in sorted(found, key=lambda item: (item[0].start(), -item[0].end())):
        if not kept or match.start() >= kept[-1][0].end():
            kept.append((match, period))
    return [(match, period) for match, period in kept if period is not _NOT_A_DAY]


def parse_iso_day(text: str) -> date:
    """A day typed as YYYY-MM-DD; anything else raises NewsqaError with how to write it."""
    day = parse_day(text)  # "2025-13-45" is refused there
    if day is None:
        raise NewsqaError("no day given: write dates as YYYY-MM-DD, e.g. 2025-02-18.")
    return day


def find_days(text: str) -> list[tuple[int, int, date]]:
    """Days written with their year ("18 Feb 2025", "2025-02-18") in text: (start, end, day)."""
    return [(m.start(), m.end(), period.start) for m, period in scan(text, [_DAY_RULE], None)]


def resolve_relative_dates(text: str, published: date) -> list[ResolvedDate]:
    """Relative dates in article text ("on Tuesday", "last week"), read from its publication day."""
    resolved = []
    for match, period in scan(text, _RELATIVE_RULES, published):
        day = period.start if period.start == period.end else None
        bare_weekday = "poss" in match.re.groupindex and not (match["poss"] or match["part"])
        rendered = f"{match[0]} {period.label}" if bare_weekday else f"{match[0]} ({period.label})"
        resolved.append(ResolvedDate(match.start(), match.end(), match[0], day, period, rendered))
    return resolved


def annotate(text: str, published: date) -> str:
    """The text with each relative date followed by its date: "on Tuesday (18 February 2025)"."""
    for found in reversed(resolve_relative_dates(text, published)):
        text = f"{text[: found.end]} ({found.period.label}){text[found.end :]}"
    return text
