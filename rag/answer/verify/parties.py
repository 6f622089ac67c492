"""Who a clause names as its parties: a name, the one "he" stands for, someone it
describes without naming ("a senior diplomat"), who reports the words, and the party
an account question asks about."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.question import QuestionKind
from rag.answer.verify.claim import Context
from rag.answer.verify.clauses import phrase
from rag.language.names import name_in

if TYPE_CHECKING:
    from spacy.tokens import Token

_PERSONAL = frozenset({"he", "she"})
_ASKED_ACTS = frozenset("say tell want think demand propose argue claim warn announce".split())


def asked_party(context: Context) -> str | None:
    """The party an account question asks about: "Erdogan" in "What did Erdogan say?"."""
    question = context.question
    if question.kind is not QuestionKind.ACCOUNT or question.doc is None:
        return None
    for token in question.doc:
        if token.dep_ == "nsubj" and named(token) and token.head.lemma_.lower() in _ASKED_ACTS:
            return phrase(token)
    return None


def is_party(asked: str, actor: Token) -> bool:
    """The actor is the asked party, or speaks for it ("the chief of Romania's
    presidential office" for "Romania")."""
    whole = " ".join(t.text for t in actor.subtree)
    return name_in(asked, whole) or name_in(phrase(actor), asked)


def named(token: Token) -> bool:
    """A name: a proper noun or an entity, or a capitalised noun that opens its sentence,
    where the parser often reads a company's name as a common noun ("Lyft said ...")."""
    opening = (
        token.i == token.sent.start
        and token.tag_ == "NN"  # not "Sources said ...", "Officials said ..."
        and token.text[:1].isupper()
        and not any(c.dep_ == "det" for c in token.children)
    )
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or opening


def name_of(actor: Token) -> Token | None:
    """The actor's name: itself when named, else the name set beside it ("Boulton" of
    "Watt's partner Boulton", "Zakharova" of "spokeswoman Maria Zakharova")."""
    if named(actor):
        return actor
    return next((c for c in actor.children if c.dep_ == "appos" and named(c)), None)


def referent(actor: Token) -> Token | None:
    """Whom "he" or "she" stands for: the nearest person named before it in its sentence,
    else the one person named in the sentences before it in the window."""
    if actor.lower_ not in _PERSONAL:
        return None
    sentence = actor.sent
    before = [e for e in sentence.ents if e.label_ == "PERSON" and e.end <= actor.i]
    if before:
        return before[-1].root
    earlier = {
        e.root.text: e.root
        for e in actor.doc.ents
        if e.label_ == "PERSON" and e.end <= sentence.start
    }
    return next(iter(earlier.values())) if len(earlier) == 1 else None


def someone_unnamed(actor: Token) -> bool:
    """A doer the source describes without naming, as one of many: "a senior diplomat",
    "an official" (not "by a desire", the agent of a passive)."""
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in actor.children)
    return indefinite and actor.dep_ == "nsubj"


def another_speaker(mine: list[Token], theirs: list[Token]) -> bool:
    """The source reports the words as another's: someone it names (or calls "he" after
    naming), or someone it does not name ("a diplomat"), who is not the sentence's
    speaker."""
    mine = [m for m in mine if named(m)]
    if not mine or not theirs:
        return False
    known = [s for s in theirs if named(s)] + [r for s in theirs if (r := referent(s))]
    # one phrase after another, apart: "Rubio, Rubio" (not a given name before a surname)
    said_by = ", ".join([" ".join(t.text for t in s.subtree) for s in theirs])
    said_by += ", " + ", ".join(phrase(k) for k in known)
    if any(name_in(phrase(m), said_by) for m in mine):
        return False
    return bool(known) or any(someone_unnamed(s) for s in theirs)
