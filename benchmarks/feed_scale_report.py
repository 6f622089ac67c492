"""The feeds section of docs/BENCHMARKS.md, from the figures ``benchmarks.feed_scale`` saves."""

from __future__ import annotations

from typing import Any

from benchmarks.common import describe, table

FEEDS, ENTRIES, NEW = 20, 3, 50
ARTICLE_CHARACTERS = (2_000, 20_000)  # a whole article, neither a stub nor a page dump
TARGET_SECONDS = 5.0  # an update of twenty unchanged feeds, on loopback
BUSY_LOAD = 0.5  # a load average this high before the run: others were using the CPU


def _steps(phases: dict[str, float]) -> list[str]:
    return [
        f"{phases.get(name, float('nan')):.2f}" for name in ("poll", "fetch", "extract", "write")
    ]


def markdown(run: dict[str, Any]) -> str:
    """The feeds section of docs/BENCHMARKS.md, from this benchmark's JSON."""
    first, unchanged, new, cli = run["first"], run["unchanged"], run["new"], run["cli"]
    rows = [
        [f"first: {FEEDS} feeds of {ENTRIES} entries (extractor, model load)", first],
        ["again, nothing new", unchanged],
        [f"1 feed of {NEW} new real articles, {FEEDS} unchanged", new],
        [f"again, nothing new: `newsqa update` (wall {cli['wall_seconds']:.1f} s)", cli],
    ]
    headers = ["update", "requests", "304", "pages fetched", "articles", "passages"]
    headers += ["poll (s)", "fetch (s)", "extract (s)", "write (s)", "update (s)"]
    body = [
        [
            name,
            r["requests"],
            r["not_modified"],
            r["pages"],
            r.get("articles", 0),
            r.get("passages", 0),
            *_steps(r["phases"]),
            f"{r['seconds']:.2f}",
        ]
        for name, r in rows
    ]
    met = (
        all(
            r["requests"] == r["conditional"] == r["not_modified"] == FEEDS and r["pages"] == 0
            for r in (unchanged, cli)
        )
        and max(unchanged["seconds"], cli["wall_seconds"]) < TARGET_SECONDS
    )
    end = run["load_average_end"]
    shortest, longest = ARTICLE_CHARACTERS
    before = run["machine"].get("load_average_1min", 0.0)
    busy = (
        f" **The machine was busy**: a load of {before:.2f} on {run['machine']['cores']} cores "
        "before the run began was other processes' work; the times "
        "are those of a shared CPU, slower than on an idle machine."
        if before >= BUSY_LOAD
        else ""
    )
    return (
        f"From `{run['command']}` (commit {run['commit']}, {run['date']}; not part of the suite's "
        f"run), on 127.0.0.1 with the real embedding model. Machine: {describe(run['machine'])}; "
        f"load {end[0]:.2f} / {end[1]:.2f} / {end[2]:.2f} (1 / 5 / 15 min) at the end.{busy}\n\n"
        + table(headers, body)
        + "\n\n"
        f"- Target, an update of {FEEDS} feeds with nothing new: exactly {FEEDS} conditional "
        f"requests, no page fetched, under {TARGET_SECONDS:g} s: **{'met' if met else 'missed'}** "
        f"({unchanged['conditional']} conditional requests, {unchanged['not_modified']} answered "
        f"304, {unchanged['pages']} pages, {unchanged['seconds']:.2f} s; `newsqa update` in a "
        f"fresh process sent {cli['conditional']} conditional requests and took "
        f"{cli['wall_seconds']:.1f} s from start to exit, the update itself {cli['seconds']:.2f} s "
        "of it: the rest is starting Python and importing newsqa).\n"
        f"- The feed of {NEW}: its pages are the first {NEW} articles of {shortest:,} to "
        f"{longest:,} characters in {new['corpus']} ({new['characters']:,} characters in all), "
        "each inside a news page's navigation, share bar, related links and footer; the extractor "
        f"kept {new['paragraphs_kept']} of their {new['paragraphs']} paragraphs, and left "
        f"boilerplate in {new['pages_with_boilerplate']} of the pages. Write is embedding, the "
        "passage index, the catalog, the keyword index and the stories, then the feeds' state; "
        "the model was already loaded.\n"
        "- The first update asked robots.txt once for the site (kept a day), then every feed and "
        "every page; its extract and write steps include loading the extractor and the model."
    )
