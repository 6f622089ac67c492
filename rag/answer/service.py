"""The answer service: question in, verified and cited answer out, for every client.

question -> (follow-up rewrite) -> the stages of ``rag.answer.stages``
         -> an Answer, or an abstention with the closest passages as "related"

Per-question options are arguments (``AskOptions``); nothing per call is kept
on the service, which every client of a process shares.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import Protocol

from rag.answer.checking import AnswerChecker, ReplySentences
from rag.answer.conversation import Turn, standalone_question
from rag.answer.copies import Copies
from rag.answer.grounding import abstain, grounded, shown
from rag.answer.prompt import ABSTAIN_TEXT
from rag.answer.stages import Stages
from rag.answer.verify import Verdict
from rag.errors import NewsqaError
from rag.models.chat import ChatModel
from rag.settings import Settings
from rag.timeframes import dated_question
from rag.types import Answer, AskOptions, Passage, Sentence, Timings, Usage

MAX_QUESTION_CHARS = 1000
_WORDS = re.compile(r"[^\W_]")  # a letter or a digit, in any script


class ChatModelSource(Protocol):
    def get(self, name: str | None = None) -> ChatModel: ...


class AnswerService:
    """Runs the answer stages for one question at a time, for any number of callers."""

    def __init__(
        self,
        settings: Settings,
        stages: Stages,
        models: ChatModelSource,
        newest_day: Callable[[], date | None] = lambda: None,
        copies: Copies | None = None,
    ) -> None:
        self.settings = settings
        self.stages = stages
        self.models = models
        self.newest_day = newest_day  # "now" for questions, unless a caller gives --as-of
        self.copies = copies  # names the other articles carrying each cited text

    def ask(
        self,
        question: str,
        history: Sequence[Turn] = (),
        options: AskOptions | None = None,
    ) -> Answer:
        for event in self.stream(question, history, options):
            if isinstance(event, Answer):
                return event
        raise AssertionError("stream() always ends with an Answer")

    def retrieve(self, question: str, options: AskOptions | None = None) -> list[Passage]:
        """Every candidate passage, best first, spread over articles (no model involved)."""
        options = self._dated(options or AskOptions())
        ranked = self.stages.retrieve(question, options)
        return self.stages.select(question, ranked, len(ranked), options)

    def stream(
        self,
        question: str,
        history: Sequence[Turn] = (),
        options: AskOptions | None = None,
    ) -> Iterator[Sentence | Answer]:
        """Yield each sentence of the reply once it is written and checked, then the Answer.

        A sentence its sources do not support is not yielded (unless ``keep_unsupported``,
        then it comes marked). The Answer is what the sentences make, or, when none is
        supported, an abstention with the closest passages.
        """
        options = options or AskOptions()
        model = self.models.get(options.llm_model)  # loading the model is not part of answering
        question = self._check_question(question, model)
        began = time.perf_counter()
        options = self._dated(options)
        rewritten = standalone_question(
            question,
            history,
            model,
            self.settings.history_turns,
            self.settings.prompt_budget,
        )
        standalone = dated_question(rewritten, options.as_of)  # "last year" -> "in 2023"
        retrieved = self.retrieve(standalone, options)
        passages = retrieved[: options.top_k or self.settings.top_k]
        timings = Timings(retrieval=time.perf_counter() - began)
        result = Answer(
            question=question,
            answer=ABSTAIN_TEXT,
            abstained=True,
            timings=timings,
            retrieved=retrieved,
            standalone_question=standalone if standalone != question else None,
        )
        if not passages:
            if not options.filters:
                raise NewsqaError(
                    "No articles are indexed yet: add some with `newsqa ingest PATH`."
                )
            yield _finish(result, began)
            return
        if passages[0].score < self.settings.min_evidence_score:
            yield _finish(abstain(result, passages), began)
            return
        sources = self.stages.evidence(standalone, passages, model)
        checker = self.stages.check(standalone, sources)
        generation = self.stages.generate(standalone, sources, model)
        reply = ReplySentences()
        for piece in generation:
            if timings.first_token is None:
                timings.first_token = time.perf_counter() - began
            yield from self._checked(reply.add(piece), checker, timings, began)
        yield from self._checked(reply.finish(), checker, timings, began)
        yield from self._shown(checker.finish(), timings, began)
        result.usage = generation.usage or Usage()
        result.contexts = [s.text for s in sources]
        result.model_reply = generation.text
        if not checker.verdicts:  # the model said the sources lack the answer
            yield _finish(abstain(result, passages), began)
            return
        by_number = {s.n: s.passage for s in sources}
        keep = self.settings.keep_unsupported
        result = grounded(result, checker.verdicts, by_number, passages, keep, standalone)
        if self.copies is not None:
            self.copies.annotate(result.citations)
        yield _finish(result, began)

    def _checked(
        self, sentences: list[str], checker: AnswerChecker, timings: Timings, began: float
    ) -> Iterator[Sentence]:
        verdicts = (checker.check(sentence) for sentence in sentences)
        yield from self._shown([v for v in verdicts if v is not None], timings, began)

    def _shown(self, verdicts: list[Verdict], timings: Timings, began: float) -> Iterator[Sentence]:
        """The sentences a reader sees: the supported ones (all, with ``keep_unsupported``)."""
        for verdict in verdicts:
            if verdict.supported or self.settings.keep_unsupported:
                if timings.first_sentence is None:
                    timings.first_sentence = time.perf_counter() - began
                yield shown(verdict)

    def _dated(self, options: AskOptions) -> AskOptions:
        """The options with "now" set: the caller's day, or the newest article's."""
        return options if options.as_of else replace(options, as_of=self.newest_day())

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


def _finish(result: Answer, began: float) -> Answer:
    result.timings.total = time.perf_counter() - began
    result.usage = result.usage or Usage()
    return result
