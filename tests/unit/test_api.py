"""The HTTP API with fake models on a temp index, called in-process."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from rag.answer.prompt import ABSTAIN_TEXT
from rag.settings import Settings
from tests.fakes import ScriptedChatModel
from tests.harness import fake_app
from tests.unit.test_ui_handlers import ARTICLE
from ui.api import build_api
from ui.api_models import ChatCompletionChunk

REPLY = "Sergey Ryabkov is a deputy foreign minister of Russia [1]."


@pytest.fixture
def model() -> ScriptedChatModel:
    return ScriptedChatModel()


def _client(settings: Settings, model: ScriptedChatModel) -> TestClient:
    return TestClient(build_api(settings, fake_app(settings, model=model)))


@pytest.fixture
def client(settings: Settings, model: ScriptedChatModel) -> TestClient:
    api = _client(settings, model)
    added = api.post("/v1/ingest", files=[("files", ("riyadh.json", ARTICLE, "application/json"))])
    assert added.status_code == 200 and added.json()[0]["outcome"] == "added", added.text
    return api


def _ask(question: str, **extra) -> dict:
    return {"model": None, "messages": [{"role": "user", "content": question}], **extra}


def test_chat_completion_carries_the_verified_answer(client, model) -> None:
    model.enqueue(REPLY)
    reply = client.post("/v1/chat/completions", json=_ask("Who is Sergey Ryabkov?"))
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["object"] == "chat.completion"
    assert body["choices"][0]["message"]["content"] == body["newsqa"]["answer"]
    assert body["newsqa"]["citations"][0]["title"] == "Talks in Riyadh"
    assert body["usage"]["completion_tokens"] > 0


def _streamed(client, body: dict) -> list[dict]:
    with client.stream("POST", "/v1/chat/completions", json=body | {"stream": True}) as reply:
        lines = [line for line in reply.iter_lines() if line.startswith("data: ")]
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line[6:]) for line in lines[:-1]]
    for chunk in chunks:
        ChatCompletionChunk.model_validate(chunk)
    return chunks


def _content(chunks: list[dict]) -> list[str]:
    return [c["choices"][0]["delta"].get("content") for c in chunks[1:]]


UNSUPPORTED = "He was born on the Moon in 1802 [1]."


def test_the_stream_sends_checked_sentences_only(client, model) -> None:
    model.enqueue(f"{REPLY} {UNSUPPORTED}")
    chunks = _streamed(client, _ask("Who is Sergey Ryabkov?"))
    assert _content(chunks) == [REPLY, ""], "one chunk a checked sentence; the unsupported dropped"
    last = chunks[-1]
    assert last["choices"][0]["finish_reason"] == "stop"
    assert last["newsqa"]["answer"] == REPLY and last["newsqa"]["citations"][0]["n"] == 1
    assert last["usage"]["completion_tokens"] > 0
    timings = last["newsqa"]["timings"]
    assert timings["first_token"] <= timings["first_sentence"] <= timings["total"]


def test_with_keep_unsupported_the_stream_strikes_the_unsupported_sentence(settings, model):
    api = _client(settings.model_copy(update={"keep_unsupported": True}), model)
    api.post("/v1/ingest", files=[("files", ("riyadh.json", ARTICLE, "application/json"))])
    model.enqueue(f"{REPLY} {UNSUPPORTED}")
    chunks = _streamed(api, _ask("Who is Sergey Ryabkov?"))
    assert _content(chunks) == [REPLY, f" ~~{UNSUPPORTED}~~", ""]


def test_when_nothing_is_supported_the_stream_sends_the_abstention(client, model) -> None:
    model.enqueue(UNSUPPORTED)
    chunks = _streamed(client, _ask("Who is Sergey Ryabkov?"))
    assert _content(chunks) == [ABSTAIN_TEXT]
    assert chunks[-1]["newsqa"]["abstained"] is True


def test_earlier_messages_make_the_conversation(client, model) -> None:
    model.enqueue("Who is Sergey Ryabkov?", REPLY)  # the rewritten question, then the answer
    messages = [
        {"role": "user", "content": "Who led the talks?"},
        {"role": "assistant", "content": "Sergey Ryabkov led the talks in Riyadh [1]."},
        {"role": "user", "content": "Who is he?"},
    ]
    reply = client.post("/v1/chat/completions", json={"messages": messages})
    assert reply.status_code == 200, reply.text
    assert reply.json()["newsqa"]["standalone_question"] == "Who is Sergey Ryabkov?"
    assert "Who led the talks?" in json.dumps(model.received[0])


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        ({"messages": []}, 422, "messages"),
        ({"messages": [{"role": "assistant", "content": "hi"}]}, 422, "user's question"),
        ({"messages": [{"role": "robot", "content": "hi"}]}, 422, "role"),
        (_ask("   "), 400, "empty"),
        (_ask("Who?", model="gpt-4"), 404, "No model"),
        (_ask("Who?", newsqa={"since": "yesterday"}), 422, "since"),
        (
            {"messages": [{"role": "system", "content": "Be brief."}, *_ask("Who?")["messages"]]},
            400,
            "System messages are not supported",
        ),
        (_ask("Who?", n=2), 400, "n = 1"),
        (_ask("Who?", tools=[{"type": "function"}]), 400, "tools"),
        (_ask("Who?", response_format={"type": "json_object"}), 400, '"text"'),
        (_ask("Who?", reasoning_effort="high"), 400, "Not supported by newsqa: reasoning_effort"),
    ],
)
def test_bad_requests_get_a_clear_4xx(client, body, status, says) -> None:
    reply = client.post("/v1/chat/completions", json=body)
    assert reply.status_code == status, reply.text
    assert says in reply.json()["error"]["message"]


def test_sampling_fields_are_accepted_and_ignored(client, model) -> None:
    model.enqueue(REPLY)
    body = _ask("Who is Sergey Ryabkov?", temperature=1.5, max_tokens=5, top_p=0.1, seed=3)
    reply = client.post("/v1/chat/completions", json=body)
    assert reply.status_code == 200, reply.text
    assert reply.json()["choices"][0]["message"]["content"] == REPLY


def test_articles_are_listed_and_deleted(client) -> None:
    listed = client.get("/v1/articles").json()
    assert [a["title"] for a in listed] == ["Talks in Riyadh"]
    assert client.delete(f"/v1/articles/{listed[0]['id']}").status_code == 204
    assert client.get("/v1/articles").json() == []
    gone = client.delete(f"/v1/articles/{listed[0]['id']}")
    assert gone.status_code == 404 and "No article" in gone.json()["error"]["message"]
    assert client.get("/healthz").json() == {"status": "ok", "articles": 0, "ready": False}


def test_health_reports_ready_once_warmed_up(settings, model) -> None:
    app = fake_app(settings, model=model)
    api = TestClient(build_api(settings, app))
    assert api.get("/healthz").json()["ready"] is False
    app.warm_up()
    assert api.get("/healthz").json()["ready"] is True
    assert model.received == [], "only llama.cpp in this process keeps instructions evaluated"


def test_uploads_get_one_outcome_each(client, settings) -> None:
    files = [
        ("files", ("../../evil.txt", "Evil plan\n\nA short text about a plan.", "text/plain")),
        ("files", ("notes.exe", "MZ", "application/octet-stream")),
    ]
    rows = client.post("/v1/ingest", files=files).json()
    assert [(r["file"], r["outcome"]) for r in rows] == [
        ("evil.txt", "added"),
        ("notes.exe", "failed"),
    ]
    assert not (settings.data_dir.parent / "evil.txt").exists()
    assert list(settings.incoming_dir.iterdir()) == [], "staged files are removed"
    big = "x" * int(2 * settings.upload_max_mb * 1_000_000 + 1)
    refused = client.post("/v1/ingest", files=[("files", ("big.txt", big, "text/plain"))])
    assert refused.status_code == 413 and "too large" in refused.json()["error"]["message"]


def test_a_login_guards_everything_but_health(settings, model) -> None:
    guarded = _client(settings.model_copy(update={"auth": "ann:s3cret"}), model)
    assert guarded.get("/healthz").status_code == 200
    refused = guarded.get("/v1/articles")
    assert refused.status_code == 401 and "s3cret" not in refused.text
    assert guarded.get("/v1/articles", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert (
        guarded.get("/v1/articles", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    )
    assert guarded.get("/v1/articles", auth=("ann", "s3cret")).status_code == 200
    assert guarded.get("/v1/articles", auth=("bob", "s3cret")).status_code == 401
