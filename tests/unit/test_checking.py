"""Checking a reply while it streams: sentences handed on once complete, each verdict final."""

from __future__ import annotations

import re

import pytest

from rag.answer.checking import AnswerChecker, ReplySentences
from rag.answer.disagreements import compare_reports
from rag.types import Sentence
from tests.unit.test_answer_service import service
from tests.unit.test_disagreements import FIRST, QUESTION, UPDATE
from tests.unit.verify.helpers import source, verifier


def handed_on(reply: str) -> list[tuple[str, str]]:
    """(sentence, the reply so far when it was handed on), word by word."""
    sentences = ReplySentences()
    so_far, out = "", []
    for piece in re.findall(r"\S+\s*", reply):
        so_far += piece
        out += [(s, so_far) for s in sentences.add(piece)]
    return out + [(s, "<end>") for s in sentences.finish()]


def test_a_sentence_is_handed_on_once_the_next_one_has_begun() -> None:
    got = handed_on("The talks lasted four hours [1]. Lavrov left early [2]. He flew home.")
    assert got == [
        ("The talks lasted four hours [1].", "The talks lasted four hours [1]. Lavrov "),
        ("Lavrov left early [2].", "The talks lasted four hours [1]. Lavrov left early [2]. He "),
        ("He flew home.", "<end>"),
    ]


def test_markers_after_the_full_stop_and_lowercase_continuations_stay_with_their_sentence() -> None:
    got = [s for s, _ in handed_on("He left. [2] Then U.S. officials met in (Riyadh). [1, 3]")]
    assert got == ["He left. [2]", "Then U.S. officials met in (Riyadh). [1, 3]"]
    got = [s for s, _ in handed_on("Prices rose 3.5 percent. and wages fell [1]. Next.")]
    assert got[0] == "Prices rose 3.5 percent. and wages fell [1]."


def test_a_reply_cut_off_at_the_token_limit_loses_its_unfinished_last_sentence() -> None:
    reply = "- The bridge will open in November [1].\n- Councillor Ada Brightwell asked whether the"
    cut = ReplySentences()
    assert cut.add(reply) + cut.finish(cut_off=True) == ["The bridge will open in November [1]."]
    whole = ReplySentences()
    assert len(whole.add(reply) + whole.finish()) == 2  # a reply the model ended keeps it
    for unended in ('He said he and Trump had a "', "Flexus cheated.\n[19] Incyte argued"):
        cut = ReplySentences()
        kept = cut.add(unended) + cut.finish(cut_off=True)
        assert not any(s.endswith(('a "', "argued [19]")) for s in kept)
    for ended in ("He said no [2]", 'He said "no"', "Talks ended."):
        done = ReplySentences()
        done.add(ended)
        assert done.finish(cut_off=True) == [ended]


@pytest.mark.parametrize(
    "reply",
    [
        "The repairs will take about six weeks [1].",
        "The repairs will take about four months [2]. Inspectors found cracks in the piers [2].",
        "A storm damaged the bridge [1]. The repairs will take about six weeks [1].",
    ],
)
def test_sentence_by_sentence_verdicts_equal_those_on_the_whole_reply(reply: str) -> None:
    whole = verifier(QUESTION, FIRST, UPDATE)
    expected = compare_reports(whole, whole.verify(reply, False), [FIRST, UPDATE])
    checker = AnswerChecker(verifier(QUESTION, FIRST, UPDATE), repair=False)
    for sentence, _ in handed_on(reply):
        checker.check(sentence)
    checker.finish()
    assert [(v.text, v.supported, v.citations) for v in checker.verdicts] == [
        (v.text, v.supported, v.citations) for v in expected
    ]


def test_a_sentence_saying_the_sources_lack_the_answer_gets_no_verdict() -> None:
    checker = AnswerChecker(verifier(QUESTION, FIRST, UPDATE))
    assert checker.check("The articles do not contain the answer.") is None
    assert checker.verdicts == []


ASKED = "What happened at the talks in Riyadh?"
REPLY = (
    "The talks in Riyadh lasted four and a half hours [1]. "
    "The talks in Riyadh were held on the Moon in 1969 [2]. "
    "Lunch was served after the talks in Riyadh [1]."
)


def test_the_stream_shows_checked_sentences_only_and_the_answer_is_what_it_showed() -> None:
    svc, _, _ = service(REPLY)
    stream = svc.stream(ASKED)
    shown = list(stream)
    answer = stream.answer
    assert all(isinstance(e, Sentence) for e in shown)
    assert [s.text for s in shown] == [
        "The talks in Riyadh lasted four and a half hours [1].",
        "Lunch was served after the talks in Riyadh [1].",
    ]
    assert all(s.supported for s in shown)
    assert answer.answer == " ".join(s.text for s in shown)
    t = answer.timings
    assert t.first_token <= t.first_sentence <= t.total


def test_with_keep_unsupported_the_stream_shows_the_unsupported_sentence_marked() -> None:
    svc, _, _ = service(REPLY, keep_unsupported=True)
    stream = svc.stream(ASKED)
    shown, answer = list(stream), stream.answer
    assert [s.supported for s in shown] == [True, False, True]
    assert shown[1].text == "The talks in Riyadh were held on the Moon in 1969 [2]."
    assert [s.supported for s in answer.sentences] == [True, False, True]


def test_when_nothing_is_supported_nothing_is_shown_before_the_abstention() -> None:
    svc, _, _ = service("The talks were held on the Moon in 1969 [1].")
    stream = svc.stream("How long did the talks in Riyadh last?")
    shown, answer = list(stream), stream.answer
    assert shown == [] and answer.abstained and answer.timings.first_sentence is None


def test_a_sentence_is_shown_without_a_second_act_its_source_gives_another() -> None:
    race = source(
        "Elias Marwick won the half marathon in 1:04:10, and Hanne Stavik broke the women's "
        "course record with 1:11:47."
    )
    checker = AnswerChecker(verifier("Who won the half marathon?", race), repair=False)
    verdict = checker.check(
        "Elias Marwick won the half marathon in 1:04:10, breaking the women's course record [1]."
    )
    assert verdict is not None and verdict.supported
    assert verdict.text == "Elias Marwick won the half marathon in 1:04:10 [1]."
    wrong = checker.check("Hanne Stavik won the half marathon, breaking the record [1].")
    assert wrong is not None and not wrong.supported  # its main clause is no better
