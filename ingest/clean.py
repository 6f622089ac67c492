"""Turn scraped pages, HTML and Markdown into plain article text.

Boilerplate (share prompts, comment forms, widget headers, hashtag lines) would
otherwise be indexed and retrieved as if it were news, and could be cited as a
source. Rules only ever drop a whole line that is nothing but such a prompt, so a
real sentence that merely mentions "share" or "comments" is kept.
"""

from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)

# A boilerplate line is never longer than this; longer lines are article prose.
_MAX_BOILERPLATE_CHARS = 300

# Each rule must match a whole line (after whitespace is collapsed and trimmed).
_BOILERPLATE_RULES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(rule, re.IGNORECASE)
    for rule in (
        r"source link",
        r"leave a (reply|comment)( cancel reply)?",
        r"(your )?email address will not be published\.?( required fields are marked \*)?",
        r"required fields are marked \*",
        r"(comment|name|email|website) \*|post comment|submit comment",
        r"save my name, email,? and website in this browser for the next time i comment\.?",
        r"impact shorts",
        r"(click to |tap to )?share( this| the)?( article| story| post| page| on \w+)?"
        r"( \(opens in new window\))?\W*",
        r"share (on|via|to) (facebook|twitter|x|whatsapp|linkedin|reddit|telegram|pinterest"
        r"|email|messenger|bluesky|threads)\b.{0,80}",
        r"click to (share|print|email) .{0,80}",
        r"(follow|like) us on .{0,80}",
        r"(sign up|subscribe|register) (for|to) (our|the) .{0,40}newsletters?\b.{0,80}",
        r"subscribe( now| today| here)?\W*",
        r"(advertisement|advertising|sponsored( content)?|ad)\W*",
        r"(story|article) continues below( advertisement)?\W*",
        r"(read more|also read|read also|see also|related|related (articles|stories|news)"
        r"|recommended|learn more|learn extra|more from \w+)\W*(:.{0,200})?",
        r"(\d+ )?comments?( \(\d+\))?\W*",
        r"(post|add|view|show|load|leave) (a |all |more )?comments?\W*",
        r"join the (conversation|discussion)\W*",
        r"print( this (article|page|story))?",
        r"email( this (article|page|story))?",
        r"(we|this (web)?site|our (web)?site) uses? cookies\b.{0,250}",
        r"by (continuing to )?(use|using|browsing) (this|our) (web)?site.{0,200}cookies.{0,100}",
        r"(accept|reject|allow|manage)( all)? cookies|cookie (policy|settings|preferences)",
        r"(©|\(c\)|copyright)\s*(©\s*)?\d{4}\b.{0,150}",
        r".{0,150}\ball rights reserved\.?",
        r"skip to (main )?content|back to top|toggle navigation",
        # A tags/metadata line: "#USA #Russia ..., 1739919178, the-slug-of-the-page".
        r"[,\s]*#\w+([\s,]+#\w+)+.*",
    )
) + (re.compile(r"More Shorts(?![a-z]).*"),)  # a "More Shorts" widget that runs into its text

_HTML_DROP_TAGS = [
    *("script", "style", "noscript", "template", "iframe", "svg", "form", "nav", "header"),
    *("footer", "aside", "button", "select", "input", "textarea", "object", "embed", "canvas"),
]
_HTML_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "main"}
    | {"ul", "ol", "dl", "table", "pre", "figure", "figcaption", "address", "hr"}
)
_HTML_LINE_TAGS = frozenset({"li", "tr", "br", "dt", "dd", "td", "th"})
_WIDGET_CLASS = re.compile(
    r"(^|[-_])(share|sharing|social|comments?|related|newsletter|cookies?|consent|"
    r"adverts?|advertisement|ads?|sponsored|promo|outbrain|taboola)([-_]|$)",
    re.IGNORECASE,
)
_HTMLISH = re.compile(r"<\s*(html|body|p|div|article|br|h[1-6])\b", re.IGNORECASE)


