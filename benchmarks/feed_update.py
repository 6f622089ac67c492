"""What following feeds costs: the requests and the output of `newsqa update`, run twice.

The test newsroom (``tests/newsroom.py``: an RSS 2.0 feed of two pages, one
behind a redirect; an Atom feed that carries its article whole; a JSON Feed of
one page) is served on 127.0.0.1 by a server that counts what it receives; its
OPML list is imported, then every command runs in a fresh process with the
real embedding model, as a user would run it.

    python -m benchmarks.feed_update
"""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
from pathlib import Path

from pytest_httpserver import HTTPServer

from benchmarks.common import ROOT, banner, newsqa_env
from tests.newsroom import Newsroom


def main() -> None:
    banner()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    web = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    web.no_handler_status_code = 404
    web.start()
    try:
        site = Newsroom(web)
        site.serve_articles()
        for name in ("rss2.xml", "atom.xml", "feed.json"):
            site.serve_feed(name)
        with tempfile.TemporaryDirectory() as folder:
            opml = Path(folder) / "subscriptions.opml"
            opml.write_text(site.feed_text("subscriptions.opml"))
            env = newsqa_env(Path(folder) / "data")

            def run(*args: str) -> None:
                before = len(web.log)
                done = subprocess.run(
                    [sys.executable, "-m", "ui.cli", *args],
                    env=env,
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                )
                sent = len(web.log) - before
                shown = " ".join(args).replace(folder, ".").replace(site.base, "http://HOST")
                noun = "request" if sent == 1 else "requests"
                print(f"\n$ newsqa {shown}   # exit {done.returncode}, {sent} {noun} to the server")
                print((done.stdout + done.stderr).replace(site.base, "http://HOST").strip())

            run("feeds", "import", str(opml))
            run("update")
            run("update")
            run("feeds", "add", f"{site.base}/feeds/gone.xml")
            run("feeds", "list")
    finally:
        web.stop()


if __name__ == "__main__":
    main()
