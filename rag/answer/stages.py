"""The answer path as named stages, one shape each, every one replaceable.

    retrieve -> select -> evidence -> generate -> check

- retrieve (question, options) -> ranked passages, best first (for a brief of the whole
  collection: the leads of its main stories)
- select (question, ranked, k, options) -> the k passages the answer may use: those of
  the asked period first (or the newest relevant ones, for "latest"), spread over reports
- evidence (question, passages, model) -> numbered sources within the prompt budget: the
  sentences closest to a fact question, distinct points for an open one
- generate (question, sources, model) -> the model's reply, streamed, with its usage
- check (question, sources) -> an ``AnswerChecker``: a verdict on each sentence of the
  reply as soon as it is written

Every stage reads the one ``Question`` analysed at the start, and its answer plan.
``AnswerService`` runs them; ``default_stages`` builds newsqa's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rag.answer.checking import AnswerChecker
from rag.answer.collection import collection_leads
from rag.answer.coverage import cover_evidence
from rag.answer.evidence import Source, select_evidence, whole_passages
from rag.answer.fusion import diversify, newest_reports, prefer_asked_period
from rag.answer.prompt import CHAT_TEMPLATE_TOKENS, build_messages, source_header, user_message
from rag.answer.question import EvidenceChoice, Question
from rag.answer.retriever import NewsRetriever, PassageSearch, node_passage
from rag.answer.verify import Verifier
from rag.language.parser import Parser
from rag.models.chat import ChatModel, Generation
from rag.models.embedding import Embedder
from rag.settings import Settings
from rag.types import AskOptions, Passage

Retrieve = Callable[[Question, AskOptions], list[Passage]]
Select = Callable[[Question, list[Passage], int, AskOptions], list[Passage]]
Evidence = Callable[[Question, list[Passage], ChatModel], list[Source]]
Generate = Callable[[Question, list[Source], ChatModel], Generation]
Check = Callable[[Question, list[Source]], AnswerChecker]
OPEN_EXTRA_PASSAGES = 3  # an open question reads this many passages more than a fact one
OPEN_RELEVANT_SHARE = 0.6  # of the best passage's similarity, for an open question's passages


def bearing_on(question: Question, ranked: list[Passage]) -> list[Passage]:
    """The passages an answer may read: for an open question, only those near the best."""
    if question.is_fact or question.plan.evidence is EvidenceChoice.COLLECTION or not ranked:
        return ranked
    best = max(p.score for p in ranked)
    return [p for p in ranked if p.score >= OPEN_RELEVANT_SHARE * best]


@dataclass
class Stages:
    retrieve: Retrieve
    select: Select
    evidence: Evidence
    generate: Generate
    check: Check


def passages_for(question: Question, top_k: int) -> int:
    """How many passages a question's answer may draw on."""
    return top_k if question.is_fact else top_k + OPEN_EXTRA_PASSAGES


def default_stages(
    settings: Settings,
    search: PassageSearch | None,
    embedder: Callable[[], Embedder],
    parser: Callable[[], Parser],
) -> Stages:
    """newsqa's stages (``search`` is None when a caller replaces retrieval)."""

    def story_of(passages: list[Passage]) -> dict[str, str]:
        return search.story_of(passages) if search is not None else {}

    def retrieve(question: Question, options: AskOptions) -> list[Passage]:
        top_k = passages_for(question, options.top_k or settings.top_k)
        if question.plan.evidence is EvidenceChoice.COLLECTION and search is not None:
            leads = collection_leads(
                search.stories, search.catalog, search.store, top_k, question.period
            )
            return search.visible(leads)
        depth = max(settings.retrieval_depth, 3 * top_k)
        retriever = retriever_for(search, settings, options, depth)
        query = question.text if question.is_fact else question.topic
        return [node_passage(node) for node in retriever.retrieve(query)]

    def select(question: Question, ranked: list[Passage], k: int, options: AskOptions):
        if question.plan.evidence is EvidenceChoice.COLLECTION:
            return ranked[:k]
        timely = prefer_asked_period(question, ranked, options.as_of)
        return diversify(timely, k, settings.max_per_article, story_of(timely))

    def evidence(question: Question, passages: list[Passage], model: ChatModel) -> list[Source]:
        if settings.evidence == "passages":  # for comparison: whole passages, no budget
            return whole_passages(passages)
        budget = evidence_budget(question, model, settings.prompt_budget)
        count = model.count_tokens
        if question.latest and question.period is None:
            passages = newest_reports(passages)
        if question.plan.evidence is EvidenceChoice.FOCUSED:
            return select_evidence(
                question.text, passages, embedder(), count, budget, source_header
            )
        plan = question.plan
        order = "newest" if plan.newest_first else "oldest" if plan.in_date_order else "relevance"
        return cover_evidence(
            question.topic,
            passages,
            embedder(),
            count,
            budget,
            source_header,
            story_of(passages),
            order,
        )

    def generate(question: Question, sources: list[Source], model: ChatModel) -> Generation:
        plan = question.plan
        return model.generate(build_messages(question.text, sources, plan.kind, plan.newest_first))

    def check(question: Question, sources: list[Source]) -> AnswerChecker:
        reports = story_of([s.passage for s in sources])
        verifier = Verifier(question, sources, parser(), embedder(), question.plan.checks)
        return AnswerChecker(verifier, settings.repair_citations, reports)

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


def evidence_budget(question: Question, model: ChatModel, prompt_budget: int) -> int:
    """Tokens left for sources once the question and its instructions are counted.

    The system prompt comes first and is the same for every question of a kind, so
    llama.cpp keeps it evaluated from one question to the next: only what follows
    costs time.
    """
    plan = question.plan
    asked = user_message(question.text, [], plan.kind, plan.newest_first)
    return prompt_budget - CHAT_TEMPLATE_TOKENS // 2 - model.count_tokens(asked)
