"""The question analysed once: its kind, the answer it wants, its topic, its period."""

from __future__ import annotations

from datetime import date

import pytest

from rag.answer.question import (
    AnswerType,
    CauseAsked,
    EvidenceChoice,
    QuestionKind,
    analyse_question,
    parse_options,
)
from tests.unit.verify.helpers import parser


def analysed(text: str, now: date | None = None):
    return analyse_question(text, parser(), now)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Who led the Russian delegation?", QuestionKind.FACT),
        ("How long did the meeting last?", QuestionKind.FACT),
        ("Which country hosted the talks?", QuestionKind.FACT),
        ("What did Lavrov say?", QuestionKind.ACCOUNT),
        ("what did lavrov say", QuestionKind.ACCOUNT),
        ("Why are European leaders worried?", QuestionKind.ACCOUNT),
        ("How did Ukraine react?", QuestionKind.ACCOUNT),
        ("What happened in Riyadh?", QuestionKind.ACCOUNT),
        ("What does Russia want?", QuestionKind.ACCOUNT),
        ("Who took part in the talks?", QuestionKind.LIST),
        ("Which countries sent delegations?", QuestionKind.LIST),
        ("Name the officials at the table.", QuestionKind.LIST),
        ("Summarize the articles.", QuestionKind.BRIEF),
        ("Brief me on the Riyadh talks", QuestionKind.BRIEF),
        ("What's the latest on the bridge repairs?", QuestionKind.BRIEF),
        ("What is new since Monday?", QuestionKind.BRIEF),
        ("any news on the strike", QuestionKind.BRIEF),
        ("How do the reports differ on the death toll?", QuestionKind.COMPARISON),
        ("Who won the most recent Lakeside City Marathon?", QuestionKind.FACT),
    ],
)
def test_the_kind_of_question(text: str, kind: QuestionKind) -> None:
    assert analysed(text).kind is kind


@pytest.mark.parametrize(
    ("text", "wants"),
    [
        ("When was GPT-3 released?", AnswerType.DATE),
        ("In which city did the two delegations meet?", AnswerType.PLACE),
        ("Who won the French Presidential Election 2017?", AnswerType.PERSON),
        ("How long did the talks last?", AnswerType.DURATION),
        ("How many people died?", AnswerType.NUMBER),
        ("The 49ers will play the Chiefs. Where will the game take place?", AnswerType.PLACE),
        ("What is the potential earnings for a job where workers are few?", None),
        ("What is the release date of Cyberpunk 2077?", AnswerType.DATE),
        ("What was the final score?", AnswerType.NUMBER),
        ("What is the capital city of France?", AnswerType.PLACE),
        ("What did the team say?", None),
    ],
)
def test_the_kind_of_answer_a_fact_question_wants(text: str, wants: AnswerType | None) -> None:
    assert analysed(text).wants == wants


def test_a_brief_of_the_collection_and_a_brief_on_a_topic() -> None:
    whole = analysed("Summarize the articles.")
    assert whole.about_collection and whole.plan.evidence is EvidenceChoice.COLLECTION
    assert not whole.plan.gated, "a brief of the collection is never refused for its words"
    topic = analysed("Brief me on the Riyadh talks")
    assert not topic.about_collection and topic.topic == "Riyadh talks"
    since = analysed("What's new since Monday?", date(2025, 2, 20))
    assert since.about_collection and since.period and since.period.start == date(2025, 2, 17)


def test_latest_and_options() -> None:
    latest = analysed("Who won the most recent Lakeside City Marathon?", date(2024, 5, 1))
    assert latest.latest and latest.plan.checks == "fact"
    question = "Which beer? Options: Guinness; Landlord; London Pride; Old Speckled Hen."
    assert parse_options(question) == ("Guinness", "Landlord", "London Pride", "Old Speckled Hen")
    assert analysed(question).stem == "Which beer?"
    assert analysed("Name two officials who attended the talks.").several


def test_when_a_question_asks_about_is_not_part_of_its_subject() -> None:
    asked = analysed("What happened most recently in the Varnhagen case?", date(2025, 4, 12))
    assert asked.subject_terms == analysed("Varnhagen case").subject_terms
    latest = analysed(
        "How much did the most recent Lewes Polar Bear Plunge raise?", date(2025, 1, 9)
    )
    assert not {"recent", "recentli"} & latest.subject_terms


def test_an_asking_word_typed_together_with_is_is_not_part_of_the_subject() -> None:
    typed = analysed("whats the latest on the brackenford swimming pool")
    assert typed.subject_terms == analysed("the brackenford swimming pool").subject_terms
    assert (
        typed.subject_terms
        == analysed("What's the latest on the Brackenford swimming pool?").subject_terms
    )


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("What did Mike Waltz say about territory?", "about territory"),
        ("What did Trump write on Truth Social about Zelenskiy?", "about Zelenskiy"),
        ("What did Rubio say on sanctions?", "on sanctions"),
        ("What did Lavrov say on Tuesday?", ""),  # when, not what about
        ("Compare the reports on the power cuts from Storm Corvin.", ""),  # a topic
        # the thing a "what" asks for under a verb of saying
        (
            "What potential crimes did McCarthy say Republicans would investigate?",
            "potential crimes",
        ),
        (
            "What kind of economic cooperation did Dmitriev say they could pursue?",
            "economic cooperation",
        ),
        ("What share of the vote did Haley say she won?", ""),  # a value: the answer kind's
        ("Which economic sanctions were lifted?", ""),  # no verb of saying
        ("The department wants more funding to boost performance in what subject?", ""),
        (
            "Which countries' ministers did Rubio brief about the meeting?",
            "",
        ),  # "did" asks nothing said
    ],
)
def test_what_a_question_asks_about(text: str, focus: str) -> None:
    assert analysed(text).focus == focus


def test_a_question_asking_why_or_what_caused_wants_a_cause() -> None:
    assert analysed("Why was the moon launch delayed?").cause is CauseAsked.WHY
    assert analysed("What caused the AT&T outage?").cause is CauseAsked.WHAT_CAUSED
    assert analysed("What happened in Riyadh?").cause is None


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("Which Russian officials have commented on the talks?", "Russian talks"),
        ("Recap what European governments are doing in response.", "European response"),
        ("Which countries sent delegations to the talks?", "delegations talks"),
        ("What did Lavrov say about the talks?", "Lavrov talks"),
        ("What caused the AT&T outage?", "AT&T outage"),
    ],
)
def test_the_core_of_a_subject_leaves_out_what_the_answer_fills_in(text: str, core: str) -> None:
    assert analysed(text).core_terms == analysed(core).subject_terms
