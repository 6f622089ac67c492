"""The servers benchmarks and tests start beside newsqa: ``chroma run`` and infinity.

Each runs on a free loopback port, as a subprocess, until its block ends. The
embedding server is infinity (``make embedding-server`` builds its virtualenv,
``.venv-embed``) serving the packaged all-MiniLM-L6-v2. Its weights are float32
by default: infinity's bfloat16 casts every weight, unlike the local model's
bfloat16 autocast, and moves vectors enough to reorder close passages.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.common import ROOT
from rag.models.embedding import EMBEDDING_MODEL_NAME
from rag.models.files import embedding_model_dir

CHROMA = Path(sys.executable).with_name("chroma")
INFINITY = ROOT / ".venv-embed" / "bin" / "infinity_emb"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chroma_command(path: Path, port: int) -> list[str]:
    return [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]


def infinity_command(port: int, batch_size: int = 32, dtype: str = "float32") -> list[str]:
    return [
        str(INFINITY), "v2",
        "--model-id", str(embedding_model_dir()),
        "--served-model-name", EMBEDDING_MODEL_NAME,
        "--engine", "torch", "--device", "cpu", "--no-bettertransformer",
        "--dtype", dtype,
        "--batch-size", str(batch_size),
        "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip


def infinity_env() -> dict[str, str]:
    """Offline, no usage statistics sent anywhere, its cache under .cache/ (not the cwd)."""
    return os.environ | {
        "INFINITY_HOME": str(ROOT / ".cache" / "infinity"),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "INFINITY_ANONYMOUS_USAGE_STATS": "0",
        "DO_NOT_TRACK": "1",
    }


@contextmanager
def running(
    command: list[str], ready_url: str, log: Path, seconds: float = 180, env=None
) -> Iterator[None]:
    """``command`` running until the block ends, once ``ready_url`` answers."""
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + seconds
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} did not start; see {log}")
            try:
                urllib.request.urlopen(ready_url, timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def running_chroma(folder: Path) -> Iterator[int]:
    """A Chroma server keeping its data in ``folder``; yields its port."""
    port = free_port()
    ready = f"http://127.0.0.1:{port}/api/v2/heartbeat"
    with running(chroma_command(folder / "db", port), ready, folder / "chroma.log"):
        yield port


@contextmanager
def running_infinity(folder: Path, dtype: str = "float32") -> Iterator[str]:
    """An infinity server; yields its base URL (what embed_base_url is set to)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = folder / f"infinity-{dtype}.log"
    with running(infinity_command(port, dtype=dtype), f"{url}/health", log, env=infinity_env()):
        yield url
