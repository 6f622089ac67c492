"""Print the state of a data directory as JSON: ``python -m tests.reliability.state DATA_DIR``.

Two directories with the same state answer every question the same way: the
same articles at the same versions, the same passages, a keyword index over
exactly those passages.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rag.index.keyword import KeywordIndex
from rag.index.sqlite_catalog import SqliteCatalog as Catalog
from rag.index.store import ChromaStore
from rag.index.stories import StoryIndex
from rag.settings import load_settings


def state(data_dir: Path) -> dict:
    settings = load_settings(data_dir=data_dir)
    catalog = Catalog(settings.catalog_path)
    store = ChromaStore(settings.chroma_dir, settings.collection)
    stored = store.passage_versions()
    keyword = KeywordIndex.load(settings.keyword_dir)
    stories = StoryIndex(settings.stories_path, store, catalog, embedder=None)  # only read
    return {
        "articles": dict(sorted(catalog.versions().items())),
        "catalog_chunks": sum(r.passages for r in catalog.all()),
        "chunks": {c: list(v) for c, v in sorted(stored.items())},
        "chunk_count": store.count(),
        "keyword_ids": sorted(keyword.ids) if keyword else None,
        "keyword_current": keyword is not None and keyword.seq == catalog.change_seq(),
        "interrupted": catalog.get_meta("write_in_progress"),
        "stories": sorted(sorted(s.article_ids) for s in stories.stories()),
        "stories_current": stories.generation == str(catalog.generation()),
    }


if __name__ == "__main__":
    print(json.dumps(state(Path(sys.argv[1]))))
