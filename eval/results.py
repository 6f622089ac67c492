"""results.jsonl, the per-question rows of an evaluation run: writing and reading them.

Rows carry RAGAS's current field names (``user_input``, ``response``,
``retrieved_contexts``, ``reference``) beside newsqa's own, so a run's rows load
into ``ragas.EvaluationDataset`` as they are. Runs written before used the names
of RAGAS 0.1 (``question``, ``answer``, ``contexts``, ``ground_truth``); reading
renames those, so ``--resume`` and the reports work on older runs too.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import IO, Any

from rag.errors import NewsqaError

log = logging.getLogger(__name__)

RESULTS_FILE = "results.jsonl"
CURRENT_NAMES = {
    "question": "user_input",
    "answer": "response",
    "contexts": "retrieved_contexts",
    "ground_truth": "reference",
}


def with_current_names(row: dict[str, Any]) -> dict[str, Any]:
    """The row with RAGAS 0.1 field names replaced by today's; a current row is returned as is."""
    if not CURRENT_NAMES.keys() & row.keys():
        return row
    return {CURRENT_NAMES.get(name, name): value for name, value in row.items()}


def row_line(row: dict[str, Any]) -> str:
    """One row as its results.jsonl line."""
    return json.dumps(row, ensure_ascii=False) + "\n"


def append_row(results: IO[str], row: dict[str, Any]) -> None:
    """Write a row and flush it, so an interrupted run keeps every finished question."""
    results.write(row_line(row))
    results.flush()


def load_results(run_dir: Path) -> list[dict]:
    """Read results.jsonl in current names; a half-written last line (an interrupted run) is
    skipped."""
    path = Path(run_dir) / RESULTS_FILE
    if not path.exists():
        return []
    lines = [(i, ln) for i, ln in enumerate(path.read_text("utf-8").splitlines(), 1) if ln.strip()]
    rows: list[dict] = []
    for pos, (lineno, line) in enumerate(lines):
        try:
            rows.append(with_current_names(json.loads(line)))
        except json.JSONDecodeError as exc:
            if pos == len(lines) - 1:
                log.warning("Skipping truncated last line %d of %s", lineno, path)
                break
            raise NewsqaError(f"{path} line {lineno} is not valid JSON: {exc}") from exc
    return rows
