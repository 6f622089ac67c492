"""The benchmark suite's own arithmetic: coverage of embedded text, scale versions, tables."""

from __future__ import annotations

from types import SimpleNamespace

from benchmarks import extraction, feed_scale, feed_scale_report
from benchmarks.common import percentile, table
from benchmarks.ingest_speed import _covered, read_points
from benchmarks.scale import versions
from tests.fakes import WordTokenizer


def test_overlapping_spans_are_counted_once() -> None:
    assert _covered([(0, 10), (5, 15), (20, 30)]) == 25
    assert _covered([(20, 30), (0, 10), (2, 4)]) == 20
    assert _covered([]) == 0


def test_the_model_reads_up_to_its_window() -> None:
    text = "one two three four five"
    assert read_points(text, WordTokenizer(), 2) == len("one two")
    assert read_points(text, WordTokenizer(), 50) == len(text)


def test_scale_versions_are_new_texts_from_real_paragraphs() -> None:
    def text(i: int) -> str:
        return "\n\n".join(f"Report {i}, paragraph {n}: " + "word " * 25 for n in range(20))

    records = [{"id": str(i), "title": f"T{i}", "source": "S", "text": text(i)} for i in range(3)]
    made = versions(records, 9)
    assert len({m["text"] for m in made}) == 9, "every version is text of its own"
    assert all(len(m["text"]) < len(records[0]["text"]) for m in made)
    assert {m["id"] for m in made} == {f"scale-{i:05d}" for i in range(9)}


def test_percentile_and_table() -> None:
    assert percentile([3, 1, 2, 4, 5], 0.5) == 3
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95) == 10
    assert table(["a", "b"], [[1, 2]]) == "| a | b |\n|---|---|\n| 1 | 2 |"


def test_every_extraction_page_is_marked_line_for_line() -> None:
    found = extraction.pages()
    assert len(found) >= 15
    for page in found:
        marked = [line for _, line in page.marks]
        assert marked == extraction.visible_lines(page.html), page.name
        assert any(mark == "+" for mark, _ in page.marks) or "boilerplate" in page.name


def test_the_extraction_score_counts_kept_boilerplate_and_lost_article_lines() -> None:
    page = extraction.Page(
        "p",
        "g",
        "",
        [("#", "Big news"), ("+", "The mayor said the bridge will open."), ("-", "Home")],
    )
    perfect = extraction.score(page, "Big news\nThe mayor said the bridge will open.")
    assert (perfect.boilerplate_kept, perfect.article_lost) == (0, 0)
    worst = extraction.score(page, "Home\nSport")
    assert (worst.boilerplate_kept, worst.article_lost) == (1, 1)
    inside = extraction.Page("p", "g", "", [("+", "Back home at last, he said."), ("-", "Home")])
    assert extraction.score(inside, "Back home at last, he said.").boilerplate_kept == 0


def _sent(path: str, status: int, etag: str | None = None) -> tuple:
    headers = {"If-None-Match": etag} if etag else {}
    return SimpleNamespace(path=path, headers=headers), SimpleNamespace(status_code=status)


def test_the_feed_benchmark_tells_conditional_requests_304s_and_pages_apart() -> None:
    sent = [
        _sent("/robots.txt", 404),
        _sent("/desks/a.xml", 304, '"v1"'),
        _sent("/desks/b.xml", 200, '"old"'),
        _sent("/desks/b/0", 200),
    ]
    assert feed_scale.tally(sent, {"/desks/a.xml", "/desks/b.xml"}) == {
        "requests": 4,
        "conditional": 2,
        "not_modified": 1,
        "pages": 1,
    }


def test_the_feed_section_says_whether_the_unchanged_update_met_its_target() -> None:
    steps = {"poll": 0.1, "fetch": 0.0, "extract": 0.0, "write": 0.0}
    unchanged = {"requests": 20, "conditional": 20, "not_modified": 20, "pages": 0}
    unchanged |= {"seconds": 0.1, "phases": steps}
    new = unchanged | {"requests": 71, "pages": 50, "articles": 50, "passages": 900}
    new |= {"pages_with_boilerplate": 0, "corpus": "rtqa-feb2024"}
    run = {
        "command": "python -m benchmarks.feed_scale --json x.json",
        "commit": "abc1234",
        "date": "2026-12-05",
        "machine": {"cores": 2, "python": "3.11.7"},
        "load_average_end": [0.5, 0.6, 0.7],
        "first": unchanged | {"requests": 83, "conditional": 0, "not_modified": 0, "pages": 60},
        "unchanged": unchanged,
        "new": new | {"characters": 300_000, "paragraphs": 900, "paragraphs_kept": 899},
        "cli": unchanged | {"wall_seconds": 3.2},
    }
    text = feed_scale_report.markdown(run)
    assert "**met**" in text and "| again, nothing new | 20 | 20 | 0 | 0 | 0 |" in text
    slow = run | {"unchanged": unchanged | {"seconds": 6.0}}
    assert "**missed**" in feed_scale_report.markdown(slow)
    assert "busy" not in text
    busy = run | {"machine": {"cores": 2, "python": "3.11.7", "load_average_1min": 2.1}}
    assert "**The machine was busy**: a load of 2.10 on 2 cores" in feed_scale_report.markdown(busy)


def test_the_feed_benchmark_counts_the_paragraphs_the_extractor_kept() -> None:
    stories = [("A", ["One  two.", "Three."]), ("B", ["Four."])]
    texts = {0: "A\n\nOne two.\n\nShare on Facebook", 1: "Five."}
    assert feed_scale.extracted(stories, texts) == {
        "characters": 20,
        "paragraphs": 3,
        "paragraphs_kept": 1,
        "pages_with_boilerplate": 1,
    }


def test_the_million_article_model_is_paced_by_its_slowest_stage() -> None:
    from benchmarks.scale_model import model

    figures = {
        "worker": {"articles_per_s": 2.0, "passages_per_article": 10.0},
        "chroma": {"passages_per_s_1_writers": 50.0, "passages_per_s_2_writers": 100.0},
        "catalog_articles_per_s": 40.0,
    }
    rows = {r["workers"]: r for r in model(figures)}
    assert rows[1]["bottleneck"] == "embedding (workers)" and rows[1]["articles_per_s"] == 2.0
    assert rows[4]["articles_per_s"] == 8.0
    assert rows[8]["bottleneck"] == "Chroma passage writes" and rows[8]["articles_per_s"] == 10.0
    assert rows[64]["hours"] == 1_000_000 / 10.0 / 3600
