"""A sentence that repeats a "whose / which / what X" question answers nothing.

"Whose official said Russia asked?" -> "The official said Russia asked [1]."
leaves out exactly the part asked for.
"""

from __future__ import annotations

import re

from rag.answer.verify.claim import Claim, Context
from rag.answer.verify.reasons import Reason

NAME = "restatement"
_WH_PHRASE = re.compile(r"^\W*(?:whose|which|what)\s+(?P<rest>.+)$", re.IGNORECASE | re.DOTALL)
_DETERMINER = re.compile(r"^\W*(?:the|this|that|these|those|its|their|a|an)\s+", re.IGNORECASE)


def restates(question: str, sentence: str) -> bool:
    match = _WH_PHRASE.match(question)
    if not match or not _DETERMINER.match(sentence):
        return False
    asked = _words(match.group("rest")).split()[:2]
    return len(asked) == 2 and _words(_DETERMINER.sub("", sentence)).split()[:2] == asked


def check(claim: Claim, context: Context) -> Reason | None:
    if context.question.options:
        return None
    return Reason.RESTATES if restates(context.question.stem, claim.plain) else None


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w$%]+", text.lower()))
