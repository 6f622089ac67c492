"""Time in questions and relative dates in article text, read against a fixed day."""

from __future__ import annotations

import time
from datetime import date

import pytest

from rag.errors import NewsqaError
from rag.question_time import dated_question, question_period
from rag.timeframes import Period, annotate, find_days, parse_iso_day, resolve_relative_dates

NOW = date(2025, 2, 18)  # a Tuesday: the newest article in the collection
PUBLISHED = date(2025, 2, 18)


def _period(question: str, now: date = NOW) -> tuple[str, str, str] | None:
    period = question_period(question, now).period
    return (period.start.isoformat(), period.end.isoformat(), period.label) if period else None


@pytest.mark.parametrize(
    ("question", "start", "end", "label", "text"),
    [
        ("What happened in 2022?", "2022-01-01", "2022-12-31", "2022", "in 2022"),
        ("Who won the 2021 final?", "2021-01-01", "2021-12-31", "2021", "2021"),
        ("Who won the 2019-20 season?", "2019-01-01", "2020-12-31", "2019-20", "2019-20"),
        ("Fed in February 2025?", "2025-02-01", "2025-02-28", "February 2025", "in February 2025"),
        ("Oil prices Feb 2024", "2024-02-01", "2024-02-29", "February 2024", "Feb 2024"),
        ("Deal 18 Feb 2025?", "2025-02-18", "2025-02-18", "18 February 2025", "18 Feb 2025"),
        ("Talks on 2025-02-18", "2025-02-18", "2025-02-18", "18 February 2025", "on 2025-02-18"),
        ("Said Feb. 17, 2025?", "2025-02-17", "2025-02-17", "17 February 2025", "Feb. 17, 2025"),
        ("Inflation since 2020?", "2020-01-01", "2025-02-18", "since 2020", "since 2020"),
    ],
)
def test_explicit_times_in_questions(
    question: str, start: str, end: str, label: str, text: str
) -> None:
    found = question_period(question, NOW)
    assert _period(question) == (start, end, label)
    assert found.text == text
    assert found.latest is False


@pytest.mark.parametrize(
    ("question", "start", "end", "label"),
    [
        ("What happened last year?", "2024-01-01", "2024-12-31", "2024"),
        ("What is planned this year?", "2025-01-01", "2025-12-31", "2025"),
        ("What is expected next year?", "2026-01-01", "2026-12-31", "2026"),
        ("What did the bank do last month?", "2025-01-01", "2025-01-31", "January 2025"),
        ("Any news this month?", "2025-02-01", "2025-02-28", "February 2025"),
        ("What happened last week?", "2025-02-10", "2025-02-16", "the week of 10 February 2025"),
        ("What happened this week?", "2025-02-17", "2025-02-23", "the week of 17 February 2025"),
        ("What happened yesterday?", "2025-02-17", "2025-02-17", "17 February 2025"),
        ("What happened today?", "2025-02-18", "2025-02-18", "18 February 2025"),
        ("What was said on Tuesday?", "2025-02-18", "2025-02-18", "18 February 2025"),
        ("what was said on monday?", "2025-02-17", "2025-02-17", "17 February 2025"),
        ("What was decided on Friday?", "2025-02-14", "2025-02-14", "14 February 2025"),
        ("What happened two weeks ago?", "2025-02-03", "2025-02-09", "the week of 3 February 2025"),
        ("In the past month?", "2025-01-20", "2025-02-18", "20 January 2025 to 18 February 2025"),
        ("And in last month's talks?", "2025-01-01", "2025-01-31", "January 2025"),
    ],
)
def test_relative_times_in_questions_are_read_against_now(
    question: str, start: str, end: str, label: str
) -> None:
    assert _period(question) == (start, end, label)


def test_last_month_in_january_is_december_of_the_year_before() -> None:
    assert _period("last month", date(2025, 1, 15)) == ("2024-12-01", "2024-12-31", "December 2024")


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("Who is currently the CEO of Boeing?", "currently"),
        ("What is the latest on the Gaza ceasefire?", "latest"),
        ("What is the most recent jobs report?", "most recent"),
        ("Is Scholz still chancellor?", "still"),
        ("Who leads the polls now?", "now"),
        ("Who is the current prime minister?", "current"),
        ("Who leads the talks as of today?", "as of today"),
    ],
)
def test_questions_asking_for_the_newest_state(question: str, text: str) -> None:
    found = question_period(question, NOW)
    assert found.latest is True
    assert found.period is None  # "as of today" asks for the newest state, not one day's news
    assert found.text == text


