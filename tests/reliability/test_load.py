"""16 chat clients at once against a real ``newsqa serve`` (SmolLM2) on 127.0.0.1.

Each client is its own session and holds a three-turn conversation through the
``/chat`` endpoint. Measured: errors, latency, the longest wait in the queue,
whether any session saw another's history, and the server's memory.
"""

from __future__ import annotations

import statistics
import threading
import time
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.utils import Status

from tests.live import Server

pytestmark = [pytest.mark.reliability, pytest.mark.slow]

CLIENTS = 16
FIRST_QUESTIONS = [
    "Who is Sergey Ryabkov?",
    "Where did the US and Russian delegations meet?",
    "Who is Marco Rubio?",
    "What did Zelenskyy say about the talks?",
    "Who is Sergei Lavrov?",
    "What did Romania's presidential office say?",
    "Who is Steve Witkoff?",
    "What did Kirill Dmitriev say?",
]
FOLLOW_UPS = ["What else did he say?", "And when was that?"]


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def _conversation(url: str, index: int, results: list, errors: list) -> None:
    try:
        client = Client(url, verbose=False)
        questions = [FIRST_QUESTIONS[index % len(FIRST_QUESTIONS)], *FOLLOW_UPS]
        for turn, question in enumerate(questions):
            submitted = time.perf_counter()
            job = client.submit(question, api_name="/chat")
            started = None
            while not job.done():
                if started is None and job.status().code == Status.PROCESSING:
                    started = time.perf_counter()
                time.sleep(0.05)
            reply = job.result()
            finished = time.perf_counter()
            results.append(
                {
                    "client": index,
                    "turn": turn,
                    "seconds": finished - submitted,
                    "queued": (started or finished) - submitted,
                    "conversation_ok": reply["conversation"] == questions[: turn + 1],
                    "answered": bool(reply["answer"].strip()),
                }
            )
    except Exception as exc:  # every error is counted, none may happen
        errors.append(f"client {index}: {type(exc).__name__}: {exc}")


@pytest.mark.long
def test_sixteen_concurrent_chat_sessions(server: Server, record) -> None:  # noqa: F811
    Client(server.url, verbose=False).predict("Who is Sergey Ryabkov?", api_name="/ask")  # warm
    samples: list[tuple[float, int]] = []
    stop = threading.Event()

    def sample_memory() -> None:
        while not stop.is_set():
            samples.append((time.perf_counter(), _rss_kb(server.pid)))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample_memory)
    sampler.start()
    results: list[dict] = []
    errors: list[str] = []
    began = time.perf_counter()
    threads = [
        threading.Thread(target=_conversation, args=(server.url, i, results, errors))
        for i in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=1800)
    wall = time.perf_counter() - began
    stop.set()
    sampler.join()

    assert errors == []
    assert len(results) == CLIENTS * (1 + len(FOLLOW_UPS))
    assert all(r["answered"] for r in results)
    assert all(r["conversation_ok"] for r in results), "a session saw another's history"
    quarter = len(samples) // 4
    second = statistics.mean(kb for _, kb in samples[quarter : 2 * quarter])
    last = statistics.mean(kb for _, kb in samples[3 * quarter :])
    growth = (last - second) / second
    assert growth < 0.10, f"RSS grew {growth:.1%}"
    seconds = sorted(r["seconds"] for r in results)
    record(
        f"{CLIENTS} concurrent gradio_client chat sessions x {1 + len(FOLLOW_UPS)} turns, SmolLM2",
        len(results),
        {
            "errors": len(errors),
            "cross_talk": 0,
            "wall_s": round(wall, 1),
            "latency_p50_s": round(statistics.median(seconds), 2),
            "latency_p95_s": round(seconds[int(0.95 * (len(seconds) - 1))], 2),
            "longest_queue_wait_s": round(max(r["queued"] for r in results), 2),
            "rss_mb_q2": round(second / 1024, 1),
            "rss_mb_q4": round(last / 1024, 1),
            "rss_growth_q2_to_q4": f"{growth:.1%}",
        },
    )
