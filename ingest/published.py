"""An article's publication date, read from the article itself when no metadata field gives it.

Loaders take dates from metadata fields (front matter, JSON keys, feed items), but many files
have none. A saved web page states its date in markup (Open Graph, JSON-LD, ``<time>``), a pasted
article in a dateline or a "Published ..." line near its top. This module reads those, offline,
and never guesses: an article with no readable date gets None, never today's date, a year alone
or the file's modification time.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from htmldate import find_date

from ingest.clean import html_to_text
from rag.dates import parse_date
from rag.timeframes import find_days

logger = logging.getLogger(__name__)

HEAD_LINES = 15  # a date further down is about the story, not about its publication
HEAD_CHARS = 1_500
_LONG_LINE = 120  # longer lines are prose: a label counts there only at the start
_MAX_OTHER_WORDS = 4  # "By Jane Doe | Tuesday 18 February 2025": a date line may name its author
_LABEL = re.compile(
    r"\b(?:first\s+published|published|posted|(?P<updated>(?:last\s+)?(?:updated|modified)))\b"
    r"|^[\W_]*dated?\b",
    re.IGNORECASE,
)
# "MOSCOW, February 18, 2025 (AP) —", "KYIV, Ukraine, Feb. 18, 2025 -": a place in capitals first.
_DATELINE = re.compile(r"^[\W_]*[A-Z][A-Z.'’ -]{1,40},(?P<when>.{1,60}?)(?:\(|—|–|\s-\s|$)")
_NUMERIC_DAY = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")  # 18/02/2025, 18.02.2025
_BYLINE = re.compile(r"^[\W_]*by\s+[A-Z]", re.IGNORECASE)
_WEEKDAY_WORD = re.compile(r"\b[A-Za-z]+day\b")


def html_published_date(html: str) -> str | None:
    """The original publication day ("YYYY-MM-DD") an HTML page states, or None if it states none.

    Markup first (meta tags, JSON-LD, ``<time>``, via htmldate, which never downloads here), then
    a dateline or "Published ..." line at the top of the page's text.
    """
    if not isinstance(html, str) or not html.strip():
        return None
    try:
        return _marked_up_date(html) or text_published_date(html_to_text(html)[1])
    except Exception:  # a date is a nicety: a page htmldate or lxml cannot read has none
        logger.debug("no publication date read from the page", exc_info=True)
        return None


def _marked_up_date(html: str) -> str | None:
    found = find_date(
        html.encode("utf-8", errors="replace"),  # bytes: htmldate downloads a str that is a URL
        extensive_search=False,  # the extensive search turns a footer's "© 2024" into 2024-01-01
        original_date=True,
        outputformat="%Y-%m-%d",
    )
    if found == date.today().isoformat() and not _states_iso_day(html, found):
        return None  # htmldate's latest allowed day is today: do not trust it unless written
    return found


def _states_iso_day(html: str, iso_day: str) -> bool:
    return any(
        form in html for form in (iso_day, iso_day.replace("-", "/"), iso_day.replace("-", ""))
    )


def text_published_date(text: str) -> str | None:
    """The publication day ("YYYY-MM-DD") stated near the top of a text or Markdown article.

    A "Published ..." line wins, then a dateline or a line that is a date (maybe with a byline),
    then an "Updated ..." line. A date without its year ("WASHINGTON, Feb 18 (Reuters) -") is
    not enough; neither is a date mentioned in the story's prose.
    """
    if not isinstance(text, str):
        return None
    try:
        found = _stated_day(_head_lines(text))
    except Exception:  # never fail an article over its date
        logger.debug("no publication date read from the text", exc_info=True)
        return None
    return found.isoformat() if found else None


def _head_lines(text: str) -> list[str]:
    lines = (line.strip() for line in text[:HEAD_CHARS].splitlines())
    return [line for line in lines if line][:HEAD_LINES]


def _stated_day(lines: list[str]) -> date | None:
    published = updated = other = None
    for line in lines:
        labelled_published, labelled_updated = _labelled_days(line)
        published = published or labelled_published
        updated = updated or labelled_updated
        if not (labelled_published or labelled_updated):
            other = other or _dateline_day(line) or _date_line_day(line)
    return published or other or updated


def _labelled_days(line: str) -> tuple[date | None, date | None]:
    """(published, updated) from labels: "Published: 18 Feb 2025 | Updated 19 Feb 2025 10:31"."""
    labels = list(_LABEL.finditer(line))
    if not labels or (len(line) > _LONG_LINE and re.search(r"\w", line[: labels[0].start()])):
        return None, None
    published = updated = None
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        day = _first_day(line[label.end() : following.start() if following else len(line)])
        if label["updated"]:
            updated = updated or day
        else:
            published = published or day
    return published, updated


def _dateline_day(line: str) -> date | None:
    dateline = _DATELINE.match(line)
    days = _days_in(dateline["when"]) if dateline else []
    return days[0][2] if days else None


def _date_line_day(line: str) -> date | None:
    """The day on a line that is a date (maybe with a weekday, time or byline) or starts with one.

    "Tuesday 18 February 2025 10:31 GMT", "By Jane Doe | Feb. 18, 2025", "18 Feb 2025 — Officials
    met ..."; not prose such as "On 4 March 2014, the treaty ..." or "By 18 February 2025, ...".
    """
    days = _days_in(line)
    if not days:
        return None
    start, end, day = days[0]
    before, after = line[:start], line[end:]
    leads = not re.search(r"[A-Za-z0-9]", _WEEKDAY_WORD.sub("", before))
    date_first = leads and re.match(r"\s*(?:[—–|:]|-\s|$)", after) is not None
    other_words = re.findall(r"[A-Za-z]{2,}", f"{before} {after}")
    if date_first or _BYLINE.match(line) or len(other_words) <= _MAX_OTHER_WORDS:
        return day
    return None


def _first_day(segment: str) -> date | None:
    whole = parse_date(segment.strip(" \t:|,;*_()[]-–—"))  # RFC 2822, ISO with time and zone
    if whole:
        return date.fromisoformat(whole[:10])
    days = _days_in(segment)
    return days[0][2] if days else None


def _days_in(text: str) -> list[tuple[int, int, date]]:
    """Days written with their year in text, as (start, end, day), first first."""
    return sorted(find_days(text) + _numeric_days(text))


def _numeric_days(text: str) -> list[tuple[int, int, date]]:
    """Day-first or month-first numeric days, only where the order is certain (18/02/2025)."""
    found = []
    for match in _NUMERIC_DAY.finditer(text):
        first, second, year = (int(part) for part in match.groups())
        if first <= 12 and second <= 12 and first != second:
            continue  # 03/04/2025: 3 April or March 4? Left out rather than guessed.
        day, month = (first, second) if first > 12 or first == second else (second, first)
        try:
            found.append((match.start(), match.end(), date(year, month, day)))
        except ValueError:
            continue
    return found
