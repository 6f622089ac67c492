"""Act elsewhere: a cited source that never tells the asked act does not support its actor
when another source tells the act of someone else."""

from __future__ import annotations

from rag.answer.verify import CheckConfig, act_elsewhere
from rag.answer.verify.reasons import Reason
from tests.unit.verify.helpers import source, verifier

LED_BY = (  # source [1]: who led, in a participle
    "Even before talks concluded, the Russian Foreign Ministry conveyed the message that "
    "negotiators led by Foreign Minister Sergei Lavrov delivered to the US delegation."
)
SPOKE = (  # source [2]: the delegation, and a negotiator who spoke, but no one who led
    "In remarks after concluding their talks, the Russian delegation said the conversations "
    'were "positive". Russian negotiator Kirill Dmitriev told CNN that the talks were '
    '"positive". This will lead to catastrophic consequences for all of Europe.'
)
ASKED = "Who led the Russian delegation?"


def _verdict(answer: str, asked: str = ASKED, config: CheckConfig | None = None):
    checker = verifier(asked, source(LED_BY, 1), source(SPOKE, 2), config=config)
    return checker.check(answer, repair=False)


def test_the_actor_of_an_act_its_source_never_tells_is_not_supported() -> None:
    verdict = _verdict("Kirill Dmitriev led the Russian delegation [2].")
    assert not verdict.supported and verdict.reason is Reason.OTHER_ACTOR


def test_the_check_alone_decides_it() -> None:
    off = CheckConfig(disabled=frozenset({act_elsewhere.NAME}))
    assert _verdict("Kirill Dmitriev led the Russian delegation [2].", config=off).supported


def test_the_actor_the_other_source_names_is_supported_where_it_is_told() -> None:
    assert _verdict("Sergei Lavrov led the Russian delegation [1].").supported
    assert _verdict("The Russian delegation was led by Sergei Lavrov [1].").supported


def test_only_the_act_the_question_asks_about_is_judged() -> None:
    asked = "What did Kirill Dmitriev tell CNN?"
    assert _verdict('Kirill Dmitriev told CNN that the talks were "positive" [2].', asked).supported


def test_a_source_that_tells_the_act_is_left_to_the_actor_check() -> None:
    told = "Kirill Dmitriev led the Russian delegation at the talks."
    checker = verifier(ASKED, source(LED_BY, 1), source(told, 2))
    assert checker.check("Kirill Dmitriev led the Russian delegation [2].", repair=False).supported


PODIUM = (
    "After 21 frantic stages, Tadej Pogacar stood atop the Paris podium as the 2021 Tour de "
    "France champion."
)


def _tour(other: str) -> bool:
    checker = verifier("Who won the 2021 Tour de France?", source(PODIUM, 1), source(other, 2))
    return checker.check("Tadej Pogacar won the 2021 Tour de France [1].", repair=False).supported


def test_the_act_told_of_another_occasion_or_of_a_part_of_it_is_no_objection() -> None:
    assert _tour("Jonas Vingegaard won the 2022 Tour de France.")
    assert _tour(
        "Wout van Aert sprinted in Paris to win the final stage of the 2021 Tour de France."
    )
    assert not _tour("Jonas Vingegaard won the 2021 Tour de France.")


def test_another_source_that_tells_the_act_of_the_claimed_actor_too_is_no_objection() -> None:
    both = "Won by Slovenia's Tadej Pogacar, the 2021 Tour de France is in the books."
    checker = verifier(
        "Who won the 2021 Tour de France?",
        source(PODIUM, 1),
        source("Jonas Vingegaard won the 2021 Tour de France.", 2),
        source(both, 3),
    )
    assert checker.check("Tadej Pogacar won the 2021 Tour de France [1].", repair=False).supported
