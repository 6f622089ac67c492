"""A web page's article: main text, title, outlet and address, found by trafilatura.

trafilatura is built for exactly this (and measured against other extractors by
its authors); newsqa's own tag walk in ``clean.html_to_text`` stays only as the
fallback for a page trafilatura finds no text in, so a page is never lost for
want of a heuristic. ``benchmarks/extraction.py`` measures both on hand-marked
pages. The publication date is read separately (``published.html_published_date``,
through htmldate), the same way for every page.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from ingest.clean import MAX_PARSED_TAGS, html_to_text

logger = logging.getLogger(__name__)

# Short pages fall to trafilatura's baseline, which runs every block into one line and keeps
# share-button text; favouring precision keeps blocks apart and drops those (see the benchmark).
FAVOR_PRECISION = True
# Fewer words than this is a menu item ("Home") taken for the article: the fallback decides.
MIN_WORDS = 5
_LIST_MARK = re.compile(r"^- (?=\S)")  # trafilatura's text marks list items so


def page_to_text(html: str, url: str | None = None) -> tuple[str | None, str, dict[str, str]]:
    """(title, text, meta) of an HTML page; ``meta`` may hold "url" and "source".

    ``url`` is where the page was fetched from: trafilatura prefers the page's
    canonical address, and falls back to this one. Never raises on bad markup.
    """
    if html.count("<") > MAX_PARSED_TAGS:  # a tag bomb: the fallback strips tags instead
        return html_to_text(html)
    extracted = _trafilatura(html, url)
    if extracted is None or len(extracted[1].split()) < MIN_WORDS:
        logger.debug("trafilatura found no article text; using the fallback cleaner")
        title, text, meta = html_to_text(html)
        if url and "url" not in meta:
            meta["url"] = url
        return title, text, meta
    return extracted


def _trafilatura(html: str, url: str | None) -> tuple[str | None, str, dict[str, str]] | None:
    from trafilatura import bare_extraction

    try:
        document = bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=FAVOR_PRECISION,
            deduplicate=False,
        )
    except Exception:  # a page trafilatura cannot read goes to the fallback
        logger.debug("trafilatura failed on a page", exc_info=True)
        return None
    if document is None:
        return None
    blocks = (_LIST_MARK.sub("", line) for line in (document.text or "").splitlines())
    text = "\n\n".join(block for block in blocks if block.strip())  # a block, a paragraph
    meta: dict[str, str] = {}
    address = _web_address(document.url) or _web_address(url)
    if address:
        meta["url"] = address
    site = (document.sitename or "").strip()
    if site and site.lower().removeprefix("www.") not in _host_names(address):
        meta["source"] = site  # an outlet's own name; a bare host is left to the loader
    title = re.sub(r"\s+", " ", document.title or "").strip() or None
    return title, text, meta


def _host_names(address: str | None) -> set[str]:
    """The forms of an address's host that trafilatura gives as a site name when none is set."""
    parts = urlsplit(address or "")
    names = {parts.hostname or "", parts.netloc.lower()}
    return {name.removeprefix("www.") for name in names if name}


def _web_address(value: str | None) -> str | None:
    """An absolute http(s) address, or None (a page's canonical link may be relative or odd)."""
    if not value:
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.hostname else None
