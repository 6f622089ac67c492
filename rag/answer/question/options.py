"""Multiple-choice questions: the options they list, and the option a reply names."""

from __future__ import annotations

import re

OPTIONS = re.compile(r"\boptions?\s*:\s*(?P<list>.+?)\s*$", re.IGNORECASE | re.DOTALL)
_OPTION_LABEL = re.compile(r"^\s*(?:\(?[A-Da-d][.):]\s+)")


def parse_options(text: str) -> tuple[str, ...]:
    """The choices of a multiple-choice question ("... Options: A; B; C; D.")."""
    match = OPTIONS.search(text)
    if not match:
        return ()
    listed = match.group("list").strip().rstrip(".")
    parts = [p for p in re.split(r"\s*;\s*|\s*\n\s*", listed) if p.strip()]
    if len(parts) < 2:
        return ()
    return tuple(_OPTION_LABEL.sub("", p).strip().rstrip(".") for p in parts)


def without_options(text: str) -> str:
    """The question without its list of options."""
    match = OPTIONS.search(text)
    return text[: match.start()].strip() if match and parse_options(text) else text


def chosen_options(options: tuple[str, ...], text: str) -> list[str]:
    """The options ``text`` names: written out, or by the words that set one apart.

    "$7 million" is named by "$7 million" (not by "million", which every option
    shares); "William, Prince of Wales" by "Prince William".
    """
    said = _words(text)
    named = [o for o in options if _words(o) and f" {_words(o)} " in f" {said} "]
    if named:  # "Category 5" inside "Category 50" does not name it twice
        return [o for o in named if not any(o != p and _words(o) in _words(p) for p in named)]
    words = [set(_words(o).split()) for o in options]
    named = []
    for option, own in zip(options, words, strict=True):
        others = set().union(*(w for w in words if w is not own))
        apart = {w for w in own - others if len(w) > 2}
        if apart and apart <= set(said.split()):
            named.append(option)
    return named


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w$%]+", text.lower()))
