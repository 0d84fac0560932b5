"""A bad night for the batch: a killed kernel, a hung cell, a read-only folder, a full disk.

Each fault hits one team (or one notebook); the batch must say what happened in words, carry
on with everything else, keep yesterday's report of the team it could not write, and end not
ok. FIELD_NOTES ("papermill and nbconvert, as they behave"; "Security facts about the stack"):
a dead kernel or a timeout surfaces as nbclient's DeadKernelError / CellTimeoutError, and
reports are written to a temporary file and ``os.replace``-d into place.

The read-only folder and the full disk are simulated (chmod does not stop root): ``os.replace``
raising EROFS, or ``os.fsync`` raising ENOSPC, for files of one team's export folder only. With
``jobs=1`` the batch runs in this process, so the patches reach it.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from datadriver_utils.batch.runner import BatchOptions, BatchResult, run_batch
from datadriver_utils.core import paths
from tests.conftest import NOTEBOOKS

pytestmark = pytest.mark.notebooks

SNAPSHOT = "20_data_driver_snapshot.ipynb"
VICTIM, BYSTANDER = "maple-elementary-g3", "oak-middle-science"
PARAMETERS = 'data_dir = ""\nteam_id = ""\naudience = ""\nsummary_dir = ""'
OLD_REPORT = b"<html>yesterday's report, still good</html>"


def fault_notebook(folder: Path, name: str, code_for_victim: str) -> str:
    """A notebook that does ``code_for_victim`` for VICTIM only, and renders a line for everyone."""
    notebook = new_notebook(cells=[
        new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}),
        new_code_cell(f"if team_id == {VICTIM!r}:\n" + "".join(f"    {line}\n" for line in code_for_victim.splitlines())
                      + "print('rendered for', team_id)"),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / name)
    return name


@pytest.fixture
def notebook_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    shutil.copy(NOTEBOOKS / SNAPSHOT, folder / SNAPSHOT)
    return folder


def batch(sample_copy: Path, out: Path, notebook_dir: Path, notebooks: list[str], **options: Any) -> BatchResult:
    return run_batch(BatchOptions(
        data_dir=sample_copy, out_dir=out, teams=[VICTIM, BYSTANDER], notebook_dir=notebook_dir,
        notebooks=notebooks, **{"jobs": 1, "cell_timeout": 120, **options},
    ))


def outcomes(result: BatchResult) -> dict[str, dict[str, Any]]:
    return {t.team_id: {n.notebook: n for n in t.notebooks} for t in result.teams}


def assert_bystander_rendered(result: BatchResult, out: Path, notebooks: list[str]) -> None:
    bystander = next(t for t in result.teams if t.team_id == BYSTANDER)
    assert bystander.ok, [(n.notebook, n.message) for n in bystander.notebooks]
    for name in notebooks:
        assert (out / BYSTANDER / f"{Path(name).stem}.html").stat().st_size > 1000
    assert (out / "index.html").is_file()


def test_a_killed_kernel_fails_that_notebook_only(sample_copy: Path, tmp_path: Path, notebook_dir: Path) -> None:
    killer = fault_notebook(notebook_dir, "30_kill.ipynb", "import os\nos.kill(os.getpid(), 9)")
    out = tmp_path / "out"
    result = batch(sample_copy, out, notebook_dir, [SNAPSHOT, killer], jobs=2)
    assert not result.ok
    victim = outcomes(result)[VICTIM]
    assert not victim["30_kill"].ok and "kernel died" in victim["30_kill"].message
    assert victim["20_data_driver_snapshot"].ok and (out / VICTIM / "20_data_driver_snapshot.html").is_file()
    assert not (out / VICTIM / "30_kill.html").exists()
    assert_bystander_rendered(result, out, [SNAPSHOT, killer])
    assert "failed: 30_kill" in (out / "index.html").read_text(encoding="utf-8")


def test_a_hung_cell_hits_the_time_limit(sample_copy: Path, tmp_path: Path, notebook_dir: Path) -> None:
    # A generous limit (15 s) so a quick cell never trips it on a loaded machine, and a hang far
    # longer than it; a quick notebook stands in as "another notebook that still renders".
    quick = fault_notebook(notebook_dir, "10_quick.ipynb", "pass")
    hang = fault_notebook(notebook_dir, "31_hang.ipynb", "import time\ntime.sleep(300)")
    out = tmp_path / "out"
    result = batch(sample_copy, out, notebook_dir, [quick, hang], jobs=2, cell_timeout=15)
    assert not result.ok
    victim = outcomes(result)[VICTIM]
    assert not victim["31_hang"].ok and "ran longer than the time limit" in victim["31_hang"].message
    assert victim["31_hang"].seconds < 150  # stopped at the limit, not after the full five minutes
    assert victim["10_quick"].ok
    assert_bystander_rendered(result, out, [quick, hang])


def _fail_in(
    folder: Path, original: Callable[..., Any], error: int, pick: Callable[..., Path | None],
) -> Callable[..., Any]:
    """Wrap an os function so that it raises ``error`` when ``pick(args)`` names a file directly in ``folder``."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        target = pick(*args)
        if target is not None and target.parent == folder:
            raise OSError(error, os.strerror(error), str(target))
        return original(*args, **kwargs)
    return wrapper


def _fd_path(fd: int, *_rest: Any) -> Path | None:
    try:
        return Path(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:
        return None


def _previous_export(out: Path) -> dict[str, bytes]:
    """Yesterday's files of the victim team, written before the run."""
    team_out = out / VICTIM
    team_out.mkdir(parents=True)
    old = {"20_data_driver_snapshot.html": OLD_REPORT, "summary.json": b'{"team_id": "old"}\n'}
    for name, data in old.items():
        (team_out / name).write_bytes(data)
    return old


@pytest.mark.parametrize(
    ("fault", "words"),
    [("read-only", "the folder is read-only"), ("disk-full", "the disk is full")],
)
def test_an_unwritable_export_folder_keeps_yesterdays_report(
    fault: str, words: str, sample_copy: Path, tmp_path: Path, notebook_dir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    old = _previous_export(out)
    team_out = (out / VICTIM).resolve()
    if fault == "read-only":
        destination = lambda _src, dst, *_rest: Path(dst).resolve()  # noqa: E731
        monkeypatch.setattr(paths.os, "replace", _fail_in(team_out, os.replace, errno.EROFS, destination))
    else:
        if not Path("/proc/self/fd").is_dir():
            pytest.skip("needs /proc to tell which file an fsync is for")
        monkeypatch.setattr(paths.os, "fsync", _fail_in(team_out, os.fsync, errno.ENOSPC, _fd_path))
    result = batch(sample_copy, out, notebook_dir, [SNAPSHOT], jobs=1)
    monkeypatch.undo()
    assert not result.ok
    victim = next(t for t in result.teams if t.team_id == VICTIM)
    messages = [n.message for n in victim.notebooks if not n.ok]
    assert messages and all(words in m and "earlier version" in m for m in messages), messages
    for name, data in old.items():  # yesterday's files, byte for byte
        assert (team_out / name).read_bytes() == data
    assert not list(team_out.glob(".*.tmp"))  # no half-written temporary files left behind
    assert_bystander_rendered(result, out, [SNAPSHOT])
