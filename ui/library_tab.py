"""The web UI's Library tab: add and delete articles, see the stories.

Its events do not wait behind the model. Expected errors become messages in the
page (``user_errors``), never a crash.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Iterator
from functools import wraps
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr

from ingest.loaders import SUPPORTED_SUFFIXES
from rag.app import Newsqa
from rag.errors import NewsqaError
from rag.settings import Settings
from ui import views
from ui.library import (
    LIBRARY_HEADERS,
    UPLOAD_HEADERS,
    delete_article,
    ingest_uploads,
    library_rows,
    library_stats,
    upload_limit,
)

logger = logging.getLogger(__name__)


def user_errors(fn: Callable) -> Callable:
    """Expected errors become a gr.Error message; anything else is logged and reported."""

    def translate(exc: Exception) -> gr.Error:
        if isinstance(exc, NewsqaError):
            return gr.Error(str(exc), print_exception=False)
        logger.exception("Unexpected error in the web UI")
        return gr.Error("Something went wrong; the server log has the details.")

    @wraps(fn)
    def call(*args: Any) -> Any:
        try:
            return fn(*args)
        except gr.Error:
            raise
        except Exception as exc:
            raise translate(exc) from exc

    @wraps(fn)
    def stream(*args: Any) -> Iterator[Any]:
        try:
            yield from fn(*args)
        except gr.Error:
            raise
        except Exception as exc:
            raise translate(exc) from exc

    return stream if inspect.isgeneratorfunction(fn) else call


def library_tab(settings: Settings, app: Newsqa, demo: gr.Blocks) -> tuple[Callable, list]:
    accepted = sorted(SUPPORTED_SUFFIXES)
    with gr.Row():
        with gr.Column(scale=2):
            files = gr.File(
                file_count="multiple",
                file_types=accepted,
                label=f"Add articles ({' '.join(accepted)})",
            )
            add = gr.Button("Add to library", variant="primary")
            results = gr.Dataframe(
                headers=UPLOAD_HEADERS, interactive=False, wrap=True, label="Upload results"
            )
        with gr.Column(scale=3):
            stats = gr.Markdown()
            table = gr.Dataframe(
                headers=LIBRARY_HEADERS, interactive=False, wrap=True, label="Articles"
            )
            with gr.Row():
                doomed = gr.Dropdown([], label="Article to delete", scale=3)
                delete = gr.Button("Delete", variant="stop", scale=1)
            status = gr.Markdown()
            with gr.Accordion("Stories: copies and rewrites of one report", open=False):
                stories = gr.HTML()

    def refresh():
        catalog = app.catalog
        articles, passages = library_stats(catalog)
        rows = library_rows(catalog)
        choices = [(f"{r[0]} ({r[1]})", r[4]) for r in rows]
        summary = f"**{articles}** articles · **{passages}** passages"
        shown = views.render_stories_html(app.story_views())
        return summary, rows or None, gr.update(choices=choices, value=None), shown

    @user_errors
    def upload(files):
        # Raw upload data (preprocess=False): gradio's own checks would fail the whole batch
        # over one odd name; the library checks each file, and that it really was uploaded.
        if not files:
            raise gr.Error("Choose files to add first.")
        paths = [f.get("path") or "" for f in files]
        names = [f.get("orig_name") or Path(p).name for f, p in zip(files, paths, strict=True)]
        limit = upload_limit(settings.upload_max_mb)
        rows = ingest_uploads(paths, app, settings.uploads_dir, limit, names, settings.incoming_dir)
        return [row.as_list() for row in rows], None, *refresh()

    @user_errors
    def remove(article_id):
        message = delete_article(app.writer, article_id)
        return escape(message), *refresh()

    listing = [stats, table, doomed, stories]
    add.click(
        upload,
        files,
        [results, files, *listing],
        concurrency_limit=None,
        api_visibility="private",
        preprocess=False,
    )
    delete.click(
        remove, doomed, [status, *listing], concurrency_limit=None, api_visibility="private"
    )
    demo.load(refresh, None, listing, concurrency_limit=None, api_visibility="private")
    return refresh, listing
