"""The ingest pipeline on worker processes, and on a real local Ray cluster writing to a real
Chroma server.

One worker is killed after it stored a chunk's passages and before the writer
recorded them: Ray runs the chunk again, and the ingest ends with every article
once and `newsqa doctor` clean.
"""

from __future__ import annotations

import json

import pytest

from tests.integration.test_chroma_server import chroma_server  # noqa: F401 - a fixture
from tests.integration.test_shared_writers import corpus  # noqa: F401 - a fixture
from tests.reliability.conftest import run_newsqa

pytestmark = pytest.mark.slow


@pytest.mark.long
@pytest.mark.reliability  # make test-reliability runs it
def test_a_worker_killed_mid_chunk_loses_and_duplicates_nothing(
    chroma_server,  # noqa: F811
    corpus,  # noqa: F811
    tmp_path,
) -> None:
    server = chroma_server | {"NEWSQA_COLLECTION": "on-ray"}
    marker = tmp_path / "a-worker-was-killed"
    crash = {"NEWSQA_CRASH_AT": "stored-passages:2", "NEWSQA_CRASH_ONCE": str(marker)}
    done = run_newsqa(
        tmp_path / "driver", "ingest", str(corpus), "--ray", "local", timeout=600, **server, **crash
    )
    assert done.returncode == 0, done.stderr
    assert marker.exists(), "a worker reached the crash point and was killed"
    assert "15 added" in done.stdout
    listed = json.loads(run_newsqa(tmp_path / "reader", "list", "--json", **server).stdout)
    assert len(listed) == 15 == len({a["id"] for a in listed}), "every article once"
    doctor = run_newsqa(tmp_path / "reader", "doctor", **server)
    assert doctor.returncode == 0, doctor.stdout


def test_ray_needs_a_shared_chroma_server(tmp_path) -> None:
    done = run_newsqa(tmp_path / "data", "ingest", str(tmp_path), "--ray", "local")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "vector_store.mode = server" in done.stderr


def test_workers_on_this_machine_write_what_one_process_writes(corpus, tmp_path) -> None:  # noqa: F811
    from tests.reliability.conftest import snapshot

    one, two = tmp_path / "one", tmp_path / "two"
    assert run_newsqa(one, "ingest", str(corpus)).returncode == 0
    done = run_newsqa(two, "ingest", str(corpus), "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert "15 added" in done.stdout
    alone, shared = snapshot(one), snapshot(two)
    assert shared["chunks"] == alone["chunks"], "the same passages, ids and versions"
    assert shared["keyword_ids"] == alone["keyword_ids"] and shared["keyword_current"]
    assert run_newsqa(two, "doctor").returncode == 0
