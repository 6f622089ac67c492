"""Feeds through the HTTP API and the Library tab's handlers: guarded, listed, polled."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ingest.feed_service import FeedService, every_seconds
from ingest.subscriptions import Subscriptions
from rag.settings import load_settings
from tests.conftest import MODEL_CACHE
from tests.harness import fake_app
from tests.newsroom import Newsroom
from ui.api import build_api
from ui.feeds_panel import feed_rows


def _api(tmp_path, **settings) -> TestClient:
    loaded = load_settings(data_dir=tmp_path / "data", model_cache_dir=MODEL_CACHE, **settings)
    return TestClient(build_api(loaded, fake_app(loaded)))


def test_a_feed_on_a_private_address_is_refused_through_the_api(web, tmp_path) -> None:
    newsroom = Newsroom(web)
    feed = newsroom.serve_feed("rss2.xml")
    api = _api(tmp_path)
    refused = api.post("/v1/feeds", json={"address": feed})
    assert refused.status_code == 400
    assert "fetch_allow_private" in refused.json()["error"]["message"]
    assert api.get("/v1/feeds").json() == [] and newsroom.requests() == 0


def test_the_api_follows_lists_and_polls_feeds_where_the_setting_allows(web, tmp_path) -> None:
    newsroom = Newsroom(web)
    newsroom.serve_articles()
    api = _api(tmp_path, fetch_allow_private=True)
    added = api.post("/v1/feeds", json={"address": newsroom.serve_feed("rss2.xml")})
    assert added.status_code == 201 and added.json()["title"] == "Harbour Times"
    polled = api.post("/v1/update").json()
    assert polled["added"] == 2 and polled["feeds"][0]["new"] == 2
    assert set(polled["phases"]) == {"poll", "fetch", "extract", "write"}
    assert sum(polled["phases"].values()) == pytest.approx(polled["seconds"])
    assert len(api.get("/v1/articles").json()) == 2
    (listed,) = api.get("/v1/feeds").json()
    assert listed["last_new"] == 2 and listed["last_poll"] and listed["problems"] == []
    again = api.post("/v1/update").json()
    assert again["requests"] == 1 and again["feeds"][0]["not_modified"]


def test_the_library_table_shows_each_feeds_last_poll_and_errors(web, settings) -> None:
    newsroom = Newsroom(web)
    web.expect_request("/feeds/gone.xml").respond_with_data("", status=404)
    service = FeedService(fake_app(settings))
    store = Subscriptions(settings.feeds_path)
    store.add(f"{newsroom.base}/feeds/gone.xml", "Gone Gazette", trusted=True)
    store.close()
    assert feed_rows(service.feeds())[0][2:] == ["never", 0, ""]
    service.update()
    title, address, when, new, errors = feed_rows(service.feeds())[0]
    assert (title, new, errors) == ("Gone Gazette", 0, "HTTP 404") and when != "never"


def test_update_periods() -> None:
    assert every_seconds("30m") == 1800 and every_seconds("2h") == 7200
    assert every_seconds(None) is None and every_seconds("0s") is None
