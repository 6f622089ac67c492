"""Relation: the answer's value is the one its source gives for what the answer says."""

from __future__ import annotations

import pytest

from rag.answer.verify import relation
from tests.unit.verify.helpers import passes

INVASIONS = (
    "In 2008, Russia invaded Georgia and occupied 20 per cent of its territory. In 2014, "
    "Russia invaded Ukraine's Crimea and annexed it."
)
CAUCUS = "Trump won the Nevada caucus on Thursday, with Haley finishing second."


def test_a_year_given_for_another_event_fails() -> None:
    asked = "In what year did Russia annex Crimea?"
    assert not passes(relation, asked, "Russia annexed Crimea in 2008 [1].", INVASIONS)
    assert passes(relation, asked, "Russia annexed Crimea in 2014 [1].", INVASIONS)


def test_the_runner_up_named_as_the_winner_fails() -> None:
    asked = "Who won the Nevada caucus?"
    assert not passes(relation, asked, "Haley won the Nevada caucus [1].", CAUCUS)
    assert passes(relation, asked, "Trump won the Nevada caucus [1].", CAUCUS)


def test_an_option_the_source_gives_another_role_fails() -> None:
    asked = "Who won the Nevada caucus? Options: Donald Trump; Nikki Haley; Ron DeSantis."
    assert not passes(relation, asked, "Nikki Haley won the caucus [1].", CAUCUS)
    assert passes(relation, asked, "Donald Trump won the caucus [1].", CAUCUS)


@pytest.mark.parametrize(
    ("asked", "wrong", "right", "text"),
    [
        (  # a verb the stop list holds ("last") still says what is done
            "How long was the Warsaw Uprising originally planned to last?",
            "The uprising was planned to last 63 days [1].",
            "The uprising was planned to last 48 hours [1].",
            "The armed struggle, planned to last 48 hours, was partially successful, however "
            "it went on for 63 days.",
        ),
        (  # a fact sheet's line says what its value is for
            "In which month is the Spring Art Fair expected to open?",
            "The fair is expected to open in April [1].",
            "The fair is expected to open in March [1].",
            "Spring Art Fair | 2024\n\nExpected opening date: March 3\n\nClosing ceremony: April 9",
        ),
        (  # the first verb of a chain ("planned to run") is the sentence's verb too
            "How long are the post-race performances planned to run?",
            "Post-race performances are planned to run 50 minutes [1].",
            "Post-race performances are planned to run 90 minutes [1].",
            "Pre-race concerts are expected to run for 50 minutes, with post-race "
            "performances planned to run for 90 minutes.",
        ),
    ],
    ids=["stop-listed verb", "fact sheet", "chain of verbs"],
)
def test_the_value_is_the_one_the_clause_saying_the_same_gives(
    asked: str, wrong: str, right: str, text: str
) -> None:
    assert not passes(relation, asked, wrong, text)
    assert passes(relation, asked, right, text)


def test_of_clauses_that_tie_the_one_holding_the_value_counts() -> None:
    text = "Maria coached the Hawks until 2015, and Ana coached the team until 2019."
    asked = "Until when did Ana coach the Hawks?"
    assert passes(relation, asked, "Ana coached the Hawks until 2019 [1].", text)


def test_a_value_the_source_writes_on_the_sentences_subject_is_in_place() -> None:
    text = (
        "The city announced Monday that the Riverside branch library will open to readers "
        "Nov. 15. The $40 million library adds two reading rooms and a cafe."
    )
    asked = "How much does the Riverside branch library cost?"
    claim = "The Riverside branch library costs $40 million [1]."
    assert passes(relation, asked, claim, text)


def test_a_paraphrase_with_the_value_in_place_passes() -> None:
    text = "The fort was destroyed in 1560 by the Portuguese, who captured part of the Huguenots."
    asked = "What happened to Fort Coligny?"
    assert passes(relation, asked, "The Portuguese destroyed the fort in 1560 [1].", text)


def test_a_date_the_source_gives_only_in_its_dateline_is_not_judged() -> None:
    text = "Dec 18, 2020 ... CD Projekt Red delayed the Cyberpunk 2077 release date to December 10."
    claim = "The release date of Cyberpunk 2077 is December 10, 2020 [1]."
    assert passes(relation, "What is the release date of Cyberpunk 2077?", claim, text)


def test_a_relative_clause_speaks_of_the_subject_its_noun_describes() -> None:
    text = "Ocarina of Time is a Nintendo 64 classic that was released on November 21 of 1998."
    claim = "Ocarina of Time was released on November 21, 1998 [1]."
    assert passes(relation, "When was Ocarina of Time released?", claim, text)


def test_a_year_said_of_another_act_of_the_same_subject_fails() -> None:
    text = (
        "The Yuan government used woodblocks to print paper money, but switched to bronze "
        "plates in 1275."
    )
    claim = "The Yuan government began printing paper money from woodblocks in 1275 [1]."
    asked = "When did the Yuan government begin printing paper money with woodblocks?"
    assert not passes(relation, asked, claim, text)


def test_an_option_the_question_itself_names_is_no_rival_answer() -> None:
    text = "The San Francisco 49ers will play the Kansas City Chiefs in Las Vegas on Sunday."
    asked = (
        "The San Francisco 49ers will play the Kansas City Chiefs. Where will the game take "
        "place? Options: Las Vegas; Atlanta; San Francisco; Kansas City."
    )
    assert passes(relation, asked, "The game will take place in Las Vegas [1].", text)


def test_a_name_the_source_writes_as_its_acronym_is_where_the_sentence_puts_it() -> None:
    asked = "What did the World Anti-Doping Agency do in the Valieva case?"
    source = (
        "WADA also noted that due to an unacceptable delay by RUSADA in rendering a decision, "
        "it referred the case directly to CAS in November, seeking a four-year ban."
    )
    said = "WADA referred the case directly to the Court of Arbitration for Sport [1]."
    assert passes(relation, asked, said, source)


CARANO = (
    "Actor Gina Carano on Tuesday sued Lucasfilm and its parent The Walt Disney Co. over her "
    "2021 firing from The Mandalorian."
)
ODYSSEUS = (
    "A week after launching aboard a SpaceX rocket, the uncrewed Odysseus spacecraft gently "
    "touched down on the surface of the moon late Thursday, ushering in a historic moon "
    "landing.\n\nThe lander, designed and operated by Houston-based Intuitive Machines, is now "
    "the first commercial spacecraft to ever land on the moon."
)


def test_an_option_written_at_the_sentences_end_or_in_one_letter_is_judged() -> None:
    carano = "Which company did Gina Carano sue along with Disney? Options: Lucasfilm; X; Netflix."
    assert not passes(relation, carano, "Carano sued X along with Disney [1].", CARANO)
    assert passes(relation, carano, "Carano sued Lucasfilm along with Disney [1].", CARANO)
    odysseus = (
        "Which company designed and operates the Odysseus lunar lander? "
        "Options: SpaceX; Intuitive Machines; Astrobotic; Boeing."
    )
    claim = "Odysseus was designed and is operated by {} [1]."
    assert not passes(relation, odysseus, claim.format("SpaceX"), ODYSSEUS)
    assert passes(relation, odysseus, claim.format("Intuitive Machines"), ODYSSEUS)
