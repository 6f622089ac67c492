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

    @classmethod
    def of(cls, n: int, passage: Passage) -> Citation:
        fields = passage.model_dump(exclude={"chunk_index"})
        return cls(n=n, **fields)


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
    passages: list[Passage] = Field(
        default_factory=list, exclude=True, description="Everything the model was shown."
    )
    timings: Timings = Field(default_factory=Timings)
    usage: Usage = Field(default_factory=Usage)
