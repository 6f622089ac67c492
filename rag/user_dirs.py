"""newsqa's per-user folders, where the XDG base directory variables put them."""

from __future__ import annotations

import os
from pathlib import Path


def user_dir(variable: str, *default: str) -> Path:
    """``$VARIABLE/newsqa``, or ``~/<default>/newsqa`` when the variable is unset or empty."""
    base = os.environ.get(variable) or Path.home().joinpath(*default)
    return Path(base) / "newsqa"


def user_config_dir() -> Path:
    return user_dir("XDG_CONFIG_HOME", ".config")


def user_cache_dir() -> Path:
    return user_dir("XDG_CACHE_HOME", ".cache")


def user_data_dir() -> Path:
    return user_dir("XDG_DATA_HOME", ".local", "share")
