"""kill -9 during ingest and remove: a re-run always ends in the state of a clean ingest."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.reliability.conftest import NEWSQA, newsqa_env, run_newsqa, snapshot

pytestmark = [pytest.mark.reliability, pytest.mark.slow]

# (crash point, n-th time it is reached): every kind of write an ingest makes.
CRASH_POINTS = [
    ("parsed-file", 2),  # parsing, nothing written yet
    ("embedded-batch", 1),  # embedding, before the first write
    ("embedded-batch", 3),  # embedding, some articles written
    ("stored-passages", 1),  # Chroma write done, catalog row not yet
    ("stored-passages", 17),
    ("cataloged-article", 3),  # manifest row written, generation not bumped
    ("before-file-hash", 1),  # manifest file hashes
    ("swapping-keyword-index", 1),  # BM25 index half swapped
    ("placed-story-article", 3),  # stories half refreshed
]
RANDOM_KILLS = 4
BATCH = {"NEWSQA_EMBED_BATCH_SIZE": "4"}  # many small batches: many places to stop


@pytest.fixture(scope="module")
def clean_state(crash_corpus: Path, tmp_path_factory) -> tuple[dict, float]:
    data = tmp_path_factory.mktemp("clean") / "data"
    began = time.perf_counter()
    done = run_newsqa(data, "ingest", str(crash_corpus), **BATCH)
    assert done.returncode == 0, done.stderr
    state = snapshot(data)
    assert state["chunk_count"] == state["catalog_chunks"] == len(state["chunks"]) > 100
    return state, time.perf_counter() - began


def _check_rerun(data: Path, corpus: Path, clean: dict) -> None:
    rerun = run_newsqa(data, "ingest", str(corpus), **BATCH)
    assert rerun.returncode == 0, rerun.stderr
    state = snapshot(data)
    assert state["articles"] == clean["articles"]
    assert state["chunks"] == clean["chunks"], "same chunk ids, versions and count"
    assert state["chunk_count"] == clean["chunk_count"] == state["catalog_chunks"]
    assert state["keyword_ids"] == sorted(state["chunks"]), "BM25 and Chroma agree"
    assert state["keyword_current"] and state["interrupted"] is None
    assert state["stories"] == clean["stories"] and state["stories_current"]
    doctor = run_newsqa(data, "doctor")
    assert doctor.returncode == 0, doctor.stdout
    asked = run_newsqa(
        data, "ask", "--json", "--llm-model", "smollm2-135m", "Where did the talks take place?"
    )
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert answer["citations"] or answer["related"], "retrieval finds passages"


def test_a_kill_between_the_chroma_write_and_the_manifest(
    crash_corpus, clean_state, tmp_path
) -> None:
    """One trial of the one below, short enough for every test run."""
    clean, _ = clean_state
    data = tmp_path / "data"
    crashed = run_newsqa(
        data, "ingest", str(crash_corpus), NEWSQA_CRASH_AT="stored-passages:5", **BATCH
    )
    assert crashed.returncode == -9, crashed.stderr
    _check_rerun(data, crash_corpus, clean)


@pytest.mark.long
def test_kill_at_every_kind_of_write(crash_corpus, clean_state, tmp_path, record) -> None:
    clean, _ = clean_state
    outcomes = []
    for point, nth in CRASH_POINTS:
        data = tmp_path / f"{point}-{nth}" / "data"
        crashed = run_newsqa(
            data, "ingest", str(crash_corpus), NEWSQA_CRASH_AT=f"{point}:{nth}", **BATCH
        )
        assert crashed.returncode == -9, f"{point}:{nth} was not reached: {crashed.stderr}"
        partial = snapshot(data)["chunk_count"] if (data / "chroma").exists() else 0
        _check_rerun(data, crash_corpus, clean)
        outcomes.append(f"{point}:{nth} ({partial} passages stored at the kill)")
        shutil.rmtree(data.parent)
    record(
        "SIGKILL at a named point of ingest (parse, embed, Chroma write, manifest, BM25 swap)",
        len(CRASH_POINTS),
        {"clean_passages": clean["chunk_count"], "kills": outcomes, "all_equal_clean": True},
    )


@pytest.mark.long
def test_kill_at_random_moments(crash_corpus, clean_state, tmp_path, record) -> None:
    clean, seconds = clean_state
    moments = random.Random(11).sample(range(20, 95, 5), RANDOM_KILLS)
    killed = []
    for percent in sorted(moments):
        data = tmp_path / f"at-{percent}" / "data"
        process = subprocess.Popen(
            [*NEWSQA, "ingest", str(crash_corpus)],
            env=newsqa_env(data, **BATCH),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(seconds * percent / 100)
        process.kill()
        process.wait()
        partial = snapshot(data)["chunk_count"] if (data / "chroma").exists() else 0
        killed.append(f"{seconds * percent / 100:.1f} s ({partial} passages stored)")
        _check_rerun(data, crash_corpus, clean)
        shutil.rmtree(data.parent)
    record(
        f"SIGKILL at random moments of a {seconds:.1f} s ingest",
        RANDOM_KILLS,
        {"kills": killed, "all_equal_clean": True},
    )


@pytest.mark.long
def test_kill_during_an_update_and_a_remove(crash_corpus, tmp_path, record) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(crash_corpus, corpus)
    reference = tmp_path / "reference"
    assert run_newsqa(reference, "ingest", str(corpus), **BATCH).returncode == 0
    clean = snapshot(reference)  # article sources name their files: a clean ingest of the copy
    data = tmp_path / "data"
    assert run_newsqa(data, "ingest", str(corpus), **BATCH).returncode == 0
    # Update: an edited article, killed after its new passages are written, before its row.
    article = sorted(corpus.glob("*.txt"))[0]
    original = article.read_bytes()
    article.write_text(article.read_text() + "\n\nA closing paragraph added by the editors.")
    crashed = run_newsqa(data, "ingest", str(corpus), NEWSQA_CRASH_AT="stored-passages")
    assert crashed.returncode == -9
    article.write_bytes(original)  # back to the clean corpus: the re-run must restore it
    _check_rerun(data, corpus, clean)
    # Remove: killed after the catalog row is gone, before the passages are.
    listed = json.loads(run_newsqa(data, "list", "--json").stdout)
    victim = listed[0]["id"]
    crashed = run_newsqa(data, "remove", victim, NEWSQA_CRASH_AT="uncataloged-article")
    assert crashed.returncode == -9
    assert run_newsqa(data, "doctor").returncode == 1, "doctor sees the interrupted remove"
    _check_rerun(data, corpus, clean)  # the file is still there: re-ingest puts it back
    record(
        "SIGKILL during an article update and during a remove",
        2,
        {"all_equal_clean": True},
    )


# tests/integration/test_shared_writers.py runs two ingests at once in every make test
@pytest.mark.long
def test_two_ingests_at_once(crash_corpus, clean_state, tmp_path, record) -> None:
    clean, _ = clean_state
    data = tmp_path / "data"
    first = subprocess.Popen(
        [*NEWSQA, "ingest", str(crash_corpus)],
        env=newsqa_env(data, **BATCH),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock = data / "catalog" / "articles.lock"
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip() == str(first.pid)):
        assert time.monotonic() < deadline, "the first ingest never took the lock"
        time.sleep(0.1)
    refused = run_newsqa(data, "ingest", str(crash_corpus), NEWSQA_LOCK_TIMEOUT="1")
    assert refused.returncode == 1
    assert f"pid {first.pid}" in refused.stderr and "Try again" in refused.stderr
    began = time.perf_counter()
    waited = run_newsqa(data, "ingest", str(crash_corpus))  # default: waits its turn
    waited_seconds = time.perf_counter() - began
    assert first.wait(timeout=300) == 0, first.stderr
    assert waited.returncode == 0, waited.stderr
    assert "0 added, 0 updated, 29 unchanged" in waited.stdout
    state = snapshot(data)
    assert state["chunks"] == clean["chunks"] and state["keyword_ids"] == sorted(state["chunks"])
    record(
        "a second ingest on the same data directory while one runs",
        2,
        {
            "refused_after_s": 1,
            "refusal": refused.stderr.strip().splitlines()[-1],
            "waiting_ingest_s": round(waited_seconds, 1),
            "final_state_equals_clean": True,
        },
    )
