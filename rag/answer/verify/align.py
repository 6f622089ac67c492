"""Which clause of a window says what a claim says: the one sharing most of its words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.answer.verify.clauses import clause_of, lemmas
from rag.language.names import same_word

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MIN_SHARED = 2  # content words a clause must share with the claim to be its counterpart


def shared(claim_words: set[str], other: set[str]) -> set[str]:
    """The claim's words that ``other`` holds, in one form or another ("russian", "russia")."""
    return {w for w in claim_words if w in other or any(same_word(w, o) for o in other)}


def aligned_predicate(claim_words: set[str], doc: Doc, verb: Token | None = None) -> Token | None:
    """The window's verb (or verbless sentence's head) whose clause shares most of
    ``claim_words`` (at least MIN_SHARED); the claim's own ``verb``, written again, counts
    twice."""
    return aligned_with_count(claim_words, doc, verb)[0]


def aligned_with_count(
    claim_words: set[str], doc: Doc, verb: Token | None = None
) -> tuple[Token | None, int]:
    """``aligned_predicate`` and how much its clause shares (0 when there is none)."""
    tied, count = aligned_ties(claim_words, doc, verb)
    return (tied[0] if tied else None), count


def aligned_ties(
    claim_words: set[str], doc: Doc, verb: Token | None = None
) -> tuple[list[Token], int]:
    """Every predicate whose clause shares as much as ``aligned_predicate``'s, in order,
    and how much that is: "Orchard Park has picked up 77.0 inches, and Natural Bridge
    has picked up 72.3 inches" says "picked up inches" twice."""
    verbs = frozenset({verb.lemma_.lower()}) if verb is not None else frozenset()
    best: list[Token] = []
    best_count = 0
    for token in predicates(doc):
        count = clause_overlap(claim_words, verbs, doc, token)
        if count and count > best_count:
            best, best_count = [token], count
        elif count and count == best_count:
            best.append(token)
    return best, best_count


def clause_overlap(claim_words: set[str], verbs: frozenset[str], doc: Doc, token: Token) -> int:
    """How much of ``claim_words`` the clause ``token`` heads says: the words they share,
    and two more when its verb is one of ``verbs``; 0 when that is less than MIN_SHARED."""
    count = len(shared(claim_words, lemmas(doc, clause_of(token))))
    if count and token.lemma_.lower() in verbs:
        count += 2
    return count if count >= MIN_SHARED else 0


def predicates(doc: Doc) -> list[Token]:
    """The words that head a clause: its verbs (not a participle that describes a noun,
    "the expected date"), and a fact sheet's labels."""
    return [t for t in doc if _clause_verb(t) or _verbless_head(t)]


def _clause_verb(token: Token) -> bool:
    """A verb, not a participle that describes a noun ("the expected date")."""
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound")


def _verbless_head(token: Token) -> bool:
    """The label of a fact sheet's line, a sentence without a verb of its own: "Expected
    trial date: May 20" says what its value is for as a clause does."""
    return (
        token.dep_ == "ROOT"
        and any(c.text == ":" and c.i > token.i for c in token.children)
        and not any(_clause_verb(t) for t in token.subtree)
    )
