"""The training README runs, and the learner's workspace is a private copy."""

from __future__ import annotations

from pathlib import Path

import nbformat
from click.testing import CliRunner
from nbclient import NotebookClient

from datadriver_utils.cli import main
from datadriver_utils.training import exercises_for
from datadriver_utils.training.progress import ProgressStore
from datadriver_utils.training.workspace import prepare_workspace
from tests.conftest import NOTEBOOKS, SAMPLE_DATA


def test_the_training_readme_shows_the_path_and_progress(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DATADRIVER_TRAINING_DIR", str(tmp_path / "home"))
    ProgressStore("ana").record("11.1", True)
    nb = nbformat.read(NOTEBOOKS / "training" / "README.ipynb", as_version=4)
    nb.cells[1].source = 'learner = "ana"'
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS / "training")}}).execute()
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))
    assert "Training path" in html and f"1 of {len(exercises_for('11_assessor'))}" in html
    assert "Run it yourself: 01_vision" in html


def test_workspace_is_a_private_copy_and_reset_starts_afresh(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DATADRIVER_TRAINING_DIR", str(tmp_path / "home"))
    workspace = prepare_workspace("Ana R", sample_data=SAMPLE_DATA)
    assert workspace.parent == tmp_path / "home"
    assert (workspace / "notebooks" / "11_assessor.ipynb").is_file()
    assert (workspace / "notebooks" / "training" / "README.ipynb").is_file()
    marker = workspace / "sample_data" / "teams" / "river-middle-g7-math" / "mine.txt"
    marker.write_text("a learner's save", encoding="utf-8")
    assert prepare_workspace("Ana R", sample_data=SAMPLE_DATA) == workspace and marker.exists()
    ProgressStore("Ana R").record("12.1", False)
    prepare_workspace("Ana R", reset=True, sample_data=SAMPLE_DATA)
    assert not marker.exists() and ProgressStore("Ana R").load() == {}


def test_cli_prepares_without_starting_lab(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DATADRIVER_TRAINING_DIR", str(tmp_path / "home"))
    result = CliRunner().invoke(main, ["training", "--learner", "bo", "--no-lab"])
    assert result.exit_code == 0, result.output
    workspace = Path(result.output.split(": ", 1)[1].splitlines()[0])
    assert (workspace / "sample_data" / "district.yml").is_file()
    bad = CliRunner().invoke(main, ["training", "--learner", "../x", "--no-lab"])
    assert bad.exit_code == 2 and "cannot be used" in bad.output
