"""What a question asks someone said or did something about: its focus.

An answer must speak of it; a quote about something else, from the right person, is
no answer. The focus is the phrase that "about" (or "regarding", "concerning", "on")
opens on a verb of saying ("territory" in "What did Mike Waltz say about
territory?"), or else the thing a "what" or "which" asks for under such a verb
("economic opportunities" in "What economic opportunities did Rubio say could
follow the end of the war?"). A question that wants a value ("what share", "what
year") has none of the second kind: the answer-kind check judges those.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from rag.answer.question.kinds import AnswerType

# Verbs that ask for what someone said, and those that ask what someone did, thought or
# wanted: "about" opens the focus of either; only those of saying govern the thing asked
# for ("What subject does the department want funding for?" asks for a subject).
SAYING_VERBS = frozenset("say tell report announce write warn claim argue add".split())
ASKING_VERBS = SAYING_VERBS | frozenset("think do mean want".split())
_OPENING = ("about", "regarding", "concerning", "on")


def asked_focus(doc: Doc, wants: AnswerType | None = None) -> str:
    """The question's focus as written, or "". "About" outranks "on": "What did Trump
    write on Truth Social about Zelenskiy?" asks about Zelenskiy; "on Tuesday" says when."""
    found = [
        token
        for token in doc
        if token.lower_ in _OPENING
        and token.dep_ == "prep"
        and token.head.pos_ == "VERB"  # not "the reports on X": that is a topic
        and token.head.lemma_.lower() in ASKING_VERBS
        and not any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree)  # "on Tuesday"
    ]
    found.sort(key=lambda token: token.lower_ == "on")
    if found:
        return " ".join(t.text for t in found[0].subtree)
    return "" if wants is not None else _thing_asked_for(doc)


def _thing_asked_for(doc: Doc) -> str:
    """The noun a "what" or "which" asks for, with its describing words, when a verb of
    saying governs it: "potential crimes" in "What potential crimes did McCarthy say
    Republicans would investigate?"."""
    for token in doc:
        if token.lower_ in ("what", "which") and token.dep_ == "det" and token.head.pos_ == "NOUN":
            noun = _kind_of(token.head)
            if any(_saying(verb) for verb in noun.ancestors):
                words = [c for c in noun.children if c.dep_ in ("amod", "compound")] + [noun]
                return " ".join(w.text for w in sorted(words, key=lambda w: w.i))
    return ""


def _kind_of(noun: Token) -> Token:
    """The thing of "what kind of economic cooperation": cooperation, not kind."""
    if noun.lemma_.lower() in ("kind", "type", "sort", "form"):
        return next((g for c in noun.children if c.lower_ == "of" for g in c.children), noun)
    return noun


def _saying(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in SAYING_VERBS
