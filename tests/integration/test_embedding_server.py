"""newsqa embedding through a real embedding server (infinity, serving the packaged model).

Retrieval over the sample articles must not change: the same passages for every
sample question, from vectors within cosine 0.999 of the local model's.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from ingest.planner import ingest_files
from rag.app import Newsqa
from rag.errors import EmbeddingMismatchError
from rag.index.batch import NewArticle
from rag.settings import load_settings
from rag.types import AskOptions
from tests.conftest import MODEL_CACHE, REPO, SAMPLE_ARTICLES
from tests.fakes import FakeEmbedder, WordTokenizer

pytestmark = pytest.mark.slow

QUESTIONS = json.loads((REPO / "benchmarks/data/sample-questions.json").read_text())["questions"]


def _app(data_dir: Path, **settings) -> Newsqa:
    return Newsqa(load_settings(data_dir=data_dir, model_cache_dir=MODEL_CACHE, **settings))


def test_retrieval_through_the_server_is_retrieval_with_the_local_model(
    embedding_server, tmp_path
) -> None:
    local = _app(tmp_path / "local")
    served = _app(tmp_path / "served", embed_backend="openai", embed_base_url=embedding_server.url)
    for app in (local, served):
        report = ingest_files(app, [SAMPLE_ARTICLES])
        assert report.added == 5 and report.ok
    ids = local.store.passage_ids_of(sorted(r.id for r in local.catalog.all()))
    assert sorted(ids) == sorted(served.store.passage_ids_of([r.id for r in served.catalog.all()]))
    mine, theirs = local.store.vectors(ids), served.store.vectors(ids)
    cosines = [float(np.dot(mine[i], theirs[i])) for i in ids]
    assert min(cosines) >= 0.999, f"lowest cosine {min(cosines):.5f}"
    for question in QUESTIONS:
        for mode in ("dense", "hybrid"):
            options = AskOptions(top_k=5, retriever=mode)
            top = [
                [n.node.node_id for n in app.retriever(options).retrieve(question)]
                for app in (local, served)
            ]
            assert top[0] == top[1], f"{mode} top 5 differs for {question!r}"


def test_a_server_of_another_model_is_refused(embedding_server, tmp_path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", model_cache_dir=MODEL_CACHE)
    other = Newsqa(settings, embedder=FakeEmbedder, tokenizer=WordTokenizer)
    text = "The harbour bridge reopened on Tuesday after repairs, the council said."
    other.writer.add([NewArticle(id="a", text=text, title="Bridge", source="Coast News")])
    served = _app(tmp_path / "data", embed_backend="openai", embed_base_url=embedding_server.url)
    with pytest.raises(EmbeddingMismatchError, match="384 dimensions.*holds vectors of 64"):
        served.embedder().embed(["When did the bridge reopen?"])
