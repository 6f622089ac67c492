import json

import pytest

from benchmarks.hand_check import fingerprint, score, shown_sentences, spread, still_shown


def test_only_shown_sentences_are_exported_with_the_passages_they_cite(tmp_path) -> None:
    row = {
        "id": "q1",
        "user_input": "What did Lavrov say?",
        "citations": [{"n": 1, "text": "Lavrov said the talks were useful."}],
        "sentences": [
            {"text": "Lavrov called the talks useful [1].", "citations": [1], "supported": True},
            {"text": "He smiled [2].", "citations": [2], "supported": False},
        ],
    }
    (tmp_path / "results.jsonl").write_text(json.dumps(row) + "\n")
    [only] = shown_sentences(tmp_path)
    assert only["id"] == "q1/0" and only["cited"] == {"1": "Lavrov said the talks were useful."}
    assert only["label"] == ""


def test_first_sentences_of_every_answer_come_before_second_ones() -> None:
    rows = [{"id": f"{q}/{n}"} for q in ("a", "b") for n in range(3)]
    assert [r["id"] for r in spread(rows, 3)] == ["a/0", "b/0", "a/1"]


def test_the_rate_counts_unsupported_and_misattributed_sentences() -> None:
    labels = ["supported"] * 18 + ["unsupported", "misattributed"]
    result = score([{"label": label} for label in labels])
    assert result["sentences"] == 20 and result["unsupported_or_misattributed"] == 0.1


def test_an_unknown_label_is_refused() -> None:
    with pytest.raises(SystemExit, match="unknown labels"):
        score([{"label": "maybe"}])


def test_a_recheck_counts_the_labelled_sentences_a_new_run_still_shows(tmp_path) -> None:
    kept = {"text": "Lavrov called the talks useful [1].", "citations": [1], "supported": True}
    row = {"id": "q1", "user_input": "?", "citations": [], "sentences": [kept]}
    (tmp_path / "results.jsonl").write_text(json.dumps(row) + "\n")
    labelled = [
        {"label": "supported", "sentence_sha1": fingerprint(kept["text"])},
        {"label": "unsupported", "sentence_sha1": fingerprint("He smiled [2].")},
    ]
    assert still_shown(labelled, [tmp_path]) == {
        "supported": {"labelled": 1, "still shown": 1},
        "unsupported": {"labelled": 1, "still shown": 0},
    }
