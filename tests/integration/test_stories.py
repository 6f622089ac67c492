"""Stories on a planted corpus, with the real embedding model and a real Chroma on disk.

The corpus (tests/data/stories) holds one wire report with a verbatim copy, a
trimmed copy and a paraphrase, an independent report of the same event, a later
report on it and another story from the same town: the copies must form one
story, and nothing else may join it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.integration.conftest import NewsqaRunner
from tests.reliability.conftest import run_newsqa, snapshot

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"
EXPECTED = json.loads((STORIES / "planted-expected.json").read_text())


def _partition(stories: list[dict]) -> list[list[str]]:
    return sorted(sorted(a["article_id"] for a in s["articles"]) for s in stories)


def _expected(without: set[str] = frozenset()) -> list[list[str]]:
    groups = [sorted(set(group) - without) for group in EXPECTED["stories"]]
    return sorted(g for g in groups if g)


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """The planted corpus, one article per JSON file, so single articles can be removed."""
    folder = tmp_path / "planted"
    folder.mkdir()
    for line in (STORIES / "planted.jsonl").read_text().splitlines():
        article = json.loads(line)
        (folder / f"{article['id']}.json").write_text(json.dumps(article))
    return folder


def _stories(newsqa: NewsqaRunner) -> list[dict]:
    result = newsqa("stories", "--all", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_copies_and_paraphrases_form_one_story_and_nothing_else_joins(newsqa, planted) -> None:
    assert newsqa("ingest", str(planted)).exit_code == 0
    stories = _stories(newsqa)
    assert _partition(stories) == _expected()
    wire = next(s for s in stories if len(s["articles"]) > 1)
    days = [a["date"] for a in wire["articles"]]
    assert days == sorted(days), "oldest first"
    listed = newsqa("stories")
    assert "Coast Daily" in listed.output and "Talvik Herald" not in listed.output
    assert "1 story, 4 articles" in listed.output


def test_stories_follow_additions_changes_and_removals(newsqa, planted, tmp_path) -> None:
    held_back = tmp_path / "held-back"
    held_back.mkdir()
    for name in ("ferry-copy", "ferry-paraphrase"):
        shutil.move(planted / f"{name}.json", held_back / f"{name}.json")
    assert newsqa("ingest", str(planted)).exit_code == 0
    assert _partition(_stories(newsqa)) == _expected({"ferry-copy", "ferry-paraphrase"})

    # A new copy joins the existing story; the others are not placed again.
    shutil.move(held_back / "ferry-copy.json", planted / "ferry-copy.json")
    assert newsqa("ingest", str(planted)).exit_code == 0
    assert _partition(_stories(newsqa)) == _expected({"ferry-paraphrase"})

    # Removing the article that started the story keeps its other versions together.
    assert newsqa("remove", "ferry-wire").exit_code == 0
    assert _partition(_stories(newsqa)) == _expected({"ferry-paraphrase", "ferry-wire"})

    # An article rewritten into another story leaves its old one.
    trimmed = json.loads((planted / "ferry-trimmed.json").read_text())
    budget = json.loads((planted / "talvik-budget.json").read_text())
    trimmed["text"] = budget["text"] + " The vote was twelve to three."
    (planted / "ferry-trimmed.json").write_text(json.dumps(trimmed))
    (planted / "ferry-wire.json").unlink()
    assert newsqa("ingest", str(planted)).exit_code == 0
    partition = _partition(_stories(newsqa))
    assert ["ferry-copy"] in partition and ["ferry-trimmed", "talvik-budget"] in partition


@pytest.mark.long  # a story file damaged at rest is repaired in every make test
def test_a_kill_while_stories_are_placed_is_repaired_by_the_next_run(planted, tmp_path) -> None:
    data = tmp_path / "data"
    crashed = run_newsqa(data, "ingest", str(planted), NEWSQA_CRASH_AT="placed-story-article:4")
    assert crashed.returncode == -9, crashed.stderr
    assert snapshot(data)["stories"] == [], "the half-done refresh was rolled back"
    listed = run_newsqa(data, "stories", "--all", "--json")
    assert listed.returncode == 0, listed.stderr
    assert _partition(json.loads(listed.stdout)) == _expected()


def test_stories_grouped_under_other_rules_are_grouped_again(newsqa, planted, monkeypatch) -> None:
    from rag.index import rewrites, stories

    assert newsqa("ingest", str(planted)).exit_code == 0
    monkeypatch.setattr(stories, "RULES", stories.RULES + "|stricter")
    monkeypatch.setattr(stories, "COPY_JACCARD", 0.95)  # no copy here is that close
    monkeypatch.setattr(rewrites, "SENTENCE_SHARE", 1.01)
    assert _partition(_stories(newsqa)) == sorted(
        [a] for group in EXPECTED["stories"] for a in group
    )


def test_a_damaged_story_file_is_grouped_again(newsqa, planted) -> None:
    assert newsqa("ingest", str(planted)).exit_code == 0
    [story_file] = (newsqa.data_dir / "stories").glob("*.sqlite3")
    story_file.write_bytes(b"not a database" * 100)
    assert _partition(_stories(newsqa)) == _expected()
