"""Answer sentences read by hand against the passages they cite: the share a reader
would find unsupported or misattributed, beside the verifier's own verdict.

    .venv/bin/python -m benchmarks.hand_check export RUN... --out FILE [--per-run N]
    .venv/bin/python -m benchmarks.hand_check score FILE
    .venv/bin/python -m benchmarks.hand_check recheck FILE RUN...


``export`` writes every shown sentence of the given eval runs (at most N per run,
spread over the questions) with the text of each passage it cites, and an empty
``label`` to fill in by reading: ``supported`` (the cited passages say it),
``unsupported`` (they do not), or ``misattributed`` (they say it of someone or
something else). ``score`` counts the labels. ``recheck`` counts, label by
label, the labelled sentences that the answers of other runs of the same
questions still show (e.g. runs verified again after a change to the verifier:
``benchmarks.reverify``). Sentences are matched by the SHA-1 of their text, so a
labels file need not hold the text of articles that may not be shared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path

LABELS = ("supported", "unsupported", "misattributed")


def shown_sentences(run: Path) -> list[dict]:
    """The sentences each answer of ``run`` showed, with the passages they cite."""
    found = []
    for line in (run / "results.jsonl").read_text().splitlines():
        row = json.loads(line)
        passages = {c["n"]: c["text"] for c in row.get("citations") or []}
        for number, sentence in enumerate(row.get("sentences") or []):
            if not sentence.get("supported"):
                continue
            found.append(
                {
                    "run": run.name,
                    "id": f"{row['id']}/{number}",
                    "question": row["user_input"],
                    "sentence": sentence["text"],
                    "sentence_sha1": fingerprint(sentence["text"]),
                    "cited": {str(n): passages.get(n, "") for n in sentence["citations"]},
                    "label": "",
                    "note": "",
                }
            )
    return found


def fingerprint(sentence: str) -> str:
    return hashlib.sha1(sentence.encode()).hexdigest()


def still_shown(labelled: list[dict], runs: list[Path]) -> dict[str, dict[str, int]]:
    """Label -> {"labelled": n, "still shown": m} over the sentences of ``labelled``."""
    shown = {s["sentence_sha1"] for run in runs for s in shown_sentences(run)}
    counts: dict[str, dict[str, int]] = {}
    for row in labelled:
        count = counts.setdefault(row["label"], {"labelled": 0, "still shown": 0})
        count["labelled"] += 1
        count["still shown"] += row["sentence_sha1"] in shown
    return counts


def spread(sentences: list[dict], limit: int) -> list[dict]:
    """At most ``limit`` sentences, the first of every answer before any second one."""
    by_order = sorted(sentences, key=lambda s: (int(s["id"].rsplit("/", 1)[1]), s["id"]))
    return by_order[:limit]


def score(labelled: list[dict]) -> dict:
    counts = Counter(row["label"] for row in labelled)
    unknown = set(counts) - set(LABELS)
    if unknown:
        raise SystemExit(f"unknown labels {sorted(unknown)}: use one of {', '.join(LABELS)}")
    total = sum(counts.values())
    wrong = counts["unsupported"] + counts["misattributed"]
    return {
        "sentences": total,
        **{label: counts[label] for label in LABELS},
        "unsupported_or_misattributed": round(wrong / total, 3) if total else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export")
    export.add_argument("runs", nargs="+", type=Path)
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--per-run", type=int, default=30)
    scoring = commands.add_parser("score")
    scoring.add_argument("file", type=Path)
    recheck = commands.add_parser("recheck")
    recheck.add_argument("file", type=Path)
    recheck.add_argument("runs", nargs="+", type=Path)
    args = parser.parse_args()
    if args.command == "export":
        rows = [s for run in args.runs for s in spread(shown_sentences(run), args.per_run)]
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        print(f"{len(rows)} sentences to label in {args.out}")
        return
    labelled = [json.loads(line) for line in args.file.read_text().splitlines() if line]
    if args.command == "recheck":
        print(json.dumps(still_shown(labelled, args.runs), indent=2))
        return
    print(json.dumps(score(labelled), indent=2))


if __name__ == "__main__":
    main()
