"""The ``ask`` endpoint of a running ``newsqa serve``, called as the README shows."""

from __future__ import annotations

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from tests.live import Server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(server: Server) -> Client:
    return Client(server.url, verbose=False)


DEFAULT_MODEL = "qwen2.5-coder-1.5b"  # answers this one reliably; SmolLM2 serves the rest
# Only the ABC News article (003) names him and what he said.
QUESTION = (
    "Which Romanian official told Antena 3 that the United States had refused Russia's request?"
)
ANSWER = "Diaconescu"
CITED_FILE = "003_714dff02719f62a1.txt"


def test_ask_returns_the_answer_and_its_citations(client: Client) -> None:
    reply = client.predict(QUESTION, api_name="/ask", model=DEFAULT_MODEL)
    assert reply["question"] == QUESTION
    assert not reply["abstained"] and ANSWER in reply["answer"], reply["answer"]
    assert reply["citations"] and all(s["supported"] for s in reply["sentences"])
    cited = {c["source"] for c in reply["citations"]}
    assert CITED_FILE in cited, "the article that says it is cited, by its file name"
    assert not any("/" in source for source in cited), "no server path is shown"
    timings = reply["timings"]
    assert 0 < timings["first_token"] <= timings["first_sentence"] <= timings["total"]


def test_an_empty_question_is_a_clean_error_and_the_server_goes_on(client: Client) -> None:
    with pytest.raises(AppError) as error:
        client.predict("   ", api_name="/ask")
    assert "empty" in str(error.value).lower()
    assert "Traceback" not in str(error.value)
    reply = client.predict("Who met in Riyadh?", api_name="/ask", top_k=3, retriever="bm25")
    assert reply["answer"].strip()


def test_bad_filters_are_reported(client: Client) -> None:
    with pytest.raises(AppError, match="YYYY-MM-DD"):
        client.predict("Who met in Riyadh?", api_name="/ask", since="last week")


def test_the_timeline_lists_dated_events_oldest_first(client: Client) -> None:
    html = client.predict("talks between the US and Russia in Riyadh", api_name="/timeline")
    assert '<ol class="timeline">' in html and "18 February 2025" in html
    with pytest.raises(AppError, match="Name a story"):
        client.predict("  ", api_name="/timeline")