def test_so_far_this_year_is_this_year_and_latest() -> None:
    found = question_period("How many strikes so far this year?", NOW)
    assert found.latest is True
    assert found.period == Period(date(2025, 1, 1), date(2025, 12, 31), "2025")


@pytest.mark.parametrize(
    "question",
    [
        "Who won Super Bowl LVIII?",
        "How good is GPT-3 at law exams?",
        "Which machines still run Windows 2000?",
        "What is Saudi Vision 2030?",
        "What did the Fed say about inflation?",
        "How did 2,000 protesters get in?",
        "Prices rose 2020% in a decade",
        "",
    ],
)
def test_questions_without_a_time_have_no_period(question: str) -> None:
    assert question_period(question, NOW).period is None


@pytest.mark.parametrize(
    "question",
    ["What happened on 2025-13-45?", "News from 2025-02-30", "What happened on 30 February 2025?"],
)
def test_impossible_dates_are_not_periods(question: str) -> None:
    assert question_period(question, NOW).period is None


@pytest.mark.parametrize("typed", ["2025-13-45", "2025-02-30", "18/02/2025", "2025-2-18", "soon"])
def test_parse_iso_day_refuses_a_bad_day_with_how_to_write_one(typed: str) -> None:
    with pytest.raises(NewsqaError, match=r"YYYY-MM-DD, e\.g\. 2025-02-18"):
        parse_iso_day(typed)


def test_parse_iso_day_reads_a_good_day_and_refuses_none() -> None:
    assert parse_iso_day(" 2025-02-18 ") == date(2025, 2, 18)
    with pytest.raises(NewsqaError, match="no day given"):
        parse_iso_day("")


def test_find_days_finds_days_with_their_year_only() -> None:
    text = "Published 18 February 2025; updated Feb. 19, 2025; Feb 18 (Reuters); 18th of March 2024"
    days = [day for _, _, day in find_days(f"{text}; 2025-13-45; 30 February 2025")]
    assert days == [date(2025, 2, 18), date(2025, 2, 19), date(2024, 3, 18)]


_ARTICLE = (
    "RIYADH, Feb 18 (Reuters) - US and Russian officials met on Tuesday in Riyadh. "
    "Tuesday's meeting followed a phone call last week, and Lavrov said on Monday night "
    "that talks would continue next week. Oil rose yesterday and fell today; "
    "earlier this month the envoy visited Kyiv. Output fell last year and may rise this year."
)


def test_relative_dates_in_an_article_are_resolved_against_its_publication_day() -> None:
    found = resolve_relative_dates(_ARTICLE, PUBLISHED)
    assert [(item.expression, item.rendered) for item in found] == [
        ("on Tuesday", "on Tuesday 18 February 2025"),
        ("Tuesday's", "Tuesday's (18 February 2025)"),
        ("last week", "last week (the week of 10 February 2025)"),
        ("on Monday night", "on Monday night (17 February 2025)"),
        ("next week", "next week (the week of 24 February 2025)"),
        ("yesterday", "yesterday (17 February 2025)"),
        ("today", "today (18 February 2025)"),
        ("earlier this month", "earlier this month (February 2025)"),
        ("last year", "last year (2024)"),
        ("this year", "this year (2025)"),
    ]
    assert all(_ARTICLE[item.start : item.end] == item.expression for item in found)
    assert found[0].day == date(2025, 2, 18)
    assert found[2].day is None
    assert (found[2].period.start, found[2].period.end) == (date(2025, 2, 10), date(2025, 2, 16))


def test_a_weekday_in_a_clause_about_the_future_is_the_coming_one() -> None:
    saturday = date(2025, 9, 20)
    text = "Police counted 8,000 marchers on Saturday. Talks will continue on Monday."
    assert annotate(text, saturday) == (
        "Police counted 8,000 marchers on Saturday (20 September 2025). "
        "Talks will continue on Monday (22 September 2025)."
    )
    past = "The ministry said on Monday that talks would continue, and they met on Friday."
    assert "on Monday (15 September 2025)" in annotate(past, saturday)
    assert "on Friday (19 September 2025)" in annotate(past, saturday)


def test_annotate_shows_each_relative_date_with_its_date() -> None:
    text = "US and Russian officials met on Tuesday in Riyadh; prices fell last week."
    assert annotate(text, PUBLISHED) == (
        "US and Russian officials met on Tuesday (18 February 2025) in Riyadh; "
        "prices fell last week (the week of 10 February 2025)."
    )
    assert annotate("No dates here.", PUBLISHED) == "No dates here."


