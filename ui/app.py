"""The web UI (gradio): a chat with its sources beside it, and a library of articles.

The only module that imports gradio. The model answers one question at a time
(every LLM event shares one queue slot, the API included); library events do
not wait behind it. Expected errors become messages in the page, never a crash.
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

from ingest.feed_service import FeedService
from ingest.loaders import SUPPORTED_SUFFIXES
from rag.app import Newsqa
from rag.errors import NewsqaError
from rag.models.llm import model_choices
from rag.settings import Settings
from rag.types import RETRIEVER_MODES, AskOptions
from ui import views
from ui.feeds_panel import feeds_panel
from ui.handlers import ChatState, answer_stream, ask_once, ask_options, chat_turn
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

EXAMPLES = [
    "Which Romanian official told Antena 3 that the United States had refused Russia's request?",
    "Who is Sergey Ryabkov?",
    "Who did Zelenskyy visit in Turkey while the talks took place?",
]
LLM_QUEUE = "llm"  # the chat and the API share it: one model call at a time
CSS = views.CSS
SCRIPT = views.SCRIPT


def _user_errors(fn: Callable) -> Callable:
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


def build_app(
    settings: Settings, app: Newsqa | None = None, feeds: FeedService | None = None
) -> gr.Blocks:
    """The whole UI; ``app`` holds the models and index (fakes in tests)."""
    app = app or Newsqa(settings)
    # No telemetry or version check; staged uploads (copied at once) deleted after an hour.
    with gr.Blocks(title="newsqa", analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
        with gr.Tab("Chat"):
            _chat_tab(settings, app)
        with gr.Tab("Timeline"):
            _timeline_tab(app)
        with gr.Tab("Library"):
            feeds_panel(feeds or FeedService(app), *_library_tab(settings, app, demo), demo)
    demo.queue()
    return demo


def _chat_tab(settings: Settings, app: Newsqa) -> None:
    state = gr.State(ChatState())
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(label="Conversation", height=520, feedback_options=None)
            with gr.Row():
                message = gr.Textbox(
                    placeholder="Ask about the articles…",
                    show_label=False,
                    scale=5,
                    max_length=1000,
                )
                send = gr.Button("Ask", variant="primary", scale=1)
                new_chat = gr.Button("New chat", scale=1)
            gr.Examples(examples=[[q] for q in EXAMPLES], inputs=[message], label="Examples")
            with gr.Accordion("Settings", open=False):
                top_k = gr.Slider(1, 20, value=settings.top_k, step=1, label="Passages (top-k)")
                retriever = gr.Radio(
                    list(RETRIEVER_MODES), value=settings.retriever, label="Retriever"
                )
                models = model_choices(settings)
                model = gr.Dropdown(models, value=settings.llm_model, label="Model")
                source = gr.Textbox(label="Only sources containing", placeholder="e.g. Reuters")
                with gr.Row():
                    since = gr.Textbox(label="Since", placeholder="YYYY-MM-DD")
                    until = gr.Textbox(label="Until", placeholder="YYYY-MM-DD")
                as_of = gr.Textbox(
                    label='As of ("now" for this week, latest)',
                    placeholder="YYYY-MM-DD (default: the newest article's day)",
                )
        with gr.Column(scale=2):
            sources = gr.HTML(views.render_sources_html(None), label="Sources")
            pick = gr.Dropdown([], label="Read a source in its article", value=None)
            article = gr.HTML("")

    @_user_errors
    def respond(text, history, chat, k, mode, llm, src, day_from, day_to, now):
        options = ask_options(k, mode, llm, src, day_from, day_to, now)
        if not (text or "").strip():
            raise gr.Error("Type a question first.")
        history = [
            *(history or []),
            {"role": "user", "content": escape(text)},
            {"role": "assistant", "content": "…"},
        ]
        waiting = '<p class="meta">Checking the answer against its sources…</p>'
        for checked, answer, points in answer_stream(text, chat, app, options):
            if answer is None:
                shown = views.streaming_html(checked, points)
                history[-1] = {"role": "assistant", "content": shown}
                yield "", history, chat, waiting, gr.update(), ""
            else:
                history[-1] = {"role": "assistant", "content": views.answer_html(answer)}
                choices = [(f"[{c.n}] {c.title}", c.n) for c in answer.citations]
                panel = views.render_sources_html(answer, app.catalog)
                yield "", history, chat, panel, gr.update(choices=choices, value=None), ""

    inputs = [message, chatbot, state, top_k, retriever, model, source, since, until, as_of]
    outputs = [message, chatbot, state, sources, pick, article]
    for trigger in (message.submit, send.click):
        trigger(
            respond,
            inputs,
            outputs,
            concurrency_limit=1,
            concurrency_id=LLM_QUEUE,
            api_visibility="private",
        )

    def reset():
        return [], ChatState(), views.render_sources_html(None), gr.update(choices=[]), ""

    new_chat.click(reset, None, [chatbot, state, sources, pick, article], api_visibility="private")

    @_user_errors
    def show_article(n, chat: ChatState):
        cited = {c.n: c for c in chat.last.citations} if chat.last else {}
        if n not in cited:
            return ""
        c = cited[n]
        return views.render_article_html(app.catalog, c.article_id, c.start, c.end)

    pick.change(show_article, [pick, state], article, api_visibility="private")

    def ask(
        question: str,
        top_k: int = settings.top_k,
        retriever: str = settings.retriever,
        source: str = "",
        since: str = "",
        until: str = "",
        as_of: str = "",
        model: str = "",
    ) -> dict:
        """Answer one question; returns the answer text, citations and supporting sentences."""
        options = ask_options(top_k, retriever, model, source, since, until, as_of)
        return ask_once(app, question, options)

    gr.api(_user_errors(ask), api_name="ask", concurrency_limit=1, concurrency_id=LLM_QUEUE)

    # A conversation for programs: each client session keeps its own history on the server.
    api_chat = gr.State(ChatState())
    api_question, api_reply = gr.Textbox(visible=False), gr.JSON(visible=False)

    @_user_errors
    def chat(question: str, conversation: ChatState):
        """One turn of a conversation; follow-up questions are read in its context."""
        return chat_turn(app, question, conversation, AskOptions()), conversation

    gr.Button(visible=False).click(
        chat,
        [api_question, api_chat],
        [api_reply, api_chat],
        api_name="chat",
        concurrency_limit=1,
        concurrency_id=LLM_QUEUE,
    )


def _timeline_tab(app: Newsqa) -> None:
    """How a story developed: its dated events across the articles, oldest first."""
    with gr.Row():
        topic = gr.Textbox(
            placeholder="A story, e.g. the Riyadh talks", show_label=False, scale=5, max_length=300
        )
        show = gr.Button("Show timeline", variant="primary", scale=1)
    events = gr.HTML("", label="Timeline")

    @_user_errors
    def build(text):
        if not (text or "").strip():
            raise gr.Error("Name a story first.")
        return views.render_timeline_html(app.timeline(text.strip()))

    show.click(build, [topic], [events], api_name="timeline")
    topic.submit(build, [topic], [events], api_visibility="private")


def _library_tab(settings: Settings, app: Newsqa, demo: gr.Blocks) -> tuple[Callable, list]:
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

    @_user_errors
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

    @_user_errors
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
