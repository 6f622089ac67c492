"""What is evaluated: newsqa's own answer service, or the llama-index default baseline.

Both index the same corpus with the same embedding model and answer with the
same LLM, so a report can set them side by side.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Protocol

from eval.corpus import corpus_collection, read_corpus
from eval.options import EvalOptions
from ingest.loaders import record_article
from ingest.planner import article_id_for
from rag.answer.grounding import is_abstention
from rag.answer.service import AnswerService
from rag.app import Newsqa
from rag.errors import InputFileError, NewsqaError
from rag.index.batch import NewArticle
from rag.settings import Settings

logger = logging.getLogger(__name__)

RETRIEVAL_DEPTH = 10  # recall is scored at 1, 3, 5 and 10


class Pipeline(Protocol):
    def run(self, question: str, retrieval_only: bool) -> dict[str, Any]:
        """The row fields this pipeline fills in for one question."""
        ...


class NewsqaPipeline:
    """The answer service the CLI and UI use, unchanged."""

    def __init__(self, service: AnswerService, top_k: int) -> None:
        self.service = service
        self.top_k = top_k

    def run(self, question: str, retrieval_only: bool) -> dict[str, Any]:
        if retrieval_only:
            began = time.perf_counter()
            ranked = self.service.retrieve(question)
            seconds = time.perf_counter() - began
            return {
                "retrieved_doc_ids": [p.article_id for p in ranked[:RETRIEVAL_DEPTH]],
                "timings": {"retrieval": seconds, "first_token": None, "total": None},
                "retrieved_contexts": [p.text for p in ranked[: self.top_k]],
            }
        answer = self.service.ask(question)
        return {
            "retrieved_doc_ids": [p.article_id for p in answer.retrieved[:RETRIEVAL_DEPTH]],
            "response": answer.answer,
            "model_reply": answer.model_reply,
            "reply_odds": answer.reply_odds,
            "sentences": [s.model_dump() for s in answer.sentences],
            "withheld": [w.model_dump() for w in answer.withheld],
            "abstained": answer.abstained,
            "kind": answer.kind,
            "citations": [
                c.model_dump(include={"n", "article_id", "passage_id", "text"})
                for c in answer.citations
            ],
            "retrieved_contexts": answer.contexts,
            "cited_doc_ids": [c.article_id for c in answer.citations],
            "cited_texts": [c.text for c in answer.citations],
            "timings": answer.timings.model_dump(),
            "usage": answer.usage.model_dump(),
        }


class BaselinePipeline:
    """llama-index's defaults; abstention is read from its answer the same way as newsqa's."""

    def __init__(self, baseline) -> None:
        self.baseline = baseline

    def run(self, question: str, retrieval_only: bool) -> dict[str, Any]:
        doc_ids, seconds = self.baseline.retrieve(question)
        row: dict[str, Any] = {
            "retrieved_doc_ids": doc_ids,
            "timings": {"retrieval": seconds, "first_token": None, "total": None},
        }
        if retrieval_only:
            return row
        result = self.baseline.answer(question)
        row["timings"] |= result.pop("timings")
        return row | result | {"abstained": is_abstention(result["response"])}


def corpus_app(settings: Settings, options: EvalOptions, **models: Any) -> Newsqa:
    """newsqa over the corpus's own collection (``models`` as for ``Newsqa``)."""
    collection = corpus_collection(options.corpus) + ("-titled" if options.use_titles else "")
    return Newsqa(settings.model_copy(update={"collection": collection}), **models)


def build_pipeline(settings: Settings, options: EvalOptions) -> Pipeline:
    """The pipeline to evaluate, its models loaded before the first question is timed.

    The chat server loads its models and evaluates its fixed instructions before it
    takes questions (``Newsqa.warm_up``); the evaluation does the same, so that each
    question's latency is what a user of a running server meets, the first one too.
    """
    records = read_corpus(options.corpus, options.use_titles)
    app = corpus_app(settings, options)
    if options.baseline == "llamaindex-default":
        from eval.baseline import LlamaIndexDefaultPipeline

        if not options.retrieval_only:
            app.chat_models.get()  # its model loaded before the first question, as newsqa's

        return BaselinePipeline(
            LlamaIndexDefaultPipeline(
                records,
                app.embedder(),
                chat_model=app.chat_models.get,
                context_window=settings.llm_context_window,
                max_tokens=settings.llm_max_tokens,
            )
        )
    if options.baseline is not None:
        raise NewsqaError(f"Unknown baseline {options.baseline!r}: use llamaindex-default.")
    ingest_corpus(app, records, corpus_label=str(options.corpus.resolve()))
    if not options.retrieval_only:
        app.warm_up()
    return NewsqaPipeline(app.answers, settings.top_k)


def ingest_corpus(app: Newsqa, records: list[dict[str, Any]], corpus_label: str) -> None:
    """Records cleaned as a JSONL file's would be; a second run over a corpus embeds nothing."""
    articles = []
    for number, record in enumerate(records, start=1):
        try:
            loaded = record_article(record, default_source=corpus_label)
        except InputFileError as exc:
            logger.warning("Corpus record %d skipped: %s", number, exc)
            continue
        articles.append(
            NewArticle(
                id=article_id_for(loaded),
                text=loaded.text,
                title=loaded.title,
                source=loaded.source,
                url=loaded.url,
                date=loaded.date,
            )
        )
    report = app.writer.add(articles)
    logger.info(
        "Corpus: %d added, %d unchanged, %d passages written in %.1f s",
        report.added,
        report.unchanged,
        report.passages_written,
        report.seconds,
    )
