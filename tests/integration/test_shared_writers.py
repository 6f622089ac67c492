"""Writers on two machines against one Chroma server: they take turns through the store.

Two data directories share nothing but the server, as ingests on two hosts would.
Started at once, one writes and the other waits, then finds every article there;
when the first is killed mid-write, the other takes over once its turn lapses and
repairs. Either way every article is stored once and `newsqa doctor` is clean.
"""

from __future__ import annotations

import json
import random
import subprocess
import time
from pathlib import Path

import chromadb
import pytest

from tests.conftest import SAMPLE_ARTICLES
from tests.integration.test_chroma_server import chroma_server  # noqa: F401 - a fixture
from tests.reliability.conftest import NEWSQA, newsqa_env, run_newsqa

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The sample articles and ten more made from their paragraphs."""
    folder = tmp_path_factory.mktemp("corpus")
    paragraphs = []
    for path in sorted(SAMPLE_ARTICLES.iterdir()):
        (folder / path.name).write_bytes(path.read_bytes())
        paragraphs += [p for p in path.read_text().split("\n\n") if len(p) > 200]
    shuffle = random.Random(3)
    with (folder / "more.jsonl").open("w") as out:
        for i in range(10):
            text = "\n\n".join(shuffle.sample(paragraphs, 2))
            out.write(json.dumps({"id": f"more-{i}", "title": f"More {i}", "text": text}) + "\n")
    return folder


def _ingest(data: Path, corpus: Path, server: dict[str, str], **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*NEWSQA, "ingest", str(corpus)],
        env=newsqa_env(data, **server, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _clean(data: Path, server: dict[str, str], collection: str) -> None:
    env = {**server, "NEWSQA_COLLECTION": collection}
    listed = json.loads(run_newsqa(data, "list", "--json", **env).stdout)
    ids = [a["id"] for a in listed]
    assert len(ids) == 15 == len(set(ids)), "every article once"
    doctor = run_newsqa(data, "doctor", **env)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr


def test_two_ingests_at_once_take_turns(chroma_server, corpus, tmp_path) -> None:  # noqa: F811
    server = chroma_server | {"NEWSQA_COLLECTION": "together"}
    both = [_ingest(tmp_path / name, corpus, server) for name in ("host-a", "host-b")]
    outputs = [p.communicate(timeout=600) for p in both]
    assert [p.returncode for p in both] == [0, 0], outputs
    summaries = sorted(out for out, _ in outputs)
    assert "0 added, 0 updated, 15 unchanged" in summaries[0], "the second waited for the first"
    assert "15 added" in summaries[1]
    for name in ("host-a", "host-b"):
        _clean(tmp_path / name, chroma_server, "together")


def _tickets(port: str, collection: str) -> int:
    client = chromadb.HttpClient(host="127.0.0.1", port=int(port))
    try:
        records = client.get_collection(f"{collection}-catalog")
    except Exception:  # not made yet
        return 0
    return len(records.get(where={"kind": "ticket"})["ids"])


@pytest.mark.long
@pytest.mark.reliability  # make test-reliability runs it
def test_a_writer_killed_mid_write_is_taken_over(chroma_server, corpus, tmp_path) -> None:  # noqa: F811
    server = chroma_server | {"NEWSQA_COLLECTION": "killed"}
    port = chroma_server["NEWSQA_VECTOR_STORE__PORT"]
    killed = _ingest(tmp_path / "host-a", corpus, server, NEWSQA_CRASH_AT="stored-passages:4")
    deadline = time.monotonic() + 120
    while _tickets(port, "killed") == 0:
        assert time.monotonic() < deadline and killed.poll() is None, killed.stderr
        time.sleep(0.2)
    survivor = _ingest(tmp_path / "host-b", corpus, server)
    assert killed.wait(timeout=600) == -9, "killed between its passages and its catalog rows"
    out, err = survivor.communicate(timeout=600)
    assert survivor.returncode == 0, err
    assert "15 added" in out, "nothing the killed writer left counts as stored"
    _clean(tmp_path / "host-b", chroma_server, "killed")
    _clean(tmp_path / "host-a", chroma_server, "killed")
