"""The article catalog kept on the Chroma server, for app processes that share one server.

It answers to :class:`rag.index.catalog.Catalog` like the SQLite catalog of a
single machine, so the index writer, the retriever and the UI use either. Every
article is one record of the collection ``<collection>-catalog``: its cleaned
text as the document, its other fields as metadata. The collection's own
settings (the generation, the chunking signature, the mark of an unfinished
write) are records of kind ``meta``.

The generation is a random number, replaced by every change: a process that
keeps something derived from the passages (its BM25 index) compares it with the
one it built from, and an equal number means nothing changed since.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from rag.index.catalog import CHANGES_KEPT, ArticleRecord, content_version

_PAGE = 1000
_NO_VECTOR = [0.0]  # records are found by id and metadata, never by similarity
_ARTICLE = {"kind": "article"}
_CHANGE = {"kind": "change"}
_FIELDS = [f.name for f in fields(ArticleRecord) if f.name != "text"]


@dataclass(frozen=True)
class Ticket:
    """A writer's place in the queue for the collection (``rag.index.shared_lock``)."""

    name: str
    number: int
    choosing: bool
    beat: int


def _article_key(article_id: str) -> str:
    return f"article:{article_id}"


def _meta_key(key: str) -> str:
    return f"meta:{key}"


class ChromaCatalog:
    """The catalog of one collection, stored beside its passages on a Chroma server."""

    def __init__(self, client: Any, collection: str, path: Path) -> None:
        self.path = path  # local: this machine's write lock lives beside it
        path.parent.mkdir(parents=True, exist_ok=True)
        self._records = client.get_or_create_collection(
            name=f"{collection}-catalog", embedding_function=None
        )

    def close(self) -> None:
        """Nothing to release: the client belongs to the caller."""

    def get(self, article_id: str) -> ArticleRecord | None:
        key = _article_key(article_id)
        found = self._records.get(ids=[key], include=["documents", "metadatas"])
        return _records(found)[0] if found["ids"] else None

    def all(self) -> list[ArticleRecord]:
        records = _records(self._pages(_ARTICLE, ["documents", "metadatas"]))
        return sorted(records, key=lambda r: (r.title, r.id))

    def for_path(self, source_path: str) -> list[ArticleRecord]:
        where = {"$and": [_ARTICLE, {"source_path": source_path}]}
        return _records(self._records.get(where=where, include=["documents", "metadatas"]))

    def paths(self) -> set[str]:
        return {m["source_path"] for m in self._metadatas()}

    def put(self, record: ArticleRecord) -> None:
        self.put_many([record])

    def put_many(self, records: list[ArticleRecord]) -> None:
        """Many rows in one request: what a window of an ingest writes."""
        now = time.time()
        metadatas = [
            _metadata(
                {name: getattr(r, name) for name in _FIELDS} | {"ingested_at": now} | _ARTICLE
            )
            for r in records
        ]
        for i in range(0, len(records), _PAGE):
            part = slice(i, i + _PAGE)
            self._records.upsert(
                ids=[_article_key(r.id) for r in records[part]],
                documents=[r.text for r in records[part]],
                metadatas=metadatas[part],
                embeddings=[_NO_VECTOR] * len(records[part]),
            )

    def set_file_sha(self, article_ids: Iterable[str], file_sha256: str) -> None:
        keys = [_article_key(a) for a in article_ids]
        if not keys:
            return
        found = self._records.get(ids=keys, include=["metadatas"])
        if found["ids"]:
            updated = [m | {"file_sha256": file_sha256} for m in found["metadatas"]]
            self._records.update(ids=found["ids"], metadatas=updated)

    def delete(self, article_id: str) -> None:
        self._records.delete(ids=[_article_key(article_id)])

    def generation(self) -> int:
        return int(self.get_meta("generation") or 0)

    def bump_generation(self) -> None:
        self.set_meta("generation", str(random.getrandbits(62) + 1))

    def log_changes(self, article_ids: Iterable[str]) -> None:
        changed = sorted(set(article_ids))
        if not changed:
            return
        seq = self.change_seq() + 1
        self._records.upsert(
            ids=[f"change:{seq:012d}"],
            documents=[json.dumps(changed)],
            metadatas=[{"kind": "change", "seq": seq}],
            embeddings=[_NO_VECTOR],
        )
        self.set_meta("change_seq", str(seq))
        if seq > CHANGES_KEPT and seq % 100 == 0:
            floor = seq - CHANGES_KEPT
            self.set_meta("change_floor", str(floor))
            self._records.delete(where={"$and": [_CHANGE, {"seq": {"$lte": floor}}]})

    def change_seq(self) -> int:
        return int(self.get_meta("change_seq") or 0)

    def changes_since(self, seq: int) -> tuple[int, set[str]] | None:
        if seq < int(self.get_meta("change_floor") or 0):
            return None
        found = self._pages({"$and": [_CHANGE, {"seq": {"$gt": seq}}]}, ["documents", "metadatas"])
        changed = {a for document in found["documents"] for a in json.loads(document)}
        return max((m["seq"] for m in found["metadatas"]), default=seq), changed

    def article_ids(
        self, source: str | None = None, since: date | None = None, until: date | None = None
    ) -> set[str]:
        """Ids of the articles whose source contains ``source`` and whose date is in range."""
        chosen = set()
        for metadata in self._metadatas():
            day = (metadata.get("date") or "")[:10]
            if source and source.lower() not in metadata["source"].lower():
                continue
            if (since or until) and not day:
                continue
            if (since and day < since.isoformat()) or (until and day > until.isoformat()):
                continue
            chosen.add(metadata["id"])
        return chosen

    def versions(self, article_ids: Iterable[str] | None = None) -> dict[str, str]:
        if article_ids is None:
            metadatas = self._metadatas()
        else:
            keys = sorted({_article_key(a) for a in article_ids})
            metadatas = []
            for i in range(0, len(keys), _PAGE):
                found = self._records.get(ids=keys[i : i + _PAGE], include=["metadatas"])
                metadatas += found["metadatas"]
        return {m["id"]: content_version(m["content_sha256"]) for m in metadatas}

    def integrity_problems(self) -> list[str]:
        """The server keeps its own database sound; nothing to check from here."""
        return []

    def get_meta(self, key: str) -> str | None:
        found = self._records.get(ids=[_meta_key(key)], include=["metadatas"])
        return found["metadatas"][0]["value"] if found["ids"] else None

    def set_meta(self, key: str, value: str) -> None:
        self._records.upsert(
            ids=[_meta_key(key)],
            documents=[""],
            metadatas=[{"kind": "meta", "value": value}],
            embeddings=[_NO_VECTOR],
        )

    def delete_meta(self, key: str) -> None:
        self._records.delete(ids=[_meta_key(key)])

    def put_ticket(self, ticket: Ticket) -> None:
        values = {"kind": "ticket", "name": ticket.name, "number": ticket.number}
        values |= {"choosing": ticket.choosing, "beat": ticket.beat}
        self._records.upsert(
            ids=[f"ticket:{ticket.name}"],
            documents=[""],
            metadatas=[values],
            embeddings=[_NO_VECTOR],
        )

    def tickets(self) -> list[Ticket]:
        found = self._records.get(where={"kind": "ticket"}, include=["metadatas"])["metadatas"]
        return [Ticket(m["name"], m["number"], m["choosing"], m["beat"]) for m in found]

    def drop_ticket(self, name: str) -> None:
        self._records.delete(ids=[f"ticket:{name}"])

    def _metadatas(self) -> list[dict[str, Any]]:
        return self._pages(_ARTICLE, ["metadatas"])["metadatas"]

    def _pages(self, where: dict, include: list[str]) -> dict[str, list]:
        """Every record matching ``where``, read a page at a time."""
        merged: dict[str, list] = {"ids": [], "documents": [], "metadatas": []}
        offset = 0
        while True:
            page = self._records.get(where=where, include=include, limit=_PAGE, offset=offset)
            if not page["ids"]:
                return merged
            for key in merged:
                merged[key] += page.get(key) or []
            offset += len(page["ids"])


def _metadata(values: dict[str, Any]) -> dict[str, Any]:
    """Chroma stores no None values: absent means None."""
    return {key: value for key, value in values.items() if value is not None}


def _records(found: dict[str, list]) -> list[ArticleRecord]:
    return [
        ArticleRecord(
            **{name: metadata.get(name) for name in _FIELDS},
            text=text,
        )
        if "passages" in metadata
        else ArticleRecord(  # written before passages were called passages
            **{name: metadata.get(name) for name in _FIELDS if name != "passages"},
            passages=metadata.get("chunks", 0),
            text=text,
        )
        for text, metadata in zip(found["documents"], found["metadatas"], strict=True)
    ]
