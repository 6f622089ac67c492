"""Where in a source a claim may find its support: each sentence, alone and with the next.

The source's header (its title and date, as the model saw them) belongs to
every window: "Belgian hairdressers urge equal prices" may name the country
that the sentences only call "the federation". Windows are parsed once per
question, however many sentences of the answer are checked against them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.answer.evidence import Source, dated
from rag.answer.prompt import source_header
from rag.language.facts import Facts, facts_of
from rag.language.parser import Parser

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Window:
    text: str  # header and sentences, their relative dates resolved
    span: tuple[int, int]  # article offsets of the sentences
    source: Source
    doc: Doc  # the parse of the sentences (the header is not parsed)
    facts: Facts  # of header and sentences
    header: str
    source_years: frozenset[int]  # every year its source names


def windows_of(source: Source, parser: Parser) -> list[Window]:
    spans = source.spans
    passage = source.passage
    offset, text = passage.start, passage.text
    header = source_header(passage)
    pieces: list[tuple[str, tuple[int, int]]] = []
    for i, (start, end) in enumerate(spans):
        pieces.append((dated(text[start:end], passage), (offset + start, offset + end)))
        if i + 1 < len(spans):
            later = spans[i + 1][1]
            pieces.append((dated(text[start:later], passage), (offset + start, offset + later)))
    docs = parser.parse_many([piece for piece, _ in pieces])
    header_facts = facts_of(parser(header)) if header else None
    windows = []
    years = frozenset(y for doc in docs for y in facts_of(doc).years)
    for (piece, span), doc in zip(pieces, docs, strict=True):
        facts = facts_of(doc)
        if header_facts is not None:
            facts = Facts(
                facts.numbers | header_facts.numbers,
                facts.months | header_facts.months,
                facts.names + header_facts.names,
                facts.weekdays | header_facts.weekdays,
                facts.small_words | header_facts.small_words,
            )
        windows.append(Window(header + piece, span, source, doc, facts, header, years))
    return windows
