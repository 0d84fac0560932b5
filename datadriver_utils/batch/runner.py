"""Run every notebook for every team and export the reports: the engine behind ``datadriver run``.

For each team: validate its folder (a team with problems is reported and skipped), execute each
notebook with papermill into a private work folder, export a code-free HTML report, merge the
key figures the notebooks published into ``summary.json``, then write ``index.html`` for the
district. Papermill facts that shape this code (FIELD_NOTES):

* ``execution_timeout`` defaults to never, so a hung cell would hang the batch: we always pass
  one, and ``start_timeout`` for kernel start-up;
* papermill changes the working directory and is unsafe in threads, and has no parallel mode:
  notebooks run in separate **processes** (``jobs``);
* papermill rewrites its output notebook after every cell, and a dead kernel or a timeout
  raises nbclient errors rather than ``PapermillExecutionError``: we execute into a temporary
  folder and only ``os.replace`` finished files into ``exports/`` (yesterday's report survives
  a bad night);
* values injected as parameters are plain ``str`` so nothing can fall through unescaped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import tempfile
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill

import datadriver_utils.notebooks as bundled_notebooks
from datadriver_utils.batch.export import notebook_to_html
from datadriver_utils.batch.kernels import RESET_SOURCE, SharedKernel
from datadriver_utils.batch.outcomes import BatchResult, NotebookOutcome, TeamOutcome
from datadriver_utils.batch.pdf import print_reports
from datadriver_utils.contract.team import check_team, list_teams, load_district
from datadriver_utils.core.paths import atomic_write_json, atomic_write_text, resolve_inside, validate_team_id
from datadriver_utils.errors import DataDriverError, Problem, UnsafePathError
from datadriver_utils.notebook.report import read_summary_fragments
from datadriver_utils.privacy.rules import Audience

__all__ = [
    "BatchOptions",
    "NotebookOutcome",
    "TeamOutcome",
    "BatchResult",
    "default_notebooks",
    "run_batch",
    "execute_notebook",
    "check_folders",
]

DEFAULT_NOTEBOOK_DIR = Path(bundled_notebooks.__file__).resolve().parent
"""The installed notebooks (the repository's ``notebooks/`` in a checkout's editable install)."""


@dataclass(frozen=True)
class BatchOptions:
    """What to run, where, for whom, and how patiently."""

    data_dir: Path
    out_dir: Path
    teams: Sequence[str] | None = None
    audience: Audience = Audience.TEAM
    notebook_dir: Path = DEFAULT_NOTEBOOK_DIR
    notebooks: Sequence[str] | None = None
    jobs: int = 2
    cell_timeout: int = 300
    start_timeout: int = 60
    kernel_name: str = "python3"
    share_kernel: bool = True
    """One kernel per team across its notebooks (see :class:`~datadriver_utils.batch.kernels.SharedKernel`)."""
    pdf: bool = False
    """Also print each HTML report to a PDF beside it (:mod:`datadriver_utils.batch.pdf`)."""


def default_notebooks(notebook_dir: Path) -> list[Path]:
    """Numbered notebooks (``00_…`` to ``99_…``) in order."""
    return sorted(p for p in notebook_dir.glob("[0-9][0-9]_*.ipynb"))


def _describe_failure(error: BaseException) -> str:
    """A short reason without data values or tracebacks (those stay in the work log)."""
    name = type(error).__name__
    if name == "PapermillExecutionError":
        return f"a cell raised {getattr(error, 'ename', 'an error')} (cell {getattr(error, 'exec_count', '?')})"
    if name == "DeadKernelError":
        return "the notebook's kernel died (out of memory?)"
    if name in {"CellTimeoutError", "TimeoutError"}:
        return "a cell ran longer than the time limit"
    if isinstance(error, DataDriverError):
        return str(error).splitlines()[0]
    if isinstance(error, OSError):
        return f"could not write the report ({error.strerror or name})"
    return name


def _with_reset_cell(notebook: Path) -> nbformat.NotebookNode:
    node = nbformat.read(notebook, as_version=4)
    node.cells.insert(0, nbformat.v4.new_code_cell(RESET_SOURCE, metadata={"tags": ["remove"]}))
    return node


def execute_notebook(
    notebook: Path, team_id: str, options: BatchOptions, work_dir: Path, team_out: Path,
    kernel: SharedKernel | None = None,
) -> NotebookOutcome:
    """Run one notebook for one team and export it; never raises for a notebook failure.

    With ``kernel`` the notebook runs on that team's shared kernel (cleared first) and the
    kernel is replaced if the notebook fails; without, papermill starts a kernel of its own.
    """
    started = dt.datetime.now()
    executed = work_dir / f"{notebook.stem}.ipynb"
    parameters = {
        "data_dir": str(options.data_dir),
        "team_id": str(team_id),
        "audience": str(options.audience.value),
        "summary_dir": str(work_dir / "summary"),
    }
    run_options: dict[str, object] = {"kernel_manager_class": "datadriver_utils.batch.kernels.PrivateKernelManager",
                                      "cwd": str(notebook.parent)}
    try:
        if kernel is not None:
            run_options = {"km": kernel.ensure()}
        papermill.execute_notebook(
            _with_reset_cell(notebook) if kernel is not None else str(notebook), str(executed),
            parameters=parameters, kernel_name=options.kernel_name,
            execution_timeout=options.cell_timeout, start_timeout=options.start_timeout,
            progress_bar=False, **run_options,
        )
        html = notebook_to_html(nbformat.read(executed, as_version=4), f"{notebook.stem} — {team_id}")
        target = team_out / f"{notebook.stem}.html"
        atomic_write_text(target, html)
        return NotebookOutcome(team_id, notebook.stem, True, target.name, seconds=_since(started))
    except Exception as error:  # one notebook's failure must never stop the batch
        if kernel is not None:
            kernel.discard()  # the next notebook gets a fresh kernel
        with contextlib.suppress(OSError):  # a full disk must not hide the notebook's own failure
            (work_dir / f"{notebook.stem}.error.txt").write_text(traceback.format_exc(), encoding="utf-8")
        return NotebookOutcome(team_id, notebook.stem, False, None, _describe_failure(error), _since(started))


def _since(started: dt.datetime) -> float:
    return round((dt.datetime.now() - started).total_seconds(), 2)


def _team_task(team_id: str, notebooks: list[Path], options: BatchOptions) -> list[NotebookOutcome]:
    """Run one team's notebooks in one process; a failure outside a notebook fails the team."""
    try:
        return _run_team(team_id, notebooks, options)
    except Exception as error:  # e.g. the export folder is read-only or the disk is full
        return [NotebookOutcome(team_id, "all reports", False, None, _describe_failure(error))]


