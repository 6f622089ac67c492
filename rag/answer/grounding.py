"""From checked sentences to the answer a user sees: kept sentences, citations, or abstention.

The functions here return the parts of an ``Answer`` that verification decides;
the answer service builds the ``Answer`` once, from these and what it measured.
"""

from __future__ import annotations

import re
from typing import Any

from rag.answer.citations import strip_markers
from rag.answer.prompt import ABSTAIN_TEXT
from rag.answer.question import Question
from rag.answer.verify import Reason, Verdict
from rag.dates import article_day
from rag.language.numbers import years_in
from rag.types import (
    Citation,
    Claim,
    Disagreement,
    Passage,
    PeriodMismatch,
    Sentence,
    Withheld,
)

RELATED_SHOWN = 3

_NO_ANSWER = re.compile(
    r"do(?:es)? not contain the answer|don[’']?t know|do not know|cannot answer|can[’']?t answer"
    r"|(?:is|are) not (?:mentioned|provided|given|stated)|no information|not (?:in|found in) the"
    r" (?:sources|passages|articles)",
    re.IGNORECASE,
)


def is_abstention(text: str) -> bool:
    """The model said the sources lack the answer (in the agreed words or its own)."""
    return not text.strip() or bool(_NO_ANSWER.search(text))


def grounded(
    verdicts: list[Verdict],
    passages_by_number: dict[int, Passage],
    related: list[Passage],
    keep_unsupported: bool,
    question: Question,
) -> dict[str, Any]:
    """The answer the supported sentences make, or an abstention when none is."""
    kept = [v for v in verdicts if v.supported or keep_unsupported]
    withheld = [
        Withheld(text=v.text, reason=str(v.reason or "unsupported"))
        for v in verdicts
        if not v.supported
    ]
    if not any(v.supported for v in kept):
        mismatch = None
        if any(v.reason is Reason.ANOTHER_TIME for v in verdicts):
            mismatch = period_mismatch(question, related)
        return {**abstention(related, mismatch), "withheld": withheld}
    sentences = [shown(v) for v in kept]
    joiner = "\n" if question.plan.bullets else " "
    bullet = "- " if question.plan.bullets and len(sentences) > 1 else ""
    return {
        "sentences": sentences,
        "answer": joiner.join(f"{bullet}{s.text}" for s in sentences),
        "abstained": False,
        "withheld": withheld,
        "citations": _citations(kept, passages_by_number),
        "disagreements": [
            Disagreement(
                about=question.text,
                claims=[Claim(text=t, citation=n) for t, n in v.differs],
            )
            for v in kept
            if v.differs
        ],
    }


def abstention(related: list[Passage], mismatch: PeriodMismatch | None = None) -> dict[str, Any]:
    """No answer: the agreed words (or what the evidence is about instead), and the
    closest passages as related reading."""
    return {
        "answer": _mismatch_text(mismatch) if mismatch else ABSTAIN_TEXT,
        "abstained": True,
        "citations": [],
        "sentences": [],
        "related": related[:RELATED_SHOWN],
        "period_mismatch": mismatch,
    }


def period_mismatch(question: Question, related: list[Passage]) -> PeriodMismatch | None:
    """The asked years and the years the closest passages speak of (or were published in)."""
    asked = question.facts.years
    if not asked:
        return None
    found: set[int] = set()
    for passage in related[:RELATED_SHOWN]:
        published = article_day(passage.date)
        years = years_in(passage.text) or ({published.year} if published else set())
        found |= years - asked
    return PeriodMismatch(
        asked=" and ".join(str(y) for y in sorted(asked)), found=[str(y) for y in sorted(found)]
    )


def _mismatch_text(mismatch: PeriodMismatch) -> str:
    if not mismatch.found:
        return f"The articles do not report this for {mismatch.asked}."
    found = _listed(mismatch.found)
    return (
        f"The articles do not report this for {mismatch.asked}; "
        f"the closest reports speak of {found}."
    )


def _listed(items: list[str]) -> str:
    """ "2021", "2021 and 2023", "2008, 2011 and 2021"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def shown(verdict: Verdict) -> Sentence:
    """The sentence as the user sees it: as written, or, repaired, citing what supports it."""
    text = verdict.text
    if verdict.repaired:
        text = strip_markers(text) + "".join(f" [{n}]" for n in verdict.citations)
    return Sentence(text=text, citations=verdict.citations, supported=verdict.supported)


def _citations(verdicts: list[Verdict], passages: dict[int, Passage]) -> list[Citation]:
    support: dict[int, tuple[int, int] | None] = {}
    for verdict in verdicts:
        for n in verdict.citations:
            if support.get(n) is None:
                support[n] = verdict.support.get(n)
    return [Citation.of(n, passages[n], support[n]) for n in sorted(support)]
