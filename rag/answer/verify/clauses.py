"""Clauses in a parse: which predicate a word belongs to, and who its actor is.

These are the structural readings the relation, actor and negation checks make
on the dependency parse: "two weeks" in "officials will meet again within two
weeks" belongs to "meet", whose actor is "officials"; "Haley" in "Trump won, with
Haley finishing second" belongs to "finishing", not to "won". Whether a clause is
negated or only planned ("will meet again") is mood.py's reading.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# Dependencies that open a clause of its own inside another.
NESTED = frozenset("advcl relcl acl conj parataxis ccomp csubj pcomp".split())
SPEECH = frozenset(
    "say tell announce state claim add note insist warn argue write report confirm deny "
    "accuse stress explain suggest mention reiterate declare caution predict".split()
)
_SHARED_BY_CONJUNCTS = frozenset("nsubj nsubjpass prep npadvmod advmod aux".split())
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_SUBJECTS = _SUBJECT_DEPS | {"agent"}
CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
LIGHT = frozenset("be have do say tell get make go will would can could may might".split())
_COPULAS = frozenset("become seem".split())  # say nothing of what is done
_PLACE_LABELS = frozenset({"ORG", "GPE", "FAC", "LOC"})  # what a "where" clause speaks of


def predicate_of(token: Token) -> Token:
    """The verb (or the sentence's root) that ``token`` belongs to."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def clause_of(token: Token) -> set[int]:
    """Indices of the clause ``token`` belongs to: its predicate with that predicate's own
    words, nested clauses left out, and the noun a relative clause describes."""
    predicate = predicate_of(token)
    path = {t.i for t in [token, *token.ancestors]}
    inside: set[int] = set()
    stack = [predicate]
    while stack:
        current = stack.pop()
        inside.add(current.i)
        for child in current.children:
            if child.dep_ in NESTED and child.i not in path and child.pos_ in ("VERB", "AUX"):
                continue
            stack.append(child)
    if predicate.dep_ in ("relcl", "acl") and predicate.head.i != predicate.i:
        noun = predicate.head
        inside |= {noun.i} | {c.i for c in noun.children if c.dep_ in ("compound", "amod")}
        inside |= _place_where(predicate)
        if noun.dep_ == "attr":  # "X is a classic that was released": X was released
            subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
            inside |= {t.i for c in subjects for t in c.subtree}
    if predicate.dep_ == "conj" and predicate.head.pos_ in ("VERB", "AUX"):
        # "In 2014, Russia invaded Crimea and annexed it": the subject and the time of the
        # first verb are the second's too
        # ("The US finished second and Japan was third": not a subject it has of its own)
        own = {c.dep_ for c in predicate.children}
        for shared_word in predicate.head.children:
            if (
                shared_word.dep_ in _SHARED_BY_CONJUNCTS
                and shared_word.i < predicate.head.i
                and not (shared_word.dep_ in _SUBJECT_DEPS and own & _SUBJECT_DEPS)
            ):
                inside |= {t.i for t in shared_word.subtree}
    return inside


def _place_where(predicate: Token) -> set[int]:
    """The place a "where" clause speaks of: the last place or organisation named before
    it in its sentence ("Georgetown University" in "attended Georgetown University for two
    seasons, where he averaged 14.2 points"), which the parser may not make its head."""
    if not any(c.lower_ == "where" and c.i < predicate.i for c in predicate.children):
        return set()
    places = [e for e in predicate.sent.ents if e.label_ in _PLACE_LABELS and e.end <= predicate.i]
    return set(range(places[-1].start, places[-1].end)) if places else set()


def lemmas(doc: Doc, indices: Iterable[int]) -> set[str]:
    """Content lemmas of the given tokens, lower-cased, light verbs left out."""
    found = set()
    for i in indices:
        token = doc[i]
        lemma = token.lemma_.lower()
        stop = token.is_stop and not (token.pos_ == "VERB" and lemma not in _COPULAS)
        if token.pos_ in CONTENT and not stop and lemma not in LIGHT and token.is_alpha:
            found.add(lemma)
    return found


def actors_of(predicate: Token) -> list[Token]:
    """Who does what ``predicate`` says: its subject, or the agent of a passive; a verb
    without a subject of its own ("agreed to hold talks", "by winning the final, she
    became") takes its head's.
    Each actor is the head word of its phrase."""
    found: list[Token] = []
    for child in predicate.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            found.append(child)
        if child.dep_ == "agent":
            found += [c for c in child.children if c.dep_ == "pobj"]
    borrows = predicate.dep_ in ("xcomp", "conj", "advcl") and predicate.head.i != predicate.i
    if not found and borrows:
        return actors_of(predicate.head)
    if not found and _adverbial_gerund(predicate):  # "By winning X, Murray became ..."
        return actors_of(predicate.head.head)
    return found


def gerunds_done_by(actor: Token) -> set[int]:
    """The clauses of the adverbial gerunds whose doer is ``actor``, the subject of the verb
    they qualify: "By winning the 2013 final" of "..., Murray became the first ..."."""
    if actor.dep_ not in ("nsubj", "nsubjpass"):
        return set()
    found: set[int] = set()
    for preposition in actor.head.children:
        for verb in preposition.children:
            if _adverbial_gerund(verb):
                found |= clause_of(verb)
    return found


def _adverbial_gerund(predicate: Token) -> bool:
    """A gerund after a preposition that qualifies a verb ("by winning", "after meeting"):
    the verb's subject does it."""
    head = predicate.head
    return (
        predicate.dep_ == "pcomp"
        and predicate.tag_ == "VBG"
        and head.dep_ == "prep"
        and head.head.pos_ in ("VERB", "AUX")
        and head.head.i != head.i
    )


def speakers_of(predicate: Token) -> list[Token]:
    """Who is reported as saying the clause: "Lavrov" in "the talks were useful, Lavrov
    told reporters" and in "Lavrov said the talks were useful"."""
    speakers: list[Token] = []
    head = predicate.head
    if predicate.dep_ == "ccomp" and head.lemma_ in SPEECH:
        speakers += [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for child in predicate.children:
        if child.dep_ in ("parataxis", "ccomp") and child.lemma_ in SPEECH:
            speakers += [c for c in child.children if c.dep_ == "nsubj"]
        if child.lemma_ == "accord":
            speakers += [p for c in child.children for p in c.children if p.dep_ == "pobj"]
    return speakers


def phrase(token: Token) -> str:
    """The words naming an actor: "Foreign Minister Sergei Lavrov" for "Lavrov".

    A describing adjective is not part of the name: "the most recent Lewes Polar
    Bear Plunge" names "Lewes Polar Bear Plunge"; "Russian President Putin" keeps
    "Russian"."""
    words = [
        c
        for c in token.children
        if c.dep_ in ("compound", "poss") or (c.dep_ == "amod" and _naming(c))
    ]
    tokens = sorted([*words, token], key=lambda t: t.i)
    return " ".join(t.text for t in tokens if t.tag_ != "POS")


def _naming(adjective: Token) -> bool:
    return adjective.pos_ == "PROPN" or bool(adjective.ent_type_) or adjective.text.istitle()


def main_predicate(doc: Doc) -> Token | None:
    """The predicate a sentence asserts; for "X said that Y", Y's (X is its speaker)."""
    roots = [t for t in doc if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
    if not roots:
        return None
    root = roots[0]
    if root.lemma_ in SPEECH:
        said = [c for c in root.children if c.dep_ == "ccomp"]
        if said:
            return said[0]
    return root


def role_of(token: Token) -> str:
    """Subject or not, of the name's phrase (a compound takes its head's role)."""
    while token.dep_ in ("compound", "flat", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return "subject"
    return "subject" if token.dep_ in _SUBJECTS else "other"


def acts_of_its_actor(predicate: Token) -> list[Token]:
    """The verbs that say more of the predicate's actor without naming it again: a
    participle or a second verb ("won the race, breaking the record", "called him a
    dictator and questioned his legitimacy")."""
    return [
        child
        for child in predicate.children
        if child.pos_ == "VERB"
        and (child.dep_ == "conj" or (child.dep_ == "advcl" and child.tag_ == "VBG"))
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
    ]
