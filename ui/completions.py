"""OpenAI-shaped replies built from newsqa answers: a completion, or its stream of chunks."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

from rag.answer.stream import AnswerStream
from rag.errors import NewsqaError
from rag.types import Answer
from ui.api_models import (
    AssistantMessage,
    ChatCompletion,
    ChatCompletionChunk,
    Choice,
    ChunkChoice,
    Delta,
    TokenUsage,
)


def completion(answer: Answer, model: str) -> ChatCompletion:
    return ChatCompletion(
        id=f"chatcmpl-{uuid.uuid4().hex}",
        created=int(time.time()),
        model=model,
        choices=[Choice(message=AssistantMessage(content=answer.answer))],
        usage=_usage(answer),
        newsqa=answer,
    )


def _usage(answer: Answer) -> TokenUsage:
    used = answer.usage
    total = used.prompt_tokens + used.completion_tokens
    return TokenUsage(
        prompt_tokens=used.prompt_tokens,
        completion_tokens=used.completion_tokens,
        total_tokens=total,
    )


def completion_stream(stream: AnswerStream, model: str) -> Iterator[str]:
    """The answer as OpenAI stream chunks: each checked sentence once it is checked.

    A sentence the sources do not support is never sent (with ``keep_unsupported`` it
    is sent struck through, ``~~like this~~``). The last chunk carries the usage and,
    in ``newsqa``, the answer with its sources; when no sentence was supported, its
    content is the abstention.
    """
    identity = {"id": f"chatcmpl-{uuid.uuid4().hex}", "created": int(time.time()), "model": model}

    def chunk(delta: Delta, finish: str | None = None, **extra: Any) -> str:
        body = ChatCompletionChunk(
            **identity, choices=[ChunkChoice(delta=delta, finish_reason=finish)], **extra
        )
        return f"data: {body.model_dump_json(exclude_none=True)}\n\n"

    yield chunk(Delta(role="assistant"))
    sent = 0
    try:
        for sentence in stream:
            text = sentence.text if sentence.supported else f"~~{sentence.text}~~"
            yield chunk(Delta(content=(" " if sent else "") + text))
            sent += 1
        answer = stream.answer
        tail = answer.answer if answer.abstained else ""
        delta = Delta(content=(" " if sent and tail else "") + tail)
        yield chunk(delta, "stop", usage=_usage(answer), newsqa=answer)
    except NewsqaError as exc:
        yield f"data: {json.dumps({'error': {'message': str(exc), 'type': 'newsqa_error'}})}\n\n"
    yield "data: [DONE]\n\n"
