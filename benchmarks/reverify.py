"""Score a finished eval run again with today's verifier, without asking the model.

    .venv/bin/python -m benchmarks.reverify RUN_DIR --out NEW_DIR

Retrieval and evidence selection run as in the eval, and the model's reply
stored in RUN_DIR's results stands in for generation; only what follows the
reply (verification, grounding) can differ. So a change to the verifier is
scored on hundreds of real replies in minutes, not in an hour of generation.
The model's reply depends on the evidence it saw: after a change to retrieval
or evidence, run the eval itself. Latency figures of the new run are not
answer latencies (nothing is generated).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from llama_index.core.llms import ChatMessage, ChatResponse

from eval.pipelines import build_pipeline
from eval.results import load_results
from eval.runner import EvalOptions, run_eval
from rag.models.chat import Generation
from rag.settings import load_settings


def stored_replies(run_dir: Path) -> dict[str, str]:
    """Question -> the model's reply, for the questions the model answered."""
    return {
        row["user_input"]: row["model_reply"]
        for row in load_results(run_dir)
        if row.get("model_reply") is not None
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", type=Path, help="An eval run's output directory.")
    parser.add_argument("--out", type=Path, required=True, help="Directory for the new run.")
    args = parser.parse_args()
    run = json.loads((args.run_dir / "metrics.json").read_text())["run"]
    replies = stored_replies(args.run_dir)
    if not replies:
        parser.error(f"{args.run_dir} holds no model replies to replay (no results.jsonl rows)")
    options = EvalOptions(
        corpus=Path(run["corpus"]),
        questions=Path(run["questions"]),
        out=args.out,
        limit=run.get("limit"),
        sample=run.get("sample"),
        seed=run.get("seed", 0),
        use_titles=run.get("use_titles", "--use-titles" in (run.get("command") or "")),
        command=f"python -m benchmarks.reverify {args.run_dir} --out {args.out}",
    )
    settings = load_settings(top_k=run.get("top_k"), retriever=run.get("retriever"))
    pipeline = build_pipeline(settings, options)
    service = pipeline.service
    asked: list[str] = []
    original_ask = service.ask

    def ask(question: str, *rest, **named):
        asked.append(question)
        return original_ask(question, *rest, **named)

    def replay(question, sources, model) -> Generation:
        reply = replies.get(asked[-1], "I don't know.")
        return Generation([ChatResponse(message=ChatMessage(content=reply), delta=reply)], 0)

    service.ask = ask
    service.stages = dataclasses.replace(service.stages, generate=replay)
    metrics = run_eval(settings, options, pipeline=pipeline)
    for name in (
        "accuracy",
        "abstained_on_unanswerable",
        "wrongly_abstained_on_answerable",
        "citation_gold_doc_rate",
    ):
        print(f"{name}: {metrics.get(name)}")


if __name__ == "__main__":
    main()
