"""A small news site on the local test server: feeds in every format, pages, and faults."""

from __future__ import annotations

from html import escape
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

Story = tuple[str, list[str]]  # a headline and its paragraphs
FEEDS = Path(__file__).resolve().parent / "data" / "feeds"
FEED_TYPES = {
    "rss2.xml": "application/rss+xml",
    "atom.xml": "application/atom+xml",
    "feed.json": "application/feed+json",
}
BRIDGE = [
    "The Harbour Bridge will close to all traffic on Monday for repairs after a storm damaged "
    "two of its steel cables, the city council said on Sunday evening.",
    "City engineer Maria Lund said the repairs would take about six weeks and cost two million "
    "euros, paid from the council's emergency fund for storm damage.",
    "Ferries will run every twenty minutes while the bridge is closed, and buses will take the "
    "longer road around the bay, adding about half an hour to the journey into the centre.",
]
FERRY = [
    "The harbour ferry will run until midnight from Monday while the Harbour Bridge is shut, the "
    "ferry company announced, adding two boats borrowed from the island service.",
    "Tickets stay at the usual price, and holders of a monthly bus pass may travel free of charge "
    "on every crossing until the bridge opens again.",
    "The company said it expected about four thousand extra passengers a day during the closure.",
]
MARKET = [
    "The island market reopened on Thursday after three weeks of repairs to its roof, which was "
    "torn off by the same storm that damaged the Harbour Bridge.",
    "Stallholders said business was slow in the morning but picked up once the ferry brought the "
    "first visitors from the mainland shortly before noon.",
    "The market will stay open until eight in the evening on Fridays for the rest of the year.",
]
STORM = " ".join(
    [
        "Forecasters issued a storm warning for the whole coast on Wednesday, with gusts of up to "
        "one hundred and twenty kilometres an hour expected overnight.",
        "Residents were told to tie down loose objects, to stay away from the sea front and to "
        "avoid driving unless their journey was necessary.",
    ]
    * 4
)


def desk_stories(desk: int, count: int) -> list[Story]:
    """``count`` short stories of desk ``desk``, each with a lead of its own: no two alike."""
    texts = (BRIDGE, FERRY, MARKET)
    return [
        (f"Desk {desk}, story {n}", [f"Desk {desk} filed story {n} today.", *texts[n % 3]])
        for n in range(count)
    ]


def article_page(
    title: str, paragraphs: list[str], canonical: str, *, site: str, date: str | None = None
) -> str:
    """A news page as outlets write them: navigation, a share bar, the article, a footer."""
    published = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><title>{escape(title)} | {site}</title>
<meta property="og:title" content="{escape(title)}"><meta property="og:site_name" content="{site}">
<link rel="canonical" href="{canonical}">{published}</head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
</header><main><article><h1>{escape(title)}</h1>
<div class="share"><a>Share on Facebook</a> <a>Share on X</a></div>
{body}
</article><aside class="related"><h2>Most read</h2><ul><li><a href="/a">Mayor opens new
library</a></li><li><a href="/b">Football club signs striker</a></li></ul></aside></main>
<footer><p>© 2024 {site}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


BOILERPLATE_ONLY = """<!DOCTYPE html><html><head><title>Subscribe</title></head><body>
<nav><a href="/">Home</a></nav><div class="cookie-banner">We use cookies.</div>
<footer>© 2024 Harbour Times</footer></body></html>"""


class Newsroom:
    """The site's feeds and pages on ``web``; every address is under ``base``."""

    def __init__(self, web: HTTPServer) -> None:
        self.web = web
        self.base = web.url_for("/").rstrip("/")

    def feed_text(self, name: str) -> str:
        text = (FEEDS / name).read_text()
        storm = escape("".join(f"<p>{s}.</p>" for s in STORM.split(". ") if s))
        return text.replace("{base}", self.base).replace("{storm_content}", storm)

    def serve_feed(self, name: str, etag: str = '"v1"') -> str:
        """Serve a feed at /feeds/NAME, answering 304 to a request that has its ETag."""
        kind = FEED_TYPES.get(name, "application/xml")
        return self._serve_conditional(f"/feeds/{name}", self.feed_text(name), kind, etag)

    def serve_desk(
        self, name: str, stories: list[Story], *, atom: bool = False, etag: str = '"v1"'
    ) -> str:
        """A feed named NAME at /desks/NAME.xml (RSS 2.0, or Atom), answering 304 to its ETag.

        Each story is an entry linking to a page of its own, /desks/NAME/N, as
        ``article_page`` writes it: the extractor has boilerplate to remove.
        """
        entries = []
        for n, (title, paragraphs) in enumerate(stories):
            address = f"{self.base}/desks/{name}/{n}"
            self.serve_page(
                f"/desks/{name}/{n}", article_page(title, paragraphs, address, site=name)
            )
            entries.append((escape(title), address))
        if atom:
            body = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(name)}</title>'
            body += "".join(
                f'<entry><title>{title}</title><id>{link}</id><link href="{link}"/></entry>'
                for title, link in entries
            )
            body += "</feed>"
        else:
            items = "".join(
                f"<item><title>{title}</title><link>{link}</link></item>" for title, link in entries
            )
            body = (
                f'<rss version="2.0"><channel><title>{escape(name)}</title>{items}</channel></rss>'
            )
        kind = "application/atom+xml" if atom else "application/rss+xml"
        return self._serve_conditional(f"/desks/{name}.xml", body, kind, etag)

    def _serve_conditional(self, path: str, body: str, content_type: str, etag: str) -> str:
        def answer(request: Request) -> Response:
            if request.headers.get("If-None-Match") == etag:
                return Response(status=304, headers={"ETag": etag})
            return Response(body, content_type=content_type, headers={"ETag": etag})

        self.web.expect_request(path).respond_with_handler(answer)
        return self.base + path

    def serve_page(self, path: str, html: str) -> None:
        self.web.expect_request(path).respond_with_data(html, content_type="text/html")

    def serve_articles(self) -> None:
        """The pages the feeds link to; /go/ferry redirects to the ferry story's own address."""
        b = self.base
        self.serve_page(
            "/news/bridge-closes",
            article_page(
                "Harbour Bridge to close for repairs",
                BRIDGE,
                f"{b}/news/bridge-closes",
                site="Harbour Times",
                date="2024-11-03",
            ),
        )
        self.web.expect_request("/go/ferry").respond_with_data(
            "", status=302, headers={"Location": "/news/ferry-timetable"}
        )
        self.serve_page(
            "/news/ferry-timetable",
            article_page(
                "Ferry timetable extended", FERRY, f"{b}/news/ferry-timetable", site="Harbour Times"
            ),
        )
        self.serve_page(
            "/island/market",
            article_page(
                "Island market reopens", MARKET, f"{b}/island/market", site="Island Voice"
            ),
        )

    def hits(self, path: str) -> int:
        return sum(1 for request, _ in self.web.log if request.path == path)

    def requests(self) -> int:
        return len(self.web.log)
