"""Actor and attribution: who did or said it is who the source says."""

from __future__ import annotations

import pytest

from rag.answer.verify import actor
from tests.unit.verify.helpers import passes

DEMAND = (
    "Zelenskiy demanded NATO membership as the one method to assure Kyiv's sovereignty, "
    "officials said."
)


def test_a_demand_given_to_another_party_fails() -> None:
    asked = "What does Russia want?"
    claim = "Russia wants NATO membership as the one method to assure Kyiv's sovereignty [1]."
    assert not passes(actor, asked, claim, DEMAND)


def test_the_party_of_the_source_passes() -> None:
    asked = "What did Zelenskiy demand?"
    claim = "Zelenskiy demanded NATO membership to assure Kyiv's sovereignty [1]."
    assert passes(actor, asked, claim, DEMAND)


def test_a_quote_given_to_another_speaker_fails() -> None:
    text = "\u201cThe talks were useful,\u201d Lavrov told reporters in Riyadh."
    asked = "What did Rubio say about the talks?"
    assert not passes(actor, asked, "Rubio said the talks were useful [1].", text)
    assert passes(actor, "What did Lavrov say?", "Lavrov said the talks were useful [1].", text)


def test_an_actor_the_window_leaves_unnamed_is_not_judged() -> None:
    text = "He said the talks were useful."
    assert passes(actor, "What did Lavrov say?", "Lavrov said the talks were useful [1].", text)


def test_what_a_party_said_is_answered_with_what_that_party_said() -> None:
    text = "\u201cWe want peace,\u201d Peskov said of the talks in Riyadh."
    asked = "What did Erdogan say about the Riyadh talks?"
    assert not passes(actor, asked, "Peskov said they want peace [1].", text)
    assert passes(
        actor, "What did Peskov say about the talks?", "Peskov said they want peace [1].", text
    )


def test_who_speaks_for_the_asked_party_answers_what_it_said() -> None:
    text = (
        "Russia asked that the U.S. withdraw NATO forces from eastern Europe, "
        "according to the chief of Romania\u2019s presidential office."
    )
    asked = "What did Romania say Russia asked for?"
    assert passes(actor, asked, text.replace(".", " [1]."), text)


def test_a_describing_word_before_the_actor_is_not_part_of_its_name() -> None:
    text = "The Lewes Polar Bear Plunge, in its 29th year, raised a record $1,018,000."
    asked = "How much did the most recent Lewes Polar Bear Plunge raise?"
    claim = "The most recent Lewes Polar Bear Plunge raised $1,018,000 [1]."
    assert passes(actor, asked, claim, text)
    other = "The Rehoboth Polar Bear Plunge raised $1,018,000 [1]."
    assert not passes(actor, asked, other, text)


def test_an_act_of_the_person_he_stands_for_is_not_anothers() -> None:
    text = (
        "The speech by US Defence Secretary Pete Hegseth last week, in which he rejected US "
        "security guarantees for Ukraine, rattled Europe."
    )
    asked = "Who rejected US security guarantees for Ukraine?"
    claim = "Trump rejected US security guarantees for Ukraine last week [1]."
    assert not passes(actor, asked, claim, text)
    claim = "Hegseth rejected US security guarantees for Ukraine last week [1]."
    assert passes(actor, asked, claim, text)


def test_words_an_unnamed_person_said_are_not_a_named_ones() -> None:
    text = (
        "\u201cEurope cannot provide this kind of force now,\u201d a senior diplomat told "
        "the Guardian."
    )
    asked = "Who said Europe cannot provide such a force?"
    claim = "Zelensky told the Guardian that Europe cannot provide this kind of force now [1]."
    assert not passes(actor, asked, claim, text)
    text = text.replace("a senior diplomat", "Zelensky")
    assert passes(actor, asked, claim, text)


def test_a_speaker_the_sentence_names_in_full_is_the_sources_speaker() -> None:
    text = "Rubio said that the EU \u201cwould have to be at the table at some point\u201d."
    claim = "Marco Rubio said that the EU would have to be at the table at some point [1]."
    assert passes(actor, "What did Marco Rubio say after the talks?", claim, text)


