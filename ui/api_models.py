"""The shapes of the HTTP API's requests and replies (``/openapi.json`` is built from them)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rag.dates import parse_day
from rag.errors import NewsqaError
from rag.types import Answer, RetrieverMode, SourceName


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


IGNORED = "Accepted and ignored: newsqa answers with its own settings, so answers stay checked."
UNSUPPORTED = ("tools", "tool_choice", "functions", "function_call", "logprobs", "top_logprobs")


class ChatRequest(BaseModel):
    """An OpenAI chat completion request.

    System messages are refused: newsqa answers with its own instructions, from the
    articles only. Sampling fields are accepted and ignored; tools, function calls,
    log probabilities, more than one choice, a response format other than text, and
    fields OpenAI does not define are refused with a 400.
    """

    model_config = ConfigDict(extra="forbid")

    messages: list[Message] = Field(min_length=1, max_length=200)
    model: str | None = None
    stream: bool = False
    stream_options: dict[str, Any] | None = Field(
        default=None, description="Accepted; a stream's last chunk always carries the usage."
    )
    newsqa: NewsqaOptions | None = None
    n: int | None = Field(default=None, description="Only 1.")
    response_format: dict[str, Any] | None = Field(default=None, description='Only "text".')
    temperature: float | None = Field(default=None, description=IGNORED)
    top_p: float | None = Field(default=None, description=IGNORED)
    max_tokens: int | None = Field(default=None, description=IGNORED)
    max_completion_tokens: int | None = Field(default=None, description=IGNORED)
    presence_penalty: float | None = Field(default=None, description=IGNORED)
    frequency_penalty: float | None = Field(default=None, description=IGNORED)
    logit_bias: dict[str, float] | None = Field(default=None, description=IGNORED)
    seed: int | None = Field(default=None, description=IGNORED)
    stop: str | list[str] | None = Field(default=None, description=IGNORED)
    user: str | None = Field(default=None, description=IGNORED)
    tools: list[Any] | None = None
    tool_choice: Any = None
    functions: list[Any] | None = None
    function_call: Any = None
    logprobs: bool | None = None
    top_logprobs: int | None = None

    def refusal(self) -> str | None:
        """Why newsqa cannot take this request, or None."""
        if any(m.role == "system" for m in self.messages):
            return (
                "System messages are not supported: newsqa answers with its own instructions, "
                "from the articles only. Send the conversation as user and assistant messages."
            )
        given = [name for name in UNSUPPORTED if getattr(self, name) not in (None, False)]
        if given:
            return f"Not supported by newsqa: {', '.join(given)}."
        if self.n not in (None, 1):
            return "Only one choice (n = 1) is supported."
        if self.response_format and self.response_format.get("type") != "text":
            return 'Only the "text" response format is supported.'
        return None


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: AssistantMessage
    finish_reason: Literal["stop"] = "stop"


class TokenUsage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletion(BaseModel):
    """An OpenAI chat completion; ``newsqa`` holds the checked answer with its sources."""

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: TokenUsage
    newsqa: Answer


class Delta(BaseModel):
    role: Literal["assistant"] | None = None
    content: str | None = None


class ChunkChoice(BaseModel):
    index: int = 0
    delta: Delta
    finish_reason: Literal["stop"] | None = None


class ChatCompletionChunk(BaseModel):
    """One server-sent event of a streamed completion: a checked sentence of the answer.

    The last chunk has ``finish_reason`` "stop", the usage, and ``newsqa``: the answer
    with its sources, as in a completion.
    """

    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str
    choices: list[ChunkChoice]
    usage: TokenUsage | None = None
    newsqa: Answer | None = None


class ModelOut(BaseModel):
    id: str
    object: Literal["model"] = "model"
    owned_by: str = "newsqa"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelOut]


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    articles: int = Field(description="Articles in the index.")
    ready: bool = Field(description="The models are loaded and the instructions evaluated.")


class ErrorBody(BaseModel):
    message: str
    type: str


class ErrorReply(BaseModel):
    error: ErrorBody


class ArticleOut(BaseModel):
    id: str
    title: str
    source: SourceName
    url: str | None
    date: str | None
    passages: int


class UploadOut(BaseModel):
    file: str
    outcome: str = Field(description="added, updated, unchanged or failed")
    details: str
