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

from tests.live import Server

pytestmark = pytest.mark.slow

QUESTION = "Whose official said Russia asked the U.S. to withdraw NATO forces from eastern Europe?"
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
        model="smollm2-135m", messages=[{"role": "user", "content": QUESTION}]
    )
    newsqa = reply.model_extra["newsqa"]
    assert reply.choices[0].message.content == newsqa["answer"]
    assert _shown(newsqa) and all(passage["text"] for passage in _shown(newsqa))
    assert reply.usage is not None and reply.usage.total_tokens >= 0


def test_the_openai_client_streams(client: OpenAI) -> None:
    chunks = list(
        client.chat.completions.create(
            model="smollm2-135m", messages=[{"role": "user", "content": QUESTION}], stream=True
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert len(chunks) > 2 and text.strip()
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert "newsqa" in chunks[-1].model_extra


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


def test_generated_requests_never_get_a_server_error(server: Server) -> None:
    """Requests generated from the OpenAPI schema, valid and not, for every /v1 route."""
    schema = schemathesis.openapi.from_url(f"{server.url}openapi.json")
    operations = [
        result.ok() for result in schema.include(path_regex="^/(v1/|healthz)").get_all_operations()
    ]
    assert len(operations) == 7
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
            response = case.call_and_validate(checks=[not_a_server_error], timeout=300)
            calls.append((case.operation.label, response.status_code))

        check()
    print(sorted(Counter(calls).items()))  # what was sent, and what came back
    assert len({label for label, _ in calls}) == 7 and len(calls) >= 30
