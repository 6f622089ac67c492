"""The config files newsqa reads, and what they may hold.

Two files at most, lowest precedence first: the user's
(``$XDG_CONFIG_HOME/newsqa/newsqa.toml``, ``~/.config`` by default), then
``newsqa.toml`` in the working directory or the file ``--config`` names.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.errors import NewsqaError
from rag.user_dirs import user_config_dir

PROJECT_CONFIG_FILE = Path("newsqa.toml")
# Environment only; never shown in messages. Dotted names are fields of a section.
SECRET_FIELDS = frozenset({"auth", "llm_api_key", "embed_api_key", "vector_store.token"})


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    table: dict[str, Any]

    def sets(self, location: tuple[str | int, ...]) -> bool:
        """Whether the file sets the setting at ``location`` (a field, or a section's field)."""
        value: Any = self.table
        for part in location:
            if not isinstance(value, dict) or part not in value:
                return False
            value = value[part]
        return True


def user_config_file() -> Path:
    return user_config_dir() / "newsqa.toml"


def config_files(explicit: Path | None = None) -> list[ConfigFile]:
    """The config files that apply, highest precedence first, each read and checked."""
    if explicit is not None and not explicit.is_file():
        raise NewsqaError(f"Config file not found: {explicit}")
    project = explicit or PROJECT_CONFIG_FILE
    return [_read(path) for path in (project, user_config_file()) if path.is_file()]


def _read(path: Path) -> ConfigFile:
    try:
        table = tomllib.loads(path.read_text())
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise NewsqaError(f"Config file {path} cannot be read: {exc}") from exc
    config = ConfigFile(path, table)
    _refuse_secrets(config)
    return config


def _refuse_secrets(config: ConfigFile) -> None:
    """Secrets are read from the environment only, never from a file that may be shared."""
    for key in sorted(SECRET_FIELDS):
        if config.sets(tuple(key.split("."))):
            raise NewsqaError(
                f"{config.path} sets {key!r}, a secret: remove it from the file and set "
                f"NEWSQA_{key.upper().replace('.', '__')} in the environment instead."
            )
