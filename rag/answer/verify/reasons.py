"""Why a sentence is not shown as supported: one reason per check, typed."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    NO_SOURCE = "no source cited"
    NOT_A_SENTENCE = "a fragment (a headline or byline), not a sentence of the answer"
    RESTATES = "restates the question without answering it"
    WRONG_KIND = "does not give the kind of answer the question asks for"
    NO_OPTION = "does not pick exactly one of the options"
    MISSING_FACTS = "the source does not state its names, numbers or dates"
    NOT_SAID = "the source does not say so"
    OFF_TOPIC = "the supporting text is about something else than the question"
    ANOTHER_TIME = "the source speaks of another time than the question"
    OTHER_RELATION = "the source gives its value for something else"
    OTHER_ACTOR = "the source says another party did or said it"
    OTHER_ROLE = "the source does not call them what the question asks for"
    NEGATED = "the source says it did not, or may not, happen"
    OTHER_RANK = "the source gives that place to another, or another place to them"
