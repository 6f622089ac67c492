"""The answer service with a scripted model, a fixed retriever and the fake embedder."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rag.answer.conversation import Turn
from rag.answer.prompt import ABSTAIN_TEXT, OPEN_SYSTEM_PROMPT, SYSTEM_PROMPT
from rag.answer.question import Question
from rag.answer.service import AnswerService
from rag.answer.stages import default_stages
from rag.errors import NewsqaError
from rag.settings import load_settings
from rag.types import AskOptions, Filters, Passage
from tests.fakes import FakeEmbedder, OneModel, ScriptedChatModel
from tests.unit.verify.helpers import parser


class ListRetriever:
    """The retrieve stage over a fixed ranking; remembers the questions it was asked."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages = passages
        self.asked: list[str] = []

    def __call__(self, question: Question, options: AskOptions) -> list[Passage]:
        self.asked.append(question.text)
        if options.filters.source:
            return [p for p in self.passages if options.filters.source in p.source]
        return list(self.passages)


def passage(n: int, text: str, score: float = 0.6) -> Passage:
    return Passage(
        passage_id=f"a{n}#0",
        article_id=f"a{n}",
        index=0,
        title=f"Article {n}",
        source=f"src{n}",
        text=text,
        start=100 * n,
        end=100 * n + len(text),
        score=score,
    )


PASSAGES = [
    passage(1, "The talks in Riyadh lasted four and a half hours. Lunch was served after."),
    passage(2, "Sergey Ryabkov said the sides agreed in principle to hold consultations."),
]


def service(*replies: str, passages=PASSAGES, **settings):
    model = ScriptedChatModel(*replies)
    retriever = ListRetriever(passages)
    config = load_settings(**settings)
    embedder = FakeEmbedder()
    stages = default_stages(config, search=None, embedder=lambda: embedder, parser=parser)
    stages.retrieve = retriever
    return AnswerService(config, stages, OneModel(model), parser), model, retriever


def test_supported_sentences_keep_their_citations_and_support_spans() -> None:
    svc, model, _ = service("The talks in Riyadh lasted four and a half hours [1].")
    answer = svc.ask("  How long did the talks in Riyadh last?  ")
    assert not answer.abstained
    assert answer.question == "How long did the talks in Riyadh last?"
    assert answer.answer == "The talks in Riyadh lasted four and a half hours [1]."
    assert [(s.citations, s.supported) for s in answer.sentences] == [([1], True)]
    [citation] = answer.citations
    assert (citation.n, citation.article_id, citation.start) == (1, "a1", 100)
    first_sentence = "The talks in Riyadh lasted four and a half hours."
    assert (citation.support_start, citation.support_end) == (100, 100 + len(first_sentence))
    prompt = model.received[0][1]["content"]
    assert prompt.startswith("Sources:\n\n[1] ") and prompt.endswith(
        "Question: How long did the talks in Riyadh last?"
    )
    assert answer.usage.completion_tokens > 0
    assert answer.timings.total >= answer.timings.first_token >= answer.timings.retrieval


def test_unsupported_sentences_are_removed_or_marked() -> None:
    reply = "The talks lasted four and a half hours [1]. Russia won the World Cup in 2022 [1]."
    svc, _, _ = service(reply)
    answer = svc.ask("How long did the talks last?")
    assert answer.answer == "The talks lasted four and a half hours [1]."
    assert [c.n for c in answer.citations] == [1]
    [withheld] = answer.withheld  # what was left out, and why
    assert withheld.text == "Russia won the World Cup in 2022 [1]."
    assert withheld.reason

    svc, _, _ = service(reply, keep_unsupported=True)
    answer = svc.ask("How long did the talks last?")
    assert [(s.citations, s.supported) for s in answer.sentences] == [([1], True), ([1], False)]


def test_numbers_must_appear_in_the_cited_source() -> None:
    svc, _, _ = service("The talks in Riyadh lasted 9 hours [1].")
    assert svc.ask("How long did the talks in Riyadh last?").abstained


