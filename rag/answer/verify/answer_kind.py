"""A fact question's answer must be of the kind it asks for: a date for "what year", a
number for "what share", a name for "who" and "where" (for "who", the name of someone
who can act: not a nationality, a building or an event). An answer to "why" gives a
reason; one to "what caused X" a reason, or a cause as its subject.

A sentence that corrects the question's premise ("no date has been set") is
not held to it: the negation check and its window decide.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rag.answer.question import AnswerType
from rag.answer.question.cause import CauseAsked
from rag.answer.question.plan import CheckMode
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.counted import counted_noun
from rag.answer.verify.mood import NEGATIVE
from rag.answer.verify.rank import ranked_in
from rag.answer.verify.reasons import Reason
from rag.answer.verify.values import value_tokens
from rag.language.facts import AMOUNT_LABELS, TIME_LABELS, Facts
from rag.language.names import share_named

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

NAME = "answer kind"
PREMISE_SHARE = 0.5  # of the question's subject a premise correction speaks of
_REASON_WORDS = frozenset(
    "because since as so for due after over amid following given therefore thus reason "
    "reasons why".split()
)
# reason words that also say when: "for Wednesday", "after the talks", "over the weekend"
_WHEN_OR_WHY = frozenset("for after over following since amid as".split())
_CAUSE_VERBS = frozenset("cause lead prompt result trigger drive spark blame fear".split())
_NOT_COUNTS = frozenset({"MONEY", "PERCENT"})  # sums and shares: no answer to "how many"
_TIMES = frozenset({"DATE", "TIME"})  # "63 days" may answer "how many days": left to the rest
# names of no one who acts: "a Chinese-American actress", "Diriyah Palace", "World War II"
_NOT_PARTIES = frozenset(
    {"NORP", "FAC", "LOC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
# what tells which thing of a kind a sentence means: "the RNA interference pathway"
_TELLING = frozenset({"compound", "amod", "appos", "poss", "nmod", "attr"})
_COUNT_WORDS = frozenset("once twice thrice half third quarter fifth tenth dozen".split())
# A span of time: "four years", "a two-year ban", "18 months", "half an hour", "decades".
_DURATION = re.compile(
    r"\b(?:\d[\d.,]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|hundred|several|few|many|half)[\s-]+(?:an? )?"
    r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|centur)"
    r"|\b(?:decades|centuries|years|months|weeks)\b",
    re.IGNORECASE,
)


def check(claim: Claim, context: Context) -> Reason | None:
    asks = context.question.cause
    gives = asks and (
        _gives_reason(claim) or (asks is CauseAsked.WHAT_CAUSED and _other_subject(claim, context))
    )
    if asks and not gives and not corrects_premise(claim, context):
        return Reason.WRONG_KIND
    wants = context.question.wants
    if (
        context.mode is CheckMode.FACT
        and _only_its_kind(claim, context)
        and not corrects_premise(claim, context)
    ):
        return Reason.WRONG_KIND  # "What pathway ...?" - "One pathway conserved across ..."
    if context.mode is not CheckMode.FACT or wants is None or context.question.options:
        return None
    if corrects_premise(claim, context):
        return None
    new = claim.new
    given = {
        AnswerType.DATE: bool(new.months or new.years or new.weekdays or _has_time(claim, context)),
        AnswerType.NUMBER: (bool(new.numbers) or _has_amount(claim, context))
        and not _counts_other_things(claim, context),
        AnswerType.DURATION: _has_duration(claim, context),
        AnswerType.PERSON: any(_names_a_party(claim, name) for name in new.names),
        AnswerType.PLACE: bool(new.names) or bool(ranked_in(claim.doc)),  # "finished third"
        AnswerType.NAME: bool(new.names) or _quotes_a_title(claim, context),
    }
    return None if given[wants] else Reason.WRONG_KIND


def _only_its_kind(claim: Claim, context: Context) -> bool:
    """The sentence names the thing "what X" or "which X" asks for only by its kind: "One
    pathway conserved across all eukaryotes" for "What pathway ... is present in all
    eukaryotes?", with nothing that tells which (a name, a modifier of its own)."""
    doc = context.question.doc
    asked = [t.head for t in doc or () if t.lower_ in ("what", "which") and t.dep_ == "det"]
    if not asked or asked[0].pos_ != "NOUN" or claim.new.names:
        return False
    kind = asked[0].lemma_.lower()
    given = {t.lower_ for t in doc}
    for token in claim.doc:
        if token.lemma_.lower() != kind or token.pos_ != "NOUN":
            continue
        telling = [c for c in token.children if c.dep_ in _TELLING and c.lower_ not in given]
        return not telling
    return False


def _names_a_party(claim: Claim, name: str) -> bool:
    """The name is of someone who can be the answer to "who": a person, an organisation,
    a country, not a nationality, a building or an event."""
    tokens = value_tokens(claim.doc, Facts(frozenset(), frozenset(), (name,)))[0]
    return not tokens or any(t.ent_type_ not in _NOT_PARTIES for t in tokens)


