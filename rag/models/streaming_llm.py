"""A llama-index LLM built on one streaming chat method (a template, as llama-index's own).

A subclass implements ``_stream`` (messages in, chat responses out, the last one
carrying ``raw={"usage": ...}``); llama-index's chat, completion and streaming
calls, with their callbacks and events, all come from it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from llama_index.core.llms import (
    ChatMessage,
    ChatResponse,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseGen,
    CustomLLM,
    MessageRole,
)
from llama_index.core.llms.callbacks import llm_chat_callback, llm_completion_callback


class StreamingChatLLM(CustomLLM):
    def _stream(self, messages: list[dict[str, str]]) -> Iterator[ChatResponse]:
        raise NotImplementedError

    @llm_chat_callback()
    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        plain = [{"role": m.role.value, "content": m.content or ""} for m in messages]
        return self._stream(plain)

    @llm_chat_callback()
    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        *_, last = self.stream_chat(messages, **kwargs)
        return last

    @llm_completion_callback()
    def stream_complete(
        self, prompt: str, formatted: bool = False, **kwargs: Any
    ) -> CompletionResponseGen:
        def generate() -> CompletionResponseGen:
            user = [ChatMessage(role=MessageRole.USER, content=prompt)]
            for response in self.stream_chat(user, **kwargs):
                yield CompletionResponse(
                    text=response.message.content or "", delta=response.delta, raw=response.raw
                )

        return generate()

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        *_, last = self.stream_complete(prompt, formatted=formatted, **kwargs)
        return last


def assistant(text: str) -> ChatMessage:
    return ChatMessage(role=MessageRole.ASSISTANT, content=text)
