"""Whether a question asks for a cause: "why did X happen", "what caused X".

"What caused the outage?" asks why it happened, for one cause: it stays a short
fact (tried as an account, its evidence, chosen to cover the story, held the
outage's leads rather than its cause), whose answer must give a cause.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Verbs whose subject is a cause: "what caused / prompted / triggered X"
CAUSING_VERBS = frozenset("cause prompt trigger spark drive provoke".split())


class CauseAsked(StrEnum):
    """How a question asks for a cause."""

    WHY = "why"
    WHAT_CAUSED = "what caused"


def cause_asked(doc: Doc) -> CauseAsked | None:
    """ "Why ..." or "what caused / prompted ...": the answer must give a cause."""
    what = [t for t in doc[:2] if t.lower_ == "what" and t.dep_ == "nsubj"]
    if any(t.head.lemma_ in CAUSING_VERBS for t in what):
        return CauseAsked.WHAT_CAUSED
    return CauseAsked.WHY if any(t.lower_ == "why" for t in doc[:3]) else None
