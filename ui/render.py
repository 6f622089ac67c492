"""Terminal output: progress, tables, answers with their sources."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from rag.answer.conversation import Turn
from rag.answer.stream import AnswerStream
from rag.errors import NewsqaError
from rag.index.batch import IngestReport
from rag.index.catalog import ArticleRecord
from rag.index.doctor import Finding
from rag.settings import Settings
from rag.text import readable_source
from rag.timeline import Event
from rag.types import Answer, AskOptions, Sentence, StoryView

if TYPE_CHECKING:
    from rag.answer.service import AnswerService

_err = Console(stderr=True)


def _progress_bar() -> Progress:
    """A bar on stderr that disappears when done, with its task's description."""
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=_err,
        transient=True,
    )


class StepProgress:
    """A progress bar over the steps of one job (``description``), on stderr."""

    def __init__(self, description: str) -> None:
        self.description = description
        self._progress: Progress | None = None
        self._task = None

    def start(self, total: int) -> None:
        self._progress = _progress_bar()
        self._progress.start()
        self._task = self._progress.add_task(self.description, total=total)

    def advance(self, n: int) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, n)

    def finish(self) -> None:
        if self._progress is not None:
            self._progress.stop()


class EmbedProgress(StepProgress):
    """A progress bar over passages embedded, on stderr."""

    def __init__(self) -> None:
        super().__init__("Embedding passages")


class EvalProgress:
    """Questions done, with the running accuracy, on stderr."""

    def __init__(self) -> None:
        self._progress: Progress | None = None
        self._task = None
        self._correct = self._scored = 0

    def update(self, row: dict, done: int, total: int) -> None:
        if self._progress is None:
            self._progress = _progress_bar()
            self._progress.start()
            self._task = self._progress.add_task("Evaluating", total=total, completed=done - 1)
        if "correct" in row["scores"]:
            self._scored += 1
            self._correct += bool(row["scores"]["correct"])
        accuracy = f"accuracy {self._correct / self._scored:.2f}" if self._scored else "retrieval"
        self._progress.update(self._task, completed=done, description=f"Evaluating ({accuracy})")

    def finish(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def eval_summary(summary: dict, out: Path) -> None:
    shown = ("questions", "failed", "recall@1", "recall@5", "recall@10", "mrr@10", "accuracy")
    parts = [f"{key} {_number(summary[key])}" for key in shown if summary.get(key) is not None]
    click.echo("; ".join(parts))
    click.echo(f"Reports: {out / 'report.md'}, {out / 'report.html'}")


def _number(value) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def ingest_report(report: IngestReport) -> None:
    for name, reason in report.failed:
        click.echo(f"FAILED {name}: {reason}", err=True)
    if report.repaired:
        click.echo(f"Repaired an interrupted ingest: {report.repaired} articles re-embedded")
    click.echo(
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.removed} removed, {len(report.failed)} failed; "
        f"{report.passages_written} passages written in {report.seconds:.1f} s"
    )


def findings(found: list[Finding], settings: Settings) -> None:
    where = f"collection {settings.collection!r} in {settings.data_dir}"
    if not found:
        click.echo(f"No problems found in {where}.")
        return
    # Plain lines, not a table: paths and messages stay whole, in a terminal or a log.
    click.echo(f"{len(found)} problem(s) in {where}:")
    for finding in found:
        click.echo(f"- {finding.part}: {finding.problem}\n  what to do: {finding.fix}")


def article_table(records: list[ArticleRecord]) -> None:
    if not records:
        click.echo("No articles yet: add some with `newsqa ingest PATH`.")
        return
    table = Table("id", "date", "title", "source", "passages")
    for record in records:
        day = (record.date or "undated")[:10]
        source = readable_source(record.source)
        table.add_row(record.id, day, record.title, source, str(record.passages))
    Console().print(table)
    click.echo(f"{len(records)} articles, {sum(r.passages for r in records)} passages")


def story_table(stories: list[StoryView]) -> None:
    if not stories:
        click.echo("No story has more than one version yet (`newsqa stories --all` lists all).")
        return
    table = Table("story", "date", "title", "source", "article id")
    for number, story in enumerate(stories, 1):
        for i, article in enumerate(story.articles):
            label = f"{number} ({len(story.articles)})" if i == 0 else ""
            day = (article.date or "undated")[:10]
            source = readable_source(article.source)
            table.add_row(label, day, article.title, source, article.article_id)
        table.add_section()
    Console().print(table)
    copies = sum(len(s.articles) for s in stories)
    click.echo(f"{len(stories)} {'story' if len(stories) == 1 else 'stories'}, {copies} articles")


