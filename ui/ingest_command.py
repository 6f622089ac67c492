"""``newsqa ingest``: files, folders and web addresses into the index."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ui import render


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--prune", is_flag=True, help="Also remove articles whose files are gone.")
@click.option("--chunk-size", type=int, help="Passage length in word pieces (max 250).")
@click.option("--chunk-overlap", type=int, help="Word pieces shared by neighbouring passages.")
@click.option(
    "--workers", "ingest_workers", type=int, help="Processes that read and embed articles."
)
@click.option(
    "--ray",
    "ray_address",
    help="Spread the work over a Ray cluster: auto, local or ray://HOST:PORT (newsqa[ray]).",
)
@click.pass_obj
def ingest(obj, paths, prune, chunk_size, chunk_overlap, ingest_workers, ray_address) -> None:
    """Add or update articles from files, folders (.txt .md .html .json .jsonl .pdf) and web
    pages (https://...)."""
    from ingest.fetch import Fetcher, fetch_limits
    from ingest.parallel import file_writer
    from ingest.planner import ingest_files
    from ingest.subscriptions import Subscriptions
    from ingest.web import ingest_addresses, is_web_address

    overrides = {"chunk_size": chunk_size, "chunk_overlap": chunk_overlap}
    app = obj.app(**overrides, ingest_workers=ingest_workers, ray_address=ray_address)
    addresses = [p for p in paths if is_web_address(p)]
    files = [Path(p) for p in paths if not is_web_address(p)]
    progress = render.EmbedProgress()
    report = None
    if files:
        write_files = file_writer(app.settings)
        report = ingest_files(app, files, prune, progress, write_files)
    if addresses:
        settings = app.settings
        subscriptions = Subscriptions(settings.feeds_path)
        fetcher = Fetcher(fetch_limits(settings), subscriptions)
        try:  # addresses typed here are the owner's: they may be on the local network
            report = ingest_addresses(
                app, addresses, fetcher, subscriptions, guarded=False, report=report
            )
        finally:
            subscriptions.close()
    render.ingest_report(report)
    if not report.ok:
        sys.exit(1)
