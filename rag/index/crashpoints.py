"""Named points where fault-injection tests can kill the process, as a power cut would.

Set ``NEWSQA_CRASH_AT=NAME`` (or ``NAME:N``) and the process kills itself with
SIGKILL the first (or N-th) time it reaches ``crash_point(NAME)``. Unset, a crash
point costs one environment lookup. The reliability tests use these to stop an
ingest between any two of its writes and check that a re-run repairs everything.
With ``NEWSQA_CRASH_ONCE=FILE`` only the first process to reach the point is killed
(a retried cluster task then runs to the end).
"""

from __future__ import annotations

import os
import signal
from collections import Counter

ENVIRONMENT_VARIABLE = "NEWSQA_CRASH_AT"
ONCE_VARIABLE = "NEWSQA_CRASH_ONCE"  # a file: only the process that makes it is killed
_reached: Counter[str] = Counter()


def crash_point(name: str) -> None:
    target = os.environ.get(ENVIRONMENT_VARIABLE)
    if not target:
        return
    wanted, _, nth = target.partition(":")
    if wanted != name:
        return
    _reached[name] += 1
    if _reached[name] >= int(nth or 1) and _first_to_crash():
        os.kill(os.getpid(), signal.SIGKILL)


def _first_to_crash() -> bool:
    """With NEWSQA_CRASH_ONCE, one kill in all: a retried worker then runs to the end."""
    marker = os.environ.get(ONCE_VARIABLE)
    if not marker:
        return True
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True
