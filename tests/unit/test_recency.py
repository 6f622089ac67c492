"""A newer report that gives another value is the current state; both days are named."""

from __future__ import annotations

from rag.answer.recency import with_revision
from rag.answer.verify import Verifier
from tests.fakes import FakeEmbedder
from tests.unit.test_verify import dated_source

QUESTION = "How long will the Harbour Bridge repairs take?"
FIRST = dated_source(
    "A storm damaged the Harbour Bridge on Saturday. City engineer Maria Lund said the "
    "Harbour Bridge repairs would take about six weeks.",
    "2024-11-04",
    n=1,
)
UPDATE = dated_source(
    "The Harbour Bridge repairs will take about four months, not the first estimate, "
    "engineer Maria Lund said. Inspectors found cracks in the piers.",
    "2024-11-20",
    n=2,
)
OTHER_STORY = dated_source(
    "The city library will reopen in three weeks after its renovation.", "2024-11-25", n=3
)


def revised(answer: str, sources) -> list[str]:
    verifier = Verifier(FakeEmbedder(), QUESTION)
    verdicts = verifier.verify(answer, sources, repair=False)
    return [v.text for v in with_revision(verifier, verdicts, sources) if v.supported]


def test_an_answer_from_the_older_report_gives_way_to_the_newer_one() -> None:
    texts = revised("The repairs will take about six weeks [1].", [FIRST, UPDATE])
    assert texts[0].startswith("The newest report, of 20 November 2024, says:"), texts
    assert "four months" in texts[0] and texts[0].endswith("[2]")
    assert texts[1] == "Earlier, on 4 November 2024: The repairs will take about six weeks [1]."


def test_an_answer_from_the_newer_report_names_the_earlier_one() -> None:
    texts = revised("The repairs will take about four months [2].", [FIRST, UPDATE])
    assert (
        texts[0] == "As reported on 20 November 2024: The repairs will take about four months [2]."
    )
    assert texts[1].startswith("An earlier report, of 4 November 2024, said:")
    assert "six weeks" in texts[1] and texts[1].endswith("[1]")


def test_reports_that_agree_or_speak_of_something_else_change_nothing() -> None:
    same = dated_source(FIRST.passage.text, "2024-11-05", n=2)
    assert revised("The repairs will take about six weeks [1].", [FIRST, same]) == [
        "The repairs will take about six weeks [1]."
    ]
    assert revised("The repairs will take about four months [2].", [UPDATE, OTHER_STORY]) == [
        "The repairs will take about four months [2]."
    ]


def test_a_report_a_year_apart_or_a_different_day_is_not_a_revision() -> None:
    a_year_later = dated_source(UPDATE.passage.text, "2025-11-20", n=2)
    assert revised("The repairs will take about six weeks [1].", [FIRST, a_year_later]) == [
        "The repairs will take about six weeks [1]."
    ]
    verifier = Verifier(FakeEmbedder(), "When did the storm damage the Harbour Bridge?")
    answer = "The storm damaged the Harbour Bridge on Saturday (2 November 2024) [1]."
    verdicts = verifier.verify(answer, [FIRST, UPDATE], repair=False)
    assert with_revision(verifier, verdicts, [FIRST, UPDATE]) == verdicts, "dates differ by event"
