"""The ``newsqa`` command line: ingest, feeds, update, list, remove, doctor, reindex, ask, chat,
serve, eval."""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from rag.app import Newsqa
from rag.dates import parse_day
from rag.errors import IndexDamagedError, NewsqaError
from rag.settings import Settings, load_settings
from rag.types import RETRIEVER_MODES, AskOptions, Filters
from ui import render
from ui.eval_command import eval_command
from ui.feeds_command import feeds, update
from ui.ingest_command import ingest
from ui.server import serve


@dataclass
class _Context:
    config: Path | None
    overrides: dict[str, Any] = field(default_factory=dict)

    def settings(self, **overrides: Any) -> Settings:
        return load_settings(self.config, **self.overrides, **overrides)

    def app(self, **overrides: Any) -> Newsqa:
        return Newsqa(self.settings(**overrides))


class _Group(click.Group):
    """Turns expected errors into one clean line and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsqaError as exc:
            raise click.ClickException(str(exc)) from exc


def _answer_options(command):
    """The settings a user may change for one run of ``ask`` or ``chat``."""
    options = [
        click.option("--top-k", type=int, help="Passages retrieved per question."),
        click.option("--retriever", type=click.Choice(RETRIEVER_MODES), help="Retrieval mode."),
        click.option(
            "--prompt-budget",
            type=int,
            help="Most tokens a question adds to the prompt: its sources and itself.",
        ),
        click.option(
            "--keep-unsupported/--drop-unsupported",
            default=None,
            help="Keep answer sentences the sources do not support, marked (default: drop).",
        ),
        click.option(
            "--llm-model",
            help="qwen2.5-coder-1.5b, qwen2.5-coder-0.5b, smollm2-135m or a .gguf path.",
        ),
        click.option("--llm-threads", type=int, help="CPU threads for the LLM."),
        click.option("--llm-context-window", type=int, help="LLM context size in tokens."),
        click.option("--llm-max-tokens", type=int, help="Longest answer in tokens."),
        click.option(
            "--llm-temperature", type=float, help="Sampling temperature (0 = deterministic)."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsqa", prog_name="newsqa")
@click.option(
    "--config",
    type=click.Path(path_type=Path),
    help="Config file (default: ./newsqa.toml), read over ~/.config/newsqa/newsqa.toml.",
)
@click.option("--data-dir", type=click.Path(path_type=Path), help="Where the index is kept.")
@click.option("--collection", help="Collection name.")
@click.option("-v", "--verbose", count=True, help="Log more (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, config, data_dir, collection, verbose) -> None:
    """Ask questions about your news articles; every answer cites its sources."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = _Context(config, {"data_dir": data_dir, "collection": collection})


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def list_articles(obj: _Context, as_json: bool) -> None:
    """Show the indexed articles."""
    records = obj.app().catalog.all()
    if as_json:
        rows = [
            {k: getattr(r, k) for k in ("id", "title", "source", "url", "date", "passages")}
            for r in records
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        render.article_table(records)


@cli.command()
@click.option("--all", "show_all", is_flag=True, help="Also list articles with no other version.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def stories(obj: _Context, show_all: bool, as_json: bool) -> None:
    """Show the stories: articles that are copies or rewrites of one report, grouped."""
    app = obj.app()
    app.stories.up_to_date()  # after an ingest that was stopped before it grouped them
    views = app.story_views(1 if show_all else 2)
    if as_json:
        click.echo(json.dumps([v.model_dump() for v in views], ensure_ascii=False, indent=2))
    else:
        render.story_table(views)


@cli.command()
@click.argument("article_ids", nargs=-1, required=True)
@click.pass_obj
def remove(obj: _Context, article_ids) -> None:
    """Delete articles (by id, as `newsqa list` shows them) from the index."""
    writer = obj.app().writer  # loads no model unless stories must place an article
    unknown = [a for a in article_ids if not writer.remove(a)]
    writer.refresh_derived_indexes()
    for article_id in article_ids:
        if article_id not in unknown:
            click.echo(f"Removed {article_id}")
    if unknown:
        raise NewsqaError(f"No article with id: {', '.join(unknown)}")


@cli.command()
@click.pass_obj
def doctor(obj: _Context) -> None:
    """Check the index for damage: catalog, passages, keyword index, interrupted ingests."""
    from rag.index.doctor import check

    app = obj.app()
    settings = app.settings
    findings = check(app.connection)
    render.findings(findings, settings)
    if findings:
        sys.exit(1)


@cli.command()
@click.pass_obj
def reindex(obj: _Context) -> None:
    """Rebuild passages and keyword index from the catalog's text (original files not needed)."""
    from rag.index.doctor import move_aside, open_catalog_checked

    app = obj.app()
    settings = app.settings
    open_catalog_checked(app.connection).close()
    try:
        app.connection.open_store()
    except IndexDamagedError as exc:
        if settings.vector_store.mode == "server":
            raise  # the server's database is the server's to repair
        click.echo(str(exc))
        click.echo(f"Moved the damaged passage index to {move_aside(settings.chroma_dir)}")
        others = sorted(
            p.stem
            for p in settings.catalog_path.parent.glob("*.sqlite3")
            if p.stem != settings.collection
        )
        if others:
            click.echo(
                f"It also held the collections {', '.join(others)}: rebuild each with "
                "`newsqa --collection NAME reindex`."
            )
    report = app.writer.reindex(progress=render.EmbedProgress())
    click.echo(
        f"Reindexed {report.repaired} articles ({report.passages_written} passages) "
        f"in {report.seconds:.1f} s."
    )


@cli.command("model-path")
@click.argument("model", required=False)
@click.pass_obj
def model_path(obj: _Context, model: str | None) -> None:
    """Print the GGUF file of a model (default: llm_model), e.g. for an LLM server."""
    from rag.models.files import resolve_llm_path

    settings = obj.settings()
    click.echo(resolve_llm_path(model or settings.llm_model, settings.models_dir).resolve())


def _filter_options(command):
    options = [
        click.option("--source", help="Only articles whose source contains this text."),
        click.option("--since", help="Only articles dated on or after this day (YYYY-MM-DD)."),
        click.option("--until", help="Only articles dated on or before this day (YYYY-MM-DD)."),
        click.option(
            "--as-of",
            help='The day "now", "last week" and "latest" are read from (YYYY-MM-DD; '
            "default: the newest article's day).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _ask_options(overrides: dict[str, Any], source, since, until, as_of) -> AskOptions:
    return AskOptions(
        top_k=overrides.get("top_k"),
        retriever=overrides.get("retriever"),
        filters=Filters(source, parse_day(since), parse_day(until)),
        as_of=parse_day(as_of),
    )


@cli.command()
@click.argument("question")
@_answer_options
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.pass_obj
def ask(
    obj: _Context, question: str, as_json: bool, source, since, until, as_of, **overrides
) -> None:
    """Answer one question from the articles, with citations, sentence by sentence."""
    app = obj.app(**overrides)
    options = _ask_options(overrides, source, since, until, as_of)
    if as_json:
        answer = app.answers.ask(question, options=options)
        click.echo(json.dumps(answer.model_dump(), ensure_ascii=False, indent=2))
    else:
        render.details(render.streamed_answer(app.answers.stream(question, options=options)))


@cli.command()
@_answer_options
@_filter_options
@click.pass_obj
def chat(obj: _Context, source, since, until, as_of, **overrides) -> None:
    """Chat in the terminal; follow-up questions are understood in context."""
    app = obj.app(**overrides)
    render.chat_loop(app.answers, _ask_options(overrides, source, since, until, as_of))


cli.add_command(serve)
cli.add_command(eval_command)
cli.add_command(ingest)
cli.add_command(feeds)
cli.add_command(update)


@cli.command("timeline")
@click.argument("topic")
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON.")
@click.pass_obj
def timeline_command(obj: _Context, topic: str, source, since, until, as_of, as_json) -> None:
    """How a story developed: dated events about TOPIC across the articles, oldest first."""
    app = obj.app()
    events = app.timeline(topic, _ask_options({}, source, since, until, as_of))
    if as_json:
        rows = [{"day": e.day.isoformat(), **render.event_fields(e)} for e in events]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        render.timeline(events)


def main() -> None:
    cli(prog_name="newsqa")


if __name__ == "__main__":
    main()
