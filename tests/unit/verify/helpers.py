"""Building what the checks read: a question, a claim, a source, its windows."""

from __future__ import annotations

import functools
from types import ModuleType

from rag.answer.evidence import Source
from rag.answer.question import Question, analyse_question
from rag.answer.verify import CheckConfig, Verifier
from rag.answer.verify.reasons import Reason
from rag.language.parser import Parser
from rag.text import sentence_spans
from rag.types import Passage
from tests.fakes import FakeEmbedder


@functools.cache
def parser() -> Parser:
    return Parser()


def question(text: str) -> Question:
    return analyse_question(text, parser())


def source(
    text: str, n: int = 1, published: str | None = None, title: str = "", start: int = 0
) -> Source:
    passage = Passage(
        passage_id=f"p{n}#0",
        article_id=f"p{n}",
        index=0,
        title=title,
        source="s",
        date=published,
        text=text,
        start=start,
        end=start + len(text),
        score=0.7,
    )
    return Source(n, passage, tuple(sentence_spans(text)))


def verifier(asked: str, *sources: Source, config: CheckConfig | None = None) -> Verifier:
    analysed = question(asked)
    return Verifier(analysed, list(sources), parser(), FakeEmbedder(), analysed.plan.checks, config)


def supported(
    asked: str,
    answer: str,
    text: str,
    published: str | None = None,
    config: CheckConfig | None = None,
) -> bool:
    checker = verifier(asked, source(text, published=published), config=config)
    [verdict] = checker.verify(answer, repair=False)
    return verdict.supported


def passes(check: ModuleType, asked: str, answer: str, text: str = "") -> bool:
    """Whether one check passes the answer: a claim check on its own, a window check in
    at least one window of ``text``."""
    checker = verifier(asked, source(text or "Nothing."))
    claim = checker.claim(answer)
    if text == "":
        return check.check(claim, checker.context) is None
    windows = checker.windows(checker.sources[0])
    return any(check.check(claim, w, checker.context) is None for w in windows)


def reason(asked: str, answer: str, text: str) -> Reason | None:
    [verdict] = verifier(asked, source(text)).verify(answer, repair=False)
    return verdict.reason
