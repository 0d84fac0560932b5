"""In a real kernel, Save redraws the view cell below the widget (no browser needed).

The cells a coach runs in 01_vision -- open the report, the live capture cell, the view cell
under it -- run in a kernel on a copy of the sample data (nothing is written into
``sample_data``); one more cell then types a draft into the widget and presses its own Save
button. nbclient applies the kernel's ``update_display_data`` messages to the notebook's
outputs as JupyterLab does, so the view cell's output must now hold the new draft instead of
"No answers captured yet". tests/e2e/test_browser.py does the whole notebook through
JupyterLab in Chromium; this test still runs where Chromium is absent.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from tests.conftest import NOTEBOOKS, SAMPLE_DATA

pytestmark = pytest.mark.notebooks
TEAM = "maple-elementary-g3"
DRAFT = "Every classroom uses its own data every week."


def _vision_cells() -> list[str]:
    """01_vision's cells, as committed: opening the report, the capture cell and the view under it."""
    code = [c.source.strip() for c in nbformat.read(NOTEBOOKS / "01_vision.ipynb", as_version=4).cells
            if c.cell_type == "code"]
    wanted = [next(c for c in code if c.startswith("import datadriver_utils")),
              "vision.vision_statement_capture(report)", "vision.vision_statement(report)"]
    assert all(w in code for w in wanted[1:]), "01_vision no longer has these cells: update this test"
    return wanted


def test_save_in_the_kernel_updates_the_view_cell_below(tmp_path: Path) -> None:
    data = tmp_path / "sample_data"
    shutil.copytree(SAMPLE_DATA, data)
    shutil.rmtree(data / "teams" / TEAM / "responses" / "vision_statement")
    parameters = f'data_dir = {str(data)!r}\nteam_id = {TEAM!r}\naudience = "team"\nsummary_dir = ""\nas_of = ""'
    opening, capture, view = _vision_cells()
    node = new_notebook(cells=[new_code_cell(parameters), new_code_cell(opening),
                               new_code_cell(f"capture = {capture}\ncapture"), new_code_cell(view),
                               new_code_cell(f"box = capture.controls['box']\nbox.controls['text'].value = {DRAFT!r}\n"
                                             "box.controls['save'].click()\nprint(box.status.value)")])
    client = NotebookClient(node, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}},
                            kernel_manager_class="datadriver_utils.batch.kernels.PrivateKernelManager")

    with client.setup_kernel():
        for index, cell in enumerate(node.cells):
            client.execute_cell(cell, index)
            if index == 3:
                before = "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)

    assert "No answers captured yet" in before
    assert "Saved" in "".join(o.get("text", "") for o in node.cells[-1].outputs)
    after = "".join(o.get("data", {}).get("text/html", "") for o in node.cells[3].outputs)
    assert DRAFT in after and "No answers captured yet" not in after
    saved = [p for p in (data / "teams" / TEAM / "responses" / "vision_statement").glob("*.yml")
             if not p.name.endswith(".meta.yml")]
    assert len(saved) == 1
