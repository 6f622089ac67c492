"""A damaged data directory: detected with a clear message, reported by doctor, rebuilt by reindex.

Each case damages a copy of a clean index whose original files have since been
deleted, so `newsqa reindex` can only rebuild from what the index itself keeps.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from rag.index.store import ChromaStore
from rag.settings import load_settings
from tests.conftest import SAMPLE_ARTICLES
from tests.reliability.conftest import run_newsqa, snapshot

pytestmark = [pytest.mark.reliability, pytest.mark.slow]

COMPARED = ("articles", "chunks", "chunk_count", "keyword_ids")


def _truncate_chroma(data: Path) -> None:
    database = load_settings(data_dir=data).chroma_dir / "chroma.sqlite3"
    with database.open("r+b") as file:
        file.truncate(database.stat().st_size // 2)


def _delete_keyword_index(data: Path) -> None:
    shutil.rmtree(load_settings(data_dir=data).keyword_dir)


def _garble_keyword_index(data: Path) -> None:
    for path in load_settings(data_dir=data).keyword_dir.rglob("*"):
        if path.is_file():
            path.write_bytes(b"\x00garbage\xff" * 10)


def _delete_passages(data: Path) -> None:
    settings = load_settings(data_dir=data)
    store = ChromaStore(settings.chroma_dir, settings.collection)
    store.delete_ids(sorted(store.passage_versions())[:7])


# (what is damaged, how, what doctor must say, whether `ask` must still answer); make test
# runs one damaged database, make test-reliability all four
CASES = [
    pytest.param(
        ("Chroma database truncated to half its size", _truncate_chroma, "cannot be read", False),
        id="chroma-truncated",
    ),
    pytest.param(
        ("BM25 index folder deleted", _delete_keyword_index, "keyword index", True),
        id="bm25-gone",
        marks=pytest.mark.long,
    ),
    pytest.param(
        ("BM25 index files overwritten with junk", _garble_keyword_index, "keyword index", True),
        id="bm25-junk",
        marks=pytest.mark.long,
    ),
    pytest.param(
        ("7 passages deleted from Chroma behind the manifest", _delete_passages, "missing", True),
        id="passages-gone",
        marks=pytest.mark.long,
    ),
]


def _problems(report: str) -> str:
    """Doctor's problem lines, without the advice under each."""
    return " / ".join(line[2:] for line in report.splitlines() if line.startswith("- "))


@pytest.fixture(scope="module")
def clean_index(tmp_path_factory) -> tuple[Path, dict]:
    """An ingested data directory whose original article files no longer exist."""
    root = tmp_path_factory.mktemp("damage")
    articles = root / "articles"
    shutil.copytree(SAMPLE_ARTICLES, articles)
    done = run_newsqa(root / "data", "ingest", str(articles))
    assert done.returncode == 0, done.stderr
    shutil.rmtree(articles)
    return root / "data", snapshot(root / "data")


@pytest.mark.parametrize("case", CASES)
def test_damage_is_reported_and_reindex_restores_the_clean_state(
    case, clean_index, tmp_path, record
) -> None:
    what, damage, finding, still_answers = case
    template, clean = clean_index
    data = tmp_path / "data"
    shutil.copytree(template, data)
    damage(data)

    doctor = run_newsqa(data, "doctor")
    assert doctor.returncode == 1 and finding in doctor.stdout, doctor.stdout
    # A damaged keyword index is rebuilt by the next question; a damaged database is not.
    asked = run_newsqa(data, "ask", "--json", "--llm-model", "smollm2-135m", "Who met in Riyadh?")
    assert "Traceback" not in asked.stderr, asked.stderr
    if still_answers:
        assert asked.returncode == 0, asked.stderr
    else:
        assert asked.returncode != 0
        assert "newsqa reindex" in asked.stderr + asked.stdout, "the message says what to do"

    began = time.perf_counter()
    rebuilt = run_newsqa(data, "reindex")
    seconds = time.perf_counter() - began
    assert rebuilt.returncode == 0, rebuilt.stderr + rebuilt.stdout
    state = snapshot(data)
    assert {k: state[k] for k in COMPARED} == {k: clean[k] for k in COMPARED}
    after = run_newsqa(data, "doctor")
    assert after.returncode == 0, after.stdout
    record(
        f"damaged data directory: {what}",
        1,
        {
            "ask exit code": asked.returncode,
            "message": (asked.stderr.strip().splitlines() or [""])[-1][:160].replace(
                str(data), "DATA"
            ),
            "doctor reported": _problems(doctor.stdout).replace(str(data), "DATA"),
            "reindex seconds": round(seconds, 1),
            "passages after reindex": state["chunk_count"],
            "equals clean ingest": True,
            "doctor after": "no findings",
        },
    )
