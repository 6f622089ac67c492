"""One sentence of an answer, analysed once for every check: its parse and its facts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rag.answer.citations import strip_markers
from rag.answer.evidence import Source
from rag.answer.question import AnswerType, Question, chosen_options
from rag.answer.question.plan import CheckMode
from rag.answer.verify.config import CheckConfig
from rag.answer.verify.windows import Window
from rag.language.facts import Facts, facts_of
from rag.language.names import name_in
from rag.language.parser import Parser

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Claim:
    text: str  # as the model wrote it, citation markers included
    plain: str  # without the markers
    doc: Doc
    facts: Facts  # every fact it states
    new: Facts  # what it states beyond the question (for a choice: the option it picks)
    chosen: tuple[str, ...]  # the options it names, for a multiple-choice question


@dataclass(frozen=True)
class Context:
    """What every check of one question may read: analysed once, shared."""

    question: Question
    mode: CheckMode
    config: CheckConfig
    similar: Callable[[str, str], float]  # closeness in meaning, 0..1 (cached)
    terms: Callable[[str], set[str]]  # stemmed content words
    evidence_text: str  # every source as the model saw it
    windows_of: Callable[[Source], list[Window]]  # each source's windows, parsed once
    titles: tuple[str, ...] = ()  # the sources' titles, as their headers show them
    sources: tuple[Source, ...] = ()  # every numbered source of the answer
    memo: dict = field(default_factory=dict)  # what checks work out once per question


def read_claim(sentence: str, context: Context, parser: Parser) -> Claim:
    plain = strip_markers(sentence)
    doc = parser(plain)
    facts = facts_of(doc)
    question = context.question
    new = facts
    if question.wants in (AnswerType.NUMBER, AnswerType.DURATION):
        new = new.with_counts()
    new = new.minus(question.facts, question.stem)
    if question.wants is AnswerType.PLACE:
        qualifiers = _place_qualifiers(plain, new.names, context.evidence_text)
        kept = tuple(n for n in new.names if n not in qualifiers)
        new = Facts(new.numbers, new.months, kept, new.weekdays, new.small_words)
    chosen: tuple[str, ...] = ()
    if question.options:
        chosen = tuple(chosen_options(question.options, plain))
        if chosen:
            new = Facts(new.numbers, new.months, chosen, new.weekdays)
    return Claim(sentence, plain, doc, facts, new, chosen)


def _place_qualifiers(sentence: str, names: tuple[str, ...], evidence: str) -> set[str]:
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


def parts_of(claim: Claim) -> list[str]:
    """The clauses a descriptive sentence joins, each a sentence of its own: "Lavrov said X
    and suggested Y" is "Lavrov said X" and "Lavrov suggested Y". One part for a simple
    sentence."""
    doc = claim.doc
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return [claim.plain]
    verbs = [root] + [t for t in root.children if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")]
    if len(verbs) < 2:
        return [claim.plain]
    subject = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    subject_words = {t.i for c in subject for t in c.subtree}
    parts = []
    for verb in verbs:
        others = {t.i for v in verbs if v.i != verb.i for t in v.subtree}
        words = (
            {t.i for t in verb.subtree} - others if verb is root else {t.i for t in verb.subtree}
        )
        if verb is not root and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            words |= subject_words
        text = "".join(
            doc[i].text_with_ws
            for i in sorted(words)
            if not (doc[i].dep_ == "cc" and doc[i].head.i == root.i)
        )
        parts.append(text.strip(" ,;.") + ".")
    return parts


def as_statement(item: str, question: Question) -> str | None:
    """A list's item said as the statement it stands for: "Marco Rubio" answering "Who
    took part in the talks?" states "Marco Rubio took part in the talks." Asked without a
    wh-phrase ("list the winners"), an item that says what it is ("Daniel Ferrant, winner
    of the 2023 race") states that: "Daniel Ferrant is winner of the 2023 race." None
    when there is neither."""
    doc = question.doc
    if doc is None:
        return None
    wh = next((t for t in doc if t.tag_ in ("WDT", "WP", "WP$")), None)
    if wh is None:
        name, comma, what = item.rstrip(". ").partition(", ")
        return f"{name} is {what}." if comma and what else None
    phrase = [wh]
    for token in doc[wh.i + 1 :]:  # "which Saudi officials" up to its verb
        if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBD", "VBZ", "VBP"):
            break
        phrase.append(token)
    start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
    text = doc.text
    return f"{text[:start]}{item}{text[end:]}".strip().rstrip("?") + "."
