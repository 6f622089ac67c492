"""HTML for the web UI: answers with citation badges, their sources, whole articles.

Articles come from anywhere (scraped pages, uploads), so every piece of article
or answer text is escaped here before it reaches the browser; nothing in an
article can add markup, scripts or links of its own.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlparse

from rag.answer.prompt import ABSTAIN_TEXT
from rag.index.catalog import Catalog
from rag.timeline import Event
from rag.types import Answer, Citation, Disagreement, Passage, Sentence, StoryView

_MARKER = re.compile(r"\[(\d+)\]")
_SAFE_SCHEMES = frozenset({"http", "https"})

CSS = """
.cite { display:inline-block; min-width:1.3em; padding:0 .35em; margin-left:.15em;
  border-radius:.7em; background:#2563eb; color:#fff; font-size:.75em; line-height:1.5em;
  text-align:center; vertical-align:super; }
.unsupported { text-decoration: line-through #b45309; color: #6b7280; }
.source { border:1px solid #d1d5db; border-radius:.5em; padding:.6em .8em; margin-bottom:.6em; }
.source h4 { margin:0 0 .2em 0; }
.source .meta { color:#6b7280; font-size:.85em; margin-bottom:.4em; }
.source mark, .article mark { background:#fde68a; }
.abstained { color:#92400e; font-weight:600; }
.article { white-space:pre-wrap; max-height:32em; overflow-y:auto; }
.message .cite { cursor:pointer; }
.source.active { outline:2px solid #2563eb; background:#eff6ff; }
.differ-badge { display:inline-block; padding:0 .5em; border-radius:.7em; background:#b45309;
  color:#fff; font-size:.75em; line-height:1.6em; cursor:pointer; }
.differ { border:1px solid #f59e0b; border-radius:.5em; padding:.5em .8em; margin-bottom:.6em; }
.differ summary { list-style:none; }
.claims { display:grid; grid-template-columns:repeat(auto-fit, minmax(12em, 1fr)); gap:.6em;
  margin-top:.5em; }
.claim { border-left:3px solid #f59e0b; padding-left:.5em; }
.also-in { color:#6b7280; font-size:.85em; margin-top:.3em; }
.story { margin-bottom:.8em; }
"""

# Clicking a citation badge in the chat brings its source into view and outlines it.
# A badge carries only its number (the chat's sanitizer keeps no data attributes).
SCRIPT = """
() => {
  document.addEventListener("click", (event) => {
    const badge = event.target.closest(".message .cite");
    if (!badge) return;
    const n = badge.textContent.trim();
    if (!/^\\d+$/.test(n)) return;
    const source = document.getElementById("source-" + n);
    if (!source) return;
    document.querySelectorAll(".source.active").forEach((el) => el.classList.remove("active"));
    source.classList.add("active");
    source.scrollIntoView({ block: "nearest", behavior: "smooth" });
  });
}
"""


def badges(text: str) -> str:
    """Escaped text whose [n] markers become small numbered badges."""
    return _MARKER.sub(r'<span class="cite">\1</span>', escape(text))


def answer_html(answer: Answer) -> str:
    """The answer as shown in the chat: badges for citations, unsupported sentences marked."""
    if answer.abstained or not answer.sentences:
        return escape(answer.answer)
    parts = [sentence_html(sentence) for sentence in answer.sentences]
    differ = '<span class="differ-badge" title="See the sources">sources differ</span>'
    if answer.bullets and len(parts) > 1:
        return _points(parts) + (differ if answer.disagreements else "")
    if answer.disagreements:
        parts.append(differ)
    return " ".join(parts)


def _points(parts: list[str]) -> str:
    """The points of a list or a brief, one a line."""
    return "<ul>" + "".join(f"<li>{part}</li>" for part in parts) + "</ul>"


def sentence_html(sentence: Sentence) -> str:
    """One checked sentence: badges for citations; struck through if unsupported."""
    shown = sentence.text
    if sentence.citations and not _MARKER.search(shown):  # a repaired citation
        shown += "".join(f" [{n}]" for n in sentence.citations)
    if sentence.supported:
        return badges(shown)
    return (
        '<span class="unsupported" title="Not supported by the cited sources">'
        f"{badges(shown)}</span>"
    )


def streaming_html(sentences: list[Sentence], points: bool = False) -> str:
    """The sentences checked so far, while the model writes the next."""
    parts = [sentence_html(s) for s in sentences]
    waiting = '<span class="meta">…</span>'
    return _points([*parts, waiting]) if points else " ".join([*parts, waiting])


def safe_link(url: str | None, label: str) -> str:
    """A link only for http(s) URLs; anything else (javascript:, data:) is shown as text."""
    if url and urlparse(url.strip()).scheme.lower() in _SAFE_SCHEMES:
        return (
            f'<a href="{escape(url.strip(), quote=True)}" target="_blank" '
            f'rel="noopener noreferrer nofollow">{escape(label)}</a>'
        )
    return escape(label)


def highlight(text: str, start: int | None, end: int | None) -> str:
    """Escaped text with text[start:end] wrapped in <mark> (if the span lies inside it)."""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return escape(text)
    return f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}"


def _meta(source: str, date: str | None, url: str | None) -> str:
    bits = [escape(source)]
    bits.append(f'<span class="date">{escape(date[:10]) if date else "undated"}</span>')
    if url:
        bits.append(safe_link(url, "link"))
    return " · ".join(bits)


def _citation_html(citation: Citation, catalog: Catalog | None) -> str:
    start = end = None
    if citation.support_start is not None and citation.support_end is not None:
        start, end = citation.support_start - citation.start, citation.support_end - citation.start
    body = highlight(citation.text, start, end)
    if "<mark>" not in body and catalog is not None:  # the support lies outside the passage
        record = catalog.get(citation.article_id)
        if record is not None:
            body += _support_quote(record.text, citation)
    return (
        f'<div class="source" id="source-{citation.n}">'
        f'<h4><span class="cite">{citation.n}</span> {escape(citation.title)}</h4>'
        f'<div class="meta">{_meta(citation.source, citation.date, citation.url)}</div>'
        f"<div>{body}</div>{_also_in_html(citation)}</div>"
    )


def _also_in_html(citation: Citation) -> str:
    """The other articles carrying the cited text: one report, however many outlets."""
    if not citation.also_in:
        return ""
    count = len(citation.also_in)
    names = ", ".join(
        f'<span title="{escape(a.title, quote=True)}">{escape(a.source)}</span>'
        for a in citation.also_in
    )
    plural = "article" if count == 1 else "articles"
    return f'<div class="also-in">The same text is also in {count} other {plural}: {names}</div>'


def _disagreement_html(disagreement: Disagreement, answer: Answer) -> str:
    """A "sources differ" badge that opens the claims side by side, each with its source."""
    by_number = {c.n: c for c in answer.citations}
    claims = []
    for claim in disagreement.claims:
        cited = by_number.get(claim.citation)
        meta = _meta(cited.source, cited.date, None) if cited else ""
        claims.append(
            f'<div class="claim"><span class="cite">{claim.citation}</span> '
            f'{escape(claim.text)}<div class="meta">{meta}</div></div>'
        )
    return (
        '<details class="differ"><summary><span class="differ-badge">sources differ</span> '
        f"{escape(disagreement.about)}</summary>"
        f'<div class="claims">{"".join(claims)}</div></details>'
    )


def _support_quote(article: str, citation: Citation) -> str:
    start, end = citation.support_start or 0, citation.support_end or 0
    if not 0 <= start < end <= len(article):
        return ""
    return f"<div><mark>{escape(article[start:end])}</mark></div>"


def _related_html(passage: Passage) -> str:
    return (
        '<div class="source">'
        f"<h4>{escape(passage.title)}</h4>"
        f'<div class="meta">{_meta(passage.source, passage.date, passage.url)}</div>'
        f"<div>{escape(passage.text)}</div></div>"
    )


def render_sources_html(answer: Answer | None, catalog: Catalog | None = None) -> str:
    """The sources panel: each cited passage with its supporting sentence marked.

    An abstention says so plainly and lists the closest passages as "related",
    never as sources, so nobody mistakes them for evidence of an answer.
    """
    if answer is None:
        return '<p class="meta">Sources of the answer appear here.</p>'
    if answer.abstained:
        related = "".join(_related_html(p) for p in answer.related)
        heading = "<h4>Related passages (they do not answer the question)</h4>" if related else ""
        return f'<p class="abstained">{escape(ABSTAIN_TEXT)}</p>{heading}{related}'
    parts = [_disagreement_html(d, answer) for d in answer.disagreements]
    parts += [_citation_html(c, catalog) for c in answer.citations]
    if any(not s.supported for s in answer.sentences):
        parts.append(
            '<p class="meta"><span class="unsupported">Struck-through</span> sentences are not '
            "supported by their sources.</p>"
        )
    return "".join(parts) or '<p class="meta">This answer cites no sources.</p>'


def render_article_html(catalog: Catalog, article_id: str, start: int, end: int) -> str:
    """The whole article, with the cited passage highlighted, so it can be read in context."""
    record = catalog.get(article_id)
    if record is None:
        return '<p class="meta">This article is no longer in the library.</p>'
    return (
        f"<h3>{escape(record.title)}</h3>"
        f'<div class="meta">{_meta(record.source, record.date, record.url)}</div>'
        f'<div class="article">{highlight(record.text, start, end)}</div>'
    )


def render_stories_html(stories: list[StoryView]) -> str:
    """The stories with more than one version: their articles, outlets and dates."""
    if not stories:
        return '<p class="meta">No article has a copy or a rewrite in the library yet.</p>'
    rows = []
    for story in stories:
        items = "".join(
            f"<li>{escape(a.title)}"
            f'<div class="meta">{_meta(a.source, a.date, None)} · {escape(a.article_id)}</div></li>'
            for a in story.articles
        )
        count = len(story.articles)
        versions = "version" if count == 1 else "versions"
        rows.append(
            f'<div class="story"><b>{count} {versions} of one report</b><ul>{items}</ul></div>'
        )
    return "".join(rows)


def render_timeline_html(events: list[Event]) -> str:
    """A story's events, oldest first: the day, what happened, and the article it is from."""
    if not events:
        return '<p class="meta">No dated events about this in the articles.</p>'
    rows = []
    for event in events:
        how = "" if event.dated_by == "text" else ' <span class="meta">(published)</span>'
        rows.append(
            '<li class="event">'
            f'<span class="date">{escape(event.label)}</span>{how}: {escape(event.text)}'
            f'<div class="meta">{escape(event.title)} · '
            f"{_meta(event.source, event.published, None)}</div></li>"
        )
    return f'<ol class="timeline">{"".join(rows)}</ol>'
