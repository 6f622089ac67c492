"""When reports of different days disagree, the newest one is the current state.

A one-sentence answer rests on one report; another report in the evidence, of
another day, may give another value for the same thing (a repair estimate
revised, a death toll raised). Figures only, and reports weeks apart at most: two
reports of different days give different dates because they report different
events, and a report a year later is about another one (next year's race). The
answer then names both days: the newer report's words as the current state, the
older as what was reported before, each with its citation. The added sentence
quotes its source, so it is supported by construction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from rag.answer.citations import strip_markers
from rag.answer.evidence import Source, dated
from rag.answer.facts import missing_facts
from rag.answer.verify import Verdict, Verifier, Window
from rag.dates import article_day
from rag.timeframes import day_label, find_days

REVISED_KINDS = ("number", "duration")  # what later reports of a story revise: figures
REVISION_DAYS = 45  # updates to a story follow within weeks; a year later it is another event


def with_revision(
    verifier: Verifier, verdicts: list[Verdict], sources: Sequence[Source]
) -> list[Verdict]:
    """``verdicts``, with the newer or older report that gives another value, if any."""
    supported = [v for v in verdicts if v.supported]
    if len(supported) != 1 or not supported[0].citations:
        return verdicts
    answer = supported[0]
    by_number = {s.n: s for s in sources}
    cited_days = [article_day(by_number[n].passage.date) for n in answer.citations]
    if None in cited_days:
        return verdicts
    cited_day = max(d for d in cited_days if d is not None)
    sentence = strip_markers(answer.text)
    for other in sorted(sources, key=lambda s: s.passage.date or "", reverse=True):
        day = article_day(other.passage.date)
        if other.n in answer.citations or day is None:
            continue
        if day == cited_day or abs((day - cited_day).days) > REVISION_DAYS:
            continue  # the same day's reports, or another event's
        window = _other_value(verifier, sentence, other)
        if window is None:
            continue
        quote = Verdict(
            text=f"“{window.text}” [{other.n}]",
            citations=[other.n],
            supported=True,
            support={other.n: window.span},
        )
        return _both_days(verdicts, answer, cited_day, quote, day)
    return verdicts


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


def _other_value(verifier: Verifier, sentence: str, source: Source) -> Window | None:
    """The sentence of ``source``, about the question, that gives another figure than
    ``sentence``: a disagreement. Figures are compared without the dates around them."""
    if verifier.question.kind not in REVISED_KINDS:
        return None
    claim = verifier.claim_facts(_without_days(sentence))
    if not claim.numbers or not missing_facts(claim, source.dated_text):
        return None  # no figure, or the source says the same somewhere
    found = []
    for start, end in source.spans:
        text = dated(source.passage.text[start:end], source.passage)
        own = verifier.claim_facts(_without_days(text))
        if own.numbers and missing_facts(claim, text) and verifier.about_question(text):
            offset = source.passage.start
            found.append(Window(text, (offset + start, offset + end)))
    return max(found, key=lambda w: verifier.relevance(w.text), default=None)


def _without_days(text: str) -> str:
    """``text`` without its dates, whose numbers are not counts or amounts."""
    for start, end, _ in reversed(find_days(text)):
        text = text[:start] + text[end:]
    return re.sub(r"\b(?:1[89]|20)\d\d\b", "", text)
