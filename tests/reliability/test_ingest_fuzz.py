"""Bad input never aborts a batch: every file gets an outcome, every good article gets in.

Property-based: hypothesis builds batches of good and bad files (random bytes,
empty files, broken or deeply nested HTML, malformed JSON, JSONL with bad lines
among good ones, Latin-1, CP-1252, UTF-16 with a BOM, control characters, odd
names); a real Chroma on disk stores them, with the fake embedder for speed.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.settings import load_settings
from tests.harness import Ingest, fake_app

pytestmark = [pytest.mark.reliability]

ODD_NAMES = [
    "plain",
    "with space",
    "-starts-with-dash",
    "ünïcödé-名前",
    "quote'and\"double",
    "semi;colon&amp",
    "new\nline",
    "x" * 200,
    "<img src=x onerror=alert(1)>",
]


@dataclass
class FileCase:
    name: str
    data: bytes
    markers: list[str]  # words that must end up in the catalog (one per good article)


def _prose(marker: str) -> str:
    return (
        f"Officials met on Monday to discuss the {marker} agreement. The talks lasted "
        "four hours and ended with a joint statement about trade and energy."
    )


@st.composite
def good_text_file(draw, n: int) -> FileCase:
    marker = f"zq{n}marker"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16"]))
    accents = {"latin-1": " Café in Zürich.", "cp1252": " “Quoted” — 5 €.", "utf-16": " 東京."}
    text = f"Headline {marker}\n\n" + _prose(marker) + accents.get(encoding, " Naïve café.")
    if draw(st.booleans()):
        text = text.replace("four", "four\x07\x0b")  # stray control characters
    suffix = draw(st.sampled_from([".txt", ".md"]))
    return FileCase(
        f"{n}-{draw(st.sampled_from(ODD_NAMES))}{suffix}", text.encode(encoding), [marker]
    )


@st.composite
def html_file(draw, n: int) -> FileCase:
    marker = f"zq{n}marker"
    depth = draw(st.integers(0, 3000))
    broken = draw(st.booleans())
    body = "<div>" * depth + f"<p>{_prose(marker)}</p>" + ("" if broken else "</div>" * depth)
    extra = draw(st.sampled_from(["", "<script>evil()</script>", "<p onclick='x()'>", "<<<>>>"]))
    page = f"<html><head><title>Page {marker}</title></head><body>{extra}{body}</body></html>"
    return FileCase(f"{n}-page.html", page.encode(), [marker])


@st.composite
def jsonl_file(draw, n: int) -> FileCase:
    lines, markers = [], []
    for i in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            marker = f"zq{n}line{i}marker"
            record = {"id": f"f{n}-{i}", "title": f"Line {marker}", "text": _prose(marker)}
            lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
            markers.append(marker)
        else:
            lines.append(
                draw(
                    st.sampled_from(
                        [
                            '{"text": "unterminated',
                            "[1, 2]",
                            "{}",
                            "null",
                            '{"text": 5}',
                            "\x00\x01",
                            "",
                        ]
                    )
                )
            )
    return FileCase(f"{n}-records.jsonl", "\n".join(lines).encode(), markers)


@st.composite
def bad_file(draw, n: int) -> FileCase:
    kind = draw(st.sampled_from(["bytes", "empty", "json", "deep-json", "pdf", "spaces"]))
    data = {
        "bytes": draw(st.binary(min_size=1, max_size=3000)),
        "empty": b"",
        "json": b'{"title": "x", "text": ',
        "deep-json": b"[" * 100_000 + b"]" * 100_000,
        "pdf": b"%PDF-1.4 broken",
        "spaces": b" \n\t " * 100,
    }[kind]
    suffix = {"json": ".json", "deep-json": ".json", "pdf": ".pdf"}.get(
        kind, draw(st.sampled_from([".txt", ".md", ".html", ".jsonl", ".json"]))
    )
    return FileCase(f"{n}-bad-{kind}{suffix}", data, [])


@st.composite
def batches(draw) -> list[FileCase]:
    makers = [good_text_file, html_file, jsonl_file, bad_file]
    count = draw(st.integers(1, 8))
    return [draw(draw(st.sampled_from(makers))(n)) for n in range(count)]


@pytest.fixture(scope="module")
def ingestor(tmp_path_factory) -> Ingest:
    data = tmp_path_factory.mktemp("fuzz")
    settings = load_settings(data_dir=data, collection="fuzz", chunk_size=120, chunk_overlap=20)
    return Ingest(fake_app(settings))


SEEN: Counter[str] = Counter()  # outcomes over all generated batches, for the log
EXAMPLES = 150


@given(batch=batches())
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_file_gets_an_outcome_and_every_good_article_is_ingested(
    batch: list[FileCase], ingestor: Ingest, tmp_path_factory
) -> None:
    folder = tmp_path_factory.mktemp("batch")
    paths = []
    for case in batch:
        path = folder / case.name
        path.write_bytes(case.data)
        paths.append(path)
    report = ingestor.ingest([folder])  # must not raise
    assert set(report.outcomes) == {str(p.resolve()) for p in paths}
    failed = {name for name, _ in report.failed}
    for path, case in zip(paths, batch, strict=True):
        outcome = report.outcomes[str(path.resolve())]
        if outcome == "failed":
            assert str(path.resolve()) in failed, "a failure always says why"
        if case.markers:
            assert outcome.startswith(("ingested", "unchanged")), (case.name, report.failed)
    texts = " ".join(r.text + " " + r.title for r in ingestor.catalog.all())
    for case in batch:
        for marker in case.markers:
            assert marker in texts, (case.name, marker)
    assert all(reason.strip() for _, reason in report.failed)
    SEEN.update(outcome.split(",")[0] for outcome in report.outcomes.values())
    SEEN["batches"] += 1
    SEEN["good articles"] += sum(len(case.markers) for case in batch)


def test_fuzz_summary(record) -> None:
    """Runs after the property test above: logs what it generated."""
    assert SEEN["batches"] >= EXAMPLES
    record(
        "generated batches of good and bad files (hypothesis)",
        SEEN["batches"],
        {"file outcomes": dict(SEEN), "crashes": 0, "good articles missing": 0},
    )


def test_huge_inputs_get_a_clear_outcome_quickly(ingestor: Ingest, tmp_path, record) -> None:
    """A 50 MB file, a 10 MB line, and a JSONL whose one bad line is 10 MB long."""
    marker = "zqhugeokmarker"
    cases = {
        "fifty-mb.txt": ("A sentence about the economy and its markets. " * 1_100_000).encode(),
        "ten-mb-line.txt": b"word " * 2_000_000,
        "random-50mb.md": bytes(range(256)) * 200_000,
        "mixed.jsonl": (
            json.dumps({"id": "huge", "text": "x " * 5_000_000})
            + "\n"
            + json.dumps({"id": "fine", "title": marker, "text": _prose(marker)})
        ).encode(),
    }
    timings = {}
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        began = time.perf_counter()
        report = ingestor.ingest([path])
        timings[name] = {
            "MB": round(len(data) / 1e6, 1),
            "seconds": round(time.perf_counter() - began, 1),
            "outcome": report.outcomes[str(path.resolve())],
            "reason": "; ".join(r for _, r in report.failed)[:120],
        }
        assert timings[name]["seconds"] < 60
    assert timings["fifty-mb.txt"]["outcome"] == "failed"
    assert "too long" in timings["fifty-mb.txt"]["reason"]
    assert timings["mixed.jsonl"]["outcome"] == "ingested, with problems"
    assert ingestor.catalog.get("fine") is not None and ingestor.catalog.get("huge") is None
    record(
        "50 MB text file, 10 MB single line, 51 MB of bytes, JSONL with a 10 MB record", 4, timings
    )
