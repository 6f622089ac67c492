"""``newsqa update``: poll every feed, ingest the entries not seen before.

Per feed: one conditional GET (an unchanged feed answers 304: one request, no
page fetched); new entries' pages fetched, then their articles extracted, or the
entry's own content used when the feed carries the whole article. An entry
already in the index, by its address or by its text, is skipped. A feed or page
that fails is named with its reason and the rest goes on; a feed with a failed
entry keeps its old ETag, so the next update fetches it whole and tries that
entry again.

The steps run one after the other, each timed on the report (``Phases``): the
feeds polled, every new page fetched (kept in memory until it is read), every
article extracted, then all written. So the time an update takes is split
between the network, the extractor and the embedding model.

The articles are written in one transaction of the index writer, then every
feed's outcome in one transaction of the subscriptions: a kill in between
re-polls the feeds next time, and their entries are then found in the catalog.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import pairwise

from ingest.feed_entry import Entry
from ingest.feed_read import read_feed
from ingest.fetch import FEED_TYPES, Fetched, Fetcher
from ingest.subscriptions import Feed, Poll, Seen, Subscriptions
from ingest.web import WebArticle, entry_article, fetched_article, write_web_articles
from rag.app import Newsqa
from rag.errors import FetchError, InputFileError
from rag.index.batch import IngestReport, NoProgress, Progress
from rag.index.crashpoints import crash_point

logger = logging.getLogger(__name__)
WORKERS = 4  # feeds and pages fetched at once (each host still gets at most fetch_per_host)


@dataclass
class FeedPoll:
    """One feed's poll while the update runs."""

    feed: Feed
    poll: Poll
    new_entries: list[Entry] = field(default_factory=list)
    articles: list[tuple[Entry, WebArticle]] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class Phases:
    """Wall-clock seconds of each step of an update; together, about the whole of it."""

    poll: float = 0.0  # feeds fetched (conditionally) and read, their new entries sorted out
    fetch: float = 0.0  # the new entries' pages fetched
    extract: float = 0.0  # the articles read out of the pages (or the entries)
    write: float = 0.0  # embedded and written to the index, the feeds' state saved


@dataclass
class UpdateReport:
    feeds: list[Poll] = field(default_factory=list)
    ingest: IngestReport = field(default_factory=IngestReport)
    requests: int = 0
    seconds: float = 0.0
    phases: Phases = field(default_factory=Phases)

    @property
    def ok(self) -> bool:
        return not any(poll.error or poll.problems for poll in self.feeds)


def update_feeds(
    app: Newsqa,
    subscriptions: Subscriptions,
    fetcher: Fetcher,
    progress: Progress | None = None,
    pages: Progress | None = None,
) -> UpdateReport:
    """Poll every feed once and ingest what is new.

    ``progress`` follows the passages embedded, ``pages`` the pages fetched.
    """
    report = UpdateReport()
    marks = [time.perf_counter()]  # the start, then the end of each step
    with ThreadPoolExecutor(WORKERS) as pool:
        polls = list(pool.map(lambda feed: _poll(feed, fetcher), subscriptions.all()))
        for polled in polls:
            _sort_entries(polled, subscriptions, app)
        marks.append(time.perf_counter())
        jobs = [(polled, entry) for polled in polls for entry in polled.new_entries]
        fetched = _fetch_pages(pool, jobs, fetcher, pages or NoProgress())
        marks.append(time.perf_counter())
        read = pool.map(lambda job, page: _article(job[1], job[0], page), jobs, fetched)
        for (polled, entry), (article, problem) in zip(jobs, read, strict=True):
            if article is not None:
                polled.articles.append((entry, article))
            else:
                polled.problems.append(f"{entry.link or entry.key}: {problem}")
        del fetched  # the pages' bodies are not needed past here
        marks.append(time.perf_counter())
    _drop_copies(polls, subscriptions)
    items = [article for polled in polls for _, article in polled.articles]
    # Even with nothing new: the transaction finishes a write a killed update left behind.
    with app.writer.transaction(report.ingest, progress):
        write_web_articles(app, items, report.ingest, progress or NoProgress())
    app.writer.refresh_derived_indexes()
    report.feeds = [_outcome(polled, report.ingest) for polled in polls]
    crash_point("indexed-feed-articles")  # articles in, feeds' state not yet
    subscriptions.record(report.feeds)
    marks.append(time.perf_counter())
    report.phases = Phases(*(end - start for start, end in pairwise(marks)))
    report.requests = fetcher.requests
    report.seconds = report.ingest.seconds = marks[-1] - marks[0]
    return report


