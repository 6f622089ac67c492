"""How alike two articles are: shared wording (MinHash) and shared meaning (vectors).

The measures behind stories (``rag.index.stories``) and behind telling a copy's
passage from new text (``rag.answer.fusion``).
"""

from __future__ import annotations

import re

import numpy as np

SHINGLE_WORDS = 5
PERMUTATIONS = 128
SCHEME = "affine32"  # datasketch's hashing scheme: stored signatures depend on it


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def minhash(text: str):
    from datasketch import MinHash

    signature = MinHash(num_perm=PERMUTATIONS, scheme=SCHEME)
    signature.update_batch(list(shingles(text)))
    return signature


def matched_share(a: np.ndarray, b: np.ndarray, cosine: float) -> float:
    """Share of the shorter list's vectors with a vector of the other within ``cosine``."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not len(shorter) or not len(longer):
        return 0.0
    return float(((shorter @ longer.T).max(axis=1) >= cosine).mean())
