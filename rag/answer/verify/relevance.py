"""How much a text bears on the question: the words of its subject, and its meaning.

The verifier asks it of its windows (through the on-topic and restatement checks) and
the disagreement finder of the passages it compares; each text is embedded once per
question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.language.names import share_named
from rag.text import Analyzer

if TYPE_CHECKING:
    from rag.answer.question import Question
    from rag.answer.verify.config import CheckConfig
    from rag.models.embedding import Embedder


class Relevance:
    def __init__(self, question: Question, embedder: Embedder, config: CheckConfig) -> None:
        self.question = question
        self.embedder = embedder
        self.config = config
        self._analyzer = Analyzer()
        self._vectors: dict[str, list[float]] = {}

    def about_question(self, text: str) -> bool:
        """The text is about what the question asks about (its subject, or its meaning)."""
        question, config = self.question, self.config
        if not question.subject_terms:
            return True
        subject = share_named(question.subject_terms, self.terms(text))
        return subject >= config.min_subject_share or (
            self.similar(question.stem, text) >= config.min_question_similarity
        )

    def score(self, text: str) -> float:
        """The share of the question's subject terms the text holds, plus its similarity."""
        subject = share_named(self.question.subject_terms, self.terms(text))
        return subject + self.similar(self.question.stem, text)

    def terms(self, text: str) -> set[str]:
        return set(self._analyzer.statement_terms(text))

    def similar(self, a: str, b: str) -> float:
        """Cosine similarity of two texts; each text is embedded once per question."""
        missing = [t for t in dict.fromkeys((a, b)) if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self.embedder.embed(missing), strict=True))
        first, second = self._vectors[a], self._vectors[b]
        return sum(x * y for x, y in zip(first, second, strict=True))
