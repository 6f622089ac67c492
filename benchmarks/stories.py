"""Stories on real news: which articles are grouped, how well, and at what cost.

    .venv/bin/python -m benchmarks.stories [--corpus PATH] [--scale N]

1. Indexes the corpus (default ../shared/datasets/rtqa-feb2024/corpus.jsonl; a
   collection already indexed in NEWSQA_DATA_DIR is reused), then places every
   article into stories from scratch in a fresh story file, timing it.
2. Scores the stories against the labelled pairs of tests/data/stories/rtqa-pairs.jsonl
   (precision and recall of "same story" over the pairs) and lists the stories found.
3. Scale: MinHash signatures and the LSH index for N articles made from the
   corpus's sentences (each a random draw, so few are alike): time per 1,000
   articles and memory (the nearest-neighbour search on passages is Chroma's, timed
   in step 1).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from eval.corpus import corpus_collection, read_corpus
from eval.pipelines import ingest_corpus
from rag.app import Newsqa
from rag.index import stories as stories_module
from rag.index.likeness import PERMUTATIONS, SCHEME, minhash
from rag.index.stories import COPY_JACCARD, StoryIndex
from rag.settings import load_settings
from rag.text import sentence_spans

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "stories" / "rtqa-pairs.jsonl"
CORPUS = ROOT.parent / "shared" / "datasets" / "rtqa-feb2024" / "corpus.jsonl"


def place_all(app: Newsqa) -> tuple[StoryIndex, float]:
    """Every article placed into a fresh story file; the seconds it took."""
    folder = Path(tempfile.mkdtemp())
    stories = StoryIndex(folder / "stories.sqlite3", app.store, app.catalog, app.embedder)
    began = time.perf_counter()
    stories.refresh()
    return stories, time.perf_counter() - began


VARIANTS = {  # the rule with parts switched off, to show what each part does
    "shared wording only": {"PASSAGE_SHARE": 2.0},
    "wording, or alike passages without the sentence check": {"SENTENCE_SHARE": 0.0},
}


def score_variants(app: Newsqa) -> None:
    for name, changes in VARIANTS.items():
        saved = {key: getattr(stories_module, key) for key in changes}
        for key, value in changes.items():
            setattr(stories_module, key, value)
        try:
            print(f"rule: {name}")
            stories, _ = place_all(app)
            score_pairs(stories, verbose=False)
        finally:
            for key, value in saved.items():
                setattr(stories_module, key, value)


def score_pairs(stories: StoryIndex, verbose: bool = True) -> None:
    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line]
    hits = [(p["same_report"], stories.story_of(p["a"]) == stories.story_of(p["b"])) for p in pairs]
    same = sum(1 for truth, _ in hits if truth)
    tp = sum(1 for truth, said in hits if truth and said)
    fp = sum(1 for truth, said in hits if said and not truth)
    precision = tp / (tp + fp) if tp + fp else float("nan")
    print(
        f"labelled pairs: {len(pairs)} ({same} the same report); grouped {tp + fp}: "
        f"precision {precision:.2f}, recall {tp / (same or 1):.2f} ({tp} right, {fp} wrong)"
    )
    for pair in pairs if verbose else []:
        said = stories.story_of(pair["a"]) == stories.story_of(pair["b"])
        if said != pair["same_report"]:
            kind = "grouped, but not one report" if said else "one report, not grouped"
            print(f"  {kind}: {pair['a']} / {pair['b']}: {pair['why']}")


def list_stories(app: Newsqa, stories: StoryIndex) -> None:
    found = stories.stories(min_size=2)
    total = len(app.catalog.all())
    print(f"stories of two or more articles: {len(found)} (of {total} articles)")
    for story in found:
        for article_id in story.article_ids:
            record = app.catalog.get(article_id)
            title = (record.title if record else "?")[:70]
            print(f"  {article_id}  {record.source if record else ''}  {title}")
        print()


def scale(texts: list[str], count: int) -> None:
    from datasketch import MinHash, MinHashLSH

    sentences = [t[s:e] for t in texts for s, e in sentence_spans(t)]
    draw = random.Random(1)
    tracemalloc.start()
    lsh = MinHashLSH(threshold=COPY_JACCARD, num_perm=PERMUTATIONS)
    stored = []
    began = time.perf_counter()
    for i in range(count):
        text = " ".join(draw.sample(sentences, 25))
        signature = minhash(text)
        lsh.query(signature)
        lsh.insert(str(i), signature)
        stored.append(signature.hashvalues.copy())
    seconds = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del lsh
    began = time.perf_counter()  # what each refresh that places articles does first
    loaded = MinHashLSH(threshold=COPY_JACCARD, num_perm=PERMUTATIONS)
    for i, values in enumerate(stored):
        loaded.insert(str(i), MinHash(num_perm=PERMUTATIONS, scheme=SCHEME, hashvalues=values))
    load = time.perf_counter() - began
    per_article = PERMUTATIONS * 8
    print(
        f"scale: {count:,} articles of 25 sentences: signature, LSH query and insert "
        f"{seconds / count * 1000:.1f} s per 1,000 articles; LSH memory {peak / 1e6:.0f} MB "
        f"({peak / count / 1e3:.1f} kB an article), held only while a refresh places articles; "
        f"loading it from the stored signatures {load / count * 1000:.2f} s per 1,000; "
        f"signatures on disk {per_article} bytes an article "
        f"({per_article * 100_000 / 1e6:.0f} MB for 100,000)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--scale", type=int, default=20_000, help="articles in the scale test")
    parser.add_argument("--variants", action="store_true", help="also score the rule's parts")
    args = parser.parse_args()
    settings = load_settings()
    app = Newsqa(settings.model_copy(update={"collection": corpus_collection(args.corpus)}))
    records = read_corpus(args.corpus, use_titles=False)  # as the evaluation indexes it
    ingest_corpus(app, records, corpus_label=str(args.corpus.resolve()))
    stories, seconds = place_all(app)
    count = len(app.catalog.all())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(
        f"placed {count} articles in {seconds:.1f} s: {seconds / count * 1000:.1f} s per 1,000 "
        f"articles (process peak memory {rss:.0f} MB, models and Chroma included)"
    )
    print("rule: newsqa's (wording, or alike passages and sentences)")
    score_pairs(stories)
    list_stories(app, stories)
    if args.variants:
        score_variants(app)
    if args.scale:
        scale([r["text"] for r in records], args.scale)


if __name__ == "__main__":
    main()
