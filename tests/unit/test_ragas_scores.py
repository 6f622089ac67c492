"""RAGAS's non-LLM metrics over results.jsonl rows, and ``newsqa eval --ragas`` end to end."""

from __future__ import annotations

import ast
import asyncio
import json
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from eval.datasets import Question
from eval.ragas_scores import INSTALL_COMMAND, MEASURES, RagasScorer, ragas_records
from eval.runner import evaluate_question
from rag.errors import NewsqaError
from tests.conftest import MODEL_CACHE
from tests.fakes import ScriptedChatModel
from tests.harness import fake_app
from ui.cli import cli

REPO = Path(__file__).resolve().parents[2]
TAMPA = "Tampa hosted Super Bowl LV in February 2021 at Raymond James Stadium."
CHIEFS = "The Kansas City Chiefs lost the game to the Tampa Bay Buccaneers."
GOLD_TEXTS = {"d1": TAMPA, "d2": CHIEFS, "d3": "An article about the weather in Oslo in May."}


class ReplyPipeline:
    """A fixed response to each question, after retrieving TAMPA and CHIEFS."""

    def __init__(self, responses: dict[str, str]) -> None:
        self.responses = responses

    def run(self, question: str, retrieval_only: bool) -> dict:
        row = {"retrieved_contexts": [TAMPA, CHIEFS], "retrieved_doc_ids": ["d1", "d2"]}
        return row if retrieval_only else row | {"response": self.responses[question]}


# Each question's reference answer and gold document.
REFERENCES = {"Where was Super Bowl LV?": ("Tampa", "d1"), "Who won it?": ("Buccaneers", "d3")}


def rows_for(responses: dict[str, str], retrieval_only: bool = False) -> list[dict]:
    """results.jsonl rows as the runner writes them, for the questions ``responses`` answers."""
    questions = [
        Question(id=f"q{n}", question=q, answers=[reference], gold_doc_ids=[gold])
        for n, (q, (reference, gold)) in enumerate(REFERENCES.items())
        if q in responses
    ]
    pipeline = ReplyPipeline(responses)
    return [evaluate_question(pipeline, question, retrieval_only) for question in questions]


@pytest.fixture(scope="module")
def scorer() -> RagasScorer:
    return RagasScorer()


def scores_of(scorer: RagasScorer, rows: list[dict]) -> dict[str, dict]:
    return scorer.score(rows, GOLD_TEXTS)["scores"]


def test_rows_load_into_a_ragas_evaluation_dataset(scorer: RagasScorer) -> None:
    import ragas

    rows = rows_for({"Where was Super Bowl LV?": "Tampa", "Who won it?": "The Chiefs"})
    dataset = ragas.EvaluationDataset.from_list(ragas_records(rows, GOLD_TEXTS))
    assert len(dataset) == 2
    assert set(dataset.features()) == {
        "user_input",
        "response",
        "reference",
        "retrieved_contexts",
        "reference_contexts",
    }
    first = dataset.samples[0]
    assert first.user_input == "Where was Super Bowl LV?" and first.reference == "Tampa"
    assert first.response == "Tampa" and first.reference_contexts == [TAMPA]


def test_identical_response_scores_one_and_an_unrelated_one_low(scorer: RagasScorer) -> None:
    same = scores_of(scorer, rows_for({"Where was Super Bowl LV?": "Tampa"}))
    assert {name: same[name]["mean"] for name in MEASURES if name != "bleu_score"} == {
        "non_llm_string_similarity": 1.0,
        "rouge_score": 1.0,
        "exact_match": 1.0,
        "string_present": 1.0,
        "non_llm_context_recall": 1.0,
    }
    assert all(score["n"] == 1 for score in same.values())

    unrelated = scores_of(scorer, rows_for({"Who won it?": "The Chiefs lost, sadly."}))
    assert unrelated["non_llm_string_similarity"]["mean"] < 0.5
    assert unrelated["rouge_score"]["mean"] == 0.0 and unrelated["bleu_score"]["mean"] == 0.0
    assert unrelated["exact_match"]["mean"] == 0.0 and unrelated["string_present"]["mean"] == 0.0
    assert unrelated["non_llm_context_recall"]["mean"] == 0.0, "the Oslo article was not retrieved"


def test_string_presence_and_rouge_reward_an_answer_inside_a_sentence(scorer) -> None:
    rows = rows_for({"Where was Super Bowl LV?": "It was played in Tampa, Florida [1]."})
    scores = scores_of(scorer, rows)
    assert scores["string_present"]["mean"] == 1.0 and scores["exact_match"]["mean"] == 0.0
    assert 0.0 < scores["rouge_score"]["mean"] < 1.0


def test_means_count_each_scored_row_and_failed_rows_are_left_out(scorer) -> None:
    rows = rows_for({"Where was Super Bowl LV?": "Tampa", "Who won it?": "Chiefs"})
    rows.append(rows[0] | {"id": "q9", "failed": True, "response": ""})
    scores = scores_of(scorer, rows)
    assert scores["exact_match"] == {"mean": 0.5, "n": 2}
    assert scores["non_llm_context_recall"] == {"mean": 0.5, "n": 2}


