"""The corpus a dataset's questions are about: a JSONL file, or a folder of articles.

A JSONL corpus has one document a line (``id``, ``text``, optional ``title``,
``date``, ``url``, ``source``). A folder holds article files as ``newsqa ingest``
reads them (text, Markdown, HTML, JSON, PDF); each file's name is its document
id, or ``name#n`` for the n-th article of a file that holds several.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ingest.loaders import load_file
from ingest.planner import discover
from rag.errors import InputFileError, NewsqaError


def read_corpus(path: Path, use_titles: bool) -> list[dict[str, Any]]:
    """Corpus records; titles dropped unless asked for, since datasets often use them as labels
    (e.g. "RGB positive passage for question 3") that would leak the answer."""
    records = _folder(path) if path.is_dir() else _jsonl(path)
    if not use_titles:
        for record in records:
            record.pop("title", None)
    return records


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise NewsqaError(f"Corpus file not found: {path}")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except ValueError as exc:
                raise NewsqaError(f"{path}, line {number}: invalid JSON ({exc})") from exc
    return records


def _folder(path: Path) -> list[dict[str, Any]]:
    files, _ = discover([path])
    records = []
    for file in files:
        try:
            articles = load_file(file).articles
        except InputFileError:
            continue
        for n, article in enumerate(articles):
            records.append(
                {
                    "id": file.name if len(articles) == 1 else f"{file.name}#{n}",
                    "title": article.title,
                    "text": article.text,
                    "source": article.source,
                    "date": article.date,
                    "url": article.url,
                }
            )
    return records


def corpus_texts(path: Path) -> dict[str, str]:
    """Each corpus document's text under its id, the id questions name in ``gold_doc_ids``."""
    return {
        str(record["id"]): record["text"]
        for record in read_corpus(path, use_titles=False)
        if record.get("id") is not None and isinstance(record.get("text"), str)
    }


def corpus_collection(corpus: Path) -> str:
    """Each corpus gets its own collection, named after its content, so reruns reuse it."""
    if not corpus.exists():
        raise NewsqaError(f"Corpus not found: {corpus}")
    if corpus.is_file():
        return f"eval-{hashlib.sha256(corpus.read_bytes()).hexdigest()[:16]}"
    digest = hashlib.sha256()
    for file in sorted(p for p in corpus.rglob("*") if p.is_file()):
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return f"eval-{digest.hexdigest()[:16]}"
