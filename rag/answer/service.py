"""The answer service: question in, verified and cited answer out, for every client.

question -> (follow-up rewrite) -> the Question, analysed once -> the stages of
``rag.answer.stages`` -> an Answer, or an abstention with the closest passages as "related"

Per-question options are arguments (``AskOptions``); nothing per call is kept
on the service, which every client of a process shares.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, Protocol

from rag.answer.checking import AnswerChecker, ReplySentences
from rag.answer.conversation import Turn, standalone_question
from rag.answer.copies import Copies
from rag.answer.grounding import abstention, grounded, shown
from rag.answer.prompt import echoes_example
from rag.answer.question import Question, analyse_question
from rag.answer.stages import Stages, bearing_on, passages_for
from rag.answer.stream import AnswerStream
from rag.answer.verify import Verdict
from rag.errors import NewsqaError
from rag.language.parser import Parser
from rag.models.chat import ChatModel
from rag.question_time import dated_question
from rag.settings import Settings
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
        parser: Callable[[], Parser],
        newest_day: Callable[[], date | None] = lambda: None,
        copies: Copies | None = None,
    ) -> None:
        self.settings = settings
        self.stages = stages
        self.models = models
        self.parser = parser
        self.newest_day = newest_day  # "now" for questions, unless a caller gives --as-of
        self.copies = copies  # names the other articles carrying each cited text

    def ask(
        self,
        question: str,
        history: Sequence[Turn] = (),
        options: AskOptions | None = None,
    ) -> Answer:
        return self.stream(question, history, options).answer

    def analyse(self, question: str, options: AskOptions | None = None) -> Question:
        """The question read once for every stage, its relative dates made explicit."""
        options = self._dated(options or AskOptions())
        standalone = dated_question(question, options.as_of)  # "last year" -> "in 2023"
        return analyse_question(standalone, self.parser(), options.as_of)

    def retrieve(
        self, question: str | Question, options: AskOptions | None = None
    ) -> list[Passage]:
        """Every candidate passage, best first, spread over articles (no model involved)."""
        options = self._dated(options or AskOptions())
        asked = question if isinstance(question, Question) else self.analyse(question, options)
        ranked = self.stages.retrieve(asked, options)
        return self.stages.select(asked, ranked, len(ranked), options)

    def stream(
        self,
        question: str,
        history: Sequence[Turn] = (),
        options: AskOptions | None = None,
    ) -> AnswerStream:
        """The reply's sentences, each once it is written and checked, then the Answer.

        A question newsqa refuses, or a collection with nothing in it, raises here,
        before anything is streamed. A sentence its sources do not support is not
        yielded (unless ``keep_unsupported``, then it comes marked). The Answer is what
        the sentences make, or, when none is supported, an abstention with the
        closest passages.
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
            self.parser(),
            self.settings.history_turns,
            self.settings.prompt_budget,
        )
        asked = self.analyse(rewritten, options)
        retrieved = self.retrieve(asked, options)
        relevant = bearing_on(asked, retrieved)
        passages = relevant[: passages_for(asked, options.top_k or self.settings.top_k)]
        if not passages and not options.filters:
            raise NewsqaError("No articles are indexed yet: add some with `newsqa ingest PATH`.")
        timings = Timings(retrieval=time.perf_counter() - began)
        common = {
            "question": question,
            "kind": asked.kind.value,
            "bullets": asked.plan.bullets,
            "timings": timings,
            "retrieved": retrieved,
            "standalone_question": asked.text if asked.text != question else None,
        }
        run = self._write(asked, passages, model, common, began)
        return AnswerStream(run, bullets=asked.plan.bullets)

    def _write(
        self,
        asked: Question,
        passages: list[Passage],
        model: ChatModel,
        common: dict[str, Any],
        began: float,
    ) -> Generator[Sentence, None, Answer]:
        timings: Timings = common["timings"]
        gated = asked.plan.gated and passages
        if not passages or (gated and passages[0].score < self.settings.min_evidence_score):
            return _finish(Answer(**common, **abstention(passages)), began)
        sources = self.stages.evidence(asked, passages, model)
        started = time.perf_counter()
        checker = self.stages.check(asked, sources)
        timings.checking += time.perf_counter() - started
        generation = self.stages.generate(asked, sources, model)
        reply = ReplySentences()
        for piece in generation:
            if timings.first_token is None:
                timings.first_token = time.perf_counter() - began
            yield from self._checked(reply.add(piece), checker, timings, began)
        cut_off = generation.usage is not None and (
            generation.usage.completion_tokens >= self.settings.llm_max_tokens
        )
        yield from self._checked(reply.finish(cut_off), checker, timings, began)
        started = time.perf_counter()
        held = checker.finish()
        timings.checking += time.perf_counter() - started
        yield from self._shown(held, timings, began)
        written = {
            "usage": generation.usage or Usage(),
            "contexts": [s.text for s in sources],
            "model_reply": generation.text,
            "reply_odds": generation.odds,
        }
        if not checker.verdicts:  # the model said the sources lack the answer
            return _finish(Answer(**common, **written, **abstention(passages)), began)
        if _lost(asked, checker.verdicts):  # asked again as a short fact, same passages
            fact = asked.as_fact()
            again = {**common, "kind": fact.kind.value, "bullets": fact.plan.bullets}
            answer = yield from self._write(fact, passages, model, again, began)
            answer.usage = _sum(answer.usage, written["usage"])
            return answer
        by_number = {s.n: s.passage for s in sources}
        keep = self.settings.keep_unsupported
        decided = grounded(checker.verdicts, by_number, passages, keep, asked)
        answer = Answer(**common, **written, **decided)
        if self.copies is not None:
            self.copies.annotate(answer.citations)
        return _finish(answer, began)

    def _checked(
        self, sentences: list[str], checker: AnswerChecker, timings: Timings, began: float
    ) -> Iterator[Sentence]:
        started = time.perf_counter()
        verdicts = [v for sentence in sentences if (v := checker.check(sentence)) is not None]
        timings.checking += time.perf_counter() - started
        yield from self._shown(verdicts, timings, began)

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


def _lost(asked: Question, verdicts: list[Verdict]) -> bool:
    """An open answer that only copied the instructions' example: nothing answered it."""
    return (
        not asked.is_fact
        and not any(v.supported for v in verdicts)
        and any(echoes_example(v.text) for v in verdicts)
    )


def _sum(one: Usage, other: Usage) -> Usage:
    return Usage(
        prompt_tokens=one.prompt_tokens + other.prompt_tokens,
        completion_tokens=one.completion_tokens + other.completion_tokens,
    )


def clean_question(text: str) -> str:
    """Control and formatting characters removed, runs of white space made one space."""
    kept = (c if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co") else " " for c in text)
    return " ".join("".join(kept).split())


def _finish(answer: Answer, began: float) -> Answer:
    answer.timings.total = time.perf_counter() - began
    return answer
