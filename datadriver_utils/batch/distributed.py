"""Teams rendered on a dask.distributed cluster: ``datadriver run --scheduler ADDRESS``.

A state network renders thousands of teams (docs/scale.md sizes one); one machine's cores are
not enough, so each team becomes one task on a cluster. Workers need not share a file system
with the machine that runs ``datadriver run``:

* the task carries the team's files (district.yml and the team folder, at most tens of MB for
  a million item-level rows) and the notebooks, scattered to the cluster as data;
* the worker writes them into a private (0700) temporary folder, renders the team there with
  the same code as a local run (:func:`datadriver_utils.batch.runner._team_task`: checked once,
  cached for its notebooks, one kernel per worker thread kept from team to team), sends back
  the reports and summary.json as bytes, and deletes its copy;
* this machine writes what comes back into ``--out`` atomically, as a local run does, and
  records it for the next incremental run.

Workers must have datadriver installed (the same version: the outcome records the client's).
Papermill changes no directory here (each kernel is started in the notebook folder), so a
worker may run several teams in threads, each thread with its own kernel; one thread per
worker process (``dask worker --nthreads 1 --nworkers N``) is still the most predictable.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from datadriver_utils.batch.outcomes import NotebookOutcome
from datadriver_utils.core.paths import atomic_write_bytes, resolve_inside

if TYPE_CHECKING:
    from datadriver_utils.batch.kernels import SharedKernel
    from datadriver_utils.batch.runner import BatchOptions

__all__ = ["TeamBundle", "render_on_cluster", "render_bundle"]


@dataclass(frozen=True)
class TeamBundle:
    """Everything a worker needs to render one team, as bytes."""

    team_id: str
    district_yml: bytes
    team_files: dict[str, bytes]
    """Every file of the team folder by its path inside the folder (``responses/…`` included)."""
    notebooks: dict[str, bytes]
    """Notebook file name → content, in the order they run."""


@dataclass(frozen=True)
class TeamReports:
    """What comes back: each notebook's outcome and the team's export files by name."""

    team_id: str
    outcomes: list[NotebookOutcome]
    files: dict[str, bytes]


def bundle_team(data_dir: Path, team_id: str, notebooks: list[Path]) -> TeamBundle:
    team_dir = resolve_inside(data_dir / "teams", team_id)
    files = {
        str(path.relative_to(team_dir)): path.read_bytes()
        for path in sorted(team_dir.rglob("*")) if path.is_file() and not path.is_symlink()
    }
    return TeamBundle(team_id, (data_dir / "district.yml").read_bytes(), files,
                      {nb.name: nb.read_bytes() for nb in notebooks})


_THREAD = threading.local()


def _thread_kernel(options: BatchOptions) -> SharedKernel:
    """This worker thread's kernel, kept from task to task (and shut down at exit)."""
    from datadriver_utils.batch.kernels import SharedKernel

    kernel: SharedKernel | None = getattr(_THREAD, "kernel", None)
    env = options.kernel_env()
    if kernel is not None and not kernel.serves(options.kernel_name, options.notebook_dir, env):
        kernel.discard()
        kernel = None
    if kernel is None:
        kernel = _THREAD.kernel = SharedKernel(options.kernel_name, options.notebook_dir, env)
        atexit.register(kernel.discard)
    return kernel


def _thread_home() -> Path:
    """A private folder for this worker thread: notebooks and the team cache live there."""
    home: Path | None = getattr(_THREAD, "home", None)
    if home is None or not home.is_dir():
        home = _THREAD.home = Path(tempfile.mkdtemp(prefix="datadriver-worker-"))
        atexit.register(shutil.rmtree, home, True)
    return home


def render_bundle(bundle: TeamBundle, options: BatchOptions) -> TeamReports:
    """Run on a worker: unpack the team privately, render it, return the export files."""
    from datadriver_utils.batch.runner import _team_task
    from datadriver_utils.contract.cache import forget

    home = _thread_home()
    notebook_dir = home / "notebooks"
    notebook_dir.mkdir(exist_ok=True)
    for name, content in bundle.notebooks.items():
        target = resolve_inside(notebook_dir, name)
        if not target.is_file() or target.read_bytes() != content:
            atomic_write_bytes(target, content)
    work = Path(tempfile.mkdtemp(prefix=f"datadriver-{bundle.team_id}-", dir=home))
    try:
        data_dir = work / "data"
        team_dir = data_dir / "teams" / bundle.team_id
        team_dir.mkdir(parents=True)
        (data_dir / "district.yml").write_bytes(bundle.district_yml)
        for relative, content in bundle.team_files.items():
            target = resolve_inside(team_dir, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        local = replace(options, data_dir=data_dir, out_dir=work / "out", notebook_dir=notebook_dir,
                        cache_dir=home / "cache", scheduler=None, teams=[bundle.team_id], jobs=1)
        kernel = _thread_kernel(local) if local.share_kernel else None
        outcomes = _team_task(bundle.team_id, [notebook_dir / name for name in bundle.notebooks], local, kernel)
        team_out = local.out_dir / bundle.team_id
        files = {p.name: p.read_bytes() for p in team_out.iterdir() if p.is_file()} if team_out.is_dir() else {}
        if local.cache_dir is not None:
            forget(local.cache_dir, data_dir, bundle.team_id)
        return TeamReports(bundle.team_id, outcomes, files)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _failed(team_id: str, message: str) -> list[NotebookOutcome]:
    return [NotebookOutcome(team_id, "all reports", False, None, message)]


def render_on_cluster(
    options: BatchOptions, team_ids: list[str], notebooks: list[Path],
) -> Iterator[tuple[str, list[NotebookOutcome]]]:
    """Send each team to the cluster at ``options.scheduler``; write back what finishes."""
    from distributed import Client, as_completed

    from datadriver_utils.batch.runner import _describe_failure

    with Client(options.scheduler, timeout=options.start_timeout) as client:
        futures = {}
        for team_id in team_ids:
            [data] = client.scatter([bundle_team(options.data_dir, team_id, notebooks)])
            key = f"datadriver-{team_id}-{uuid.uuid4().hex[:8]}"
            futures[client.submit(render_bundle, data, options, pure=False, key=key)] = team_id
        for future in as_completed(futures):
            team_id = futures[future]
            try:
                reports: TeamReports = future.result()
            except Exception as error:  # the worker died or could not run the task
                yield team_id, _failed(team_id, f"the cluster could not render this team ({_describe_failure(error)})")
                continue
            yield team_id, _gather(options, reports)


def _gather(options: BatchOptions, reports: TeamReports) -> list[NotebookOutcome]:
    """Write a worker's files into the export folder atomically; a write failure fails the team."""
    from datadriver_utils.batch.runner import _describe_failure
    from datadriver_utils.errors import DataDriverError

    team_out = resolve_inside(options.out_dir, reports.team_id)
    try:
        team_out.mkdir(parents=True, exist_ok=True)
        for name, content in reports.files.items():
            atomic_write_bytes(resolve_inside(team_out, name), content)
    except (OSError, DataDriverError) as error:
        return [*reports.outcomes, *_failed(reports.team_id, _describe_failure(error))]
    for outcome in reports.outcomes:
        if outcome.details:
            outcome.details = f"on the worker: {outcome.details}"
    return reports.outcomes
