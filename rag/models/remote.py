"""Chat models on a server: an OpenAI-compatible endpoint or Ollama, through llama-index.

A server's tokenizer is out of reach, so prompt tokens are estimated from the
text's length (see ``ChatModel.count_tokens``), and the usage the server reports
is taken as is.
"""

from __future__ import annotations

from llama_index.core.llms import LLM

from rag.errors import ModelError
from rag.models.chat import ChatModel, per_length
from rag.settings import Settings


def server_chat_model(settings: Settings, name: str) -> ChatModel:
    """The model ``name`` as served by the server the settings point to."""
    if settings.llm_backend == "openai":
        if not settings.llm_base_url:
            raise ModelError(
                "llm_backend = openai needs the server's URL: set NEWSQA_LLM_BASE_URL, "
                "e.g. http://127.0.0.1:8080/v1."
            )
        make, base_url = openai_llm, settings.llm_base_url
    else:
        make, base_url = ollama_llm, settings.llm_base_url or "http://127.0.0.1:11434"

    def llm_for(limit: int) -> LLM:
        return make(name, base_url, settings.llm_api_key, limit, settings.llm_temperature)

    return ChatModel(name, per_length(llm_for), settings.llm_max_tokens, where=base_url)


def openai_llm(
    model: str, base_url: str, api_key: str | None, max_tokens: int, temperature: float
) -> LLM:
    """A model served by any OpenAI-compatible server (llama.cpp, vLLM, OpenAI itself...)."""
    from llama_index.llms.openai_like import OpenAILike

    return OpenAILike(
        model=model,
        api_base=base_url,
        api_key=api_key or "none",  # local servers want a key, any key
        is_chat_model=True,
        max_tokens=max_tokens,
        temperature=temperature,
        max_retries=1,
        timeout=300,
        additional_kwargs={"stream_options": {"include_usage": True}, "seed": 0},
    )


def ollama_llm(
    model: str, base_url: str, api_key: str | None, max_tokens: int, temperature: float
) -> LLM:
    """A model served by Ollama."""
    from llama_index.llms.ollama import Ollama

    headers = {"Authorization": f"Bearer {api_key}"} if api_key else None
    return Ollama(
        model=model,
        base_url=base_url,
        temperature=temperature,
        request_timeout=300,
        headers=headers,
        additional_kwargs={"num_predict": max_tokens, "seed": 0},
    )
