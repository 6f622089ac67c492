"""The verifier: each answer sentence through named checks, against the sources it cites.

    claim checks   fragment, restatement, answer kind, option picked
    window checks  facts present, on topic, same period, relation, compared, rank, counted, subject,
                   respectively, companion, paired item, actor, act elsewhere,
                   role, outcome, negation

A sentence is supported by a source when one window of it (a sentence, or two
in a row) passes every window check; the claim checks must pass first. A
sentence that its cited sources do not support, but another source does, is
cited to that one instead (a repaired citation). The question, the claim and
the windows are each analysed once; the checks only read them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import rag.answer.verify.act_elsewhere as act_elsewhere
import rag.answer.verify.actor as actor
import rag.answer.verify.answer_kind as answer_kind
import rag.answer.verify.companions as companions
import rag.answer.verify.compared as compared
import rag.answer.verify.counted as counted
import rag.answer.verify.facts_present as facts_present
import rag.answer.verify.fragment as fragment
import rag.answer.verify.negation as negation
import rag.answer.verify.on_topic as on_topic
import rag.answer.verify.option_picked as option_picked
import rag.answer.verify.outcome as outcome
import rag.answer.verify.paired_items as paired_items
import rag.answer.verify.rank as rank
import rag.answer.verify.relation as relation
import rag.answer.verify.respectively as respectively
import rag.answer.verify.restatement as restatement
import rag.answer.verify.role as role
import rag.answer.verify.same_period as same_period
import rag.answer.verify.subject as subject
from rag.answer.citations import cited_numbers
from rag.answer.evidence import Source
from rag.answer.prompt import source_header
from rag.answer.question import Question, QuestionKind
from rag.answer.question.plan import CheckMode
from rag.answer.verify.claim import Claim, Context, as_statement, parts_of, read_claim
from rag.answer.verify.clauses import acts_of_its_actor
from rag.answer.verify.config import CheckConfig
from rag.answer.verify.reasons import Reason
from rag.answer.verify.relevance import Relevance
from rag.answer.verify.sentences import split_answer
from rag.answer.verify.windows import Window, windows_of
from rag.language.parser import Parser
from rag.models.embedding import Embedder

ClaimCheck = Callable[[Claim, Context], Reason | None]
WindowCheck = Callable[[Claim, Window, Context], Reason | None]
CLAIM_CHECKS: tuple[tuple[str, ClaimCheck], ...] = tuple(
    (module.NAME, module.check) for module in (fragment, restatement, answer_kind, option_picked)
)
WINDOW_CHECKS: tuple[tuple[str, WindowCheck], ...] = tuple(
    (module.NAME, module.check)
    for module in (
        facts_present,
        on_topic,
        same_period,
        relation,
        compared,
        rank,
        counted,
        subject,
        respectively,
        companions,
        paired_items,
        actor,
        act_elsewhere,
        role,
        outcome,
        negation,
    )
)
CHECK_NAMES = tuple(name for name, _ in CLAIM_CHECKS + WINDOW_CHECKS)


@dataclass
class Verdict:
    text: str  # the sentence as the model wrote it, citation markers included
    citations: list[int]  # source numbers after verification (possibly repaired)
    supported: bool
    support: dict[int, tuple[int, int]] = field(default_factory=dict)  # n -> article offsets
    repaired: bool = False  # the citation was added or changed because the model's was wrong
    reason: Reason | None = None  # why it is unsupported
    differs: tuple[tuple[str, int], ...] = ()  # (claim, source number): reports that disagree


def _has_verb(claim: Claim) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in claim.doc)


class Verifier:
    """Checks the sentences of one answer against the numbered sources of its question."""

    def __init__(
        self,
        question: Question,
        sources: Sequence[Source],
        parser: Parser,
        embedder: Embedder,
        mode: CheckMode = CheckMode.FACT,
        config: CheckConfig | None = None,
    ) -> None:
        self.question = question
        self.sources = list(sources)
        self.parser = parser
        self.embedder = embedder
        self.config = config or CheckConfig()
        self.relevance = Relevance(question, embedder, self.config)
        self._windows: dict[int, list[Window]] = {}
        evidence = " ".join(f"{source_header(s.passage)}{s.text}" for s in self.sources)
        titles = tuple(
            s.passage.title for s in self.sources if s.passage.title in source_header(s.passage)
        )
        self.context = Context(
            question,
            mode,
            self.config,
            self.relevance.similar,
            self.relevance.terms,
            evidence,
            self.windows,
            titles,
            tuple(self.sources),
        )

    def verify(self, answer: str, repair: bool = True) -> list[Verdict]:
        return [self.check(sentence, repair) for sentence in split_answer(answer)]

    def claim(self, sentence: str) -> Claim:
        return read_claim(sentence, self.context, self.parser)

    def check(self, sentence: str, repair: bool = True) -> Verdict:
        """One sentence of the answer against the sources it cites."""
        by_number = {s.n: s for s in self.sources}
        claim = self.claim(sentence)
        if self.question.kind is QuestionKind.LIST and not _has_verb(claim):
            stated = as_statement(claim.plain, self.question)  # "Rubio" -> "Rubio took part"
            claim = self.claim(stated) if stated else claim
        cited = [n for n in cited_numbers(sentence) if n in by_number]
        problem = self._claim_problem(claim)
        if problem is not None:
            return Verdict(sentence, cited, False, reason=problem)
        support, reason = self._supported_by(claim, [by_number[n] for n in cited])
        if not support and self.context.mode is CheckMode.DESCRIPTIVE and cited:
            support = self._parts_supported(claim, [by_number[n] for n in cited])
        if not support and repair:
            # Uncited, or cited to the wrong source: cite the source that does support it.
            support, closest = self._closest_support(claim)
            if support:
                return Verdict(sentence, list(support), True, support, repaired=True)
            if not cited:  # why no source supports it, rather than that none was cited
                reason = closest
        if support and set(support) != set(cited):
            # cited to more sources than support it: it is shown citing those that do
            return Verdict(sentence, list(support), True, support, repaired=True)
        return Verdict(sentence, cited, bool(support), support, reason=reason)

    def main_clause(self, sentence: str) -> str | None:
        """The sentence without what a participle or a second verb adds to its actor's act
        ("Marwick won the race in 1:04:10, breaking the women's record [2]." gives "Marwick
        won the race in 1:04:10 [2]."); None when it adds nothing of the kind."""
        doc = self.claim(sentence).doc
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        added = acts_of_its_actor(root) if root is not None else []
        if not added:
            return None
        dropped = {t.i for verb in added for t in verb.subtree}
        for verb in added:  # the comma or "and" that joined it
            before = doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
            if before is not None and (before.is_punct or before.dep_ == "cc"):
                dropped.add(before.i)
        kept = "".join(t.text_with_ws for t in doc if t.i not in dropped).strip(" ,;.")
        markers = "".join(f" [{n}]" for n in cited_numbers(sentence))
        return f"{kept}{markers}." if kept else None

    def _closest_support(self, claim: Claim) -> tuple[dict[int, tuple[int, int]], Reason | None]:
        """Of the sources that support the claim, the one whose supporting window says most
        nearly what the claim says: the report it was copied from, not the first that
        names the same people; else the reason of the window that came closest."""
        windows, reason = self._supporting_windows(claim, self.sources)
        if not windows:
            return {}, reason
        best = max(windows, key=lambda n: self.relevance.similar(claim.plain, windows[n].text))
        return {best: windows[best].span}, None

    def _parts_supported(
        self, claim: Claim, sources: Sequence[Source]
    ) -> dict[int, tuple[int, int]]:
        """Support for each clause of a sentence that joins several, each from its own
        window of the cited sources; empty unless every clause has some."""
        parts = parts_of(claim)
        if len(parts) < 2:
            return {}
        support: dict[int, tuple[int, int]] = {}
        for part in parts:
            found, _ = self._supported_by(self.claim(part), sources, first_only=True)
            if not found:
                return {}
            for n, span in found.items():
                support.setdefault(n, span)
        return support

    def _claim_problem(self, claim: Claim) -> Reason | None:
        for name, check in CLAIM_CHECKS:
            if name not in self.config.disabled and (reason := check(claim, self.context)):
                return reason
        return None

    def _supported_by(
        self, claim: Claim, sources: Sequence[Source], first_only: bool = False
    ) -> tuple[dict[int, tuple[int, int]], Reason | None]:
        """Source number -> supporting span, for each source that supports the claim; else
        the reason of the window that came closest."""
        windows, reason = self._supporting_windows(claim, sources, first_only)
        return {n: window.span for n, window in windows.items()}, reason

    def _supporting_windows(
        self, claim: Claim, sources: Sequence[Source], first_only: bool = False
    ) -> tuple[dict[int, Window], Reason | None]:
        """Source number -> the window of it that supports the claim and bears most on the
        question; else the reason of the window that came closest."""
        support: dict[int, Window] = {}
        furthest, reason = -1, Reason.NO_SOURCE if not sources else None
        for source in sources:
            passed: list[Window] = []
            for window in self.windows(source):
                failed_at, why = self._first_failure(claim, window)
                if why is None:
                    passed.append(window)
                elif failed_at > furthest:
                    furthest, reason = failed_at, why
            if passed:
                support[source.n] = max(passed, key=lambda w: self.relevance.score(w.text))
                if first_only:
                    break
        return support, (None if support else reason)

    def _first_failure(self, claim: Claim, window: Window) -> tuple[int, Reason | None]:
        for position, (name, check) in enumerate(WINDOW_CHECKS):
            if name in self.config.disabled:
                continue
            reason = check(claim, window, self.context)
            if reason is not None:
                return position, reason
        return len(WINDOW_CHECKS), None

    def windows(self, source: Source) -> list[Window]:
        if source.n not in self._windows:
            self._windows[source.n] = windows_of(source, self.parser)
        return self._windows[source.n]
