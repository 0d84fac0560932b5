"""The training versions rendered: papermill in practice and worked mode, and ``datadriver run --training``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest

from datadriver_utils.training import exercises_for
from tests.conftest import NOTEBOOKS, SAMPLE_DATA

pytestmark = pytest.mark.notebooks

TEAM = "maple-elementary-g3"
NOTEBOOK = "30_student_learning_cycles"


def _practice_output(node: nbformat.NotebookNode) -> list[dict]:
    cell = next(c for c in node.cells if "practice" in c.metadata.get("tags", []))
    return cell.outputs


def _render(mode: str, tmp_path: Path) -> nbformat.NotebookNode:
    return papermill.execute_notebook(
        str(NOTEBOOKS / f"{NOTEBOOK}.ipynb"), str(tmp_path / f"{mode}.ipynb"), cwd=str(NOTEBOOKS),
        parameters={"data_dir": str(SAMPLE_DATA), "team_id": TEAM, "training": mode, "learner": "",
                    "summary_dir": str(tmp_path / mode)},
        kernel_name="python3", progress_bar=False, execution_timeout=300)


def test_one_notebook_renders_in_practice_and_worked_mode(tmp_path: Path) -> None:
    n = len(exercises_for(NOTEBOOK))
    practice = _practice_output(_render("practice", tmp_path))
    views = [o for o in practice if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) == 1  # the exercises' box, live: a widget, not static answers
    assert f"Practice: {n} exercises" in json.dumps(practice) and "Answer:" not in json.dumps(practice)
    worked = _practice_output(_render("worked", tmp_path))
    html = "".join(o.get("data", {}).get("text/html", "") for o in worked)
    assert html.count("<b>Answer:</b>") == n and html.count("<b>Why:</b>") == n
    for exercise in exercises_for(NOTEBOOK):
        assert exercise.title in html


def _run(data: Path, *extra: str, cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "datadriver_utils.cli", "run", "--data", str(data), "--team", TEAM,
         "--notebook", f"{NOTEBOOK}.ipynb", "--jobs", "1", *extra],
        capture_output=True, text=True, timeout=600, cwd=cwd, env={**os.environ, "XDG_CACHE_HOME": str(cache)})


def test_run_training_renders_worked_answers_into_their_own_folder(sample_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "xdg"
    first = _run(sample_copy, "--training", cwd=tmp_path, cache=cache)
    assert first.returncode == 0, first.stderr
    report = tmp_path / "exports" / "training" / TEAM / f"{NOTEBOOK}.html"
    html = report.read_text(encoding="utf-8")
    assert html.count("<b>Answer:</b>") == len(exercises_for(NOTEBOOK)) and "Jasmine Ortiz" in html
    assert not (tmp_path / "exports" / TEAM).exists()  # the team's own reports are elsewhere
    again = _run(sample_copy, "--training", cwd=tmp_path, cache=cache)
    assert f"= {TEAM}: unchanged since" in again.stdout  # the training parameter is part of the run key
    # The same folder without --training: a different run key, so it renders again, without answers.
    plain = _run(sample_copy, "--out", str(tmp_path / "exports" / "training"), cwd=tmp_path, cache=cache)
    assert plain.returncode == 0 and f"✓ {TEAM}" in plain.stdout, plain.stderr
    assert "<b>Answer:</b>" not in report.read_text(encoding="utf-8")


def test_run_training_refuses_a_shared_audience(tmp_path: Path) -> None:
    done = _run(SAMPLE_DATA, "--training", "--audience", "district", cwd=tmp_path, cache=tmp_path / "xdg")
    assert done.returncode == 2 and "team view only" in done.stderr
    assert not (tmp_path / "exports").exists()
