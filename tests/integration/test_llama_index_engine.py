"""The real models behind llama-index's interfaces: a query engine over newsqa's index."""

from __future__ import annotations

import pytest
from llama_index.core.query_engine import RetrieverQueryEngine

from ingest.planner import ingest_files
from rag.app import Newsqa
from rag.models.llamacpp import LlamaCppLLM
from rag.types import AskOptions

pytestmark = pytest.mark.slow


def test_llama_index_answers_with_newsqa_retrieval_and_the_local_model(
    settings, sample_articles
) -> None:
    app = Newsqa(settings.model_copy(update={"llm_model": "smollm2-135m"}))
    assert ingest_files(app, [sample_articles]).ok
    llm = app.chat_models.get().llm
    assert isinstance(llm, LlamaCppLLM), "the local llama.cpp model is a llama-index LLM"

    engine = RetrieverQueryEngine.from_args(retriever=app.retriever(AskOptions(top_k=5)), llm=llm)
    response = engine.query("Who is Sergey Ryabkov?")

    assert str(response).strip(), "the local model wrote an answer"
    assert len(response.source_nodes) == 5
    texts = " ".join(n.node.get_content() for n in response.source_nodes)
    assert "Ryabkov" in texts, "newsqa's hybrid retrieval found the passages about him"
