"""The answer plan: what each kind of question gets.

A plan sets four things: how evidence is chosen, the answer's length and
shape, the instructions to the model, and how each sentence is checked.

- fact: the sentences closest to the question; 1-3 sentences; checked as a fact
- account: distinct points across reports; 2-4 sentences; checked as a description
- list: distinct points across reports; one line per item; checked as a description
- brief: distinct points, or for the whole collection the leads of its largest and
  newest stories; 3-6 lines, one point each; checked as a description
- comparison: distinct reports side by side; 2-4 sentences; checked as a description
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rag.answer.question.kinds import QuestionKind


class EvidenceChoice(StrEnum):
    FOCUSED = "focused"  # the sentences most like the question
    COVERAGE = "coverage"  # distinct points, one report per story first
    COLLECTION = "collection"  # the leads of the largest and newest stories


class CheckMode(StrEnum):
    FACT = "fact"  # the answer's names, numbers and dates, in the relation the question asks
    DESCRIPTIVE = "descriptive"  # who did or said what, to whom: the content of the window


@dataclass(frozen=True)
class AnswerPlan:
    kind: QuestionKind
    evidence: EvidenceChoice
    most_sentences: int
    bullets: bool  # the answer is a list of points, one a line
    in_date_order: bool  # sources oldest first: the question follows events in time
    newest_first: bool  # sources newest first: the question asks for the latest
    checks: CheckMode
    gated: bool  # abstain without asking the model when no passage is close enough


def plan_for(
    kind: QuestionKind, about_collection: bool = False, latest: bool = False
) -> AnswerPlan:
    if kind is QuestionKind.FACT:
        return AnswerPlan(
            kind, EvidenceChoice.FOCUSED, 3, False, False, latest, CheckMode.FACT, True
        )
    evidence = EvidenceChoice.COVERAGE
    if kind is QuestionKind.BRIEF and about_collection:
        evidence = EvidenceChoice.COLLECTION
    most = {QuestionKind.ACCOUNT: 4, QuestionKind.LIST: 8, QuestionKind.COMPARISON: 4}.get(kind, 6)
    sequence = kind in (QuestionKind.ACCOUNT, QuestionKind.BRIEF) and not latest
    return AnswerPlan(
        kind=kind,
        evidence=evidence,
        most_sentences=most,
        bullets=kind in (QuestionKind.BRIEF, QuestionKind.LIST),
        in_date_order=sequence,
        newest_first=latest,
        checks=CheckMode.DESCRIPTIVE,
        gated=evidence is not EvidenceChoice.COLLECTION,
    )
