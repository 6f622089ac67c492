"""The verifier as a whole: support spans, repaired citations, sentences, abstention."""

from __future__ import annotations

from rag.answer.evidence import Source, select_evidence
from rag.answer.grounding import grounded
from rag.answer.prompt import format_sources, source_header
from rag.answer.verify import CHECK_NAMES, CheckConfig, Reason, Verdict, split_answer
from tests.fakes import FakeEmbedder
from tests.unit.verify.helpers import question, source, supported, verifier

TEXT = (
    "Officials met in Riyadh on Tuesday. The meeting lasted four and a half hours. "
    "Sergey Lavrov led the Russian delegation. Marco Rubio led the American one."
)
PASSAGE = source(TEXT, title="Talks", start=1000).passage
LED = "Who led the Russian delegation?"


def talks() -> Source:
    return Source(1, PASSAGE, ((0, 34), (35, 77), (78, 120)))


def test_split_keeps_markers_quotes_and_bullets_with_their_sentence() -> None:
    assert split_answer("Lavrov led it. [1] Rubio led the other [1].") == [
        "Lavrov led it. [1]",
        "Rubio led the other [1].",
    ]
    assert split_answer("The U.S. team met Mr. Lavrov [1].") == [
        "The U.S. team met Mr. Lavrov [1]."
    ]
    assert split_answer('AT&T said: "We restored it. We apologize" [1].') == [
        'AT&T said: "We restored it. We apologize" [1].'
    ]
    assert split_answer("- Lavrov led [1].\n- Rubio led [2].") == [
        "Lavrov led [1].",
        "Rubio led [2].",
    ]


def test_a_supported_sentence_gets_its_support_span() -> None:
    [v] = verifier(LED, talks()).verify("Sergey Lavrov led the Russian delegation [1].")
    assert v.supported and v.citations == [1] and v.reason is None
    start = TEXT.index("Sergey")
    assert v.support[1][0] == 1000 + start


def test_an_uncited_sentence_is_cited_to_the_source_that_supports_it() -> None:
    [v] = verifier(LED, talks()).verify("Sergey Lavrov led the Russian delegation.")
    assert v.supported and v.repaired and v.citations == [1]


def test_an_uncited_sentence_is_cited_to_the_source_it_was_copied_from() -> None:
    """Two sources name the same people; the one that says what the sentence says is cited,
    not the first that passes the checks."""
    names = source(
        "The US and Russia held talks in Riyadh this week, and Ukraine was surprised.", n=1
    )
    says = source("The US and Russia re-established diplomatic relations this week.", n=2)
    asked = "whats the latest on the us russia talks"
    sentence = "The US and Russia re-established diplomatic relations this week."
    assert verifier(asked, names).verify(sentence)[0].supported  # both would pass alone
    [v] = verifier(asked, names, says).verify(sentence)
    assert v.supported and v.repaired and v.citations == [2]


def test_a_rejected_sentence_says_why_in_a_typed_reason() -> None:
    [v] = verifier(LED, talks()).verify("Sergei Shoigu led the Russian delegation [1].")
    assert not v.supported and v.reason is Reason.MISSING_FACTS


def test_every_check_can_be_turned_off() -> None:
    claim = "Sergei Shoigu led the Russian delegation [1]."
    off = CheckConfig().without("facts present", "relation", "actor")
    [v] = verifier(LED, talks(), config=off).verify(claim, repair=False)
    assert v.supported, "with the checks that see the wrong name off, nothing rejects it"
    assert len(CHECK_NAMES) == len(set(CHECK_NAMES)) == 20


def test_a_place_may_be_qualified_by_its_country_from_another_source() -> None:
    asked = "In which city did the delegations meet?"
    city = source("Tuesday's meeting of the delegations in Riyadh was the first of its kind.")
    country = source("The delegations met in Saudi Arabia.", n=2)
    answer = "The delegations met in Riyadh, Saudi Arabia [1]."
    [v] = verifier(asked, city, country).verify(answer, repair=False)
    assert v.supported and v.citations == [1]
    [v] = verifier(asked, city).verify(answer, repair=False)
    assert not v.supported, "the country is in no source"


def test_relative_dates_are_read_from_the_publication_day() -> None:
    dated = source("Talks were held in Riyadh on Tuesday, officials said.", published="2025-02-20")
    assert "on Tuesday (18 February 2025)" in dated.dated_text
    assert "18 February 2025" in format_sources([dated])
    assert supported(
        "When were the talks held in Riyadh?",
        "The talks were held on 18 February 2025 [1].",
        "Talks were held in Riyadh on Tuesday, officials said.",
        published="2025-02-20",
    )


def test_an_answer_about_another_period_says_so() -> None:
    early = source("The Buccaneers won the Super Bowl on Sunday.", published="2021-02-08")
    verdict = Verdict("The Buccaneers won it [1].", [1], False, reason=Reason.ANOTHER_TIME)
    asked = question("Who won the 2022 Super Bowl?")
    parts = grounded([verdict], {1: early.passage}, [early.passage], False, asked)
    assert parts["abstained"] and parts["period_mismatch"].found == ["2021"]
    assert "2022" in parts["answer"] and "2021" in parts["answer"]
    later = source("The 2023 and 2024 finals were held in Las Vegas and Miami.", n=2)
    parts = grounded([verdict], {1: early.passage}, [early.passage, later.passage], False, asked)
    assert parts["answer"].endswith("speak of 2021, 2023 and 2024."), parts["answer"]


def test_a_brief_is_shown_as_points() -> None:
    verdicts = [Verdict(f"Point {n} [1].", [1], True, {1: (0, 5)}) for n in (1, 2)]
    asked = question("Summarize the articles.")
    parts = grounded(verdicts, {1: PASSAGE}, [PASSAGE], False, asked)
    assert parts["answer"] == "- Point 1 [1].\n- Point 2 [1]."


def test_evidence_keeps_the_relevant_sentences_within_budget() -> None:
    def count(text: str) -> int:
        return len(text.split())

    [chosen] = select_evidence(LED, [PASSAGE], FakeEmbedder(), count, 14, source_header)
    assert "Sergey Lavrov led the Russian delegation." in chosen.text
    assert select_evidence("Who?", [PASSAGE], FakeEmbedder(), count, 0, source_header) == []


def test_a_list_item_is_checked_as_the_statement_it_stands_for() -> None:
    text = (
        "Marco Rubio and Sergei Lavrov took part in the talks in Riyadh. "
        "Alexander Vinnik, who was arrested in Greece, was released in a prisoner swap."
    )
    checker = verifier("Who took part in the talks?", source(text))
    [kept, dropped] = checker.verify("- Marco Rubio [1]\n- Alexander Vinnik [1]", repair=False)
    assert kept.supported, "Rubio took part in the talks"
    assert not dropped.supported, "Vinnik is in the source, but not as taking part"


def test_a_list_item_saying_what_it_is_is_checked_as_that_when_no_wh_word_asks() -> None:
    text = (
        "Daniel Ferrant won the 2023 Wendle Valley Half Marathon in 1:04:31. "
        "Priya Castellan was second in the women's race."
    )
    checker = verifier("list the winners of the half marathon by year", source(text))
    [kept, dropped] = checker.verify(
        "- Daniel Ferrant, winner of the Wendle Valley Half Marathon in 2023 [1]\n"
        "- Priya Castellan, winner of the Wendle Valley Half Marathon in 2023 [1]",
        repair=False,
    )
    assert kept.supported, "Ferrant won in 2023"
    assert not dropped.supported, "Castellan is in the source, but not as a winner"
