"""Feeds through the CLI into a real Chroma on disk with the real embedding model."""

from __future__ import annotations

import json

import pytest

from tests.newsroom import Newsroom, desk_stories

pytestmark = pytest.mark.slow


def test_import_update_and_ask_through_the_cli(newsqa, web, tmp_path) -> None:
    site = Newsroom(web)
    site.serve_articles()
    for name in ("rss2.xml", "atom.xml", "feed.json"):
        site.serve_feed(name)
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(site.feed_text("subscriptions.opml"))

    imported = newsqa("feeds", "import", str(opml))
    assert imported.exit_code == 0, imported.output
    assert imported.stdout.count("added: ") == 3
    assert "never polled" in newsqa("feeds", "list").stdout

    first = newsqa("update")
    assert first.exit_code == 0, first.output
    assert "4 added, 0 updated, 0 unchanged" in first.stdout
    assert f"{site.base}/feeds/rss2.xml: 2 new" in first.stdout

    listed = json.loads(newsqa("list", "--json").stdout)
    assert {a["source"] for a in listed} == {"Harbour Times", "Coastal Wire", "Island Voice"}
    assert all(a["passages"] > 0 for a in listed)
    events = json.loads(newsqa("timeline", "Harbour Bridge repairs", "--json").stdout)
    assert events[0]["title"] == "Harbour Bridge to close for repairs", "the real index finds it"

    before = site.requests()
    again = newsqa("update")
    assert again.exit_code == 0, again.output
    assert again.stdout.count("unchanged since the last update") == 3
    assert "3 feeds polled with 3 requests" in again.stdout and site.requests() - before == 3
    assert "0 added, 0 updated, 0 unchanged" in again.stdout

    shown = newsqa("feeds", "list").stdout
    assert "Harbour Times — " in shown and "last poll" in shown
    assert newsqa("feeds", "remove", f"{site.base}/feeds/atom.xml").exit_code == 0
    assert newsqa("feeds", "list").stdout.count("last poll") == 2


def test_a_page_by_its_address_and_a_feed_that_fails(newsqa, web) -> None:
    site = Newsroom(web)
    site.serve_articles()
    page = newsqa("ingest", f"{site.base}/island/market")
    assert page.exit_code == 0, page.output
    assert "1 added" in page.stdout
    assert (
        "0 added, 0 updated, 1 unchanged" in newsqa("ingest", f"{site.base}/island/market").stdout
    )
    missing = newsqa("feeds", "add", f"{site.base}/feeds/missing.xml")
    assert missing.exit_code == 1
    assert f"FAILED {site.base}/feeds/missing.xml: HTTP 404" in missing.stderr
    assert "No feeds yet" in newsqa("feeds", "list").stdout


def test_twenty_unchanged_feeds_cost_twenty_conditional_requests_and_no_page(newsqa, web) -> None:
    site = Newsroom(web)
    feeds = [site.serve_desk(f"desk-{d}", desk_stories(d, 2), atom=d % 2 == 1) for d in range(20)]
    assert newsqa("feeds", "add", *feeds).stdout.count("added: ") == 20
    first = newsqa("update")
    assert first.exit_code == 0, first.output
    assert "40 added, 0 updated, 0 unchanged" in first.stdout

    before = len(web.log)
    again = newsqa("update")
    assert again.exit_code == 0, again.output
    sent = web.log[before:]
    assert len(sent) == 20, [request.path for request, _ in sent]
    assert sorted(request.path for request, _ in sent) == sorted(
        feed.removeprefix(site.base) for feed in feeds
    ), "each feed once, no page"
    assert all(request.headers.get("If-None-Match") == '"v1"' for request, _ in sent)
    assert all(response.status_code == 304 for _, response in sent)
    assert again.stdout.count("unchanged since the last update") == 20
    assert "20 feeds polled with 20 requests" in again.stdout
