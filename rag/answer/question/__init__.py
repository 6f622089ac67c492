"""The question, analysed once into what every stage of the answer needs.

``analyse_question`` reads a question (already made standalone and dated) into
a ``Question``: its kind (fact, account, list, brief, comparison), the kind of
answer a fact question wants, its options, the period it asks about, its
topic, its parse and its facts. Retrieval, evidence, the prompt and the checks
all read this one object; none parses the question again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from rag.answer.question.cause import CAUSING_VERBS, CauseAsked, cause_asked
from rag.answer.question.focus import asked_focus
from rag.answer.question.kinds import (
    REQUEST_WORDS,
    AnswerType,
    QuestionKind,
    answer_type,
    question_kind,
)
from rag.answer.question.options import chosen_options, parse_options, without_options
from rag.answer.question.plan import AnswerPlan, CheckMode, EvidenceChoice, plan_for
from rag.language.calendar_names import is_calendar_word
from rag.language.facts import Facts, facts_of
from rag.language.parser import Parser
from rag.question_time import question_period
from rag.text import Analyzer
from rag.timeframes import Period

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "AnswerPlan",
    "AnswerType",
    "CauseAsked",
    "CheckMode",
    "EvidenceChoice",
    "Question",
    "QuestionKind",
    "analyse_question",
    "chosen_options",
    "parse_options",
]

_VALUES = (AnswerType.DATE, AnswerType.NUMBER, AnswerType.DURATION)
_COUNTS = "two|three|four|five"
_SEVERAL = re.compile(
    rf"\b(?:name|list|give|which|what) (?:{_COUNTS}|several|some|all|the \w+ (?:two|three))\b"
    r"|\b(?:two|three|four|five) (?:of|things|people|countries|names|reasons|ways)\b"
    r"|\bcompare\b|\bdifference between\b|\bboth\b|\bwhat (?:were|are) the\b",
    re.IGNORECASE,
)
# Words that ask for a question's kind of answer, not what it is about.
_ASKING = (
    frozenset(
        "who whom whose what which when where why how did does do is are was were will would can "
        "could should has have had tell give me us please happen happens happened".split()
    )
    | REQUEST_WORDS  # "summarize", "latest", "list", "rundown", ...
)
# Words that name the articles rather than their subject: "how do the reports differ".
_SOURCE_WORDS = frozenset(
    "article articles report reports coverage story stories source sources outlet outlets".split()
)
# What a brief about the whole collection says instead of a topic.
_COLLECTION_WORDS = frozenset(
    "article articles news story stories report reports collection today week everything "
    "headline headlines world day main key top point points".split()
)


@dataclass(frozen=True, eq=False)
class Question:
    text: str  # as answered: standalone, its relative dates made explicit
    kind: QuestionKind
    wants: AnswerType | None = None  # for a fact: a number, a date, a place, a person
    options: tuple[str, ...] = ()
    several: bool = False  # asks for more than one item, or a comparison
    subject_terms: frozenset[str] = field(default_factory=frozenset)  # stemmed content words
    # the subject less the words an answer's items fill in: a window naming these is on topic
    core_terms: frozenset[str] = field(default_factory=frozenset)
    focus_terms: frozenset[str] = field(default_factory=frozenset)  # what it asks about
    focus: str = ""  # the words it asks about, as written ("about territory")
    topic: str = ""  # what the question is about, for retrieval ("the Riyadh talks")
    about_collection: bool = False  # a brief of the whole collection ("summarize the articles")
    latest: bool = False  # asks for the newest state ("latest", "most recent", "now")
    period: Period | None = None  # the period it asks about ("in 2023", "since Monday")
    cause: CauseAsked | None = None  # asks why, or what caused something
    doc: Doc | None = None  # the parse of its stem
    facts: Facts = field(default_factory=lambda: Facts(frozenset(), frozenset(), ()))
    plan: AnswerPlan = field(default_factory=lambda: plan_for(QuestionKind.FACT))

    @property
    def stem(self) -> str:
        """The question without its list of options."""
        return without_options(self.text)

    @property
    def is_fact(self) -> bool:
        return self.kind is QuestionKind.FACT

    def as_fact(self) -> Question:
        """The question answered as a short fact: what an open answer falls back to."""
        return replace(
            self,
            kind=QuestionKind.FACT,
            wants=answer_type(self.stem),
            topic=self.stem,
            about_collection=False,
            plan=plan_for(QuestionKind.FACT, latest=self.latest),
        )


def analyse_question(text: str, parser: Parser, now: date | None = None) -> Question:
    """The question read once: ``now`` (the newest article's day) anchors "last week"."""
    options = parse_options(text)
    stem = without_options(text)
    doc = parser(stem)
    wants = answer_type(stem)
    kind = QuestionKind.FACT if options else question_kind(_written_out(doc, parser))
    if kind is QuestionKind.ACCOUNT and wants in _VALUES:
        kind = QuestionKind.FACT  # "what year did consolidation cause ...": a value is asked
    wants = wants if kind is QuestionKind.FACT else None
    asked = question_period(stem, now) if now else None
    when = asked.text if asked else ""  # "most recently": when, not what, it asks about
    said = stem.replace(when, " ") if when else stem
    words = [w for w in re.findall(r"[\w'’-]+", said) if not _aside(w)]
    analyzer = Analyzer()
    terms = frozenset(analyzer.statement_terms(" ".join(words)))
    core = terms - frozenset(analyzer.statement_terms(" ".join(_filled_in(doc, kind))))
    topic_words = _topic_words(doc, when or None)
    topic_terms = [w for w in topic_words if w.lower() not in _COLLECTION_WORDS]
    about_collection = kind is QuestionKind.BRIEF and not topic_terms
    latest = bool(asked and asked.latest)
    focus = asked_focus(doc, wants)
    cause = cause_asked(doc)
    return Question(
        text=text,
        kind=kind,
        wants=wants,
        options=options,
        several=bool(_SEVERAL.search(stem)) or kind in (QuestionKind.LIST, QuestionKind.COMPARISON),
        subject_terms=terms,
        core_terms=core,
        focus_terms=frozenset(analyzer.statement_terms(focus)),
        focus=focus,
        topic=" ".join(topic_words) if kind is QuestionKind.BRIEF and topic_words else stem,
        about_collection=about_collection,
        latest=latest,
        period=asked.period if asked else None,
        cause=cause,
        doc=doc,
        facts=facts_of(doc),
        plan=plan_for(kind, about_collection, latest),
    )


def _filled_in(doc: Doc, kind: QuestionKind) -> list[str]:
    """The question's words that its answer's items fill in, which their sources need not
    repeat: the group it asks about ("officials" in "Which Russian officials ...", whose
    sources name Ryabkov and Lavrov, "governments" in "What are European governments
    doing?"), the verb of "what caused X" (the sources say "because" or "after") and,
    in a list, what the members did ("commented": they "said")."""
    words = []
    for token in doc:
        if token.tag_ == "WDT":  # "which [Russian] officials": the kind of item asked for
            noun = next((t for t in doc[token.i + 1 :] if t.pos_ != "ADJ"), None)
            if noun is not None and noun.pos_ == "NOUN":
                words.append(noun.text)
        grouped = any(c.dep_ == "amod" and c.ent_type_ == "NORP" for c in token.children)
        if token.tag_ == "NNS" and grouped:  # "European governments": named by their members
            words.append(token.text)
        causing = token.lemma_ in CAUSING_VERBS and any(c.lower_ == "what" for c in token.children)
        if causing or (kind is QuestionKind.LIST and token.pos_ == "VERB"):
            words.append(token.text)
    return words


def _aside(word: str) -> bool:
    """Not a word of what the question is about: a word of asking ("summarize"), one
    naming the articles ("reports") or a small word ("from")."""
    return _asking(word) or word.lower() in _SOURCE_WORDS or word.lower() in _stop_words()


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words ("from", "about"), imported when a question is first read:
    spaCy takes seconds to import, and commands that read no question never need it."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _asking(word: str) -> bool:
    """A word of asking, also run together with "is" as people type it: "whats", "what's"."""
    lower = word.lower()
    return lower in _ASKING or re.sub(r"['’]?s$", "", lower) in _ASKING


def _written_out(doc: Doc, parser: Parser) -> Doc:
    """The question as the parser reads best, when typed in haste: "what did lavrov say"
    parsed as "What did lavrov say?"."""
    text = doc.text.strip()
    if not text or (text[0].isupper() and text[-1] in "?.!"):
        return doc
    return parser(text[0].upper() + text[1:] + ("" if text[-1] in "?.!" else "?"))


def _topic_words(doc: Doc, period_text: str | None) -> list[str]:
    """The words that say what a question is about: "Riyadh talks" of "Brief me on the
    Riyadh talks"; none in "What's new since Monday?"."""
    start = doc.text.find(period_text) if period_text else -1
    end = start + len(period_text or "")
    return [
        t.text
        for t in doc
        if not (t.is_stop or t.is_punct or t.is_space or t.like_num or _asking(t.text))
        and not is_calendar_word(t.text)
        and not (start <= t.idx < end)
    ]
