"""Unit tests for eval.report and eval.compare on small hand-made runs."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from eval.compare import compare_runs, format_delta
from eval.metrics import summarize
from eval.report import format_value, write_reports
from rag.errors import NewsqaError

COMMAND = "newsqa eval --dataset rgb-en-fact --limit 4 --out runs/a"
SCRIPT = "<script>alert(1)</script>"
PNG_SRC = re.compile(r'<img [^>]*src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


def _row(qid: str, **overrides: object) -> dict:
    row: dict = {
        "id": qid,
        "user_input": f"Question {qid}?",
        "response": "",
        "abstained": False,
        "citations": [],
        "retrieved_contexts": [],
        "retrieved_doc_ids": [],
        "reference": "",
        "answers": [],
        "answerable": True,
        "gold_doc_ids": [],
        "cited_doc_ids": [],
        "cited_texts": [],
        "scores": {},
        "timings": {"retrieval": 0.05, "first_token": 0.5, "total": 1.0},
        "usage": {"prompt_tokens": 400, "completion_tokens": 20},
        "scored_answers": True,
        "failed": False,
        "error": None,
    }
    row.update(overrides)
    return row


def _rows(scored: bool = True) -> list[dict]:
    """Correct, wrong (with a script tag), unanswerable abstained, failed: recall@5 = 2/3."""
    return [
        _row(
            "q1",
            response="The capital is Paris [1].",
            answers=["Paris"],
            retrieved_doc_ids=["d1", "d1", "d2"],
            gold_doc_ids=["d1"],
            cited_doc_ids=["d1"],
            cited_texts=["Paris is the capital of France."],
            timings={"retrieval": 0.04, "first_token": 0.4, "total": 1.5},
            scored_answers=scored,
        ),
        _row(
            "q2",
            response=f"{SCRIPT} Lyon",
            answers=["Berlin", "Berlin, Germany"],
            retrieved_doc_ids=["d5", "d6", "d7", "d8", "d9", "d3"],
            gold_doc_ids=["d3"],
            timings={"retrieval": 0.06, "first_token": 0.6, "total": 2.5},
            scored_answers=scored,
        ),
        _row(
            "q3",
            response="I cannot answer that from these articles.",
            abstained=True,
            answerable=False,
            retrieved_doc_ids=["d2"],
            scored_answers=scored,
        ),
        _row(
            "q4",
            failed=True,
            error="LLM timed out <after 30s>",
            answers=["42"],
            retrieved_doc_ids=["d4"],
            gold_doc_ids=["d4"],
            timings={"retrieval": 0.05, "first_token": None, "total": None},
            scored_answers=scored,
        ),
    ]


def _run(**overrides: object) -> dict:
    run = {
        "pipeline": "newsqa",
        "dataset": "rgb-en-fact",
        "llm": "qwen2.5-coder-1.5b",
        "retrieval_only": False,
        "seed": 0,
        "top_k": 4,
        "command": COMMAND,
    }
    run.update(overrides)
    return run


def _pngs(page: str) -> list[bytes]:
    return [base64.b64decode(m) for m in PNG_SRC.findall(page)]


def test_write_reports_creates_files_and_metrics_json(tmp_path: Path) -> None:
    rows = _rows()
    metrics = write_reports(tmp_path / "out", _run(), rows)
    out = tmp_path / "out"
    for name in ("metrics.json", "report.md", "report.html"):
        assert (out / name).is_file()
    saved = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert saved["metrics"] == summarize(rows) == metrics
    assert saved["run"]["command"] == COMMAND


def test_markdown_has_command_formatted_metrics_and_listings(tmp_path: Path) -> None:
    write_reports(tmp_path, _run(), _rows())
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# ") and "newsqa" in md.splitlines()[0]
    assert "rgb-en-fact" in md.splitlines()[0]
    assert COMMAND in md
    assert "- retrieval_only: False" in md and "- seed: 0" in md
    assert "| recall@5 | 0.667 |" in md
    assert "| recall@10 | 1.000 |" in md
    assert "| accuracy | 0.333 |" in md
    assert "| total_p50 | 1.50 |" in md
    assert "| prompt_tokens_mean | 400.0 |" in md
    assert "| questions | 4 |" in md and "| failed | 1 |" in md
    assert "LLM timed out <after 30s>" in md
    wrong = md.split("## Wrong answers", 1)[1]
    assert "Question q2?" in wrong and "Berlin | Berlin, Germany" in wrong
    assert "Question q1?" not in wrong and "Question q4?" not in wrong


def test_html_is_self_contained_with_three_plots_and_escaped_text(tmp_path: Path) -> None:
    write_reports(tmp_path, _run(), _rows())
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    pngs = _pngs(page)
    assert len(pngs) == 3
    assert all(p.startswith(b"\x89PNG\r\n\x1a\n") for p in pngs)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;after 30s&gt;" in page
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert "http://" not in page and "https://" not in page
    assert "<td>recall@5</td><td>0.667</td>" in page
    assert COMMAND in page


def test_retrieval_only_run_has_two_plots_and_no_answer_metrics(tmp_path: Path) -> None:
    rows = _rows(scored=False)
    metrics = write_reports(tmp_path, _run(retrieval_only=True, llm=None), rows)
    assert "accuracy" not in metrics
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert len(_pngs(page)) == 2
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| accuracy | – |" in md
    assert "| recall@5 | 0.667 |" in md
    assert "Question q2?" not in md.split("## Wrong answers", 1)[1]
    assert "not scored" in md.split("## Wrong answers", 1)[1]
    assert "not scored" in page


def test_listings_are_capped_at_ten(tmp_path: Path) -> None:
    rows = [_row(f"f{i:02d}", failed=True, error=f"boom {i}") for i in range(12)]
    rows += [_row(f"w{i:02d}", response="no idea", answers=["Paris"]) for i in range(12)]
    write_reports(tmp_path, _run(), rows)
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "boom 9" in md and "boom 10" not in md
    assert "Question w09?" in md and "Question w10?" not in md


def test_ragas_scores_get_a_table_saying_what_each_measures(tmp_path: Path) -> None:
    write_reports(tmp_path / "plain", _run(), _rows())
    assert "ragas" not in json.loads((tmp_path / "plain" / "metrics.json").read_text())
    assert "RAGAS" not in (tmp_path / "plain" / "report.md").read_text(encoding="utf-8")
    skipped = {"mean": None, "n": 0, "skipped": "no row has gold documents found in the corpus"}
    ragas = {
        "ragas_version": "0.4.3",
        "scores": {"exact_match": {"mean": 0.5, "n": 2}, "non_llm_context_recall": skipped},
    }
    write_reports(tmp_path, _run(), _rows(), ragas)
    assert json.loads((tmp_path / "metrics.json").read_text())["ragas"] == ragas
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "## RAGAS non-LLM metrics (ragas 0.4.3)" in md
    assert "| exact_match | 0.500 | 2 | 1 when the response is the reference answer exactly" in md
    assert "| non_llm_context_recall | – | 0 | Share of" in md
    assert "Not scored: no row has gold documents found in the corpus." in md
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<td>exact_match</td><td>0.500</td><td>2</td><td>1 when" in page


def test_format_value_kinds() -> None:
    assert format_value("recall@5", 2 / 3) == "0.667"
    assert format_value("total_p95", 1.234) == "1.23"
    assert format_value("questions", 12) == "12"
    assert format_value("f1", None) == "–"


def _write_metrics(run_dir: Path, run: dict, metrics: dict) -> Path:
    run_dir.mkdir(parents=True)
    (run_dir / "metrics.json").write_text(json.dumps({"run": run, "metrics": metrics}))
    return run_dir


def _table(text: str) -> dict[str, list[str]]:
    return {parts[0]: parts[1:] for line in text.splitlines() if len(parts := line.split()) == 4}


def test_compare_runs_deltas_and_headers(tmp_path: Path) -> None:
    a = _write_metrics(
        tmp_path / "a",
        _run(),
        {"recall@5": 0.5, "total_p50": 2.5, "accuracy": 0.4, "questions": 10},
    )
    b = _write_metrics(
        tmp_path / "b",
        _run(pipeline="llamaindex-default"),
        {"recall@5": 0.512, "total_p50": 1.2, "f1": 0.3, "questions": 12},
    )
    text = compare_runs(a, b)
    table = _table(text)
    assert table["recall@5"] == ["0.500", "0.512", "+0.012"]
    assert table["total_p50"] == ["2.50", "1.20", "\u22121.30"]
    assert table["accuracy"] == ["0.400", "–", "–"]
    assert table["f1"] == ["–", "0.300", "–"]
    assert table["questions"] == ["10", "12", "+2"]
    header = text.splitlines()[:2]
    assert "pipeline=newsqa" in header[0] and "pipeline=llamaindex-default" in header[1]
    assert "llm=qwen2.5-coder-1.5b" in header[0] and "retrieval_only=False" in header[0]
    assert "rgb-en-fact" in header[1]
    names = list(table)
    assert names.index("recall@5") < names.index("accuracy") < names.index("total_p50")


def test_compare_runs_on_written_reports(tmp_path: Path) -> None:
    write_reports(tmp_path / "a", _run(), _rows())
    write_reports(tmp_path / "b", _run(), _rows()[:2])
    table = _table(compare_runs(tmp_path / "a", tmp_path / "b"))
    assert table["recall@5"] == ["0.667", "0.500", "\u22120.167"]
    assert table["failed"] == ["1", "0", "\u22121"]


def test_format_delta_zero_has_no_negative_sign() -> None:
    assert format_delta("recall@5", 0.5, 0.4999) == "+0.000"
    assert format_delta("recall@5", None, 0.5) == "–"


def test_compare_runs_missing_metrics_raises(tmp_path: Path) -> None:
    good = _write_metrics(tmp_path / "good", _run(), {"recall@5": 0.5})
    with pytest.raises(NewsqaError, match="metrics.json"):
        compare_runs(good, tmp_path / "nowhere")
    with pytest.raises(NewsqaError, match="metrics.json"):
        compare_runs(tmp_path / "nowhere", good)
