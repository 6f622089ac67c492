"""Nugget scores of answers to open questions."""

from __future__ import annotations

from eval.nuggets import Nugget, found, nugget_scores, open_metrics, score_open, wrong_statements

LAVROV = Nugget(text="Lavrov said the sides listened", any=["listened to each other"])
USEFUL = Nugget.model_validate(
    {"text": "useful talks", "vital": False, "any": ["useful"], "and": ["Lavrov"]}
)


def test_a_nugget_is_found_by_one_of_its_strings_on_word_boundaries() -> None:
    assert found("Lavrov said the sides listened to each other [1].", LAVROV)
    assert not found("The sides never listened [1].", LAVROV)
    assert found("Lavrov called the talks useful [2].", USEFUL)
    assert not found("Rubio called the talks useful [2].", USEFUL), "its 'and' string is missing"


def test_recall_counts_all_and_vital_nuggets() -> None:
    scores = nugget_scores("Lavrov said they listened to each other.", [LAVROV, USEFUL])
    assert scores == {"nugget_recall": 0.5, "vital_recall": 1.0}


def test_wrong_strings_and_abstentions() -> None:
    assert wrong_statements("Russia wants NATO membership for Kyiv [1].", ["Russia wants"]) == 1
    row = {
        "failed": False,
        "abstained": True,
        "response": "The articles do not contain the answer.",
        "nuggets": [LAVROV.model_dump(by_alias=True)],
        "wrong": [],
        "answerable": True,
        "expected_kind": "account",
        "kind": "account",
    }
    scores = score_open(row)
    assert scores["nugget_recall"] == 0.0 and scores["kind_right"] and scores["sentences"] == 0
    answered = row | {
        "abstained": False,
        "response": "- Lavrov listened to each other [1].\n- X [2].",
    }
    summary = open_metrics([row, answered])
    assert summary["answered"] == 0.5 and summary["nugget_recall"] == 0.5
    assert summary["sentences_per_answer"] == 2.0 and summary["kind_accuracy"] == 1.0
