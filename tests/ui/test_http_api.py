"""The HTTP API of a real `newsqa serve` (SmolLM2): the OpenAI client, uploads, and
requests generated from its OpenAPI schema, none of which may get a 5xx."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openai import OpenAI
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.live import Server
from tests.ui.test_api import ANSWER, CITED_FILE, DEFAULT_MODEL, QUESTION

pytestmark = pytest.mark.slow
GLASSWORKS = (
    "Glassworks reopen in Varnholm\n\nThe Varnholm glassworks reopened on Thursday after a "
    "two-year closure, the town council said. Ninety glassblowers returned to its furnaces.\n"
)


@pytest.fixture
def client(server: Server) -> OpenAI:
    return OpenAI(base_url=f"{server.url}v1", api_key="not-needed", max_retries=0, timeout=300)


def _shown(newsqa: dict) -> list[dict]:
    return newsqa["citations"] or newsqa["related"]


def test_the_openai_client_gets_answers_with_sources(client: OpenAI) -> None:
    reply = client.chat.completions.create(
        model=DEFAULT_MODEL, messages=[{"role": "user", "content": QUESTION}]
    )
    newsqa = reply.model_extra["newsqa"]
    assert reply.choices[0].message.content == newsqa["answer"]
    assert not newsqa["abstained"] and ANSWER in newsqa["answer"], newsqa["answer"]
    assert CITED_FILE in {c["source"] for c in newsqa["citations"]}
    usage = reply.usage
    assert usage.prompt_tokens > 100 and usage.completion_tokens > 0
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens


def test_the_openai_client_streams_checked_sentences(client: OpenAI) -> None:
    chunks = list(
        client.chat.completions.create(
            model=DEFAULT_MODEL, messages=[{"role": "user", "content": QUESTION}], stream=True
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    newsqa = last.model_extra["newsqa"]
    assert text == newsqa["answer"] and ANSWER in text, "what streamed is the checked answer"
    assert [c.choices[0].delta.content for c in chunks[1:-1]] == [
        (" " if i else "") + s["text"] for i, s in enumerate(newsqa["sentences"])
    ], "one chunk a sentence"
    assert last.usage is not None and last.usage.completion_tokens > 0


def test_llama_index_openai_like_client_chats_and_streams(server: Server) -> None:
    from llama_index.core.llms import ChatMessage
    from llama_index.llms.openai_like import OpenAILike

    llm = OpenAILike(
        model=DEFAULT_MODEL,
        api_base=f"{server.url}v1",
        api_key="not-needed",
        is_chat_model=True,
        context_window=4096,
        timeout=300,
        max_retries=0,
    )
    question = [ChatMessage(role="user", content=QUESTION)]
    reply = llm.chat(question)
    assert ANSWER in reply.message.content
    assert reply.raw.model_extra["newsqa"]["citations"], "the raw reply carries the sources"
    streamed = list(llm.stream_chat(question))
    assert streamed[-1].message.content == reply.message.content


def test_an_uploaded_article_is_listed_answerable_and_deletable(
    client: OpenAI, server: Server
) -> None:
    files = {"files": ("glassworks.txt", GLASSWORKS, "text/plain")}
    added = httpx.post(f"{server.url}v1/ingest", files=files, timeout=120).json()
    assert added == [{"file": "glassworks.txt", "outcome": "added", "details": "1 added"}]
    listed = httpx.get(f"{server.url}v1/articles").json()
    article = next(a for a in listed if a["title"] == "Glassworks reopen in Varnholm")
    reply = client.chat.completions.create(
        model="smollm2-135m",
        messages=[{"role": "user", "content": "When did the Varnholm glassworks reopen?"}],
        extra_body={"newsqa": {"retriever": "bm25"}},
    )
    assert _shown(reply.model_extra["newsqa"])[0]["title"] == article["title"]
    assert httpx.delete(f"{server.url}v1/articles/{article['id']}").status_code == 204
    assert article["id"] not in {a["id"] for a in httpx.get(f"{server.url}v1/articles").json()}


def test_a_republished_article_is_listed_as_one_story(server: Server) -> None:
    wire = (
        "Ferry line to Orsa resumes\n\nThe ferry line between Talvik and the island of Orsa "
        "resumed on Monday after a month-long suspension, the operator Orsa Lines said. Two "
        "chartered boats will sail four times a day until the new pier opens in September, "
        "and tickets bought for the suspended route remain valid until the end of the year.\n"
    )
    copy = wire.replace("Ferry line to Orsa resumes", "Orsa ferries sail again")
    copy += "Copyright Coast Daily. All rights reserved.\n"
    files = [
        ("files", ("wire.txt", wire, "text/plain")),
        ("files", ("copy.txt", copy, "text/plain")),
    ]
    assert httpx.post(f"{server.url}v1/ingest", files=files, timeout=120).status_code == 200
    stories = httpx.get(f"{server.url}v1/stories").json()
    titles = [sorted(a["title"] for a in story["articles"]) for story in stories]
    assert ["Ferry line to Orsa resumes", "Orsa ferries sail again"] in titles


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_generated_requests_get_the_replies_the_schema_describes(server: Server) -> None:
    """Requests generated from the OpenAPI schema, valid and not, for every /v1 route: no
    5xx, and every reply's status, content type and body are those the schema documents."""
    schema = schemathesis.openapi.from_url(f"{server.url}openapi.json")
    operations = [
        result.ok() for result in schema.include(path_regex="^/(v1/|healthz)").get_all_operations()
    ]
    # The feeds' routes too: generated text is no web address, refused before any look-up.
    assert len(operations) == 10
    calls = []

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
        def check(case) -> None:
            response = case.call_and_validate(checks=CHECKS, timeout=300)
            calls.append((case.operation.label, response.status_code))

        check()
    print(sorted(Counter(calls).items()))  # what was sent, and what came back
    assert len({label for label, _ in calls}) == 10 and len(calls) >= 40
