"""Feeds end to end on a real local HTTP server: add, import, update, faults, no duplicates."""

from __future__ import annotations

import time

import pytest
from werkzeug import Request, Response

from ingest.feeds import add_feeds, import_opml
from ingest.fetch import Fetcher, FetchLimits
from ingest.subscriptions import Subscriptions
from ingest.update import Phases, UpdateReport, update_feeds
from ingest.web import ingest_addresses
from tests.harness import fake_app
from tests.newsroom import BOILERPLATE_ONLY, BRIDGE, FERRY, Newsroom, article_page
from ui.feeds_command import print_update


@pytest.fixture
def newsroom(web) -> Newsroom:
    site = Newsroom(web)
    site.serve_articles()
    return site


@pytest.fixture
def app(settings):
    return fake_app(settings)


@pytest.fixture
def subscriptions(settings):
    store = Subscriptions(settings.feeds_path)
    yield store
    store.close()


def fetcher(subscriptions, **limits) -> Fetcher:
    return Fetcher(FetchLimits(**({"timeout": 3.0} | limits)), subscriptions)


def update(app, subscriptions, **limits):
    return update_feeds(app, subscriptions, fetcher(subscriptions, **limits))


def follow(subscriptions, *addresses: str) -> None:
    rows = add_feeds(subscriptions, fetcher(subscriptions), list(addresses), trusted=True)
    assert [row.outcome for row in rows] == ["added"] * len(addresses), rows


def test_an_rss_feed_brings_its_pages_articles_with_title_outlet_date_and_address(
    newsroom, app, subscriptions
) -> None:
    follow(subscriptions, newsroom.serve_feed("rss2.xml"))
    report = update(app, subscriptions)
    assert report.ok and [poll.new for poll in report.feeds] == [2]
    articles = {r.url: r for r in app.catalog.all()}
    bridge = articles[f"{newsroom.base}/news/bridge-closes"]
    assert (bridge.title, bridge.source) == ("Harbour Bridge to close for repairs", "Harbour Times")
    assert bridge.date == "2024-11-03", "the page's own date wins over the entry's"
    assert BRIDGE[1] in bridge.text and "Share on Facebook" not in bridge.text
    assert "Most read" not in bridge.text and "All rights reserved" not in bridge.text
    ferry = articles[f"{newsroom.base}/news/ferry-timetable"]  # the canonical address, redirected
    assert ferry.date == "2024-11-05", "the entry's date where the page has none"


def test_an_unchanged_feed_costs_one_request_and_no_article_fetch(
    newsroom, app, subscriptions
) -> None:
    follow(subscriptions, newsroom.serve_feed("rss2.xml"))
    update(app, subscriptions)
    before, passages = newsroom.requests(), app.catalog.generation()
    report = update(app, subscriptions)
    assert newsroom.requests() - before == 1 and report.requests == 1
    assert report.feeds[0].not_modified and report.feeds[0].new == 0
    assert app.catalog.generation() == passages, "nothing written"


def test_entries_already_ingested_are_skipped_when_the_feed_changes(
    newsroom, app, subscriptions
) -> None:
    url = newsroom.serve_feed("rss2.xml", etag='"v1"')
    follow(subscriptions, url)
    update(app, subscriptions)
    newsroom.web.clear()  # the feed changes its ETag: fetched whole, its entries known
    newsroom.serve_articles()
    newsroom.serve_feed("rss2.xml", etag='"v2"')
    report = update(app, subscriptions)
    assert report.feeds[0].new == 0 and not report.feeds[0].not_modified
    assert newsroom.hits("/news/bridge-closes") == 0 and newsroom.hits("/go/ferry") == 0
    assert len(app.catalog.all()) == 2


def test_atom_full_content_is_used_without_fetching_the_page(newsroom, app, subscriptions) -> None:
    follow(subscriptions, newsroom.serve_feed("atom.xml"))
    report = update(app, subscriptions)
    assert report.feeds[0].new == 1
    (storm,) = app.catalog.all()
    assert storm.url == f"{newsroom.base}/wire/storm" and storm.date == "2024-11-06"
    assert "storm warning for the whole coast" in storm.text
    assert newsroom.hits("/wire/storm") == 0


