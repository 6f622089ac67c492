"""The other articles that carry a cited text: one report's copies, named.

A wire story republished by five outlets is one report, not five. Each citation
names the article the model read and lists the other articles of its story that
carry the same supporting text word for word (case and punctuation aside), so
an answer "found in five articles" shows that it rests on one report.
"""

from __future__ import annotations

import re

from rag.index.catalog import Catalog
from rag.index.stories import StoryIndex
from rag.types import ArticleRef, Citation


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


class Copies:
    """Finds, for a cited text, the other articles of its story that carry it."""

    def __init__(self, stories: StoryIndex, catalog: Catalog) -> None:
        self.stories = stories
        self.catalog = catalog

    def annotate(self, citations: list[Citation]) -> None:
        """Set each citation's story and the other articles carrying its supporting text."""
        stories = self.stories.current()
        for citation in citations:
            citation.story_id = stories.story_of(citation.article_id)
            if citation.story_id is None:
                continue
            wanted = _words(citation.supporting_text)
            for other in stories.members(citation.story_id):
                record = self.catalog.get(other) if other != citation.article_id else None
                if record is not None and wanted and wanted in _words(record.text):
                    citation.also_in.append(
                        ArticleRef(
                            article_id=record.id,
                            title=record.title,
                            source=record.source,
                            date=record.date,
                        )
                    )
