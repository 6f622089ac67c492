"""What the web UI does, without the UI: chat turns, the shared backend, the API payload.

Nothing here imports gradio, so every behaviour can be tested by calling it
directly with fake models; ``ui.app`` only wires these functions to widgets.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ingest.pipeline import Ingestor
from rag.answer import AnswerService
from rag.catalog import Catalog
from rag.conversation import Turn
from rag.embedding import Embedder, Tokenizer
from rag.errors import NewsqaError
from rag.llm import ChatModel
from rag.retriever import Filters
from rag.settings import Settings
from rag.types import Answer, Usage

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ChatOptions:
    """The settings a user may change per question in the settings accordion."""

    top_k: int | None = None
    retriever: str | None = None
    llm_model: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None

    def filters(self) -> Filters | None:
        days = [(self.since or "").strip() or None, (self.until or "").strip() or None]
        for day in days:
            if day is not None and not _DAY.fullmatch(day):
                raise NewsqaError(f"Dates are written YYYY-MM-DD, not {day!r}.")
        filters = Filters((self.source or "").strip() or None, *days)
        return filters or None

    def overrides(self) -> dict[str, Any]:
        given = {"top_k": self.top_k, "retriever": self.retriever, "llm_model": self.llm_model}
        return {k: (int(v) if k == "top_k" else v) for k, v in given.items() if v}


@dataclass
class ChatState:
    """One browser session's conversation: the turns so far and the answer on screen."""

    turns: list[Turn] = field(default_factory=list)
    last: Answer | None = None


def model_choices(settings: Settings) -> list[str]:
    """The models a user may pick: those installed here, or the one a server serves."""
    if settings.llm_backend == "llamacpp":
        from rag.models import installed_llms

        return sorted({*installed_llms(), settings.llm_model})
    return [settings.llm_model]


class Backend:
    """The long-lived parts every browser session shares; each model loads once, on first use.

    Only one chat model is kept loaded: switching models in the settings frees the
    previous one, since two LLMs rarely fit beside each other on a small machine.
    """

    def __init__(
        self,
        settings: Settings,
        embedder_factory: Callable[[], Embedder] | None = None,
        chat_model_factory: Callable[[Settings], ChatModel] | None = None,
        tokenizer: Tokenizer | None = None,
    ) -> None:
        self.settings = settings
        self._embedder_factory = embedder_factory
        self._chat_model_factory = chat_model_factory
        self._tokenizer = tokenizer
        self._lock = threading.RLock()
        self._embedder: Embedder | None = None
        self._model: tuple[str, ChatModel] | None = None
        self._service: tuple[tuple, AnswerService] | None = None
        self._ingestor: Ingestor | None = None
        self._catalog: Catalog | None = None

    @property
    def catalog(self) -> Catalog:
        with self._lock:
            if self._catalog is None:
                from rag.components import open_catalog

                self._catalog = open_catalog(self.settings)
            return self._catalog

    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                from rag.components import load_embedder

                factory = self._embedder_factory or (lambda: load_embedder(self.settings))
                self._embedder = factory()
            return self._embedder

    def chat_model(self, settings: Settings) -> ChatModel:
        with self._lock:
            if self._model is None or self._model[0] != settings.llm_model:
                self._model = None  # let the old model go before the new one loads
                from rag.llm import load_chat_model

                factory = self._chat_model_factory or load_chat_model
                model = factory(settings)
                if settings.llm_backend == "llamacpp":
                    model = OneAtATime(model)
                self._model = (settings.llm_model, model)
            return self._model[1]

    def service(self, options: ChatOptions) -> AnswerService:
        """The answer service for these options; rebuilt only when they change."""
        from rag.components import build_retriever

        settings = self.settings.model_copy(update=options.overrides())
        key = (settings.llm_model, settings.retriever, settings.top_k)
        with self._lock:
            if self._service is None or self._service[0] != key:
                embedder = self.embedder()
                service = AnswerService(
                    build_retriever(settings, embedder=embedder),
                    embedder,
                    lambda: self.chat_model(settings),
                    settings,
                )
                self._service = (key, service)
            return self._service[1]

    def ingestor(self) -> Ingestor:
        with self._lock:
            if self._ingestor is None:
                from ingest.factory import build_ingestor

                self._ingestor = build_ingestor(
                    self.settings, embedder_factory=self.embedder, tokenizer=self._tokenizer
                )
            return self._ingestor


class OneAtATime:
    """A local chat model shared by the UI and the HTTP API: one reply is written at a time.

    llama.cpp must not run two generations at once in one process. The lock is
    held while a reply is generated; a plain Lock, since a web server may step
    a generator on a different thread each time.
    """

    def __init__(self, model: ChatModel) -> None:
        self._model = model
        self.name = model.name
        self._lock = threading.Lock()
        self._usage = Usage()

    @property
    def last_usage(self) -> Usage:
        return self._usage

    def count_tokens(self, text: str) -> int:
        return self._model.count_tokens(text)

    def stream_chat(self, messages, max_tokens: int | None = None) -> Iterator[str]:
        with self._lock:
            yield from self._model.stream_chat(messages, max_tokens)
            self._usage = self._model.last_usage


def answer_stream(
    message: str, state: ChatState, service: AnswerService, filters: Filters | None = None
) -> Iterator[tuple[str, Answer | None]]:
    """Yield (reply so far, None) while the model writes, then (final text, Answer).

    The turn joins ``state`` only once it is answered, so a failed question
    leaves the conversation as it was.
    """
    reply = ""
    for event in service.stream(message, state.turns, filters):
        if isinstance(event, Answer):
            state.turns.append(Turn(event.question, event.answer))
            state.last = event
            yield event.answer, event
            return
        reply += event
        yield reply, None


def answer_payload(answer: Answer) -> dict[str, Any]:
    """The answer as JSON-able data for API clients: text, abstention, citations."""
    return {
        "question": answer.question,
        "answer": answer.answer,
        "abstained": answer.abstained,
        "standalone_question": answer.standalone_question,
        "citations": [c.model_dump() for c in answer.citations],
        "sentences": [s.model_dump() for s in answer.sentences],
        "related": [p.model_dump() for p in answer.related],
    }


def ask_once(backend: Backend, question: str, options: ChatOptions) -> dict[str, Any]:
    """One question without a conversation, for the API endpoint."""
    answer = backend.service(options).ask(question, filters=options.filters())
    return answer_payload(answer)


def chat_turn(
    backend: Backend, question: str, state: ChatState, options: ChatOptions
) -> dict[str, Any]:
    """One question in a conversation held in ``state``, for the API endpoint.

    The reply lists the conversation's questions so far, as the server holds them.
    """
    *_, (_, answer) = answer_stream(question, state, backend.service(options), options.filters())
    return answer_payload(answer) | {"conversation": [turn.question for turn in state.turns]}
