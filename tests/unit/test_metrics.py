"""Unit tests for eval.metrics on small hand-computed cases."""

from __future__ import annotations

import numpy as np
import pytest

from eval.metrics import (
    AbstentionRow,
    abstention_rates,
    citation_doc_hit,
    cited_passage_precision,
    contains_answer,
    exact_match,
    mean,
    normalize_answer,
    percentile,
    recall_at_k,
    reciprocal_rank,
    summarize,
    token_f1,
)

# --- normalize_answer -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The  Cat, sat!", "cat sat"),
        ("An apple a day", "apple day"),
        ("\u201cQuoted\u201d \u2018text\u2019", "quoted text"),
        ("1990\u20131995", "19901995"),
        ("theory of the anthem", "theory of anthem"),
        ("", ""),
        ("  ...  ", ""),
    ],
)
def test_normalize_answer(raw: str, expected: str) -> None:
    assert normalize_answer(raw) == expected


def test_normalize_unicode_matches_ascii() -> None:
    assert normalize_answer("O\u2019Brien \u2014 MP") == normalize_answer("O'Brien - MP")


# --- retrieval ---------------------------------------------------------------


def test_recall_at_k_dedupes_passages_of_same_doc() -> None:
    retrieved = ["d1", "d1", "d1", "d2", "d3"]
    assert recall_at_k(retrieved, ["d2"], 1) == 0.0
    assert recall_at_k(retrieved, ["d2"], 2) == 1.0
    assert recall_at_k(retrieved, ["d3"], 2) == 0.0
    assert recall_at_k(retrieved, ["d3"], 3) == 1.0


def test_recall_at_k_any_gold_counts() -> None:
    assert recall_at_k(["a", "b"], ["z", "a"], 1) == 1.0


def test_recall_at_k_edge_cases() -> None:
    assert recall_at_k(["a"], [], 5) is None
    assert recall_at_k([], ["a"], 5) == 0.0
    assert recall_at_k(["a"], ["a"], 0) == 0.0


def test_reciprocal_rank() -> None:
    assert reciprocal_rank(["a", "a", "b", "c"], ["c"]) == pytest.approx(1 / 3)
    assert reciprocal_rank(["a", "b"], ["a", "b"]) == 1.0
    assert reciprocal_rank(["a", "b"], ["x"]) == 0.0
    assert reciprocal_rank(["a", "b", "c"], ["c"], k=2) == 0.0
    assert reciprocal_rank([], ["x"]) == 0.0
    assert reciprocal_rank(["a"], []) is None


# --- answer scoring ------------------------------------------------------------


def test_contains_answer() -> None:
    assert contains_answer("It was the Eiffel Tower, in Paris.", ["eiffel tower"])
    assert contains_answer("In 1990.", ["nope", "1990"])
    assert not contains_answer("There were 100 people.", ["10"])
    assert not contains_answer("", ["Paris"])
    assert not contains_answer("Paris", [])
    assert not contains_answer("Paris", ["", "the"])


def test_exact_match() -> None:
    assert exact_match("The Eiffel Tower!", ["eiffel tower"]) == 1.0
    assert exact_match("Eiffel", ["eiffel tower", "Eiffel"]) == 1.0
    assert exact_match("Eiffel Tower in Paris", ["eiffel tower"]) == 0.0
    assert exact_match("", ["x"]) == 0.0
    assert exact_match("x", []) == 0.0
    assert exact_match("the", ["a"]) == 0.0


def test_token_f1_hand_computed() -> None:
    # pred tokens: eiffel tower paris (3); gold: eiffel tower (2); overlap 2
    # precision 2/3, recall 1 -> f1 = 0.8
    assert token_f1("the Eiffel Tower, Paris", ["Eiffel Tower"]) == pytest.approx(0.8)
    assert token_f1("paris", ["london", "paris"]) == 1.0
    assert token_f1("london", ["paris"]) == 0.0


def test_token_f1_counts_repeated_tokens_once_each() -> None:
    # pred tokens: big big cat (3); gold: big cat (2); clipped overlap 2
    # precision 2/3, recall 1 -> 0.8
    assert token_f1("big big cat", ["big cat"]) == pytest.approx(0.8)


def test_token_f1_empty() -> None:
    assert token_f1("", ["x"]) == 0.0
    assert token_f1("x", []) == 0.0
    assert token_f1("x", [""]) == 0.0


# --- aggregation helpers -------------------------------------------------------


def test_mean() -> None:
    assert mean([1.0, None, 0.0, 0.5]) == pytest.approx(0.5)
    assert mean([]) is None
    assert mean([None, None]) is None
    assert mean(x for x in [2.0, 4.0]) == 3.0


