"""What a collection holds, for a brief of all of it: the leads of its main stories.

"Summarize the articles" and "what's in the news" are about no topic a search
could match; the words "summarize the articles" are in no article. A brief of
the collection is built from its stories (the copies and rewrites of one
report, see ``rag.index.stories``): the more outlets carried a story, the more
it matters, and the newer, the more it is news. Each story contributes the
lead of its newest article (the first passage: a news report's most important
facts come first), and of those the first chosen are far apart in meaning, so
the brief covers distinct stories before it repeats one.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from rag.dates import article_day
from rag.index.catalog import Catalog
from rag.index.store import ChromaStore, passage_id
from rag.index.stories import StoryIndex
from rag.timeframes import Period
from rag.types import Passage

CANDIDATES = 40  # stories looked at, largest and newest first
NEAR = 0.75  # leads at least this alike are of one topic: the second waits


def collection_leads(
    stories: StoryIndex | None,
    catalog: Catalog,
    store: ChromaStore,
    limit: int,
    period: Period | None = None,
) -> list[Passage]:
    """The leads of up to ``limit`` main stories (of ``period``, if given), most important
    first."""
    records = {r.id: r for r in catalog.all()}
    groups = stories.current().stories() if stories is not None else []
    placed = {a for story in groups for a in story.article_ids}
    members = [list(s.article_ids) for s in groups] + [[a] for a in records if a not in placed]
    ranked: list[tuple[int, date, str]] = []
    for articles in members:
        dated = [(article_day(records[a].date) or date.min, a) for a in articles if a in records]
        if period is not None:
            dated = [(d, a) for d, a in dated if period.start <= d <= period.end]
        if dated:
            day, newest = max(dated)
            ranked.append((len(articles), day, newest))
    ranked.sort(key=lambda item: (item[1], item[0]), reverse=True)  # newest, then largest
    ranked = sorted(ranked[:CANDIDATES], key=lambda item: (item[0], item[1]), reverse=True)
    ids = [passage_id(article, 0) for _, _, article in ranked]
    leads = store.get(ids)
    return _far_apart(leads, store.vectors([p.passage_id for p in leads]), limit)


def _far_apart(leads: list[Passage], vectors: dict[str, list[float]], limit: int) -> list[Passage]:
    """In order, but a lead close to one already taken waits until the others are taken."""
    taken: list[Passage] = []
    waiting: list[Passage] = []
    for lead in leads:
        vector = np.asarray(vectors.get(lead.passage_id, []))
        close = any(
            vector.size and float(vector @ np.asarray(vectors[t.passage_id])) >= NEAR
            for t in taken
            if t.passage_id in vectors
        )
        (waiting if close else taken).append(lead)
    return (taken + waiting)[:limit]
