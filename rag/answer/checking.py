"""Checking a reply while it is written: each sentence is verified once it is complete.

The model's tokens arrive a few at a time. ``ReplySentences`` cuts the reply so
far into sentences and hands on each one as soon as the next has begun (only
then are its citation markers, which follow the full stop, known). The
``AnswerChecker`` verifies it against the sources at once, so a client can show
it, or leave it out, while the model writes the next one.

What the checker decides for a sentence is final: the answer is the checked
sentences in order, plus, for a figure that another report gives differently,
the other report's words (see ``rag.answer.disagreements``), held until the end.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rag.answer.citations import (
    MARKER,
    normalize_markers,
    strip_markers,
    without_copied_header,
    without_source_talk,
)
from rag.answer.disagreements import compare_reports, gives_figure
from rag.answer.grounding import is_abstention
from rag.answer.verify import Verdict, Verifier, split_answer

_WORD = re.compile(r"[^\W_]")
_OPEN_MARKER = re.compile(r"\[[^\]]*$")  # "[1, " of a marker still being written
# a reply's end: a stop, a closing quote or bracket, a citation marker (a straight quote
# after a space opens a quotation)
_ENDED = re.compile(rf"(?:[.!?…”’)]|(?<!\s)[\"']|{MARKER})$")


class ReplySentences:
    """The reply so far, cut into sentences as they complete."""

    def __init__(self) -> None:
        self.text = ""
        self._handed = 0  # sentences already handed on

    def add(self, piece: str) -> list[str]:
        """The sentences ``piece`` completed, in order (often none)."""
        self.text += piece
        sentences = split_answer(normalize_markers(self.text))
        # The last one is complete only at the end; the one before it once the last has
        # a word (a lowercase word or a citation marker would still join it).
        if len(sentences) < 2 or not _begun(sentences[-1]):
            return []
        return self._hand_on(sentences[:-1])

    def finish(self, cut_off: bool = False) -> list[str]:
        """The sentences not handed on yet, now that the reply is complete.

        ``cut_off``: the model stopped at its token limit, so a last sentence that
        has no end ("Councillor Ada Brightwell asked whether the") is left out.
        """
        sentences = self._hand_on(split_answer(normalize_markers(self.text)))
        if cut_off and sentences and not _ENDED.search(self.text.rstrip()):
            sentences.pop()
        return sentences

    def _hand_on(self, complete: list[str]) -> list[str]:
        new = complete[self._handed :]
        self._handed = max(self._handed, len(complete))
        return new


def _begun(sentence: str) -> bool:
    """The sentence has a word of its own, not just (part of) a citation marker."""
    return bool(_WORD.search(_OPEN_MARKER.sub("", strip_markers(sentence))))


class AnswerChecker:
    """Verdicts on a reply's sentences, one at a time, against one question's sources."""

    def __init__(
        self,
        verifier: Verifier,
        repair: bool = True,
        story_of: Mapping[str, str] | None = None,
    ) -> None:
        self.verifier = verifier
        self.repair = repair
        self.story_of = story_of
        self.verdicts: list[Verdict] = []  # every verdict so far, in the answer's order
        self._compared = False  # the sentence giving the asked figure has been compared
        self._held: list[Verdict] = []  # other reports' words, shown after the answer

    def check(self, sentence: str) -> Verdict | None:
        """The verdict on one sentence; None for a sentence saying the sources lack the answer."""
        if is_abstention(sentence):
            return None
        sentence = without_source_talk(without_copied_header(sentence))
        said = strip_markers(sentence).lower()
        if any(strip_markers(v.text).lower() == said for v in self.verdicts):
            return None  # the same sentence again adds nothing
        verdict = self.verifier.check(sentence, self.repair)
        if not verdict.supported and (main := self.verifier.main_clause(sentence)):
            trimmed = self.verifier.check(main, self.repair)  # shown without what it added
            verdict = trimmed if trimmed.supported else verdict
        if (
            not self._compared
            and verdict.supported
            and verdict.citations
            and gives_figure(self.verifier, verdict)
        ):
            self._compared = True
            verdict, *self._held = compare_reports(
                self.verifier, [verdict], self.verifier.sources, self.story_of
            )
        self.verdicts.append(verdict)
        return verdict

    def finish(self) -> list[Verdict]:
        """The verdicts held for the end: other reports' figures, quoted."""
        held, self._held = self._held, []
        self.verdicts.extend(held)
        return held