@pytest.mark.parametrize("p", [0, 5, 25, 50, 90, 95, 99, 100])
def test_percentile_matches_numpy(p: float) -> None:
    values = [0.3, 1.2, 0.1, 5.0, 2.2, 0.9, 0.9]
    assert percentile(values, p) == pytest.approx(float(np.percentile(values, p)))


def test_percentile_edge_cases() -> None:
    assert percentile([], 50) is None
    assert percentile([7.0], 95) == 7.0
    assert percentile([1.0, 2.0], 50) == 1.5
    assert percentile([1.0, 2.0, 3.0, 4.0], 95) == pytest.approx(3.85)


def test_abstention_rates() -> None:
    rows = [
        AbstentionRow(answerable=False, abstained=True),
        AbstentionRow(answerable=False, abstained=False),
        AbstentionRow(answerable=False, abstained=True),
        AbstentionRow(answerable=True, abstained=True),
        AbstentionRow(answerable=True, abstained=False),
        AbstentionRow(answerable=True, abstained=False),
        AbstentionRow(answerable=True, abstained=False),
    ]
    rates = abstention_rates(rows)
    assert rates["abstained_on_unanswerable"] == pytest.approx(2 / 3)
    assert rates["wrongly_abstained_on_answerable"] == pytest.approx(1 / 4)


def test_abstention_rates_missing_groups() -> None:
    only_answerable = abstention_rates([AbstentionRow(True, True)])
    assert only_answerable == {
        "abstained_on_unanswerable": None,
        "wrongly_abstained_on_answerable": 1.0,
    }
    assert abstention_rates([]) == {
        "abstained_on_unanswerable": None,
        "wrongly_abstained_on_answerable": None,
    }


def test_abstention_row_is_frozen() -> None:
    row = AbstentionRow(True, False)
    with pytest.raises(AttributeError):
        row.abstained = True  # type: ignore[misc]


def test_citation_doc_hit() -> None:
    assert citation_doc_hit(True, ["a", "b"], ["b"]) is True
    assert citation_doc_hit(True, ["a"], ["b"]) is False
    assert citation_doc_hit(True, [], ["b"]) is False
    assert citation_doc_hit(False, ["b"], ["b"]) is None
    assert citation_doc_hit(True, ["b"], []) is None


def test_cited_passage_precision() -> None:
    texts = ["The tower opened in 1889.", "Paris is big.", "Built for the 1889 fair."]
    assert cited_passage_precision(texts, ["1889"]) == pytest.approx(2 / 3)
    assert cited_passage_precision(texts, ["1999"]) == 0.0
    assert cited_passage_precision([], ["1889"]) is None
    assert cited_passage_precision(texts, []) is None
    assert cited_passage_precision(texts, [""]) is None


# --- summarize -------------------------------------------------------------------


def _row(**overrides: object) -> dict:
    row: dict = {
        "answerable": True,
        "abstained": False,
        "failed": False,
        "retrieved_doc_ids": [],
        "gold_doc_ids": [],
        "answers": [],
        "response": "",
        "cited_doc_ids": [],
        "cited_texts": [],
        "timings": {},
        "usage": {},
        "scored_answers": True,
    }
    row.update(overrides)
    return row


def _run() -> list[dict]:
    return [
        # correct, gold doc at rank 2 (after dedupe), cites gold, 1 of 2 citations hit
        _row(
            retrieved_doc_ids=["d9", "d9", "d1"],
            gold_doc_ids=["d1"],
            answers=["Paris"],
            response="It is Paris.",
            cited_doc_ids=["d1"],
            cited_texts=["Paris is the capital.", "Unrelated."],
            timings={"retrieval": 0.1, "first_token": 0.5, "total": 1.0},
            usage={"prompt_tokens": 100, "completion_tokens": 10},
        ),
        # wrong answer, gold doc at rank 1, cites nothing
        _row(
            retrieved_doc_ids=["d2"],
            gold_doc_ids=["d2"],
            answers=["1889"],
            response="1890",
            timings={"retrieval": 0.3, "first_token": 0.7, "total": 3.0},
            usage={"prompt_tokens": 200, "completion_tokens": 30},
        ),
        # answerable but abstained: wrong, and a wrong abstention
        _row(
            retrieved_doc_ids=["d5"],
            gold_doc_ids=["d3"],
            answers=["blue"],
            abstained=True,
            timings={"retrieval": 0.2},
        ),
        # failed: counts as wrong for accuracy, excluded from EM/F1
        _row(gold_doc_ids=["d4"], answers=["x"], failed=True),
        # unanswerable, correctly abstained, no gold docs
        _row(answerable=False, abstained=True),
    ]


