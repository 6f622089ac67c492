"""The Library tab's feeds: follow one by its address, poll now, and each feed's last poll."""

from __future__ import annotations

from datetime import datetime
from html import escape

import gradio as gr

from ingest.feed_service import FeedService
from ingest.subscriptions import Feed

FEED_HEADERS = ["Feed", "Address", "Last poll", "New", "Errors"]


def feed_rows(followed: list[Feed]) -> list[list[str | int]]:
    """One row per feed: its name, address, last poll, new articles then, and what failed."""
    rows: list[list[str | int]] = []
    for feed in followed:
        when = feed.last_poll and datetime.fromtimestamp(feed.last_poll).strftime("%Y-%m-%d %H:%M")
        errors = ([feed.last_error] if feed.last_error else []) + feed.problems
        rows.append(
            [
                feed.title or "(untitled)",
                feed.url,
                when if feed.last_poll else "never",
                feed.last_new,
                "; ".join(errors),
            ]
        )
    return rows


def feeds_panel(feeds: FeedService, refresh_library, library: list, demo: gr.Blocks) -> None:
    """The feeds accordion; an update refreshes the article list too."""
    with gr.Accordion("Feeds: follow news as it is published", open=True):
        with gr.Row():
            address = gr.Textbox(
                placeholder="A feed's address, or its site's (https://…)",
                show_label=False,
                scale=4,
                max_length=2000,
            )
            follow = gr.Button("Follow", variant="primary", scale=1)
            poll = gr.Button("Update now", scale=1)
        status = gr.Markdown()
        table = gr.Dataframe(headers=FEED_HEADERS, interactive=False, wrap=True, label="Feeds")

    def listed():
        return feed_rows(feeds.feeds()) or None

    def add(text):
        try:
            row = feeds.add(text)
        except Exception as exc:  # the reason is shown where the address was typed
            return f"Not followed: {escape(str(exc))}", listed(), text
        found = f" (found from {escape(row.address)})" if row.feed != row.address else ""
        return f"{row.outcome.capitalize()}: {escape(row.feed or '')}{found}", listed(), ""

    def update():
        report = feeds.update()
        new = sum(p.new for p in report.feeds)
        failed = sum(bool(p.error or p.problems) for p in report.feeds)
        message = f"Polled {len(report.feeds)} feeds: {new} new articles, {failed} with errors."
        return message, listed(), *refresh_library()

    private = {"api_visibility": "private", "concurrency_limit": None}
    follow.click(add, address, [status, table, address], **private)
    address.submit(add, address, [status, table, address], **private)
    poll.click(update, None, [status, table, *library], **private)
    demo.load(listed, None, table, **private)
