"""What a sentence states and what a question asks, read offline."""

from __future__ import annotations

import pytest

from rag.answer.facts import facts_of, missing_facts, name_in, proper_words
from rag.answer.question import chosen_options, parse_options, read_question, restates


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        ("The talks lasted four and a half hours.", "after 4.5 hours of talks"),
        ("The talks lasted 4.5 hours.", "the 4-1/2-hour meeting"),
        ("Revenue was $10.4 billion.", "revenue of $10.4bn, or 10.4 billion dollars"),
        ("It opened on Dec. 1, 2017.", "Release date. December 1, 2017"),
        ("Romanian officials said so.", "the chief of Romania's presidential office"),
        ("Joe Burrow of LSU won.", "2019 - Joe Burrow, Louisiana State University"),
        ("Emmanuel Macron won.", "Macron, Emmanuel, won the run-off"),
        ("They met on Tuesday.", "Officials met on Tuesday in Riyadh"),
    ],
)
def test_facts_are_found_whatever_their_form(claim: str, source: str) -> None:
    assert missing_facts(facts_of(claim), source) == []


@pytest.mark.parametrize(
    ("claim", "source", "missing"),
    [
        ("The talks lasted 9 hours.", "after four and a half hours of talks", "9"),
        ("Macron is meeting them on Thursday.", "Macron plans a meeting on Wednesday", "Thursday"),
        ("It opened on May 29, 2021.", "It came out on May 29, 2020.", "2021"),
        ("Serena Williams won.", "Bianca Andreescu beat her in the final.", "Serena Williams"),
    ],
)
def test_other_values_are_missing(claim: str, source: str, missing: str) -> None:
    assert missing in missing_facts(facts_of(claim), source)


def test_small_counts_and_decades_are_not_figures_to_look_for() -> None:
    facts = facts_of("The two delegations met in the late 1800s.")
    assert not facts.numbers and facts.small_words == {2.0}
    assert name_in("NATO", "the North Atlantic Treaty Organization")


@pytest.mark.parametrize(
    ("name", "source", "found"),
    [
        ("Sergei Lavrov", "The meeting saw Lavrov and aide Yuri Ushakov.", True),
        ("Sergei Lavrov", "Later, Foreign Minister Lavrov said so. Lavrov left.", True),
        ("Donald Trump", "Melania Trump said so.", False),  # a given name swapped
        ("Sergei Lavrov", "Vladimir Putin said so.", False),
        ("Yuri Ushakov", "Ushakov, a Kremlin aide, and Yuri Ushakov's team.", True),
    ],
)
def test_a_given_name_may_be_added_but_not_swapped(name: str, source: str, found: bool) -> None:
    assert name_in(name, source) is found


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When was GPT-3 released?", "date"),
        ("In which city did the two delegations meet?", "place"),
        ("Who won the French Presidential Election 2017?", "person"),
        ("How long did the talks last?", "duration"),
        ("How many people died?", "number"),
        ("The 49ers will play the Chiefs. Where will the game take place?", "place"),
        ("What is the potential earnings for a job where workers are few?", None),
        ("Why did Zelenskiy postpone his visit?", None),
    ],
)
def test_the_kind_of_answer_a_question_wants(question: str, kind: str | None) -> None:
    assert read_question(question).kind == kind


def test_options_and_several_items() -> None:
    question = "Which beer? Options: Guinness; Landlord; London Pride; Old Speckled Hen."
    assert parse_options(question) == ("Guinness", "Landlord", "London Pride", "Old Speckled Hen")
    assert read_question(question).stem == "Which beer?"
    assert parse_options("What are the options for Ukraine?") == ()
    assert read_question("Name two officials who attended the talks.").several
    assert not read_question("Who attended the talks?").several


def test_the_option_a_reply_names() -> None:
    money = ("$5 million", "$7 million", "$9 million", "$10 million")
    assert chosen_options(money, "$7 million (Source: [3])") == ["$7 million"]
    categories = ("Category 3", "Category 4", "Category 5")
    assert chosen_options(categories, "Category 5 (157 mph) is the highest.") == ["Category 5"]
    royals = (
        "William, Prince of Wales",
        "Catherine, Princess of Wales",
        "Meghan, Duchess of Sussex",
    )
    assert chosen_options(royals, "Prince William will take on duties.") == [royals[0]]
    assert chosen_options(royals, "Someone else will.") == []


def test_a_sentence_may_open_with_a_name_the_evidence_writes_as_one() -> None:
    evidence = "The cup was won by Spain. Officials said so."
    known = proper_words(evidence)
    assert "spain" in known and "officials" not in known
    assert facts_of("Spain won the cup.", known).names == ("Spain",)
    assert facts_of("Spain won the cup.").names == ()
    assert facts_of("Officials won the cup.", known).names == ()


@pytest.mark.parametrize(
    ("question", "sentence", "restated"),
    [
        ("Whose official said Russia asked?", "The official said Russia asked [1].", True),
        ("Which country's office said so?", "The country's office said so [2].", True),
        ("What city hosted the talks?", "The city hosted the talks on Tuesday [1].", True),
        ("Whose official said Russia asked?", "Romania's official said Russia asked [1].", False),
        ("Whose official said Russia asked?", "The chief of Romania's office said it [1].", False),
        ("What city hosted the talks?", "The talks were held in Riyadh [1].", False),
        ("Who said Russia asked?", "The official said Russia asked [1].", False),
    ],
)
def test_a_sentence_that_restates_the_question_is_told_apart(
    question: str, sentence: str, restated: bool
) -> None:
    assert restates(question, sentence) is restated
