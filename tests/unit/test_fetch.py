"""The fetcher against a real local HTTP server: politeness, limits and clear refusals."""

from __future__ import annotations

import gzip
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from werkzeug import Request, Response

from ingest.fetch import Fetcher, FetchLimits
from ingest.netguard import is_public
from rag.errors import FetchError

PAGE = "<html><body><p>News.</p></body></html>"
HTML = {"content_type": "text/html; charset=utf-8"}


def fetcher(**limits) -> Fetcher:
    return Fetcher(FetchLimits(**({"allow_private": True, "timeout": 5.0} | limits)))


def test_the_user_agent_names_newsqa_and_robots_txt_is_read_once_per_site(web) -> None:
    web.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    web.expect_request("/a").respond_with_data(PAGE, **HTML)
    web.expect_request("/b").respond_with_data(PAGE, **HTML)
    getter = fetcher()
    assert getter.get(web.url_for("/a")).body == PAGE.encode()
    getter.get(web.url_for("/b"))
    agents = {request.headers["User-Agent"] for request, _ in web.log}
    assert len(agents) == 1 and agents.pop().startswith("newsqa/")
    assert [request.path for request, _ in web.log].count("/robots.txt") == 1
    assert getter.requests == 3


def test_a_page_robots_txt_disallows_is_not_fetched(web) -> None:
    web.expect_request("/robots.txt").respond_with_data("User-agent: newsqa\nDisallow: /private\n")
    web.expect_request("/private/page").respond_with_data(PAGE, **HTML)
    with pytest.raises(FetchError, match="robots.txt disallows it"):
        fetcher().get(web.url_for("/private/page"))
    assert "/private/page" not in [request.path for request, _ in web.log]


def test_a_site_whose_robots_txt_fails_is_not_fetched_until_it_answers(web) -> None:
    web.expect_request("/robots.txt").respond_with_data("down", status=503)
    web.expect_request("/a").respond_with_data(PAGE, **HTML)
    with pytest.raises(FetchError, match="robots.txt answered HTTP 503; tried again"):
        fetcher().get(web.url_for("/a"))


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_an_error_status_is_named(web, status: int) -> None:
    web.expect_request("/gone").respond_with_data("no", status=status)
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        fetcher().get(web.url_for("/gone"))


def test_redirects_are_followed_to_the_final_address_within_the_limit(web) -> None:
    web.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/mid"})
    web.expect_request("/mid").respond_with_data("", status=302, headers={"Location": "/new"})
    web.expect_request("/new").respond_with_data(PAGE, **HTML)
    assert fetcher().get(web.url_for("/old")).url == web.url_for("/new")
    with pytest.raises(FetchError, match="too many redirects"):
        fetcher(max_redirects=1).get(web.url_for("/old"))


def test_a_redirect_loop_ends(web) -> None:
    web.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="too many redirects"):
        fetcher().get(web.url_for("/loop"))


def test_a_conditional_get_answered_304_has_no_body(web) -> None:
    web.expect_request("/feed", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    answer = fetcher().get(web.url_for("/feed"), etag='"v1"')
    assert answer.not_modified and answer.body == b""


def test_a_slow_host_is_given_up_on(web) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(PAGE, content_type="text/html")

    web.expect_request("/slow").respond_with_handler(slow)
    began = time.monotonic()
    with pytest.raises(FetchError, match="did not answer in 0.3 s"):
        fetcher(timeout=0.3).get(web.url_for("/slow"))
    assert time.monotonic() - began < 1.2


def test_a_gzip_bomb_is_stopped_at_the_size_cap(web) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 50_000_000)  # 50 MB that packs into about 50 kB
    assert len(bomb) < 100_000
    web.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="too large .*max_file_mb"):
        fetcher(max_bytes=1_000_000).get(web.url_for("/bomb"))


def test_gzip_pages_are_read(web) -> None:
    web.expect_request("/z").respond_with_data(
        gzip.compress(PAGE.encode()), content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    assert fetcher().get(web.url_for("/z")).body == PAGE.encode()


def test_a_declared_size_over_the_cap_is_refused_before_reading(web) -> None:
    web.expect_request("/big").respond_with_data("x" * 2000, content_type="text/html")
    with pytest.raises(FetchError, match="too large"):
        fetcher(max_bytes=1000).get(web.url_for("/big"))


def test_a_file_that_is_not_a_page_is_refused_by_its_type(web) -> None:
    web.expect_request("/photo.png").respond_with_data(b"\x89PNG", content_type="image/png")
    with pytest.raises(FetchError, match="content type image/png"):
        fetcher().get(web.url_for("/photo.png"))


def test_web_added_addresses_may_not_reach_this_machine_unless_allowed(web) -> None:
    web.expect_request("/a").respond_with_data(PAGE, **HTML)
    guarded = Fetcher(FetchLimits(allow_private=False))
    with pytest.raises(FetchError, match="fetch_allow_private"):
        guarded.get(web.url_for("/a"))
    assert web.log == [], "nothing was sent"
    assert guarded.get(web.url_for("/a"), guarded=False).status == 200  # typed by the owner


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("0.0.0.0", False),
    ],
)
def test_which_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(address) is public


def test_no_more_than_a_few_requests_go_to_one_host_at_a_time(web) -> None:
    busy, most, lock = [0], [0], threading.Lock()

    def counted(request: Request) -> Response:
        with lock:
            busy[0] += 1
            most[0] = max(most[0], busy[0])
        time.sleep(0.2)
        with lock:
            busy[0] -= 1
        return Response(PAGE, content_type="text/html")

    web.expect_request("/robots.txt").respond_with_data("", status=404)
    web.expect_request("/p").respond_with_handler(counted)
    getter = fetcher(per_host=2)
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda _: getter.get(web.url_for("/p")), range(6)))
    assert most[0] == 2
    assert [request.path for request, _ in web.log].count("/robots.txt") == 1, "read once"


@pytest.mark.parametrize("address", ["ftp://example.com/a", "file:///etc/passwd", "not a url"])
def test_only_web_addresses_are_fetched(address: str) -> None:
    with pytest.raises(FetchError, match="not a web address"):
        fetcher().get(address)
