"""Same period: the window can be about the year the question asks about."""

from __future__ import annotations

from rag.answer.verify.reasons import Reason
from tests.unit.verify.helpers import reason, supported


def test_a_source_of_another_year_does_not_answer() -> None:
    text = "The 2019 Women's British Open was won by Hinako Shibuno of Japan."
    asked = "Who won the British Open golf tournament in 2020?"
    assert reason(asked, "Hinako Shibuno won the British Open in 2020 [1].", text) in (
        Reason.ANOTHER_TIME,
        Reason.MISSING_FACTS,
    )


def test_an_article_published_before_the_asked_year_does_not_answer_for_it() -> None:
    asked = "Who won the 2022 Super Bowl?"
    text = "The Tampa Bay Buccaneers won the Super Bowl on Sunday, beating the Chiefs."
    answer = "The Tampa Bay Buccaneers won the Super Bowl [1]."
    assert not supported(asked, answer, text, published="2021-02-08")
    assert supported(asked, answer, text, published="2022-02-14")


def test_the_years_of_the_whole_source_count_when_its_sentence_names_none() -> None:
    text = "Novak Djokovic won the gentlemen's singles title. It was the 2018 Wimbledon final."
    answer = "Novak Djokovic won the men's singles at Wimbledon [1]."
    assert not supported("Who won the men's singles at Wimbledon in 2013?", answer, text)
    assert supported("Who won the men's singles at Wimbledon in 2018?", answer, text)


def test_a_sentence_naming_the_asked_thing_by_another_year_does_not_answer() -> None:
    text = (
        "Hinako Shibuno of Japan won the 2019 Women's British Open golf tournament. The event "
        "will be the first women's major golf championship of 2020."
    )
    asked = "Who won the British Open golf tournament in 2020?"
    claim = "Hinako Shibuno won the 2019 Women's British Open golf tournament in 2020 [1]."
    assert reason(asked, claim, text) is Reason.ANOTHER_TIME
    text = "Tadej Pogacar, the 2020 champion, won the 2021 Tour de France on Sunday."
    claim = "Tadej Pogacar, the 2020 champion, won the 2021 Tour de France [1]."
    assert reason("Who won the 2021 Tour de France?", claim, text) is None
