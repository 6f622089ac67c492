"""Sentence verification and evidence selection, with the fake embedder."""

from __future__ import annotations

from rag.answer.evidence import Source, select_evidence
from rag.answer.prompt import source_header
from rag.answer.verify import Verifier, split_answer
from rag.text import sentence_spans
from rag.types import Passage
from tests.fakes import FakeEmbedder

TEXT = (
    "Officials met in Riyadh on Tuesday. The meeting lasted four and a half hours. "
    "Sergey Lavrov led the Russian delegation. Marco Rubio led the American one."
)
PASSAGE = Passage(
    passage_id="a#0",
    article_id="a",
    index=0,
    title="Talks",
    source="s",
    text=TEXT,
    start=1000,
    end=1000 + len(TEXT),
    score=0.7,
)


def source(n: int = 1) -> Source:
    return Source(n, PASSAGE, tuple(sentence_spans(TEXT)[:3]))


def verdicts(answer: str, question: str = "Who led the Russian delegation?"):
    return Verifier(FakeEmbedder(), question).verify(answer, [source()])


def test_split_keeps_markers_with_their_sentence() -> None:
    assert split_answer("Lavrov led it. [1] Rubio led the other [1].") == [
        "Lavrov led it. [1]",
        "Rubio led the other [1].",
    ]
    assert split_answer("The U.S. team met Mr. Lavrov [1].") == [
        "The U.S. team met Mr. Lavrov [1]."
    ]


def test_supported_sentence_gets_its_support_span() -> None:
    [v] = verdicts("Sergey Lavrov led the Russian delegation [1].")
    assert v.supported and v.citations == [1]
    start = TEXT.index("Sergey")
    assert v.support[1] == (
        1000 + start,
        1000 + start + len("Sergey Lavrov led the Russian delegation."),
    )


def test_wrong_name_or_number_is_unsupported() -> None:
    assert not verdicts("Sergei Shoigu led the Russian delegation [1].")[0].supported
    assert not verdicts("The meeting lasted 9 hours [1].", "How long was the meeting?")[0].supported


def test_restating_the_question_about_something_else_is_unsupported() -> None:
    [v] = verdicts("Argentina won the 2022 World Cup [1].", "Who won the 2022 World Cup?")
    assert not v.supported


def test_uncited_sentence_is_repaired_when_a_source_supports_it() -> None:
    [v] = verdicts("Sergey Lavrov led the Russian delegation.")
    assert v.supported and v.repaired and v.citations == [1]


def test_evidence_keeps_the_relevant_sentences_within_budget() -> None:
    def count(text: str) -> int:
        return len(text.split())

    sources = select_evidence(
        "Who led the Russian delegation?", [PASSAGE], FakeEmbedder(), count, 14, source_header
    )
    [chosen] = sources
    assert "Sergey Lavrov led the Russian delegation." in chosen.text
    assert sum(count(PASSAGE.text[s:e]) + 1 for s, e in chosen.spans) + 3 <= 14
    assert select_evidence("Who?", [PASSAGE], FakeEmbedder(), count, 0, source_header) == []
