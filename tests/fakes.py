"""Real objects with scripted behaviour, standing in for the models in fast tests."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator, Sequence

from rag.types import Usage

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


class ScriptedChatModel:
    """Replies with the queued texts in order, word by word; remembers what it was sent."""

    name = "scripted"

    def __init__(self, *replies: str) -> None:
        self.replies = list(replies)
        self.received: list[list[dict[str, str]]] = []
        self._usage = Usage()

    def enqueue(self, *replies: str) -> None:
        self.replies.extend(replies)

    @property
    def last_usage(self) -> Usage:
        return self._usage

    def count_tokens(self, text: str) -> int:
        return len(_WORD.findall(text))

    def stream_chat(
        self, messages: list[dict[str, str]], max_tokens: int | None = None
    ) -> Iterator[str]:
        self.received.append(messages)
        reply = self.replies.pop(0)
        pieces = re.findall(r"\S+\s*", reply)
        yield from pieces
        prompt = sum(self.count_tokens(m["content"]) for m in messages)
        self._usage = Usage(prompt_tokens=prompt, completion_tokens=len(pieces))
