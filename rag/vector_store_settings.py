"""Where the passages live: the ``[vector_store]`` table of the settings.

Kept apart from :mod:`rag.settings` so the store can name its settings without
reading every other knob of newsqa.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class VectorStoreSettings(BaseModel):
    """Where the passages live: ``[vector_store]`` in newsqa.toml, or the environment.

    Environment names are ``NEWSQA_VECTOR_STORE__<NAME>``, e.g. NEWSQA_VECTOR_STORE__MODE.
    """

    model_config = {"extra": "forbid"}

    mode: Literal["embedded", "server"] = Field(
        default="embedded",
        description="embedded: Chroma in DATA_DIR; server: a Chroma server shared by processes.",
    )
    host: str = Field(default="127.0.0.1", description="The Chroma server's host (server mode).")
    port: int = Field(default=8000, ge=1, le=65535, description="The Chroma server's port.")
    ssl: bool = Field(default=False, description="Connect to the Chroma server over HTTPS.")
    token: str | None = Field(
        default=None, repr=False, description="Token the Chroma server requires, if any."
    )

    @property
    def url(self) -> str:
        return f"{'https' if self.ssl else 'http'}://{self.host}:{self.port}"
