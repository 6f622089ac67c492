"""Checking each answer sentence against the sources it cites, as a pipeline of named checks.

Each check judges one thing and returns a typed ``Reason`` or passes; each can be
turned off (``CheckConfig.disabled``) to measure what it contributes
(``python -m benchmarks.verification --ablation``).
"""

from rag.answer.verify.config import CheckConfig
from rag.answer.verify.reasons import Reason
from rag.answer.verify.sentences import split_answer
from rag.answer.verify.verifier import CHECK_NAMES, Verdict, Verifier

__all__ = ["CHECK_NAMES", "CheckConfig", "Reason", "Verdict", "Verifier", "split_answer"]