def clean_text(text: str, *, drop_boilerplate: bool = True) -> str:
    """Drop boilerplate lines, collapse whitespace, keep paragraphs.

    Output: paragraphs separated by one blank line, lines within a paragraph kept,
    no leading or trailing whitespace. Applying it twice changes nothing. With
    ``drop_boilerplate=False`` only layout is tidied (and punctuation-only lines dropped).
    """
    paragraphs: list[list[str]] = [[]]
    dropped = 0
    for raw in text.splitlines():
        line = re.sub(r"\s+", " ", raw).strip()
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
        elif not any(ch.isalnum() for ch in line) or (drop_boilerplate and is_boilerplate(line)):
            dropped += 1
        else:
            paragraphs[-1].append(line)
    if dropped:
        logger.debug("dropped %d boilerplate lines", dropped)
    return "\n\n".join("\n".join(lines) for lines in paragraphs if lines)


def is_boilerplate(line: str) -> bool:
    """True when the whole (trimmed) line is a page widget, not article prose."""
    if not any(ch.isalnum() for ch in line):
        return True  # lone punctuation such as ")" or "* * *"
    if len(line) > _MAX_BOILERPLATE_CHARS:
        return False
    return any(rule.fullmatch(line) for rule in _BOILERPLATE_RULES)


def looks_like_html(text: str) -> bool:
    """True for text that starts like markup and contains common HTML tags."""
    return text.lstrip().startswith("<") and _HTMLISH.search(text) is not None


def first_line_title(text: str, limit: int = 100) -> str:
    """The first non-empty line, cut at a word boundary to at most ``limit`` characters.

    Articles without a headline often start with a long lead sentence; a title is
    shown beside every cited passage and sent with it to the model, so keep it short.
    """
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0] if " " in line[:limit] else line[: limit - 1]
    return cut.rstrip(" ,;:-–—") + "…"


# Real pages have a few thousand tags; parsing costs about 20 us and 700 bytes per tag.
MAX_PARSED_TAGS = 50_000


def html_to_text(html: str) -> tuple[str | None, str, dict[str, str]]:
    """Extract (title, text, meta) from an HTML page; never raises on bad markup.

    Page furniture (scripts, navigation, share and comment widgets) is removed and
    the ``<article>`` or ``<main>`` element is preferred, so only the story remains.
    ``meta`` may hold "url" and "date" (raw strings, as the page gives them).
    """
    if html.count("<") > MAX_PARSED_TAGS:  # a tag bomb: parsing it would take minutes and GBs
        logger.warning(
            "HTML has over %d tags; extracting its text by stripping tags", MAX_PARSED_TAGS
        )
        return None, _strip_tags(html), {}
    try:
        return _html_to_text(html)
    except Exception:  # any parser failure falls back to stripping tags
        logger.warning("HTML could not be parsed; falling back to stripping tags", exc_info=True)
        return None, _strip_tags(html), {}


def _strip_tags(html: str) -> str:
    return re.sub(r"(?is)<(script|style)\b.*?</\1\s*>|<[^>]*>", " ", html)


def _html_to_text(html: str) -> tuple[str | None, str, dict[str, str]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = _html_title(soup)
    meta = _html_meta(soup)
    for tag in soup.find_all(["head", "title", *_HTML_DROP_TAGS]):
        # An article's own <header> holds its headline and byline: keep it.
        if tag.decomposed or (tag.name == "header" and tag.find_parent("article")):
            continue
        tag.decompose()
    for tag in soup.find_all(_is_widget):
        if not tag.decomposed and not tag.find(["article", "main", "h1"]):
            tag.decompose()
    articles = soup.find_all("article")
    root = max(articles, key=lambda a: len(a.get_text())) if articles else None
    root = root or soup.find("main") or soup
    return title, _tree_text(root), meta


def _is_widget(tag) -> bool:
    if tag.name in ("html", "body", "main", "article"):
        return False
    names = list(tag.get("class") or []) + [tag.get("id") or ""]
    return any(isinstance(n, str) and _WIDGET_CLASS.search(n) for n in names)


def _html_title(soup) -> str | None:
    og = soup.find("meta", attrs={"property": "og:title"})
    h1 = soup.find("h1")
    candidates = (
        soup.title.get_text() if soup.title else None,
        og.get("content") if og else None,
        h1.get_text(" ") if h1 else None,
    )
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            return re.sub(r"\s+", " ", candidate).strip()
    return None


def _html_meta(soup) -> dict[str, str]:
    meta: dict[str, str] = {}
    for key, found in (
        ("url", soup.find("link", rel="canonical")),
        ("url", soup.find("meta", attrs={"property": "og:url"})),
        ("source", soup.find("meta", attrs={"property": "og:site_name"})),
    ):
        if found is None:
            continue
        value = found.get("href") or found.get("content") or found.get("datetime")
        if key not in meta and isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    return meta


def _tree_text(root) -> str:
    """Text of ``root`` with block elements as paragraph breaks, walked without recursion."""
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    parts: list[str] = []
    stack: list[tuple[object, bool]] = [(root, False)]
    in_pre = 0
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, Tag):
            if node.name in _HTML_BLOCK_TAGS:
                parts.append("\n\n")
            elif node.name in _HTML_LINE_TAGS and leaving:
                parts.append("\n")
            if node.name == "pre":
                in_pre += -1 if leaving else 1
            if not leaving:
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            parts.append(str(node) if in_pre else re.sub(r"\s+", " ", str(node)))
    return re.sub(r"\n[ \t]*(?=\n)", "\n", "".join(parts)).strip()


