"""Reports that give different values: a revision names both days, a disagreement both
reports; copies of one report are never a second opinion."""

from __future__ import annotations

from dataclasses import replace

from rag.answer.disagreements import compare_reports
from tests.unit.verify.helpers import source, verifier


def dated_source(text: str, published: str | None, n: int = 1):
    return source(text, n=n, published=published)


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
    checker = verifier(QUESTION, *sources)
    verdicts = checker.verify(answer, repair=False)
    return [v.text for v in compare_reports(checker, verdicts, sources) if v.supported]


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
    checker = verifier("When did the storm damage the Harbour Bridge?", FIRST, UPDATE)
    answer = "The storm damaged the Harbour Bridge on Saturday (2 November 2024) [1]."
    verdicts = checker.verify(answer, repair=False)
    assert compare_reports(checker, verdicts, [FIRST, UPDATE]) == verdicts, "dates differ by event"


TOLL = "How many people died when the ferry capsized?"


def report(text: str, published: str | None, n: int, article: str):
    source = dated_source(text, published, n)
    passage = source.passage.model_copy(
        update={"article_id": article, "passage_id": f"{article}#0"}
    )
    return replace(source, passage=passage)


WIRE = report(
    "The ferry capsized off Talvik on Sunday, killing 12 people.", "2025-05-12", 1, "wire"
)
HOSPITAL = report(
    "At least 15 people died when the ferry sank off Talvik, the hospital said.",
    "2025-05-12",
    2,
    "herald",
)


def compared(answer: str, sources, story_of=None):
    checker = verifier(TOLL, *sources)
    verdicts = checker.verify(answer, repair=False)
    return compare_reports(checker, verdicts, sources, story_of)


def test_reports_of_one_day_that_disagree_are_both_shown_with_their_claims() -> None:
    verdicts = compared("12 people died when the ferry capsized [1].", [WIRE, HOSPITAL])
    assert verdicts[0].text == "12 people died when the ferry capsized [1]."
    assert verdicts[1].text.startswith("Another report gives another figure: “At least 15")
    assert verdicts[1].citations == [2] and verdicts[1].supported
    claims = verdicts[1].differs
    assert [n for _, n in claims] == [1, 2]
    assert claims[0][0] == "12 people died when the ferry capsized."
    assert "At least 15 people died" in claims[1][0]
    undated = [
        replace(s, passage=s.passage.model_copy(update={"date": None})) for s in (WIRE, HOSPITAL)
    ]
    assert len(compared("12 people died when the ferry capsized [1].", undated)) == 2


def test_a_copy_of_the_cited_report_is_not_a_second_opinion() -> None:
    story_of = {"wire": "wire", "herald": "wire"}
    verdicts = compared("12 people died when the ferry capsized [1].", [WIRE, HOSPITAL], story_of)
    assert [v.text for v in verdicts] == ["12 people died when the ferry capsized [1]."]


def test_a_disagreement_on_something_else_than_a_figure_is_not_reported() -> None:
    checker = verifier("Where did the ferry capsize?", WIRE, HOSPITAL)
    answer = "The ferry capsized off Talvik [1]."
    verdicts = checker.verify(answer, repair=False)
    assert compare_reports(checker, verdicts, [WIRE, HOSPITAL]) == verdicts


def test_a_figure_of_something_else_is_no_disagreement() -> None:
    question = "How much did Google acquire YouTube for?"
    deal = report("Google bought YouTube for 1.65 billion dollars in 2006.", None, 1, "deal")
    phone = report("Google Pixel 6: price and release date of Google's phone.", None, 2, "phone")
    other_price = report(
        "Google paid 1.8 billion dollars for YouTube, a filing says.", None, 3, "x"
    )
    answer = "Google acquired YouTube for 1.65 billion dollars [1]."
    checker = verifier(question, deal, phone)
    verdicts = checker.verify(answer, repair=False)
    assert compare_reports(checker, verdicts, [deal, phone]) == verdicts, "Pixel 6 is a name"
    checker = verifier(question, deal, other_price)
    verdicts = checker.verify(answer, repair=False)
    assert len(compare_reports(checker, verdicts, [deal, other_price])) == 2
