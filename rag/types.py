"""The data that flows through newsqa: options in, passages and answers out.

One vocabulary everywhere: an *article* is what a user adds; a *passage* is a
piece of an article as the index stores it. Citations are data: the CLI, the UI,
the HTTP API and the evaluation render or score these objects and never parse
answer text themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, Field

from rag.text import readable_source

RetrieverMode = Literal["dense", "bm25", "hybrid"]
RETRIEVER_MODES: tuple[str, ...] = get_args(RetrieverMode)
# Where an article comes from, as readers see it: its outlet, or its file's name.
SourceName = Annotated[str, AfterValidator(readable_source)]


@dataclass(frozen=True)
class Filters:
    """Only articles whose source contains ``source`` and dated within [since, until]."""

    source: str | None = None
    since: date | None = None  # inclusive
    until: date | None = None

    def __bool__(self) -> bool:
        return any((self.source, self.since, self.until))


@dataclass(frozen=True)
class AskOptions:
    """What a caller may choose per question; None means "as the settings say".

    Options are arguments of a call, never baked into a service: a UI client that
    changes one does not reload anything.
    """

    top_k: int | None = None
    retriever: RetrieverMode | None = None
    llm_model: str | None = None
    filters: Filters = field(default_factory=Filters)
    as_of: date | None = None  # "now" for "last week" / "latest" (default: the newest article)


class Passage(BaseModel):
    """A piece of an article as stored in the index, with where it sits in the article."""

    passage_id: str
    article_id: str
    index: int = Field(description="Position of the passage in its article, from 0.")
    title: str
    source: SourceName
    url: str | None = None
    date: str | None = None
    text: str
    start: int = Field(description="Character offset of the passage in the cleaned article text.")
    end: int
    score: float = Field(default=0.0, description="Retrieval similarity, higher is closer.")
    version: str | None = Field(
        default=None, exclude=True, description="Content version of the article it was cut from."
    )


class ArticleRef(BaseModel):
    """An article, as a list of articles shows it."""

    article_id: str
    title: str
    source: SourceName
    date: str | None = None


class StoryView(BaseModel):
    """One story: the articles that are versions of one report (copies and rewrites)."""

    id: str
    articles: list[ArticleRef] = Field(description="The first article first, then the most alike.")


class Citation(BaseModel):
    """A passage the answer cites, under the number the model saw it as."""

    n: int
    article_id: str
    passage_id: str
    title: str
    source: SourceName
    url: str | None = None
    date: str | None = None
    text: str
    start: int
    end: int
    score: float
    support_start: int | None = Field(
        default=None, description="Article offsets of the text that supports the answer."
    )
    support_end: int | None = None
    story_id: str | None = Field(
        default=None, description="The story (copies and rewrites of one report) it belongs to."
    )
    also_in: list[ArticleRef] = Field(
        default_factory=list,
        description="The other articles of its story that carry the supporting text word for word.",
    )

    @property
    def supporting_text(self) -> str:
        """The sentences of the cited passage that support the answer (or all of it)."""
        if self.support_start is None or self.support_end is None:
            return self.text
        return self.text[self.support_start - self.start : self.support_end - self.start]

    @classmethod
    def of(cls, n: int, passage: Passage, support: tuple[int, int] | None = None) -> Citation:
        fields = passage.model_dump(exclude={"index"})
        start, end = support or (None, None)
        return cls(n=n, support_start=start, support_end=end, **fields)


class Sentence(BaseModel):
    """One sentence of the answer and whether its cited sources support it."""

    text: str
    citations: list[int] = Field(default_factory=list)
    supported: bool


class Withheld(BaseModel):
    """A sentence the model wrote that the checks left out, and why."""

    text: str
    reason: str = Field(description='Why it was refused, e.g. "no source cited".')


class Timings(BaseModel):
    """Seconds spent, from the moment the question arrived."""

    retrieval: float = 0.0
    first_token: float | None = None
    first_sentence: float | None = None  # the first sentence checked and shown
    checking: float = 0.0  # spent checking the sentences against their sources
    total: float = 0.0


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0


class PeriodMismatch(BaseModel):
    """The question asks about one time; the evidence that fits it speaks of another."""

    asked: str = Field(description='The period the question asks about, e.g. "2022".')
    found: list[str] = Field(description="The periods the closest evidence speaks of.")


class Claim(BaseModel):
    """What one report says, with the number of the citation that says it."""

    text: str
    citation: int


class Disagreement(BaseModel):
    """Reports (not copies of one another) that give different values for one thing."""

    about: str = Field(description="What they disagree about: the question they answer.")
    claims: list[Claim]


class Answer(BaseModel):
    """What the answer service returns for one question."""

    question: str
    answer: str
    abstained: bool
    kind: str | None = Field(
        default=None,
        description="The kind of question: fact, account, list, brief or comparison.",
    )
    bullets: bool = Field(
        default=False, description="The answer is a list of points, one a line (lists, briefs)."
    )
    citations: list[Citation] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    withheld: list[Withheld] = Field(
        default_factory=list,
        description="Sentences the model wrote that their sources do not support, left out.",
    )
    related: list[Passage] = Field(
        default_factory=list, description="On abstention: the closest passages, not citations."
    )
    disagreements: list[Disagreement] = Field(
        default_factory=list,
        description="Reports in the evidence that give different values, side by side.",
    )
    period_mismatch: PeriodMismatch | None = Field(
        default=None,
        description="On abstention: the evidence is about another period than the one asked.",
    )
    standalone_question: str | None = Field(
        default=None, description="The follow-up question rewritten to stand alone, if it was."
    )
    model_reply: str = Field(
        default="", exclude=True, description="What the model wrote, before verification."
    )
    reply_odds: list[tuple[str, float]] = Field(
        default_factory=list,
        exclude=True,
        description="Each token of the model's reply and its log-probability, when told.",
    )
    contexts: list[str] = Field(
        default_factory=list, exclude=True, description="The evidence texts the model was shown."
    )
    retrieved: list[Passage] = Field(
        default_factory=list,
        exclude=True,
        description="The ranked passages retrieval found, best first (evaluation scores them).",
    )
    timings: Timings = Field(default_factory=Timings)
    usage: Usage = Field(default_factory=Usage)
