"""What every benchmark shares: the machine it ran on, percentiles, Markdown tables."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CPU_FLAGS_OF_NOTE = ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16", "amx_int8")


def newsqa_command(*args: str) -> list[str]:
    """The newsqa command line run by this interpreter (the virtualenv's)."""
    return [sys.executable, "-c", "from ui.cli import main; main()", *args]


def newsqa_env(data_dir: Path) -> dict[str, str]:
    return os.environ | {"NEWSQA_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}


def newsqa(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    """Run a newsqa command on ``data_dir`` in a fresh process; its output captured."""
    return subprocess.run(
        newsqa_command(*args),
        env=newsqa_env(data_dir),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )


def commit() -> str:
    """The commit checked out, short, as the figures' runs name it."""
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() or "unknown"


def machine() -> dict[str, Any]:
    """Cores, CPU model and the flags that decide llama.cpp's and torch's kernels, memory, load."""
    info: dict[str, Any] = {"cores": os.cpu_count(), "python": platform.python_version()}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        meminfo = Path("/proc/meminfo").read_text()
    except OSError:
        return info
    fields = dict(
        line.split(":", 1) for line in cpuinfo.splitlines() if ":" in line and line.strip()
    )
    flags = set(fields.get("flags\t\t", fields.get("flags", "")).split())
    info["cpu"] = " ".join(fields.get("model name\t", "").split())
    info["flags"] = [flag for flag in CPU_FLAGS_OF_NOTE if flag in flags]
    total = next(line for line in meminfo.splitlines() if line.startswith("MemTotal"))
    info["memory_gb"] = round(int(total.split()[1]) / 1024**2, 1)
    info["load_average_1min"] = os.getloadavg()[0]
    return info


def save_figures(path: Path, figures: dict[str, Any]) -> None:
    """A run's figures as JSON, its machine stamped with the load it ended under."""
    figures["machine"] = figures["machine"] | {"load_average_1min_end": os.getloadavg()[0]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2) + "\n")


def describe(info: dict[str, Any]) -> str:
    flags = ", ".join(info.get("flags", [])) or "none of note"
    return (
        f"{info['cores']} cores, {info.get('cpu', 'unknown CPU')} ({flags}), "
        f"{info.get('memory_gb', '?')} GB RAM, load {info.get('load_average_1min', 0):.2f} "
        f"at start, Python {info['python']}"
    )


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def percentiles(seconds: Sequence[float]) -> dict[str, float]:
    return {"p50": statistics.median(seconds), "p95": percentile(seconds, 0.95)}


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def banner() -> None:
    """Print the machine and the command, as every benchmark does before its figures."""
    module = Path(sys.argv[0]).stem
    print(f"Machine: {describe(machine())}")
    print(f"Command: python -m benchmarks.{module} {' '.join(sys.argv[1:])}".rstrip(), flush=True)
