"""One writer at a time per collection: an exclusive lock file beside the catalog.

Ingest, remove and reindex take it; answering questions never does. The lock is
an ``flock`` on an open file, so the operating system releases it when its
process dies, even by ``kill -9``: a crashed ingest never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path

from rag.errors import NewsqaError

_POLL_SECONDS = 0.2


class IndexBusyError(NewsqaError):
    """Another process is changing the collection and did not finish in time."""


class ReentrantTurn:
    """Re-entrant within a thread, exclusive across threads; subclasses add the outer turn."""

    store_wide = False  # only this data directory's writers take it
    timeout: float

    def __init__(self) -> None:
        self._thread_lock = threading.RLock()
        self._depth = 0

    def __enter__(self):
        if not self._thread_lock.acquire(timeout=self.timeout if self.timeout >= 0 else -1):
            raise IndexBusyError(self._busy_message("another request of this process"))
        try:
            if self._depth == 0:
                self._take_turn()
            self._depth += 1
        except BaseException:
            self._thread_lock.release()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._end_turn()
        self._thread_lock.release()

    def _take_turn(self) -> None: ...
    def _end_turn(self) -> None: ...
    def _busy_message(self, holder: str) -> str: ...


class WriteLock(ReentrantTurn):
    """Re-entrant within a thread; exclusive across threads and processes of one machine."""

    def __init__(self, path: Path, timeout: float) -> None:
        super().__init__()
        self.path = path
        self.timeout = timeout
        self._file = None

    def _take_turn(self) -> None:
        self._file = self._acquire_file()

    def _end_turn(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def _acquire_file(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")  # noqa: SIM115 - held open for as long as the lock
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_holder(handle)
                    handle.close()
                    raise IndexBusyError(self._busy_message(holder)) from None
                time.sleep(_POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        return handle

    def _busy_message(self, holder: str) -> str:
        return (
            f"The index is being changed by {holder} (lock file {self.path}); waited "
            f"{self.timeout:.0f} s. Try again when that has finished."
        )


def _read_holder(handle) -> str:
    handle.seek(0)
    pid = handle.read().strip()
    return f"another newsqa process (pid {pid})" if pid.isdigit() else "another newsqa process"
