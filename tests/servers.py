"""Starting a server subprocess for a test and waiting until it answers."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def running(
    command: list[str],
    ready_url: str,
    log: Path,
    seconds: float = 120,
    env: dict[str, str] | None = None,
) -> Iterator[None]:
    """Run ``command`` until the block ends; fail the test if ``ready_url`` never answers."""
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                urllib.request.urlopen(ready_url, timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(f"{command[0]} did not start:\n{log.read_text()}")
                time.sleep(0.5)
        yield
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """Ask the process to end; kill it if it has not within 30 s."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
