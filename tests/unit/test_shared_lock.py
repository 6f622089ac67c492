"""Writers on several machines take turns through records on the shared store (the bakery)."""

from __future__ import annotations

import threading
import time

import chromadb
import pytest

from rag.index import shared_lock
from rag.index.chroma_catalog import ChromaCatalog, Ticket
from rag.index.lock import IndexBusyError
from rag.index.shared_lock import SharedWriteLock


@pytest.fixture
def catalogs(tmp_path) -> list[ChromaCatalog]:
    """Two writers' views of one collection's catalog."""
    client = chromadb.PersistentClient(path=str(tmp_path / "chroma"))
    return [ChromaCatalog(client, "news", tmp_path / f"machine-{n}" / "c") for n in (1, 2)]


def test_a_second_writer_waits_its_turn_then_goes(catalogs) -> None:
    first, second = SharedWriteLock(catalogs[0], 5), SharedWriteLock(catalogs[1], 1)
    order = []

    def wait_then_write() -> None:
        with second:
            order.append("second")

    with first:
        with pytest.raises(IndexBusyError, match=f"the writer {first.name}"), second:
            pass
        second.timeout = 10
        waiting = threading.Thread(target=wait_then_write)
        waiting.start()
        time.sleep(1.5)
        order.append("first done")
    waiting.join(timeout=10)
    assert order == ["first done", "second"]
    assert catalogs[0].tickets() == [], "every ticket is taken back"


def test_a_dead_writers_ticket_is_passed_over(catalogs, monkeypatch) -> None:
    monkeypatch.setattr(shared_lock, "LEASE_SECONDS", 1.0)
    catalogs[0].put_ticket(Ticket("dead-host:99:abc", 1, False, 7))  # killed while writing
    began = time.monotonic()
    with SharedWriteLock(catalogs[1], 30):
        waited = time.monotonic() - began
    assert 1.0 <= waited < 10, "it waited for the lease to run out, no longer"
    assert catalogs[0].tickets() == []


def test_writers_that_start_together_write_one_at_a_time(catalogs) -> None:
    inside, most, lock = [0], [0], threading.Lock()

    def write(catalog: ChromaCatalog) -> None:
        for _ in range(3):
            with SharedWriteLock(catalog, 60):
                with lock:
                    inside[0] += 1
                    most[0] = max(most[0], inside[0])
                time.sleep(0.05)
                with lock:
                    inside[0] -= 1

    threads = [threading.Thread(target=write, args=(c,)) for c in (*catalogs, *catalogs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert most[0] == 1
