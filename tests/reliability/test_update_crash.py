"""kill -9 during ``newsqa update``: a re-run ends as a clean update, with no duplicates."""

from __future__ import annotations

import sqlite3
from html import escape
from pathlib import Path

import pytest

from rag.settings import load_settings
from tests.conftest import SAMPLE_ARTICLES
from tests.newsroom import article_page
from tests.reliability.conftest import run_newsqa, snapshot

pytestmark = [pytest.mark.reliability, pytest.mark.slow]

CRASH_POINTS = [
    ("embedded-batch", 2),  # embedding, some articles written
    ("stored-passages", 3),  # Chroma write done, catalog row not yet
    ("cataloged-article", 2),  # catalog row written, generation not bumped
    ("before-file-hash", 1),
    ("indexed-feed-articles", 1),  # every article in, the feeds' state not yet saved
]
BATCH = {"NEWSQA_EMBED_BATCH_SIZE": "4"}


@pytest.fixture
def crash_site(web) -> list[str]:
    """Two feeds: 10 entries whose pages hold the sample articles' paragraphs, 2 carried whole."""
    paragraphs = [
        p for path in sorted(SAMPLE_ARTICLES.iterdir()) for p in path.read_text().split("\n\n")
    ]
    paragraphs = [p for p in paragraphs if len(p) > 200]
    base = web.url_for("/").rstrip("/")
    items, entries = [], []
    for n in range(12):
        chosen = [paragraphs[(n * 4 + k) % len(paragraphs)] for k in range(4)]
        address = f"{base}/story/{n}"
        if n < 10:
            page = article_page(f"Story {n}", chosen, address, site="Crash Courier")
            web.expect_request(f"/story/{n}").respond_with_data(page, content_type="text/html")
            items.append(f"<item><title>Story {n}</title><link>{address}</link></item>")
        else:
            body = escape("".join(f"<p>{p}</p>" for p in chosen))
            entries.append(
                f'<entry><title>Story {n}</title><id>urn:{n}</id><link href="{address}"/>'
                f'<content type="html">{body}</content></entry>'
            )
    rss = (
        f'<rss version="2.0"><channel><title>Crash Courier</title>{"".join(items)}</channel></rss>'
    )
    atom = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>{"".join(entries)}</feed>'
    for path, body, kind in (("/rss.xml", rss, "rss"), ("/atom.xml", atom, "atom")):
        web.expect_request(path).respond_with_data(
            body, content_type=f"application/{kind}+xml", headers={"ETag": f'"{kind}-1"'}
        )
    return [f"{base}/rss.xml", f"{base}/atom.xml"]


def _followed(data: Path, feeds: list[str]) -> None:
    added = run_newsqa(data, "feeds", "add", *feeds)
    assert added.returncode == 0, added.stderr


def _feed_state(data: Path) -> dict:
    database = sqlite3.connect(load_settings(data_dir=data).feeds_path)
    entries = sorted(database.execute("SELECT feed_url, key, address FROM entries").fetchall())
    etags = sorted(database.execute("SELECT url, etag FROM feeds").fetchall())
    database.close()
    return {"entries": entries, "etags": etags}


def _clean(tmp_path: Path, feeds: list[str]) -> tuple[dict, dict]:
    data = tmp_path / "clean" / "data"
    _followed(data, feeds)
    done = run_newsqa(data, "update", **BATCH)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "12 added" in done.stdout
    return snapshot(data), _feed_state(data)


def _check_crash(tmp_path: Path, feeds: list[str], point: str, nth: int, clean, state) -> None:
    data = tmp_path / f"{point}-{nth}" / "data"
    _followed(data, feeds)
    crashed = run_newsqa(data, "update", NEWSQA_CRASH_AT=f"{point}:{nth}", **BATCH)
    assert crashed.returncode == -9, f"{point}:{nth} was not reached: {crashed.stderr}"
    rerun = run_newsqa(data, "update", **BATCH)
    assert rerun.returncode == 0, rerun.stderr + rerun.stdout
    after = snapshot(data)
    assert after["articles"] == clean["articles"], "the same 12 articles, none twice"
    assert after["chunks"] == clean["chunks"] and after["chunk_count"] == clean["chunk_count"]
    assert after["keyword_ids"] == sorted(after["chunks"]) and after["interrupted"] is None
    assert _feed_state(data) == state, "every entry recorded once, the feeds' ETags saved"
    again = run_newsqa(data, "update", **BATCH)
    assert "0 added, 0 updated" in again.stdout and "2 feeds polled with 2 requests" in again.stdout


@pytest.mark.long  # one of the points test_kill_at_every_kind_of_write_of_an_update kills at
def test_a_kill_between_the_index_write_and_the_catalog_row(crash_site, tmp_path) -> None:
    clean, state = _clean(tmp_path, crash_site)
    _check_crash(tmp_path, crash_site, "stored-passages", 3, clean, state)


@pytest.mark.long
def test_kill_at_every_kind_of_write_of_an_update(crash_site, tmp_path, record) -> None:
    clean, state = _clean(tmp_path, crash_site)
    for point, nth in CRASH_POINTS:
        _check_crash(tmp_path, crash_site, point, nth, clean, state)
    record(
        "SIGKILL at a named point of a feed update (embed, Chroma write, catalog, feed state)",
        len(CRASH_POINTS),
        {"articles": len(clean["articles"]), "all_equal_clean": True},
    )
