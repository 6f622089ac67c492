"""Nothing touches the network at run time: ingest and ask with all connections refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MODEL_CACHE, REPO

pytestmark = pytest.mark.slow
RUNNER = Path(__file__).with_name("offline_run.py")


def run_offline(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    log = tmp_path / f"attempts-{len(list(tmp_path.glob('attempts-*')))}.log"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEWSQA_", "HF_", "TRANSFORMERS_"))
    }
    env |= {"NEWSQA_DATA_DIR": str(tmp_path / "data"), "NEWSQA_MODEL_CACHE_DIR": str(MODEL_CACHE)}
    env["PYTHONPATH"] = str(REPO)
    process = subprocess.run(
        [sys.executable, str(RUNNER), str(log), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    attempts = (
        [line for line in log.read_text().splitlines() if line] if log.exists() else ["no log"]
    )
    return process, attempts


def test_ingest_and_ask_make_no_network_connection(tmp_path: Path, sample_articles: Path) -> None:
    ingest, attempts = run_offline(tmp_path, "ingest", str(sample_articles))
    assert ingest.returncode == 0, ingest.stderr
    assert attempts == []

    ask, attempts = run_offline(
        tmp_path,
        "ask",
        "Who met in Riyadh?",
        "--llm-model",
        "smollm2-135m",
        "--llm-max-tokens",
        "32",
        "--json",
    )
    assert ask.returncode == 0, ask.stderr
    assert json.loads(ask.stdout)["usage"]["completion_tokens"] > 0
    assert attempts == []


def test_the_guard_catches_a_connection(tmp_path: Path) -> None:
    """The check above would be worthless if the guard let connections through."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import offline_run, urllib.request\n"
        "try: urllib.request.urlopen('http://127.0.0.1:9/', timeout=1)\n"
        "except OSError: pass\n"
        "print(offline_run.attempts)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(RUNNER.parent)], capture_output=True, text=True, check=True
    )
    assert "127.0.0.1" in out.stdout
