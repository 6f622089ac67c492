"""Which stored passages count: those of the article version the catalog holds.

A passage carries its article's content version; the catalog row names the
current one. Passages of another version, or of an article the catalog does
not hold, are left over from an interrupted write: never shown, and deleted by
the next writer's repair.
"""

from __future__ import annotations

from collections import Counter

from rag.index.catalog import ArticleRecord
from rag.index.passages import PassageCut


def sort_passages(
    versions: dict[str, str], stored: dict[str, tuple[str, str | None]]
) -> tuple[list[str], Counter[str]]:
    """(ids of passages no catalogued article version owns, count of valid passages per article)."""
    orphans: list[str] = []
    present: Counter[str] = Counter()
    for stored_id, (article, version) in stored.items():
        if version is not None and versions.get(article) == version:
            present[article] += 1
        else:
            orphans.append(stored_id)
    return orphans, present


def passage_metadata(record: ArticleRecord, cut: PassageCut, version: str) -> dict:
    """What a passage carries beside its text: its article, place, version, and for filters."""
    return {
        "article_id": record.id,
        "chunk_index": cut.index,  # the stored name; existing indexes stay readable
        "start": cut.start,
        "end": cut.end,
        "title": record.title,
        "source": record.source,
        "url": record.url,
        "date": record.date,
        "version": version,
    }
