"""RAGAS's non-LLM metrics over an evaluation run: what ``newsqa eval --ragas`` adds.

The rows of results.jsonl carry RAGAS's field names, so every row that did not fail
becomes one single-turn sample of a ``ragas.EvaluationDataset`` as it is; the texts of
the question's gold documents, read from the corpus, become its ``reference_contexts``.
Each metric then scores the samples one at a time through its own single-turn API.
Only metrics that compare strings are used: no LLM, no embedding model, no API key.
ragas's usage reporting is switched off before ragas is imported, so nothing leaves
the machine. ragas is imported here alone, and only when a scorer is made, so newsqa
itself runs without it.
"""

from __future__ import annotations

import asyncio
import os
import warnings
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from eval.metrics import mean
from rag.errors import NewsqaError

INSTALL_COMMAND = (
    "pip install ragas==0.4.3 langchain-community==0.4.1 rouge-score==0.1.2 sacrebleu==2.6.0"
)

# Metrics that compare the response with the reference answer, then the retrieval one.
ANSWER_MEASURES = {
    "non_llm_string_similarity": "1 minus the normalised Levenshtein distance between response "
    "and reference answer: how close the two strings are, character by character.",
    "rouge_score": "ROUGE-L F-measure: the longest sequence of words (stemmed) that response "
    "and reference share, against both their lengths.",
    "bleu_score": "BLEU (sacrebleu) of the response against the reference: shared sequences "
    "of one to four words; near 0 when references are only a few words long.",
    "exact_match": "1 when the response is the reference answer exactly, else 0; case, "
    "punctuation and citation markers count.",
    "string_present": "1 when the reference answer appears verbatim, case included, in the "
    "response: a lenient correctness.",
}
RECALL_MEASURE = {
    "non_llm_context_recall": "Share of the question's gold documents that a retrieved passage "
    "matches (Levenshtein similarity above 0.5); low where documents are much longer than "
    "a passage.",
}
MEASURES = ANSWER_MEASURES | RECALL_MEASURE
NO_ANSWERS = "no row has an answer and a reference answer (retrieval-only runs have no answers)"
NO_GOLD = "no row has gold documents found in the corpus"


def _ragas_off_the_network() -> None:
    """ragas reports usage over the network unless told not to; this is read on first use."""
    os.environ["RAGAS_DO_NOT_TRACK"] = "true"


def ragas_records(rows: list[dict], gold_texts: dict[str, str]) -> list[dict[str, Any]]:
    """One RAGAS single-turn record per row that did not fail.

    ``response`` and ``reference`` only where an answer was scored against a reference
    answer (abstentions included, as exact_match and f1 count them); ``reference_contexts``
    only where a gold document's text is known.
    """
    records = []
    for row in rows:
        if row["failed"]:
            continue
        record = {"user_input": row["user_input"], "retrieved_contexts": row["retrieved_contexts"]}
        if row.get("scored_answers") and row.get("answerable") and row.get("reference"):
            record |= {"response": row["response"] or "", "reference": row["reference"]}
        gold = [gold_texts[doc] for doc in row.get("gold_doc_ids") or [] if doc in gold_texts]
        if gold:
            record["reference_contexts"] = gold
        records.append(record)
    return records


def _summary(values: list[float], why_none: str) -> dict[str, Any]:
    """Mean and count of a metric's values; with none, the reason instead of a mean."""
    if not values:
        return {"mean": None, "n": 0, "skipped": why_none}
    return {"mean": mean(values), "n": len(values)}


class RagasScorer:
    """ragas's dataset type and its non-LLM metrics, loaded once; fails early if ragas is absent."""

    def __init__(self) -> None:
        _ragas_off_the_network()
        try:
            import ragas
            from ragas.metrics import collections as current

            with warnings.catch_warnings():
                # ragas 0.4.3 has this metric only in its older module, which warns on import.
                warnings.simplefilter("ignore", DeprecationWarning)
                from ragas.metrics import NonLLMContextRecall

            self.answer_metrics = {
                "non_llm_string_similarity": current.NonLLMStringSimilarity(),
                "rouge_score": current.RougeScore(rouge_type="rougeL"),
                "bleu_score": current.BleuScore(),
                "exact_match": current.ExactMatch(),
                "string_present": current.StringPresence(),
            }
            self.context_recall = NonLLMContextRecall()
        except ImportError as exc:
            raise NewsqaError(
                f"--ragas needs ragas and the packages its string metrics use ({exc}). "
                f"Install them with: {INSTALL_COMMAND}"
            ) from exc
        self.version = ragas.__version__
        self.dataset_type = ragas.EvaluationDataset

    def score(self, rows: list[dict], gold_texts: dict[str, str]) -> dict[str, Any]:
        """The ``ragas`` section of metrics.json: ragas's version and each metric's score."""
        records = ragas_records(rows, gold_texts)
        samples = self.dataset_type.from_list(records).samples if records else []
        values = _run(self._score_samples(samples))
        scores = {name: _summary(values[name], NO_ANSWERS) for name in ANSWER_MEASURES}
        scores |= {name: _summary(values[name], NO_GOLD) for name in RECALL_MEASURE}
        return {"ragas_version": self.version, "scores": scores}

    async def _score_samples(self, samples: list[Any]) -> dict[str, list[float]]:
        """Every metric's value on every sample that has the fields it needs.

        A sample with gold documents but no retrieved passage (the answer service abstained
        before showing the model any) has context recall 0: ragas cannot score an empty list.
        """
        values: dict[str, list[float]] = {name: [] for name in MEASURES}
        for sample in samples:
            if sample.reference is not None and sample.response is not None:
                for name, metric in self.answer_metrics.items():
                    result = await metric.ascore(
                        reference=sample.reference, response=sample.response
                    )
                    values[name].append(float(result.value))
            if sample.reference_contexts:
                recall = 0.0
                if sample.retrieved_contexts:
                    recall = await self.context_recall.single_turn_ascore(sample)
                values["non_llm_context_recall"].append(float(recall))
        return values


def _run(coroutine: Any) -> Any:
    """Run the metrics' coroutines to the end, in a thread of its own: a caller may already
    run an event loop (a notebook, a server), where ``asyncio.run`` is refused."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()
