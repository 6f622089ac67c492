"""Who did it, when the cited source never tells the act and another source does.

"Kirill Dmitriev led the Russian delegation [4]", cited to "the Russian delegation
said the talks were positive. Russian negotiator Kirill Dmitriev told CNN ...", passes
the actor check: no clause of source [4] says who led anything, so none names another
leader. Source [1] does: "negotiators led by Foreign Minister Sergei Lavrov". A short
fact that answers the question's own act ("Who led ...?") is not supported by a
source that never tells that act, when another source of the answer tells it of
another named actor, and none tells it of the sentence's. Where the cited source
tells the act, the actor check judges it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.question.plan import CheckMode
from rag.answer.verify.actor import LIGHT_ACTS, act_words, done_by
from rag.answer.verify.align import aligned_predicate, shared
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.clauses import (
    SPEECH,
    actors_of,
    clause_of,
    lemmas,
    main_predicate,
    phrase,
)
from rag.answer.verify.parties import named
from rag.answer.verify.reasons import Reason
from rag.answer.verify.windows import Window
from rag.language.names import name_in

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "act elsewhere"


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    if context.mode is not CheckMode.FACT:
        return None  # accounts and briefs join what several reports say
    predicate = main_predicate(claim.doc)
    act = _asked_act(context)
    if predicate is None or act is None or predicate.lemma_.lower() != act:
        return None
    claimed = [a for a in actors_of(predicate) if named(a) and a.dep_ != "nsubjpass"]
    if not claimed:  # "Lunar New Year is celebrated by millions": not who celebrates
        return None
    words = act_words(claimed, predicate, claim)
    key = (NAME, frozenset(words), frozenset(a.i for a in claimed), window.source.n)
    if key not in context.memo:
        context.memo[key] = _told_of_another(claimed, predicate, words, window, context)
    return context.memo[key]


def _asked_act(context: Context) -> str | None:
    """The act a short-fact question asks about ("lead" of "Who led the delegation?"),
    unless it is a light or a speech verb, which many clauses of many reports have."""
    doc = context.question.doc
    verb = main_predicate(doc) if doc is not None else None
    if verb is None:
        return None
    act = verb.lemma_.lower()
    return None if act in LIGHT_ACTS or act in SPEECH else act


def _told_of_another(
    claimed: list[Token], predicate: Token, words: set[str], window: Window, context: Context
) -> Reason | None:
    act = predicate.lemma_.lower()
    if any(_tells(act, words, w) for w in context.windows_of(window.source)):
        return None  # the actor check reads the cited source's own clause
    another = False
    for source in context.sources:
        if source.n == window.source.n:
            continue
        for other in context.windows_of(source):
            if _names_with_act(claimed, predicate, other):
                return None  # "Won by Slovenia's Tadej Pogacar": told of the claimed actor too
            verb = aligned_predicate(words, other.doc, predicate)
            if verb is None or verb.lemma_.lower() != act or _another_occasion(predicate, verb):
                continue
            if done_by(claimed, predicate, words, other.doc) is Reason.OTHER_ACTOR:
                another = True
    return Reason.OTHER_ACTOR if another else None


def _tells(act: str, words: set[str], window: Window) -> bool:
    """The window has a clause of the act with a named actor, or about what the claim
    is about: not "This will lead to catastrophic consequences" for "X led the delegation"."""
    for token in window.doc:
        if token.lemma_.lower() != act or token.pos_ not in ("VERB", "AUX"):
            continue
        about = lemmas(window.doc, clause_of(token)) - {act}
        if shared(words - {act}, about) or any(named(a) for a in actors_of(token)):
            return True
    return False


def _names_with_act(claimed: list[Token], predicate: Token, window: Window) -> bool:
    """The window writes the act, whatever the parse makes of it ("Won by Slovenia's
    Tadej Pogacar" is read as an adjective), and names the claimed actor."""
    forms = {predicate.lemma_.lower(), predicate.lower_}
    if not any(t.lemma_.lower() in forms or t.lower_ in forms for t in window.doc):
        return False
    return any(name_in(phrase(a), window.text) for a in claimed)


def _another_occasion(predicate: Token, verb: Token) -> bool:
    """The other source's clause is about another occasion or another thing: its sentence
    does not give the claim's numbers ("Vingegaard won the 2022 Tour de France" for the
    2021 one), or the act is done to a part of what the claim's act is done to ("won the
    final stage of the 2021 Tour de France" for "won the 2021 Tour de France")."""
    claim = predicate.doc
    numbers = {t.text for t in claim if t.like_num and any(c.isdigit() for c in t.text)}
    if not numbers <= {t.text for t in verb.sent}:
        return True
    mine, theirs = _object_of(predicate), _object_of(verb)
    if mine is None or theirs is None:
        return False
    words = {t.lower_ for t in mine.subtree if not t.is_stop and not t.is_punct}
    around = {t.lower_ for t in theirs.subtree}
    return bool(words) and words <= around and theirs.lower_ not in words


def _object_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)
