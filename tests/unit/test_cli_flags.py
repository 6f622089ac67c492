"""Settings flags of ``ask`` and ``chat`` reach the settings the answer is made with."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from rag.errors import NewsqaError
from rag.settings import Settings
from ui import cli as cli_module
from ui.cli import cli


@pytest.fixture
def built_with(monkeypatch: pytest.MonkeyPatch) -> list[Settings]:
    """The settings each command builds newsqa with; it stops there, before any model loads."""
    built: list[Settings] = []

    def record(settings: Settings) -> None:
        built.append(settings)
        raise NewsqaError("stopped before loading models")

    monkeypatch.setattr(cli_module, "Newsqa", record)
    return built


@pytest.mark.parametrize("command", [["ask", "Who met in Riyadh?"], ["chat"]])
def test_answer_flags_set_their_settings(command: list[str], built_with: list[Settings]) -> None:
    flags = ["--prompt-budget", "300", "--keep-unsupported", "--top-k", "3"]
    result = CliRunner().invoke(cli, [*command, *flags])
    assert "stopped before loading models" in result.output
    (settings,) = built_with
    assert (settings.prompt_budget, settings.keep_unsupported, settings.top_k) == (300, True, 3)


def test_flags_not_given_leave_the_config_file_in_charge(built_with: list[Settings]) -> None:
    Path("newsqa.toml").write_text("prompt_budget = 400\nkeep_unsupported = true\n")
    CliRunner().invoke(cli, ["ask", "Who met in Riyadh?"])
    CliRunner().invoke(cli, ["ask", "Who met in Riyadh?", "--drop-unsupported"])
    assert [(s.prompt_budget, s.keep_unsupported) for s in built_with] == [
        (400, True),
        (400, False),
    ]


def test_a_budget_below_the_minimum_is_refused_by_name(built_with: list[Settings]) -> None:
    result = CliRunner().invoke(cli, ["ask", "Who met in Riyadh?", "--prompt-budget", "50"])
    assert result.exit_code == 1
    assert "prompt_budget (a command-line flag)" in result.output
    assert built_with == []
