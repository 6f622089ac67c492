import pytest

from rag.answer.citations import (
    cited_numbers,
    normalize_markers,
    strip_markers,
    without_copied_header,
    without_source_talk,
)


def test_numbers_in_order_without_repeats() -> None:
    assert cited_numbers("A [2]. B [1][2]. C [3, 1].") == [2, 1, 3]
    assert cited_numbers("No citations here.") == []


def test_markers_are_stripped_and_loose_forms_normalized() -> None:
    assert strip_markers("Talks ended [1, 7].") == "Talks ended."
    assert normalize_markers("Talks ended (2).") == "Talks ended [2]."
    assert normalize_markers("Talks ended (Source: [1]).") == "Talks ended [1]."
    assert normalize_markers("- Marco Rubio (1)\n- Lavrov (3)") == "- Marco Rubio [1]\n- Lavrov [3]"
    assert normalize_markers("Then (see 3) it fell.") == "Then (see 3) it fell."


@pytest.mark.parametrize(
    ("written", "claim"),
    [
        (
            "According to source [2], the bridge will cost $3.9 million.",
            "The bridge will cost $3.9 million [2].",
        ),
        (
            "The newest report is from source [1], which states that Colette Varnhagen was "
            "sentenced on Thursday.",
            "Colette Varnhagen was sentenced on Thursday [1].",
        ),
        ("Source [3] says that turnout was 40% [3].", "Turnout was 40% [3]."),
        ("- According to the article [4], Lavrov spoke first", "- Lavrov spoke first [4]."),
        (
            "It was released on September 20, 2019, as per source [2].",
            "It was released on September 20, 2019 [2].",
        ),
        (
            "The sources also report that most homes should be reconnected within 48 hours.",
            "Most homes should be reconnected within 48 hours.",
        ),
        (
            "The first source reports that 15,400 customers lost power [1].",
            "15,400 customers lost power [1].",
        ),
        (
            "The source of the leak was a contractor [1].",
            "The source of the leak was a contractor [1].",
        ),
    ],
)
def test_a_sentence_about_its_source_becomes_its_claim(written: str, claim: str) -> None:
    assert without_source_talk(written) == claim


def test_a_copied_source_header_is_left_out() -> None:
    copied = (
        "- New footbridge contract awarded; opening slips to November; 2025-04-02) Ostley "
        "County Council has awarded the contract [2]."
    )
    assert without_copied_header(copied) == "- Ostley County Council has awarded the contract [2]."
    assert without_copied_header("(2025-04-02) It opened.") == "It opened."
    kept = "The bridge (closed since 2025-03-03) opens in May [1]."
    assert without_copied_header(kept) == kept
