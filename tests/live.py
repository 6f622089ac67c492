"""Live fixtures: a real ``newsqa serve`` (sample articles, SmolLM2) and headless Chromium.

The server is started once per test session as a subprocess, as a user would start it,
on a free loopback port and its own data directory.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MODEL_CACHE, REPO, SAMPLE_ARTICLES
from tests.servers import stop, wait_until_up

ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
# Without these flags Chromium keeps trying to reach its vendor's services.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_SECONDS = 180


@dataclass(frozen=True)
class Server:
    url: str
    data_dir: Path
    log: Path
    pid: int


def _env(data_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEWSQA_", "HF_", "TRANSFORMERS_", "GRADIO_"))
    }
    env |= {
        "NEWSQA_DATA_DIR": str(data_dir),
        "NEWSQA_MODEL_CACHE_DIR": str(MODEL_CACHE),
        "PYTHONPATH": str(REPO),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    return env


def _newsqa(*args: str) -> list[str]:
    return [sys.executable, "-m", "ui.cli", *args]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("serve")
    data_dir, log = root / "data", root / "serve.log"
    env = _env(data_dir)
    ingest = subprocess.run(
        _newsqa("ingest", str(SAMPLE_ARTICLES)),
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert ingest.returncode == 0, ingest.stderr
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    command = _newsqa(
        "serve", "--host", "127.0.0.1", "--port", str(port), "--llm-model", "smollm2-135m"
    )
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, cwd=root, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(url, process, log, STARTUP_SECONDS)
        yield Server(url, data_dir, log, process.pid)
    finally:
        stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright, with a fresh profile."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: run tests/setup-browser.sh")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: Any, server: Server, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A new tab on the UI; its screenshot is kept in test-artifacts/ whatever the outcome."""
    page = browser.new_page()
    page.set_default_timeout(30_000)
    page.goto(server.url)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    page.close()
