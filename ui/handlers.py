"""What the web UI does, without the UI: options from widgets, chat turns, the API payload.

Nothing here imports gradio, so every behaviour can be tested by calling it
directly with fake models; ``ui.app`` only wires these functions to widgets.
The models and the index come from one shared ``rag.app.Newsqa``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rag.answer.conversation import Turn
from rag.app import Newsqa
from rag.dates import parse_day
from rag.types import Answer, AskOptions, Filters, Sentence


def ask_options(
    top_k: int | float | None = None,
    retriever: str | None = None,
    llm_model: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    as_of: str | None = None,
) -> AskOptions:
    """The per-question options from the settings widgets (blank means "as configured")."""
    filters = Filters((source or "").strip() or None, parse_day(since), parse_day(until))
    return AskOptions(
        top_k=int(top_k) if top_k else None,
        retriever=retriever or None,
        llm_model=llm_model or None,
        filters=filters,
        as_of=parse_day(as_of),
    )


@dataclass
class ChatState:
    """One browser session's conversation: the turns so far and the answer on screen."""

    turns: list[Turn] = field(default_factory=list)
    last: Answer | None = None


def answer_stream(
    message: str, state: ChatState, app: Newsqa, options: AskOptions
) -> Iterator[tuple[list[Sentence], Answer | None, bool]]:
    """Yield (checked sentences so far, None, points?) as each is checked, then (them, the
    Answer, points?); points: the sentences are the points of a list or a brief.

    The turn joins ``state`` only once it is answered, so a failed question
    leaves the conversation as it was.
    """
    sentences: list[Sentence] = []
    stream = app.answers.stream(message, state.turns, options)
    for sentence in stream:
        sentences.append(sentence)
        yield list(sentences), None, stream.bullets
    answer = stream.answer
    state.turns.append(Turn(answer.question, answer.answer))
    state.last = answer
    yield list(sentences), answer, stream.bullets


def answer_payload(answer: Answer) -> dict[str, Any]:
    """The answer as JSON-able data for API clients: the same object as ``newsqa ask --json``."""
    return answer.model_dump(mode="json")


def ask_once(app: Newsqa, question: str, options: AskOptions) -> dict[str, Any]:
    """One question without a conversation, for the API endpoint."""
    return answer_payload(app.answers.ask(question, options=options))


def chat_turn(app: Newsqa, question: str, state: ChatState, options: AskOptions) -> dict[str, Any]:
    """One question in a conversation held in ``state``, for the API endpoint.

    The reply lists the conversation's questions so far, as the server holds them.
    """
    *_, (_, answer, _) = answer_stream(question, state, app, options)
    return answer_payload(answer) | {"conversation": [turn.question for turn in state.turns]}
