"""How well a web page's article is found: trafilatura against newsqa's former cleaner.

Every page in ``benchmarks/data/pages/`` has a ``.marks`` file beside it: each
visible line of the page, marked by hand ``+`` (article text: its paragraphs,
subheadings, standfirst and photo captions), ``-`` (boilerplate: menus, share
bars, ads, related links, comments, newsletter and cookie prompts, footers) or
``#`` (neither, not counted: the headline, which newsqa keeps as the title, and
the byline, date and sign-off lines). An extractor's output is
compared line by line: the share of boilerplate lines it kept and the share of
article lines it lost (a line counts as kept when its words appear, in order,
in the output; longer lines are matched first, so a short menu word inside an
article sentence is not counted as kept menu).

Three sets of pages: the five sample articles (``data/articles``, each line made
a paragraph of a page), news pages written for this benchmark after the markup
of real news sites (a wire agency, a public broadcaster, a WordPress local paper,
a national daily, a regional paper with a paywall, a news agency), and the HTML
pages of the test suite (read from the tests, marked here).

    python -m benchmarks.extraction            # the table
    python -m benchmarks.extraction --draft P  # a page's lines, for marking by hand
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from benchmarks.common import banner, table
from ingest.clean import clean_text, html_to_text
from ingest.extract import page_to_text

PAGES = Path(__file__).resolve().parent / "data" / "pages"
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "articles"
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "blockquote"}
_BLOCKS |= {"header", "footer", "section", "article", "aside", "nav", "main", "td", "th", "tr"}
_BLOCKS |= {"ul", "ol", "address", "form", "label", "time", "button", "figure", "br", "dt", "dd"}
_HIDDEN = {"script", "style", "head", "noscript", "template", "input", "textarea", "select"}


@dataclass(frozen=True)
class Page:
    name: str
    group: str
    html: str
    marks: list[tuple[str, str]]  # (mark, line)


@dataclass
class Score:
    boilerplate: int = 0
    boilerplate_kept: int = 0
    article: int = 0
    article_lost: int = 0

    def add(self, other: Score) -> None:
        self.boilerplate += other.boilerplate
        self.boilerplate_kept += other.boilerplate_kept
        self.article += other.article
        self.article_lost += other.article_lost

    def shares(self) -> tuple[str, str]:
        kept = self.boilerplate_kept / self.boilerplate if self.boilerplate else 0.0
        lost = self.article_lost / self.article if self.article else 0.0
        return (
            f"{kept:.1%} ({self.boilerplate_kept} of {self.boilerplate})",
            f"{lost:.1%} ({self.article_lost} of {self.article})",
        )


def _former_cleaner(html: str) -> str:
    return clean_text(html_to_text(html)[1])


def _trafilatura(precision: bool) -> Callable[[str], str]:
    def extract(html: str) -> str:
        from trafilatura import bare_extraction

        found = bare_extraction(
            html, include_comments=False, favor_precision=precision, with_metadata=False
        )
        return (found.text or "") if found is not None else ""

    return extract


def _newsqa(html: str) -> str:
    return clean_text(page_to_text(html)[1])


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "former cleaner (tag walk + line rules)": _former_cleaner,
    "trafilatura, default": _trafilatura(False),
    "trafilatura, favor_precision": _trafilatura(True),
    "newsqa now (trafilatura precision + line rules)": _newsqa,
}


def visible_lines(html: str) -> list[str]:
    """The lines a reader sees: text grouped by block elements, scripts and head left out."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(html)
    parts: list[str] = []

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _HIDDEN:
            parts.append(_tail(element))
            return
        block = tag in _BLOCKS  # other elements are set apart by a space, as a page shows them
        parts.append("\n" if block else " ")
        parts.append(_flat(element.text))
        for child in element:
            walk(child)
        parts.append("\n" if block else " ")
        parts.append(_tail(element))

    walk(root)
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if any(ch.isalnum() for ch in line)]


def _tail(element) -> str:
    return _flat(element.tail)


