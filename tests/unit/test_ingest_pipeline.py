"""The ingest pipeline on a real Chroma in a temp dir, with a fake embedder and tokenizer."""

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from rag.settings import Settings
from tests.fakes import FakeEmbedder
from tests.harness import ChromaCatalogConnection, Ingest, fake_app


@pytest.fixture
def embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(params=["sqlite-catalog", "chroma-catalog"])
def make_ingestor(settings: Settings, embedder: FakeEmbedder, request):
    """Both catalogs: SQLite (one machine) and kept in Chroma (server mode)."""

    def make(chunk_size: int = 120, **more) -> Ingest:
        config = settings.model_copy(
            update={"chunk_size": chunk_size, "chunk_overlap": 20, "embed_batch_size": 8, **more}
        )
        connection = None
        if request.param == "chroma-catalog":
            connection = ChromaCatalogConnection(config)
        return Ingest(fake_app(config, embedder, connection=connection))

    return make


@pytest.fixture
def corpus(tmp_path: Path, sample_articles: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(sample_articles, folder)
    return folder


def test_first_ingest_adds_every_article(make_ingestor, corpus: Path, embedder) -> None:
    ingestor = make_ingestor()
    report = ingestor.ingest([corpus])
    assert (report.added, report.updated, report.unchanged, report.failed) == (5, 0, 0, [])
    records = ingestor.catalog.all()
    assert len(records) == 5
    assert report.passages_written == sum(r.passages for r in records) == ingestor.store.count()
    stored = ingestor.store.passage_versions().values()
    assert Counter(article for article, _ in stored) == {r.id: r.passages for r in records}
    for record in records:
        assert record.title and record.source_path.startswith(str(corpus))
        assert "Source link" not in record.text


def test_reingest_unchanged_embeds_nothing(make_ingestor, corpus: Path, embedder) -> None:
    make_ingestor().ingest([corpus])
    calls = len(embedder.calls)
    report = make_ingestor().ingest([corpus])
    assert len(embedder.calls) == calls, "no embedding call for unchanged articles"
    assert (report.added, report.updated, report.unchanged, report.passages_written) == (0, 0, 5, 0)


def test_changed_article_replaces_its_chunks(make_ingestor, corpus: Path) -> None:
    ingestor = make_ingestor()
    ingestor.ingest([corpus])
    before = ingestor.store.count()
    target = sorted(corpus.glob("*.txt"))[0]
    old = ingestor.catalog.for_path(str(target.resolve()))[0]
    target.write_text("A short replacement article.\n\nIt says something new entirely.\n")

    report = make_ingestor().ingest([corpus])
    assert (report.added, report.updated, report.unchanged, report.removed) == (0, 1, 4, 0)
    assert ingestor.catalog.get(old.id) is None
    assert ingestor.store.passage_ids(old.id) == []
    [new] = ingestor.catalog.for_path(str(target.resolve()))
    assert new.passages == 1 and ingestor.store.count() == before - old.passages + 1


def test_prune_and_remove(make_ingestor, corpus: Path) -> None:
    ingestor = make_ingestor()
    ingestor.ingest([corpus])
    gone = sorted(corpus.glob("*.txt"))[1]
    gone_id = ingestor.catalog.for_path(str(gone.resolve()))[0].id
    gone.unlink()
    assert make_ingestor().ingest([corpus]).removed == 0, "without --prune nothing is removed"
    report = make_ingestor().ingest([corpus], prune=True)
    assert report.removed == 1 and ingestor.catalog.get(gone_id) is None
    assert ingestor.store.passage_ids(gone_id) == []

    victim = ingestor.catalog.all()[0]
    assert ingestor.remove(victim.id)
    assert ingestor.catalog.get(victim.id) is None and ingestor.store.passage_ids(victim.id) == []
    assert not ingestor.remove("no-such-id")


def test_bad_files_are_reported_and_the_rest_ingested(make_ingestor, corpus: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (corpus / "latin1.txt").write_bytes("Caf\xe9 owners in Kyiv met on Tuesday.".encode("latin-1"))
    report = make_ingestor().ingest([corpus, corpus / "missing.md"])
    failed = dict((Path(name).name, reason) for name, reason in report.failed)
    assert set(failed) == {"empty.txt", "binary.txt", "missing.md"}
    assert report.added == 6  # the five articles and the Latin-1 one
    latin = [r for r in make_ingestor().catalog.all() if r.source_path.endswith("latin1.txt")]
    assert latin[0].text.startswith("Café owners")


def test_jsonl_records_keep_their_ids_and_update_in_place(make_ingestor, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": "n1", "title": "One", "text": "First story about talks.", "date": "2025-02-18"},
        {"id": "n2", "title": "Two", "text": "Second story about sanctions."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    ingestor = make_ingestor()
    assert ingestor.ingest([path]).added == 2
    rows[1]["text"] = "Second story, revised, about tariffs."
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n")
    report = make_ingestor().ingest([path])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    assert len(report.failed) == 1 and "line 3" in report.failed[0][1]
    assert ingestor.catalog.get("n2").text == "Second story, revised, about tariffs."
    assert ingestor.catalog.get("n1").date == "2025-02-18"


def test_changing_chunk_settings_reembeds(make_ingestor, corpus: Path, embedder, settings) -> None:
    make_ingestor().ingest([corpus])
    report = make_ingestor(chunk_size=60).ingest([corpus])
    assert report.updated == 5 and report.passages_written > 0


def _state(ingestor: Ingest) -> tuple:
    """What a clean ingest must equal: articles, versions, passage ids, keyword ids."""
    versions = ingestor.catalog.versions()
    stored = ingestor.store.passage_versions()
    keyword = ingestor.keyword.current()
    return versions, stored, sorted(keyword.ids)


def test_interrupted_write_is_repaired_by_the_next_ingest(make_ingestor, corpus: Path) -> None:
    reference = make_ingestor()
    reference.ingest([corpus])
    clean = _state(reference)
    [victim, *_] = reference.catalog.all()
    # What a crash leaves: a catalog row gone, its passages still stored, a stray passage,
    # and the writer's mark.
    reference.catalog.delete(victim.id)
    reference.store.upsert(["ghost#0"], [[0.1] * 64], ["ghost"], [{"article_id": "ghost"}])
    reference.catalog.set_meta("write_in_progress", "12345")
    report = make_ingestor().ingest([corpus])
    assert report.ok and report.added == 1
    after = _state(reference)
    assert set(after[1]) - set(clean[1]) == set()
    assert set(clean[1]) - set(after[1]) == set()
    assert after == clean
    assert reference.catalog.get_meta("write_in_progress") is None


def test_repair_re_embeds_an_article_with_missing_passages(make_ingestor, corpus: Path) -> None:
    ingestor = make_ingestor()
    ingestor.ingest([corpus])
    clean = _state(ingestor)
    victim = ingestor.catalog.all()[0]
    ingestor.store.delete_ids([f"{victim.id}#0"])
    ingestor.catalog.set_meta("write_in_progress", "12345")
    shutil.rmtree(corpus)  # the original files are not needed: the catalog keeps the text
    report = make_ingestor().ingest([])
    assert report.repaired == 1
    assert _state(ingestor) == clean


def test_reindex_rebuilds_everything_from_the_catalog(make_ingestor, corpus: Path) -> None:
    ingestor = make_ingestor()
    ingestor.ingest([corpus])
    clean = _state(ingestor)
    shutil.rmtree(corpus)
    report = make_ingestor().reindex()
    assert report.repaired == 5
    assert _state(ingestor) == clean


def test_files_over_the_size_limit_are_refused(make_ingestor, corpus: Path) -> None:
    ingestor = make_ingestor(max_file_mb=0.0001)  # 100 bytes
    report = ingestor.ingest([corpus])
    assert report.added == 0 and len(report.failed) == 5
    assert all("file too large" in reason for _, reason in report.failed)


def test_a_write_mark_from_another_machine_is_waited_for(make_ingestor, corpus: Path) -> None:
    """On a shared server, another machine's unfinished write is not taken for a crash at once."""
    import threading

    ingestor = make_ingestor()
    ingestor.ingest([corpus])
    ingestor.catalog.set_meta("write_in_progress", "other-machine:4242")
    ingestor.writer.lock.timeout = 30
    threading.Timer(1.0, ingestor.catalog.delete_meta, ["write_in_progress"]).start()
    report = ingestor.ingest([corpus])
    assert report.repaired == 0 and report.unchanged == 5, "it waited, then found nothing to do"

    ingestor.catalog.set_meta("write_in_progress", "other-machine:4242")
    ingestor.writer.lock.timeout = 0
    victim = ingestor.catalog.all()[0]
    ingestor.store.delete_ids(ingestor.store.passage_ids(victim.id)[:1])
    report = ingestor.ingest([corpus])
    assert report.repaired == 1, "a mark older than the lock timeout is an interrupted write"


def test_the_same_article_in_two_files_of_a_batch_is_written_once(
    make_ingestor, corpus: Path
) -> None:
    first = next(iter(sorted(corpus.iterdir())))
    copy = corpus / "zz-copy.txt"
    copy.write_bytes(first.read_bytes())
    ingestor = make_ingestor()
    report = ingestor.ingest([corpus])  # must not raise
    assert report.added == 5 and len(ingestor.catalog.all()) == 5
    assert report.outcomes[str(first.resolve())] == "ingested"
    outcome = report.outcomes[str(copy.resolve())]
    assert outcome == f"unchanged: the same article as {first.name}"
    again = ingestor.ingest([corpus])
    assert again.passages_written == 0 and len(ingestor.catalog.all()) == 5
