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

from rag.answer.verify.align import aligned_ties, aligned_with_count
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.clauses import (
    actors_of,
    acts_of_its_actor,
    clause_of,
    lemmas,
    main_predicate,
    phrase,
    predicate_of,
    speakers_of,
)
from rag.answer.verify.parties import (
    another_speaker,
    asked_party,
    is_party,
    name_of,
    named,
    referent,
    someone_unnamed,
)
from rag.answer.verify.reasons import Reason
from rag.answer.verify.values import value_tokens
from rag.answer.verify.windows import Window
from rag.language.names import name_in

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "actor"
LIGHT_ACTS = frozenset({"be", "have"})


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    predicate = main_predicate(claim.doc)
    if predicate is None:
        return None
    everyone = actors_of(predicate) + speakers_of(predicate)
    claimed = [a for a in everyone if named(a)]
    if not claimed:
        return None
    asked = asked_party(context)
    if asked and not any(is_party(asked, a) for a in everyone):
        return Reason.OTHER_ACTOR  # "What did Erdogan say?" answered with what Peskov said
    words = act_words(claimed, predicate, claim)
    for act in (predicate, *acts_of_its_actor(predicate)):
        if act is predicate and _done_where_its_value_is(claimed, predicate, claim, window.doc):
            continue
        said = words if act is predicate else act_words(claimed, act, claim)
        reason = done_by(claimed, act, said, window.doc)
        if reason is not None:
            return reason
    return _done_elsewhere_by(claimed, predicate, words, window, context)


def _done_where_its_value_is(
    claimed: list[Token], predicate: Token, claim: Claim, doc: Doc
) -> bool:
    """The window's clause that writes the sentence's number or date, with the sentence's
    verb, names the sentence's actor as its own: "Travis played for the team until 2012"
    for "Travis played for the Bearcats until 2012", though "Jason played for the
    Bearcats" shares more of its words."""
    for tokens in value_tokens(doc, claim.new.figures()):
        for token in tokens:
            verb = predicate_of(token)
            if verb.lemma_.lower() != predicate.lemma_.lower():
                continue
            doers = ", ".join(phrase(a) for a in actors_of(verb))
            if any(name_in(phrase(mine), doers) for mine in claimed):
                return True
    return False


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
    """A clause of ``doc`` saying what ``predicate`` says (sharing most of ``words``; of
    clauses that tie, any with the same verb that names its actor) has the ``claimed``
    actor (or none it names), else it names another."""
    tied, _ = aligned_ties(words, doc, predicate)
    reasons = [_done_in(claimed, predicate, counterpart, doc) for counterpart in tied]
    if len(reasons) < 2:
        return reasons[0] if reasons else None
    same_act = predicate.lemma_.lower()
    if any(
        r is None and c.lemma_.lower() == same_act and _names_its_actor(c)
        for r, c in zip(reasons, tied, strict=True)
    ):
        return None
    return next((r for r in reasons if r is not None), None)


def _names_its_actor(counterpart: Token) -> bool:
    """The clause names who does it: "serving as president" (after "Bowser is an American
    businessman") does not, so it does not outweigh a clause alike that names another."""
    return any(named(a) or referent(a) for a in actors_of(counterpart) + speakers_of(counterpart))


def _done_in(claimed: list[Token], predicate: Token, counterpart: Token, doc: Doc):
    if another_speaker(speakers_of(predicate), speakers_of(counterpart)):
        return Reason.OTHER_ACTOR  # "Zelensky said X" against "X, a senior diplomat said"
    doers = [a for a in actors_of(predicate) if named(a)]  # not the sentence's speakers
    if _only_reported_by(doers, counterpart):
        return Reason.OTHER_ACTOR  # "ABC found X" against "ABC reported officials found X"
    actors = actors_of(counterpart) + speakers_of(counterpart)
    theirs = [n for a in actors if (n := name_of(a))] or [r for a in actors if (r := referent(a))]
    if not theirs and not any(someone_unnamed(a) for a in actors):
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
