"""On topic: the window is about the question, and the answer about what was asked."""

from __future__ import annotations

import pytest

from rag.answer.verify import on_topic
from tests.unit.verify.helpers import passes, supported

WALTZ = (
    "Waltz said the war must come to a permanent end. He said there would be some "
    "discussion of territory and of security guarantees."
)


PAY = (
    "UPS said the average pay for its delivery drivers is $95,000 a year, with benefits such "
    "as a traditional pension plan, worth an additional $50,000 a year."
)


@pytest.mark.parametrize(
    ("asked", "off", "on", "text"),
    [
        (
            "What did Mike Waltz say about territory?",
            "Waltz said the war must come to a permanent end [1].",
            "Waltz said there would be some discussion of territory [1].",
            WALTZ,
        ),
        # the thing a "what" asks for: the drivers' pay is no benefit
        (
            "What benefits did UPS say its delivery drivers receive?",
            "UPS said the average pay for its delivery drivers is $95,000 a year [1].",
            "UPS said its drivers get benefits such as a traditional pension plan [1].",
            PAY,
        ),
    ],
)
def test_a_quote_about_something_else_than_asked_fails(
    asked: str, off: str, on: str, text: str
) -> None:
    assert not passes(on_topic, asked, off, text)
    assert passes(on_topic, asked, on, text)


def test_a_window_about_something_else_fails() -> None:
    text = "The city council approved the budget for new buses."
    assert not passes(on_topic, "Who won the marathon?", "The council approved it [1].", text)


LAVROV = (  # as a syndicated rewrite printed it
    "Lavrow said on Tuesday that every European peaceful distribution was “unacceptable”. He "
    "also suggested that Moscow rejected the American request to stop attacks on Ukrainian "
    "energy infrastructure, claiming – falsely – that Russia did not attack civilians."
)


def test_the_right_speaker_on_another_subject_fails_however_close_to_the_question() -> None:
    asked = "What did Lavrov say about a European peacekeeping deployment in Ukraine?"
    other = (
        "Lavrov suggested that Moscow had rejected the US request to stop attacks on Ukrainian "
        "energy infrastructure [1]."
    )
    assert not supported(asked, other, LAVROV)
    clean = LAVROV.replace("Lavrow", "Lavrov").replace("peaceful distribution", "peacekeepers")
    said = "Lavrov said any European peacekeepers in Ukraine were unacceptable [1]."
    assert supported(asked, said, clean)


def test_a_window_naming_a_member_of_the_group_asked_about_is_on_topic() -> None:
    asked = "Which Russian officials have commented on the talks?"
    window = (
        "Kirill Dmitriev, general director of the Russian Sovereign Property Fund, said the "
        "two sides discussed restoring economic ties."
    )
    assert passes(on_topic, asked, "Kirill Dmitriev, head of the Russian fund [1]", window)
    council = "Mayor Ann Cole said the council approved the budget for new buses."
    assert not passes(on_topic, asked, "Ann Cole, the mayor [1]", council)
    recap = "Recap what European governments are doing in response."
    minister = (
        "French Foreign Minister Jean-Noel Barrot called for direct participation in the "
        "European talks."
    )
    claim = "Jean-Noel Barrot called for European participation in the talks [1]."
    assert passes(on_topic, recap, claim, minister)


HOUSE_HEARING = (
    "The four CEOs are testifying remotely for a hearing Wednesday by the House Judiciary "
    "subcommittee on antitrust."
)


def test_a_window_about_another_organisations_hearing_fails() -> None:
    claim = "The four CEOs testified remotely on Wednesday [1]."
    asked = "tell me about the senate hearing with the tech ceos"
    assert not passes(on_topic, asked, claim, HOUSE_HEARING)
    assert passes(
        on_topic, "tell me about the house hearing with the tech ceos", claim, HOUSE_HEARING
    )
    senate = HOUSE_HEARING.replace("House", "Senate")
    assert passes(on_topic, asked, claim, senate)
    unnamed = HOUSE_HEARING.replace(" by the House Judiciary subcommittee", "")
    assert passes(on_topic, asked, claim, unnamed)


def test_a_source_about_another_organisations_hearing_fails_in_each_of_its_sentences() -> None:
    text = f"Four Big Tech CEOs are answering for their companies' practices. {HOUSE_HEARING}"
    asked = "tell me about the senate hearing with the tech ceos"
    claim = "Four Big Tech CEOs are answering for their companies' practices [1]."
    assert not supported(asked, claim, text)
    assert supported(asked, claim, text.replace("House", "Senate"))


def test_a_wont_is_no_win() -> None:
    # "won’t" is "will not": it does not make a window about a match won.
    text = (
        "It was the first time U.S. and Russian officials sat down since World War Two. "
        "Ukraine has said it won’t accept any deal imposed without its consent."
    )
    asked = "Who won the 2022 football World Cup?"
    assert not passes(on_topic, asked, "The United States won the 2022 World Cup [1].", text)


def test_a_question_that_quotes_words_needs_a_window_that_writes_them() -> None:
    text = (
        "The Haley campaign noted that it did not campaign in Nevada because the whole thing "
        "has been a setup for Trump. “Even Donald Trump knows that when you play penny slots "
        "the house wins,” said spokesperson Olivia Perez-Cubas. “We didn’t bother to play a "
        "game rigged for Trump.”"
    )
    asked = 'Who said "We didn\'t bother to play a game rigged for Trump"?'
    claim = "Nikki Haley said she didn't bother to play a game rigged for Trump [1]."
    assert not passes(on_topic, asked, claim, text.split(" “We")[0])
    assert passes(on_topic, asked, claim, text)
