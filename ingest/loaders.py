"""Read one article file (text, Markdown, HTML, JSON, JSONL or PDF) into articles.

A file that cannot be used at all raises InputFileError with a reason a user can
act on. A collection file (JSON array, JSONL) with a few bad records still yields
its good records, and the bad ones are listed in ``problems`` so nothing is lost
silently.
"""

from __future__ import annotations

import io
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ingest.clean import clean_text, first_line_title, looks_like_html, markdown_to_text
from ingest.decode import decode_bytes, normalize_text
from ingest.extract import page_to_text
from ingest.published import html_published_date, text_published_date
from rag.dates import parse_date
from rag.errors import InputFileError

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".pdf"}
)
MAX_DATED_PAGE_CHARS = 2_000_000  # larger pages (tag bombs) are not parsed for a date
NO_TEXT_MESSAGE = "no article text found (nothing is left after removing markup and boilerplate)"
_PROBLEMS_IN_MESSAGE = 3


@dataclass(frozen=True)
class LoadedArticle:
    text: str
    title: str
    source: str
    id: str | None = None
    url: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class LoadResult:
    articles: list[LoadedArticle]
    problems: list[str]


def load_file(path: Path) -> LoadResult:
    """Load every article in ``path``; raise InputFileError if the file is unusable."""
    path = Path(path)
    if path.is_dir():
        raise InputFileError("is a directory, not a file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "(no extension)"
        raise InputFileError(f"unsupported file type {shown}")
    data = _read(path)
    if not data.strip():
        raise InputFileError("empty file")
    source = path.name  # shown to readers when the article names no outlet
    if suffix == ".pdf":
        return _load_pdf(data, source)
    text = decode_bytes(data, check_binary=suffix != ".jsonl")
    if not text.strip():
        raise InputFileError("empty file")
    if suffix in (".json", ".jsonl"):
        return _load_json(text, source, one_per_line=suffix == ".jsonl")
    title, meta, raw = None, {}, text
    if suffix in (".html", ".htm"):
        title, text, meta = page_to_text(text)
    elif suffix in (".md", ".markdown"):
        title, text, meta = markdown_to_text(text)
    if not meta.get("date"):  # never the file's modification time: the article's own words
        meta["date"] = page_date(raw) if suffix in (".html", ".htm") else text_published_date(raw)
    return LoadResult([_article(text, source, title=title, meta=meta)], [])


def page_date(html: str) -> str | None:
    """A web page's publication date, unless the page is too big to parse for it."""
    return html_published_date(html) if len(html) <= MAX_DATED_PAGE_CHARS else None


def page_article(
    html: str,
    address: str,
    *,
    date: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
) -> LoadedArticle:
    """A fetched web page (or a feed entry's content) as an article.

    The page's canonical address, headline, outlet and date win; ``date``,
    ``title`` and ``outlet`` (a feed entry's, its feed's name) stand in where the
    page gives none, then the address's site for the outlet.
    """
    found_title, text, meta = page_to_text(html, address)
    meta.setdefault("url", address)
    meta["date"] = page_date(html) or date
    if outlet and not meta.get("source"):
        meta["source"] = outlet
    return _article(text, _host(address) or address, title=found_title or title, meta=meta)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputFileError("file not found") from exc
    except IsADirectoryError as exc:
        raise InputFileError("is a directory, not a file") from exc
    except PermissionError as exc:
        raise InputFileError("permission denied: the file cannot be read") from exc
    except OSError as exc:
        raise InputFileError(f"the file cannot be read ({exc.strerror or exc})") from exc


def _article(
    body: str,
    default_source: str,
    *,
    title: str | None = None,
    meta: dict[str, str] | None = None,
    article_id: str | None = None,
    empty_message: str = NO_TEXT_MESSAGE,
    given_text: bool = False,
) -> LoadedArticle:
    text = clean_text(body)
    if not text and given_text:
        # A record's text was given as the article itself: never discard all of it.
        text = clean_text(body, drop_boilerplate=False)
    if not text:
        raise InputFileError(empty_message)
    meta = meta or {}
    return LoadedArticle(
        text=text,
        title=_one_line(title) or first_line_title(text),
        source=_one_line(meta.get("source")) or _host(meta.get("url")) or default_source,
        id=article_id,
        url=_one_line(meta.get("url")),
        date=parse_date(meta.get("date")),
    )


def _host(url: str | None) -> str | None:
    """The site of an article's URL ("www.reuters.com"), to name its outlet."""
    host = urlsplit(url.strip()).hostname if url else None
    return host or None


def _one_line(value: str | None) -> str | None:
    return (re.sub(r"\s+", " ", value).strip() or None) if value else None


def _load_json(text: str, source: str, *, one_per_line: bool) -> LoadResult:
    entries: list[tuple[str, Any]] = []
    problems: list[str] = []
    if one_per_line:
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                entries.append((f"line {number}", _parse_json(line, position=False)))
            except InputFileError as exc:
                problems.append(f"line {number}: {exc}")
    else:
        document = _parse_json(text, position=True)
        if isinstance(document, dict):
            return LoadResult([record_article(document, source)], [])
        if not isinstance(document, list):
            raise InputFileError("JSON must be an object or a list of objects")
        entries = [(f"record {n}", item) for n, item in enumerate(document, start=1)]
    articles: list[LoadedArticle] = []
    first_label_of_id: dict[str, str] = {}
    for label, record in entries:
        try:
            article = record_article(record, source)
        except InputFileError as exc:
            problems.append(f"{label}: {exc}")
            continue
        if article.id is not None and article.id in first_label_of_id:
            first = first_label_of_id[article.id]
            problems.append(f"{label}: duplicate id '{article.id}' (also in {first}); skipped")
            continue
        if article.id is not None:
            first_label_of_id[article.id] = label
        articles.append(article)
    if not articles:
        raise InputFileError(_no_records_message(problems))
    for problem in problems:
        logger.debug("%s: %s", source, problem)
    return LoadResult(articles, problems)


def _parse_json(text: str, *, position: bool) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f" at line {exc.lineno}, column {exc.colno}" if position else ""
        raise InputFileError(f"invalid JSON ({exc.msg}{where})") from exc
    except (ValueError, RecursionError) as exc:  # huge numbers, absurd nesting
        raise InputFileError(f"invalid JSON ({exc or 'nested too deeply'})") from exc


def _no_records_message(problems: list[str]) -> str:
    if not problems:
        return "no articles in the file"
    shown = "; ".join(problems[:_PROBLEMS_IN_MESSAGE])
    more = len(problems) - _PROBLEMS_IN_MESSAGE
    return f"no usable records ({shown}{f'; and {more} more' if more > 0 else ''})"


def record_article(record: Any, default_source: str) -> LoadedArticle:
    """One JSON record: ``text`` required; ``id``, ``title``, ``date``, ``url``, ``source``."""
    if not isinstance(record, dict):
        raise InputFileError("not a JSON object")
    if "text" not in record:
        raise InputFileError("no 'text' field")
    text = record["text"]
    if not isinstance(text, str):
        raise InputFileError("'text' is not a string")
    record_id = record.get("id")
    if isinstance(record_id, bool) or not isinstance(record_id, str | int | float | None):
        raise InputFileError("'id' must be a string or a number")
    title, meta = None, {}
    text = normalize_text(text)
    if looks_like_html(text):
        raw = text
        title, text, meta = page_to_text(text)
        meta["date"] = page_date(raw)
    given = {key: _scalar(record.get(key)) for key in ("title", "date", "url", "source")}
    meta.update({key: value for key, value in given.items() if value and key != "title"})
    return _article(
        text,
        default_source,
        title=given["title"] or title,
        meta=meta,
        article_id=None if record_id is None else (str(record_id).strip() or None),
        empty_message="'text' is empty",
        given_text=True,
    )


def _scalar(value: Any) -> str | None:
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _load_pdf(data: bytes, source: str) -> LoadResult:
    if b"%PDF-" not in data[:1024]:
        raise InputFileError("not a PDF file (the PDF header is missing)")
    problems: list[str] = []
    pages: list[str] = []
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputFileError("the PDF is password-protected")
        title = reader.metadata.title if reader.metadata else None
        for number, page in enumerate(reader.pages, start=1):
            try:
                pages.append(normalize_text(page.extract_text() or "").strip())
            except Exception as exc:  # a damaged page should not cost the other pages
                problems.append(f"page {number}: text could not be extracted ({exc})")
    except InputFileError:
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        raise InputFileError(f"the PDF cannot be opened ({type(exc).__name__}: {exc})") from exc
    if not any(page.strip() for page in pages):
        raise InputFileError("no text could be extracted from the PDF (it may be a scanned image)")
    if not isinstance(title, str) or re.search(r"untitled|\.(docx?|pdf|indd)$", title, re.I):
        title = None
    body = "\n\n".join(pages)
    return LoadResult([_article(body, source, title=title)], problems)