def test_a_json_feed(newsroom, app, subscriptions) -> None:
    follow(subscriptions, newsroom.serve_feed("feed.json"))
    report = update(app, subscriptions)
    assert report.feeds[0].new == 1 and subscriptions.all()[0].title == "Island Voice"
    (market,) = app.catalog.all()
    assert (market.source, market.date) == ("Island Voice", "2024-11-07")


def test_a_sites_address_finds_its_feed(newsroom, subscriptions) -> None:
    feed = newsroom.serve_feed("rss2.xml")
    newsroom.serve_page(
        "/", f'<html><head><link rel="alternate" type="application/rss+xml" href="{feed}">'
    )
    rows = add_feeds(subscriptions, fetcher(subscriptions), [newsroom.base + "/"], trusted=True)
    assert [(r.outcome, r.feed) for r in rows] == [("added", feed)]
    assert subscriptions.all()[0].title == "Harbour Times"


def test_an_address_that_is_no_feed_is_refused_by_name(newsroom, subscriptions) -> None:
    newsroom.serve_page("/plain", "<html><body><p>No feed here.</p></body></html>")
    rows = add_feeds(
        subscriptions, fetcher(subscriptions), [newsroom.base + "/plain"], trusted=True
    )
    assert rows[0].outcome == "failed" and "names no feed" in rows[0].reason
    assert subscriptions.all() == []


def test_an_opml_list_is_imported(newsroom, app, subscriptions) -> None:
    rows = import_opml(
        subscriptions, newsroom.feed_text("subscriptions.opml").encode(), trusted=True
    )
    assert [row.outcome for row in rows] == ["added"] * 3
    assert {f.title for f in subscriptions.all()} == {
        "Harbour Times",
        "Coastal Wire",
        "Island Voice",
    }
    for name in ("rss2.xml", "atom.xml", "feed.json"):
        newsroom.serve_feed(name)
    report = update(app, subscriptions)
    assert report.ok and sum(poll.new for poll in report.feeds) == 4


def test_broken_feeds_and_pages_are_named_with_their_reason_and_the_rest_goes_on(
    newsroom, app, subscriptions
) -> None:
    web = newsroom.web
    good = newsroom.serve_feed("feed.json")
    web.expect_request("/feeds/broken.xml").respond_with_data(
        "<rss><channel><item>", content_type="application/rss+xml"
    )
    web.expect_request("/feeds/gone.xml").respond_with_data("gone", status=404)
    faulty = newsroom.feed_text("rss2.xml").replace("/news/bridge-closes", "/news/server-error")
    faulty = faulty.replace("/go/ferry", "/news/empty")
    web.expect_request("/feeds/faulty.xml").respond_with_data(
        faulty, content_type="application/rss+xml"
    )
    web.expect_request("/news/server-error").respond_with_data("oops", status=500)
    newsroom.serve_page("/news/empty", BOILERPLATE_ONLY)
    for path in ("broken.xml", "gone.xml", "faulty.xml"):
        subscriptions.add(f"{newsroom.base}/feeds/{path}", None, trusted=True)
    subscriptions.add(good, None, trusted=True)
    report = update(app, subscriptions)
    polls = {poll.url.rsplit("/", 1)[1]: poll for poll in report.feeds}
    assert "not a feed" in polls["broken.xml"].error
    assert polls["gone.xml"].error == "HTTP 404"
    assert sorted(polls["faulty.xml"].problems) == [
        f"{newsroom.base}/news/empty: no article text found "
        "(nothing is left after removing markup and boilerplate)",
        f"{newsroom.base}/news/server-error: HTTP 500",
    ]
    assert polls["feed.json"].new == 1 and not report.ok
    listed = {feed.url.rsplit("/", 1)[1]: feed for feed in subscriptions.all()}
    assert listed["gone.xml"].last_error == "HTTP 404" and len(listed["faulty.xml"].problems) == 2
    # The next update tries the failed page again (its feed kept no ETag) and gets it.
    web.clear()
    web.expect_request("/feeds/faulty.xml").respond_with_data(
        faulty, content_type="application/rss+xml"
    )
    newsroom.serve_page(
        "/news/server-error",
        article_page(
            "Harbour Bridge to close for repairs",
            BRIDGE,
            f"{newsroom.base}/news/server-error",
            site="Harbour Times",
        ),
    )
    newsroom.serve_page("/news/empty", BOILERPLATE_ONLY)
    again = update(app, subscriptions)
    polls = {poll.url.rsplit("/", 1)[1]: poll for poll in again.feeds}
    assert polls["faulty.xml"].new == 1 and len(polls["faulty.xml"].problems) == 1


