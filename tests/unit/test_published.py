"""Publication dates read from articles that have no date metadata field: pages and plain text."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date

import pytest

from ingest import published
from ingest.published import html_published_date, text_published_date

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>US and Russia hold first talks on Ukraine in Riyadh | Example News</title>
  {head}
  <link rel="stylesheet" href="/static/site.css">
  <script>window.dataLayer = window.dataLayer || [];</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
  <article>
    <header><h1>US and Russia hold first talks on Ukraine in Riyadh</h1>{byline}</header>
    <p>RIYADH - Senior US and Russian officials met on Tuesday in Saudi Arabia for their first
    extended talks since the start of the war, agreeing to keep talking.</p>
    <p>Ukraine was not invited. Its president said no deal could be made without Kyiv.</p>
  </article>
  <footer>© 2024 Example News. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body>
</html>"""


def _page(head: str = "", byline: str = "") -> str:
    return _PAGE.format(head=head, byline=byline)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Dates are read offline: a connection attempt fails the test even if the code catches it."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield
    assert attempts == [], "a publication date lookup tried to use the network"


def test_open_graph_published_time_is_the_date_not_the_modified_time() -> None:
    head = (
        '<meta property="article:modified_time" content="2025-02-19T10:31:00+00:00">\n'
        '<meta property="article:published_time" content="2025-02-18T09:30:00+00:00">'
    )
    assert html_published_date(_page(head)) == "2025-02-18"


def test_json_ld_date_published() -> None:
    head = """<script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "NewsArticle",
     "headline": "US and Russia hold first talks on Ukraine in Riyadh",
     "datePublished": "2025-02-18T09:30:00+03:00", "dateModified": "2025-02-20T08:00:00+03:00",
     "author": {"@type": "Person", "name": "Jane Doe"}}
    </script>"""
    assert html_published_date(_page(head)) == "2025-02-18"


def test_time_element() -> None:
    byline = '<p class="byline">By Jane Doe, <time datetime="2025-02-18T09:30">Feb 18</time></p>'
    assert html_published_date(_page(byline=byline)) == "2025-02-18"


def test_a_page_with_no_date_has_none_not_today_nor_its_copyright_year() -> None:
    assert html_published_date(_page()) is None


def test_a_date_only_in_the_pages_text_is_read_from_its_byline() -> None:
    byline = '<p class="byline">By Jane Doe | Feb. 18, 2025</p>'
    assert html_published_date(_page(byline=byline)) == "2025-02-18"


def test_a_page_is_not_given_today_unless_it_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    today = date.today().isoformat()
    monkeypatch.setattr(published, "find_date", lambda *args, **kwargs: today)
    assert html_published_date(_page()) is None
    stated = f'<meta property="article:published_time" content="{today}T08:00:00Z">'
    assert html_published_date(_page(stated)) == today


@pytest.mark.filterwarnings("ignore:The input passed in on this line looks more like a URL")
def test_a_url_is_never_fetched() -> None:
    assert html_published_date("https://example.com/world/riyadh-talks") is None


@pytest.mark.parametrize(
    "odd",
    ["", "   ", "not html at all", "<html><body></body></html>", "<<<>>>", None, b"<html></html>"],
)
def test_odd_pages_give_none(odd: object) -> None:
    assert html_published_date(odd) is None  # type: ignore[arg-type]


_STORY = "Senior US and Russian officials met in Riyadh on Tuesday for their first talks.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MOSCOW, February 18, 2025 (AP) — Russia said on Tuesday ...\n", "2025-02-18"),
        ("KYIV, Ukraine, Feb. 18, 2025 (AP) — Ukraine was not invited ...\n", "2025-02-18"),
        ("# Talks in Riyadh\n\nPublished: 18 February 2025\n\n" + _STORY, "2025-02-18"),
        ("Talks in Riyadh\nUpdated 2025-02-19 10:31 GMT\n\n" + _STORY, "2025-02-19"),
        ("Talks in Riyadh\nFeb. 18, 2025\n\n" + _STORY, "2025-02-18"),
        ("Talks in Riyadh\n18/02/2025\n\n" + _STORY, "2025-02-18"),
        (
            "Talks in Riyadh\n*By Jane Doe, Reuters | Tuesday 18 February 2025*\n" + _STORY,
            "2025-02-18",
        ),
        ("Talks\nPublished: Tue, 18 Feb 2025 10:31:00 GMT\n" + _STORY, "2025-02-18"),
        ("Talks\nPosted on February 18, 2025 at 10:31 am\n" + _STORY, "2025-02-18"),
        ("---\ntitle: Talks in Riyadh\ndate: 2025-02-18\n---\n" + _STORY, "2025-02-18"),
        ("Talks\n18 February 2025 — " + _STORY, "2025-02-18"),
    ],
)
def test_text_datelines_and_date_lines(text: str, expected: str) -> None:
    assert text_published_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Talks\nUpdated 2025-02-19 10:31 GMT, first published 18 February 2025\n" + _STORY,
        "Talks\nUpdated: 19 Feb 2025\nPublished: 18 Feb 2025\n" + _STORY,
        "Talks\nUpdated: 19 Feb 2025\n18 February 2025\n" + _STORY,
    ],
)
def test_published_wins_over_updated(text: str) -> None:
    assert text_published_date(text) == "2025-02-18"


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON, Feb 18 (Reuters) - US officials met Russian officials on Tuesday ...\n",
        "Talks in Riyadh\n\n" + _STORY,
        "Talks\n03/04/2025\n" + _STORY,  # 3 April or March 4: not guessed
        "Talks\nPublished: 30 February 2025\n" + _STORY,
        "Talks\nPublished 2 hours ago\n" + _STORY,
        "Talks\nOn 4 March 2014, the treaty was signed in Minsk by Russia, Ukraine and others.\n",
        "Talks\nBy 18 February 2025, the government must publish its plan for the region.\n",
        "Talks\n" + "A paragraph of the story.\n" * 20 + "Published: 18 February 2025\n",
        "",
    ],
)
def test_no_stated_publication_date_gives_none(text: str) -> None:
    assert text_published_date(text) is None


@pytest.mark.parametrize("odd", [None, 42, b"Published: 18 February 2025", "\x00\ud800"])
def test_odd_text_gives_none(odd: object) -> None:
    assert text_published_date(odd) is None  # type: ignore[arg-type]
