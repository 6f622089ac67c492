"""One answer as it is written: its checked sentences one by one, then the whole Answer.

    stream = service.stream(question)
    for sentence in stream:        # each Sentence once it is checked
        show(sentence)
    answer = stream.answer         # the Answer, once the sentences are done

Asking for ``answer`` first runs the stream to its end.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

from rag.types import Answer, Sentence


class AnswerStream:
    def __init__(self, run: Generator[Sentence, None, Answer], bullets: bool = False) -> None:
        self._run = run
        self.bullets = bullets  # the sentences are points of a list, one a line
        self._answer: Answer | None = None

    def __iter__(self) -> Iterator[Sentence]:
        if self._answer is None:
            self._answer = yield from self._run

    @property
    def answer(self) -> Answer:
        if self._answer is None:
            for _ in self:
                pass
        assert self._answer is not None, "a stream always ends with its Answer"
        return self._answer
