"""Where a fact is written in a parse: the tokens of a name, a number or a date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.language.calendar_names import month_number, weekday_number
from rag.language.facts import Facts
from rag.language.names import abbreviates, plain, same_word
from rag.language.numbers import numbers_in, same_number

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def value_tokens(doc: Doc, facts: Facts) -> list[list[Token]]:
    """For each fact of ``facts``, the tokens of ``doc`` that write it (one per place)."""
    found: list[list[Token]] = []
    for forms in facts.numbers:
        found.append([t for t in doc if _writes_number(t, forms)])
    for month in facts.months:
        found.append([t for t in doc if month_number(t.text) == month])
    for weekday in facts.weekdays:
        found.append([t for t in doc if weekday_number(t.text) == weekday])
    for name in facts.names:
        found.append(_name_tokens(doc, name))
    return found


def each_fact(facts: Facts) -> list[Facts]:
    """Each fact of ``facts`` on its own, in ``value_tokens`` order."""
    singles = [Facts(frozenset({n}), frozenset(), ()) for n in facts.numbers]
    singles += [Facts(frozenset(), frozenset({m}), ()) for m in facts.months]
    singles += [Facts(frozenset(), frozenset(), (), frozenset({d})) for d in facts.weekdays]
    singles += [Facts(frozenset(), frozenset(), (name,)) for name in facts.names]
    return singles


def _writes_number(token: Token, forms: tuple[float, ...]) -> bool:
    if not (token.like_num or token.pos_ == "NUM" or any(c.isdigit() for c in token.text)):
        return False
    text = _number_text(token)
    numbers, small = numbers_in(text)
    values = {v for f in numbers for v in f} | set(small)
    return any(same_number(v, frozenset(values)) for v in forms)


def _number_text(token: Token) -> str:
    """The token with the words that complete its number ("4.5 billion", "four and a half")."""
    doc = token.doc
    end = token.i + 1
    while (
        end < len(doc)
        and end - token.i < 5
        and (
            doc[end].like_num
            or doc[end].lower_
            in (
                "and",
                "a",
                "half",
                "-",
                "1/2",
                "½",
                "hundred",
                "thousand",
                "million",
                "billion",
                "bn",
            )
        )
    ):
        end += 1
    if "/" in token.text and end < len(doc) and doc[end].lower_ == "of":
        end += 1  # "2/9 of": a share (``numbers_in``)
    return doc[token.i : end].text


def _name_tokens(doc: Doc, name: str) -> list[Token]:
    """The tokens of ``doc`` that write a word of ``name`` ("Lavrov" of "Sergei Lavrov"),
    or its acronym ("CAS" of "Court of Arbitration for Sport"). A name of short words
    only ("X", "UN") is matched as written. A sentence's last word may carry its full
    stop ("SpaceX." is one token)."""
    words = [plain(w) for w in name.split() if len(plain(w)) > 2]
    parts = [p for w in name.split() for p in w.split("-") if p]
    if not words:
        return _short_name_tokens(doc, name)
    return [
        token
        for token in doc
        if _word(token).isalpha()
        and (
            (not token.is_stop and any(same_word(plain(token.text), word) for word in words))
            or (token.is_upper and len(parts) > 1 and abbreviates(token.text, parts))
        )
    ]


def _short_name_tokens(doc: Doc, name: str) -> list[Token]:
    """A name of short words as written ("X"), or an acronym's words ("EU": "European
    Union")."""
    found = [token for token in doc if _word(token) in name.split()]
    if name.isupper() and len(name) > 1:
        for start in range(len(doc) - len(name) + 1):
            span = doc[start : start + len(name)]
            if all(
                t.text[:1] == letter and t.is_title for t, letter in zip(span, name, strict=True)
            ):
                found.extend(span)
    return found


def _word(token: Token) -> str:
    """The token without a full stop the tokenizer left on it ("SpaceX." at a sentence's end)."""
    return token.text[:-1] if len(token.text) > 1 and token.text.endswith(".") else token.text
