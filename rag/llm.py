"""Chat models: the local llama.cpp backend and the factory that picks one.

A chat model streams the text of its reply and reports token usage when done.
Tests use a scripted fake with the same interface (``tests/fakes.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import redirect_stderr
from io import StringIO
from pathlib import Path
from typing import Protocol

from rag.errors import ModelError
from rag.models import resolve_llm_path
from rag.settings import Settings
from rag.types import Usage

logger = logging.getLogger(__name__)

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": ...}


class ChatModel(Protocol):
    name: str

    def stream_chat(self, messages: list[Message], max_tokens: int | None = None) -> Iterator[str]:
        """Yield the reply text piece by piece; ``last_usage`` is set once it is exhausted."""
        ...

    def count_tokens(self, text: str) -> int:
        """Tokens ``text`` takes in this model's prompt."""
        ...

    @property
    def last_usage(self) -> Usage: ...


class LlamaCppChat:
    """A GGUF model run in-process by llama.cpp, with the chat template stored in the file."""

    def __init__(
        self,
        path: Path,
        threads: int,
        context_window: int,
        max_tokens: int,
        temperature: float,
    ) -> None:
        try:
            from llama_cpp import Llama
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ModelError("llama-cpp-python is not installed: run `make install`.") from exc
        self.name = path.name
        self.max_tokens = max_tokens
        self.temperature = temperature
        logger.info("Loading %s", path)
        try:
            with redirect_stderr(StringIO()):
                self._llama = Llama(
                    model_path=str(path),
                    n_ctx=context_window,
                    n_threads=threads,
                    n_threads_batch=threads,
                    n_batch=512,
                    seed=0,
                    verbose=False,
                )
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"llama.cpp could not load {path}: {exc}") from exc
        self._usage = Usage()

    @property
    def last_usage(self) -> Usage:
        return self._usage

    def count_tokens(self, text: str) -> int:
        return len(self._llama.tokenize(text.encode(), add_bos=False, special=False))

    def stream_chat(self, messages: list[Message], max_tokens: int | None = None) -> Iterator[str]:
        self._usage = Usage()
        stream = self._llama.create_chat_completion(
            messages=messages,
            max_tokens=max_tokens or self.max_tokens,
            temperature=self.temperature,
            top_k=1 if self.temperature == 0 else 40,
            seed=0,
            stream=True,
        )
        completion_tokens = 0
        for chunk in stream:
            piece = chunk["choices"][0]["delta"].get("content")
            if piece:
                completion_tokens += 1
                yield piece
        # llama.cpp keeps prompt + generated tokens in its context after a call.
        self._usage = Usage(
            prompt_tokens=max(0, self._llama.n_tokens - completion_tokens),
            completion_tokens=completion_tokens,
        )


def load_chat_model(settings: Settings) -> ChatModel:
    """The LLM named by ``settings.llm_model``: on a server, or local (assembled if need be)."""
    if settings.llm_backend != "llamacpp":
        return _server_chat_model(settings)
    path = resolve_llm_path(settings.llm_model, settings.models_dir)
    return LlamaCppChat(
        path,
        threads=settings.llm_threads,
        context_window=settings.llm_context_window,
        max_tokens=settings.llm_max_tokens,
        temperature=settings.llm_temperature,
    )


def _server_chat_model(settings: Settings) -> ChatModel:
    from rag.remote_llm import ollama_chat, openai_chat

    if settings.llm_backend == "openai":
        if not settings.llm_base_url:
            raise ModelError(
                "llm_backend = openai needs the server's URL: set NEWSQA_LLM_BASE_URL, "
                "e.g. http://127.0.0.1:8080/v1."
            )
        make, base_url = openai_chat, settings.llm_base_url
    else:
        make, base_url = ollama_chat, settings.llm_base_url or "http://127.0.0.1:11434"
    return make(
        settings.llm_model,
        base_url,
        settings.llm_api_key,
        max_tokens=settings.llm_max_tokens,
        temperature=settings.llm_temperature,
    )
