"""The embedding-server backend against a local HTTP server that answers as /v1/embeddings does,
and the check that keeps vectors of another model out of a collection."""

from __future__ import annotations

import json
import math
import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from rag.app import Newsqa
from rag.errors import EmbeddingMismatchError, ModelError
from rag.index.batch import NewArticle
from rag.index.embedding_check import EMBEDDING_KEY, CheckedEmbedder
from rag.index.sqlite_catalog import SqliteCatalog
from rag.index.store import ChromaStore
from rag.models.embedding import load_embedder
from rag.models.server_embedding import ServerEmbedder
from rag.settings import load_settings
from tests.fakes import FakeEmbedder, WordTokenizer


class EmbeddingServer:
    """Answers /embeddings with the fake embedder's vectors (scaled), and records requests."""

    def __init__(self, dimensions: int = 64, delay: float = 0.0) -> None:
        self.embedder = FakeEmbedder(dimensions)
        self.delay = delay
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self.in_flight = self.most_in_flight = 0
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        body = request.get_json()
        self.requests.append(body)
        self.headers.append(dict(request.headers))
        time.sleep(self.delay)
        vectors = self.embedder.embed(body["input"])
        rows = [
            {"object": "embedding", "index": i, "embedding": [3 * v for v in vector]}
            for i, vector in enumerate(vectors)
        ]
        with self._lock:
            self.in_flight -= 1
        return Response(json.dumps({"object": "list", "data": rows[::-1]}), 200, mimetype="json")


@pytest.fixture
def server():
    """A threaded server, so concurrent requests are served concurrently."""
    fake = EmbeddingServer(delay=0.3)  # long enough to overlap on a busy machine too
    with HTTPServer(threaded=True) as http:
        http.expect_request("/v1/embeddings", method="POST").respond_with_handler(fake)
        fake.base_url = http.url_for("/v1")
        yield fake


def test_vectors_come_back_in_order_at_unit_length_in_concurrent_batches(server) -> None:
    texts = [f"passage number {i} about the harbour bridge" for i in range(10)]
    embedder = ServerEmbedder(server.base_url, "mini", "s3cret", batch_size=3, concurrency=2)
    vectors = embedder.embed(texts)
    assert sorted(len(r["input"]) for r in server.requests) == [1, 3, 3, 3]  # any arrival order
    assert all(r["model"] == "mini" for r in server.requests)
    assert server.headers[0]["Authorization"] == "Bearer s3cret"
    assert server.most_in_flight == 2, "two requests were in flight at once"
    expected = FakeEmbedder().embed(texts)
    for got, want in zip(vectors, expected, strict=True):
        assert math.isclose(sum(v * v for v in got), 1.0, rel_tol=1e-5)
        assert max(abs(a - b) for a, b in zip(got, want, strict=True)) < 1e-6


def test_an_unreachable_server_and_a_refusal_are_clear_errors(httpserver) -> None:
    with pytest.raises(ModelError, match="Cannot reach the embedding server at http://127.0.0.1:9"):
        ServerEmbedder("http://127.0.0.1:9/v1", "mini").embed(["a"])
    httpserver.expect_request("/v1/embeddings").respond_with_data("no key", status=401)
    refused = ServerEmbedder(httpserver.url_for("/v1"), "mini", api_key="wrong")
    with pytest.raises(ModelError, match="NEWSQA_EMBED_API_KEY") as caught:
        refused.embed(["a"])
    assert "wrong" not in str(caught.value), "the key is never shown"


def test_a_busy_server_is_asked_again(httpserver) -> None:
    httpserver.expect_ordered_request("/v1/embeddings").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/v1/embeddings").respond_with_handler(EmbeddingServer())
    assert len(ServerEmbedder(httpserver.url_for("/v1"), "mini").embed(["a", "b"])) == 2


def test_the_factory_follows_the_settings(tmp_path: Path, server) -> None:
    local = load_settings(data_dir=tmp_path, embed_backend="openai")
    with pytest.raises(ModelError, match="embed_base_url"):
        load_embedder(local)
    remote = load_settings(data_dir=tmp_path, embed_backend="openai", embed_base_url="http://x/v1")
    assert isinstance(load_embedder(remote), ServerEmbedder)
    with pytest.raises(ModelError, match="needs an embedding server"):
        load_embedder(load_settings(data_dir=tmp_path, embed_model="nomic-embed-text"))


class OtherModel(FakeEmbedder):
    """As many dimensions, other vectors: the words land in other places."""

    def _vector(self, text: str) -> list[float]:
        return super()._vector(text[::-1])


def _parts(tmp_path: Path) -> tuple[SqliteCatalog, ChromaStore]:
    return SqliteCatalog(tmp_path / "catalog.sqlite3"), ChromaStore(tmp_path / "chroma", "news")


def test_a_server_of_another_model_is_refused_before_it_writes(tmp_path: Path, server) -> None:
    settings = load_settings(data_dir=tmp_path / "data", chunk_size=60)
    local = Newsqa(settings, embedder=lambda: FakeEmbedder(64), tokenizer=WordTokenizer)
    article = NewArticle(
        id="a", text="The harbour bridge reopened on Tuesday.", title="t", source="s"
    )
    local.writer.add([article])
    recorded = json.loads(local.catalog.get_meta(EMBEDDING_KEY))
    assert recorded["model"] == "fake-embedder" and recorded["dimension"] == 64

    catalog, store = local.catalog, local.store
    wrapped = CheckedEmbedder(FakeEmbedder(32), catalog, store.sample)
    with pytest.raises(EmbeddingMismatchError, match="32 dimensions.*holds vectors of 64"):
        wrapped.embed(["a question"])
    with pytest.raises(EmbeddingMismatchError, match="cosine"):
        CheckedEmbedder(OtherModel(64), catalog, store.sample).embed(["a question"])
    same_model = ServerEmbedder(server.base_url, "fake-embedder")
    assert len(CheckedEmbedder(same_model, catalog, store.sample).embed(["a question"])[0]) == 64


def test_a_collection_made_before_the_record_is_checked_through_a_stored_passage(
    tmp_path: Path,
) -> None:
    catalog, store = _parts(tmp_path)
    fake = FakeEmbedder(64)
    store.upsert(
        ["a#0"], fake.embed(["old passage text"]), ["old passage text"], [{"article_id": "a"}]
    )
    CheckedEmbedder(FakeEmbedder(64), catalog, store.sample).embed(["q"])
    assert json.loads(catalog.get_meta(EMBEDDING_KEY))["dimension"] == 64, "recorded now"
    catalog.delete_meta(EMBEDDING_KEY)
    with pytest.raises(EmbeddingMismatchError, match="for a stored passage is at cosine"):
        CheckedEmbedder(OtherModel(64), catalog, store.sample).embed(["q"])
    with pytest.raises(EmbeddingMismatchError, match="32 dimensions"):
        CheckedEmbedder(FakeEmbedder(32), catalog, store.sample).embed(["q"])
