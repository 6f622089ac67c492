"""Who did or said it: the sentence's actor is the actor in its source.

"Russia wants NATO membership as the one way to assure Kyiv's sovereignty" is
not supported by "Zelenskiy demanded NATO membership as the one way ...": the
words are there, the actor is not. The window's clause that says what the
sentence says (the one sharing most of its words) must have the sentence's
actor as its subject, agent or speaker. Only named actors are compared: a
window's "he" or "officials" may be anyone. An actor the source describes is
named by its appositive ("Watt's partner Boulton" is Boulton, not Watt); one who
only reports the clause did not do it ("ABC News reported that officials found");
nor did the one it is done to ("filed a complaint against Castillo").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.question import QuestionKind
from rag.answer.verify.align import aligned_predicate, aligned_with_count
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.clauses import (
    actors_of,
    acts_of_its_actor,
    clause_of,
    lemmas,
    main_predicate,
    phrase,
    speakers_of,
)
from rag.answer.verify.reasons import Reason
from rag.answer.verify.windows import Window
from rag.language.names import name_in

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "actor"
_PERSONAL = frozenset({"he", "she"})
LIGHT_ACTS = frozenset({"be", "have"})
_ASKED_ACTS = frozenset("say tell want think demand propose argue claim warn announce".split())


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    predicate = main_predicate(claim.doc)
    if predicate is None:
        return None
    everyone = actors_of(predicate) + speakers_of(predicate)
    claimed = [a for a in everyone if named(a)]
    if not claimed:
        return None
    asked = asked_party(context)
    if asked and not any(_is_party(asked, a) for a in everyone):
        return Reason.OTHER_ACTOR  # "What did Erdogan say?" answered with what Peskov said
    words = act_words(claimed, predicate, claim)
    for act in (predicate, *acts_of_its_actor(predicate)):
        said = words if act is predicate else act_words(claimed, act, claim)
        reason = done_by(claimed, act, said, window.doc)
        if reason is not None:
            return reason
    return _done_elsewhere_by(claimed, predicate, words, window, context)


def act_words(claimed: list[Token], predicate: Token, claim: Claim) -> set[str]:
    """The words saying what ``predicate`` says, less the claimed party's, which the
    source's clause may not write; of reported words, only the speaker's are left out
    ("Europe" of "Zelensky said Europe cannot provide it" is what the clause is about)."""
    speakers = [a for a in claimed if a in speakers_of(predicate)]
    return lemmas(claim.doc, clause_of(predicate)) - {
        w.lemma_.lower() for a in speakers or claimed for w in a.subtree
    }


def _done_elsewhere_by(
    claimed: list[Token], predicate: Token, words: set[str], window: Window, context: Context
) -> Reason | None:
    """The source's clause that says the act best may lie outside the window: "1 Djokovic
    6–4, 7–5, 6–4 to win the match." is no support for "Djokovic won Wimbledon in 2013"
    when the next sentence reads "By winning the 2013 Wimbledon Championships, Murray
    became ...". That clause, with the sentence's own verb and sharing more of its words
    than any of the window's, must not name another actor either."""
    if predicate.lemma_.lower() in LIGHT_ACTS:
        return None  # "X is the highest category": many clauses "are", of other things
    key = ("actor elsewhere", frozenset(words), predicate.lemma_.lower(), window.source.n)
    if key not in context.memo:  # each window of the source aligned once: (verb, count)
        context.memo[key] = {
            id(other.doc): (aligned_with_count(words, other.doc, predicate), other.doc)
            for other in context.windows_of(window.source)
        }
    aligned = context.memo[key]
    mine = aligned.get(id(window.doc))
    own = mine[0][1] if mine else aligned_with_count(words, window.doc, predicate)[1]
    same_verb = [
        (count, doc)
        for (verb, count), doc in aligned.values()
        if verb is not None and verb.lemma_.lower() == predicate.lemma_.lower()
    ]
    best_count, best_doc = max(same_verb, key=lambda pair: pair[0], default=(0, None))
    if best_doc is None or best_count <= own:
        return None
    return done_by(claimed, predicate, words, best_doc)


def done_by(claimed: list[Token], predicate: Token, words: set[str], doc: Doc):
    """The clause of ``doc`` saying what ``predicate`` says (sharing most of ``words``)
    has the ``claimed`` actor (or none it names), else it names another."""
    counterpart = aligned_predicate(words, doc, predicate)
    if counterpart is None:
        return None
    if _another_speaker(speakers_of(predicate), speakers_of(counterpart)):
        return Reason.OTHER_ACTOR  # "Zelensky said X" against "X, a senior diplomat said"
    doers = [a for a in actors_of(predicate) if named(a)]  # not the sentence's speakers
    if _only_reported_by(doers, counterpart):
        return Reason.OTHER_ACTOR  # "ABC found X" against "ABC reported officials found X"
    actors = actors_of(counterpart) + speakers_of(counterpart)
    theirs = [n for a in actors if (n := _name_of(a))] or [r for a in actors if (r := _referent(a))]
    if not theirs and not any(_someone_unnamed(a) for a in actors):
        return None  # "officials": the window does not say who, in its own words
    # (an indefinite one, "a senior European diplomat told the Guardian", is not a
    # named party, unless the clause names it: "a spokesman for the Kremlin")
    if any(_undergoes(phrase(mine), counterpart, predicate) for mine in claimed):
        return Reason.OTHER_ACTOR  # "Goodwin takes over from Albrectsen", the other way round
    if _state_of_its_object(theirs, counterpart, predicate):
        return None
    owners = {t.i for a in actors for c in a.children if c.dep_ == "poss" for t in c.subtree}
    kept = sorted(clause_of(counterpart) - owners)  # "Watt's partner Boulton" is not Watt
    clause = " ".join(doc[i].text for i in kept)
    clause += "".join(f", {phrase(a)}" for a in theirs)  # apart: "Championships Murray" is no name
    for mine in claimed:
        if name_in(phrase(mine), clause):
            return None  # "assurances from Russia": the actor is in the clause, if not its subject
    return Reason.OTHER_ACTOR


