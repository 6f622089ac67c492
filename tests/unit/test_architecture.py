"""The shape of the code: imports flow one way, no cycles, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("rag", "ingest", "ui", "eval")
MAX_LINES = 300
# What each package may import from the others: ui -> rag; ingest writes through rag.
ALLOWED = {
    "rag": set(),
    "ingest": {"rag"},
    "eval": {"rag", "ingest"},
    "ui": {"rag", "ingest", "eval"},
}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            name = ".".join(path.relative_to(REPO).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules imported by ``path`` (at any depth: lazy imports count too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found |= {name for name in names if name in modules}
    return found


def test_imports_flow_one_way() -> None:
    modules = _modules()
    wrong = []
    for name, path in modules.items():
        package = name.split(".")[0]
        for imported in _imports(path, modules):
            other = imported.split(".")[0]
            if other != package and other not in ALLOWED[package]:
                wrong.append(f"{name} imports {imported}")
    assert wrong == []


def test_only_the_ui_imports_gradio() -> None:
    for name, path in _modules().items():
        tops = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                tops |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                tops.add(node.module.split(".")[0])
        assert name.startswith("ui.") or "gradio" not in tops, name


def test_no_import_cycles() -> None:
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycle = trail[trail.index(nxt) :] + [nxt] if nxt in trail else [node, nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_modules_stay_small() -> None:
    long = {
        name: lines
        for name, path in _modules().items()
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_command_line_starts_without_spacy_torch_or_llama_index() -> None:
    """spaCy (and torch, which it brings) and llama-index take seconds to import: a command
    that reads no question ("newsqa list", "newsqa --help") never pays for them."""
    import subprocess
    import sys

    heavy = "{'spacy', 'torch', 'llama_index.core'}"
    probe = f"import sys, ui.cli; print(sorted({heavy} & set(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout
