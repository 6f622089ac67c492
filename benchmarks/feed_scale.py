"""Feeds at scale: twenty feeds polled again with nothing new, then a feed of fifty new articles.

A server on 127.0.0.1 that counts what it receives serves twenty feeds of the
test newsroom (``tests/newsroom.py``: ten RSS 2.0, ten Atom, three entries
each, each page its own, each feed answering 304 to its ETag), and one feed
whose fifty entries link to real news articles (the first fifty of 2,000 to
20,000 characters in the rtqa-feb2024 corpus, read at run time, never copied)
in a news page's boilerplate, so the extractor has work to do.

In this process, through the library with the real embedding model:

1. the twenty feeds are followed and updated (the embedding model loads here);
2. updated again, with nothing new: the requests the server received, the 304s,
   the pages fetched, the update's own seconds;
3. the feed of fifty is followed and updated, with the CLI's progress bars: the
   seconds of each step (poll, fetch, extract, write: embedding included).

Then ``newsqa update`` runs in a fresh process on the twenty unchanged feeds
(the feed of fifty no longer followed): its wall time, model-free.

    python -m benchmarks.feed_scale [--json docs/runs/feed-scale.json]

``python -m benchmarks --render`` puts the JSON's figures in docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from pytest_httpserver import HTTPServer

from benchmarks.common import (
    ROOT,
    banner,
    commit,
    machine,
    newsqa_command,
    newsqa_env,
)
from benchmarks.feed_scale_report import ARTICLE_CHARACTERS, ENTRIES, FEEDS, NEW
from benchmarks.ingest_speed import CORPUS
from tests.newsroom import Newsroom, Story, desk_stories

BOILERPLATE = ("Share on Facebook", "Most read", "All rights reserved")  # article_page's


def real_stories(corpus: Path, count: int) -> list[Story]:
    """The first ``count`` articles of a news article's length: headline and paragraphs."""
    shortest, longest = ARTICLE_CHARACTERS
    stories: list[Story] = []
    for line in corpus.open():
        record = json.loads(line) if line.strip() else {}
        paragraphs = [p.strip() for p in record.get("text", "").split("\n\n") if p.strip()]
        if shortest <= sum(map(len, paragraphs)) <= longest:
            stories.append((record["title"], paragraphs))
        if len(stories) == count:
            return stories
    raise SystemExit(f"{corpus}: fewer than {count} articles of {shortest} to {longest} characters")


def tally(sent: list, feeds: set[str]) -> dict[str, int]:
    """The requests a server received: conditional ones, 304s, pages (not feeds, not robots.txt)."""
    return {
        "requests": len(sent),
        "conditional": sum(bool(request.headers.get("If-None-Match")) for request, _ in sent),
        "not_modified": sum(response.status_code == 304 for _, response in sent),
        "pages": sum(r.path not in feeds and r.path != "/robots.txt" for r, _ in sent),
    }


def extracted(stories: list[Story], texts: dict[int, str]) -> dict[str, int]:
    """The real articles' paragraphs the extractor kept, and the pages it left boilerplate in."""

    def squeeze(text: str) -> str:
        return " ".join(text.split())

    found = {n: squeeze(text) for n, text in texts.items()}
    kept = [squeeze(p) in found.get(n, "") for n, (_, ps) in enumerate(stories) for p in ps]
    return {
        "characters": sum(len(p) for _, ps in stories for p in ps),
        "paragraphs": len(kept),
        "paragraphs_kept": sum(kept),
        "pages_with_boilerplate": sum(any(m in t for m in BOILERPLATE) for t in texts.values()),
    }


def figures(report, sent: list, feeds: set[str]) -> dict[str, Any]:
    return tally(sent, feeds) | {
        "feeds": len(report.feeds),
        "articles": report.ingest.added + report.ingest.updated,
        "passages": report.ingest.passages_written,
        "seconds": report.seconds,
        "phases": asdict(report.phases),
    }


