"""The README's UI screenshots: a real ``newsqa serve`` answering one question.

    .venv/bin/python -m benchmarks.screenshot [--out docs/ui-answer.png]
    .venv/bin/python -m benchmarks.screenshot --stories --out docs/ui-stories.png

Starts the server (default model) on a fresh data directory holding the dated
example articles (tests/data/dated), or with ``--stories`` the planted story
corpus (tests/data/stories: copies of one report and reports that disagree),
asks the question in headless Chromium, opens "sources differ" if shown, and
saves the page with the answer and its sources.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [ROOT / "tests" / "data" / "dated" / "articles.jsonl"]
QUESTION = "How long will the Harbour Bridge repairs take?"
STORIES = [
    ROOT / "tests" / "data" / "stories" / name for name in ("planted.jsonl", "conflicts.jsonl")
]
STORIES_QUESTION = "How many people died when the Sea Lark ferry capsized?"
CHROMIUM = "/usr/bin/chromium"
PORT = 7869


def newsqa(*args: str, env: dict[str, str]) -> subprocess.Popen:
    command = [sys.executable, "-c", "from ui.cli import main; main()", *args]
    return subprocess.Popen(command, env=env, cwd=ROOT)


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "ui-answer.png")
    parser.add_argument("--stories", action="store_true", help="the story corpus and question")
    args = parser.parse_args()
    articles, question = (STORIES, STORIES_QUESTION) if args.stories else (ARTICLES, QUESTION)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as data_dir:
        env = os.environ | {"NEWSQA_DATA_DIR": data_dir}
        if newsqa("ingest", *map(str, articles), env=env).wait() != 0:
            raise SystemExit("ingest failed")
        server = newsqa("serve", "--host", "127.0.0.1", "--port", str(PORT), env=env)
        try:
            url = f"http://127.0.0.1:{PORT}/"
            wait_for(url, 180)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.set_default_timeout(180_000)
                page.goto(url)
                box = page.get_by_placeholder("Ask about the articles…")
                box.fill(question)
                box.press("Enter")
                page.locator(".source, .abstained").first.wait_for()
                if page.locator(".differ summary").count():
                    page.locator(".differ summary").first.click()
                page.wait_for_timeout(1000)
                page.screenshot(path=str(args.out), full_page=True)
                browser.close()
        finally:
            server.terminate()
            server.wait(30)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