def test_a_company_named_first_in_its_sentence_is_an_actor() -> None:
    # the parser reads "Lyft" opening a sentence as a common noun
    asked = "How did Lyft respond to the drivers' strike?"
    source = (
        'In response, Uber told USA TODAY in a statement that strikes "have rarely had any '
        'impact on trips, prices or driver availability."'
    )
    said = 'Lyft said strikes "have rarely had any impact on trips or prices" [1].'
    assert not passes(actor, asked, said, source)
    assert passes(actor, asked, said.replace("Lyft", "Uber"), source)
    # plural nouns opening a sentence are no names: "Sources said ..." may be anyone
    sources = "Sources familiar with the matter said the decision avoided giving legitimacy."
    assert passes(actor, "Why?", "Zelenskiy delayed it to avoid giving legitimacy [1].", sources)


RACE = (
    "Elias Marwick won the half marathon in 1:04:10, and Hanne Stavik broke the women's "
    "course record with 1:11:47."
)


def test_what_a_participle_or_a_second_verb_adds_is_checked_for_the_same_actor() -> None:
    asked = "Who won the half marathon?"
    participle = "Elias Marwick won the half marathon in 1:04:10, breaking the course record [1]."
    assert not passes(actor, asked, participle, RACE)
    second_verb = "Elias Marwick won the half marathon and broke the women's course record [1]."
    assert not passes(actor, asked, second_verb, RACE)
    stavik = "Hanne Stavik ran 1:11:47, breaking the women's course record [1]."
    assert passes(actor, "What did Hanne Stavik do?", stavik, RACE)


def test_the_actor_and_the_one_it_acts_on_swapped_fails() -> None:
    text = "Anne Albrectsen will take over from John Goodwin as chief executive in September."
    asked = "Who will be the new chief executive?"
    swapped = "John Goodwin will take over from Anne Albrectsen as chief executive [1]."
    assert not passes(actor, asked, swapped, text)
    assert passes(actor, asked, "Anne Albrectsen will take over from John Goodwin [1].", text)
    talks = "Rubio held talks with Lavrov in Riyadh on Tuesday."
    partner = "Lavrov held talks with Rubio in Riyadh [1]."  # a partner, not one acted on
    assert passes(actor, "Who held talks in Riyadh?", partner, talks)


# (question, source, the actor swapped, the source's own actor)
NOT_THE_DOER = [
    pytest.param(
        "Who saw a centrifugal governor at a flour mill?",
        "The governor was adopted by James Watt in 1788 after Watt's partner Boulton saw one "
        "at a flour mill.",
        "James Watt saw a governor at a flour mill [1].",
        "Boulton saw a governor at a flour mill [1].",
        id="the owner of the actor",
    ),
    pytest.param(
        "Who filed a constitutional complaint in October?",
        "In October, Benavides filed a constitutional complaint against Castillo.",
        "Castillo filed a constitutional complaint against Benavides in October [1].",
        "Benavides filed a complaint against Castillo [1].",
        id="the one a complaint is filed against",
    ),
    pytest.param(
        "Who found no indications of malicious activity?",
        'ABC News reported that federal officials found "no indications of malicious activity".',
        "ABC News found no indications of malicious activity [1].",
        "Federal officials found no indications of malicious activity, ABC News reported [1].",
        id="who reports the finding",
    ),
]


@pytest.mark.parametrize(("asked", "text", "swapped", "own"), NOT_THE_DOER)
def test_a_party_in_another_part_of_the_clause_is_not_its_actor(
    asked: str, text: str, swapped: str, own: str
) -> None:
    assert not passes(actor, asked, swapped, text)
    assert passes(actor, asked, own, text)


def test_who_says_what_he_wants_is_the_one_who_wants_it() -> None:
    said = "Lavrov said he wants the talks to go on."
    assert passes(actor, "What does Lavrov want?", "Lavrov wants the talks to go on [1].", said)


