"""The answer's value is the one the source gives for what the answer says.

"The meeting lasted two weeks" is not supported by "officials will meet again
within two weeks ... after this week's meeting"; "Haley won the caucus" is not
supported by "Trump won the caucus, with Haley second". For each value the
sentence adds (a number, a date, a name, the option it picks), the window's
clause that says what the sentence says around that value (the one sharing most
of its words, its verb counting twice) is found. When that clause does not
hold the value but holds another of the same sort (another number, another
date, another name in the same role, another of the options), the source gives
its value for something else. So it does when the value stands, in every place
the source writes it, in clauses that say much less of what the sentence says
than the counterpart does: "began printing money in 1275" against "used
woodblocks to print money, but switched to bronze plates in 1275".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.verify.align import clause_overlap, predicates
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.clauses import clause_of, lemmas, predicate_of, role_of
from rag.answer.verify.reasons import Reason
from rag.answer.verify.values import each_fact, value_tokens
from rag.answer.verify.windows import Window
from rag.language.facts import AMOUNT_LABELS, NAME_LABELS, TIME_LABELS, Facts, facts_of
from rag.language.names import name_in

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "relation"
_MODIFIERS = frozenset({"nummod", "compound", "quantmod", "amod"})
ELSEWHERE_MARGIN = 3  # words the counterpart must share beyond any clause holding the value


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    for fact, written in zip(each_fact(claim.new), value_tokens(claim.doc, claim.new), strict=True):
        if not written:
            continue  # not written in the sentence's own words
        verb = predicate_of(written[0])
        top = _chain_top(verb)
        verbs = frozenset({verb.lemma_.lower(), top.lemma_.lower()})
        around = lemmas(claim.doc, clause_of(top)) - {t.lemma_.lower() for t in written}
        tied, says = _counterparts(around, verbs, window, context)
        if not tied:
            continue
        if any(
            t.i in clause_of(counterpart)
            for doc, counterpart in tied
            for t in value_tokens(doc, fact)[0]
        ):
            continue  # the value is where the sentence puts it (in one of clauses that tie)
        if _describes_its_subject(fact, top, window):
            continue
        doc, counterpart = tied[0]
        clause = clause_of(counterpart)
        if _another_value(fact, written[0], doc, clause, claim, context):
            return Reason.OTHER_RELATION
        if not fact.names and says - _said_where(fact, around, verbs, window, context) >= (
            ELSEWHERE_MARGIN
        ):
            return Reason.OTHER_RELATION
    return None


def _describes_its_subject(fact: Facts, top: Token, window: Window) -> bool:
    """The window writes the value on the noun the sentence says it of (the subject of
    ``top``, its chain's first verb): "The $3 billion extension adds 11 miles of track"
    for "The extension costs $3 billion"."""
    subjects = {c.lemma_.lower() for c in top.children if c.dep_ in ("nsubj", "nsubjpass")}
    return any(
        (noun := _noun_it_modifies(t)) is not None and noun.lemma_.lower() in subjects
        for t in value_tokens(window.doc, fact)[0]
    )


def _noun_it_modifies(token: Token) -> Token | None:
    """The noun a value stands before as its modifier ("extension" of "the $3 billion
    extension"), through the other words of the value."""
    while token.dep_ in _MODIFIERS and token.head.i > token.i:
        token = token.head
        if token.pos_ == "NOUN":
            return token
    return None


def _chain_top(verb: Token) -> Token:
    """The first verb of a chain ("expected" of "is expected to begin in June"): the
    chain says one thing, with the first verb's subject."""
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _said_where(
    fact: Facts, around: set[str], verbs: frozenset[str], window: Window, context: Context
):
    """The most that any clause of the source holding ``fact`` says of the sentence; when
    the source writes it outside any clause (a dateline, a headline), as much as any."""
    key = ("said where", window.source.n, fact, frozenset(around), verbs)
    if key not in context.memo:
        context.memo[key] = _most_said_where(fact, around, verbs, window, context)
    return context.memo[key]


def _most_said_where(
    fact: Facts, around: set[str], verbs: frozenset[str], window: Window, context: Context
) -> int:
    most = 0
    for other in context.windows_of(window.source):
        for token in value_tokens(other.doc, fact)[0]:
            predicate = predicate_of(token)
            if predicate.pos_ not in ("VERB", "AUX"):
                return len(around) + 2  # "Dec 18, 2020 ...": not said of anything in words
            most = max(most, clause_overlap(around, verbs, other.doc, predicate))
    return most


def _counterparts(
    around: set[str], verbs: frozenset[str], window: Window, context: Context
) -> tuple[list[tuple[Doc, Token]], int]:
    """The clauses, in the window or anywhere in its source, that say most of what the
    sentence says around its value (in the source's order), and how much that is: more
    than one when they tie ("Jason played for the Bearcats until 2010, and Travis played
    for the team until 2012")."""
    key = ("counterparts", window.source.n, frozenset(around), verbs)
    if key not in context.memo:
        context.memo[key] = _best_counterparts(around, verbs, window, context)
    return context.memo[key]


def _best_counterparts(
    around: set[str], verbs: frozenset[str], window: Window, context: Context
) -> tuple[list[tuple[Doc, Token]], int]:
    best: list[tuple[Doc, Token]] = []
    best_count = 0
    for other in context.windows_of(window.source):
        for found in predicates(other.doc):
            count = clause_overlap(around, verbs, other.doc, found)
            if count and count > best_count:
                best, best_count = [(other.doc, found)], count
            elif count and count == best_count:
                best.append((other.doc, found))
    return best, best_count


def _another_value(
    fact: Facts, written: Token, doc: Doc, clause: set[int], claim: Claim, context: Context
) -> bool:
    """The clause gives another value of the same sort as ``fact``."""
    question = context.question
    tokens = [doc[i] for i in sorted(clause)]
    if question.options:  # another option, not one the question itself names
        text = " ".join(t.text for t in tokens)
        others = [o for o in question.options if o not in claim.chosen]
        return any(name_in(o, text) and not name_in(o, question.stem) for o in others)
    found = facts_of(doc[min(clause) : max(clause) + 1])
    given = f"{claim.plain} {question.stem}"
    if fact.numbers:
        year = any(v == int(v) and 1800 <= v <= 2100 for forms in fact.numbers for v in forms)
        others = {
            forms
            for forms in found.numbers
            if forms not in fact.numbers and (1800 <= forms[0] <= 2100) == year
        }
        return bool(others - claim.facts.numbers - question.facts.numbers) and _counted(tokens)
    if fact.months or fact.weekdays:
        return any(t.ent_type_ in TIME_LABELS for t in tokens) and not (
            found.months & fact.months or found.weekdays & fact.weekdays
        )
    role = role_of(written)
    for token in tokens:
        if token.ent_type_ not in NAME_LABELS and token.pos_ != "PROPN":
            continue
        if role_of(token) == role and not name_in(token.text, given):
            return True
    return False


def _counted(tokens: list[Token]) -> bool:
    """The clause writes an amount or a date (not only a number inside a name)."""
    return any(t.ent_type_ in AMOUNT_LABELS | TIME_LABELS for t in tokens)
