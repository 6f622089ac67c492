"""newsqa's retriever and chat models plug into llama-index's own query engine."""

from __future__ import annotations

import json
from pathlib import Path

from llama_index.core.query_engine import RetrieverQueryEngine

from rag.types import AskOptions, Filters
from tests.fakes import ScriptedChatModel
from tests.harness import Ingest, fake_app

ARTICLES = [
    {
        "id": "riyadh",
        "source": "Reuters",
        "title": "Talks in Riyadh",
        "text": "US and Russian officials met in Riyadh. The talks lasted four and a half hours.",
    },
    {
        "id": "kyiv",
        "source": "AP",
        "title": "Kyiv reacts",
        "text": "Ukraine said no deal can be made without Ukraine at the table.",
    },
]


def test_a_llama_index_query_engine_runs_on_newsqa_parts(settings, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(a) for a in ARTICLES))
    model = ScriptedChatModel("The talks lasted four and a half hours.")
    app = fake_app(settings, model=model)
    assert Ingest(app).ingest([feed]).ok

    engine = RetrieverQueryEngine.from_args(
        retriever=app.retriever(AskOptions(top_k=1)), llm=app.chat_models.get().llm
    )
    response = engine.query("How long did the talks in Riyadh last?")

    assert str(response) == "The talks lasted four and a half hours."
    [source] = response.source_nodes
    assert source.node.metadata["article_id"] == "riyadh" and source.score > 0
    prompt = model.received[0][-1]["content"]
    assert "four and a half hours" in prompt, "the retrieved passage reached the LLM"
    assert "passage_id" not in prompt and "Talks in Riyadh" in prompt, "ids stay out of prompts"


def test_the_retriever_applies_the_options_filters(settings, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(a) for a in ARTICLES))
    app = fake_app(settings)
    Ingest(app).ingest([feed])
    nodes = app.retriever(AskOptions(filters=Filters(source="AP"))).retrieve("talks in Riyadh")
    assert {n.node.metadata["article_id"] for n in nodes} == {"kyiv"}