def test_a_slow_page_is_given_up_on_and_named(newsroom, app, subscriptions) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response("<p>late</p>", content_type="text/html")

    feed = newsroom.feed_text("rss2.xml").replace("/go/ferry", "/news/slow")
    newsroom.web.expect_request("/feeds/slow.xml").respond_with_data(
        feed, content_type="application/rss+xml"
    )
    newsroom.web.expect_request("/news/slow").respond_with_handler(slow)
    subscriptions.add(f"{newsroom.base}/feeds/slow.xml", None, trusted=True)
    report = update(app, subscriptions, timeout=0.5)
    assert report.feeds[0].new == 1
    assert report.feeds[0].problems == [
        f"{newsroom.base}/news/slow: the host did not answer in 0.5 s"
    ]


def test_the_same_article_in_two_feeds_is_ingested_once(newsroom, app, subscriptions) -> None:
    copy = newsroom.feed_text("rss2.xml").replace("/news/bridge-closes", "/syndicated/bridge")
    newsroom.web.expect_request("/feeds/copy.xml").respond_with_data(
        copy, content_type="application/rss+xml"
    )
    newsroom.serve_page(
        "/syndicated/bridge",
        article_page(  # the same text at another address
            "Harbour Bridge to close for repairs",
            BRIDGE,
            f"{newsroom.base}/syndicated/bridge",
            site="Harbour Times",
            date="2024-11-03",
        ),
    )
    subscriptions.add(newsroom.serve_feed("rss2.xml"), None, trusted=True)
    subscriptions.add(f"{newsroom.base}/feeds/copy.xml", None, trusted=True)
    report = update(app, subscriptions)
    assert sum(poll.new for poll in report.feeds) == 2, "bridge once, ferry once"
    assert len(app.catalog.all()) == 2


def test_web_added_feeds_may_not_point_at_this_machine_unless_allowed(
    newsroom, subscriptions
) -> None:
    feed = newsroom.serve_feed("rss2.xml")
    rows = add_feeds(subscriptions, fetcher(subscriptions), [feed], trusted=False)
    assert rows[0].outcome == "failed" and "fetch_allow_private" in rows[0].reason
    allowed = fetcher(subscriptions, allow_private=True)
    assert add_feeds(subscriptions, allowed, [feed], trusted=False)[0].outcome == "added"


def test_a_web_page_by_its_address_and_again_unchanged(newsroom, app, subscriptions) -> None:
    page = f"{newsroom.base}/go/ferry"
    report = ingest_addresses(app, [page], fetcher(subscriptions), subscriptions, guarded=False)
    assert report.added == 1 and report.ok
    (ferry,) = app.catalog.all()
    assert ferry.url == ferry.source_path == f"{newsroom.base}/news/ferry-timetable"
    again = ingest_addresses(app, [page], fetcher(subscriptions), subscriptions, guarded=False)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    missing = ingest_addresses(
        app, [f"{newsroom.base}/nope"], fetcher(subscriptions), subscriptions, guarded=False
    )
    assert missing.failed == [(f"{newsroom.base}/nope", "HTTP 404")]


def test_a_feed_given_as_a_page_says_how_to_follow_it(newsroom, app, subscriptions) -> None:
    feed = newsroom.serve_feed("rss2.xml")
    report = ingest_addresses(app, [feed], fetcher(subscriptions), subscriptions, guarded=False)
    assert report.failed == [
        (feed, "a feed (application/rss+xml), not a page: follow it with `newsqa feeds add`")
    ]


