"""Which chat model a process uses: the factory keyed by ``llm_backend``, loaded once.

Every backend is a llama-index LLM (``rag.models.chat.ChatModel.llm``): llama.cpp
in this process, or an OpenAI-compatible or Ollama server.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from rag.models.chat import ChatModel, per_length
from rag.models.files import installed_llms, resolve_llm_path
from rag.settings import Settings


def load_chat_model(settings: Settings, name: str | None = None) -> ChatModel:
    """The LLM named ``name`` (default ``llm_model``): on a server, or local."""
    name = name or settings.llm_model
    if settings.llm_backend != "llamacpp":
        from rag.models.remote import server_chat_model

        return server_chat_model(settings, name)
    from rag.models.llamacpp import LlamaCppLLM

    llm = LlamaCppLLM(
        model_path=str(resolve_llm_path(name, settings.models_dir)),
        threads=settings.llm_threads,
        context_window=settings.llm_context_window,
        max_tokens=settings.llm_max_tokens,
        temperature=settings.llm_temperature,
        record_odds=settings.llm_record_odds,
    )
    llm_for = per_length(lambda limit: llm.model_copy(update={"max_tokens": limit}))
    return ChatModel(name, llm_for, settings.llm_max_tokens, llm.count_tokens)


def model_choices(settings: Settings) -> list[str]:
    """The models a user may pick: those installed here, or the one a server serves."""
    if settings.llm_backend == "llamacpp":
        return sorted({*installed_llms(), settings.llm_model})
    return [settings.llm_model]


class ChatModels:
    """The chat models a process uses, loaded on first use; one at a time.

    Switching models frees the previous one first: two LLMs rarely fit beside
    each other on a small machine.
    """

    def __init__(self, settings: Settings, load: Callable[[Settings, str], ChatModel]) -> None:
        self.settings = settings
        self._load = load
        self._lock = threading.Lock()
        self._loaded: ChatModel | None = None

    def get(self, name: str | None = None) -> ChatModel:
        name = name or self.settings.llm_model
        with self._lock:
            if self._loaded is None or self._loaded.name != name:
                self._loaded = None  # let the old model go before the new one loads
                self._loaded = self._load(self.settings, name)
            return self._loaded
