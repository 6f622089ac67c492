"""A list's item holds the role the question asks for.

"Steve Witkoff, US Middle East envoy" does not answer "Which Saudi officials sat in
on the talks?", though the source lists him beside the Saudi ones: the question
asks for Saudi officials, and the source calls him a US envoy. When the question
qualifies the people it asks for by a nationality or a group ("Saudi", "Russian"),
each person the answer names must be so described where the source names them:
in the words of their own phrase ("Russian Deputy Foreign Minister Sergei
Ryabkov", "Lavrov, Russia's foreign minister"), or at least not as another's:
reports often leave out the nationality that the story makes plain ("Deputy
Foreign Minister Sergey Ryabkov"), but "US Defence Secretary Pete Hegseth" is no
Russian official.

A list's line may also say what its item is ("Intuitive Machines, customer of
NASA"). When the source calls another name that ("for NASA and other
customers") and never this one, the line gives its item another's role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.question import QuestionKind
from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.reasons import Reason
from rag.answer.verify.values import value_tokens
from rag.answer.verify.windows import Window
from rag.language.facts import Facts
from rag.language.names import plain, same_word

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "role"
# a nationality the sources often write by its country's short name instead
_ALSO_WRITTEN = {"american": ("us", "u.s", "united", "america"), "british": ("uk", "britain")}


def check(claim: Claim, window: Window, context: Context) -> Reason | None:
    if context.question.kind is QuestionKind.LIST and _called_another(claim, window):
        return Reason.OTHER_ROLE
    wanted = asked_groups(context)
    if not wanted:
        return None
    people = {e.text for e in claim.doc.ents if e.label_ == "PERSON"}
    for name in claim.new.names:
        if name not in people:
            continue
        tokens = value_tokens(window.doc, Facts(frozenset(), frozenset(), (name,)))[0]
        described = [_described(token, wanted) for token in tokens]
        if False in described and True not in described:
            return Reason.OTHER_ROLE
    return None


def asked_groups(context: Context) -> tuple[str, ...]:
    """The groups a list question qualifies its people by: "saudi" in "Which Saudi
    officials sat in?"."""
    question = context.question
    doc = question.doc
    if question.kind is not QuestionKind.LIST or doc is None:
        return ()
    wh = next((t for t in doc if t.tag_ == "WDT"), None)
    if wh is None:
        return ()
    groups = []
    for token in doc[wh.i + 1 :]:  # "which Saudi officials", up to its verb
        if token.pos_ in ("VERB", "AUX"):
            break
        if token.ent_type_ == "NORP" and token.pos_ == "ADJ" and token.head.pos_ == "NOUN":
            groups.append(plain(token.text))
    return tuple(groups)


def _described(token: Token, wanted: tuple[str, ...]) -> bool | None:
    """The phrase naming this person calls them one of ``wanted`` (True), gives them
    another nationality or country (False), or neither (None).

    The title written before the name decides first ("US envoy Steve Witkoff"): in a
    list of people, what follows a name may be the next one's ("..., Saudi Arabia's
    adviser Mosaad al-Aiban"), which the parser can take for an apposition."""
    head = token
    while head.dep_ in ("compound", "flat") and head.head.i != head.i:
        head = head.head
    phrase = _phrase(head)
    title = [t for t in phrase if t.i < head.i and t.head.i <= head.i]
    for words in (title, phrase):
        if any(_written(group, {plain(t.text) for t in words}) for group in wanted):
            return True
        if any(t.ent_type_ in ("NORP", "GPE") for t in words):
            return False
    return None


def _phrase(head: Token) -> list[Token]:
    """The words of a person's noun phrase, with its apposition ("Lavrov, Russia's
    foreign minister,"), and the noun it stands in apposition to."""
    tokens, stack = [], [head]
    while stack:  # the phrase, without the others listed after it ("X, Y and Z")
        current = stack.pop()
        tokens.append(current)
        stack += [c for c in current.children if c.dep_ not in ("conj", "cc", "relcl")]
    if head.dep_ == "appos":
        tokens += [head.head, *[c for c in head.head.children if c.dep_ in ("amod", "compound")]]
    return tokens


def _written(group: str, words: set[str]) -> bool:
    forms = (group, *_ALSO_WRITTEN.get(group, ()))
    return any(same_word(form, word) for form in forms for word in words if word)


def _called_another(claim: Claim, window: Window) -> bool:
    """The line calls its item what the window calls only other names."""
    for description in claim.doc:
        item = description.head
        if description.dep_ != "appos" or description.pos_ != "NOUN" or item.pos_ != "PROPN":
            continue
        named = {plain(t.text) for t in _name_of(item)}
        called = [
            {plain(t.text) for t in _name_of(name)}
            for token in window.doc
            if token.lemma_.lower() == description.lemma_.lower()
            for name in _names_called(token)
        ]
        if called and not any(words & named for words in called):
            return True
    return False


def _names_called(noun: Token) -> list[Token]:
    """The names a noun describes: in apposition or a compound ("Kremlin spokesman Dmitry
    Peskov"), listed with it ("NASA and other customers"), after "as" ("As the primary
    customer, NASA paid ...") or "is" ("NASA is the customer")."""
    linked = [noun.head] if noun.dep_ in ("appos", "compound", "conj") else []
    linked += [c for c in noun.children if c.dep_ in ("appos", "conj")]
    clause = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "as" else None
    if noun.dep_ == "attr":
        clause = noun.head
    if clause is not None:
        linked += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [token for token in linked if token.pos_ == "PROPN"]


def _name_of(token: Token) -> list[Token]:
    """A name's words: its last word and the words compounded with it."""
    return [token, *(c for c in token.children if c.dep_ in ("compound", "flat"))]
