"""How sure the model was of each token it wrote: the log-probability of the chosen token.

llama.cpp samples inside its own sampler chain, so the odds are read on the way in:
a logits processor sees each step's logits, and at the next step the token chosen
from them is the last one evaluated. Reading them costs about a millisecond a token
(a log-sum-exp over the vocabulary) and changes nothing that is sampled.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

TokenOdds = tuple[str, float]  # (text the token wrote, its log-probability)


@dataclass
class OddsRecorder:
    """A logits processor that records the log-probability of every chosen token."""

    detokenize: Callable[[list[int]], bytes]
    odds: list[TokenOdds] = field(default_factory=list)
    _previous: np.ndarray | None = None
    _decoder: Any = field(default_factory=lambda: codecs.getincrementaldecoder("utf-8")("replace"))

    def __call__(self, input_ids: Sequence[int], logits: np.ndarray) -> np.ndarray:
        if self._previous is not None and len(input_ids):
            self._record(int(input_ids[-1]))
        self._previous = _log_softmax(np.asarray(logits, dtype=np.float64))
        return logits

    def _record(self, token: int) -> None:
        assert self._previous is not None
        text = self._decoder.decode(self.detokenize([token]))
        self.odds.append((text, float(self._previous[token])))


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    top = logits.max()
    return logits - (top + np.log(np.exp(logits - top).sum()))
