"""newsqa against a real Chroma server (`chroma run`), with two app processes sharing it.

Each "machine" below is a data directory of its own: they share nothing but the
Chroma server, as app processes on different hosts would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from benchmarks.servers import chroma_command, free_port
from tests.conftest import SAMPLE_ARTICLES
from tests.reliability.conftest import NEWSQA, newsqa_env, run_newsqa
from tests.servers import running

pytestmark = pytest.mark.slow

NEW_ARTICLE = (
    "Glassworks reopen in Varnholm\n\n"
    "The Varnholm glassworks reopened on Thursday after a two-year closure, the town "
    "council said. Ninety glassblowers returned to the Varnholm furnaces.\n"
)


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory) -> Iterator[dict[str, str]]:
    """A Chroma server on a free loopback port; yields the settings that point newsqa at it."""
    root = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    heartbeat = f"http://127.0.0.1:{port}/api/v2/heartbeat"
    with running(chroma_command(root / "db", port), heartbeat, root / "chroma.log", 60):
        yield {"NEWSQA_VECTOR_STORE__MODE": "server", "NEWSQA_VECTOR_STORE__PORT": str(port)}


def _ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


def _titles(data: Path, server: dict[str, str]) -> list[str]:
    return [a["title"] for a in json.loads(_ok(run_newsqa(data, "list", "--json", **server)))]


def test_ingest_reingest_ask_and_remove_against_a_chroma_server(chroma_server, tmp_path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(SAMPLE_ARTICLES, articles)
    first, second = tmp_path / "machine-a", tmp_path / "machine-b"

    added = _ok(run_newsqa(first, "ingest", str(articles), **chroma_server))
    assert "5 added" in added
    assert not (first / "chroma").exists(), "nothing is stored locally in server mode"
    again = _ok(run_newsqa(first, "ingest", str(articles), **chroma_server))
    assert "5 unchanged" in again and "0 passages written" in again

    assert len(_titles(second, chroma_server)) == 5, "another machine sees the same articles"
    question = "Who met in Riyadh?"
    asked = run_newsqa(
        second, "ask", "--json", "--llm-model", "smollm2-135m", question, **chroma_server
    )
    answer = json.loads(_ok(asked))
    shown = answer["citations"] or answer["related"]
    assert shown and all(passage["text"] for passage in shown)

    (articles / "glassworks.txt").write_text(NEW_ARTICLE)
    assert "1 added" in _ok(run_newsqa(second, "ingest", str(articles), **chroma_server))
    assert "Glassworks reopen in Varnholm" in _titles(first, chroma_server)
    asked = run_newsqa(
        first,
        "ask",
        "--json",
        "--retriever",
        "bm25",
        "--llm-model",
        "smollm2-135m",
        "When did the Varnholm glassworks reopen?",
        **chroma_server,
    )
    answer = json.loads(_ok(asked))
    shown = answer["citations"] or answer["related"]
    assert shown[0]["title"] == "Glassworks reopen in Varnholm", "BM25 on A saw B's ingest"

    listed = json.loads(_ok(run_newsqa(first, "list", "--json", **chroma_server)))
    victim = next(a["id"] for a in listed if a["title"].startswith("Glassworks"))
    _ok(run_newsqa(first, "remove", victim, **chroma_server))
    assert "Glassworks reopen in Varnholm" not in _titles(second, chroma_server)
    assert _ok(run_newsqa(second, "doctor", **chroma_server)).startswith("No problems")


def test_an_unreachable_server_is_a_clear_error(tmp_path) -> None:
    server = {"NEWSQA_VECTOR_STORE__MODE": "server", "NEWSQA_VECTOR_STORE__PORT": str(free_port())}
    done = run_newsqa(tmp_path / "data", "list", **server)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "Cannot reach the Chroma server at http://127.0.0.1:" in done.stderr


# two machines sharing the server through the CLI run in every make test
@pytest.mark.long
def test_two_serve_processes_share_one_chroma_server(chroma_server, tmp_path) -> None:
    """An article uploaded through one `newsqa serve` is answered by the other."""
    urls = []
    with ExitStack() as servers:
        for name in ("app-1", "app-2"):
            port = free_port()
            command = [*NEWSQA, "serve", "--port", str(port), "--llm-model", "smollm2-135m"]
            env = newsqa_env(tmp_path / name, **chroma_server)
            url = f"http://127.0.0.1:{port}"
            servers.enter_context(
                running(command, f"{url}/healthz", tmp_path / f"{name}.log", 180, env)
            )
            urls.append(url)
        files = {"files": ("glassworks.txt", NEW_ARTICLE, "text/plain")}
        added = httpx.post(f"{urls[0]}/v1/ingest", files=files, timeout=300).json()
        assert added[0]["outcome"] == "added", added
        question = {"role": "user", "content": "When did the Varnholm glassworks reopen?"}
        reply = httpx.post(
            f"{urls[1]}/v1/chat/completions",
            json={"messages": [question], "newsqa": {"retriever": "bm25"}},
            timeout=300,
        )
        assert reply.status_code == 200, reply.text
        newsqa = reply.json()["newsqa"]
        shown = newsqa["citations"] or newsqa["related"]
        assert shown[0]["title"] == "Glassworks reopen in Varnholm"
