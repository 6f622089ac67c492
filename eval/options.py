"""What one ``newsqa eval`` run is asked to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EvalOptions:
    corpus: Path
    questions: Path
    out: Path
    limit: int | None = None
    sample: int | None = None
    seed: int = 0
    retrieval_only: bool = False
    resume: bool = False
    baseline: str | None = None
    use_titles: bool = False
    ragas: bool = False  # add RAGAS's non-LLM metrics (needs the ragas package)
    command: str = ""
