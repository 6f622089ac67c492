"""The verifier's thresholds and switches, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CheckConfig:
    # on topic: share of the question's subject terms the supporting window names ...
    min_subject_share: float = 0.34
    # ... or the window's closeness in meaning to the question
    min_question_similarity: float = 0.45
    # the sentence speaks of the question's focus: share of its focus words ...
    min_focus_share: float = 0.34
    # ... or its closeness in meaning to what the question asks about ("about territory")
    min_focus_similarity: float = 0.3
    # ... and it writes the words the question quotes, this like them (out of 100)
    min_quote_likeness: float = 90
    # a sentence's content in its window: share of its content words found there ...
    min_coverage: float = 0.6
    # ... or its closeness in meaning to the window
    min_similarity: float = 0.6
    # descriptive sentences (accounts, briefs): the same, as a reader paraphrases
    min_descriptive_coverage: float = 0.5
    min_descriptive_similarity: float = 0.55
    # relation: share of the claim's words around its value that the source's clause of
    # that value holds (of those the window holds at all)
    min_relation_share: float = 0.5
    # answer kind: closeness in meaning of the noun a number counts to the one "how many"
    # asks about ("victims" for "people")
    min_counted_similarity: float = 0.5
    # checks turned off (by name), for ablation
    disabled: frozenset[str] = field(default_factory=frozenset)

    def without(self, *names: str) -> CheckConfig:
        return CheckConfig(**{**self.__dict__, "disabled": self.disabled | set(names)})
