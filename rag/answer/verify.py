"""Checking each answer sentence against the sources it cites: facts, subject, kind of answer.

A sentence may say things in its own words (the model paraphrases), but:
- every name, number and date it adds to the question must be in one window of
  one or two sentences of a cited source;
- that window must be about what the question asks about (its subject terms,
  or close to it in meaning);
- the sentence must give the kind of answer asked for (a date for "when", a
  number for "how many", a name for "who" and "where", one of the options for a
  multiple-choice question), unless it corrects the question's premise;
- when the question names a year and the window (or, if it names none, the rest
  of its source) names only other years, it is about another time and does not
  support the answer.
A sentence with no names or numbers of its own must say nearly what the window says
(by meaning or by words); one that restates the question ("the official said ...")
answers nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rag.answer.citations import cited_numbers, strip_markers
from rag.answer.evidence import Source, dated
from rag.answer.facts import (
    Facts,
    facts_of,
    minus,
    missing_facts,
    name_in,
    proper_words,
    share_named,
    with_counts,
)
from rag.answer.prompt import source_header
from rag.answer.question import Question, chosen_options, read_question, restates
from rag.dates import article_day
from rag.models.embedding import Embedder
from rag.text import Analyzer, sentence_spans

ANOTHER_TIME = "the source speaks of another time than the question"
MIN_SUBJECT = 0.34  # share of the question's subject terms the supporting window names
MIN_QUESTION_SIMILARITY = 0.45  # or: the window's closeness in meaning to the question
MIN_COVERAGE = 0.6  # a sentence without facts: share of its content words in the window
MIN_SIMILARITY = 0.6  # or: its closeness in meaning to the window

_LEADING_MARKERS = re.compile(r"^(?:\[\d+(?:\s*[,;]\s*\d+)*\]\s*)+")
_NEGATION = re.compile(
    r"\b(?:no|not|never|none|nobody|neither|yet[ -]to|has(?:n't| not) been|have(?:n't| not) been"
    r"|without|unclear|unknown|undisclosed|unannounced|did not|didn't|does not|doesn't)\b",
    re.IGNORECASE,
)
_RELATIVE_TIME = re.compile(
    r"\b(?:days?|weeks?|months?|years?|decades?|today|tomorrow|yesterday|tonight|soon|later"
    r"|ago|earlier|recently|this (?:week|month|year)|next|last|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)


@dataclass
class Verdict:
    text: str  # the sentence as the model wrote it, citation markers included
    citations: list[int]  # source numbers after verification (possibly repaired)
    supported: bool
    support: dict[int, tuple[int, int]] = field(default_factory=dict)  # n -> article offsets
    repaired: bool = False  # the citation was added or changed because the model's was wrong
    reason: str = ""  # why it is unsupported
    differs: tuple[tuple[str, int], ...] = ()  # (claim, source number): reports that disagree


def split_answer(text: str) -> list[str]:
    """Sentences of an answer, each keeping the markers that follow its full stop."""
    pieces: list[str] = []
    for start, end in sentence_spans(text):
        piece = text[start:end]
        leading = _LEADING_MARKERS.match(piece)
        if pieces and leading:  # "He left. [2] Then ..." - the [2] belongs to "He left."
            pieces[-1] = f"{pieces[-1]} {leading.group().strip()}"
            piece = piece[leading.end() :]
        if pieces and (piece[:1].islower() or piece[:1] in ",;:)"):
            pieces[-1] = f"{pieces[-1]} {piece}"
        elif piece:
            pieces.append(piece)
    return [piece.strip() for piece in pieces]


@dataclass(frozen=True)
class Window:
    text: str
    span: tuple[int, int]  # article offsets


class Verifier:
    def __init__(self, embedder: Embedder, question: str | Question) -> None:
        self.embedder = embedder
        self.analyzer = Analyzer()
        self.question = question if isinstance(question, Question) else read_question(question)
        self._question_facts = facts_of(self.question.stem)
        self._similarity: dict[tuple[str, str], float] = {}
        self._sources: list[Source] = []
        self._evidence_text = ""
        self._evidence_names: frozenset[str] = frozenset()

    def verify(self, answer: str, sources: Sequence[Source], repair: bool = True) -> list[Verdict]:
        self.use_sources(sources)  # then each sentence, as ``check`` does while streaming
        return [self.check(sentence, repair) for sentence in split_answer(answer)]

    def use_sources(self, sources: Sequence[Source]) -> None:
        """The numbered sources the sentences to check may cite."""
        self._sources = list(sources)
        self._evidence_text = " ".join(f"{source_header(s.passage)}{s.text}" for s in sources)
        self._evidence_names = proper_words(self._evidence_text)

    def check(self, sentence: str, repair: bool = True) -> Verdict:
        """One sentence of the answer against the sources it cites (see ``use_sources``)."""
        by_number = {s.n: s for s in self._sources}
        plain = strip_markers(sentence)
        cited = [n for n in cited_numbers(sentence) if n in by_number]
        support, reason = self._supported_by(plain, [by_number[n] for n in cited])
        if not support and repair:
            # Uncited, or cited to the wrong source: cite the source that does support it.
            support, _ = self._supported_by(plain, self._sources, first_only=True)
            if support:
                return Verdict(sentence, list(support), True, support, repaired=True)
        return Verdict(sentence, cited, bool(support), support, reason=reason)

    def _supported_by(
        self, sentence: str, sources: Sequence[Source], first_only: bool = False
    ) -> tuple[dict[int, tuple[int, int]], str]:
        """Source number -> supporting span for each source that supports ``sentence``."""
        claim = self.claim_facts(sentence)
        problem = self._answer_problem(sentence, claim)
        if problem:
            return {}, problem
        support: dict[int, tuple[int, int]] = {}
        reason = "no source cited" if not sources else ""
        for source in sources:
            window, why = self._best_window(sentence, claim, source)
            if window is None:
                reason = reason or why
                continue
            support[source.n] = window.span
            if first_only:
                break
        return support, ("" if support else reason)

    def claim_facts(self, sentence: str) -> Facts:
        """What the sentence states beyond the question (for a choice: the option it picks)."""
        facts = facts_of(sentence, self._evidence_names)
        if self.question.kind in ("number", "duration"):
            facts = with_counts(facts)
        new = minus(facts, self._question_facts, self.question.stem)
        if self.question.kind == "place":
            qualifiers = _place_qualifiers(sentence, new.names, self._evidence_text)
            kept = tuple(n for n in new.names if n not in qualifiers)
            new = Facts(new.numbers, new.months, kept, new.weekdays, new.small_words)
        if self.question.options:
            chosen = chosen_options(self.question.options, sentence)
            return Facts(new.numbers, new.months, tuple(chosen), new.weekdays) if chosen else new
        return new

    def _answer_problem(self, sentence: str, claim: Facts) -> str:
        """Why the sentence cannot be an answer to the question, whatever the sources say."""
        question = self.question
        if question.options:
            chosen = chosen_options(question.options, sentence)
            if len(chosen) != 1 and not _NEGATION.search(sentence):
                return "does not pick exactly one of the options"
            return ""
        if restates(question.stem, sentence):
            return "restates the question without answering it"
        if _NEGATION.search(sentence):
            return ""  # a correction of the question's premise is checked against the window
        wanted = {
            "date": bool(claim.months or claim.years or _RELATIVE_TIME.search(sentence)),
            "number": bool(claim.numbers),
            "duration": bool(claim.numbers),
            "person": bool(claim.names),
            "place": bool(claim.names),
        }
        if question.kind in wanted and not wanted[question.kind]:
            return f"does not give the {question.kind} the question asks for"
        return ""

    def _best_window(
        self, sentence: str, claim: Facts, source: Source
    ) -> tuple[Window | None, str]:
        windows = _windows(source)
        held = [w for w in windows if not missing_facts(claim, w.text)]
        if not held:
            missing = missing_facts(claim, source.dated_text)
            return None, f"the source does not say {', '.join(missing[:3]) or 'this'}"
        about = [w for w in held if self.about_question(w.text)]
        if not about:
            return None, "the supporting text is about something else than the question"
        asked_years = self._question_facts.years
        source_years = facts_of(source.dated_text).years if asked_years else frozenset()
        timely = [w for w in about if self._same_time(w.text, source_years, source.passage.date)]
        if not timely:
            return None, ANOTHER_TIME
        if claim or (_NEGATION.search(sentence) and not self.question.options):
            negated = bool(_NEGATION.search(sentence))
            fitting = [w for w in timely if not negated or _NEGATION.search(w.text) or claim]
            if fitting:
                return max(fitting, key=lambda w: self.relevance(w.text)), ""
            return None, "the source does not say so"
        similar = [w for w in timely if self._says_the_same(sentence, w.text)]
        if not similar:
            return None, "the source does not say so"
        return max(similar, key=lambda w: self.relevance(w.text)), ""

    def about_question(self, text: str) -> bool:
        subject = self.question.subject_terms
        if not subject:
            return True
        shared = self._subject_share(text)
        return shared >= MIN_SUBJECT or self._similar(self.question.stem, text) >= (
            MIN_QUESTION_SIMILARITY
        )

    def _same_time(self, text: str, source_years: frozenset[int], published: str | None) -> bool:
        """Whether ``text`` can be about the years the question asks about: its own years
        say so, or else its source's; without any, an article published before the
        asked year began cannot report what happened in it."""
        asked = self._question_facts.years
        if not asked:
            return True
        said = facts_of(text).years or source_years
        if said:
            return bool(asked & said)
        day = article_day(published)
        return day is None or day.year >= min(asked)

    def _subject_share(self, text: str) -> float:
        return share_named(self.question.subject_terms, set(self.analyzer.terms(text)))

    def relevance(self, text: str) -> float:
        return self._subject_share(text) + self._similar(self.question.stem, text)

    def _says_the_same(self, sentence: str, text: str) -> bool:
        terms = set(self.analyzer.terms(sentence)) - self.question.subject_terms
        if terms:
            coverage = len(terms & set(self.analyzer.terms(text))) / len(terms)
            if coverage >= MIN_COVERAGE:
                return True
        return self._similar(sentence, text) >= MIN_SIMILARITY

    def _similar(self, a: str, b: str) -> float:
        key = (a, b)
        if key not in self._similarity:
            first, second = self.embedder.embed([a, b])
            self._similarity[key] = sum(x * y for x, y in zip(first, second, strict=True))
        return self._similarity[key]


def _place_qualifiers(sentence: str, names: Sequence[str], evidence: str) -> set[str]:
    """The "Saudi Arabia" of "Riyadh, Saudi Arabia": it places the answer, it is not one.

    A qualifier still has to be in the evidence, though not in the window that
    supports the place itself.
    """
    return {
        second
        for first in names
        for second in names
        if first != second and f"{first}, {second}" in sentence and name_in(second, evidence)
    }


_WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow)\b",
    re.IGNORECASE,
)


def _windows(source: Source) -> list[Window]:
    """Each shown sentence of the source alone and with the next one.

    The source's header (its title and date, as the model saw them) belongs to
    every window: "Belgian hairdressers urge equal prices" may name the country
    that the sentences only call "the federation".
    """
    spans = source.spans
    offset = source.passage.start
    text = source.passage.text
    header = source_header(source.passage)
    windows = []
    passage = source.passage
    for i, (start, end) in enumerate(spans):
        first = dated(text[start:end], passage)
        windows.append(Window(header + first, (offset + start, offset + end)))
        if i + 1 < len(spans):
            later = spans[i + 1][1]
            pair = dated(text[start:later], passage)
            windows.append(Window(header + pair, (offset + start, offset + later)))
    return windows
