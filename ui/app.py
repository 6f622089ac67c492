"""The web UI (gradio): a chat with its sources beside it, and a library of articles.

With ``library_tab`` and ``feeds_panel``, the only modules that import gradio. The
model answers one question at a time (every LLM event shares one queue slot, the
API included); library events do not wait behind it. Expected errors become
messages in the page, never a crash.
"""

from __future__ import annotations

import logging
from html import escape

import gradio as gr

from ingest.feed_service import FeedService
from rag.app import Newsqa
from rag.models.llm import model_choices
from rag.settings import Settings
from rag.types import RETRIEVER_MODES, AskOptions
from ui import views
from ui.feeds_panel import feeds_panel
from ui.handlers import ChatState, answer_stream, ask_once, ask_options, chat_turn
from ui.library_tab import library_tab, user_errors

logger = logging.getLogger(__name__)

EXAMPLES = [
    "Which Romanian official told Antena 3 that the United States had refused Russia's request?",
    "Who is Sergey Ryabkov?",
    "Who did Zelenskyy visit in Turkey while the talks took place?",
]
LLM_QUEUE = "llm"  # the chat and the API share it: one model call at a time
CSS = views.CSS
SCRIPT = views.SCRIPT


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
            feeds_panel(feeds or FeedService(app), *library_tab(settings, app, demo), demo)
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

    @user_errors
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

    @user_errors
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

    gr.api(user_errors(ask), api_name="ask", concurrency_limit=1, concurrency_id=LLM_QUEUE)

    # A conversation for programs: each client session keeps its own history on the server.
    api_chat = gr.State(ChatState())
    api_question, api_reply = gr.Textbox(visible=False), gr.JSON(visible=False)

    @user_errors
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

    @user_errors
    def build(text):
        if not (text or "").strip():
            raise gr.Error("Name a story first.")
        return views.render_timeline_html(app.timeline(text.strip()))

    show.click(build, [topic], [events], api_name="timeline")
    topic.submit(build, [topic], [events], api_visibility="private")
