"""Every setting of newsqa in one object, built once at the entry point and passed in.

Precedence, lowest first: defaults < the user's config file
(``$XDG_CONFIG_HOME/newsqa/newsqa.toml``) < ``newsqa.toml`` in the working directory
(or ``--config PATH``) < environment (``NEWSQA_<FIELD>``) < CLI flags.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from rag.config_files import ConfigFile, config_files
from rag.data_paths import DataPaths
from rag.errors import NewsqaError
from rag.user_dirs import user_cache_dir, user_data_dir
from rag.vector_store_settings import VectorStoreSettings

__all__ = ["Settings", "VectorStoreSettings", "load_settings"]


class Settings(DataPaths, BaseSettings):
    """All knobs of newsqa. Field names map to ``NEWSQA_<NAME>`` and to keys of newsqa.toml."""

    model_config = SettingsConfigDict(
        env_prefix="NEWSQA_", env_nested_delimiter="__", extra="forbid", validate_default=True
    )

    data_dir: Path = Field(
        default_factory=user_data_dir,
        description="Where the index lives (Chroma, the ingest catalog, the keyword index, "
        "the stories) and the web UI's uploads.",
    )
    collection: str = Field(default="articles", description="Chroma collection name.")
    model_cache_dir: Path | None = Field(
        default=None,
        description="Where models assembled from parts are kept, for every data directory "
        "(default: ~/.cache/newsqa/models).",
    )
    chunk_size: int = Field(
        default=160, ge=32, le=250, description="Passage length in embedding word pieces (max 250)."
    )
    chunk_overlap: int = Field(
        default=32, ge=0, description="Word pieces repeated between neighbouring passages."
    )
    embed_batch_size: int = Field(
        default=32, ge=1, description="Passages embedded per batch (per request to a server)."
    )
    embed_backend: Literal["local", "openai"] = Field(
        default="local",
        description="local: all-MiniLM-L6-v2 in this process; openai: any server with an "
        "OpenAI-compatible /v1/embeddings (text-embeddings-inference, infinity, Ollama).",
    )
    embed_base_url: str | None = Field(
        default=None,
        description="The embedding server's URL before /embeddings, e.g. http://127.0.0.1:7997 "
        "(infinity) or http://127.0.0.1:8080/v1 (text-embeddings-inference, Ollama).",
    )
    embed_model: str = Field(
        default="all-MiniLM-L6-v2",
        description="The embedding model's name: the one a collection records, and the one "
        "an embedding server is asked for.",
    )
    embed_api_key: str | None = Field(
        default=None, repr=False, description="Key the embedding server requires, if any."
    )
    embed_concurrency: int = Field(
        default=2, ge=1, le=64, description="Requests sent to the embedding server at once."
    )
    ray_address: str | None = Field(
        default=None,
        description="Spread ingest over a Ray cluster (needs vector_store.mode = server): "
        "auto (the cluster this machine joined), local (a Ray of this machine), or ray://host:port.",
    )
    ingest_workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Processes that read and embed articles during an ingest; 1: this one.",
    )
    embed_precision: Literal["auto", "float32", "bfloat16"] = Field(
        default="auto",
        description="The embedding model's arithmetic; auto: bfloat16 where the CPU has it "
        "natively (2.6x faster, same vectors to cosine 0.9999), else float32.",
    )
    top_k: int = Field(
        default=5,
        ge=1,
        le=50,
        description="Passages retrieved per question (evidence is chosen from them).",
    )
    evidence: Literal["sentences", "passages"] = Field(
        default="sentences",
        description="sentences: the best sentences within the budget; passages: whole passages.",
    )
    prompt_budget: int = Field(
        default=400,
        ge=200,
        description="Most tokens a question adds to the prompt: its sources and itself. The "
        "fixed instructions before them are evaluated once and reused, so they do not count.",
    )
    min_evidence_score: float = Field(
        default=0.2, description="Abstain without asking the model when no passage is this similar."
    )
    keep_unsupported: bool = Field(
        default=False, description="Keep answer sentences the sources do not support, marked."
    )
    repair_citations: bool = Field(
        default=True,
        description="Cite the supporting source for a sentence the model left uncited.",
    )
    history_turns: int = Field(
        default=3, ge=0, description="Chat turns used to understand a follow-up question."
    )
    retriever: Literal["dense", "bm25", "hybrid"] = Field(
        default="hybrid", description="dense (embeddings), bm25 (keywords) or hybrid (both fused)."
    )
    retrieval_depth: int = Field(
        default=30, ge=1, description="Candidates each retriever contributes before fusion."
    )
    rrf_k: int = Field(default=60, ge=1, description="Reciprocal-rank fusion constant.")
    dense_weight: float = Field(
        default=1.0, ge=0.0, description="Weight of the dense ranking in fusion (BM25 has 1)."
    )
    max_per_article: int = Field(
        default=2, ge=1, description="Most passages from one article, unless nothing else fits."
    )
    llm_backend: Literal["llamacpp", "openai", "ollama"] = Field(
        default="llamacpp",
        description="llamacpp: in this process; openai: an OpenAI-compatible server; ollama.",
    )
    llm_model: str = Field(
        default="qwen2.5-coder-1.5b",
        description="qwen2.5-coder-1.5b, qwen2.5-coder-0.5b, smollm2-135m, or a path to a .gguf; "
        "with a server backend, the model name the server knows.",
    )
    llm_base_url: str | None = Field(
        default=None,
        description="The LLM server's URL, e.g. http://127.0.0.1:8080/v1 (openai) or "
        "http://127.0.0.1:11434 (ollama, the default there).",
    )
    llm_api_key: str | None = Field(
        default=None, repr=False, description="Key the LLM server requires, if any."
    )
    llm_threads: int = Field(default=2, ge=1, description="CPU threads for the LLM.")
    llm_context_window: int = Field(default=4096, ge=512, description="LLM context, in tokens.")
    llm_max_tokens: int = Field(default=256, ge=1, description="Longest answer, in tokens.")
    llm_temperature: float = Field(default=0.0, ge=0.0, le=2.0, description="0 = deterministic.")
    llm_record_odds: bool = Field(
        default=False,
        description="Record the log-probability of each token the local model writes "
        "(evaluation runs keep them beside each reply).",
    )
    auth: str | None = Field(
        default=None,
        repr=False,
        description="user:password required to open the web UI (`newsqa serve`); none if unset.",
    )
    upload_max_mb: float = Field(
        default=20.0, gt=0, description="Largest file the web UI accepts for upload, in MB."
    )
    max_file_mb: float = Field(
        default=100.0, gt=0, description="Larger files are refused by ingest, in MB."
    )
    max_article_chars: int = Field(
        default=2_000_000, ge=1000, description="Longer articles are refused by ingest."
    )
    lock_timeout: float = Field(
        default=300.0,
        ge=0,
        description="Seconds a change to the index waits for another one to finish.",
    )
    fetch_timeout: float = Field(
        default=20.0, gt=0, description="Seconds a feed or page may take to connect, and to answer."
    )
    fetch_per_host: int = Field(default=2, ge=1, le=8, description="Requests to one host at once.")
    fetch_max_redirects: int = Field(default=5, ge=0, le=20, description="Redirects followed.")
    fetch_allow_private: bool = Field(
        default=False,
        description="Fetch addresses added through the web UI or HTTP API from private, "
        "loopback or link-local networks too.",
    )
    update_every: str | None = Field(
        default=None,
        description="How often `newsqa serve` polls the feeds, e.g. 30m or 2h; unset: never.",
    )
    vector_store: VectorStoreSettings = Field(default_factory=VectorStoreSettings)

    @field_validator("update_every")
    @classmethod
    def _period(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d+[smhd]", value):
            raise ValueError("a period is a number and s, m, h or d, e.g. 30m or 2h")
        return value

    @field_validator("auth")
    @classmethod
    def _auth_pair(cls, value: str | None) -> str | None:
        if value is not None and (":" not in value or not all(value.split(":", 1))):
            raise ValueError("auth is written user:password")
        return value

    @property
    def auth_pair(self) -> tuple[str, str] | None:
        """The login the web UI asks for, as (user, password)."""
        if not self.auth:
            return None
        user, password = self.auth.split(":", 1)
        return user, password

    @field_validator("data_dir", "model_cache_dir")
    @classmethod
    def _expand(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    @property
    def models_dir(self) -> Path:
        """One cache per user: every data directory shares the 1.1 GB model file."""
        return self.model_cache_dir or user_cache_dir() / "models"


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings; ``overrides`` are CLI flags (None means "not given")."""
    files = config_files(config_file)

    class _Loaded(Settings):
        @classmethod
        def settings_customise_sources(
            cls,
            settings_cls: type[BaseSettings],
            init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
        ) -> tuple[PydanticBaseSettingsSource, ...]:
            toml = [TomlConfigSettingsSource(settings_cls, toml_file=f.path) for f in files]
            return (init_settings, env_settings, *toml)

    given = {key: value for key, value in overrides.items() if value is not None}
    try:
        loaded = _Loaded(**given)
    except ValidationError as exc:  # every bad field listed; values left out (secrets)
        problems = [
            f"- {'.'.join(str(part) for part in error['loc'])}"
            f"{_origin(error['loc'], files, given)}: {error['msg']}"
            for error in exc.errors(include_url=False, include_input=False)
        ]
        raise NewsqaError("Invalid settings:\n" + "\n".join(problems)) from None
    return Settings.model_construct(
        **{name: getattr(loaded, name) for name in Settings.model_fields}
    )


def _origin(location: tuple[str | int, ...], files: list[ConfigFile], given: dict) -> str:
    """Where the bad value came from: the source of highest precedence that sets it."""
    if not location:
        return ""
    if location[0] in given:
        return " (a command-line flag)"
    variable = "NEWSQA_" + "__".join(str(part) for part in location).upper()
    if variable in {name.upper() for name in os.environ}:
        return f" (environment {variable})"
    for config in files:
        if config.sets(location):
            return f" (in {config.path})"
    return ""
