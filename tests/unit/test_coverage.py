"""Evidence for open questions: statements of the reports, their leads and particulars first."""

from __future__ import annotations

from rag.answer.coverage import cover_evidence, is_aside, is_headline
from tests.fakes import FakeEmbedder, count_words, one_passage_article


class OneVector:
    """Every text alike: what decides between sentences is not their meaning."""

    def embed(self, texts: list[str]) -> list[list[float]]:
        return [[1.0, 0.0] for _ in texts]


def chosen(text: str, question: str, budget: int = 400, index: int = 0, embedder=None) -> list[str]:
    """The sentences chosen from ``text``, passage ``index`` of its article."""
    passage = one_passage_article("skater", text, "2024-01-30").model_copy(update={"index": index})
    sources = cover_evidence(
        question, [passage], embedder or FakeEmbedder(), count_words, budget, lambda p: "", None
    )
    return [passage.text[a:b] for source in sources for a, b in source.spans]


def test_subheadings_asked_as_questions_and_labelled_lines_are_asides() -> None:
    assert is_aside("What has Russia said?")
    assert is_aside("Why was Valieva allowed to compete?")
    assert is_aside("OPINION:Kamila Valieva was failed by the adults in her life")
    assert is_aside("READ MORE: Latest climate change news from USA TODAY")
    assert is_aside("Corrections & Clarifications: A previous version of this story erred.")
    assert is_aside("EDITOR'S NOTE: An earlier version of this story misnamed the chief.")


def test_statements_quotes_and_datelines_are_not_asides() -> None:
    assert not is_aside('"Why now?" the minister asked the reporters on Monday.')
    assert not is_aside("WASHINGTON (AP) — Four Big Tech CEOs testified on Wednesday.")
    assert not is_aside("The agency said: the ban runs for four years.")
    assert not is_aside("Valieva tested positive for trimetazidine in December 2021.")
    # a paragraph its outlet labels, stated in full
    assert not is_aside("MATCH POINT: Andreescu is the first teenager to win a Grand Slam.")


def test_a_headline_is_a_short_line_without_a_full_stop() -> None:
    assert is_headline("Valieva banned for four years")
    assert not is_headline("Valieva was banned for four years.")


def test_asides_never_reach_the_model() -> None:
    text = (
        "Kamila Valieva was banned for four years on Monday.\n\n"
        "What has Russia said about Kamila Valieva?\n\n"
        "OPINION: Kamila Valieva was failed by the adults around her – and it showed\n\n"
        "The Court of Arbitration for Sport backdated the ban to December 2021."
    )
    picked = chosen(text, "kamila valieva")
    assert "What has Russia said about Kamila Valieva?" not in picked
    assert not any(s.startswith("OPINION") for s in picked)
    assert "Kamila Valieva was banned for four years on Monday." in picked


def test_the_lead_is_the_first_statement_after_the_outlet_and_headline() -> None:
    """The lead bonus goes to the report's first statements, not to the lines above them."""
    text = (
        "Sports Desk\n\n"
        "Skater banned\n\n"
        "The skater was banned for four years by the court on that day.\n\n"
        "The skater was not at the court when the ban was read out.\n\n"
        "The skater trained in Moscow with Eteri Tutberidze from 2019 to 2022."
    )
    picked = chosen(text, "the skater", budget=18, embedder=OneVector())
    assert picked[0].startswith("The skater was banned")


def test_a_sentence_with_particulars_comes_before_an_equally_close_vague_one() -> None:
    text = (
        "The Valieva case is about much more than one skater, people say.\n\n"
        "The Valieva case began with a test for trimetazidine on Dec. 25, 2021 in Moscow.\n\n"
        "People have long had many thoughts about the Valieva case and what it means."
    )
    picked = chosen(text, "valieva case", budget=22, index=3, embedder=OneVector())
    assert picked == [
        "The Valieva case began with a test for trimetazidine on Dec. 25, 2021 in Moscow."
    ]
