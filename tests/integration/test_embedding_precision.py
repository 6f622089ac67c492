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


def test_padding_does_not_change_a_vector_in_bfloat16():
    """The bfloat16 attention masks the padding of a batch's shorter texts."""
    embedder = SentenceTransformerEmbedder(precision="bfloat16")
    alone = embedder.embed(TEXTS[2:])[0]
    long_text = " ".join([TEXTS[0]] * 6)
    padded = embedder.embed([TEXTS[2], long_text])[0]
    assert sum(x * y for x, y in zip(alone, padded, strict=True)) > 0.999
