"""Timeline events: dated by their own words or their article's day, each told once."""

from __future__ import annotations

from datetime import date

from rag.timeline import timeline
from tests.fakes import one_passage_article as passage


def test_events_are_dated_ordered_and_told_once() -> None:
    first = passage("first", "The port strike began on Monday. Ships waited outside.", "2024-03-06")
    copy = passage("copy", "The port strike began on Monday, unions said.", "2024-03-07")
    later = passage("later", "The port strike ended on 2 April 2024 with a pay deal.", None)
    news = passage("news", "Dockers voted on the port strike offer.", "2024-03-20")
    undated = passage("undated", "A port strike is always costly.", None)
    events = timeline("port strike", [later, first, copy, news, undated])
    assert [(e.day, e.dated_by, e.article_id) for e in events] == [
        (date(2024, 3, 4), "text", "first"),  # "on Monday", read from 6 March 2024
        (date(2024, 3, 20), "published", "news"),
        (date(2024, 4, 2), "text", "later"),
    ]
    assert events[0].text == "The port strike began on Monday."
    assert (events[0].start, events[0].end) == (0, len("The port strike began on Monday."))
