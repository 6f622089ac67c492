"""One writer at a time per collection on a shared Chroma server, whichever machine it runs on.

A lock file serialises the writers of one data directory; writers on several
machines share only the Chroma server, which offers no lock and no
compare-and-set. So they take turns by Lamport's bakery algorithm, which needs
nothing but records each writer writes and all read: a writer announces that
it is choosing, takes a ticket one higher than every ticket it sees, and goes
ahead once no writer is choosing and none holds a lower ticket (ties go to the
lower name). Two writers that start in the same second both choose, and the
lower ticket, or name, writes first.

A writer that dies leaves its ticket behind. Each live writer renews its ticket
every ``HEARTBEAT_SECONDS`` with a counter; a ticket whose counter has not moved
for ``LEASE_SECONDS``, timed on the reader's own clock (so clocks need not
agree), belongs to a dead writer: it is deleted, and its write mark is then
repaired by the writer that goes next, as after any crash.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid

from rag.index.chroma_catalog import ChromaCatalog, Ticket
from rag.index.lock import IndexBusyError, ReentrantTurn

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 2.0
LEASE_SECONDS = 20.0
_POLL_SECONDS = 0.5


class SharedWriteLock(ReentrantTurn):
    """Re-entrant within a process; exclusive across every process writing to the server."""

    store_wide = True  # a write mark left behind is a dead writer's: repair it at once

    def __init__(self, catalog: ChromaCatalog, timeout: float) -> None:
        super().__init__()
        self.catalog = catalog
        self.timeout = timeout
        self.name = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._number = 0
        self._beat = 0
        self._stop = threading.Event()
        self._heart: threading.Thread | None = None
        self._seen: dict[str, tuple[int, float]] = {}  # name -> (beat, when it last moved)

    def _take_turn(self) -> None:
        self._acquire()

    def _end_turn(self) -> None:
        self._release()

    def _acquire(self) -> None:
        self._publish(choosing=True)
        self._number = 1 + max((t.number for t in self._live()), default=0)
        self._publish(choosing=False)
        self._stop.clear()
        self._heart = threading.Thread(target=self._keep_alive, name="write-lease", daemon=True)
        self._heart.start()
        deadline = time.monotonic() + self.timeout
        while ahead := self._ahead():
            if time.monotonic() >= deadline:
                self._release()
                raise IndexBusyError(self._busy_message(f"the writer {ahead.name}"))
            time.sleep(_POLL_SECONDS)

    def _ahead(self) -> Ticket | None:
        """A live writer that goes first: one still choosing, or one with a lower ticket."""
        mine = (self._number, self.name)
        for ticket in self._live():
            if ticket.choosing or (ticket.number and (ticket.number, ticket.name) < mine):
                return ticket
        return None

    def _live(self) -> list[Ticket]:
        """Other writers' tickets; those whose heartbeat stopped are deleted on the way."""
        now = time.monotonic()
        live = []
        for ticket in self.catalog.tickets():
            if ticket.name == self.name:
                continue
            beat, since = self._seen.get(ticket.name, (-1, now))
            if ticket.beat != beat:
                self._seen[ticket.name] = (ticket.beat, now)
            elif now - since > LEASE_SECONDS:
                logger.warning("The writer %s stopped renewing its turn; it is gone", ticket.name)
                self.catalog.drop_ticket(ticket.name)
                continue
            live.append(ticket)
        return live

    def _publish(self, choosing: bool) -> None:
        self._beat += 1
        self.catalog.put_ticket(Ticket(self.name, self._number, choosing, self._beat))

    def _keep_alive(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                self._publish(choosing=False)
            except Exception as exc:  # the server away for a moment: try again next beat
                logger.warning("Could not renew the write turn (%s)", exc)

    def _release(self) -> None:
        self._stop.set()
        if self._heart is not None:
            self._heart.join()
            self._heart = None
        self.catalog.drop_ticket(self.name)
        self._number = 0

    def _busy_message(self, holder: str) -> str:
        return (
            f"The index is being changed by {holder} on the shared Chroma server; waited "
            f"{self.timeout:.0f} s. Try again when that has finished."
        )