def measure(corpus: Path) -> dict[str, Any]:
    from ingest.fetch import Fetcher, fetch_limits
    from ingest.subscriptions import Subscriptions
    from ingest.update import update_feeds
    from rag.app import Newsqa
    from rag.settings import load_settings
    from ui import render

    stories = real_stories(corpus, NEW)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    web = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    web.no_handler_status_code = 404
    web.start()
    results: dict[str, Any] = {}
    try:
        site = Newsroom(web)
        desks = [
            site.serve_desk(f"desk-{d}", desk_stories(d, ENTRIES), atom=d % 2 == 1)
            for d in range(FEEDS)
        ]
        wire = site.serve_desk("wire", stories)
        feeds = {address.removeprefix(site.base) for address in [*desks, wire]}
        with TemporaryDirectory() as folder:
            data_dir = Path(folder) / "data"
            app = Newsqa(load_settings(data_dir=data_dir))
            subscriptions = Subscriptions(app.settings.feeds_path)

            def update(**progress) -> dict[str, Any]:
                before = len(web.log)
                fetcher = Fetcher(fetch_limits(app.settings), subscriptions)
                report = update_feeds(app, subscriptions, fetcher, **progress)
                return figures(report, web.log[before:], feeds)

            for address in desks:
                subscriptions.add(address, None, trusted=True)
            print(f"\n{FEEDS} feeds of {ENTRIES} entries: first update ...", flush=True)
            results["first"] = update()
            print("... and again, nothing new", flush=True)
            results["unchanged"] = update()
            subscriptions.add(wire, None, trusted=True)
            print(f"One feed of {NEW} real articles (and the {FEEDS} unchanged):", flush=True)
            bars = {
                "progress": render.EmbedProgress(),
                "pages": render.StepProgress("Fetching new pages"),
            }
            results["new"] = update(**bars)
            texts = {
                int(r.url.rsplit("/", 1)[1]): r.text
                for r in app.catalog.all()
                if "/desks/wire/" in (r.url or "")
            }
            results["new"] |= extracted(stories, texts) | {"corpus": corpus.parent.name}
            subscriptions.remove(wire)
            subscriptions.close()
            results["cli"] = cli_update(data_dir, web, feeds)
    finally:
        web.stop()
    return results


def cli_update(data_dir: Path, web: HTTPServer, feeds: set[str]) -> dict[str, Any]:
    """``newsqa update`` in a fresh process: wall time, requests, and its own summary line."""
    print("`newsqa update` in a fresh process, nothing new ...", flush=True)
    before = len(web.log)
    began = time.perf_counter()
    done = subprocess.run(
        newsqa_command("update"), env=newsqa_env(data_dir), cwd=ROOT, capture_output=True, text=True
    )
    wall = time.perf_counter() - began
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    steps = dict(re.findall(r"(poll|fetch|extract|write) ([\d.]+) s", summary))
    own = re.search(r" in ([\d.]+) s", summary)
    return tally(web.log[before:], feeds) | {
        "exit_code": done.returncode,
        "wall_seconds": wall,
        "seconds": float(own[1]) if own else None,
        "phases": {name: float(value) for name, value in steps.items()},
        "summary": summary,
    }


def show(results: dict[str, Any]) -> None:
    for name, r in results.items():
        phases = ", ".join(f"{step} {seconds:.2f} s" for step, seconds in r["phases"].items())
        seconds = f"{r['seconds']:.2f} s" if r.get("seconds") is not None else "?"
        written = f"{r.get('articles', 0)} articles, {r.get('passages', 0)} passages"
        print(
            f"{name}: {r['requests']} requests ({r['conditional']} conditional, "
            f"{r['not_modified']} answered 304), {r['pages']} pages fetched; "
            f"{written}; {seconds} ({phases})"
        )
    print(f"`newsqa update`, fresh process: wall {results['cli']['wall_seconds']:.2f} s")
    print(f"  its output's last line: {results['cli']['summary']}")
    new = results["new"]
    print(
        f"Extractor: {new['paragraphs_kept']} of {new['paragraphs']} paragraphs kept, "
        f"boilerplate left in {new['pages_with_boilerplate']} pages"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--json", type=Path, help="Write the figures here (docs/runs/feed-scale.json)."
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    banner()
    info = machine()
    results = measure(args.corpus)
    print()
    show(results)
    if args.json:
        run = {
            "command": " ".join(["python -m benchmarks.feed_scale", *sys.argv[1:]]),
            "machine": info,
            "load_average_end": os.getloadavg(),
            "commit": commit(),
            "date": time.strftime("%Y-%m-%d"),
            **results,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(run, indent=2))
        print(f"Wrote {args.json}")


if __name__ == "__main__":
    main()
