"""Sentence verification and evidence selection, with the fake embedder."""

from __future__ import annotations

from rag.answer.evidence import Source, select_evidence
from rag.answer.grounding import grounded
from rag.answer.prompt import format_sources, source_header
from rag.answer.verify import ANOTHER_TIME, Verdict, Verifier, split_answer
from rag.text import sentence_spans
from rag.types import Answer, Passage
from tests.fakes import FakeEmbedder

TEXT = (
    "Officials met in Riyadh on Tuesday. The meeting lasted four and a half hours. "
    "Sergey Lavrov led the Russian delegation. Marco Rubio led the American one."
)
PASSAGE = Passage(
    passage_id="a#0",
    article_id="a",
    index=0,
    title="Talks",
    source="s",
    text=TEXT,
    start=1000,
    end=1000 + len(TEXT),
    score=0.7,
)


def source(n: int = 1) -> Source:
    return Source(n, PASSAGE, tuple(sentence_spans(TEXT)[:3]))


def verdicts(answer: str, question: str = "Who led the Russian delegation?"):
    return Verifier(FakeEmbedder(), question).verify(answer, [source()])


def test_split_keeps_markers_with_their_sentence() -> None:
    assert split_answer("Lavrov led it. [1] Rubio led the other [1].") == [
        "Lavrov led it. [1]",
        "Rubio led the other [1].",
    ]
    assert split_answer("The U.S. team met Mr. Lavrov [1].") == [
        "The U.S. team met Mr. Lavrov [1]."
    ]


def test_supported_sentence_gets_its_support_span() -> None:
    [v] = verdicts("Sergey Lavrov led the Russian delegation [1].")
    assert v.supported and v.citations == [1]
    start = TEXT.index("Sergey")
    assert v.support[1] == (
        1000 + start,
        1000 + start + len("Sergey Lavrov led the Russian delegation."),
    )


def test_wrong_name_or_number_is_unsupported() -> None:
    assert not verdicts("Sergei Shoigu led the Russian delegation [1].")[0].supported
    assert not verdicts("The meeting lasted 9 hours [1].", "How long was the meeting?")[0].supported


def test_restating_the_question_about_something_else_is_unsupported() -> None:
    [v] = verdicts("Argentina won the 2022 World Cup [1].", "Who won the 2022 World Cup?")
    assert not v.supported


def test_uncited_sentence_is_repaired_when_a_source_supports_it() -> None:
    [v] = verdicts("Sergey Lavrov led the Russian delegation.")
    assert v.supported and v.repaired and v.citations == [1]


def test_evidence_keeps_the_relevant_sentences_within_budget() -> None:
    def count(text: str) -> int:
        return len(text.split())

    sources = select_evidence(
        "Who led the Russian delegation?",
        [PASSAGE],
        FakeEmbedder(),
        count,
        14,
        source_header,
    )
    [chosen] = sources
    assert "Sergey Lavrov led the Russian delegation." in chosen.text
    assert sum(count(PASSAGE.text[s:e]) + 1 for s, e in chosen.spans) + 3 <= 14
    assert select_evidence("Who?", [PASSAGE], FakeEmbedder(), count, 0, source_header) == []


def passage_of(text: str) -> Source:
    passage = Passage(
        passage_id="b#0",
        article_id="b",
        index=0,
        title="",
        source="s",
        text=text,
        start=0,
        end=len(text),
        score=0.7,
    )
    return Source(1, passage, tuple(sentence_spans(text)))


def supported(question: str, answer: str, text: str) -> bool:
    [verdict] = Verifier(FakeEmbedder(), question).verify(answer, [passage_of(text)], repair=False)
    return verdict.supported


def test_a_paraphrase_that_keeps_the_facts_is_supported() -> None:
    text = "Tuesday's match in Lisbon between the two sides ended in a draw."
    assert supported(
        "In which city did the two teams meet?",
        "The two teams met in Lisbon [1].",
        text,
    )


def test_facts_in_another_year_or_of_another_kind_are_not_support() -> None:
    text = "Unions said they will meet again within two weeks. The strike began in March."
    assert not supported(
        "How long did the strike last?", "The strike lasted three weeks [1].", text
    ), "a figure the source does not state"
    assert not supported(
        "Where did the strike take place?", "The strike began in March [1].", text
    ), "a date does not answer where"
    season = "The 2019 Women's British Open was won by Hinako Shibuno of Japan."
    assert not supported(
        "Who won the British Open golf tournament in 2020?",
        "Hinako Shibuno won the British Open in 2020 [1].",
        season,
    ), "the source speaks of 2019 only"


def test_a_corrected_premise_is_an_answer() -> None:
    text = "No start date for the ceasefire has been agreed, officials said on Friday."
    assert supported(
        "When does the ceasefire start?",
        "No start date for the ceasefire has been agreed yet [1].",
        text,
    )


