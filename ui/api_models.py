"""The shapes of the HTTP API's requests and replies (``/openapi.json`` is built from them)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rag.dates import parse_day
from rag.errors import NewsqaError
from rag.types import RetrieverMode


class Message(BaseModel):
    role: Literal["system", "user", "assistant"]
    content: str = Field(max_length=200_000)


class NewsqaOptions(BaseModel):
    """newsqa's own options, in the request's ``newsqa`` field."""

    model_config = ConfigDict(extra="forbid")

    top_k: int | None = Field(default=None, ge=1, le=50)
    retriever: RetrieverMode | None = None
    source: str | None = Field(default=None, max_length=200)
    since: str | None = Field(default=None, description="YYYY-MM-DD")
    until: str | None = Field(default=None, description="YYYY-MM-DD")
    as_of: str | None = Field(
        default=None,
        description='YYYY-MM-DD: the day "now" and "latest" mean (default: the newest article)',
    )

    @field_validator("since", "until", "as_of")
    @classmethod
    def _a_day(cls, value: str | None) -> str | None:
        try:
            parse_day(value)
        except NewsqaError as exc:
            raise ValueError(str(exc)) from None
        return value


class ChatRequest(BaseModel):
    """An OpenAI chat completion request; sampling fields are accepted and ignored."""

    model_config = ConfigDict(extra="allow")

    messages: list[Message] = Field(min_length=1, max_length=200)
    model: str | None = None
    stream: bool = False
    newsqa: NewsqaOptions | None = None


class ArticleOut(BaseModel):
    id: str
    title: str
    source: str
    url: str | None
    date: str | None
    passages: int


class UploadOut(BaseModel):
    file: str
    outcome: str = Field(description="added, updated, unchanged or failed")
    details: str
