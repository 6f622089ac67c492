from pathlib import Path

import pytest

from rag.index.passages import cut_passages
from rag.models.embedding import MAX_WORD_PIECES, WordPieceTokenizer
from rag.text import sentence_spans
from tests.conftest import SAMPLE_ARTICLES
from tests.fakes import WordTokenizer


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_sentences_respect_abbreviations_and_lines() -> None:
    text = 'U.S. officials met Mr. Lavrov in Riyadh. "It was positive," he said.\nNext paragraph!'
    assert sentences(text) == [
        "U.S. officials met Mr. Lavrov in Riyadh.",
        '"It was positive," he said.',
        "Next paragraph!",
    ]


def test_chunks_are_exact_slices_within_size_with_overlap() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(60))
    chunks = cut_passages(text, WordTokenizer(), max_pieces=30, overlap=8)
    tokenizer = WordTokenizer()
    assert len(chunks) > 5
    for i, chunk in enumerate(chunks):
        assert chunk.index == i
        assert chunk.text == text[chunk.start : chunk.end]
        assert len(tokenizer.token_spans(chunk.text)) <= 30
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert after.start < before.end, "neighbours share trailing sentences"
        assert after.start > before.start
    assert chunks[0].start == 0 and chunks[-1].end == len(text)


def test_no_overlap_gives_disjoint_chunks() -> None:
    text = " ".join(f"Fact {i} holds." for i in range(40))
    chunks = cut_passages(text, WordTokenizer(), max_pieces=12, overlap=0)
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert after.start > before.end - 1


def test_overlong_sentence_is_cut_into_windows() -> None:
    text = "word " * 500 + "end."
    chunks = cut_passages(text.strip(), WordTokenizer(), max_pieces=100, overlap=10)
    assert len(chunks) >= 5
    assert all(len(WordTokenizer().token_spans(c.text)) <= 100 for c in chunks)
    assert chunks[-1].text.endswith("end.")


def test_overlap_must_be_smaller_than_size() -> None:
    with pytest.raises(ValueError):
        cut_passages("Some text.", WordTokenizer(), max_pieces=10, overlap=10)


@pytest.mark.parametrize("path", sorted(SAMPLE_ARTICLES.glob("*.txt")), ids=lambda p: p.name)
def test_no_sample_chunk_is_truncated_by_the_embedding_model(path: Path) -> None:
    """all-MiniLM-L6-v2 silently drops word pieces past 256: no passage may reach that."""
    tokenizer = WordPieceTokenizer()
    text = path.read_text()
    chunks = cut_passages(text, tokenizer, max_pieces=250, overlap=40)
    assert chunks
    for chunk in chunks:
        assert tokenizer.count(chunk.text) <= MAX_WORD_PIECES


def test_hard_text_never_exceeds_the_window() -> None:
    """Long unbroken sentences, numbers and rare words split into many word pieces."""
    tokenizer = WordPieceTokenizer()
    text = (
        "Antidisestablishmentarianism-like hyperconcatenations 1234567890.0987654321 "
        "Zakharova Ryabkov Dmitriev Diriyah " * 80
    )
    for size in (64, 160, 250):
        for chunk in cut_passages(text, tokenizer, max_pieces=size, overlap=16):
            assert tokenizer.count(chunk.text) <= min(size + 8, MAX_WORD_PIECES)
