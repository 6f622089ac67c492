"""Dates, read one way everywhere: days a user types, and article dates found in files.

A day typed by a user (a filter, ``--since``) must be a real ISO date; a bad one
is refused with a message. An article's date is read leniently from the many
ways feeds and pages write it; one that cannot be read is left out, never an error.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from dateutil.parser import isoparse

from rag.errors import NewsqaError
from rag.language.calendar_names import WEEKDAY_NAMES

logger = logging.getLogger(__name__)

_DATE_ONLY = re.compile(r"\d{4}-?\d{2}-?\d{2}")
_WEEKDAY = re.compile(
    rf"^(?:{'|'.join(name[:3] for name in WEEKDAY_NAMES)})[a-z]*\.?,?\s+", re.IGNORECASE
)
_DATE_FORMATS = tuple(
    f"{day} {time}".strip()
    for day in ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")
    + ("%Y/%m/%d",)
    for time in ("", "%H:%M", "%H:%M:%S", "%I:%M %p")
)


def article_day(text: str | None) -> date | None:
    """An article's stored day (YYYY-MM-DD) as a date; None when undated or unreadable."""
    try:
        return parse_day(text)
    except NewsqaError:
        return None


def parse_day(text: str | None) -> date | None:
    """A day written YYYY-MM-DD, or None for an empty value; anything else is refused."""
    if text is None or not text.strip():
        return None
    value = text.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return isoparse(value).date()
    except (ValueError, OverflowError):
        raise NewsqaError(
            f"{value!r} is not a day: write dates as YYYY-MM-DD, e.g. 2025-02-18."
        ) from None


def parse_date(value: Any) -> str | None:
    """An ISO 8601 date or datetime for a date string, or None if it cannot be read.

    A bad date never rejects an article: dates are only used to show and filter.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
        return parsed.date().isoformat() if _DATE_ONLY.fullmatch(text) else parsed.isoformat()
    except ValueError:
        pass
    human = _WEEKDAY.sub("", re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text))
    human = re.sub(r"\s+", " ", human.replace("Sept", "Sep").replace(".", "")).strip()
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(human, fmt)
        except ValueError:
            continue
        has_time = "%H" in fmt or "%I" in fmt
        return parsed.isoformat() if has_time else parsed.date().isoformat()
    try:
        return parsedate_to_datetime(text).isoformat()  # RFC 2822, as in RSS feeds
    except (TypeError, ValueError, IndexError):
        logger.debug("unparseable date %r", value)
        return None
