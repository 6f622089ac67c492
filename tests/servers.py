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
        wait_until_up(ready_url, process, log, seconds)
        yield
    finally:
        stop(process)


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float) -> None:
    """Return once ``url`` answers 200; fail the test, with the log, if the process dies first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"{process.args[0]} did not answer within {seconds:.0f} s:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    """Ask the process to end; kill it if it has not within 30 s."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