def test_summarize_full_run() -> None:
    s = summarize(_run())
    assert s["questions"] == 5
    assert s["failed"] == 1
    # rows with gold: 4; hits at k=1: row2 only; at k>=2: rows 1 and 2
    assert s["recall@1"] == pytest.approx(1 / 4)
    assert s["recall@3"] == pytest.approx(2 / 4)
    assert s["recall@10"] == pytest.approx(2 / 4)
    assert s["mrr@10"] == pytest.approx((0.5 + 1.0 + 0 + 0) / 4)
    # answerable: 4 rows, 1 correct (failed counts as wrong)
    assert s["accuracy"] == pytest.approx(1 / 4)
    # EM/F1 over 3 non-failed answerable rows: EM all 0; F1 row1: pred "it is paris"
    # vs "paris" -> p=1/3, r=1 -> 0.5
    assert s["exact_match"] == 0.0
    assert s["f1"] == pytest.approx(0.5 / 3)
    assert s["abstained_on_unanswerable"] == 1.0
    assert s["wrongly_abstained_on_answerable"] == pytest.approx(1 / 3)
    assert s["citation_gold_doc_rate"] == 1.0
    assert s["cited_passage_precision"] == pytest.approx(0.5)
    assert s["retrieval_p50"] == pytest.approx(0.2)
    assert s["retrieval_p95"] == pytest.approx(float(np.percentile([0.1, 0.2, 0.3], 95)))
    assert s["first_token_p50"] == pytest.approx(0.6)
    assert s["total_p95"] == pytest.approx(float(np.percentile([1.0, 3.0], 95)))
    assert s["prompt_tokens_mean"] == 150.0
    assert s["completion_tokens_mean"] == 20.0


def test_summarize_retrieval_only_omits_answer_metrics() -> None:
    rows = [
        _row(retrieved_doc_ids=["a"], gold_doc_ids=["a"], scored_answers=False),
        _row(retrieved_doc_ids=["b"], gold_doc_ids=["a"], scored_answers=False),
    ]
    s = summarize(rows)
    assert s["recall@1"] == 0.5
    assert s["mrr@10"] == 0.5
    for key in ("accuracy", "exact_match", "f1", "citation_gold_doc_rate"):
        assert key not in s
    assert s["total_p50"] is None
    assert s["prompt_tokens_mean"] is None


def test_summarize_empty_run() -> None:
    s = summarize([])
    assert s["questions"] == 0
    assert s["failed"] == 0
    assert s["recall@5"] is None
    assert s["mrr@10"] is None
    assert s["retrieval_p95"] is None


def test_summarize_all_abstained_unanswerable() -> None:
    rows = [_row(answerable=False, abstained=True) for _ in range(3)]
    s = summarize(rows)
    assert s["recall@1"] is None
    assert s["accuracy"] is None
    assert s["exact_match"] is None
    assert s["f1"] is None
    assert s["abstained_on_unanswerable"] == 1.0
    assert s["wrongly_abstained_on_answerable"] is None
    assert s["citation_gold_doc_rate"] is None
    assert s["cited_passage_precision"] is None


def test_summarize_all_failed_counts_as_wrong() -> None:
    rows = [_row(answers=["x"], failed=True), _row(answers=["y"], failed=True)]
    s = summarize(rows)
    assert s["failed"] == 2
    assert s["accuracy"] == 0.0
    assert s["exact_match"] is None
    assert s["abstained_on_unanswerable"] is None
    assert s["wrongly_abstained_on_answerable"] is None


def test_summarize_correct_answer_without_gold_docs_not_in_citation_rate() -> None:
    rows = [_row(answers=["Paris"], response="Paris", cited_doc_ids=["d1"])]
    s = summarize(rows)
    assert s["accuracy"] == 1.0
    assert s["exact_match"] == 1.0
    assert s["citation_gold_doc_rate"] is None
    assert s["cited_passage_precision"] is None


def test_wrong_shown_counts_the_wrong_answers_among_those_shown() -> None:
    rows = [
        _row(answers=["Paris"], response="Paris [1]."),
        _row(answers=["Paris"], response="Lyon [1]."),
        _row(answerable=False, response="Berlin [1]."),
        _row(answers=["Rome"], abstained=True),
        _row(answers=["Oslo"], failed=True),
    ]
    assert summarize(rows)["wrong_shown"] == 2 / 3
