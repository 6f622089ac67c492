"""Reading feeds without a server: JSON Feed's fields, teasers, broken input, OPML, discovery."""

from __future__ import annotations

import json
import time

import pytest

from ingest import feed_service
from ingest.feed_read import discover_feed, read_feed, read_opml
from ingest.feed_service import FeedService
from rag.errors import FetchError, InputFileError
from tests.harness import fake_app

DAY = "2025-02-18T10:00:00Z"
LONG = " ".join(["The council met and voted on the plan for the harbour."] * 15)


def json_feed(*items: dict, version: str = "https://jsonfeed.org/version/1.1") -> bytes:
    return json.dumps({"version": version, "title": "T", "items": list(items)}).encode()


def test_json_feed_items_become_entries_with_their_own_text_when_whole() -> None:
    whole, teaser, plain = read_feed(
        json_feed(
            {
                "id": 1,
                "url": "/a",
                "content_html": f"<p>{LONG}</p>",
                "date_published": "2025-02-18T10:00:00Z",
            },
            {"id": "b", "url": "https://x.example/b", "content_html": "<p>Short teaser.</p>"},
            {"id": "c", "external_url": "https://x.example/c", "content_text": LONG},
            {"title": "no address and no id"},
        ),
        "https://x.example/feed.json",
    ).entries
    assert (whole.key, whole.link, whole.published) == ("1", "https://x.example/a", "2025-02-18")
    assert whole.content and LONG in whole.content
    assert teaser.content is None, "a teaser: the page is fetched"
    assert plain.link == "https://x.example/c" and plain.content.startswith("<p>")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"items": [}', "broken JSON"),
        (json_feed(version="2"), "without a JSON Feed version"),
        (b"<html><body>Not a feed</body></html>", "not a feed"),
        (b"<rss><channel><item>", "not a feed that can be read"),
        (b"", "not a feed"),
    ],
)
def test_what_is_not_a_feed_is_refused_with_a_reason(body: bytes, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        read_feed(body, "https://x.example/feed")


def test_a_page_announces_its_feed() -> None:
    page = b'<html><head><link rel="alternate" type="application/atom+xml" href="/atom"></head>'
    assert discover_feed(page, "https://x.example/news/") == "https://x.example/atom"
    assert discover_feed(b"<html><head></head></html>", "https://x.example/") is None


def test_opml_that_is_not_one_or_lists_nothing_is_refused() -> None:
    with pytest.raises(InputFileError, match="not an OPML file"):
        read_opml(b"<rss></rss>")
    with pytest.raises(InputFileError, match="lists no feeds"):
        read_opml(b'<opml version="2.0"><body><outline text="empty"/></body></opml>')
    listed = read_opml(
        b'<opml><body><outline xmlUrl="https://x.example/f" text="X"/></body></opml>'
    )
    assert listed == [("https://x.example/f", "X")]


def test_the_server_polls_in_the_background(settings, monkeypatch) -> None:
    monkeypatch.setattr(feed_service, "FIRST_POLL_DELAY", 0.05)
    service = FeedService(fake_app(settings))
    thread = service.poll_every(0.1)
    deadline = time.monotonic() + 10
    while service.last_report is None and time.monotonic() < deadline:
        time.sleep(0.05)
    service.stop()
    thread.join(timeout=5)
    assert service.last_report is not None and not thread.is_alive()


RSS_091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old Times</title>
<item><title>Mill reopens</title><link>https://old.example/mill</link></item></channel></rss>"""
RSS_10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF Daily</title></channel>
<item rdf:about="https://rdf.example/dam"><title>Dam inspected</title>
<link>https://rdf.example/dam</link><dc:date>2025-03-02T08:00:00Z</dc:date></item>
</rdf:RDF>"""


@pytest.mark.parametrize(
    ("body", "title", "link", "day"),
    [
        (RSS_091, "Old Times", "https://old.example/mill", None),
        (RSS_10, "RDF Daily", "https://rdf.example/dam", "2025-03-02"),
    ],
)
def test_rss_091_and_rss_10_feeds_are_read(body: bytes, title: str, link: str, day) -> None:
    document = read_feed(body, "https://x.example/feed")
    (entry,) = document.entries
    assert (document.title, entry.link, entry.published) == (title, link, day)


def test_a_wrong_update_period_is_refused_with_what_a_period_is() -> None:
    from rag.errors import NewsqaError
    from rag.settings import load_settings

    with pytest.raises(NewsqaError, match="update_every .*e.g. 30m"):
        load_settings(update_every="30x")
    assert load_settings(update_every="2h").update_every == "2h"
