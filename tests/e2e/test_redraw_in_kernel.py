"""In a real kernel, Save redraws the view cell below the widget (no browser needed).

The notebook runs as a coach runs it (committed defaults, from a copy of the notebooks and
the sample data, so nothing is written into ``sample_data``); one more cell then types a
draft into the live widget and presses its own Save button. nbclient applies the kernel's
``update_display_data`` messages to the notebook's outputs as JupyterLab does, so the view
cell's output must now hold the new draft instead of "No answers captured yet".
tests/e2e/test_browser.py does the same through JupyterLab in Chromium.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import NOTEBOOKS, SAMPLE_DATA

pytestmark = pytest.mark.notebooks
TEAM = "maple-elementary-g3"  # the notebooks' default team


def _workspace(tmp_path: Path, *cleared: str) -> Path:
    """A copy of the notebooks and the sample data side by side; ``cleared`` activities unsaved."""
    shutil.copytree(NOTEBOOKS, tmp_path / "notebooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(SAMPLE_DATA, tmp_path / "sample_data")
    for activity in cleared:
        shutil.rmtree(tmp_path / "sample_data" / "teams" / TEAM / "responses" / activity, ignore_errors=True)
    return tmp_path / "notebooks"


def _cell_index(node: nbformat.NotebookNode, source: str) -> int:
    return next(i for i, c in enumerate(node.cells) if c.cell_type == "code" and c.source.strip() == source)


def test_save_in_the_kernel_updates_the_view_cell_below(tmp_path: Path) -> None:
    folder = _workspace(tmp_path, "vision_statement")
    node = nbformat.read(folder / "01_vision.ipynb", as_version=4)
    capture = _cell_index(node, "vision.vision_statement_capture(report)")
    view = _cell_index(node, "vision.vision_statement(report)")
    node.cells[capture].source = "capture = vision.vision_statement_capture(report)\ncapture"
    draft = "Every classroom uses its own data every week."
    node.cells.append(nbformat.v4.new_code_cell(
        f"box = capture.controls['box']\nbox.controls['text'].value = {draft!r}\n"
        "box.controls['save'].click()\nprint(box.status.value)"))
    client = NotebookClient(node, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(folder)}},
                            kernel_manager_class="datadriver_utils.batch.kernels.PrivateKernelManager")

    with client.setup_kernel():
        for index, cell in enumerate(node.cells):
            client.execute_cell(cell, index)
            if index == view:
                before = "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)

    assert "No answers captured yet" in before
    assert "Saved" in "".join(o.get("text", "") for o in node.cells[-1].outputs)
    after = "".join(o.get("data", {}).get("text/html", "") for o in node.cells[view].outputs)
    assert draft in after and "No answers captured yet" not in after
    saved = list((tmp_path / "sample_data" / "teams" / TEAM / "responses" / "vision_statement").glob("*.yml"))
    assert len([p for p in saved if not p.name.endswith(".meta.yml")]) == 1