def test_a_multiple_choice_answer_must_pick_one_supported_option() -> None:
    question = "Where will Super Bowl LVIII take place? Options: Las Vegas; Atlanta; San Francisco."
    text = "Super Bowl LVIII will be played in Las Vegas on February 11, the league said."
    assert supported(question, "The game will take place in Las Vegas [1].", text)
    assert not supported(question, "The game will take place in Atlanta [1].", text)
    assert not supported(question, "It is Las Vegas or Atlanta [1].", text)


def test_a_place_may_be_qualified_by_its_country_from_another_source() -> None:
    question = "In which city did the delegations meet?"
    city = passage_of("Tuesday's meeting of the delegations in Riyadh was the first of its kind.")
    country = passage_of("The delegations met in Saudi Arabia.")
    country = Source(2, country.passage, country.spans)
    answer = "The delegations met in Riyadh, Saudi Arabia [1]."
    [verdict] = Verifier(FakeEmbedder(), question).verify(answer, [city, country], repair=False)
    assert verdict.supported and verdict.citations == [1]
    [verdict] = Verifier(FakeEmbedder(), question).verify(answer, [city], repair=False)
    assert not verdict.supported, "the country is in no source"
    [verdict] = Verifier(FakeEmbedder(), question).verify(
        "The delegations met in Saudi Arabia, Riyadh [1].", [country], repair=False
    )
    assert not verdict.supported, "the city itself must be in the cited source"


def dated_source(text: str, published: str | None, n: int = 1) -> Source:
    plain = passage_of(text).passage
    return Source(n, plain.model_copy(update={"date": published}), tuple(sentence_spans(text)))


def test_relative_dates_are_read_from_the_publication_day() -> None:
    source = dated_source("Talks were held in Riyadh on Tuesday, officials said.", "2025-02-20")
    assert "on Tuesday (18 February 2025)" in source.dated_text
    assert "18 February 2025" in format_sources([source])
    answer = "The talks were held on 18 February 2025 [1]."
    [verdict] = Verifier(FakeEmbedder(), "When were the talks held in Riyadh?").verify(
        answer, [source], repair=False
    )
    assert verdict.supported, "the resolved day is what the source says"
    undated = dated_source("Talks were held in Riyadh on Tuesday, officials said.", None)
    assert undated.dated_text == undated.text


def test_an_article_published_before_the_asked_year_does_not_answer_for_it() -> None:
    question = "Who won the 2022 Super Bowl?"
    text = "The Tampa Bay Buccaneers won the Super Bowl on Sunday, beating the Chiefs."
    answer = "The Tampa Bay Buccaneers won the 2022 Super Bowl [1]."
    early = dated_source(text, "2021-02-08")
    [verdict] = Verifier(FakeEmbedder(), question).verify(answer, [early], repair=False)
    assert not verdict.supported and verdict.reason == ANOTHER_TIME
    later = dated_source(text, "2022-02-14")
    [verdict] = Verifier(FakeEmbedder(), question).verify(answer, [later], repair=False)
    assert verdict.supported


def test_an_answer_about_another_period_says_so() -> None:
    early = dated_source("The Buccaneers won the Super Bowl on Sunday.", "2021-02-08")
    verdict = Verdict(
        "The Buccaneers won the 2022 Super Bowl [1].", [1], False, reason=ANOTHER_TIME
    )
    result = Answer(question="Who won the 2022 Super Bowl?", answer="", abstained=False)
    answer = grounded(result, [verdict], {1: early.passage}, [early.passage], False)
    assert answer.abstained and answer.period_mismatch is not None
    assert answer.period_mismatch.asked == "2022" and answer.period_mismatch.found == ["2021"]
    assert "2022" in answer.answer and "2021" in answer.answer
    assert answer.related == [early.passage]
    later = dated_source("The 2023 and 2024 finals were held in Las Vegas and Miami.", None)
    result = Answer(question="Who won the 2022 Super Bowl?", answer="", abstained=False)
    related = [early.passage, later.passage]
    answer = grounded(result, [verdict], {1: early.passage}, related, False)
    assert answer.answer.endswith("speak of 2021, 2023 and 2024."), answer.answer


def test_a_name_that_opens_the_answer_counts_when_the_sources_use_it_as_one() -> None:
    text = "The final ended 1-0 after extra time. It was won by Germany in Rio de Janeiro."
    assert supported("Who won the 2014 final?", "Germany won the 2014 final [1].", text)
    assert not supported("Who won the 2014 final?", "Argentina won the 2014 final [1].", text), (
        "a name the source does not hold"
    )


def test_the_years_of_the_whole_source_count_when_its_sentence_names_none() -> None:
    text = "Novak Djokovic won the gentlemen's singles title. It was the 2018 Wimbledon final."
    assert not supported(
        "Who won the men's singles at Wimbledon in 2013?",
        "Novak Djokovic won the men's singles at Wimbledon in 2013 [1].",
        text,
    )
    assert supported(
        "Who won the men's singles at Wimbledon in 2018?",
        "Novak Djokovic won the men's singles at Wimbledon in 2018 [1].",
        text,
    )
