"""The real embedding model gives the same vectors in bfloat16 as in float32."""

from __future__ import annotations

import pytest

from rag.models.embedding import SentenceTransformerEmbedder

pytestmark = pytest.mark.slow

TEXTS = [
    "Russia asked the U.S. to withdraw NATO forces from eastern Europe, Romania said.",
    "The earthquake of magnitude 5.8 damaged old houses in the north of the country.",
    "Who did Zelenskyy visit in Turkey while the talks took place?",
]


def test_bfloat16_vectors_match_float32():
    exact = SentenceTransformerEmbedder(precision="float32").embed(TEXTS)
    fast = SentenceTransformerEmbedder(precision="bfloat16").embed(TEXTS)
    for a, b in zip(exact, fast, strict=True):
        assert sum(x * y for x, y in zip(a, b, strict=True)) > 0.999
    # and not trivially: different texts stay apart
    assert sum(x * y for x, y in zip(exact[0], fast[1], strict=True)) < 0.5
