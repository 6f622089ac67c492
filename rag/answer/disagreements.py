"""When reports give different values for the same thing, the answer shows each.

An answer's figure rests on one report; another report in the evidence may
give another figure for the same thing (a death toll, a cost, a duration). Two
cases, figures only:

- a revision: the other report is of another day, weeks apart at most. The newer
  report's words come first as the current state, the older as what was reported
  before, each with its day and citation. (Reports a year apart are about two
  events: next year's race.)
- a disagreement: the other report is of the same day or undated, and not a copy
  of the cited one (another story). The answer keeps its sentence and adds the
  other report's, quoted, with its citation.

Either way the answer carries the claims side by side (``Verdict.differs``), and
copies of one report never count as a second opinion. The added sentence quotes
its source, so it is supported by construction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from rag.answer.citations import strip_markers
from rag.answer.evidence import Source, dated
from rag.answer.question import AnswerType
from rag.answer.verify import Verdict, Verifier
from rag.dates import article_day
from rag.language.facts import facts_of, missing_facts
from rag.timeframes import day_label, find_days

COMPARED_KINDS = (AnswerType.NUMBER, AnswerType.DURATION)  # what reports differ on: figures
REVISION_DAYS = 45  # updates to a story follow within weeks; a year later it is another event
MOST_CLAIMS = 3  # the answer's and at most two other reports'

# A figure's neighbouring words say what it counts: "12 people", "cost 14 million euros",
# "magnitude 5.8". Two figures are of one thing when they share such a word.
_FIGURE = re.compile(
    r"(?P<before>[A-Za-z]+)?\W{0,2}\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|dozens?|hundreds?|thousands?)\b"
    r"(?:\s+(?:million|billion|thousand|trillion|hundred|per\s?cent|%))?\s*(?P<after>[A-Za-z]+)?",
    re.IGNORECASE,
)
_NOT_WHAT = frozenset(
    "a an the of at least about around some nearly almost more than over under to for in on by "
    "and or was were is are be been had has have with from up down just only roughly".split()
)
_TIME_UNITS = frozenset("second minute hour day week month year decade".split())


@dataclass(frozen=True)
class Window:
    """A sentence of another report, with its article offsets."""

    text: str
    span: tuple[int, int]


def compare_reports(
    verifier: Verifier,
    verdicts: list[Verdict],
    sources: Sequence[Source],
    story_of: Mapping[str, str] | None = None,
) -> list[Verdict]:
    """``verdicts``, with the other reports' values added when they differ.

    ``story_of`` maps article ids to stories: the copies of one report are one report.
    """
    if verifier.question.wants not in COMPARED_KINDS:
        return verdicts
    figures = [v for v in verdicts if v.supported and v.citations and gives_figure(verifier, v)]
    if not figures:
        return verdicts
    answer = figures[0]  # the sentence that gives the asked figure
    by_number = {s.n: s for s in sources}

    def report(source: Source) -> str:
        article = source.passage.article_id
        return (story_of or {}).get(article, article)

    cited = [by_number[n] for n in answer.citations]
    cited_days = [article_day(s.passage.date) for s in cited]
    cited_day = max(cited_days) if None not in cited_days else None  # type: ignore[type-var]
    heard = {report(s) for s in cited}
    sentence = strip_markers(answer.text)
    found: list[tuple[Source, Window, date | None]] = []
    for other in sorted(sources, key=lambda s: s.passage.date or "", reverse=True):
        day = article_day(other.passage.date)
        revision = _other_day(cited_day, day)
        if other.n in answer.citations or (report(other) in heard and not revision):
            continue  # a copy of a report already heard
        if revision and abs((day - cited_day).days) > REVISION_DAYS:  # type: ignore[operator]
            continue  # another event's report
        window = _other_value(verifier, sentence, other)
        if window is not None:
            found.append((other, window, day))
            heard.add(report(other))
    if not found:
        return verdicts
    claims = ((sentence, answer.citations[0]),) + tuple(
        (window.text, other.n) for other, window, _ in found[: MOST_CLAIMS - 1]
    )
    other, window, day = found[0]
    quote = replace(_quote(other, window), differs=claims)
    if _other_day(cited_day, day):
        return _both_days(verdicts, answer, cited_day, quote, day)  # type: ignore[arg-type]
    added = [replace(quote, text=f"Another report gives another figure: {quote.text}")]
    for other, window, _ in found[1 : MOST_CLAIMS - 1]:
        extra = _quote(other, window)
        added.append(replace(extra, text=f"Another: {extra.text}"))
    return verdicts + added


def _other_day(cited_day: date | None, day: date | None) -> bool:
    """Both reports are dated, on different days: a revision, named by its days."""
    return cited_day is not None and day is not None and day != cited_day


def _quote(source: Source, window: Window) -> Verdict:
    """A sentence of ``source`` quoted, with its citation: supported by construction."""
    return Verdict(
        text=f"“{window.text}” [{source.n}]",
        citations=[source.n],
        supported=True,
        support={source.n: window.span},
    )


def _both_days(
    verdicts: list[Verdict], answer: Verdict, answer_day: date, quote: Verdict, quote_day: date
) -> list[Verdict]:
    """The newer report first, as the current state; the older one after it, dated."""
    if quote_day > answer_day:
        newest = replace(
            quote, text=f"The newest report, of {day_label(quote_day)}, says: {quote.text}"
        )
        earlier = replace(answer, text=f"Earlier, on {day_label(answer_day)}: {answer.text}")
        return [newest if v is answer else v for v in verdicts] + [earlier]
    current = replace(answer, text=f"As reported on {day_label(answer_day)}: {answer.text}")
    earlier = replace(
        quote, text=f"An earlier report, of {day_label(quote_day)}, said: {quote.text}"
    )
    return [current if v is answer else v for v in verdicts] + [earlier]


def gives_figure(verifier: Verifier, verdict: Verdict) -> bool:
    """The sentence states a figure (days aside): what reports are compared on."""
    return bool(verifier.claim(_without_days(strip_markers(verdict.text))).new.numbers)


def _other_value(verifier: Verifier, sentence: str, source: Source) -> Window | None:
    """The sentence of ``source``, about the question, that gives another figure than
    ``sentence``. Figures are compared without the dates around them."""
    claim = verifier.claim(_without_days(sentence)).new
    whole = _without_days(source.dated_text)
    if not claim.numbers or not missing_facts(claim, whole, facts_of(verifier.parser(whole))):
        return None  # no figure, or the source says the same somewhere
    found = []
    for start, end in source.spans:
        text = dated(source.passage.text[start:end], source.passage)
        plain = _without_days(text)
        own = verifier.claim(plain).new
        if (
            own.numbers
            and missing_facts(claim, plain, facts_of(verifier.parser(plain)))
            and _of_one_thing(sentence, plain)
            and verifier.relevance.about_question(text)
        ):
            offset = source.passage.start
            found.append(Window(text, (offset + start, offset + end)))
    return max(found, key=lambda w: verifier.relevance.score(w.text), default=None)


def _of_one_thing(claim: str, other: str) -> bool:
    """The other text gives a figure of what the claim's figure counts (when that is said)."""
    counted = _counted(_without_days(claim))
    return not counted or bool(counted & _counted(other))


def _counted(text: str) -> set[str]:
    words = set()
    for match in _FIGURE.finditer(text):
        for word in (match["before"], match["after"]):
            if word and word.lower() not in _NOT_WHAT:
                singular = word.lower().removesuffix("s")
                words.add("time" if singular in _TIME_UNITS else singular)
    return words


def _without_days(text: str) -> str:
    """``text`` without its dates, whose numbers are not counts or amounts."""
    for start, end, _ in reversed(find_days(text)):
        text = text[:start] + text[end:]
    return re.sub(r"\b(?:1[89]|20)\d\d\b", "", text)
