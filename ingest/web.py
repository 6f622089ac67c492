"""Articles from web addresses: fetched, read by the page extractor, written like files.

A web article's identity is its canonical address: its id is a hash of it, and
it stands in the catalog where a file's path would, so fetching an unchanged
page again changes nothing, and a changed page replaces its old version.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ingest.decode import decode_bytes
from ingest.feed_entry import Entry
from ingest.fetch import Fetched, Fetcher
from ingest.loaders import LoadedArticle, page_article
from ingest.planner import Planner, apply_plans
from ingest.subscriptions import Poll, Seen, Subscriptions
from rag.app import Newsqa
from rag.errors import FetchError, InputFileError
from rag.index.batch import IngestReport, NoProgress, Progress


@dataclass(frozen=True)
class WebArticle:
    key: str  # the canonical address: where the article stands in the catalog
    sha: str  # a hash of what was fetched
    article: LoadedArticle

    @property
    def text_sha(self) -> str:
        return hashlib.sha256(self.article.text.encode()).hexdigest()


def is_web_address(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def fetched_article(
    fetched: Fetched, entry: Entry | None = None, outlet: str | None = None
) -> WebArticle:
    """The article of a fetched page (of a feed ``entry``, from the feed named ``outlet``).

    Raises InputFileError when the page has no article text.
    """
    date, title = (entry.published, entry.title) if entry else (None, None)
    loaded = page_article(_page_text(fetched), fetched.url, date=date, title=title, outlet=outlet)
    return _web_article(loaded, loaded.url or fetched.url, fetched.body)


def entry_article(entry: Entry, outlet: str | None = None) -> WebArticle:
    """The article a feed entry carries whole, at the entry's address."""
    address = entry.link or entry.key
    content = entry.content or ""
    loaded = page_article(content, address, date=entry.published, title=entry.title, outlet=outlet)
    return _web_article(replace(loaded, url=address), address, content.encode())


def _web_article(loaded: LoadedArticle, key: str, raw: bytes) -> WebArticle:
    article_id = hashlib.sha256(key.encode()).hexdigest()[:16]
    return WebArticle(key, hashlib.sha256(raw).hexdigest(), replace(loaded, id=article_id))


def _page_text(fetched: Fetched) -> str:
    charset = fetched.headers.get("content-type", "").partition("charset=")[2].strip(" \"';")
    if charset:
        try:
            return fetched.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(fetched.body)


def write_web_articles(
    app: Newsqa, items: list[WebArticle], report: IngestReport, progress: Progress
) -> None:
    """Write web articles (inside the writer's transaction); each key's outcome in the report."""
    planner = Planner.for_app(app)
    plans = []
    for item in items:
        existing = app.catalog.for_path(item.key)
        report.outcomes[item.key] = "failed"
        plans.append(planner.plan_articles(item.key, item.sha, [item.article], existing, report))
    apply_plans(app.writer, plans, report, progress)


def ingest_addresses(
    app: Newsqa,
    addresses: Iterable[str],
    fetcher: Fetcher,
    subscriptions: Subscriptions,
    *,
    guarded: bool,
    report: IngestReport | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Fetch web pages and ingest their articles; each failure is reported by its address."""
    began = time.perf_counter()
    report = report or IngestReport()
    items: list[WebArticle] = []
    for address in dict.fromkeys(addresses):
        try:
            items.append(fetched_article(fetcher.get(address, guarded=guarded)))
        except (FetchError, InputFileError) as exc:
            report.failed.append((address, str(exc)))
            report.outcomes[address] = "failed"
    with app.writer.transaction(report, progress):
        write_web_articles(app, items, report, progress or NoProgress())
    app.writer.refresh_derived_indexes()
    seen = [Seen(item.key, item.key, item.text_sha) for item in items]
    subscriptions.record([Poll("", seen=seen)])
    report.seconds += time.perf_counter() - began
    return report
