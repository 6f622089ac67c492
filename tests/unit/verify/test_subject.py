"""Subject: the source gives the sentence's number or date for the sentence's subject."""

from __future__ import annotations

import pytest

import rag.answer.verify.subject as subject
from tests.unit.verify.helpers import passes

FUND = (
    "The IPCC receives funding through the IPCC Trust Fund, established in 1989 by the "
    "United Nations Environment Programme and the World Meteorological Organization."
)
PHONE = (
    "Preorders began on September 13, 2019, and the phone was officially released on "
    "September 20, 2019, one day after the official public release of iOS 13."
)


@pytest.mark.parametrize(
    ("asked", "answer", "text", "kept"),
    [
        # the source dates the fund; the IPCC is only a word of the fund's name
        ("When was the IPCC established?", "The IPCC was established in 1989 [1].", FUND, False),
        (
            "When was the IPCC Trust Fund established?",
            "The IPCC Trust Fund was established in 1989 [1].",
            FUND,
            True,
        ),
        # the source dates the phone's release; iOS 13 came out a day before
        (
            "When was iOS 13 publicly released?",
            "iOS 13 was publicly released on September 20, 2019 [1].",
            PHONE,
            False,
        ),
        (
            "When was the phone released?",
            "The phone was released on September 20, 2019 [1].",
            PHONE,
            True,
        ),
        # a government is its state's ("the Il-khanate government" holds "the Il-khanate")
        (
            "When did the Il-khanate issue paper money?",
            "The Il-khanate issued paper money in 1294 [1].",
            "The Il-khanate government issued paper money in 1294, but public distrust of "
            "the new currency doomed the experiment.",
            True,
        ),
        # the value said of a noun ("a call six days ago"), not of the act: not judged
        (
            "How long before the talks did Trump and Putin speak by phone?",
            "Trump and Putin spoke by phone only six days earlier [1].",
            "The diplomacy, starting with a Putin-Trump phone call only six days ago, has "
            "triggered alarm in Ukraine.",
            True,
        ),
        # what the act is done to ("its decision") is what the sentence is about; "vote" in
        # "could not vote" is no other mention of it
        (
            "Why was the Gorsebrook vote delayed?",
            "The Gorsebrook vote was delayed until March 12 [1].",
            "The planning committee on Wednesday postponed its decision on Gorsebrook until "
            "March 12, after councillors said they could not vote without a flood report.",
            True,
        ),
        # what the described noun is said to be
        (
            "When was Ocarina of Time released?",
            "Ocarina of Time was released on November 21, 1998 [1].",
            "Ocarina of Time is a Nintendo 64 classic that was released on November 21 of "
            "1998 in Japan.",
            True,
        ),
        (
            "When was Ocarina of Time released?",
            "Ocarina of Time was released on November 21, 1998 [1].",
            "Ocarina of Time, a Nintendo 64 classic released on November 21 of 1998, was "
            "remade for the 3DS.",
            True,
        ),
        # a number in a name is no value of the act ("the Philadelphia 76ers")
        (
            "Which team did McClung represent?",
            "McClung represented the Philadelphia 76ers [1].",
            "News broke that McClung had signed a deal that put him on the roster of the "
            "Philadelphia 76ers.",
            True,
        ),
    ],
)
def test_the_value_is_said_of_the_sentences_subject(
    asked: str, answer: str, text: str, kept: bool
) -> None:
    assert passes(subject, asked, answer, text) is kept