def test_invalid_numbers_are_dropped_and_uncited_sentences_repaired() -> None:
    svc, _, _ = service("Sergey Ryabkov said the sides agreed in principle to hold consultations.")
    answer = svc.ask("What did Ryabkov say?")
    assert answer.answer.endswith("consultations. [2]")
    assert answer.sentences[0].citations == [2]

    svc, _, _ = service("Sergey Ryabkov said the sides agreed to hold consultations [7].")
    answer = svc.ask("What did Ryabkov say?")
    assert [c.n for c in answer.citations] == [2], "[7] matches no source; the repair finds [2]"

    svc, _, _ = service(
        "Sergey Ryabkov said the sides agreed to hold consultations.", repair_citations=False
    )
    assert svc.ask("What did Ryabkov say?").abstained


@pytest.mark.parametrize("reply", ["I don't know.", "The sources do not contain the answer.", ""])
def test_model_saying_it_does_not_know_is_an_abstention(reply: str) -> None:
    svc, _, _ = service(reply)
    answer = svc.ask("Who won the 1998 World Cup?")
    assert answer.abstained and answer.answer == ABSTAIN_TEXT and answer.citations == []
    assert [p.article_id for p in answer.related] == ["a1", "a2"]


def test_weak_evidence_abstains_without_asking_the_model() -> None:
    weak = [passage(1, "Unrelated text about gardening.", score=0.05)]
    svc, model, _ = service("unused", passages=weak)
    answer = svc.ask("Who won the 1998 World Cup?")
    assert answer.abstained and model.received == []
    assert answer.related[0].article_id == "a1"


def test_filters_that_match_nothing_abstain() -> None:
    svc, model, _ = service("unused")
    answer = svc.ask("How long did the talks last?", options=AskOptions(filters=Filters("nowhere")))
    assert answer.abstained and model.received == [] and answer.related == []


def test_prompt_stays_within_the_token_budget() -> None:
    long_passages = [
        passage(n, " ".join(f"Sentence {n}.{i} about talks." for i in range(60)))
        for n in range(1, 6)
    ]
    svc, model, _ = service(passages=long_passages, prompt_budget=300)
    for asked, instructions in (
        ("How long did the talks last?", SYSTEM_PROMPT),
        ("What happened at the talks?", OPEN_SYSTEM_PROMPT),
    ):
        model.replies.append("I don't know.")
        svc.ask(asked)
        system, *rest = model.received[-1]
        assert system["content"] == instructions, (
            "the same instructions for every question of a kind"
        )
        sent = sum(model.count_tokens(m["content"]) for m in rest)
        assert sent <= 300 and (sent > 200 or instructions is OPEN_SYSTEM_PROMPT)


def test_an_open_answer_that_copies_the_example_is_asked_again_as_a_fact() -> None:
    svc, model, _ = service(
        "The minister resigned on Monday [2].",
        "Sergey Ryabkov said the sides agreed in principle to hold consultations [2].",
    )
    answer = svc.ask("What did Sergey Ryabkov say?")
    first, second = (messages[0]["content"] for messages in model.received)
    assert (first, second) == (OPEN_SYSTEM_PROMPT, SYSTEM_PROMPT)
    assert answer.answer.startswith("Sergey Ryabkov said") and answer.kind == "fact"
    sent = sum(model.count_tokens(m["content"]) for messages in model.received for m in messages)
    assert (answer.usage.prompt_tokens, answer.usage.completion_tokens) == (sent, 7 + 11)


def test_an_open_answer_refused_for_its_content_is_not_asked_again() -> None:
    svc, model, _ = service("Sergey Lavrov resigned from the talks in protest [2].")
    assert svc.ask("What did Sergey Ryabkov say?").abstained
    assert len(model.received) == 1, "only a copied example makes the answer worth a second try"


