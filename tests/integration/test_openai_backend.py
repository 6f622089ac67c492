"""Answers from an OpenAI-compatible server: llama.cpp's own server running SmolLM2 on 127.0.0.1."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import pytest

from ingest.planner import ingest_files
from rag.answer.prompt import fixed_prompt_tokens
from rag.app import Newsqa
from rag.errors import NewsqaError
from rag.models.files import resolve_llm_path
from rag.settings import load_settings
from rag.types import Answer, Sentence
from tests.conftest import MODEL_CACHE, SAMPLE_ARTICLES
from tests.live import _free_port
from tests.reliability.conftest import run_newsqa
from tests.servers import running

pytestmark = pytest.mark.slow

QUESTION = "Whose official said Russia asked the U.S. to withdraw NATO forces from eastern Europe?"


@pytest.fixture(scope="module")
def llm_server(tmp_path_factory) -> Iterator[str]:
    """``python -m llama_cpp.server`` with SmolLM2; yields its base URL."""
    model = resolve_llm_path("smollm2-135m", MODEL_CACHE)
    port = _free_port()
    log_path = tmp_path_factory.mktemp("llm-server") / "server.log"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model)]
    options = ["--model_alias", "smollm2", "--n_ctx", "2048", "--n_threads", "2"]
    base_url = f"http://127.0.0.1:{port}/v1"
    address = ["--host", "127.0.0.1", "--port", str(port)]
    with running([*command, *options, *address], f"{base_url}/models", log_path):
        yield base_url


def _server_settings(tmp_path, base_url: str, **extra):
    return load_settings(
        data_dir=tmp_path / "data",
        model_cache_dir=MODEL_CACHE,
        llm_backend="openai",
        llm_base_url=base_url,
        llm_model="smollm2",
        **extra,
    )


def test_answers_stream_from_an_openai_compatible_server(llm_server, tmp_path) -> None:
    settings = _server_settings(tmp_path, llm_server, min_evidence_score=0.0)
    app = Newsqa(settings)
    assert ingest_files(app, [SAMPLE_ARTICLES]).ok
    generation = app.chat_models.get().generate([{"role": "user", "content": QUESTION}])
    pieces = list(generation)
    assert len(pieces) > 1 and "".join(pieces) == generation.text, "the server streams in pieces"
    stream = app.answers.stream(QUESTION)
    sentences = list(stream)
    answer = stream.answer
    assert isinstance(answer, Answer) and answer.model_reply.strip()
    assert all(isinstance(s, Sentence) and s.supported for s in sentences)
    assert answer.abstained or " ".join(s.text for s in sentences) == answer.answer
    usage = answer.usage
    fixed = fixed_prompt_tokens(app.chat_models.get().count_tokens)
    assert 0 < usage.prompt_tokens <= settings.prompt_budget + fixed + 50, usage  # server's count
    assert usage.completion_tokens > 0


def test_the_cli_asks_through_the_server(llm_server, tmp_path) -> None:
    env = {
        "NEWSQA_LLM_BACKEND": "openai",
        "NEWSQA_LLM_BASE_URL": llm_server,
        "NEWSQA_LLM_MODEL": "smollm2",
        "NEWSQA_LLM_API_KEY": "sk-test-not-shown",
    }
    data = tmp_path / "data"
    assert run_newsqa(data, "ingest", str(SAMPLE_ARTICLES), **env).returncode == 0
    done = run_newsqa(data, "-vv", "ask", "--json", QUESTION, **env)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["answer"] and answer["usage"]["completion_tokens"] > 0
    assert "sk-test-not-shown" not in done.stdout + done.stderr


def test_an_unreachable_server_is_a_clear_error(tmp_path) -> None:
    settings = _server_settings(tmp_path, f"http://127.0.0.1:{_free_port()}/v1")
    model = Newsqa(settings).chat_models.get()
    with pytest.raises(NewsqaError, match="The LLM server at http://127.0.0.1:"):
        model.generate([{"role": "user", "content": "Hello?"}]).read()