def _undergoes(name: str, counterpart: Token, predicate: Token) -> bool:
    """The source's clause, with the sentence's own verb, has ``name`` as the one the act is
    done to or taken from ("Albrectsen will take over from Goodwin", for "Goodwin will take
    over from Albrectsen"), not as a partner in it ("talks with Putin")."""
    if counterpart.lemma_.lower() != predicate.lemma_.lower():
        return False  # "Ukraine received assurances from Russia" may be "Russia gave" them
    if any(name_in(name, phrase(a)) for a in actors_of(counterpart)):
        return False
    for child in counterpart.children:
        objects = [child] if child.dep_ in ("dobj", "dative") else []
        objects += _objects_of_preposition(child)
        if child.dep_ == "dobj":  # "filed a complaint against Castillo"
            objects += [o for c in child.children for o in _objects_of_preposition(c)]
        if any(name_in(name, phrase(o)) for o in objects):
            return True
    return False


def _state_of_its_object(theirs: list[Token], counterpart: Token, predicate: Token) -> bool:
    """The source's clause says how the one the sentence's act is done to ended up:
    "Castellan was second" for "Stavik broke the record, leaving Castellan second"."""
    if counterpart.lemma_ != "be":
        return False
    doers = {t.i for a in actors_of(predicate) for t in a.subtree}
    done_to = " ".join(t.text for t in predicate.subtree if t.i not in doers)
    return any(name_in(phrase(t), done_to) for t in theirs)


def _objects_of_preposition(token: Token) -> list[Token]:
    """The objects of a preposition that says whom an act is done to or taken from ("from
    Goodwin", "against Castillo"), not who takes part in it ("with Putin")."""
    if token.dep_ != "prep" or token.lower_ in ("with", "than", "as"):
        return []
    return [c for c in token.children if c.dep_ == "pobj"]


def _name_of(actor: Token) -> Token | None:
    """The actor's name: itself when named, else the name set beside it ("Boulton" of
    "Watt's partner Boulton", "Zakharova" of "spokeswoman Maria Zakharova")."""
    if named(actor):
        return actor
    return next((c for c in actor.children if c.dep_ == "appos" and named(c)), None)


def _only_reported_by(claimed: list[Token], counterpart: Token) -> bool:
    """The sentence's actor only reports the source's clause, whose own subject is another
    party: "ABC News reported that federal officials found ..." for "ABC News found ..."
    (not "Lavrov said he wants ...", nor "Russia said it wants ...")."""
    subjects = actors_of(counterpart)
    speakers = " ".join(phrase(s) for s in speakers_of(counterpart))
    if not subjects or not speakers or any(s.pos_ == "PRON" for s in subjects):
        return False
    doers = " ".join(" ".join(t.text for t in s.subtree) for s in subjects)
    return any(
        name_in(phrase(mine), speakers) and not name_in(phrase(mine), doers) for mine in claimed
    )


def asked_party(context: Context) -> str | None:
    """The party an account question asks about: "Erdogan" in "What did Erdogan say?"."""
    question = context.question
    if question.kind is not QuestionKind.ACCOUNT or question.doc is None:
        return None
    for token in question.doc:
        if token.dep_ == "nsubj" and named(token) and token.head.lemma_.lower() in _ASKED_ACTS:
            return phrase(token)
    return None


def _is_party(asked: str, actor: Token) -> bool:
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


def _referent(actor: Token) -> Token | None:
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


def _someone_unnamed(actor: Token) -> bool:
    """A doer the source describes without naming, as one of many: "a senior diplomat",
    "an official" (not "by a desire", the agent of a passive)."""
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in actor.children)
    return indefinite and actor.dep_ == "nsubj"


def _another_speaker(mine: list[Token], theirs: list[Token]) -> bool:
    """The source reports the words as another's: someone it names (or calls "he" after
    naming), or someone it does not name ("a diplomat"), who is not the sentence's
    speaker."""
    mine = [m for m in mine if named(m)]
    if not mine or not theirs:
        return False
    known = [s for s in theirs if named(s)] + [r for s in theirs if (r := _referent(s))]
    # one phrase after another, apart: "Rubio, Rubio" (not a given name before a surname)
    said_by = ", ".join([" ".join(t.text for t in s.subtree) for s in theirs])
    said_by += ", " + ", ".join(phrase(k) for k in known)
    if any(name_in(phrase(m), said_by) for m in mine):
        return False
    return bool(known) or any(_someone_unnamed(s) for s in theirs)