def test_an_unexpected_error_in_one_page_costs_only_that_page(
    newsroom, app, subscriptions, monkeypatch
) -> None:
    from ingest import update as update_module

    real = update_module.fetched_article

    def broken(fetched, entry=None, outlet=None):
        if fetched.url.endswith("/bridge-closes"):
            raise RuntimeError("extractor bug")
        return real(fetched, entry, outlet)

    monkeypatch.setattr(update_module, "fetched_article", broken)
    follow(subscriptions, newsroom.serve_feed("rss2.xml"))
    (poll,) = update(app, subscriptions).feeds
    assert poll.new == 1
    assert poll.problems == [f"{newsroom.base}/news/bridge-closes: unexpected error: extractor bug"]


class StepsSeen:
    """A progress that keeps what it was told."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def start(self, total: int) -> None:
        self.calls.append(("start", total))

    def advance(self, n: int) -> None:
        self.calls.append(("advance", n))

    def finish(self) -> None:
        self.calls.append(("finish",))


def test_every_page_is_fetched_before_any_is_read_and_each_step_is_timed(
    newsroom, app, subscriptions, monkeypatch
) -> None:
    from ingest import update as update_module

    def slow_page(request: Request) -> Response:
        time.sleep(0.3)
        paragraphs = BRIDGE if request.path.endswith("bridge") else FERRY
        page = article_page("A story", paragraphs, newsroom.base + request.path, site="Slow Times")
        return Response(page, content_type="text/html")

    real = update_module.fetched_article
    fetched_when_read = []

    def slow_reader(fetched, entry=None, outlet=None):
        fetched_when_read.append(newsroom.hits("/slow/bridge") + newsroom.hits("/slow/ferry"))
        time.sleep(0.3)
        return real(fetched, entry, outlet)

    monkeypatch.setattr(update_module, "fetched_article", slow_reader)
    feed = newsroom.feed_text("rss2.xml").replace("/news/bridge-closes", "/slow/bridge")
    newsroom.web.expect_request("/feeds/slow.xml").respond_with_data(
        feed.replace("/go/ferry", "/slow/ferry"), content_type="application/rss+xml"
    )
    newsroom.web.expect_request("/slow/bridge").respond_with_handler(slow_page)
    newsroom.web.expect_request("/slow/ferry").respond_with_handler(slow_page)
    subscriptions.add(f"{newsroom.base}/feeds/slow.xml", None, trusted=True)
    pages = StepsSeen()
    report = update_feeds(app, subscriptions, fetcher(subscriptions), pages=pages)
    assert report.ok and report.feeds[0].new == 2
    assert fetched_when_read == [2, 2], "both pages were fetched before either was read"
    phases = report.phases
    assert phases.fetch >= 0.3 and phases.extract >= 0.3
    steps = phases.poll + phases.fetch + phases.extract + phases.write
    assert steps == pytest.approx(report.seconds)
    assert pages.calls == [("start", 2), ("advance", 1), ("advance", 1), ("finish",)]


def test_an_unchanged_feed_fetches_no_page_and_shows_no_page_progress(
    newsroom, app, subscriptions
) -> None:
    follow(subscriptions, newsroom.serve_feed("rss2.xml"))
    update(app, subscriptions)
    pages = StepsSeen()
    report = update_feeds(app, subscriptions, fetcher(subscriptions), pages=pages)
    assert report.feeds[0].not_modified and pages.calls == []


def test_the_update_summary_splits_its_time_by_step(capsys) -> None:
    report = UpdateReport(requests=3, seconds=2.0, phases=Phases(0.1, 0.4, 0.3, 1.2))
    print_update(report)
    assert capsys.readouterr().out.splitlines()[-1] == (
        "0 feeds polled with 3 requests in 2.0 s "
        "(poll 0.1 s, fetch 0.4 s, extract 0.3 s, write 1.2 s)"
    )