def _poll(feed: Feed, fetcher: Fetcher) -> FeedPoll:
    """Fetch one feed (conditionally) and read its entries; a failure is kept, not raised."""
    try:
        answer = fetcher.get(
            feed.url,
            accept=FEED_TYPES,
            guarded=not feed.trusted,
            etag=feed.etag,
            modified=feed.modified,
        )
        if answer.not_modified:
            return FeedPoll(feed, Poll(feed.url, keep_validators=True, not_modified=True))
        document = read_feed(answer.body, answer.url, answer.content_type)
    except FetchError as exc:
        return FeedPoll(feed, Poll(feed.url, error=str(exc), keep_validators=True))
    except Exception as exc:  # a parser bug must not cost the other feeds
        logger.exception("Unexpected error polling %s", feed.url)
        return FeedPoll(
            feed, Poll(feed.url, error=f"unexpected error: {exc}", keep_validators=True)
        )
    validators = Poll(
        feed.url,
        etag=answer.headers.get("etag"),
        modified=answer.headers.get("last-modified"),
        title=document.title,
    )
    return FeedPoll(feed, validators, new_entries=document.entries)


def _sort_entries(polled: FeedPoll, subscriptions: Subscriptions, app: Newsqa) -> None:
    """Keep only entries not handled before: by key, or by an address already in the index."""
    known = subscriptions.seen_keys(polled.feed.url)
    fresh = []
    for entry in polled.new_entries:
        if entry.key in known:
            continue
        link = entry.link
        if link and (subscriptions.known_address(link) or app.catalog.for_path(link)):
            polled.seen.append(Seen(entry.key, link, None))
            continue
        fresh.append(entry)
    polled.new_entries = fresh


Page = tuple[Fetched | None, str]  # an entry's fetched page (None: not fetched), or why not


def _fetch_pages(
    pool: ThreadPoolExecutor,
    jobs: list[tuple[FeedPoll, Entry]],
    fetcher: Fetcher,
    progress: Progress,
) -> list[Page]:
    """Every entry's page, in the order of ``jobs``; a failure is kept with its reason."""
    if not jobs:
        return []
    progress.start(len(jobs))  # an entry that carries its article is done at once
    pages = []
    for page in pool.map(lambda job: _page(job[1], job[0], fetcher), jobs):
        pages.append(page)
        progress.advance(1)
    progress.finish()
    return pages


def _page(entry: Entry, polled: FeedPoll, fetcher: Fetcher) -> Page:
    """The entry's page; none for an entry that carries its article, or that has no address."""
    if entry.content:
        return None, ""
    if not entry.link:
        return None, "the entry has no address and no content"
    try:
        return fetcher.get(entry.link, guarded=not polled.feed.trusted), ""
    except FetchError as exc:
        return None, str(exc)
    except Exception as exc:  # a fetcher bug must not cost the other entries
        logger.exception("Unexpected error fetching %s", entry.link)
        return None, f"unexpected error: {exc}"


def _article(entry: Entry, polled: FeedPoll, page: Page) -> tuple[WebArticle | None, str]:
    """The entry's article, from its fetched page or its own content; else why not."""
    fetched, problem = page
    if problem:
        return None, problem
    outlet = polled.poll.title or polled.feed.title  # where the page does not name itself
    try:
        if fetched is None:
            return entry_article(entry, outlet), ""
        return fetched_article(fetched, entry, outlet), ""
    except (FetchError, InputFileError) as exc:
        return None, str(exc)
    except Exception as exc:  # an extractor bug must not cost the other entries
        logger.exception("Unexpected error reading %s", entry.link or entry.key)
        return None, f"unexpected error: {exc}"


def _drop_copies(polls: list[FeedPoll], subscriptions: Subscriptions) -> None:
    """An entry whose text is already in (or earlier in this update) is seen, not written."""
    texts: set[str] = set()
    keys: set[str] = set()
    for polled in polls:
        kept = []
        for entry, article in polled.articles:
            sha = article.text_sha
            if sha in texts or article.key in keys or subscriptions.known_text(sha):
                polled.seen.append(Seen(entry.key, entry.link or article.key, sha))
                continue
            texts.add(sha)
            keys.add(article.key)
            kept.append((entry, article))
        polled.articles = kept


def _outcome(polled: FeedPoll, ingest: IngestReport) -> Poll:
    """The poll to save: ETag and Last-Modified only if every entry was handled."""
    outcomes = {a.key: ingest.outcomes.get(a.key, "failed") for _, a in polled.articles}
    new = sum(outcome.startswith("ingested") for outcome in outcomes.values())
    seen = polled.seen + [
        Seen(entry.key, entry.link or a.key, a.text_sha)
        for entry, a in polled.articles
        if outcomes[a.key] != "failed"
    ]
    failed = [f"{key}: {reason}" for key, reason in ingest.failed if key in outcomes]
    problems = polled.problems + failed
    poll = polled.poll
    return Poll(
        poll.url,
        etag=poll.etag,
        modified=poll.modified,
        new=new,
        error=poll.error,
        problems=problems,
        seen=seen,
        title=poll.title,
        keep_validators=poll.keep_validators or bool(problems),
        not_modified=poll.not_modified,
    )
