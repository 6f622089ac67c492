"""Fragment: a headline or byline the model copied is not a sentence of the answer."""

from __future__ import annotations

from rag.answer.verify import fragment
from rag.answer.verify.reasons import Reason
from tests.unit.verify.helpers import passes, source, verifier


def test_a_headline_run_into_a_sentence_fails() -> None:
    asked = "What did Russia demand?"
    headline = (
        "As Europe stands rattled, Russia dictates its terms Even at the onset, it asked [1]."
    )
    assert not passes(fragment, asked, headline)
    assert not passes(fragment, asked, "Russia's demands for Ukraine [1].")


def test_a_sentence_naming_a_work_passes() -> None:
    asked = "When did The Crown return?"
    assert passes(fragment, asked, "Netflix released season four of The Crown in 2020 [1].")


def test_a_sentence_cut_off_or_an_aside_in_brackets_fails() -> None:
    asked = "What does Russia want?"
    assert not passes(fragment, asked, "(Trump's administration said it agreed to more talks…) [4]")
    assert not passes(fragment, asked, "Russia said it wants the talks to go on... [1]")
    assert passes(fragment, asked, "Russia wants the talks (held in Riyadh) to go on [1].")


def test_an_abbreviation_after_a_lower_case_word_is_no_headline() -> None:
    asked = "What is men's year-end No 1 in tennis in 2019?"
    assert passes(fragment, asked, "The men's year-end No. 1 in 2019 is Rafael Nadal [1].")


def test_a_month_after_a_lower_case_word_is_no_headline() -> None:
    # "May" is also a stop word; as a date it does not start a headline
    asked = "What's the latest on the footbridge?"
    assert passes(fragment, asked, "Work on site begins on May 5 [1].")


def test_a_sentence_a_source_wrote_is_one_though_its_verb_reads_as_a_noun() -> None:
    asked = "What's new since April 8?"
    results = "Hanne Stavik's women's course record of 1:11:47 stands. About 2,610 finished."
    checker = verifier(asked, source(results))

    def fragment_reason(said: str) -> Reason | None:
        return fragment.check(checker.claim(said), checker.context)

    assert fragment_reason("Hanne Stavik's women's course record of 1:11:47 stands [1].") is None
    assert fragment_reason("Hanne Stavik's women's course record [1].") is not None


def test_a_sentence_saying_only_that_someone_spoke_fails() -> None:
    asked = "What happened at the Chiefs' Super Bowl parade?"
    assert not passes(fragment, asked, "He said. [1]")
    assert not passes(fragment, asked, "They added. [1]")
    assert passes(fragment, asked, "He said shots were fired near the parade. [1]")


def test_a_line_repeating_a_source_title_is_a_headline_in_a_brief() -> None:
    asked = "Brief me on the Odysseus mission."
    title = "Historic moon landing: Odysseus touches down week after SpaceX launch"
    text = "Odysseus touched down near the moon's south pole on Thursday, NASA said."
    checker = verifier(asked, source(text, title=title))

    def fragment_reason(said: str) -> Reason | None:
        return fragment.check(checker.claim(said), checker.context)

    assert fragment_reason(f"- {title} [1]") is Reason.NOT_A_SENTENCE
    assert fragment_reason("- Odysseus touched down near the moon's south pole [1].") is None
