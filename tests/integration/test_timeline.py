"""`newsqa timeline`: a story's dated events, oldest first, on the real embedder and Chroma."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).parents[1] / "data" / "dated" / "articles.jsonl"


def test_a_story_is_told_in_the_order_it_happened(newsqa) -> None:
    assert newsqa("ingest", str(CORPUS)).exit_code == 0
    began = time.perf_counter()
    result = newsqa("timeline", "Harbour Bridge repairs", "--json")
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    days = [e["day"] for e in events]
    assert days == sorted(days), "oldest first"
    said = [e["text"] for e in events]
    closed = next(i for i, t in enumerate(said) if t.startswith("A storm damaged"))
    longer = next(i for i, t in enumerate(said) if t.startswith("Repairs to the Harbour Bridge"))
    assert events[closed]["day"] == "2024-11-02", "'on Saturday' read from 4 November 2024"
    assert events[longer]["day"] == "2024-11-19" and closed < longer
    assert all(e["published"] in ("2024-11-04", "2024-11-20") for e in events), "no race events"
    assert time.perf_counter() - began < 30, "no model call per event"

    table = newsqa("timeline", "Harbour Bridge repairs")
    assert "2 November 2024" in table.stdout and "Storm damages Harbour" in table.stdout
    assert "No dated events" in newsqa("timeline", "volcano eruption in Iceland").stdout
