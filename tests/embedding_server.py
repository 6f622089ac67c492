"""A real embedding server for the tests: infinity, serving the packaged all-MiniLM-L6-v2.

It runs from its own virtualenv (``make embedding-server`` builds ``.venv-embed``),
on a free loopback port, once per test session.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from rag.models.files import embedding_model_dir
from tests.conftest import REPO
from tests.live import _free_port
from tests.servers import running

INFINITY = REPO / ".venv-embed" / "bin" / "infinity_emb"
MODEL_NAME = "all-MiniLM-L6-v2"


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


def infinity_command(port: int, batch_size: int = 32) -> list[str]:
    return [
        str(INFINITY),
        "v2",
        "--model-id",
        str(embedding_model_dir()),
        "--served-model-name",
        MODEL_NAME,
        "--engine",
        "torch",
        "--device",
        "cpu",
        "--no-bettertransformer",
        "--batch-size",
        str(batch_size),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]


def infinity_env() -> dict[str, str]:
    """Offline, and no usage statistics sent anywhere."""
    return os.environ | {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "INFINITY_ANONYMOUS_USAGE_STATS": "0",
        "DO_NOT_TRACK": "1",
    }


@pytest.fixture(scope="session")
def embedding_server(tmp_path_factory) -> Iterator[EmbeddingServer]:
    if not INFINITY.exists():
        pytest.skip("no embedding server: run `make embedding-server`")
    port = _free_port()
    log = tmp_path_factory.mktemp("infinity") / "infinity.log"
    url = f"http://127.0.0.1:{port}"
    with running(infinity_command(port), f"{url}/health", log, 180, infinity_env()):
        yield EmbeddingServer(url, MODEL_NAME)
