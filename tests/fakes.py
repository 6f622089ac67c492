"""Real objects with scripted behaviour, standing in for the models in fast tests."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator, Sequence

from llama_index.core.llms import ChatResponse, LLMMetadata
from pydantic import Field

from rag.models.chat import ChatModel
from rag.models.streaming_llm import StreamingChatLLM, assistant
from rag.types import Passage

_WORD = re.compile(r"\w+|[^\w\s]")


class FakeEmbedder:
    """Bag-of-words vectors of hashed lower-cased words: deterministic; similar texts are close."""

    name = "fake-embedder"

    def __init__(self, dimensions: int = 64) -> None:
        self.dimensions = dimensions
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls.append(list(texts))
        return [self._vector(text) for text in texts]

    def _vector(self, text: str) -> list[float]:
        vector = [0.0] * self.dimensions
        for word in re.findall(r"\w+", text.lower()):
            digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
            vector[int.from_bytes(digest, "big") % self.dimensions] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]


class WordTokenizer:
    """Words and punctuation marks as tokens, with their character spans."""

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in _WORD.finditer(text)]


class ScriptedLLM(StreamingChatLLM):
    """A llama-index chat LLM that replies with queued texts in order, word by word.

    The last streamed response reports the usage, as the real backends do.
    """

    replies: list[str] = Field(default_factory=list)
    received: list[list[dict[str, str]]] = Field(default_factory=list)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(is_chat_model=True, model_name="scripted")

    def _stream(self, messages: list[dict[str, str]]) -> Iterator[ChatResponse]:
        self.received.append(messages)
        reply = self.replies.pop(0)
        pieces = re.findall(r"\S+\s*", reply)
        text = ""
        for piece in pieces:
            text += piece
            yield ChatResponse(message=assistant(text), delta=piece)
        prompt = sum(count_words(m["content"]) for m in messages)
        usage = {"prompt_tokens": prompt, "completion_tokens": len(pieces)}
        yield ChatResponse(message=assistant(text), delta="", raw={"usage": usage})


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


class ScriptedChatModel(ChatModel):
    """newsqa's chat model over a ScriptedLLM; remembers what it was sent."""

    def __init__(self, *replies: str, name: str = "scripted") -> None:
        self.scripted = ScriptedLLM(replies=list(replies))
        super().__init__(name, lambda limit: self.scripted, 256, count_words)

    @property
    def received(self) -> list[list[dict[str, str]]]:
        return self.scripted.received

    @property
    def replies(self) -> list[str]:
        return self.scripted.replies

    def enqueue(self, *replies: str) -> None:
        self.scripted.replies.extend(replies)


class OneModel:
    """Stands in for ``ChatModels``: always the same model, whatever name is asked for."""

    def __init__(self, model: ChatModel) -> None:
        self.model = model
        self.asked: list[str | None] = []

    def get(self, name: str | None = None) -> ChatModel:
        self.asked.append(name)
        return self.model


def one_passage_article(name: str, text: str, published: str | None) -> Passage:
    """An article of one passage, ``text``, published on ``published`` (or undated)."""
    return Passage(
        passage_id=f"{name}#0",
        article_id=name,
        index=0,
        title=name,
        source="s",
        text=text,
        start=0,
        end=len(text),
        date=published,
    )