@pytest.mark.parametrize(
    ("published", "expression", "rendered"),
    [
        ("2025-02-16", "on Sunday", "on Sunday 16 February 2025"),  # published on a Sunday
        ("2025-02-16", "on Monday", "on Monday 10 February 2025"),
        ("2025-02-16", "last week", "last week (the week of 3 February 2025)"),
        ("2025-02-17", "on Sunday", "on Sunday 16 February 2025"),  # on a Monday: a new week
        ("2025-02-17", "on Monday", "on Monday 17 February 2025"),
        ("2025-02-17", "last week", "last week (the week of 10 February 2025)"),
        ("2025-03-03", "last week", "last week (the week of 24 February 2025)"),  # across months
        ("2025-03-01", "yesterday", "yesterday (28 February 2025)"),  # on the 1st of a month
        ("2025-03-01", "last month", "last month (February 2025)"),
        ("2025-01-01", "yesterday", "yesterday (31 December 2024)"),
        ("2025-01-01", "last month", "last month (December 2024)"),
        ("2025-01-01", "last year", "last year (2024)"),
        ("2025-02-18", "last Tuesday", "last Tuesday 11 February 2025"),  # strictly before
        ("2025-02-18", "next Tuesday", "next Tuesday 25 February 2025"),  # strictly after
        ("2025-02-18", "on Wednesday", "on Wednesday 12 February 2025"),
        ("2025-02-18", "three days ago", "three days ago (15 February 2025)"),
    ],
)
def test_relative_dates_at_week_month_and_year_edges(
    published: str, expression: str, rendered: str
) -> None:
    text = f"Officials said {expression} that the talks had gone well."
    found = resolve_relative_dates(text, date.fromisoformat(published))
    assert [item.rendered for item in found] == [rendered]


@pytest.mark.parametrize(
    "text",
    [
        "Shoppers queued on Black Friday.",
        "Results came in on Super Tuesday.",
        "The Sunday Times reported the talks.",
        "USA Today said so.",
        "The council meets every Tuesday.",
        "Markets close on Fridays.",
        "He resigned on Tuesday, Feb. 18, and left on Monday, 17 February.",
    ],
)
def test_weekday_words_that_are_not_a_date_to_resolve_are_left_alone(text: str) -> None:
    assert resolve_relative_dates(text, PUBLISHED) == []
    assert annotate(text, PUBLISHED) == text


def test_a_long_article_is_annotated_quickly() -> None:
    paragraph = (
        "US and Russian officials met on Tuesday in Riyadh, where the talks that began last week "
        "would continue. Lavrov said on Monday night that Moscow had offered new terms earlier "
        "this month; markets rose yesterday and the rouble firmed today. Analysts said inflation, "
        "which peaked last year, could ease this year, though shipments fell 4.2 percent in "
        "January compared with 2,000 containers a month in 2023. "
    )
    words = paragraph.split()
    article = " ".join((words * (5_000 // len(words) + 1))[:5_000])
    started = time.perf_counter()
    annotated = annotate(article, PUBLISHED)
    elapsed = time.perf_counter() - started
    print(f"annotate: {len(article.split())} words in {elapsed * 1000:.1f} ms")
    assert elapsed < 0.5
    assert annotated.count("(18 February 2025)") > 100


@pytest.mark.parametrize(
    ("question", "dated"),
    [
        ("Who won the marathon last year?", "Who won the marathon in 2023?"),
        ("What happened this week?", "What happened in the week of 18 November 2024?"),
        ("Who won yesterday?", "Who won on 19 November 2024?"),
        ("Who was last year's winner?", "Who was 2023's winner?"),
        (
            "What has happened since last week?",
            "What has happened since the week of 11 November 2024?",
        ),
        ("Who won in 2023?", "Who won in 2023?"),
        ("What is the latest on the bridge?", "What is the latest on the bridge?"),
    ],
)
def test_a_question_says_which_days_it_means(question: str, dated: str) -> None:
    assert dated_question(question, date(2024, 11, 20)) == dated
    assert dated_question(question, None) == question


def test_a_day_without_a_year_is_the_latest_such_day() -> None:
    asked = question_period("What's new since April 8?", date(2025, 4, 14))
    assert asked.period == Period(date(2025, 4, 8), date(2025, 4, 14), "since 8 April 2025")
    later = question_period("What happened on 20 December?", date(2025, 4, 14)).period
    assert later is not None and later.start == date(2024, 12, 20), "last year's, not a future day"