def _quotes_a_title(claim: Claim, context: Context) -> bool:
    """A name in quotation marks that the question does not hold: "the 'Velvet Hour'"."""
    stem = context.question.stem.lower()
    quoted = re.findall(r"[\"“‘']([^\"”’']{2,60})[\"”’']", claim.plain)
    return any(q.strip().lower() not in stem for q in quoted)


def corrects_premise(claim: Claim, context: Context) -> bool:
    """The sentence denies what the question takes for granted ("no date has been set for
    the summit"): it is negated and speaks of what the question asks about."""
    if not any(t.dep_ == "neg" or t.lower_ in NEGATIVE for t in claim.doc):
        return False
    subject = context.question.subject_terms
    return not subject or share_named(subject, context.terms(claim.plain)) >= PREMISE_SHARE


def _other_subject(claim: Claim, context: Context) -> bool:
    """The sentence's subject is not what the question asks about: it names the cause
    ("Outbreaks of yellow fever hurt Jacksonville's tourism")."""
    root = next((t for t in claim.doc if t.dep_ == "ROOT"), None)
    subjects = [c for c in root.children if c.dep_ == "nsubj"] if root is not None else []
    if not subjects:
        return False
    words = " ".join(t.text for s in subjects for t in s.subtree)
    return not context.terms(words) & context.question.subject_terms


def _gives_reason(claim: Claim) -> bool:
    """A cause or a purpose: "because", "to avoid", "after", "over", "led to", "so"."""
    for token in claim.doc:
        if token.lower_ in _WHEN_OR_WHY and _of_time(token):
            continue  # "planned for Wednesday", "after two weeks", "over the weekend"
        if token.lower_ in _REASON_WORDS or token.lemma_.lower() in _CAUSE_VERBS:
            return True
        if token.dep_ in ("advcl", "xcomp", "acl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        ):
            return True  # "to avoid giving the talks legitimacy"
    return False


def _of_time(word: Token) -> bool:
    """A preposition whose object is a time: it says when, not why ("as of Thursday")."""
    objects = [c for c in word.children if c.dep_ in ("pobj", "pcomp", "prep")]
    return any(t.ent_type_ in TIME_LABELS for o in objects for t in o.subtree)


def _has_duration(claim: Claim, context: Context) -> bool:
    """A span of time the question does not already give ("a four-year ban", "18 months")."""
    asked = context.question.stem.lower()
    return any(m.group().lower() not in asked for m in _DURATION.finditer(claim.plain))


def _has_amount(claim: Claim, context: Context) -> bool:
    """An amount in words the question does not give: "a fifth", "once", "half"."""
    asked = context.question.stem.lower()
    said = [e for e in claim.doc.ents if e.label_ in AMOUNT_LABELS | {"ORDINAL"}]
    said += [t for t in claim.doc if t.lower_ in _COUNT_WORDS]
    return any(piece.text.lower() not in asked for piece in said)


def _counted(context: Context) -> Token | None:
    """The noun "how many" asks to count: "homes" in "how many homes will be built"."""
    doc = context.question.doc
    for token in doc[1:] if doc is not None else ():
        if (
            token.lower_ == "many"
            and doc[token.i - 1].lower_ == "how"
            and token.head.pos_ == "NOUN"
        ):
            return token.head
    return None


def _counts_other_things(claim: Claim, context: Context) -> bool:
    """Every count the sentence gives counts something else than what "how many" asks.

    "How many homes will be built?" is not answered by "The group raised $18,000
    from more than 600 donors": a sum of money is no count, and the 600 counts
    donors. A bare number ("22 were killed") may count anything; a counted noun
    close in meaning to the asked one ("victims" for "people") counts it.
    """
    counted = _counted(context)
    if counted is None:
        return False
    asked = context.question.stem.lower()
    counts_other = False
    for token in claim.doc:
        if not token.like_num or token.ent_type_ in _TIMES or token.lower_ in asked:
            continue
        if token.ent_type_ in _NOT_COUNTS:
            counts_other = True  # "$18,000", "30 percent"
            continue
        head = counted_noun(token)
        if head is None:
            return False  # a bare count
        same = head.lemma_.lower() == counted.lemma_.lower()
        if (
            same
            or context.similar(head.text, counted.text) >= context.config.min_counted_similarity
        ):
            return False
        counts_other = True
    return counts_other


def _has_time(claim: Claim, context: Context) -> bool:
    """A date or time the question does not already give ("next week", "on Tuesday")."""
    asked = context.question.stem.lower()
    return any(
        ent.label_ in TIME_LABELS and ent.text.lower() not in asked and not _numbered(ent)
        for ent in claim.doc.ents
    )


def _numbered(ent: Span) -> bool:
    """A thing and its number, which the parser may take for a date: "seasons 5" (and
    6), "season 4". The number follows the noun it labels; a time has other words."""
    numbers = [t for t in ent if t.like_num]
    labelled = all(t.dep_ == "nummod" and t.head.i < t.i for t in numbers)
    return bool(numbers) and labelled and all(t.like_num or t.pos_ == "NOUN" for t in ent)
