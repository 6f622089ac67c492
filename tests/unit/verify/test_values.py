"""Where a fact is written in a parse: a name's tokens, however the tokenizer cut them."""

from __future__ import annotations

from rag.answer.verify.values import value_tokens
from rag.language.facts import Facts
from tests.unit.verify.helpers import parser


def written(text: str, name: str) -> list[str]:
    [tokens] = value_tokens(parser()(text), Facts(frozenset(), frozenset(), (name,)))
    return [t.text for t in tokens]


def test_a_name_ending_the_sentence_with_its_full_stop_is_found() -> None:
    assert written("Odysseus was designed and is operated by SpaceX.", "SpaceX") == ["SpaceX."]


def test_a_one_letter_name_is_found_as_written_and_not_inside_other_words() -> None:
    assert written("Carano sued X along with Disney.", "X") == ["X"]
    assert written("Carano sued Lucasfilm along with Disney.", "X") == []


def test_an_acronym_is_found_written_out() -> None:
    assert written("Greece became the 16th European Union country to do so.", "EU") == [
        "European",
        "Union",
    ]
    assert written("Greece became the 16th EU country to do so.", "EU") == ["EU"]