def test_bad_questions_and_empty_index_are_clear_errors() -> None:
    svc, _, _ = service()
    with pytest.raises(NewsqaError, match="empty"):
        svc.ask("   ")
    with pytest.raises(NewsqaError, match="too long"):
        svc.ask("why " * 400)
    empty, model, _ = service("unused", passages=[])
    with pytest.raises(NewsqaError, match="newsqa ingest"):
        empty.ask("Anything?")
    assert model.received == []


def test_follow_up_is_rewritten_from_the_history_before_retrieval() -> None:
    svc, model, retriever = service(
        "What did Sergey Ryabkov say about consultations?",
        "Sergey Ryabkov said the sides agreed in principle to hold consultations [2].",
    )
    history = [Turn("Who is Sergey Ryabkov?", "He is a Russian deputy foreign minister [2].")]
    answer = svc.ask("What did he say?", history=history)
    assert answer.standalone_question == "What did Sergey Ryabkov say about consultations?"
    assert retriever.asked == ["What did Sergey Ryabkov say about consultations?"]
    rewrite_prompt = model.received[0][1]["content"]
    assert "Q: Who is Sergey Ryabkov?" in rewrite_prompt and "[2]" not in rewrite_prompt
    assert not answer.abstained


def test_standalone_questions_are_not_rewritten() -> None:
    svc, model, retriever = service("I don't know.")
    svc.ask("How long did the talks in Riyadh last?", history=[Turn("Hi there?", "Hello.")])
    assert len(model.received) == 1 and retriever.asked == [
        "How long did the talks in Riyadh last?"
    ]


def test_stream_yields_checked_sentences_then_the_answer() -> None:
    svc, _, _ = service("The talks in Riyadh lasted four and a half hours [1].")
    stream = svc.stream("How long did the talks in Riyadh last?")
    sentences = list(stream)
    answer = stream.answer
    assert [s.text for s in sentences] == [answer.answer] and answer.kind == "fact"
    assert answer.citations[0].n == 1


@pytest.mark.parametrize(
    "question",
    [
        "",
        " \t\n ",
        "?!.,;:…—",
        "\x00\x07\x1b\x7f",
        "x" * 100_000,
        "word " * 20_000,
    ],
)
def test_unusable_questions_are_refused_before_any_work(question: str) -> None:
    svc, model, retriever = service("unused")
    with pytest.raises(NewsqaError, match="empty|no words|too long"):
        svc.ask(question)
    assert model.received == [] and retriever.asked == []


def test_control_characters_are_removed_from_questions() -> None:
    svc, _, retriever = service("I don't know.")
    svc.ask("How long\x00 did the\u200b talks\x1b last?")
    assert retriever.asked == ["How long did the talks last?"]


@given(question=st.text(max_size=3000), answer=st.text(max_size=2000))
@settings(max_examples=150, deadline=None)
def test_no_question_or_history_exceeds_the_prompt_budget(question: str, answer: str) -> None:
    """Any text, any script: refused with a message, or every prompt sent fits the budget."""
    history = [Turn(question=question or "q", answer=answer)] * 5
    svc, model, _ = service("And who said that?", "I don't know.", prompt_budget=400)
    try:
        svc.ask(question, history=history)
    except NewsqaError:
        assert model.received == []
        return
    for messages in model.received:
        added = [m for m in messages if m["content"] != SYSTEM_PROMPT]
        assert sum(model.count_tokens(m["content"]) for m in added) <= 400 - 8


def test_a_last_sentence_cut_off_at_the_token_limit_is_not_shown() -> None:
    reply = "The talks in Riyadh lasted four and a half hours [1]. Lavrov asked whether the"
    words = len(reply.split())
    for limit, shown in ((words, 1), (words + 1, 2)):
        svc, _, _ = service(reply, llm_max_tokens=limit, keep_unsupported=True)
        answer = svc.ask("How long did the talks in Riyadh last?")
        assert len(answer.sentences) == shown
