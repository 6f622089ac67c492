"""Respectively: items a source pairs "respectively" stay paired."""

from __future__ import annotations

import pytest

import rag.answer.verify.respectively as respectively
from tests.unit.verify.helpers import passes

RIGHTS = (
    "Fox and Telemundo won the English and Spanish television rights to the tournament, "
    "respectively."
)
SEMIS = "Semi-final matches will be played in Dallas and Atlanta on July 14 and 15 respectively."


@pytest.mark.parametrize(
    ("asked", "answer", "text", "kept"),
    [
        (
            "Which network won the Spanish-language rights?",
            "Fox won the Spanish-language television rights [1].",
            RIGHTS,
            False,
        ),
        (
            "Which network won the Spanish-language rights?",
            "Telemundo won the Spanish-language television rights [1].",
            RIGHTS,
            True,
        ),
        ("Who won television rights?", "Fox won television rights [1].", RIGHTS, True),
        (
            "When is the semi-final in Atlanta?",
            "The semi-final in Atlanta will be played on July 14 [1].",
            SEMIS,
            False,
        ),
        (
            "When is the semi-final in Atlanta?",
            "The semi-final in Atlanta will be played on July 15 [1].",
            SEMIS,
            True,
        ),
        # without "respectively" the lists are not paired
        (
            "Which network won the Spanish-language rights?",
            "Fox won the Spanish-language television rights [1].",
            "Fox and Telemundo won the English and Spanish television rights.",
            True,
        ),
    ],
)
def test_items_paired_respectively_stay_paired(
    asked: str, answer: str, text: str, kept: bool
) -> None:
    assert passes(respectively, asked, answer, text) is kept
