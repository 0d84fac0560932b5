"""Parameters reach notebooks unchanged and cannot become code; team ids are checked first; kernels use IPC.

FIELD_NOTES ("Security facts about the stack"): papermill escapes ``str`` values it injects,
but values of other types fall through unescaped, so the batch must pass plain strings only;
and kernels can listen on IPC sockets instead of unencrypted TCP. These tests run a tiny echo
notebook whose only code writes back what it received.
"""

from __future__ import annotations

import asyncio
import json
import stat
from pathlib import Path
from typing import Any

import nbformat
import papermill
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from datadriver_utils.batch.kernels import PrivateKernelManager
from datadriver_utils.batch.runner import BatchOptions, execute_notebook, run_batch
from datadriver_utils.core.paths import validate_team_id
from datadriver_utils.errors import UnsafePathError

KERNEL_MANAGER = "datadriver_utils.batch.kernels.PrivateKernelManager"

AWKWARD: dict[str, Any] = {
    "quotes": 'she said "hi" and \'bye\'; """triple""" \'\'\'single\'\'\' "',
    "backslashes": "C:\\Users\\new\\table\\x41\\u00e9\\N{BULLET}\\",
    "newlines": "line 1\nline 2\r\nline 3\rend\n",
    "non_ascii": "Peña – Müller · 数据 · Ελληνικά · 😀 · \u200b\u2028\ufeff",
    "formatting": "{team_id} {{x}} %s %(a)s $HOME `ls` \t tab",
    "nested": ["a \"b\" c", {"k\"ey": "v\\al\nue"}, 7, 2.5, True, None],
}


def echo_notebook(path: Path, names: list[str]) -> Path:
    """A notebook whose parameters cell defaults every name to "" and whose one cell writes them to JSON."""
    defaults = "\n".join(f'{name} = ""' for name in [*names, "echo_file"])
    echo = (
        "import json\n"
        f"received = {{name: globals()[name] for name in {names!r}}}\n"
        "with open(echo_file, 'w', encoding='utf-8') as handle:\n"
        "    json.dump(received, handle, ensure_ascii=False)\n"
    )
    notebook = new_notebook(cells=[new_code_cell(defaults, metadata={"tags": ["parameters"]}), new_code_cell(echo)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def test_awkward_values_reach_the_notebook_unchanged_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "injected-code-ran"
    values = dict(AWKWARD, code=f'"; import pathlib; pathlib.Path(r"{marker}").touch(); x = "')
    echo_file = tmp_path / 'échos "quoted"' / "out.json"
    echo_file.parent.mkdir()
    notebook = echo_notebook(tmp_path / "echo.ipynb", sorted(values))
    papermill.execute_notebook(
        str(notebook), str(tmp_path / "executed.ipynb"), parameters={**values, "echo_file": str(echo_file)},
        kernel_name="python3", kernel_manager_class=KERNEL_MANAGER, progress_bar=False,
        execution_timeout=60, start_timeout=60, cwd=str(tmp_path),
    )
    received = json.loads(echo_file.read_text(encoding="utf-8"))
    assert received == values
    assert not marker.exists()


def test_the_batch_passes_paths_with_quotes_newlines_and_accents_unchanged(tmp_path: Path) -> None:
    # A data folder name nobody should choose, but one a file system allows.
    options = BatchOptions(data_dir=tmp_path / 'Données "2025"\\\nfolder', out_dir=tmp_path / "out")
    work_dir, team_out = tmp_path / "work", tmp_path / "out" / "t1"
    (work_dir / "summary").mkdir(parents=True)
    team_out.mkdir(parents=True)
    names = ["data_dir", "team_id", "audience", "summary_dir"]
    notebook = echo_notebook(tmp_path / "10_echo.ipynb", names)
    echo = nbformat.read(notebook, as_version=4)  # write next to the summary fragments
    echo.cells[1].source = echo.cells[1].source.replace("open(echo_file", "open(summary_dir + '/received.json'")
    nbformat.write(echo, notebook)
    outcome = execute_notebook(notebook, "t1", options, work_dir, team_out)
    assert outcome.ok, outcome.message
    received = json.loads((work_dir / "summary" / "received.json").read_text(encoding="utf-8"))
    assert received == {
        "data_dir": str(options.data_dir), "team_id": "t1", "audience": "team",
        "summary_dir": str(work_dir / "summary"),
    }
    assert (team_out / "10_echo.html").is_file()


def test_the_batch_hands_papermill_plain_strings_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Path or numpy value would be injected unescaped (FIELD_NOTES): only exact ``str`` may pass."""
    seen: list[dict[str, Any]] = []

    def fake_execute(*_args: Any, parameters: dict[str, Any], **_kwargs: Any) -> None:
        seen.append(parameters)
        raise RuntimeError("stop here")

    monkeypatch.setattr(papermill, "execute_notebook", fake_execute)
    options = BatchOptions(data_dir=tmp_path / 'a"b', out_dir=tmp_path / "out")
    (tmp_path / "work").mkdir()
    outcome = execute_notebook(tmp_path / "nb.ipynb", "t1", options, tmp_path / "work", tmp_path / "out")
    assert not outcome.ok and seen
    assert all(type(value) is str for value in seen[0].values()), seen[0]


@pytest.mark.parametrize("team_id", ['t"1', "../x", "..", "x/../../etc", "t1\nimport os", "T1 ", "t1;rm"])
def test_unsafe_team_ids_are_refused_before_papermill(
    team_id: str, sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: calls.append(a))
    with pytest.raises(UnsafePathError):
        validate_team_id(team_id)
    with pytest.raises(UnsafePathError):
        run_batch(BatchOptions(data_dir=sample_copy, out_dir=tmp_path / "out", teams=[team_id], jobs=1))
    assert calls == []
    assert not (tmp_path / "x").exists() and not (tmp_path / "out").exists()


async def _kernel_facts() -> dict[str, Any]:
    manager = PrivateKernelManager(kernel_name="python3")
    await manager.start_kernel()
    try:
        folder = Path(manager.ip).parent
        client = manager.client()
        client.start_channels()
        await client.wait_for_ready(timeout=60)
        client.stop_channels()
        sockets = sorted(folder.glob("kernel-*"))
        return {
            "transport": manager.transport,
            "info_transport": manager.get_connection_info()["transport"],
            "folder": folder,
            "folder_mode": stat.S_IMODE(folder.stat().st_mode) & 0o777,
            "connection_file_in_folder": Path(manager.connection_file).parent == folder,
            "sockets": [stat.S_ISSOCK(s.stat().st_mode) for s in sockets],
        }
    finally:
        await manager.shutdown_kernel(now=True)


def test_kernels_listen_on_ipc_sockets_in_a_private_folder() -> None:
    facts = asyncio.run(_kernel_facts())
    assert facts["transport"] == "ipc" and facts["info_transport"] == "ipc"
    assert facts["folder_mode"] == 0o700  # only this account may connect
    assert facts["connection_file_in_folder"]
    assert len(facts["sockets"]) == 5 and all(facts["sockets"])  # shell, iopub, stdin, control, heartbeat
    leftovers = [p.name for p in facts["folder"].iterdir()] if facts["folder"].exists() else []
    assert not [n for n in leftovers if n.startswith("kernel-") or n.endswith(".json")], leftovers
