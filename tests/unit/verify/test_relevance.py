"""How much a text bears on the question: its subject's words, and its meaning."""

from __future__ import annotations

from rag.answer.verify import CheckConfig
from rag.answer.verify.relevance import Relevance
from tests.fakes import FakeEmbedder
from tests.unit.verify.helpers import question


def relevance(asked: str) -> tuple[Relevance, FakeEmbedder]:
    embedder = FakeEmbedder()
    return Relevance(question(asked), embedder, CheckConfig()), embedder


def test_a_text_naming_the_subject_is_about_the_question() -> None:
    judge, _ = relevance("How long did the talks in Riyadh last?")
    assert judge.about_question("The talks in Riyadh lasted four and a half hours.")
    assert not judge.about_question("The glassworks in Varnholm reopened on Thursday.")


def test_a_text_on_the_subject_scores_above_one_off_it() -> None:
    judge, _ = relevance("How long did the talks in Riyadh last?")
    on = judge.score("The talks in Riyadh lasted four and a half hours.")
    off = judge.score("The glassworks in Varnholm reopened on Thursday.")
    assert on > off


def test_each_text_is_embedded_once_per_question() -> None:
    judge, embedder = relevance("Who won the marathon?")
    for _ in range(3):
        judge.similar("Who won the marathon?", "Kiptoo won the marathon.")
    assert sum(len(call) for call in embedder.calls) == 2
