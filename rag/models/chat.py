"""A chat model: a llama-index LLM, with a token counter and the usage of each call.

A llama-index user can take ``ChatModel.llm`` into their own query engine; the
answer service calls ``generate``, whose result carries the token usage of that
one call (never shared state, so concurrent requests cannot read each other's).
Tests use a scripted llama-index LLM with the same interface (``tests/fakes.py``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rag.errors import ModelError
from rag.types import Usage

if TYPE_CHECKING:  # llama-index loads in a second: only when a model answers
    from llama_index.core.llms import LLM, ChatResponse

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": ...}
CHARS_PER_TOKEN = 3.5  # a server's tokenizer is out of reach: estimate, on the safe side


class Generation:
    """One reply as it is written: iterate for its text; ``usage`` is set once it is done."""

    def __init__(
        self, responses: Iterable[ChatResponse], prompt_estimate: int, where: str | None = None
    ) -> None:
        self._responses = responses
        self._prompt_estimate = prompt_estimate
        self._where = where
        self.text = ""
        self.usage: Usage | None = None
        self.odds: list[tuple[str, float]] = []  # each token's text and log-probability, if told

    def __iter__(self) -> Iterator[str]:
        pieces, reported = 0, None
        try:
            for response in self._responses:
                if response.delta:
                    pieces += 1
                    self.text += response.delta
                    yield response.delta
                reported = reported_usage(response.raw) or reported
                if isinstance(response.raw, dict) and response.raw.get("odds"):
                    self.odds = response.raw["odds"]
        except ModelError:
            raise
        except Exception as exc:  # httpx, openai and ollama errors alike
            if self._where is None:
                raise
            raise ModelError(
                f"The LLM server at {self._where} failed ({type(exc).__name__}: {exc})."
            ) from exc
        self.usage = reported or Usage(
            prompt_tokens=self._prompt_estimate, completion_tokens=pieces
        )

    def read(self) -> str:
        """The whole reply (for short calls nobody watches being written)."""
        for _ in self:
            pass
        return self.text


class ChatModel:
    """A chat LLM behind llama-index's interface, with a token counter for prompt budgets.

    ``llm_for(n)`` gives the LLM configured to write at most ``n`` tokens; backends
    cache one per length.
    """

    def __init__(
        self,
        name: str,
        llm_for: Callable[[int], LLM],
        max_tokens: int,
        count_tokens: Callable[[str], int] | None = None,
        where: str | None = None,
    ) -> None:
        self.name = name
        self._llm_for = llm_for
        self.max_tokens = max_tokens
        self._count_tokens = count_tokens
        self.where = where  # a server's URL, for messages; None in process

    @property
    def llm(self) -> LLM:
        """The llama-index LLM, to use in llama-index's own engines."""
        return self._llm_for(self.max_tokens)

    def count_tokens(self, text: str) -> int:
        if self._count_tokens is None:
            return math.ceil(len(text) / CHARS_PER_TOKEN)
        return self._count_tokens(text)

    def generate(self, messages: list[Message], max_tokens: int | None = None) -> Generation:
        from llama_index.core.llms import ChatMessage

        chat = [ChatMessage(role=m["role"], content=m["content"]) for m in messages]
        llm = self._llm_for(max_tokens or self.max_tokens)
        estimate = sum(self.count_tokens(m["content"]) for m in messages)
        return Generation(_lazy(lambda: llm.stream_chat(chat)), estimate, self.where)


def _lazy(start: Callable[[], Iterable[ChatResponse]]) -> Iterator[ChatResponse]:
    """Start the call only when the first piece is asked for (errors surface while reading)."""
    yield from start()


def reported_usage(raw: Any) -> Usage | None:
    """Token usage from a response, when the backend reported it (the last chunk, if ever)."""
    usage = getattr(raw, "usage", None) if not isinstance(raw, dict) else raw.get("usage")
    if not usage:
        return None
    read = usage.get if isinstance(usage, dict) else lambda key: getattr(usage, key, None)
    prompt, completion = read("prompt_tokens"), read("completion_tokens")
    if prompt is None or completion is None:
        return None
    return Usage(prompt_tokens=int(prompt), completion_tokens=int(completion))


def per_length(make: Callable[[int], LLM]) -> Callable[[int], LLM]:
    """``make`` called once per answer length, its LLMs kept."""
    made: dict[int, LLM] = {}

    def llm_for(limit: int) -> LLM:
        if limit not in made:
            made[limit] = make(limit)
        return made[limit]

    return llm_for