def test_retrieval_only_rows_score_context_recall_and_say_why_answers_are_not(scorer) -> None:
    rows = rows_for({"Where was Super Bowl LV?": ""}, retrieval_only=True)
    scores = scores_of(scorer, rows)
    assert scores["non_llm_context_recall"] == {"mean": 1.0, "n": 1}
    assert scores["exact_match"]["n"] == 0 and scores["exact_match"]["mean"] is None
    assert "retrieval-only" in scores["exact_match"]["skipped"]
    no_gold = scorer.score(rows, {})["scores"]["non_llm_context_recall"]
    assert no_gold["n"] == 0 and "gold documents" in no_gold["skipped"]


def test_a_row_shown_no_passage_has_context_recall_zero(scorer) -> None:
    abstained = rows_for({"Where was Super Bowl LV?": "I don't know."})[0]
    abstained |= {"abstained": True, "retrieved_contexts": []}
    scores = scores_of(scorer, [abstained])
    assert scores["non_llm_context_recall"] == {"mean": 0.0, "n": 1}
    assert scores["string_present"] == {"mean": 0.0, "n": 1}


def test_scoring_sends_nothing_over_the_network(scorer, monkeypatch) -> None:
    from ragas import _analytics

    sent: list[object] = []
    monkeypatch.setattr(_analytics.requests, "post", lambda *args, **kw: sent.append(args))
    scores_of(scorer, rows_for({"Where was Super Bowl LV?": "Tampa"}))
    _analytics._analytics_batcher.flush()
    assert sent == []


def test_without_ragas_the_error_says_how_to_install_it(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "ragas", None)
    with pytest.raises(NewsqaError, match=r"pip install ragas==\d"):
        RagasScorer()


def test_the_install_command_names_the_pinned_versions() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pins = set(pyproject["project"]["optional-dependencies"]["dev"])
    named = set(INSTALL_COMMAND.removeprefix("pip install ").split())
    assert named <= pins and any(pin.startswith("ragas==") for pin in named)


def test_only_the_ragas_module_imports_ragas_and_only_inside_a_function() -> None:
    importers = []
    for path in [*REPO.glob("eval/*.py"), *REPO.glob("ui/*.py"), *REPO.glob("rag/**/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = set(map(id, tree.body))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(name.split(".")[0] == "ragas" for name in names):
                importers.append((path.relative_to(REPO).as_posix(), id(node) in top_level))
    assert importers and all(place == ("eval/ragas_scores.py", False) for place in importers)


def _dataset(folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    corpus = folder / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in GOLD_TEXTS.items())
    )
    questions = folder / "questions.jsonl"
    lines = [
        {"id": f"q{n}", "question": q, "answers": [ref], "gold_doc_ids": [gold]}
        for n, (q, (ref, gold)) in enumerate(REFERENCES.items())
    ]
    questions.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return corpus, questions


def test_eval_with_ragas_adds_the_ragas_section(tmp_path: Path, monkeypatch) -> None:
    model = ScriptedChatModel(f"{TAMPA[:-1]} [1].", "The Kansas City Chiefs lost the game [1].")
    monkeypatch.setattr(
        "eval.pipelines.corpus_app", lambda settings, options, **_: fake_app(settings, model=model)
    )
    corpus, questions = _dataset(tmp_path / "set")
    out = tmp_path / "run"
    args = ["eval", "--corpus", str(corpus), "--questions", str(questions), "--out", str(out)]
    env = {"NEWSQA_DATA_DIR": str(tmp_path / "data"), "NEWSQA_MODEL_CACHE_DIR": str(MODEL_CACHE)}
    result = CliRunner().invoke(cli, [*args, "--ragas"], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output

    saved = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert saved["metrics"]["failed"] == 0 and saved["metrics"]["questions"] == 2
    assert saved["ragas"]["ragas_version"] == "0.4.3"
    scores = saved["ragas"]["scores"]
    assert set(scores) == set(MEASURES)
    assert all(scores[name]["n"] == 2 for name in MEASURES), scores
    assert scores["string_present"]["mean"] == 0.5, "Tampa is in the first reply, not Buccaneers"
    assert "RAGAS non-LLM metrics" in (out / "report.md").read_text(encoding="utf-8")
    assert "<td>string_present</td><td>0.500</td><td>2</td>" in (out / "report.html").read_text()


def test_eval_with_ragas_missing_stops_before_any_question(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "ragas", None)
    corpus, questions = _dataset(tmp_path / "set")
    out = tmp_path / "run"
    args = ["eval", "--corpus", str(corpus), "--questions", str(questions), "--out", str(out)]
    result = CliRunner().invoke(cli, [*args, "--ragas"], env={"NEWSQA_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 1 and "pip install ragas==" in result.output
    assert not (out / "results.jsonl").exists()


def test_scoring_works_where_an_event_loop_is_already_running(scorer: RagasScorer) -> None:
    async def inside_a_loop() -> dict:
        return scores_of(scorer, rows_for({"Where was Super Bowl LV?": "Tampa"}))

    with ThreadPoolExecutor(max_workers=1) as thread:  # a thread of its own: no loop yet
        scores = thread.submit(asyncio.run, inside_a_loop()).result()
    assert scores["exact_match"]["mean"] == 1.0