def _run_team(team_id: str, notebooks: list[Path], options: BatchOptions) -> list[NotebookOutcome]:
    team_out = resolve_inside(options.out_dir, team_id)
    team_out.mkdir(parents=True, exist_ok=True)
    # Executed notebooks and tracebacks can hold student values: they live in a private (0700)
    # temporary folder, never under exports/, and are kept only when something failed.
    work_dir = Path(tempfile.mkdtemp(prefix=f"datadriver-{team_id}-"))
    (work_dir / "summary").mkdir()
    if options.share_kernel:
        with SharedKernel(options.kernel_name, options.notebook_dir) as kernel:
            outcomes = [execute_notebook(nb, team_id, options, work_dir, team_out, kernel) for nb in notebooks]
    else:
        outcomes = [execute_notebook(nb, team_id, options, work_dir, team_out) for nb in notebooks]
    sections = read_summary_fragments(work_dir / "summary")  # written coded for the audience
    summary = {
        "team_id": team_id,
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "audience": options.audience.value,
        "reports": {o.notebook: {"ok": o.ok, "html": o.html, "message": o.message} for o in outcomes},
        **sections,
    }
    try:
        atomic_write_json(team_out / "summary.json", summary)
    except DataDriverError as error:  # read-only folder, full disk: keep each notebook's own outcome
        outcomes.append(NotebookOutcome(team_id, "summary.json", False, None, _describe_failure(error)))
    if all(o.ok for o in outcomes):
        shutil.rmtree(work_dir, ignore_errors=True)
    else:
        for outcome in outcomes:
            if not outcome.ok:
                outcome.details = str(work_dir)  # for the operator's console, never the index
    if options.pdf:  # after the HTML: a missing Chromium costs the PDFs, never the reports
        outcomes.extend(print_reports(team_id, team_out, outcomes))
    return outcomes