def markdown_to_text(markdown: str) -> tuple[str | None, str, dict[str, str]]:
    """Extract (title, text, meta) from Markdown; meta comes from simple front matter.

    Markup characters (#, *, link syntax) would pollute search and answers, so
    they are removed while the words, paragraphs and code blocks are kept.
    """
    meta, body = _front_matter(markdown)
    headings: list[tuple[int, str]] = []
    lines: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        if re.match(r"\s*(```|~~~)", line):
            in_fence = not in_fence
            continue
        if in_fence:
            lines.append(line)
            continue
        heading = re.match(r"\s{0,3}(#{1,6})\s+(.*?)(\s+#+)?\s*$", line)
        if heading:
            text = _strip_inline(heading.group(2)).strip()
            headings.append((len(heading.group(1)), text))
            lines.extend(("", text, ""))  # a heading is a paragraph of its own
            continue
        if re.fullmatch(r"\s{0,3}([-*_])(\s*\1){2,}\s*", line):
            line = ""  # horizontal rule
        elif re.match(r"\s{0,3}\[[^\]]+\]:\s*\S+", line):
            continue  # reference-style link definition
        line = re.sub(r"^\s*(>\s?)+", "", line)
        line = re.sub(r"^\s*([-*+]|\d+[.)])\s+", "", line)
        lines.append(_strip_inline(line))
    titles = [text for _level, text in sorted(headings, key=lambda h: h[0]) if text]
    title = meta.pop("title", None) or (titles[0] if titles else None)
    return title, "\n".join(lines), meta


def _strip_inline(line: str) -> str:
    line = re.sub(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]", "", line)  # images
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]", r"\1\2", line)  # links
    line = re.sub(r"<(https?://[^>\s]+)>", r"\1", line)  # autolinks
    line = re.sub(r"`([^`]+)`", r"\1", line)  # inline code
    line = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", line)  # bold
    line = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", line)  # italic
    line = re.sub(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", r"\1", line)
    return re.sub(r"~~(.+?)~~", r"\1", line)


def _front_matter(markdown: str) -> tuple[dict[str, str], str]:
    """Split a leading ``---`` block of ``key: value`` lines from the body."""
    match = re.match(r"\A\s*---[ \t]*\n(.*?)\n(---|\.\.\.)[ \t]*(\n|\Z)", markdown, re.DOTALL)
    # Only "key: value" lines (with indented or "- " continuations) make front matter;
    # anything else means the document just opens with a horizontal rule.
    yaml_line = re.compile(r"\s*$|[\w-]+\s*:|\s+\S|-\s")
    if not match or not all(yaml_line.match(ln) for ln in match.group(1).split("\n")):
        return {}, markdown
    meta: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        pair = re.match(r"\s*(title|date|url|source)\s*:\s*(.*?)\s*$", line, re.IGNORECASE)
        if pair and pair.group(2):
            value = pair.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            meta[pair.group(1).lower()] = value
    return meta, markdown[match.end() :]
