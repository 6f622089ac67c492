"""Restatement: repeating the question with its asked part left out answers nothing."""

from __future__ import annotations

import pytest

from rag.answer.verify import restatement
from tests.unit.verify.helpers import passes


@pytest.mark.parametrize(
    ("asked", "sentence", "restated"),
    [
        ("Whose official said Russia asked?", "The official said Russia asked [1].", True),
        ("Which country's office said so?", "The country's office said so [2].", True),
        ("What city hosted the talks?", "The city hosted the talks on Tuesday [1].", True),
        ("Whose official said Russia asked?", "Romania's official said Russia asked [1].", False),
        ("What city hosted the talks?", "The talks were held in Riyadh [1].", False),
        ("Who said Russia asked?", "The official said Russia asked [1].", False),
    ],
)
def test_a_restated_question_is_told_apart(asked: str, sentence: str, restated: bool) -> None:
    assert passes(restatement, asked, sentence) is not restated
