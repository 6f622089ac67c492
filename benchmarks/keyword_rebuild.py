"""Time a rebuild of the BM25 index from the stored passages (what a process does after
another one changed a shared collection), on the sample articles or any folder.

.venv/bin/python -m benchmarks.keyword_rebuild [ARTICLES] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from ingest.planner import ingest_files
from rag.app import Newsqa
from rag.settings import load_settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("articles", nargs="?", type=Path, default=Path("data/articles"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        app = Newsqa(load_settings(data_dir=Path(data_dir)))
        ingest_files(app, [args.articles])
        store, search = app.store, app.keyword
        seconds = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            search.rebuild()
            seconds.append(time.perf_counter() - began)
        print(
            f"{store.count()} passages: BM25 rebuild median {statistics.median(seconds):.3f} s "
            f"over {args.repeat} runs (min {min(seconds):.3f} s)"
        )


if __name__ == "__main__":
    main()
