"""The write lock: exclusive across threads and processes, re-entrant within a thread."""

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from rag.index.lock import IndexBusyError, WriteLock


def test_reentrant_in_one_thread(tmp_path: Path) -> None:
    lock = WriteLock(tmp_path / "c.lock", timeout=0)
    with lock, lock:
        assert (tmp_path / "c.lock").read_text().strip().isdigit()


def test_second_thread_waits_then_gets_it(tmp_path: Path) -> None:
    first = WriteLock(tmp_path / "c.lock", timeout=5)
    second = WriteLock(tmp_path / "c.lock", timeout=5)
    order: list[str] = []
    with first:
        thread = threading.Thread(target=lambda: _hold(second, order))
        thread.start()
        time.sleep(0.5)
        order.append("first done")
    thread.join()
    assert order == ["first done", "second"]


def _hold(lock: WriteLock, order: list[str]) -> None:
    with lock:
        order.append("second")


def test_other_process_is_refused_with_its_pid(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_SCRIPT, str(tmp_path / "c.lock")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        busy = pytest.raises(IndexBusyError, match=rf"pid {holder.pid}\b.*waited 0 s")
        with busy, WriteLock(tmp_path / "c.lock", timeout=0.3):
            pass
    finally:
        holder.kill()
        holder.wait()
    with WriteLock(tmp_path / "c.lock", timeout=2):  # a killed holder leaves no stale lock
        pass


_HOLD_SCRIPT = """
import sys, time
from pathlib import Path
from rag.index.lock import WriteLock
with WriteLock(Path(sys.argv[1]), timeout=0):
    print("locked", flush=True)
    time.sleep(60)
"""
