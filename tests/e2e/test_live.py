"""The notebooks as a coach opens them: defaults as committed, live widgets, and JupyterLab.

Batch runs inject parameters; a coach in JupyterLab runs the committed defaults from the
``notebooks/`` folder (``data_dir = "../sample_data"``). These tests execute every notebook
exactly that way, check that the live-only cells build their widgets and that nothing is
written into the data, and start a real JupyterLab server that serves every notebook.
"""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from datadriver_utils.batch.runner import default_notebooks
from tests.conftest import NOTEBOOKS, SAMPLE_DATA

pytestmark = pytest.mark.notebooks
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def folder_fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("notebook", default_notebooks(NOTEBOOKS), ids=lambda p: p.stem)
def test_notebook_runs_live_with_its_defaults(notebook: Path):
    before = folder_fingerprint(SAMPLE_DATA)
    node = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        node, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}},
        kernel_manager_class="datadriver_utils.batch.kernels.PrivateKernelManager",
    )
    client.execute()
    errors = [o for c in node.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors[0]
    live = [c for c in node.cells if "live-only" in c.metadata.get("tags", [])]
    for cell in live:
        assert any(WIDGET_MIME in o.get("data", {}) for o in cell.outputs), cell.source[:80]
    assert folder_fingerprint(SAMPLE_DATA) == before, "a live run must not write into the data"


def test_workshop_notebooks_have_live_widgets():
    tagged = {
        p.stem for p in default_notebooks(NOTEBOOKS)
        if any("live-only" in c.metadata.get("tags", []) for c in nbformat.read(p, as_version=4).cells)
    }
    assert {"00_orientation", "01_vision", "03_collection", "05_change", "13_goal_setter"} <= tagged
    assert {"30_student_learning_cycles", "31_peer_classrooms", "32_scaling", "33_classroom_improvement",
            "40_credential_portfolio"} <= tagged


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - localhost only
        return response.status, response.read()


def test_jupyterlab_serves_every_notebook(tmp_path):
    port, token = _free_port(), "datadriver-test"
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={NOTEBOOKS.parent}",
         f"--ServerApp.runtime_dir={tmp_path / 'runtime'}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(f"{base}/api/status?token={token}")[0] == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        status, page = _get(f"{base}/lab?token={token}")
        assert status == 200 and b"JupyterLab" in page
        for notebook in default_notebooks(NOTEBOOKS):
            status, body = _get(f"{base}/api/contents/notebooks/{notebook.name}?content=1&token={token}")
            model = json.loads(body)
            assert status == 200 and model["type"] == "notebook" and model["format"] == "json"
            assert model["content"]["cells"], notebook.name
    finally:
        server.terminate()
        server.wait(timeout=30)
