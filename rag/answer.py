"""The answer service: question in, verified and cited answer out, for the CLI, UI and eval.

question -> (follow-up rewrite) -> retrieval -> evidence within a token budget
         -> the model, streamed -> each sentence checked against its sources
         -> an Answer, or an abstention with the closest passages as "related"
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence

from rag.citations import normalize_markers, strip_markers
from rag.conversation import Turn, standalone_question
from rag.embedding import Embedder
from rag.errors import NewsqaError
from rag.evidence import Source, select_evidence, whole_passages
from rag.llm import ChatModel
from rag.prompt import (
    ABSTAIN_TEXT,
    CHAT_TEMPLATE_TOKENS,
    SYSTEM_PROMPT,
    build_messages,
    source_header,
    user_message,
)
from rag.retriever import Filters, Retriever
from rag.settings import Settings
from rag.types import Answer, Citation, Passage, Sentence, Timings, Usage
from rag.verify import Verdict, Verifier

MAX_QUESTION_CHARS = 1000
_WORDS = re.compile(r"[^\W_]")  # a letter or a digit, in any script
RELATED_SHOWN = 3

_NO_ANSWER = re.compile(
    r"do(?:es)? not contain the answer|don[’']?t know|do not know|cannot answer|can[’']?t answer"
    r"|(?:is|are) not (?:mentioned|provided|given|stated)|no information|not (?:in|found in) the"
    r" (?:sources|passages|articles)",
    re.IGNORECASE,
)


def is_abstention(text: str) -> bool:
    """The model said the sources lack the answer (in the agreed words or its own)."""
    return not text.strip() or bool(_NO_ANSWER.search(text))


class AnswerService:
    """Retrieve, select evidence, prompt the model, verify what comes back."""

    def __init__(
        self,
        retriever: Retriever,
        embedder: Embedder,
        chat_model: Callable[[], ChatModel],
        settings: Settings,
    ) -> None:
        self.retriever = retriever
        self.embedder = embedder
        self._chat_model_factory = chat_model
        self._chat_model: ChatModel | None = None
        self.settings = settings
        self.top_k = settings.top_k

    @property
    def chat_model(self) -> ChatModel:
        if self._chat_model is None:
            self._chat_model = self._chat_model_factory()
        return self._chat_model

    def ask(
        self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None
    ) -> Answer:
        for event in self.stream(question, history, filters):
            if isinstance(event, Answer):
                return event
        raise AssertionError("stream() always ends with an Answer")

    def stream(
        self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None
    ) -> Iterator[str | Answer]:
        """Yield pieces of the reply as they are generated, then the verified Answer."""
        model = self.chat_model  # loading the model is not part of answering
        question = self._check_question(question, model)
        began = time.perf_counter()
        standalone = standalone_question(
            question, history, model, self.settings.history_turns, self.settings.prompt_budget
        )
        passages = self.retriever.retrieve(standalone, self.top_k, filters)
        timings = Timings(retrieval=time.perf_counter() - began)
        result = Answer(question=question, answer=ABSTAIN_TEXT, abstained=True, timings=timings)
        if standalone != question:
            result.standalone_question = standalone
        if not passages:
            if not filters:
                raise NewsqaError(
                    "No articles are indexed yet: add some with `newsqa ingest PATH`."
                )
            yield _finish(result, began)
            return
        if passages[0].score < self.settings.min_evidence_score:
            yield _finish(_abstain(result, passages), began)
            return
        if self.settings.evidence == "passages":  # for comparison: whole passages, no budget
            sources = whole_passages(passages)
        else:
            sources = select_evidence(
                standalone,
                passages,
                self.embedder,
                model.count_tokens,
                self._evidence_budget(standalone, model),
                source_header,
            )
        pieces: list[str] = []
        for piece in model.stream_chat(build_messages(standalone, sources)):
            if timings.first_token is None:
                timings.first_token = time.perf_counter() - began
            pieces.append(piece)
            yield piece
        result.usage = model.last_usage
        result.contexts = [s.text for s in sources]
        result.model_reply = "".join(pieces)
        yield _finish(self._grounded(result, "".join(pieces), standalone, sources, passages), began)

    def _grounded(
        self, result: Answer, reply: str, question: str, sources: list[Source], passages
    ) -> Answer:
        if is_abstention(reply):
            return _abstain(result, passages)
        reply = normalize_markers(reply)
        verdicts = Verifier(self.embedder, question).verify(
            reply, sources, repair=self.settings.repair_citations
        )
        kept = [v for v in verdicts if v.supported or self.settings.keep_unsupported]
        if not any(v.supported for v in kept):
            return _abstain(result, passages)
        by_number = {s.n: s.passage for s in sources}
        result.answer = " ".join(_with_markers(v) for v in kept)
        result.abstained = False
        result.sentences = [
            Sentence(text=v.text, citations=v.citations, supported=v.supported) for v in kept
        ]
        result.citations = _citations(kept, by_number)
        return result

    def _evidence_budget(self, question: str, model: ChatModel) -> int:
        fixed = CHAT_TEMPLATE_TOKENS + model.count_tokens(SYSTEM_PROMPT)
        return self.settings.prompt_budget - fixed - model.count_tokens(user_message(question, []))

    def _check_question(self, question: str, model: ChatModel) -> str:
        """The question cleaned of control characters, or a clear refusal.

        It is checked before anything is retrieved, so a refusal costs no time, and
        its length is capped so the prompt budget always leaves room for evidence.
        """
        question = clean_question(question)
        if not question:
            raise NewsqaError("The question is empty.")
        if not _WORDS.search(question):
            raise NewsqaError("The question has no words in it: ask it in words.")
        limit = self.settings.prompt_budget // 4
        if len(question) > MAX_QUESTION_CHARS or model.count_tokens(question) > limit:
            raise NewsqaError(
                f"The question is too long ({len(question):,} characters): keep it under "
                f"{limit} tokens (about {limit * 3} characters) so the prompt leaves room "
                "for the articles."
            )
        return question


def clean_question(text: str) -> str:
    """Control and formatting characters removed, runs of white space made one space."""
    kept = (c if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co") else " " for c in text)
    return " ".join("".join(kept).split())


def _with_markers(verdict: Verdict) -> str:
    """The sentence as written; a repaired one carries the citation that supports it."""
    if verdict.repaired:
        plain = strip_markers(verdict.text)
        return plain + "".join(f" [{n}]" for n in verdict.citations)
    return verdict.text


def _citations(verdicts: list[Verdict], passages: dict[int, Passage]) -> list[Citation]:
    support: dict[int, tuple[int, int] | None] = {}
    for verdict in verdicts:
        for n in verdict.citations:
            if support.get(n) is None:
                support[n] = verdict.support.get(n)
    return [Citation.of(n, passages[n], support[n]) for n in sorted(support)]


def _abstain(result: Answer, passages: list[Passage]) -> Answer:
    result.answer, result.abstained, result.citations, result.sentences = ABSTAIN_TEXT, True, [], []
    result.related = passages[:RELATED_SHOWN]
    return result


def _finish(result: Answer, began: float) -> Answer:
    result.timings.total = time.perf_counter() - began
    result.usage = result.usage or Usage()
    return result
