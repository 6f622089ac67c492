"""`newsqa eval` end to end on the shared datasets, with the real embedding model and SmolLM2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED_DATASETS

pytestmark = pytest.mark.slow

SQUAD = SHARED_DATASETS / "squad2-dev-500"
RGB = SHARED_DATASETS / "rgb-en-fact"


@pytest.fixture(autouse=True)
def _datasets_present() -> None:
    if not (SQUAD / "questions.jsonl").is_file():
        pytest.skip("the shared datasets are not beside the project")


def eval_args(dataset: Path, out: Path, *extra: str) -> list[str]:
    return [
        "eval",
        "--corpus",
        str(dataset / "corpus.jsonl"),
        "--questions",
        str(dataset / "questions.jsonl"),
        "--out",
        str(out),
        *extra,
    ]


def read_run(out: Path) -> tuple[list[dict], dict]:
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert (out / "report.md").read_text().startswith("#")
    assert "data:image/png;base64," in (out / "report.html").read_text()
    return rows, json.loads((out / "metrics.json").read_text())


def test_retrieval_only_over_squad_then_answers_with_smollm2(newsqa, tmp_path: Path):
    sample = ("--sample", "100", "--seed", "1")
    retrieval = newsqa(*eval_args(SQUAD, tmp_path / "retrieval", "--retrieval-only", *sample))
    assert retrieval.exit_code == 0, retrieval.output
    rows, saved = read_run(tmp_path / "retrieval")
    assert len(rows) == 100 and saved["metrics"]["questions"] == 100
    assert saved["metrics"]["failed"] == 0
    assert saved["metrics"]["recall@5"] > 0.9  # dense retrieval alone is above 0.94 here
    assert all(row["response"] == "" and len(row["retrieved_doc_ids"]) >= 10 for row in rows)

    answers = newsqa(
        *eval_args(
            SQUAD,
            tmp_path / "answers",
            "--sample",
            "5",
            "--seed",
            "3",
            "--llm-model",
            "smollm2-135m",
        )
    )
    assert answers.exit_code == 0, answers.output
    rows, saved = read_run(tmp_path / "answers")
    assert len(rows) == 5 and saved["run"]["llm"] == "smollm2-135m"
    for row in rows:
        ragas_fields = {"user_input", "response", "retrieved_contexts", "reference"}
        assert set(row) >= ragas_fields | {"scores", "timings"}
        assert row["retrieved_contexts"] and row["timings"]["first_token"] is not None
    assert saved["metrics"]["accuracy"] is not None
    assert saved["metrics"]["total_p50"] > 0

    compared = newsqa("eval", "compare", str(tmp_path / "retrieval"), str(tmp_path / "answers"))
    assert compared.exit_code == 0, compared.output
    assert "recall@5" in compared.stdout and "accuracy" in compared.stdout


def test_llamaindex_default_baseline_runs_on_the_same_data(newsqa, tmp_path: Path):
    result = newsqa(
        *eval_args(
            RGB,
            tmp_path / "baseline",
            "--baseline",
            "llamaindex-default",
            "--limit",
            "3",
            "--llm-model",
            "smollm2-135m",
        )
    )
    assert result.exit_code == 0, result.output
    rows, saved = read_run(tmp_path / "baseline")
    assert saved["run"]["pipeline"] == "llamaindex-default"
    assert len(rows) == 3 and not any(row["failed"] for row in rows)
    # as_query_engine() default top-k
    assert all(len(row["retrieved_contexts"]) == 2 for row in rows)


@pytest.mark.parametrize("retrieval_only", [False, True])
def test_answers_are_timed_on_a_warmed_up_pipeline(tmp_path: Path, monkeypatch, retrieval_only):
    """As a running server, the evaluated pipeline loads its models and evaluates its fixed
    instructions before the first question, so the first question is timed as the rest."""
    from eval.options import EvalOptions
    from eval.pipelines import build_pipeline
    from rag.app import Newsqa
    from rag.settings import load_settings

    warmed: list[Newsqa] = []
    monkeypatch.setattr(Newsqa, "warm_up", lambda app: warmed.append(app))
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "d1", "text": "Tampa hosted Super Bowl LV in February."}\n')
    options = EvalOptions(
        corpus=corpus,
        questions=corpus,
        out=tmp_path / "run",
        command="newsqa eval",
        retrieval_only=retrieval_only,
    )
    settings = load_settings().model_copy(update={"data_dir": tmp_path / "data"})
    build_pipeline(settings, options)
    assert len(warmed) == (0 if retrieval_only else 1)
