"""ingest -> list -> ask -> remove through the CLI, on the real models and a real Chroma."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import rag.app
from rag.index.sqlite_catalog import SqliteCatalog as Catalog
from rag.index.store import ChromaStore
from rag.settings import load_settings

pytestmark = pytest.mark.slow


ASK = [
    "ask",
    "What did Kirill Dmitriev tell CNN about the talks?",
    "--llm-model",
    "smollm2-135m",
    "--llm-max-tokens",
    "48",
]


def test_ingest_is_incremental_and_ask_returns_mapped_citations(
    newsqa, sample_articles, monkeypatch
):
    first = newsqa("ingest", str(sample_articles))
    assert first.exit_code == 0, first.output
    assert "5 added, 0 updated, 0 unchanged" in first.stdout

    def no_embedding_model(settings):
        raise AssertionError("an unchanged re-ingest must not load or call the embedding model")

    monkeypatch.setattr(rag.app, "load_embedder", no_embedding_model)
    again = newsqa("ingest", str(sample_articles))
    assert again.exit_code == 0, again.output
    assert "0 added, 0 updated, 5 unchanged" in again.stdout
    assert "0 passages written" in again.stdout
    monkeypatch.undo()

    listed = json.loads(newsqa("list", "--json").stdout)
    assert len(listed) == 5 and all(a["passages"] > 0 for a in listed)

    result = newsqa(*ASK, "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert set(answer) >= {"answer", "abstained", "citations", "timings", "usage"}
    assert set(answer["timings"]) == {
        "retrieval",
        "first_token",
        "first_sentence",
        "checking",
        "total",
    }
    assert answer["usage"]["prompt_tokens"] > 100 and answer["usage"]["completion_tokens"] > 0
    assert isinstance(answer["answer"], str) and answer["answer"]

    settings = load_settings(data_dir=newsqa.data_dir)
    catalog = Catalog(settings.catalog_path)
    for citation in answer["citations"]:  # whatever SmolLM2 cites must map to real passages
        assert set(citation) >= {
            "n",
            "article_id",
            "title",
            "source",
            "passage_id",
            "text",
            "start",
            "end",
            "score",
        }
        assert 1 <= citation["n"] <= settings.top_k
        article = catalog.get(citation["article_id"])
        assert article.text[citation["start"] : citation["end"]] == citation["text"]

    shown = newsqa(*ASK)
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert lines[0].strip() == answer["answer"], "the same answer, printed as it was checked"
    assert ("Sources:" in lines) != answer["abstained"]
    assert "/" not in "".join(line for line in lines if line.startswith("[")), "no paths shown"
    assert "first checked sentence" in shown.stderr

    victim = listed[0]["id"]
    removed = newsqa("remove", victim)
    assert removed.exit_code == 0 and f"Removed {victim}" in removed.stdout
    assert len(json.loads(newsqa("list", "--json").stdout)) == 4
    assert ChromaStore(settings.chroma_dir, settings.collection).passage_ids(victim) == []
    unknown = newsqa("remove", "no-such-article")
    assert unknown.exit_code == 1 and "No article with id: no-such-article" in unknown.output


def test_passages_have_offsets_into_the_cleaned_article(newsqa, sample_articles):
    assert newsqa("ingest", str(sample_articles)).exit_code == 0
    settings = load_settings(data_dir=newsqa.data_dir)
    catalog = Catalog(settings.catalog_path)
    store = ChromaStore(settings.chroma_dir, settings.collection)
    for record in catalog.all():
        ids = store.passage_ids(record.id)
        assert len(ids) == record.passages
    from rag.models.embedding import SentenceTransformerEmbedder

    [vector] = SentenceTransformerEmbedder().embed(["Romania NATO forces eastern Europe"])
    for passage in store.query(vector, 5):
        assert catalog.get(passage.article_id).text[passage.start : passage.end] == passage.text


def test_bad_files_fail_by_name_and_the_rest_is_ingested(newsqa, sample_articles, tmp_path: Path):
    folder = tmp_path / "mixed"
    shutil.copytree(sample_articles, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (folder / "broken.json").write_text('{"text": "unterminated')
    (folder / "cp1252.txt").write_bytes(b"Ministers met in Riyadh \x96 \x93talks\x94 went on.")
    result = newsqa("ingest", str(folder))
    assert result.exit_code == 1
    for name in ("empty.txt", "image.html", "broken.json"):
        assert f"FAILED {folder / name}" in result.stderr
    assert "6 added" in result.stdout and "3 failed" in result.stdout
    listed = json.loads(newsqa("list", "--json").stdout)
    assert any(a["title"] == "Ministers met in Riyadh – “talks” went on." for a in listed)


def test_missing_model_is_a_clear_error(newsqa, sample_articles, tmp_path: Path):
    assert newsqa("ingest", str(sample_articles)).exit_code == 0
    result = newsqa("ask", "Anything?", "--llm-model", str(tmp_path / "missing.gguf"))
    assert result.exit_code == 1
    assert "GGUF file not found" in result.output and "Traceback" not in result.output
