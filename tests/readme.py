"""What the README says: its newsqa commands, the flags its prose names, its settings table."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
HEADING = re.compile(r"^#{2,6} (.*)$", re.MULTILINE)
# A shell line that runs newsqa: an optional prompt, then variables set for it.
COMMAND_LINE = re.compile(r"^(?:\$\s+)?(?:[A-Z_][A-Z0-9_]*=\S*\s+)*newsqa(?:\s|$)")
VARIABLE = re.compile(r"NEWSQA_[A-Z0-9_]*[A-Z0-9]")
TABLE_HEADER = "| setting | environment | default | meaning |"


@dataclass(frozen=True)
class Section:
    """A part of the README under one heading, fenced blocks left out."""

    heading: str
    prose: str

    def commands(self) -> list[list[str]]:
        """The newsqa commands its heading names (none: the section is about all of them)."""
        return [words for span in CODE_SPAN.findall(self.heading) if (words := command(span))]

    def names_another_program(self) -> bool:
        return bool(CODE_SPAN.findall(self.heading)) and not self.commands()

    def flags(self) -> list[str]:
        """Flags named on their own in the prose: `--top-k N`, `-v`."""
        return [
            word
            for span in CODE_SPAN.findall(self.prose)
            if span.startswith("-")
            for word in shlex.split(span)
            if word.startswith("-")
        ]


def text() -> str:
    return README.read_text()


def command(line: str) -> list[str] | None:
    """The words of a newsqa command line, from ``newsqa`` on; None if it runs no newsqa."""
    if not COMMAND_LINE.match(line):
        return None
    words = shlex.split(line.removeprefix("$ "), comments=True)
    return words[words.index("newsqa") :]


def commands(readme: str) -> list[list[str]]:
    """Every newsqa command in the sh blocks and in code spans of the prose."""
    lines = [
        line.strip()
        for language, body in FENCE.findall(readme)
        if language == "sh"
        for line in body.splitlines()
    ]
    lines += CODE_SPAN.findall(FENCE.sub("", readme))
    return [words for line in lines if (words := command(line))]


def sections(readme: str) -> list[Section]:
    prose = FENCE.sub("", readme)
    starts = list(HEADING.finditer(prose))
    return [
        Section(match.group(1), prose[match.end() : ends.start() if ends else len(prose)])
        for match, ends in zip(starts, [*starts[1:], None], strict=True)
    ]


def settings_table(readme: str) -> dict[str, tuple[str, str]]:
    """The settings table as it renders: setting -> (environment variable, default)."""
    lines = readme[readme.index(TABLE_HEADER) :].splitlines()
    rows = {}
    for line in lines[2:]:
        if not line.startswith("|"):
            break  # a table ends at its first line that is not a row
        setting, variable, default = (cell.strip().strip("`") for cell in line.split("|")[1:4])
        rows[setting] = (variable, default)
    return rows


def variables(readme: str) -> set[str]:
    return set(VARIABLE.findall(readme))
