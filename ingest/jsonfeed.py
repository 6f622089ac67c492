"""JSON Feed (https://jsonfeed.org, versions 1 and 1.1), which feedparser does not read.

Its items map onto the same entries as RSS and Atom: ``url`` (or ``external_url``)
is the address, ``id`` the key, ``content_html``/``content_text`` the article.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urljoin

from ingest.feed_entry import FULL_CONTENT_WORDS, Entry
from rag.dates import parse_date

VERSION_PREFIX = "https://jsonfeed.org/version/"


def is_json_feed(document: Any) -> bool:
    return isinstance(document, dict) and str(document.get("version", "")).startswith(
        VERSION_PREFIX
    )


def json_feed_entries(document: dict, url: str) -> list[Entry]:
    entries = []
    for item in document.get("items") or []:
        if not isinstance(item, dict):
            continue
        link = _text(item.get("url")) or _text(item.get("external_url"))
        link = urljoin(url, link) if link else None
        key = _text(item.get("id")) or link
        if not key:
            continue
        content = _text(item.get("content_html"))
        if not content and (plain := _text(item.get("content_text"))):
            content = "".join(f"<p>{escape(p)}</p>" for p in plain.split("\n\n") if p.strip())
        if content and len(content.split()) < FULL_CONTENT_WORDS:
            content = None  # a teaser: the page has the article
        published = parse_date(_text(item.get("date_published")) or "")
        entries.append(
            Entry(
                key=key,
                link=link,
                title=_text(item.get("title")),
                published=published[:10] if published else None,
                content=content,
            )
        )
    return entries


def _text(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value.strip() or None if isinstance(value, str) else None