def _validate_all(options: BatchOptions, team_ids: list[str]) -> tuple[list[TeamOutcome], list[str]]:
    district, district_problems = load_district(options.data_dir)
    outcomes, runnable = [], []
    for team_id in team_ids:
        outcome = TeamOutcome(team_id)
        if district is None:
            outcome.problems = list(district_problems)
        else:
            try:
                team, problems = check_team(options.data_dir, team_id, district)
            except DataDriverError as error:
                team, problems = None, [Problem("team folder", str(error))]
            outcome.problems = problems
            if team is not None:
                outcome.name = team.config.name
                outcome.missing_files = [f for f in team.missing]
        outcomes.append(outcome)
        if not outcome.problems:
            runnable.append(team_id)
    return outcomes, runnable


def check_folders(options: BatchOptions) -> None:
    """Refuse an export folder that overlaps the data folder: reports must never land among
    (or overwrite) a team's own files, and a data folder inside the exports could be shared."""
    data = options.data_dir.resolve()
    out = options.out_dir.resolve()
    if not data.is_dir():
        raise UnsafePathError(f"The data folder {data} does not exist (it needs district.yml and teams/).")
    if out == data or out.is_relative_to(data) or data.is_relative_to(out):
        raise UnsafePathError(
            f"The export folder {out} overlaps the data folder {data}: choose an export folder "
            "outside the data (for example exports/ next to it), so reports never mix with the team's files."
        )


def run_batch(
    options: BatchOptions, on_progress: Callable[[str, int], None] | None = None,
) -> BatchResult:
    """Validate, execute, export and index every requested team.

    ``on_progress(label, total)`` is called once with ``total`` before work starts (label
    ``"start"``) and once per finished team (label = team id) so a caller can draw a bar.
    """
    check_folders(options)
    team_ids = [validate_team_id(t) for t in (options.teams or list_teams(options.data_dir))]
    notebooks = (
        [resolve_inside(options.notebook_dir, n) for n in options.notebooks]
        if options.notebooks else default_notebooks(options.notebook_dir)
    )
    options.out_dir.mkdir(parents=True, exist_ok=True)
    outcomes, runnable = _validate_all(options, team_ids)
    by_id = {o.team_id: o for o in outcomes}
    progress = on_progress or (lambda label, total: None)
    progress("start", len(team_ids))
    for outcome in outcomes:
        if outcome.problems:
            progress(outcome.team_id, len(team_ids))
    if options.jobs <= 1:
        for team_id in runnable:
            by_id[team_id].notebooks = _team_task(team_id, notebooks, options)
            progress(team_id, len(team_ids))
    else:
        with ProcessPoolExecutor(max_workers=options.jobs) as pool:
            futures = {pool.submit(_team_task, t, notebooks, options): t for t in runnable}
            for future in as_completed(futures):
                team_id = futures[future]
                try:
                    by_id[team_id].notebooks = future.result()
                except Exception as error:  # the worker process itself died
                    by_id[team_id].notebooks = [NotebookOutcome(team_id, "all reports", False, None, _describe_failure(error))]
                progress(team_id, len(team_ids))
    index_path = write_index(options, outcomes)
    return BatchResult(outcomes, index_path)


def write_index(options: BatchOptions, outcomes: list[TeamOutcome]) -> Path | None:
    """``index.html``: one line per team with links to its reports (written atomically)."""
    from datadriver_utils.batch.index import render_index

    district, _ = load_district(options.data_dir)
    title = district.name if district else "District"
    path = options.out_dir / "index.html"
    try:
        atomic_write_text(path, render_index(title, options.audience.value, outcomes))
    except DataDriverError:
        return None
    return path