def event_fields(event: Event) -> dict:
    """An event's fields as --json prints them (the day is added by the caller)."""
    return {
        "dated_by": event.dated_by,
        "text": event.text,
        "article_id": event.article_id,
        "title": event.title,
        "source": readable_source(event.source),
        "published": event.published or "undated",
        "start": event.start,
        "end": event.end,
    }


def timeline(events: list[Event]) -> None:
    if not events:
        click.echo("No dated events about this in the articles.")
        return
    table = Table("day", "event", "source")
    for event in events:
        day = event.label if event.dated_by == "text" else f"{event.label} (published)"
        published = event.published or "undated"
        table.add_row(day, event.text, f"{event.title} ({published})")
    Console().print(table)


def details(result: Answer) -> None:
    """What follows an answer printed as it streamed: its sources, related passages, timings."""
    sources(result)
    related(result)
    timings(result)


def _sentence_line(sentence: Sentence) -> str:
    """A sentence as written; one its sources do not support, struck through and marked."""
    if sentence.supported:
        return sentence.text
    return f"{click.style(sentence.text, strikethrough=True)} [not supported by the cited sources]"


def related(result: Answer) -> None:
    if not result.related:
        return
    click.echo("\nClosest passages (they do not answer the question):")
    for passage in result.related:
        click.echo(f"- {passage.title} ({readable_source(passage.source)})")
        click.echo(textwrap.indent(textwrap.shorten(passage.text, 300), "    "))


def sources(result: Answer) -> None:
    if not result.citations:
        return
    click.echo("\nSources:")
    for citation in result.citations:
        parts = (readable_source(citation.source), (citation.date or "undated")[:10])
        where = " — ".join(part for part in parts if part)
        click.echo(f"[{citation.n}] {citation.title} ({where})")
        if citation.support_start is not None:
            quoted = f"“{citation.supporting_text}”"
            click.echo(textwrap.indent(textwrap.fill(quoted, 96), "    "))
        else:
            click.echo(textwrap.indent(textwrap.fill(citation.text, 96), "    "))
        if citation.also_in:
            outlets = ", ".join(readable_source(a.source) for a in citation.also_in)
            count = len(citation.also_in)
            click.echo(f"    also in {count} other article{'s' * (count > 1)}: {outlets}")
    for disagreement in result.disagreements:
        claims = "; ".join(f"[{c.citation}] “{c.text}”" for c in disagreement.claims)
        click.echo(f"\nSources differ: {claims}")


def timings(result: Answer) -> None:
    sys.stdout.flush()  # keep this stderr line after the answer on a terminal
    t = result.timings
    first = f"{t.first_token:.1f} s" if t.first_token is not None else "-"
    sentence = f"{t.first_sentence:.1f} s" if t.first_sentence is not None else "-"
    click.secho(
        f"(retrieval {t.retrieval:.2f} s, first token {first}, first checked sentence "
        f"{sentence}, total {t.total:.1f} s; "
        f"{result.usage.prompt_tokens} prompt + {result.usage.completion_tokens} answer tokens)",
        dim=True,
        err=True,
    )


def chat_loop(service: AnswerService, options: AskOptions) -> None:
    click.echo("Ask about your articles. An empty line, 'exit' or Ctrl-D leaves.")
    history: list[Turn] = []
    while True:
        try:
            question = click.prompt("\nYou", default="", show_default=False, prompt_suffix="> ")
        except (EOFError, click.Abort):
            click.echo()
            return
        if question.strip().lower() in ("", "exit", "quit"):
            return
        try:
            final = _stream_reply(service, question, history, options)
        except NewsqaError as exc:
            click.echo(f"\nError: {exc}", err=True)
            continue
        details(final)
        history.append(Turn(final.standalone_question or question, final.answer))


def _stream_reply(
    service: AnswerService, question: str, history: list[Turn], options: AskOptions
) -> Answer:
    """Print the reply sentence by sentence as each is checked; then the sources."""
    click.echo("newsqa> ", nl=False)
    return streamed_answer(service.stream(question, history, options))


def streamed_answer(stream: AnswerStream) -> Answer:
    """Print each checked sentence as it arrives, or the abstention; return the Answer.

    The points of a brief or a list come one a line."""
    for sentence in stream:
        line = _sentence_line(sentence)
        if stream.bullets:
            click.echo(f"\n  - {line}", nl=False)
        else:
            click.echo(line + " ", nl=False)
        sys.stdout.flush()
    final = stream.answer
    if final.abstained:
        click.echo(final.answer, nl=False)
    click.echo()
    if final.standalone_question:
        click.secho(f"(understood as: {final.standalone_question})", dim=True)
    return final
