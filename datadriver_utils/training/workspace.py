"""A learner's own copy of the workbook and the sample district, to practise without harm.

Practising means saving workshop answers and pressing the goal builder's Save: on the
committed sample district that would change files other people rely on.  So ``datadriver
training --learner NAME`` copies the notebooks and the sample data into the learner's private
training folder (next to their progress file) once, and starts JupyterLab there with
``DATADRIVER_TRAINING=practice`` and ``DATADRIVER_LEARNER=NAME`` set, so every notebook's
practice cell shows its exercises and every capture widget starts from the sample team's last
session.  ``--reset`` starts the copy and the progress afresh.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from datadriver_utils.sample.generator import DEFAULT_SEED, generate_district
from datadriver_utils.training.mode import LEARNER_VARIABLE, MODE_VARIABLE
from datadriver_utils.training.progress import ProgressStore
from datadriver_utils.training.rehearsal import notebooks_folder

__all__ = ["prepare_workspace", "start_lab"]


def prepare_workspace(learner: str, *, reset: bool = False, sample_data: Path | None = None) -> Path:
    """The learner's workspace (created from the notebooks and the sample district if absent).

    ``sample_data`` copies a given folder instead of generating the sample district."""
    store = ProgressStore(learner)
    assert store.root is not None
    workspace = store.root / store.path.stem
    if reset:
        store.reset()
        shutil.rmtree(workspace, ignore_errors=True)
    if not workspace.exists():
        staging = workspace.with_name(workspace.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(notebooks_folder(), staging / "notebooks",
                        ignore=shutil.ignore_patterns("__init__.py", "__pycache__", ".ipynb_checkpoints"))
        if sample_data is not None:
            shutil.copytree(sample_data, staging / "sample_data")
        else:  # the sample district is reproducible byte for byte from its seed
            generate_district(staging / "sample_data", DEFAULT_SEED)
        staging.rename(workspace)  # the copy appears whole or not at all
    return workspace


def start_lab(workspace: Path, learner: str) -> int:
    """Run JupyterLab on the workspace's training path (blocks until the learner stops it)."""
    env = {**os.environ, MODE_VARIABLE: "practice", LEARNER_VARIABLE: learner}
    command = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={workspace}",
               "notebooks/training/README.ipynb"]
    return subprocess.call(command, cwd=workspace, env=env)
