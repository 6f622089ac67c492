"""``newsqa serve``: the web UI on a host and port, behind an optional login."""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
import time

import click

logger = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """Only this machine can reach the address (names other than localhost count as open)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def warm_up(newsqa) -> None:
    """Load the models and the keyword index before the first question, and say when done."""
    began = time.perf_counter()
    try:
        newsqa.warm_up()
    except Exception:  # the first question will report the problem to its user
        logger.warning("Loading the models ahead of time failed", exc_info=True)
        return
    click.echo(f"newsqa: ready to answer (models loaded in {time.perf_counter() - began:.1f} s)")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7860, show_default=True, type=int, help="Port to listen on.")
@click.option("--llm-model", help="Model selected when the page opens.")
@click.option("--update-every", help="Poll the feeds this often in the background, e.g. 30m.")
@click.pass_obj
def serve(obj, host: str, port: int, llm_model: str | None, update_every: str | None) -> None:
    """Start the web UI: chat with sources, and a library to upload or delete articles."""
    settings = obj.settings(llm_model=llm_model, update_every=update_every)
    # Files arrive in gradio's staging folder before the library copies them to uploads/:
    # keep that folder inside the data directory too (gradio reads this when imported).
    os.environ["GRADIO_TEMP_DIR"] = str(settings.incoming_dir)
    import gradio as gr
    import uvicorn

    from ingest.feed_service import FeedService, every_seconds
    from rag.app import Newsqa
    from ui.api import build_api
    from ui.app import CSS, SCRIPT, build_app
    from ui.library import upload_limit

    if settings.auth is None and not is_loopback(host):
        logger.warning(
            "Serving on %s without a login: anyone who can reach it can read and change the "
            "library. Set NEWSQA_AUTH=user:password.",
            host,
        )
    newsqa = Newsqa(settings)  # one set of models and one index for the UI and the HTTP API
    # Load the models while the server starts, so the first question does not wait for them.
    threading.Thread(target=warm_up, args=(newsqa,), name="warm-up", daemon=True).start()
    feeds = FeedService(newsqa)  # shared by the UI, the API and the background poller
    if period := every_seconds(settings.update_every):
        feeds.poll_every(period)
        click.echo(f"newsqa: polling the feeds every {settings.update_every}")
    app = gr.mount_gradio_app(
        build_api(settings, newsqa, feeds),
        build_app(settings, newsqa, feeds),
        path="/",
        auth=settings.auth_pair,
        # Files up to twice the limit reach the library, which refuses each one on its own
        # line; larger ones are stopped before they are sent, so they never fill the disk.
        max_file_size=upload_limit(2 * settings.upload_max_mb),
        # Uploads are staged there; listing it lets a file whose name starts with a dot
        # reach the library's own per-file checks instead of failing the whole batch.
        allowed_paths=[str(settings.incoming_dir)],
        css=CSS,
        js=SCRIPT,
        footer_links=["api"],
    )
    click.echo(f"newsqa: web UI at http://{host}:{port}/, HTTP API at /v1 (schema: /docs)")
    # Open event streams would hold a graceful shutdown forever: give them 5 seconds.
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)
