"""Choosing a server backend for the LLM, and what happens when the server is not there."""

from __future__ import annotations

import socket
from types import SimpleNamespace

import pytest

from rag.errors import ModelError
from rag.models.chat import ChatModel, reported_usage
from rag.models.llm import load_chat_model
from rag.settings import load_settings
from rag.types import Usage


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_openai_backend_needs_a_url(tmp_path) -> None:
    settings = load_settings(data_dir=tmp_path, llm_backend="openai", llm_model="m")
    with pytest.raises(ModelError, match="NEWSQA_LLM_BASE_URL"):
        load_chat_model(settings)


def test_ollama_backend_reports_an_unreachable_server(tmp_path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    settings = load_settings(
        data_dir=tmp_path, llm_backend="ollama", llm_model="qwen2.5:1.5b", llm_base_url=url
    )
    model = load_chat_model(settings)
    assert isinstance(model, ChatModel) and model.name == "qwen2.5:1.5b"
    assert type(model.llm).__name__ == "Ollama", "a llama-index LLM"
    with pytest.raises(ModelError, match=f"The LLM server at {url} failed"):
        model.generate([{"role": "user", "content": "Hello?"}]).read()


def test_usage_is_read_from_either_kind_of_chunk() -> None:
    openai_chunk = SimpleNamespace(usage=SimpleNamespace(prompt_tokens=12, completion_tokens=3))
    ollama_chunk = {"usage": {"prompt_tokens": 7, "completion_tokens": 2}}
    assert reported_usage(openai_chunk) == Usage(prompt_tokens=12, completion_tokens=3)
    assert reported_usage(ollama_chunk) == Usage(prompt_tokens=7, completion_tokens=2)
    assert reported_usage(SimpleNamespace(usage=None)) is None
    assert reported_usage({}) is None


def test_prompt_tokens_are_estimated_on_the_safe_side() -> None:
    model = ChatModel("m", lambda limit: None, max_tokens=10, where="http://x")
    text = "The talks in Riyadh lasted four and a half hours, officials said on Tuesday."
    assert model.count_tokens(text) >= 16  # the default model's tokenizer needs 16
