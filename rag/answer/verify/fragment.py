"""A fragment is not a sentence of the answer: a headline or byline the model copied.

A sentence of an account or a brief states something: it has a verb (a fact's
answer may be a name alone). "As Europe stands
rattled, Russia dictates its terms Even at the onset, ..." runs a headline into
a sentence: a capitalised word after a lower-case one with no stop between. A
sentence cut off ("... agreed to hold more talks…") or an aside copied in its
brackets states nothing whole either, nor does "He said.". In an account or a
brief, a line that repeats a source's title ("Historic moon landing: Odysseus
touches down week after SpaceX launch") is a headline, not a point of the
reports. A sentence a source wrote, stop and all, is a sentence even where the
parser finds no verb in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from rag.answer.question.plan import CheckMode
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.clauses import SPEECH
from rag.answer.verify.reasons import Reason

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAME = "fragment"
TITLE_LIKENESS = 90  # of 100: a line this close to a source's title repeats it


def check(claim: Claim, context: Context) -> Reason | None:
    doc = claim.doc
    said = claim.plain.strip()
    aside = said.rstrip(".").strip()
    if said.endswith(("…", "...", "….")) or (aside.startswith("(") and aside.endswith(")")):
        return Reason.NOT_A_SENTENCE
    if _a_sentence_of_a_source(said, context):
        return None  # "... course record of 1:11:47 stands.", its verb parsed as a noun
    descriptive = context.mode is CheckMode.DESCRIPTIVE
    if descriptive and _a_title(said, context.titles):
        return Reason.NOT_A_SENTENCE
    if descriptive and not any(t.pos_ in ("VERB", "AUX") for t in doc):
        return Reason.NOT_A_SENTENCE  # a fact's answer may be a name alone: "Las Vegas [4]"
    if descriptive and _says_nothing(doc):
        return Reason.NOT_A_SENTENCE  # "He said. [1]"
    for token in doc[1:-1]:
        before, after = doc[token.i - 1], doc[token.i + 1]
        run_on = (  # "... dictates its terms Even at the onset"
            token.is_title
            and token.is_stop
            and token.ent_type_ not in ("DATE", "TIME")  # "begins on May 5"
            and before.is_lower
            and before.is_alpha
            and after.pos_ != "PROPN"
            and not after.is_title
            and not after.is_punct  # "the year-end No. 1"
        )
        if run_on:
            return Reason.NOT_A_SENTENCE
    return None


def _a_title(said: str, titles: tuple[str, ...]) -> bool:
    line = _bare(said)
    return len(line.split()) >= 3 and any(
        fuzz.ratio(line, _bare(title)) >= TITLE_LIKENESS for title in titles
    )


def _bare(text: str) -> str:
    return " ".join(text.lower().rstrip(" .…").split())


def _says_nothing(doc: Doc) -> bool:
    """Nothing but who spoke and small words: "He said.", "They added." """
    return not any(
        t.is_alpha and not t.is_stop and t.pos_ != "PRON" and t.lemma_.lower() not in SPEECH
        for t in doc
    )


def _a_sentence_of_a_source(said: str, context: Context) -> bool:
    """The sentence is one a source wrote, full stop and all: a headline in a source's
    header ends with ";" or ")", never with a stop."""
    body = " ".join(said.rstrip(". ").split())
    if len(body.split()) < 4:
        return False
    evidence = context.memo.get(NAME)
    if evidence is None:
        evidence = context.memo[NAME] = " ".join(context.evidence_text.split())
    return f"{body}." in evidence
