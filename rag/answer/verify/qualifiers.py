"""Whose thing a noun names: the organisation that qualifies it.

"the Senate hearing" and "a hearing by the House Judiciary subcommittee" are two
hearings. A question about the first is not answered from a window about the second,
however many of its other words (the CEOs, the testimony) the window shares. Only
organisations are compared: a place qualifies loosely ("the Riyadh talks" are "the
Saudi talks"), and a nationality is the role check's business.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

QUALIFYING = "ORG"
_MODIFIERS = ("compound", "amod", "poss")  # "the Senate hearing", "Google's chief"
_HOLDERS = ("by", "of")  # "a hearing by the House subcommittee"


def qualified_nouns(doc: Doc, with_holders: bool = True) -> dict[str, set[str]]:
    """Each common noun's qualifying organisations, lowercased: {"hearing": {"senate"}}.

    ``with_holders`` also reads "by"/"of" phrases; a question's own are left out, as
    "the hearing of the CEOs by the Senate" is too loose a reading of a short question.
    """
    found: dict[str, set[str]] = {}
    for token in doc:
        if token.pos_ != "NOUN":
            continue
        for child in token.children:
            qualifier = _qualifier(child, with_holders)
            if qualifier is not None:
                found.setdefault(token.lemma_.lower(), set()).add(qualifier.text.lower())
    return found


def _qualifier(child: Token, with_holders: bool) -> Span | None:
    if child.dep_ in _MODIFIERS:
        return _organisation(child)
    if with_holders and child.dep_ == "prep" and child.lower_ in _HOLDERS:
        for word in child.subtree:
            if word is not child and (organisation := _organisation(word)) is not None:
                return organisation
    return None


def _organisation(token: Token) -> Span | None:
    if token.ent_type_ != QUALIFYING:
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def another_holder(asked: dict[str, set[str]], docs: list[Doc]) -> bool:
    """The text is about another organisation's thing, and never names the question's.

    "Senate hearing" against "a hearing by the House Judiciary subcommittee" (and no
    "Senate" anywhere in the text) is another hearing. ``docs`` are the parsed pieces of
    one text (a source's sentences), judged together.
    """
    if not asked:
        return False
    texts = [doc.text.lower() for doc in docs]
    for noun, bodies in asked.items():
        if any(_words_in(body, text) for body in bodies for text in texts):
            continue
        for doc in docs:
            others = qualified_nouns(doc).get(noun, ())
            if any(not _shares_word(other, bodies) for other in others):
                return True
    return False


def _words_in(name: str, text: str) -> bool:
    return all(word in text for word in name.split() if word not in ("the", "of"))


def _shares_word(name: str, others: set[str]) -> bool:
    words = set(name.split()) - {"the", "of"}
    return any(words & (set(other.split()) - {"the", "of"}) for other in others)
