"""``newsqa eval``: score a QA dataset, and ``newsqa eval compare`` two runs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rag.types import RETRIEVER_MODES
from ui import render


@click.group("eval", invoke_without_command=True)
@click.option(
    "--corpus", type=click.Path(path_type=Path), help="corpus.jsonl: one document a line."
)
@click.option("--questions", type=click.Path(path_type=Path), help="questions.jsonl.")
@click.option("--out", type=click.Path(path_type=Path), help="Directory for results and reports.")
@click.option("--limit", type=int, help="Only the first N questions (after sampling).")
@click.option("--sample", type=int, help="A random sample of N questions (see --seed).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for --sample.")
@click.option("--retriever", type=click.Choice(RETRIEVER_MODES), help="Retrieval mode.")
@click.option("--llm-model", help="LLM for answers (default: the llm_model setting).")
@click.option("--top-k", type=int, help="Passages the answer model sees.")
@click.option("--retrieval-only", is_flag=True, help="Score retrieval alone, without the LLM.")
@click.option("--resume", is_flag=True, help="Continue an interrupted run in --out.")
@click.option(
    "--baseline",
    type=click.Choice(["llamaindex-default"]),
    help="Run llama-index's default pipeline on the same data instead.",
)
@click.option("--use-titles", is_flag=True, help="Keep corpus titles (often dataset labels).")
@click.option(
    "--ragas",
    is_flag=True,
    help="Add RAGAS's non-LLM metrics to metrics.json and the reports (needs the ragas package).",
)
@click.pass_context
def eval_command(
    ctx: click.Context, corpus, questions, out, llm_model, top_k, retriever, **options
) -> None:
    """Score retrieval, answers, citations, abstention and latency on a QA dataset."""
    if ctx.invoked_subcommand is not None:
        return
    missing = [
        name
        for name, value in (("--corpus", corpus), ("--questions", questions), ("--out", out))
        if value is None
    ]
    if missing:
        raise click.UsageError(f"Missing option(s): {', '.join(missing)}")
    from eval.runner import EvalOptions, run_eval

    settings = ctx.obj.settings(llm_model=llm_model, top_k=top_k, retriever=retriever)
    eval_options = EvalOptions(
        corpus=corpus,
        questions=questions,
        out=out,
        command=" ".join(["newsqa", *sys.argv[1:]]),
        **options,
    )
    progress = render.EvalProgress()
    try:
        summary = run_eval(settings, eval_options, on_row=progress.update)
    finally:
        progress.finish()
    render.eval_summary(summary, out)


@eval_command.command("compare")
@click.argument("dir_a", type=click.Path(path_type=Path))
@click.argument("dir_b", type=click.Path(path_type=Path))
def eval_compare(dir_a: Path, dir_b: Path) -> None:
    """Print every metric of two runs side by side, with B - A."""
    from eval.compare import compare_runs

    click.echo(compare_runs(dir_a, dir_b))
