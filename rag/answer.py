"""The answer service: question in, cited answer out, for the CLI, UI and eval alike."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator

from rag.citations import resolve_citations
from rag.errors import NewsqaError
from rag.llm import ChatModel
from rag.prompt import ABSTAIN_TEXT, build_messages
from rag.retriever import Retriever
from rag.types import Answer, Timings

MAX_QUESTION_CHARS = 2000

_NO_ANSWER = re.compile(
    r"do(?:es)? not contain the answer|don[’']?t know|do not know|cannot answer|can[’']?t answer"
    r"|(?:is|are) not (?:mentioned|provided|given|stated)|no information",
    re.IGNORECASE,
)


def is_abstention(text: str) -> bool:
    """The model said the passages lack the answer (in the agreed words or its own)."""
    return not text.strip() or bool(_NO_ANSWER.search(text))


class AnswerService:
    """Retrieve, prompt the model, and turn its reply into an :class:`Answer`."""

    def __init__(
        self, retriever: Retriever, chat_model: Callable[[], ChatModel], top_k: int
    ) -> None:
        self.retriever = retriever
        self._chat_model_factory = chat_model
        self._chat_model: ChatModel | None = None
        self.top_k = top_k

    @property
    def chat_model(self) -> ChatModel:
        if self._chat_model is None:
            self._chat_model = self._chat_model_factory()
        return self._chat_model

    def ask(self, question: str) -> Answer:
        for event in self.stream(question):
            if isinstance(event, Answer):
                return event
        raise AssertionError("stream() always ends with an Answer")

    def stream(self, question: str) -> Iterator[str | Answer]:
        """Yield pieces of the reply as they are generated, then the finished Answer."""
        question = _check_question(question)
        model = self.chat_model  # loading the model is not part of answering
        began = time.perf_counter()
        passages = self.retriever.retrieve(question, self.top_k)
        timings = Timings(retrieval=time.perf_counter() - began)
        if not passages:
            raise NewsqaError("No articles are indexed yet: add some with `newsqa ingest PATH`.")
        pieces: list[str] = []
        for piece in model.stream_chat(build_messages(question, passages)):
            if timings.first_token is None:
                timings.first_token = time.perf_counter() - began
            pieces.append(piece)
            yield piece
        timings.total = time.perf_counter() - began
        text, citations = resolve_citations("".join(pieces), passages)
        abstained = is_abstention(text)
        yield Answer(
            question=question,
            answer=ABSTAIN_TEXT if abstained else text,
            abstained=abstained,
            citations=[] if abstained else citations,
            passages=passages,
            timings=timings,
            usage=model.last_usage,
        )


def _check_question(question: str) -> str:
    question = " ".join(question.split())
    if not question:
        raise NewsqaError("The question is empty.")
    if len(question) > MAX_QUESTION_CHARS:
        raise NewsqaError(f"The question is too long (over {MAX_QUESTION_CHARS} characters).")
    return question
