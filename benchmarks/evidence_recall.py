"""How much of a good answer the model is shown: nugget recall of the evidence itself.

    .venv/bin/python -m benchmarks.evidence_recall --corpus CORPUS --questions OPEN.jsonl \
        [--use-titles] [--show]

An answer cannot hold a nugget its sources do not. For each answerable open
question this runs newsqa's answer path up to the prompt (retrieve, select,
evidence; no model is asked) and scores the sources' text as if it were the
answer: the share of the question's nuggets it holds, and of its vital ones.
It also counts the evidence tokens, the cost of showing them. The corpus is
ingested into its own collection, as ``newsqa eval`` does, so a second run over
the same corpus embeds nothing. ``--show`` prints each question's missed nuggets.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from statistics import mean

from eval.corpus import read_corpus
from eval.datasets import load_questions
from eval.nuggets import Nugget, found
from eval.options import EvalOptions
from eval.pipelines import corpus_app, ingest_corpus
from rag.answer.stages import bearing_on, passages_for
from rag.settings import Settings
from rag.types import AskOptions


def evidence_of(app, question: str) -> tuple[str, int]:
    """The sources' text as the model would read it, and its tokens."""
    service = app.answers
    model = service.models.get()
    options = AskOptions()
    asked = service.analyse(question, options)
    retrieved = service.retrieve(asked, options)
    passages = bearing_on(asked, retrieved)[: passages_for(asked, service.settings.top_k)]
    sources = service.stages.evidence(asked, passages, model) if passages else []
    text = "\n".join(source.dated_text for source in sources)
    return text, model.count_tokens(text) if text else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--use-titles", action="store_true")
    parser.add_argument("--show", action="store_true", help="print each question's misses")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    settings = Settings()
    options = EvalOptions(args.corpus, args.questions, Path("."), use_titles=args.use_titles)
    app = corpus_app(settings, options)
    ingest_corpus(app, read_corpus(args.corpus, args.use_titles), str(args.corpus.resolve()))
    recalls, vitals, tokens = [], [], []
    for question in load_questions(args.questions):
        if not question.answerable or not question.nuggets:
            continue
        nuggets = [Nugget.model_validate(n) for n in question.nuggets]
        text, count = evidence_of(app, question.question)
        held = [found(text, nugget) for nugget in nuggets]
        vital = [h for h, n in zip(held, nuggets, strict=True) if n.vital]
        recalls.append(sum(held) / len(held))
        vitals.append(sum(vital) / len(vital) if vital else 1.0)
        tokens.append(count)
        if args.show:
            missed = [n.text for h, n in zip(held, nuggets, strict=True) if not h]
            print(f"{recalls[-1]:.2f} {count:4d} {question.question}")
            for text_of_nugget in missed:
                print(f"       missed: {text_of_nugget}")
    print(
        f"{len(recalls)} questions: evidence nugget recall {mean(recalls):.3f}, "
        f"vital {mean(vitals):.3f}, evidence tokens mean {mean(tokens):.0f}"
    )


if __name__ == "__main__":
    main()
