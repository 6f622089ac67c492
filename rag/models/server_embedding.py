"""Embeddings from a server: any OpenAI-compatible ``/v1/embeddings`` endpoint.

Hugging Face text-embeddings-inference, infinity, Ollama and vLLM all serve one.
One embedding server can serve every ingest worker and app process, so none of
them loads the model, and the server can sit on the machine that computes
fastest. Passages go out in requests of ``batch_size`` texts, ``concurrency`` of
them at a time (a server batches what arrives together); vectors come back in
order and are scaled to unit length, as the local model's are, so Chroma's
cosine distances mean the same thing whichever computed them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import httpx
import numpy as np

from rag.errors import ModelError

logger = logging.getLogger(__name__)

RETRIES = 3  # a busy (429, 503) or failing (5xx) server, or a dropped connection
_BACKOFF_SECONDS = 0.5
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class ServerEmbedder:
    """Unit-length vectors from an embedding server; ``name`` is the model it is asked for."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        batch_size: int = 32,
        concurrency: int = 2,
        timeout: float = 120.0,
    ) -> None:
        self.name = model
        self.batch_size = batch_size
        self.url = base_url.rstrip("/") + "/embeddings"
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            headers=headers,
            timeout=timeout,
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
        )
        self._requests = ThreadPoolExecutor(concurrency, thread_name_prefix="embed-request")

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        batches = [
            list(texts[i : i + self.batch_size]) for i in range(0, len(texts), self.batch_size)
        ]
        vectors = list(self._requests.map(self._request, batches))
        return np.concatenate(vectors).tolist()

    def close(self) -> None:
        self._requests.shutdown(wait=False)
        self._client.close()

    def _request(self, batch: list[str]) -> np.ndarray:
        for attempt in range(RETRIES + 1):
            last = attempt == RETRIES
            try:
                response = self._client.post(self.url, json={"model": self.name, "input": batch})
            except httpx.HTTPError as exc:
                if last:
                    raise ModelError(
                        f"Cannot reach the embedding server at {self.url} ({type(exc).__name__}: "
                        f"{exc}). Start it, or check the settings embed_base_url and embed_backend."
                    ) from None
            else:
                if response.status_code == 200:
                    return self._vectors(response, len(batch))
                if response.status_code not in _RETRY_STATUS or last:
                    raise ModelError(self._refusal(response))
            logger.info("Embedding request failed; trying again (%d of %d)", attempt + 1, RETRIES)
            time.sleep(_BACKOFF_SECONDS * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _vectors(self, response: httpx.Response, expected: int) -> np.ndarray:
        try:
            rows = sorted(response.json()["data"], key=lambda row: row["index"])
            vectors = np.asarray([row["embedding"] for row in rows], dtype=np.float32)
        except (ValueError, KeyError, TypeError) as exc:
            raise ModelError(
                f"The embedding server at {self.url} did not answer as /v1/embeddings does "
                f"({type(exc).__name__}: {exc})."
            ) from None
        if vectors.ndim != 2 or len(vectors) != expected:
            raise ModelError(
                f"The embedding server at {self.url} returned {len(vectors)} vectors for "
                f"{expected} texts."
            )
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)

    def _refusal(self, response: httpx.Response) -> str:
        if response.status_code in (401, 403):
            return (
                f"The embedding server at {self.url} refused the request ({response.status_code}): "
                "set the key it requires in NEWSQA_EMBED_API_KEY."
            )
        detail = " ".join(response.text.split())[:300]
        return (
            f"The embedding server at {self.url} answered {response.status_code} for model "
            f"{self.name!r}: {detail}"
        )
