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


def test_ask_returns_the_answer_and_its_citations(client: Client) -> None:
    reply = client.predict("Who is Sergey Ryabkov?", api_name="/ask")
    assert reply["question"] == "Who is Sergey Ryabkov?"
    assert isinstance(reply["answer"], str) and reply["answer"].strip()
    assert isinstance(reply["citations"], list)
    if reply["abstained"]:
        assert reply["related"], "an abstention lists the closest passages"
    else:
        assert reply["citations"], "an answer cites its sources"
        for citation in reply["citations"]:
            assert citation["text"] and citation["title"] and citation["n"] >= 1


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
