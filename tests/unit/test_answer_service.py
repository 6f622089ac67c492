import pytest

from rag.answer import AnswerService
from rag.errors import NewsqaError
from rag.prompt import ABSTAIN_TEXT
from rag.types import Passage
from tests.fakes import ScriptedChatModel


class ListRetriever:
    def __init__(self, passages: list[Passage]) -> None:
        self.passages = passages
        self.asked: list[tuple[str, int]] = []

    def retrieve(self, question: str, k: int) -> list[Passage]:
        self.asked.append((question, k))
        return self.passages[:k]


def passage(n: int, text: str) -> Passage:
    return Passage(
        chunk_id=f"a{n}#0",
        doc_id=f"a{n}",
        chunk_index=0,
        title=f"Article {n}",
        source=f"src{n}",
        text=text,
        start=10,
        end=10 + len(text),
        score=1 - n / 10,
    )


PASSAGES = [
    passage(1, "The talks in Riyadh lasted four and a half hours."),
    passage(2, "Sergey Ryabkov said the sides agreed in principle to consult."),
]


def service(*replies: str, passages=PASSAGES) -> tuple[AnswerService, ScriptedChatModel]:
    model = ScriptedChatModel(*replies)
    return AnswerService(ListRetriever(passages), chat_model=lambda: model, top_k=4), model


def test_answer_cites_the_passages_it_was_shown() -> None:
    svc, model = service("The talks lasted 4.5 hours [1]. Ryabkov spoke [2][5].")
    answer = svc.ask("  How long were the talks?  ")
    assert answer.question == "How long were the talks?"
    assert answer.answer == "The talks lasted 4.5 hours [1]. Ryabkov spoke [2]."
    assert not answer.abstained
    assert [(c.n, c.doc_id, c.start, c.end) for c in answer.citations] == [
        (1, "a1", 10, 10 + len(PASSAGES[0].text)),
        (2, "a2", 10, 10 + len(PASSAGES[1].text)),
    ]
    prompt = model.received[0][1]["content"]
    assert "Sources:\n\n[1] Article 1\nThe talks in Riyadh" in prompt
    assert prompt.endswith("Question: How long were the talks?")
    assert answer.usage.completion_tokens > 0
    assert answer.timings.total >= answer.timings.first_token >= answer.timings.retrieval


def test_stream_yields_text_then_the_answer() -> None:
    svc, _ = service("Four and a half hours [1].")
    events = list(svc.stream("How long?"))
    assert "".join(e for e in events if isinstance(e, str)) == "Four and a half hours [1]."
    assert events[-1].citations[0].n == 1


@pytest.mark.parametrize(
    "reply", [ABSTAIN_TEXT, "I don't know.", "The passages do not contain the answer.", ""]
)
def test_model_saying_it_does_not_know_is_an_abstention(reply: str) -> None:
    svc, _ = service(reply)
    answer = svc.ask("Who won the 1998 World Cup?")
    assert answer.abstained
    assert answer.answer == ABSTAIN_TEXT
    assert answer.citations == []


def test_bad_questions_and_empty_index_are_clear_errors() -> None:
    svc, _ = service()
    with pytest.raises(NewsqaError, match="empty"):
        svc.ask("   ")
    with pytest.raises(NewsqaError, match="too long"):
        svc.ask("why " * 1000)
    empty, model = service("unused", passages=[])
    with pytest.raises(NewsqaError, match="newsqa ingest"):
        empty.ask("Anything?")
    assert model.received == []
