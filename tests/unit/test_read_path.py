"""A question only reads: the stories are grouped by writers, never on a question's path."""

from __future__ import annotations

import json
from pathlib import Path

from rag.settings import Settings
from tests.fakes import ScriptedChatModel
from tests.harness import Ingest, fake_app


def _articles(folder: Path, *texts: str) -> Path:
    path = folder / "articles.jsonl"
    lines = [json.dumps({"id": f"a{n}", "title": f"T{n}", "text": t}) for n, t in enumerate(texts)]
    path.write_text("\n".join(lines))
    return path


def test_a_question_never_regroups_the_stories(settings: Settings, tmp_path: Path) -> None:
    model = ScriptedChatModel("The talks in Riyadh lasted four and a half hours [1].")
    app = fake_app(settings, model=model)
    text = "The talks in Riyadh lasted four and a half hours, officials said on Tuesday. " * 3
    Ingest(app).ingest([_articles(tmp_path, text)])
    assert not app.stories.stale(), "the writer grouped the stories after its write"
    app.catalog.bump_generation()  # as if another process had written since
    app.answers.ask("How long did the talks in Riyadh last?")
    assert app.stories.stale(), "the question read the stories as they were"
    app.stories.up_to_date()
    assert not app.stories.stale()