def _flat(text: str | None) -> str:
    """Text as a browser lays it out: a line break in the source is a space."""
    return re.sub(r"\s+", " ", text or "")


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def score(page: Page, output: str, misses: list[str] | None = None) -> Score:
    """Which marked lines the output kept, longest first, each occurrence used once.

    ``misses`` collects the boilerplate lines kept and the article lines lost.
    """
    remaining = f" {_words(output)} "
    result = Score()
    for mark, line in sorted(page.marks, key=lambda m: -len(_words(m[1]))):
        words = _words(line)
        kept = bool(words) and f" {words} " in remaining
        if kept:  # a headline or byline is used up too, so no shorter line matches inside it
            remaining = remaining.replace(f" {words} ", " | ", 1)
        if mark == "#" or not words:
            continue
        if mark == "+":
            result.article += 1
            result.article_lost += not kept
        else:
            result.boilerplate += 1
            result.boilerplate_kept += kept
        if misses is not None and kept == (mark == "-"):
            misses.append(f"{page.name}: {'kept' if kept else 'lost'} {mark} {line[:90]}")
    return result


def read_marks(path: Path) -> list[tuple[str, str]]:
    marks = []
    for line in path.read_text().splitlines():
        if line.strip():
            mark, text = line[0], line[2:]
            if mark not in "+-#":
                raise ValueError(f"{path.name}: a line must start with + - or #: {line!r}")
            marks.append((mark, text))
    return marks


def sample_page(text: str) -> str:
    """A sample article as a web page would carry it: each of its lines a paragraph."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    body = "".join(f"<p>{escape(line)}</p>\n" for line in lines)
    head = f"<head><title>{escape(lines[0])}</title></head>"
    return f"<html>{head}<body><article>{body}</article></body></html>"


def test_pages() -> dict[str, str]:
    """The test suite's HTML pages, read from the tests themselves (their marks are here)."""
    from tests.newsroom import BOILERPLATE_ONLY, BRIDGE, article_page
    from tests.unit.test_loaders import PAGE
    from tests.unit.test_published import _page

    bridge = "https://harbourtimes.example/news/bridge-closes"
    return {
        "test-loaders-page": PAGE,
        "test-published-page": _page(byline='<p class="byline">By Jane Doe | 18 February 2025</p>'),
        "test-newsroom-article": article_page(
            "Harbour Bridge to close for repairs", BRIDGE, bridge, site="Harbour Times"
        ),
        "test-newsroom-boilerplate": BOILERPLATE_ONLY,
    }


def pages() -> list[Page]:
    found = []
    tests = test_pages()
    for marks in sorted(PAGES.glob("*.marks")):
        stem = marks.stem
        if stem.startswith("sample-"):
            html = sample_page((SAMPLES / f"{stem.removeprefix('sample-')}.txt").read_text())
            group = "sample articles"
        elif stem in tests:
            html, group = tests[stem], "test pages"
        else:
            html, group = (PAGES / f"{stem}.html").read_text(), "news pages"
        found.append(Page(stem, group, html, read_marks(marks)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draft", type=Path, help="print a page's visible lines to mark")
    parser.add_argument("--misses", choices=EXTRACTORS, help="list one extractor's wrong lines")
    args = parser.parse_args()
    if args.draft:
        html = args.draft.read_text()
        if args.draft.suffix == ".txt":
            html = sample_page(html)
        for line in visible_lines(html):
            print(f"? {line}")
        return
    found = pages()
    if args.misses:
        misses: list[str] = []
        for page in found:
            score(page, EXTRACTORS[args.misses](page.html), misses)
        print("\n".join(misses))
        return
    banner()
    groups = sorted({p.group for p in found})
    counts = ", ".join(f"{sum(p.group == g for p in found)} {g}" for g in groups)
    print(f"{len(found)} hand-marked pages: {counts}\n")
    rows = []
    for name, extract in EXTRACTORS.items():
        for group in [*groups, "all"]:
            subtotal = Score()
            for page in (p for p in found if group in (p.group, "all")):
                subtotal.add(score(page, extract(page.html)))
            rows.append([name, group, *subtotal.shares()])
    print(table(["extractor", "pages", "boilerplate lines kept", "article lines lost"], rows))


if __name__ == "__main__":
    main()
