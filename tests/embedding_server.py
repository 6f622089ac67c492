"""A real embedding server for the tests: infinity, serving the packaged all-MiniLM-L6-v2.

It runs from its own virtualenv (``make embedding-server`` builds ``.venv-embed``),
on a free loopback port, once per test session.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from benchmarks.servers import INFINITY, free_port, infinity_command, infinity_env
from rag.models.embedding import EMBEDDING_MODEL_NAME
from tests.servers import running


@dataclass(frozen=True)
class EmbeddingServer:
    url: str  # what embed_base_url is set to
    model: str

    def settings(self) -> dict[str, str]:
        """The environment that points newsqa at this server."""
        return {
            "NEWSQA_EMBED_BACKEND": "openai",
            "NEWSQA_EMBED_BASE_URL": self.url,
            "NEWSQA_EMBED_MODEL": self.model,
        }


@pytest.fixture(scope="session")
def embedding_server(tmp_path_factory) -> Iterator[EmbeddingServer]:
    if not INFINITY.exists():
        pytest.fail(f"no embedding server at {INFINITY}: run `make embedding-server`")
    port = free_port()
    log = tmp_path_factory.mktemp("infinity") / "infinity.log"
    url = f"http://127.0.0.1:{port}"
    with running(infinity_command(port), f"{url}/health", log, 180, infinity_env()):
        yield EmbeddingServer(url, EMBEDDING_MODEL_NAME)
