"""Executing one notebook with papermill, for the team's run or for a shared form.

Split from :mod:`datadriver_utils.batch.runner` so the runner keeps the batch's order of work
and this module the papermill call (its facts are in the runner's docstring).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from datadriver_utils.privacy.rules import Audience

if TYPE_CHECKING:
    import nbformat

    from datadriver_utils.batch.kernels import SharedKernel
    from datadriver_utils.batch.runner import BatchOptions

__all__ = ["execute", "shared_node"]


def _with_reset_cell(notebook: Path) -> nbformat.NotebookNode:
    import nbformat

    from datadriver_utils.batch.kernels import RESET_SOURCE

    node = nbformat.read(notebook, as_version=4)
    node.cells.insert(0, nbformat.v4.new_code_cell(RESET_SOURCE, metadata={"tags": ["remove"]}))
    return node


def execute(notebook: Path, team_id: str, options: BatchOptions, work_dir: Path,
            kernel: SharedKernel | None) -> nbformat.NotebookNode:
    """Execute one notebook with papermill into ``work_dir``; its summary fragments go to ``work_dir/summary``."""
    import papermill

    parameters = options.notebook_parameters(team_id, str(work_dir / "summary"))
    run_options: dict[str, object] = {"kernel_manager_class": "datadriver_utils.batch.kernels.PrivateKernelManager",
                                      "cwd": str(notebook.parent)}
    if kernel is not None:
        run_options = {"km": kernel.ensure()}
    node: nbformat.NotebookNode = papermill.execute_notebook(
        _with_reset_cell(notebook) if kernel is not None else str(notebook), str(work_dir / f"{notebook.stem}.ipynb"),
        parameters=parameters, kernel_name=options.kernel_name,
        execution_timeout=options.cell_timeout, start_timeout=options.start_timeout,
        progress_bar=False, request_save_on_cell_execute=False, **run_options,
    )
    return node


def shared_node(team_id: str, options: BatchOptions, work_dir: Path, ran: set[str],
                kernel: SharedKernel | None) -> Callable[[Path], nbformat.NotebookNode | None]:
    """How a shared form gets its executed notebook: the run's own when the run is shared, else
    a rendering for the district audience in ``work_dir/shared`` (the team's summary untouched)."""
    import nbformat

    from datadriver_utils.batch.kernels import SharedKernel

    shared_dir = work_dir / "shared"
    shared = replace(options, audience=Audience.DISTRICT)

    def node(notebook: Path) -> nbformat.NotebookNode | None:
        if options.audience is not Audience.TEAM:
            return nbformat.read(work_dir / f"{notebook.stem}.ipynb", as_version=4) if notebook.stem in ran else None
        (shared_dir / "summary").mkdir(parents=True, exist_ok=True)
        try:
            if kernel is not None:
                return execute(notebook, team_id, shared, shared_dir, kernel)
            with SharedKernel(options.kernel_name, options.notebook_dir, options.kernel_env()) as own:
                return execute(notebook, team_id, shared, shared_dir, own)
        except Exception:  # reported by the caller as a failed shared form
            if kernel is not None:
                kernel.discard()
            return None

    return node
