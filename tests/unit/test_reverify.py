"""Replaying an eval run needs the run's stored model replies."""

from __future__ import annotations

import json
import sys

import pytest

from benchmarks import reverify


def test_a_run_without_stored_replies_is_refused(tmp_path, monkeypatch, capsys) -> None:
    run = tmp_path / "run"
    run.mkdir()
    (run / "metrics.json").write_text(json.dumps({"run": {"corpus": "c", "questions": "q"}}))
    monkeypatch.setattr(sys, "argv", ["reverify", str(run), "--out", str(tmp_path / "out")])
    with pytest.raises(SystemExit):
        reverify.main()
    assert "holds no model replies" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
