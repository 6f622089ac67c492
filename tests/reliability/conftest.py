"""Reliability tests: faults, bad input and load against the real newsqa.

Each test records what it injected and what it measured in a JSON-lines log
(``NEWSQA_RELIABILITY_LOG``, default ``.cache/reliability.jsonl``), the source of
the table in docs/RELIABILITY.md.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MODEL_CACHE, REPO, SAMPLE_ARTICLES

LOG = Path(os.environ.get("NEWSQA_RELIABILITY_LOG", REPO / ".cache" / "reliability.jsonl"))
NEWSQA = [sys.executable, "-m", "ui.cli"]


@pytest.fixture
def record(request):
    """Append one row (what was injected, how often, what was measured) to the log."""

    def write(injected: str, trials: int, measured: dict) -> None:
        LOG.parent.mkdir(parents=True, exist_ok=True)
        row = {
            "test": request.node.name,
            "injected": injected,
            "trials": trials,
            "measured": measured,
            "at": time.strftime("%Y-%m-%d %H:%M:%S"),
        }
        with LOG.open("a") as log:
            log.write(json.dumps(row) + "\n")

    return write


def newsqa_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSQA_")}
    env |= {
        "NEWSQA_DATA_DIR": str(data_dir),
        "NEWSQA_MODEL_CACHE_DIR": str(MODEL_CACHE),
        "HF_HUB_OFFLINE": "1",
        "PYTHONPATH": str(REPO),
    }
    return env | extra


def run_newsqa(data_dir: Path, *args: str, timeout: float = 300, **env: str):
    return subprocess.run(
        [*NEWSQA, *args],
        env=newsqa_env(data_dir, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )


def snapshot(data_dir: Path) -> dict:
    """The index's state, read in a fresh process (Chroma caches what it has opened)."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.reliability.state", str(data_dir)],
        env=newsqa_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def crash_corpus(tmp_path_factory) -> Path:
    """The five sample articles plus a JSONL file of 24 more, made from their paragraphs."""
    folder = tmp_path_factory.mktemp("crash-corpus")
    paragraphs = []
    for path in sorted(SAMPLE_ARTICLES.iterdir()):
        (folder / path.name).write_bytes(path.read_bytes())
        paragraphs += [p for p in path.read_text().split("\n\n") if len(p) > 200]
    shuffle = random.Random(7)
    with (folder / "more.jsonl").open("w") as out:
        for i in range(24):
            text = "\n\n".join(shuffle.sample(paragraphs, 3))
            record = {"id": f"extra-{i}", "title": f"Extra article {i}", "text": text}
            out.write(json.dumps(record) + "\n")
    return folder
