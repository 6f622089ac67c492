"""``newsqa feeds add|list|remove|import`` and ``newsqa update``: news as it is published."""

from __future__ import annotations

import sys
from contextlib import closing
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path

import click

from ingest.feeds import Added, add_feeds, import_opml
from ingest.fetch import Fetcher, fetch_limits
from ingest.subscriptions import Subscriptions
from ingest.update import UpdateReport, update_feeds
from rag.errors import InputFileError, NewsqaError
from ui import render


@click.group()
def feeds() -> None:
    """Follow RSS, Atom and JSON feeds; `newsqa update` fetches what is new."""


@feeds.command("add")
@click.argument("addresses", nargs=-1, required=True)
@click.pass_obj
def add(obj, addresses) -> None:
    """Follow feeds, by the feed's address or its site's (found through its alternate link)."""
    settings = obj.settings()
    with _subscriptions(settings) as subscriptions:
        rows = add_feeds(
            subscriptions,
            Fetcher(fetch_limits(settings), subscriptions),
            list(addresses),
            trusted=True,
        )
    _print_added(rows)


@feeds.command("import")
@click.argument("opml", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def import_command(obj, opml: Path) -> None:
    """Follow every feed of an OPML file, as feed readers export them."""
    try:
        data = opml.read_bytes()
    except OSError as exc:
        raise NewsqaError(f"{opml}: cannot read ({exc.strerror or exc})") from exc
    with _subscriptions(obj.settings()) as subscriptions:
        try:
            rows = import_opml(subscriptions, data, trusted=True)
        except InputFileError as exc:
            raise NewsqaError(f"{opml}: {exc}") from exc
    _print_added(rows)


@feeds.command("list")
@click.pass_obj
def list_feeds(obj) -> None:
    """Each feed followed: its last poll, new articles then, and what failed."""
    with _subscriptions(obj.settings()) as subscriptions:
        followed = subscriptions.all()
    if not followed:
        click.echo("No feeds yet: follow one with `newsqa feeds add URL`.")
    for feed in followed:
        polled = _when(feed.last_poll) if feed.last_poll else "never polled"
        click.echo(f"{feed.title or '(untitled)'} — {feed.url}")
        state = f"FAILED: {feed.last_error}" if feed.last_error else f"{feed.last_new} new"
        click.echo(f"    last poll {polled}: {state}" if feed.last_poll else f"    {polled}")
        for problem in feed.problems:
            click.echo(f"    FAILED {problem}")


@feeds.command("remove")
@click.argument("addresses", nargs=-1, required=True)
@click.pass_obj
def remove(obj, addresses) -> None:
    """Stop following feeds (their articles stay in the index)."""
    with _subscriptions(obj.settings()) as subscriptions:
        unknown = [a for a in addresses if not subscriptions.remove(a)]
    for address in addresses:
        if address not in unknown:
            click.echo(f"Stopped following {address}")
    if unknown:
        raise NewsqaError(f"Not a followed feed: {', '.join(unknown)} (see `newsqa feeds list`)")


@click.command()
@click.pass_obj
def update(obj) -> None:
    """Poll every feed once and ingest its new articles."""
    app = obj.app()
    with _subscriptions(app.settings) as subscriptions:
        if not subscriptions.all():
            raise NewsqaError("No feeds to update: follow one with `newsqa feeds add URL`.")
        fetcher = Fetcher(fetch_limits(app.settings), subscriptions)
        report = update_feeds(
            app,
            subscriptions,
            fetcher,
            progress=render.EmbedProgress(),
            pages=render.StepProgress("Fetching new pages"),
        )
    print_update(report)
    if not (report.ok and report.ingest.ok):
        sys.exit(1)


def print_update(report: UpdateReport) -> None:
    for poll in report.feeds:
        if poll.error:
            click.echo(f"FAILED {poll.url}: {poll.error}", err=True)
        elif poll.not_modified:
            click.echo(f"{poll.url}: unchanged since the last update")
        else:
            click.echo(f"{poll.url}: {poll.new} new")
        for problem in poll.problems:
            click.echo(f"FAILED {problem}", err=True)
    render.ingest_report(replace(report.ingest, failed=[]))  # failures are named above
    polled = f"{len(report.feeds)} feeds polled with {report.requests} requests"
    steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in asdict(report.phases).items())
    click.echo(f"{polled} in {report.seconds:.1f} s ({steps})")


def _print_added(rows: list[Added]) -> None:
    for row in rows:
        if row.outcome == "failed":
            click.echo(f"FAILED {row.address}: {row.reason}", err=True)
        elif row.feed and row.feed != row.address:
            click.echo(f"{row.outcome}: {row.feed} (found from {row.address})")
        else:
            click.echo(f"{row.outcome}: {row.address}")
    if any(row.outcome == "failed" for row in rows):
        sys.exit(1)


def _subscriptions(settings) -> closing[Subscriptions]:
    return closing(Subscriptions(settings.feeds_path))


def _when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")
