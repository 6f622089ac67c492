"""`newsqa serve` from start to its first answer: time to ready, first answer, resident memory.

    .venv/bin/python -m benchmarks.serve [--data-dir DIR]

Starts the server on a data directory (by default the sample articles, ingested
into a fresh one), waits until it reports that the models are loaded, asks one
question over the HTTP API and reads the server's resident memory (now and at
its peak) from /proc.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, banner, newsqa, newsqa_command, newsqa_env

QUESTION = "Who led the Russian delegation?"
READY = "ready to answer"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _memory_gb(pid: int) -> dict[str, float]:
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    kb = {name: int(fields[name].split()[0]) for name in ("VmRSS", "VmHWM")}
    return {"rss_gb": kb["VmRSS"] / 1024**2, "peak_rss_gb": kb["VmHWM"] / 1024**2}


def _ask(port: int, question: str) -> str:
    body = json.dumps({"messages": [{"role": "user", "content": question}]}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/chat/completions",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=300) as reply:
        return json.loads(reply.read())["choices"][0]["message"]["content"]


def measure(data_dir: Path, question: str = QUESTION) -> dict[str, Any]:
    port = _free_port()
    began = time.perf_counter()
    server = subprocess.Popen(
        newsqa_command("serve", "--port", str(port)),
        cwd=ROOT,
        env=newsqa_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for line in server.stdout:
            if READY in line:
                break
        else:
            raise RuntimeError(f"newsqa serve stopped before it was ready (exit {server.wait()})")
        ready = time.perf_counter() - began
        at_ready = _memory_gb(server.pid)
        asked = time.perf_counter()
        answer = _ask(port, question)
        first_answer = time.perf_counter() - asked
        after = _memory_gb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "ready_seconds": ready,
        "first_answer_seconds": first_answer,
        "answer": answer,
        "rss_gb_at_ready": at_ready["rss_gb"],
        "rss_gb_after_answer": after["rss_gb"],
        "peak_rss_gb": after["peak_rss_gb"],
    }


_LOAD = """
import re, sys
from llama_cpp import Llama
from rag.models.files import resolve_llm_path
from rag.settings import load_settings
settings = load_settings()
path = resolve_llm_path(settings.llm_model, settings.models_dir)
llama = Llama(model_path=str(path), n_ctx=settings.llm_context_window, n_threads=2,
              n_batch=512, verbose=False, use_mmap=sys.argv[1] == "mapped")
llama.create_completion("The talks lasted " * 100, max_tokens=1)
status = open("/proc/self/status").read()
print(int(re.search(r"VmRSS:\\s+(\\d+)", status).group(1)) / 1024**2)
"""


def model_memory() -> dict[str, float]:
    """Resident GB of a process that loaded the default LLM and read a prompt: mapped or read."""
    sizes = {}
    for way in ("mapped", "read"):
        command = [sys.executable, "-c", _LOAD, way]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
        sizes[way] = float(done.stdout.strip().splitlines()[-1])
    return sizes


def sample_data_dir(into: Path) -> Path:
    newsqa("ingest", "data/articles", data_dir=into)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="Serve this data directory.")
    args = parser.parse_args()
    banner()
    if args.data_dir:
        print(json.dumps(measure(args.data_dir), indent=2))
        return
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(measure(sample_data_dir(Path(folder))), indent=2))


if __name__ == "__main__":
    main()
