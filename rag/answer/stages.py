"""The answer path as named stages, one shape each, every one replaceable.

    retrieve -> select -> evidence -> generate -> check

- retrieve (question, options) -> ranked passages, best first
- select (question, ranked, k, options) -> the k passages the answer may use: those of
  the asked period first (or the newest, for "latest"), spread over articles
- evidence (question, passages, model) -> numbered sources within the prompt budget
- generate (question, sources, model) -> the model's reply, streamed, with its usage
- check (question, sources) -> an ``AnswerChecker``: a verdict on each sentence of the
  reply as soon as it is written

``AnswerService`` runs them; ``default_stages`` builds newsqa's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rag.answer.checking import AnswerChecker
from rag.answer.evidence import Source, select_evidence, whole_passages
from rag.answer.fusion import diversify, prefer_asked_period
from rag.answer.prompt import (
    CHAT_TEMPLATE_TOKENS,
    build_messages,
    source_header,
    user_message,
)
from rag.answer.retriever import NewsRetriever, PassageSearch, node_passage
from rag.answer.verify import Verifier
from rag.models.chat import ChatModel, Generation
from rag.models.embedding import Embedder
from rag.settings import Settings
from rag.types import AskOptions, Passage

Retrieve = Callable[[str, AskOptions], list[Passage]]
Select = Callable[[str, list[Passage], int, AskOptions], list[Passage]]
Evidence = Callable[[str, list[Passage], ChatModel], list[Source]]
Generate = Callable[[str, list[Source], ChatModel], Generation]
Check = Callable[[str, list[Source]], AnswerChecker]


@dataclass
class Stages:
    retrieve: Retrieve
    select: Select
    evidence: Evidence
    generate: Generate
    check: Check


def default_stages(
    settings: Settings, search: PassageSearch | None, embedder: Callable[[], Embedder]
) -> Stages:
    """newsqa's stages (``search`` is None when a caller replaces retrieval)."""

    def story_of(passages: list[Passage]) -> dict[str, str]:
        return search.story_of(passages) if search is not None else {}

    def retrieve(question: str, options: AskOptions) -> list[Passage]:
        top_k = options.top_k or settings.top_k
        depth = max(settings.retrieval_depth, 3 * top_k)
        retriever = retriever_for(search, settings, options, depth)
        return [node_passage(node) for node in retriever.retrieve(question)]

    def select(question: str, ranked: list[Passage], k: int, options: AskOptions) -> list[Passage]:
        timely = prefer_asked_period(question, ranked, options.as_of)
        return diversify(timely, k, settings.max_per_article, story_of(timely))

    def evidence(question: str, passages: list[Passage], model: ChatModel) -> list[Source]:
        if settings.evidence == "passages":  # for comparison: whole passages, no budget
            return whole_passages(passages)
        budget = evidence_budget(question, model, settings.prompt_budget)
        count = model.count_tokens
        return select_evidence(question, passages, embedder(), count, budget, source_header)

    def generate(question: str, sources: list[Source], model: ChatModel) -> Generation:
        return model.generate(build_messages(question, sources))

    def check(question: str, sources: list[Source]) -> AnswerChecker:
        reports = story_of([s.passage for s in sources])
        verifier = Verifier(embedder(), question)
        return AnswerChecker(verifier, sources, settings.repair_citations, reports)

    return Stages(retrieve, select, evidence, generate, check)


def retriever_for(
    search: PassageSearch,
    settings: Settings,
    options: AskOptions,
    depth: int,
    top_k: int | None = None,
) -> NewsRetriever:
    """The retriever for one question's options: ``depth`` candidates (``top_k`` kept)."""
    return NewsRetriever(
        search,
        mode=options.retriever or settings.retriever,
        depth=depth,
        filters=options.filters,
        rrf_k=settings.rrf_k,
        dense_weight=settings.dense_weight,
        top_k=top_k,
        per_article=settings.max_per_article,
    )


def evidence_budget(question: str, model: ChatModel, prompt_budget: int) -> int:
    """Tokens left for sources once the question is counted.

    The system prompt comes first and is the same for every question, so llama.cpp
    keeps it evaluated from one question to the next: only what follows costs time.
    """
    return (
        prompt_budget - CHAT_TEMPLATE_TOKENS // 2 - model.count_tokens(user_message(question, []))
    )
