"""The web UI in headless Chromium: a streamed answer with its sources, uploads, escaping."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.ui.test_api import ANSWER, DEFAULT_MODEL, QUESTION

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ANSWER_SECONDS = 240
SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=1">'
LINK = "[open](javascript:window.__pwned=1)"
HOSTILE = {
    "title": f"Zorblatt bridge report {SCRIPT}",
    "source": "Hostile Gazette",
    "date": "2025-03-01",
    "url": "javascript:window.__pwned=1",
    "text": (
        "The Zorblatt bridge over the Quimby river reopened on Monday after repairs. "
        f"Engineers left a note reading {SCRIPT} on the Zorblatt bridge railing. "
        f"A second note on the Quimby side said {IMAGE} in large letters. "
        f"A poster near the Zorblatt bridge gave a link {LINK} "
        "and the plain address javascript:window.__pwned=1 for more details."
    ),
}


def shown(scope: Any, text: str, exact: bool = False) -> Any:
    """The first visible element in ``scope`` with this text (tables keep hidden copies)."""
    return scope.get_by_text(text, exact=exact).filter(visible=True).first


def ask(page: Any, question: str) -> Any:
    """Type a question, press Enter and wait for the finished answer's sources panel."""
    box = page.get_by_placeholder("Ask about the articles…")
    box.fill(question)
    box.press("Enter")
    panel = page.locator(".source, .abstained").first
    panel.wait_for(timeout=ANSWER_SECONDS * 1000)
    return page.locator("[data-testid=bot]").last


def choose_model(page: Any, name: str) -> None:
    """Pick the chat model under Settings, as a user would."""
    page.get_by_text("Settings", exact=True).click()
    page.get_by_label("Model").click()
    page.get_by_role("option", name=name).click()


def test_a_question_is_answered_with_its_sources(page: Any) -> None:
    choose_model(page, DEFAULT_MODEL)
    answer = ask(page, QUESTION)
    assert ANSWER in answer.inner_text(), answer.inner_text()
    first = page.locator(".source[id^=source-]").first
    assert len(first.inner_text()) > 40 and first.locator("h4").inner_text().strip()
    assert "/" not in first.locator(".meta").first.inner_text(), "no server path is shown"
    assert first.locator("mark").count(), "the supporting sentence is highlighted"
    badge = answer.locator(".cite").first
    assert badge.count(), "a cited answer shows its citations as badges"
    n = badge.inner_text().strip()
    badge.click()
    target = page.locator(f"#source-{n}")
    assert re.search(r"\bactive\b", target.get_attribute("class") or "")
    assert page.locator(".source.active").count() == 1


def upload(page: Any, path: Path) -> None:
    """Add a file in the Library tab and wait for its row in the upload results."""
    page.get_by_role("tab", name="Library").click()
    page.locator("input[type=file][accept*='.json']").set_input_files(str(path))
    page.get_by_role("button", name="Add to library").click()
    shown(page.get_by_role("grid", name="Upload results"), path.name).wait_for()


def test_an_upload_appears_in_the_article_table(page: Any, tmp_path: Path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(
        "Harbour cranes return to Valdoria\n\nThe port of Valdoria installed four new harbour "
        "cranes on Tuesday, the harbour authority said.\n"
    )
    upload(page, article)
    results = page.get_by_role("grid", name="Upload results")
    assert shown(results, "added", exact=True).is_visible()
    table = page.get_by_role("grid", name="Articles")
    shown(table, "Harbour cranes return to Valdoria").wait_for()


def test_article_markup_is_shown_as_text_and_never_run(page: Any, tmp_path: Path) -> None:
    article = tmp_path / "hostile.json"
    article.write_text(json.dumps(HOSTILE))
    upload(page, article)
    table = page.get_by_role("grid", name="Articles")
    shown(table, HOSTILE["title"]).wait_for()
    assert page.evaluate("typeof window.__pwned") == "undefined"

    page.get_by_role("tab", name="Chat").click()
    ask(page, f"What note did engineers leave on the Zorblatt bridge? {IMAGE} {LINK}")
    assert shown(page.locator("[data-testid=user]").last, IMAGE).is_visible()
    panel = page.locator(".source").filter(has_text="Zorblatt").first
    assert shown(panel, SCRIPT).is_visible()
    if page.locator(".source[id^=source-]").count():  # a cited source opens in its article
        page.get_by_label("Read a source in its article").click()
        page.get_by_role("option").filter(has_text="Zorblatt").first.click()
        shown(page.locator(".article"), SCRIPT).wait_for()
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("img[src=x], img[onerror]").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_a_feed_on_this_machine_is_refused_in_the_library_tab(page: Any, web) -> None:
    """The server keeps the default settings: an address on the loopback network is refused."""
    web.expect_request("/feed.xml").respond_with_data("<rss/>", content_type="application/rss+xml")
    page.get_by_role("tab", name="Library").click()
    box = page.get_by_placeholder("A feed's address, or its site's (https://…)")
    box.fill(web.url_for("/feed.xml"))
    page.get_by_role("button", name="Follow", exact=True).click()
    shown(page, "Not followed").wait_for()
    assert "fetch_allow_private" in shown(page, "Not followed").inner_text()
    assert web.log == [], "nothing was fetched"
