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
* values injected as parameters are plain ``str`` so nothing can fall through unescaped;
* papermill saves the output notebook after every cell by default; we save it once, at the
  end (``request_save_on_cell_execute=False``), and export the node it returns.

At scale (issue 13): each team is checked once, in the parent, and its typed tables stored in
a private cache (:mod:`datadriver_utils.contract.cache`) that every notebook of the team reads
through ``DATADRIVER_CACHE``; a team whose inputs have not changed since its last complete run
is not rendered again (:mod:`datadriver_utils.batch.state`, ``force`` overrides); a worker keeps
one kernel from team to team (:class:`~datadriver_utils.batch.kernels.SharedKernel`); and with
``scheduler`` the teams go to a dask.distributed cluster (:mod:`datadriver_utils.batch.distributed`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing.util
import shutil
import tempfile
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING

from datadriver_utils.batch.district import publish_district
from datadriver_utils.batch.execute import execute
from datadriver_utils.batch.options import BatchOptions, default_notebooks
from datadriver_utils.batch.outcomes import BatchResult, NotebookOutcome, TeamOutcome
from datadriver_utils.batch.pdf import print_reports
from datadriver_utils.batch.state import TeamRecord, notebooks_fingerprint, run_key, unchanged_teams, write_record
from datadriver_utils.contract.team import check_team, list_teams, load_district
from datadriver_utils.core.paths import atomic_write_json, atomic_write_text, resolve_inside, validate_team_id
from datadriver_utils.errors import DataDriverError, Problem, UnsafePathError

if TYPE_CHECKING:

    from datadriver_utils.batch.kernels import SharedKernel

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


def _import_engine() -> None:
    """papermill, nbformat, nbconvert and jupyter_client, imported only when something renders.

    A rerun with nothing to do needs none of them (they take seconds to import); a run that
    renders imports them once in the parent, before worker processes are forked from it.
    """
    import nbformat  # noqa: F401
    import papermill  # noqa: F401

    import datadriver_utils.batch.export
    import datadriver_utils.batch.kernels  # noqa: F401


def execute_notebook(
    notebook: Path, team_id: str, options: BatchOptions, work_dir: Path, team_out: Path,
    kernel: SharedKernel | None = None,
) -> NotebookOutcome:
    """Run one notebook for one team and export it; never raises for a notebook failure.

    With ``kernel`` the notebook runs on that team's shared kernel (cleared first) and the
    kernel is replaced if the notebook fails; without, papermill starts a kernel of its own.
    """

    from datadriver_utils.batch.export import notebook_to_html

    started = dt.datetime.now()
    try:
        node = execute(notebook, team_id, options, work_dir, kernel)
        html = notebook_to_html(node, f"{notebook.stem} — {team_id}")
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


_WORKER_KERNEL: SharedKernel | None = None
"""The kernel a batch worker process keeps from one team to the next."""


def _worker_kernel(options: BatchOptions) -> SharedKernel:
    """This process's kernel for ``options``, started on first use and shut down at exit."""
    global _WORKER_KERNEL
    from datadriver_utils.batch.kernels import SharedKernel

    env = options.kernel_env()
    if _WORKER_KERNEL is not None and not _WORKER_KERNEL.serves(options.kernel_name, options.notebook_dir, env):
        _WORKER_KERNEL.discard()
        _WORKER_KERNEL = None
    if _WORKER_KERNEL is None:
        _WORKER_KERNEL = SharedKernel(options.kernel_name, options.notebook_dir, env)
        multiprocessing.util.Finalize(None, _WORKER_KERNEL.discard, exitpriority=10)  # pool workers skip atexit
    return _WORKER_KERNEL


def _team_task(
    team_id: str, notebooks: list[Path], options: BatchOptions, kernel: SharedKernel | None = None,
) -> list[NotebookOutcome]:
    """Run one team's notebooks; a failure outside a notebook fails the team.

    In a pool worker (no ``kernel`` given) the worker's own kernel is used, kept for its next team.
    """
    try:
        if kernel is None and options.share_kernel:
            kernel = _worker_kernel(options)
        return _run_team(team_id, notebooks, options, kernel)
    except Exception as error:  # e.g. the export folder is read-only or the disk is full
        return [NotebookOutcome(team_id, "all reports", False, None, _describe_failure(error))]


def _run_team(
    team_id: str, notebooks: list[Path], options: BatchOptions, kernel: SharedKernel | None = None,
) -> list[NotebookOutcome]:
    team_out = resolve_inside(options.out_dir, team_id)
    team_out.mkdir(parents=True, exist_ok=True)
    # Executed notebooks and tracebacks can hold student values: they live in a private (0700)
    # temporary folder, never under exports/, and are kept only when something failed.
    work_dir = Path(tempfile.mkdtemp(prefix=f"datadriver-{team_id}-"))
    (work_dir / "summary").mkdir()
    from datadriver_utils.batch.kernels import SharedKernel
    from datadriver_utils.notebook.report import read_summary_fragments

    outcomes = []
    for notebook in notebooks:
        if kernel is not None:
            outcomes.append(execute_notebook(notebook, team_id, options, work_dir, team_out, kernel))
        else:  # a fresh kernel for every notebook
            with SharedKernel(options.kernel_name, options.notebook_dir, options.kernel_env()) as own:
                outcomes.append(execute_notebook(notebook, team_id, options, work_dir, team_out, own))
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
    to_print: list[tuple[Sequence[Path | str], Path]] = []
    if options.submission or options.wants_packet(notebooks):
        from datadriver_utils.batch.shared_forms import forms_for_run  # bs4 and nbconvert: only when asked

        forms = forms_for_run(team_id, notebooks, options, work_dir, team_out, outcomes, kernel)
        outcomes.extend(forms.failures)
        to_print = forms.to_print(pdf=options.pdf)
    if all(o.ok for o in outcomes):
        shutil.rmtree(work_dir, ignore_errors=True)
    else:
        for outcome in outcomes:
            if not outcome.ok:
                outcome.details = str(work_dir)  # for the operator's console, never the index
    if options.pdf or options.wants_packet(notebooks):  # after the HTML: a missing Chromium costs the PDFs, never the reports
        outcomes.extend(print_reports(team_id, team_out, outcomes if options.pdf else [], to_print))
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
                team, problems = check_team(options.data_dir, team_id, district, options.cache_dir)
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
    """Validate, execute, export and index every requested team whose inputs changed.

    ``on_progress(label, total)`` is called once with ``total`` before work starts (label
    ``"start"``) and once per finished team (label = team id) so a caller can draw a bar.
    Every notebook of the run is judged at one date (:meth:`BatchOptions.dated`).
    """
    options = options.dated()
    check_folders(options)
    team_ids = [validate_team_id(t) for t in (options.teams or list_teams(options.data_dir))]
    notebooks = (
        [resolve_inside(options.notebook_dir, n) for n in options.notebooks]
        if options.notebooks else default_notebooks(options.notebook_dir)
    )
    options.out_dir.mkdir(parents=True, exist_ok=True)
    notebooks_digest = notebooks_fingerprint(notebooks)
    keys = {t: run_key(options.data_dir, t, notebooks_digest, {**options.notebook_parameters(t, ""),
                                                                "pdf": str(options.pdf), "submission": str(options.submission),
                                                                "packet": str(options.wants_packet(notebooks))})
            for t in team_ids}
    reused = {} if options.force else unchanged_teams(options.out_dir, options.audience.value, keys, notebooks,
                                                      pdf=options.pdf, submission=options.submission,
                                                      packet=options.wants_packet(notebooks))
    outcomes, runnable = _validate_all(options, [t for t in team_ids if t not in reused])
    _release_memory()  # the checks' frames are gone; the kernels are about to need the memory
    by_id = {o.team_id: o for o in outcomes} | reused
    progress = on_progress or (lambda label, total: None)
    progress("start", len(team_ids))
    for team_id in [*reused, *(o.team_id for o in outcomes if o.problems)]:
        progress(team_id, len(team_ids))
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for team_id, notebook_outcomes in _render(options, runnable, notebooks, progress, len(team_ids)):
        outcome = by_id[team_id]
        outcome.notebooks, outcome.rendered_at = notebook_outcomes, started
        with contextlib.suppress(DataDriverError):  # no record: the team is simply rendered next time
            write_record(options.out_dir, TeamRecord(keys[team_id], options.audience.value, started, outcome))
    ordered = [by_id[t] for t in team_ids]
    index_path = publish_district(options, ordered)
    return BatchResult(ordered, index_path)


def _release_memory() -> None:
    """Hand memory the checks used back to the system (a million rows: 455 MB held, 286 MB after)."""
    import gc

    gc.collect()
    with contextlib.suppress(ImportError):
        import pyarrow

        pyarrow.default_memory_pool().release_unused()


def _render(
    options: BatchOptions, team_ids: list[str], notebooks: list[Path],
    progress: Callable[[str, int], None], total: int,
) -> Iterator[tuple[str, list[NotebookOutcome]]]:
    """Each team's notebook outcomes as teams finish: on a cluster, in worker processes, or here."""
    if not team_ids:
        return
    _import_engine()
    from datadriver_utils.batch.kernels import SharedKernel

    if options.scheduler:
        from datadriver_utils.batch.distributed import render_on_cluster

        for team_id, outcomes in render_on_cluster(options, team_ids, notebooks):
            progress(team_id, total)
            yield team_id, outcomes
    elif options.jobs <= 1:
        kernel = SharedKernel(options.kernel_name, options.notebook_dir, options.kernel_env()) if options.share_kernel else None
        try:
            for team_id in team_ids:
                outcomes = _team_task(team_id, notebooks, options, kernel)
                progress(team_id, total)
                yield team_id, outcomes
        finally:
            if kernel is not None:
                kernel.discard()
    else:
        with ProcessPoolExecutor(max_workers=min(options.jobs, len(team_ids))) as pool:
            futures = {pool.submit(_team_task, t, notebooks, options): t for t in team_ids}
            for future in as_completed(futures):
                team_id = futures[future]
                try:
                    outcomes = future.result()
                except Exception as error:  # the worker process itself died
                    outcomes = [NotebookOutcome(team_id, "all reports", False, None, _describe_failure(error))]
                progress(team_id, total)
                yield team_id, outcomes
