"""The data that flows out of the answer service: passages, citations, answers.

Citations are data: the CLI, the UI and the evaluation render or score these
objects and never parse answer text themselves.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Passage(BaseModel):
    """A chunk of an article as stored in the index, with where it sits in the article."""

    chunk_id: str
    doc_id: str
    chunk_index: int
    title: str
    source: str
    url: str | None = None
    date: str | None = None
    text: str
    start: int = Field(description="Character offset of the passage in the cleaned article text.")
    end: int
    score: float = Field(default=0.0, description="Retrieval similarity, higher is closer.")
    version: str | None = Field(
        default=None, exclude=True, description="Content version of the article it was cut from."
    )


class Citation(BaseModel):
    """A passage the answer cites, under the number the model saw it as."""

    n: int
    doc_id: str
    title: str
    source: str
    url: str | None = None
    date: str | None = None
    chunk_id: str
    text: str
    start: int
    end: int
    score: float
    support_start: int | None = Field(
        default=None, description="Article offsets of the text that supports the answer."
    )
    support_end: int | None = None

    @classmethod
    def of(cls, n: int, passage: Passage, support: tuple[int, int] | None = None) -> Citation:
        fields = passage.model_dump(exclude={"chunk_index"})
        start, end = support or (None, None)
        return cls(n=n, support_start=start, support_end=end, **fields)


class Sentence(BaseModel):
    """One sentence of the answer and whether its cited sources support it."""

    text: str
    citations: list[int] = Field(default_factory=list)
    supported: bool


class Timings(BaseModel):
    """Seconds spent, from the moment the question arrived."""

    retrieval: float = 0.0
    first_token: float | None = None
    total: float = 0.0


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Answer(BaseModel):
    """What the service returns for one question."""

    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    related: list[Passage] = Field(
        default_factory=list, description="On abstention: the closest passages, not citations."
    )
    standalone_question: str | None = Field(
        default=None, description="The follow-up question rewritten to stand alone, if it was."
    )
    model_reply: str = Field(
        default="", exclude=True, description="What the model wrote, before verification."
    )
    contexts: list[str] = Field(
        default_factory=list, exclude=True, description="The evidence texts the model was shown."
    )
    timings: Timings = Field(default_factory=Timings)
    usage: Usage = Field(default_factory=Usage)
