"""The naive llama-index pipeline, as a baseline on identical work.

``VectorStoreIndex.from_documents`` with its default node parser and
``as_query_engine()`` with its defaults, given the same embedding model and the
same LLM as newsqa. Nothing here is tuned: it is what a first attempt gets.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from llama_index.core import Document, VectorStoreIndex
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms import (
    ChatMessage,
    ChatResponse,
    CompletionResponse,
    CustomLLM,
    LLMMetadata,
)
from pydantic import PrivateAttr

from rag.models.chat import ChatModel
from rag.models.embedding import Embedder
from rag.types import Usage

RETRIEVAL_DEPTH = 10


class EmbedderAdapter(BaseEmbedding):
    """newsqa's embedder seen through llama-index's embedding interface."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        super().__init__(model_name=embedder.name, **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed([query])[0]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed(texts)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


class MeasuredLLM(CustomLLM):
    """newsqa's chat model as a llama-index chat LLM that records each call's token usage."""

    context_window: int = 4096
    num_output: int = 256
    _chat_model: ChatModel = PrivateAttr()
    _usage: Usage = PrivateAttr(default_factory=Usage)

    def __init__(self, chat_model: ChatModel, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._chat_model = chat_model

    @property
    def usage(self) -> Usage:
        """Tokens of the last call."""
        return self._usage

    def _generate(self, messages: list[dict[str, str]]) -> Iterator[str]:
        generation = self._chat_model.generate(messages)
        yield from generation
        self._usage = generation.usage or Usage()

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(
            context_window=self.context_window,
            num_output=self.num_output,
            is_chat_model=True,
            model_name=self._chat_model.name,
        )

    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        plain = [{"role": m.role.value, "content": m.content or ""} for m in messages]
        text = "".join(self._generate(plain))
        return ChatResponse(message=ChatMessage(role="assistant", content=text))

    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> Iterator[ChatResponse]:
        plain = [{"role": m.role.value, "content": m.content or ""} for m in messages]
        text = ""
        for piece in self._generate(plain):
            text += piece
            yield ChatResponse(message=ChatMessage(role="assistant", content=text), delta=piece)

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        text = "".join(self._generate([{"role": "user", "content": prompt}]))
        return CompletionResponse(text=text)

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any):
        text = ""
        for piece in self._generate([{"role": "user", "content": prompt}]):
            text += piece
            yield CompletionResponse(text=text, delta=piece)


class LlamaIndexDefaultPipeline:
    """Index the corpus in memory the default way; answer with the default query engine."""

    def __init__(
        self,
        records: list[dict[str, Any]],
        embedder: Embedder,
        chat_model: Callable[[], ChatModel],
        context_window: int,
        max_tokens: int,
    ) -> None:
        documents = [Document(text=r["text"], id_=str(r["id"])) for r in records]
        self.index = VectorStoreIndex.from_documents(
            documents, embed_model=EmbedderAdapter(embedder), show_progress=False
        )
        self.retriever = self.index.as_retriever(similarity_top_k=RETRIEVAL_DEPTH)
        self._chat_model_factory = chat_model
        self._context_window = context_window
        self._max_tokens = max_tokens
        self._engine = None

    def retrieve(self, question: str) -> tuple[list[str], float]:
        began = time.perf_counter()
        nodes = self.retriever.retrieve(question)
        return [n.node.ref_doc_id for n in nodes], time.perf_counter() - began

    def answer(self, question: str) -> dict[str, Any]:
        if self._engine is None:
            llm = MeasuredLLM(
                self._chat_model_factory(),
                context_window=self._context_window,
                num_output=self._max_tokens,
            )
            self._engine = (self.index.as_query_engine(llm=llm, streaming=True), llm)
        engine, llm = self._engine
        began = time.perf_counter()
        response = engine.query(question)
        text, first_token = "", None
        for piece in response.response_gen:
            if first_token is None:
                first_token = time.perf_counter() - began
            text += piece
        total = time.perf_counter() - began
        return {
            "response": text,
            "retrieved_contexts": [n.node.get_content() for n in response.source_nodes],
            "usage": llm.usage.model_dump(),
            "timings": {"first_token": first_token, "total": total},
        }
