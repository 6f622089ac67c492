"""What is evaluated: newsqa's own answer service, or the llama-index default baseline.

Both index the same corpus with the same embedding model and answer with the
same LLM, so a report can set them side by side.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from eval.datasets import corpus_collection
from rag.answer import AnswerService, is_abstention
from rag.components import build_answer_service, load_embedder
from rag.errors import NewsqaError
from rag.llm import load_chat_model
from rag.settings import Settings

if TYPE_CHECKING:
    from eval.runner import EvalOptions

logger = logging.getLogger(__name__)

RETRIEVAL_DEPTH = 10  # recall is scored at 1, 3, 5 and 10


class Pipeline(Protocol):
    def run(self, question: str, retrieval_only: bool) -> dict[str, Any]:
        """The row fields this pipeline fills in for one question."""
        ...


class NewsqaPipeline:
    """The answer service the CLI and UI use, unchanged."""

    def __init__(self, service: AnswerService) -> None:
        self.service = service

    def run(self, question: str, retrieval_only: bool) -> dict[str, Any]:
        began = time.perf_counter()
        ranked = self.service.retriever.retrieve(question, RETRIEVAL_DEPTH)
        row: dict[str, Any] = {
            "retrieved_doc_ids": [p.doc_id for p in ranked],
            "timings": {
                "retrieval": time.perf_counter() - began,
                "first_token": None,
                "total": None,
            },
        }
        if retrieval_only:
            row["contexts"] = [p.text for p in ranked[: self.service.top_k]]
            return row
        answer = self.service.ask(question)
        return row | {
            "answer": answer.answer,
            "model_reply": answer.model_reply,
            "sentences": [s.model_dump() for s in answer.sentences],
            "abstained": answer.abstained,
            "citations": [
                c.model_dump(include={"n", "doc_id", "chunk_id", "text"}) for c in answer.citations
            ],
            "contexts": answer.contexts,
            "cited_doc_ids": [c.doc_id for c in answer.citations],
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
        return row | result | {"abstained": is_abstention(result["answer"])}


def read_corpus(path: Path, use_titles: bool) -> list[dict[str, Any]]:
    """Corpus records; titles dropped unless asked for, since datasets often use them as labels
    (e.g. "RGB positive passage for question 3") that would leak the answer."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise NewsqaError(f"{path}, line {number}: invalid JSON ({exc})") from exc
            if not use_titles:
                record.pop("title", None)
            records.append(record)
    return records


def build_pipeline(settings: Settings, options: EvalOptions) -> Pipeline:
    collection = corpus_collection(options.corpus) + ("-titled" if options.use_titles else "")
    records = read_corpus(options.corpus, options.use_titles)
    embedder = load_embedder(settings)
    if options.baseline == "llamaindex-default":
        from eval.baseline import LlamaIndexDefaultPipeline

        return BaselinePipeline(
            LlamaIndexDefaultPipeline(
                records,
                embedder,
                chat_model=lambda: load_chat_model(settings),
                context_window=settings.llm_context_window,
                max_tokens=settings.llm_max_tokens,
            )
        )
    if options.baseline is not None:
        raise NewsqaError(f"Unknown baseline {options.baseline!r}: use llamaindex-default.")
    scoped = settings.model_copy(update={"collection": collection})
    _ingest_corpus(scoped, records, embedder)
    return NewsqaPipeline(build_answer_service(scoped, embedder=embedder))


def _ingest_corpus(settings: Settings, records: list[dict[str, Any]], embedder) -> None:
    """Incremental: a second run over the same corpus embeds nothing."""
    from ingest.factory import build_ingestor

    copy = settings.data_dir / "eval-corpora" / f"{settings.collection}.jsonl"
    copy.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if not copy.is_file() or copy.read_text(encoding="utf-8") != text:
        copy.write_text(text, encoding="utf-8")
    report = build_ingestor(settings, embedder_factory=lambda: embedder).ingest([copy])
    for name, reason in report.failed:
        logger.warning("Corpus problem in %s: %s", name, reason)
    logger.info(
        "Corpus: %d added, %d unchanged, %d passages written in %.1f s",
        report.added,
        report.unchanged,
        report.chunks_written,
        report.seconds,
    )
