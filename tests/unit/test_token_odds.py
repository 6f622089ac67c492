"""The odds of each token the model writes, and what the benchmark reads from them."""

from __future__ import annotations

import math

import numpy as np

from benchmarks.reply_odds import auroc, word_odds
from rag.models.token_odds import OddsRecorder

WORDS = {1: b"Tam", 2: b"pa", 3: "é".encode()[:1], 4: "é".encode()[1:]}


def test_each_chosen_token_gets_the_log_probability_it_was_chosen_with() -> None:
    recorder = OddsRecorder(lambda ids: b"".join(WORDS[i] for i in ids))
    first = np.log(np.array([0.1, 0.7, 0.1, 0.05, 0.05]))
    second = np.log(np.array([0.1, 0.1, 0.2, 0.3, 0.3]))
    recorder([0], first)  # the prompt's last token, then token 1 is chosen
    recorder([0, 1], second)  # token 2 is chosen next
    recorder([0, 1, 2], first)
    [(text_1, odds_1), (text_2, odds_2)] = recorder.odds
    assert (text_1, text_2) == ("Tam", "pa")
    assert math.isclose(odds_1, math.log(0.7)) and math.isclose(odds_2, math.log(0.2))


def test_a_character_split_over_two_tokens_is_written_by_the_second() -> None:
    recorder = OddsRecorder(lambda ids: b"".join(WORDS[i] for i in ids))
    logits = np.zeros(5)
    for ids in ([0], [0, 3], [0, 3, 4]):
        recorder(ids, logits)
    assert [text for text, _ in recorder.odds] == ["", "é"]


def test_citation_markers_and_punctuation_are_not_word_odds() -> None:
    odds = [["Tampa", -0.1], [" won", -0.5], [" [", -2.0], ["1", -3.0], ["]", -2.0], [".", -4.0]]
    assert word_odds(odds) == [-0.1, -0.5]


def test_auroc_counts_right_answers_scored_above_wrong_ones() -> None:
    assert auroc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert auroc([0.5], [0.5]) == 0.5