def test_how_the_one_acted_on_ended_up_is_no_other_actor() -> None:
    asked = "What happened in the women's race?"
    claim = "Hanne Stavik broke the course record, leaving Priya Castellan second [1]."
    text = RACE + " Two-time champion Priya Castellan was second in the women's race."
    assert passes(actor, asked, claim, text)


def test_words_an_unnamed_speaker_said_in_other_words_are_not_the_named_ones() -> None:
    text = "“Europe cannot protect this kind of power now,” a senior European diplomat said."
    asked = "Who said Europe cannot provide a force of this size now?"
    claim = "Zelensky told the Guardian that Europe cannot provide this kind of force now [1]."
    assert not passes(actor, asked, claim, text)
    claim = "A senior European diplomat said Europe cannot provide this kind of force now [1]."
    assert passes(actor, asked, claim, text)


FINAL = (
    "Ostrova beat Kell 6–4, 6–3 to win the match. By winning the 2019 Harbour Open, "
    "Marden became the first local player since 1961 to take the title."
)


def test_who_does_a_gerund_after_a_preposition_is_the_subject_it_qualifies() -> None:
    asked = "Who won the 2019 Harbour Open?"
    assert not passes(actor, asked, "Kell won the 2019 Harbour Open [1].", FINAL.split(". ")[1])
    assert passes(actor, asked, "Marden won the 2019 Harbour Open [1].", FINAL)


def test_a_window_that_says_less_is_overruled_by_the_source_clause_saying_it() -> None:
    # "to win the match" shares only the verb; the next sentence says who won the Open
    asked = "Who won the 2019 Harbour Open?"
    assert not passes(actor, asked, "Ostrova won the 2019 Harbour Open [1].", FINAL)


def test_a_clause_elsewhere_with_another_verb_does_not_judge_the_actor() -> None:
    # the scale's designers "designed" it; the sentence says what "is" its top category
    text = (
        "What is the Saffir-Simpson Hurricane Wind Scale? The hurricane center has used the "
        "well-known scale \u2013 with wind speed ranges for each of five categories \u2013 since "
        "the 1970s. The minimum threshold for Category 5 winds is 157 mph. Designed by "
        "engineer Herbert Saffir and adapted by former center director Robert Simpson, the "
        "scale stops at Category 5 since winds that high would \u201ccause rupturing damages "
        "that are serious no matter how well it's engineered,\u201d Simpson said during a 1999 "
        "interview."
    )
    asked = "What is the highest hurricane category on the Saffir-Simpson scale?"
    claim = (
        "Category 5 (157 mph) is the highest hurricane category on the Saffir-Simpson scale [1]."
    )
    assert passes(actor, asked, claim, text)


SNOWFALL = (
    "Orchard Park has picked up 77.0 inches in the last 48 hours, and Natural Bridge, just "
    "east of Watertown, has picked up 72.3 inches."
)
SEASONS = "Maria coached the Hawks until 2015, and Ana coached the team until 2019."


def test_of_clauses_that_say_the_act_alike_the_one_with_the_actor_counts() -> None:
    asked = "How much snow has Natural Bridge picked up?"
    claim = "Natural Bridge has picked up 72.3 inches [1]."
    assert passes(actor, asked, claim, SNOWFALL)
    assert not passes(
        actor,
        asked,
        "Natural Bridge has picked up 72.3 inches of rain in Ohio [1].",
        "Orchard Park has picked up inches of rain in Ohio.",
    )


def test_the_clause_that_writes_the_value_with_the_same_verb_names_the_actor() -> None:
    asked = "Until when did Ana coach the Hawks?"
    assert passes(actor, asked, "Ana coached the Hawks until 2019 [1].", SEASONS)


def test_a_clause_that_ties_with_another_verb_does_not_stand_for_the_act() -> None:
    text = (
        "As Russia and the United States held talks on Tuesday, Russian leader Vladimir "
        "Putin sought the end of NATO's promise of membership to Ukraine."
    )
    claim = "Vladimir Putin, Russian leader took part in the talks in Riyadh [1]."
    assert not passes(actor, "Who took part in the talks in Riyadh?", claim, text)
