"""Follow-up questions rewritten to stand alone, and rewrites that would change the question."""

from __future__ import annotations

import pytest

from rag.answer.conversation import Turn, is_faithful_rewrite, standalone_question
from tests.fakes import ScriptedChatModel
from tests.unit.verify.helpers import parser

HISTORY = [
    Turn(
        "Which treaty was signed in 2019?",
        "The Treaty of Aachen was signed in 2019 [1].",
    )
]
SAID = "Q: Which treaty was signed in 2019? A: The Treaty of Aachen was signed in 2019."


@pytest.mark.parametrize(
    ("question", "rewrite", "kept"),
    [
        ("Where was it signed?", "Where was the Treaty of Aachen signed?", True),
        ("Where was it signed?", "The Treaty of Aachen was signed in Aachen.", False),
        ("Where was it signed?", "When was the Treaty of Aachen signed?", False),
        (
            "Where was it signed?",
            "Where was the Treaty of Aachen signed by Macron?",
            False,
        ),
        ("And in 2020?", "Which treaty was signed in 2020?", True),
        ("Who signed it?", "Who signed the Treaty of Aachen in 2021?", False),
    ],
)
def test_a_rewrite_must_stay_the_users_question(question: str, rewrite: str, kept: bool) -> None:
    assert is_faithful_rewrite(rewrite, question, SAID, parser()) is kept


def test_a_rewrite_into_an_answer_is_not_asked() -> None:
    model = ScriptedChatModel("The Treaty of Aachen was signed in Aachen.")
    asked = standalone_question("Where was it signed?", HISTORY, model, parser(), 3, 600)
    assert asked == "Where was it signed?"
    model = ScriptedChatModel("Where was the Treaty of Aachen signed?")
    asked = standalone_question("Where was it signed?", HISTORY, model, parser(), 3, 600)
    assert asked == "Where was the Treaty of Aachen signed?"


def test_a_new_topic_is_not_rewritten() -> None:
    model = ScriptedChatModel()
    question = "Who won the 2022 football World Cup final?"
    assert standalone_question(question, HISTORY, model, parser(), 3, 600) == question
    assert model.received == []


def test_a_refused_rewrite_still_names_the_person_a_pronoun_stands_for() -> None:
    history = [Turn("Who is Sergey Ryabkov?", "Sergey Ryabkov is a deputy foreign minister [2].")]
    model = ScriptedChatModel("Who did Sergey Ryabkov tell Russian state media?")  # wh-word swapped
    asked = standalone_question(
        "What did he tell Russian state media?", history, model, parser(), 3, 600
    )
    assert asked == "What did Sergey Ryabkov tell Russian state media?"
    model = ScriptedChatModel("They agreed to meet again.")
    asked = standalone_question("What did they agree?", history, model, parser(), 3, 600)
    assert asked == "What did they agree?", "no person pronoun: asked as it is"


def test_the_fallback_names_only_a_person_or_an_organisation() -> None:
    history = [
        Turn(
            "Which Romanian official said the US refused?",
            "Which Romanian official Cristian Diaconescu said the US refused this time [1].",
        )
    ]
    model = ScriptedChatModel("He said the US refused.")  # an answer, not a question: refused
    asked = standalone_question("What did he say the US did?", history, model, parser(), 3, 600)
    assert "Which Romanian" not in asked
    assert asked == "What did Cristian Diaconescu say the US did?"
