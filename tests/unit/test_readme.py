"""The README describes the product as it is: every command and flag it shows exists, and
its settings table is the settings of rag/settings.py, with their variables and defaults."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rag.settings import Settings, VectorStoreSettings, load_settings
from tests import readme
from ui.cli import cli

OPTION_ROW = re.compile(r"^  (-.*?)(?:\s{2,}|$)")
COMMAND_ROW = re.compile(r"^  ([\w-]+)(?:\s{2,}|$)")
FLAG = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")


@dataclass(frozen=True)
class Help:
    """What ``newsqa ... --help`` lists: each option (and whether it takes a value), commands."""

    options: dict[str, bool]
    commands: frozenset[str]


@functools.cache
def help_of(path: tuple[str, ...]) -> Help:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, f"newsqa {' '.join(path)} --help: {result.output}"
    options, commands, section = {}, set(), ""
    for line in result.output.splitlines():
        if line and not line.startswith(" "):
            section = line
        elif section == "Options:" and (row := OPTION_ROW.match(line)):
            names = FLAG.findall(row.group(1))
            takes_value = bool(FLAG.sub("", row.group(1)).strip(" ,/"))
            options |= dict.fromkeys(names, takes_value)
        elif section == "Commands:" and (row := COMMAND_ROW.match(line)):
            commands.add(row.group(1))
    return Help(options, frozenset(commands))


def every_command(path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    return [path] + [
        c for sub in sorted(help_of(path).commands) for c in every_command((*path, sub))
    ]


def flag_name(word: str) -> str:
    """``--top-k=3`` is ``--top-k``; ``-vv`` is ``-v`` given twice."""
    word = word.split("=", 1)[0]
    return word[:2] if re.fullmatch(r"-([A-Za-z])\1+", word) else word


def problems_of(words: list[str]) -> list[str]:
    """What is wrong with one newsqa command line: unknown commands and flags."""
    path: tuple[str, ...] = ()
    problems, rest = [], iter(words[1:])
    for word in rest:
        known = help_of(path)
        if word.startswith("-"):
            flag = flag_name(word)
            if flag not in known.options:
                problems.append(f"`newsqa {' '.join(path)}` has no {flag}")
            elif known.options[flag] and "=" not in word:
                next(rest, None)
        elif word in known.commands:
            path = (*path, word)
        elif not path and word != "...":
            problems.append(f"newsqa has no command {word!r}")
    return [f"{' '.join(words)}: {problem}" for problem in problems]


def test_the_cli_entry_point_is_the_one_tested() -> None:
    project = tomllib.loads((readme.README.parent / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["newsqa"] == "ui.cli:main"


def test_every_command_shown_exists_with_its_flags() -> None:
    commands = readme.commands(readme.text())
    assert len(commands) > 20  # the parser still finds them
    assert [problem for words in commands for problem in problems_of(words)] == []


def test_flags_named_in_the_prose_are_flags_of_the_commands_they_describe() -> None:
    everywhere = {flag for path in every_command() for flag in help_of(path).options}
    problems = []
    for section in readme.sections(readme.text()):
        if section.names_another_program():
            continue
        paths = [tuple(words[1:2]) for words in section.commands()]
        known = (
            {flag for path in [(), *paths] for flag in help_of(path).options}
            if paths
            else everywhere
        )
        problems += [
            f"{section.heading}: {flag}" for flag in section.flags() if flag_name(flag) not in known
        ]
    assert problems == []


def test_every_flag_that_sets_a_setting_is_documented() -> None:
    text = readme.text()
    undocumented = {
        flag
        for path in every_command()
        for flag in help_of(path).options
        if flag.removeprefix("--").replace("-", "_") in Settings.model_fields
        and not re.search(rf"(?<![\w-]){flag}(?![\w-])", text)
    }
    assert undocumented == set()


def code_settings() -> list[str]:
    top = [name for name in Settings.model_fields if name != "vector_store"]
    return top + [f"vector_store.{name}" for name in VectorStoreSettings.model_fields]


def variable_of(setting: str) -> str:
    return "NEWSQA_" + setting.upper().replace(".", "__")


def test_the_settings_table_lists_every_setting_and_no_other() -> None:
    table = readme.settings_table(readme.text())
    assert {
        "missing": set(code_settings()) - set(table),
        "not in the code": set(table) - set(code_settings()),
    } == {"missing": set(), "not in the code": set()}
    assert {name: variable for name, (variable, _) in table.items()} == {
        name: variable_of(name) for name in table
    }


def test_every_variable_named_is_a_setting() -> None:
    assert readme.variables(readme.text()) - {variable_of(s) for s in code_settings()} == set()


def shows(shown: str, value: Any) -> bool:
    """Whether the table's default ``shown`` is ``value``."""
    if value is None or isinstance(value, bool):
        return shown == str(value).lower()
    if isinstance(value, int | float):
        return re.fullmatch(r"[\d.]+", shown) is not None and float(shown) == value
    if isinstance(value, Path):
        return Path(shown).expanduser() == value
    return shown == value


def test_the_defaults_shown_are_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    settings = load_settings()
    effective = {"model_cache_dir": settings.models_dir}  # None means the per-user cache
    wrong = {}
    for name, (_, shown) in readme.settings_table(readme.text()).items():
        section, _, field = name.rpartition(".")
        value = effective.get(
            name, getattr(getattr(settings, section) if section else settings, field)
        )
        if not shows(shown, value):
            wrong[name] = (shown, value)
    assert wrong == {}


def test_how_it_is_built_names_every_module() -> None:
    """A newcomer reads the map of the code first: no module may be missing from it."""
    built = readme.text().split("### How it is built", 1)[1].split("\n## ", 1)[0]
    root = Path(readme.README).parent
    modules = [
        path
        for package in ("rag", "ingest", "ui", "eval")
        for path in sorted((root / package).rglob("*.py"))
        if path.name != "__init__.py"
    ]
    missing = [str(p.relative_to(root)) for p in modules if f"`{p.name}`" not in built]
    assert not missing, f"not in README's How it is built: {missing}"
