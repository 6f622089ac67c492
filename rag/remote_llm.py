"""Chat models on a server: an OpenAI-compatible endpoint or Ollama, through llama-index.

The answer service needs the same three things from any chat model: the reply as
a stream of text, the token usage when it is done, and a token count for
keeping prompts within the budget. A server's tokenizer is out of reach, so
prompt tokens are estimated from the text's length (3.5 characters a token, on
the safe side for English), and the usage the server reports is taken as is.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

from rag.errors import ModelError
from rag.types import Usage

CHARS_PER_TOKEN = 3.5


class LlamaIndexChat:
    """A llama-index LLM behind the ChatModel interface of ``rag.llm``."""

    def __init__(
        self, name: str, where: str, make_llm: Callable[[int], Any], max_tokens: int
    ) -> None:
        self.name = name
        self.where = where  # the server's URL, for messages
        self.max_tokens = max_tokens
        self._make_llm = make_llm
        self._llms: dict[int, Any] = {}  # one wrapper per answer length
        self._usage = Usage()

    @property
    def last_usage(self) -> Usage:
        return self._usage

    def count_tokens(self, text: str) -> int:
        return math.ceil(len(text) / CHARS_PER_TOKEN)

    def stream_chat(self, messages: list[dict[str, str]], max_tokens: int | None = None):
        from llama_index.core.llms import ChatMessage

        limit = max_tokens or self.max_tokens
        if limit not in self._llms:
            self._llms[limit] = self._make_llm(limit)
        chat = [ChatMessage(role=m["role"], content=m["content"]) for m in messages]
        return self._stream(self._llms[limit], chat, messages)

    def _stream(self, llm: Any, chat: list, messages: list[dict[str, str]]) -> Iterator[str]:
        self._usage = Usage()
        pieces, reported = [], None
        try:
            for response in llm.stream_chat(chat):
                if response.delta:
                    pieces.append(response.delta)
                    yield response.delta
                reported = _reported_usage(response.raw) or reported
        except Exception as exc:  # httpx, openai and ollama errors alike
            raise ModelError(
                f"The LLM server at {self.where} failed ({type(exc).__name__}: {exc})."
            ) from exc
        prompt = sum(self.count_tokens(m["content"]) for m in messages)
        self._usage = reported or Usage(prompt_tokens=prompt, completion_tokens=len(pieces))


def _reported_usage(raw: Any) -> Usage | None:
    """Token usage from a streamed chunk, when the server sent it (the last chunk, if ever)."""
    usage = getattr(raw, "usage", None) if not isinstance(raw, dict) else raw.get("usage")
    if not usage:
        return None
    read = usage.get if isinstance(usage, dict) else lambda key: getattr(usage, key, None)
    prompt, completion = read("prompt_tokens"), read("completion_tokens")
    if prompt is None or completion is None:
        return None
    return Usage(prompt_tokens=int(prompt), completion_tokens=int(completion))


def openai_chat(
    model: str, base_url: str, api_key: str | None, max_tokens: int, temperature: float
) -> LlamaIndexChat:
    """A model served by any OpenAI-compatible server (llama.cpp, vLLM, OpenAI itself...)."""
    from llama_index.llms.openai_like import OpenAILike

    def make(limit: int) -> Any:
        return OpenAILike(
            model=model,
            api_base=base_url,
            api_key=api_key or "none",  # local servers want a key, any key
            is_chat_model=True,
            max_tokens=limit,
            temperature=temperature,
            max_retries=1,
            timeout=300,
            additional_kwargs={"stream_options": {"include_usage": True}, "seed": 0},
        )

    return LlamaIndexChat(model, base_url, make, max_tokens)


def ollama_chat(
    model: str, base_url: str, api_key: str | None, max_tokens: int, temperature: float
) -> LlamaIndexChat:
    """A model served by Ollama."""
    from llama_index.llms.ollama import Ollama

    headers = {"Authorization": f"Bearer {api_key}"} if api_key else None

    def make(limit: int) -> Any:
        return Ollama(
            model=model,
            base_url=base_url,
            temperature=temperature,
            request_timeout=300,
            headers=headers,
            additional_kwargs={"num_predict": limit, "seed": 0},
        )

    return LlamaIndexChat(model, base_url, make, max_tokens)
