"""Negation: what did not, or may not, happen is not what did."""

from __future__ import annotations

import pytest

from rag.answer.verify import negation
from tests.unit.verify.helpers import passes


def test_an_unlikely_event_is_not_a_planned_one() -> None:
    text = "Ushakov said a meeting between Trump and Putin was unlikely to take place next week."
    asked = "When will Trump and Putin meet?"
    assert not passes(negation, asked, "Trump and Putin will meet next week [1].", text)


def test_a_denial_is_not_an_admission() -> None:
    text = "Uber said that the strikes had no impact on the app's operations."
    asked = "Did the strike affect Uber?"
    assert not passes(negation, asked, "Uber said the strikes disrupted its operations [1].", text)
    assert passes(
        negation, asked, "Uber said the strikes had no impact on its operations [1].", text
    )


def test_a_plan_is_not_a_past_event() -> None:
    text = "Officials will meet again within two weeks to discuss the war."
    asked = "How long did the talks last?"
    assert not passes(negation, asked, "The talks lasted two weeks [1].", text)


def test_the_original_date_is_only_the_planned_one() -> None:
    text = "Cyberpunk 2077's original release date was April 16, 2020."
    asked = "When was Cyberpunk 2077 released?"
    assert not passes(negation, asked, "Cyberpunk 2077 was released on April 16, 2020 [1].", text)
    released = "The game was released on December 10, 2020, after three delays."
    claim = "Cyberpunk 2077 was released on December 10, 2020 [1]."
    assert passes(negation, asked, claim, released)


def test_a_contest_skipped_was_not_won() -> None:
    text = (
        "Trump decided to skip the Nevada primary and instead is expected to win the "
        "GOP-run caucuses Thursday night."
    )
    asked = "Who won the Nevada Republican primary?"
    assert not passes(negation, asked, "Donald Trump won the Nevada primary [1].", text)
    assert passes(negation, asked, "Donald Trump skipped the Nevada primary [1].", text)


def test_the_opposite_of_the_same_subject_contradicts() -> None:
    text = "Serena Williams lost to Bianca Andreescu in the 2019 U.S. Open women's final."
    asked = "Who won the women's singles U.S. Open in 2019?"
    claim = "Serena Williams won the women's U.S. Open in 2019 [1]."
    assert not passes(negation, asked, claim, text)
    lost = "Serena Williams lost the 2019 U.S. Open women's final to Bianca Andreescu [1]."
    assert passes(negation, asked, lost, text)
    other = "Bianca Andreescu won the 2019 U.S. Open women's final [1]."
    assert passes(negation, asked, other, text), "the one who lost is another"


def test_a_start_is_not_an_end_of_what_a_relative_clause_describes() -> None:
    text = "The city is gearing up to host the Winter Games, which start 4 February 2022."
    asked = "When do the Winter Games end?"
    assert not passes(negation, asked, "The city's Winter Games end on 4 February 2022 [1].", text)
    assert passes(negation, asked, "The Winter Games start on 4 February 2022 [1].", text)
    text = "She lost to Bianca Andreescu in the final."
    assert passes(negation, "Who won the final?", "Bianca Andreescu won the final [1].", text)


def test_a_date_the_source_gives_for_the_opposite_act_is_not_this_acts() -> None:
    text = "Spade's company became the first such facility in the US when it opened in May 2020."
    asked = "When did Spade's company close?"
    assert not passes(negation, asked, "Spade's company closed in May 2020 [1].", text)
    assert passes(negation, asked, "Spade's company opened in May 2020 [1].", text)


def test_a_clause_joined_to_a_negated_one_keeps_its_own_polarity() -> None:
    text = (
        "Some astrophysicists predicted the existence of another planet (Vulcan) that would "
        "explain the discrepancies; however, despite some early indications, no such planet "
        "could be found."
    )
    claim = "Astrophysicists predicted the existence of another planet, Vulcan [1]."
    assert passes(negation, "What planet did astrophysicists predict?", claim, text)


def test_what_was_to_happen_is_no_more_certain_than_what_would() -> None:
    text = "Under the Scotland Act 1978, an elected assembly would be set up in Edinburgh."
    claim = "An elected assembly was to be set up in Edinburgh [1]."
    assert passes(negation, "Where was an elected assembly to be set up?", claim, text)


def test_what_a_law_prevents_did_not_happen() -> None:
    text = (
        "The Compromise of 1850 admitted California as a free state, preventing southern "
        "California from becoming its own separate slave state."
    )
    asked = "What did the Compromise of 1850 mean for southern California?"
    became = "Southern California became its own separate slave state [1]."
    assert not passes(negation, asked, became, text)
    kept = "Southern California did not become its own separate slave state [1]."
    assert passes(negation, asked, kept, text)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Rubio said nobody was being sidelined.", "Rubio said no one was being sidelined [1]."),
        ("McFaul wrote that he had seen zero proof.", "McFaul wrote he had seen no proof [1]."),
        (
            "To avoid interference with existing VHF stations, the Federal Communications "
            "Commission decided that Fresno would only have UHF stations.",
            "The Federal Communications Commission limited Fresno to UHF stations so they "
            "would not interfere with existing VHF stations [1].",
        ),
        (
            'Haley lost the primary to "none of these candidates."',
            '"None of these candidates" won the primary, beating Haley [1].',
        ),
    ],
    ids=["nobody", "zero", "avoid", "an option named none"],
)
def test_a_negation_written_another_way_is_the_same_negation(text: str, claim: str) -> None:
    assert passes(negation, "What happened?", claim, text)


def test_what_is_scheduled_to_happen_has_not_happened() -> None:
    text = "The new bridge over the river is scheduled to be opened in 2027."
    asked = "When was the new bridge opened?"
    assert not passes(negation, asked, "The new bridge was opened in 2027 [1].", text)
    asked = "When is the new bridge scheduled to open?"
    assert passes(negation, asked, "The new bridge is scheduled to be opened in 2027 [1].", text)
