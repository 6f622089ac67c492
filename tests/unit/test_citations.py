from rag.citations import cited_numbers, resolve_citations, strip_invalid_markers
from rag.types import Passage


def passage(n: int) -> Passage:
    return Passage(
        chunk_id=f"doc{n}#0",
        doc_id=f"doc{n}",
        chunk_index=0,
        title=f"T{n}",
        source="s",
        text=f"text {n}",
        start=0,
        end=6,
        score=0.5,
    )


def test_numbers_in_order_without_repeats() -> None:
    assert cited_numbers("A [2]. B [1][2]. C [3, 1].") == [2, 1, 3]
    assert cited_numbers("No citations here.") == []


def test_invalid_numbers_are_removed_from_text() -> None:
    assert strip_invalid_markers("Talks ended [7].", range(1, 5)) == "Talks ended."
    assert strip_invalid_markers("Talks ended [1, 7].", range(1, 5)) == "Talks ended [1]."


def test_resolve_maps_numbers_to_prompt_passages() -> None:
    passages = [passage(1), passage(2), passage(3)]
    text, citations = resolve_citations("X happened [3]. Y too [1][9].", passages)
    assert text == "X happened [3]. Y too [1]."
    assert [(c.n, c.doc_id, c.text) for c in citations] == [
        (3, "doc3", "text 3"),
        (1, "doc1", "text 1"),
    ]
