from rag.answer.citations import cited_numbers, normalize_markers, strip_markers


def test_numbers_in_order_without_repeats() -> None:
    assert cited_numbers("A [2]. B [1][2]. C [3, 1].") == [2, 1, 3]
    assert cited_numbers("No citations here.") == []


def test_markers_are_stripped_and_loose_forms_normalized() -> None:
    assert strip_markers("Talks ended [1, 7].") == "Talks ended."
    assert normalize_markers("Talks ended (2).") == "Talks ended [2]."
    assert normalize_markers("Talks ended (Source: [1]).") == "Talks ended [1]."
    assert normalize_markers("- Marco Rubio (1)\n- Lavrov (3)") == "- Marco Rubio [1]\n- Lavrov [3]"
    assert normalize_markers("Then (see 3) it fell.") == "Then (see 3) it fell."
