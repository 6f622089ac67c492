"""The time a question asks about: a period ("in 2023", "since Monday", "last week"),
whether it wants the newest state ("latest", "most recent"), and the question with
its relative time made explicit. Read from ``now``, the newest article's day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rag.timeframes import QUESTION_RULES, Period, scan

_PREPOSITIONS = frozenset("in on since during before after by until from of".split())


@dataclass(frozen=True)
class QuestionTime:
    """The time a question asks about, whether it wants the newest state, and the words used."""

    period: Period | None
    latest: bool
    text: str | None


_LATEST = re.compile(
    r"(?i)\b(?:latest|most\s+recent(?:ly)?|newest|now|currently|current|still|as\s+of\s+today"
    r"|so\s+far|to\s+date|at\s+the\s+moment|these\s+days|nowadays|recently|lately|up\s+to\s+date)\b"
)


def question_period(question: str, now: date) -> QuestionTime:
    """The period a question asks about, relative words read against ``now`` (newest article)."""
    latest = _LATEST.search(question)
    masked = re.sub(r"(?i)\bas\s+of\s+(?:today|now)\b", lambda m: " " * len(m[0]), question)
    found = scan(masked, QUESTION_RULES, now)
    if not found:
        return QuestionTime(None, latest is not None, latest[0] if latest else None)
    match, period = found[0]
    named = {group: match[group] for group in ("prep", "rel") if group in match.re.groupindex}
    if any((word or "").lower() == "since" for word in named.values()):
        period = Period(period.start, max(now, period.start), f"since {period.label}")
    return QuestionTime(period, latest is not None, question[match.start() : match.end()])


def dated_question(question: str, now: date | None) -> str:
    """The question with its relative time made explicit: "last year" -> "in 2023".

    The model and the verifier then read the period the retrieval preferred (a
    small model matches "last year" to a source's "last year's winner" otherwise).
    A question that already names its period is returned as it is.
    """
    if now is None:
        return question
    asked = question_period(question, now)
    if asked.period is None or asked.text is None or asked.period.label in asked.text:
        return question
    at = question.find(asked.text)
    end = at + len(asked.text)
    label = asked.period.label
    first, _, rest = asked.text.partition(" ")
    before = question[:at].split()[-1:]
    if re.search(r"['’]s$", asked.text):  # "last year's winner" -> "2023's winner"
        said = f"{label}{asked.text[-2:]}"
    elif " to " in label:  # "in the last two weeks" -> "from 7 November 2024 to 20 ..."
        said = f"from {label}"
    elif (before and before[0].lower() in _PREPOSITIONS) or label.split()[0] in _PREPOSITIONS:
        said = label  # "since last week" -> "since the week of ..."
    elif first.lower() in _PREPOSITIONS and rest:
        said = f"{first} {label}"
    else:
        said = f"{'on' if asked.period.start == asked.period.end else 'in'} {label}"
    return f"{question[:at]}{said}{question[end:]}"
