"""Where the batch spends its time, as ratios against baselines run in the same process.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_batch.py``). Absolute seconds
depend on the machine; the ratios are what to compare between versions:

* validation: ``check_team`` on the largest sample team ÷ a bare ``pandas.read_csv`` of its
  files (the cost of checking every cell);
* notebook: the Data Driver snapshot for one team ÷ an empty notebook through papermill (kernel
  start-up, the fixed cost papermill cannot share between notebooks);
* batch: two teams with ``--jobs 2`` ÷ the same with ``--jobs 1`` (what process parallelism buys
  on this machine);
* kernels: every notebook for one team on one shared kernel ÷ a fresh kernel per notebook
  (what :class:`~datadriver_utils.batch.kernels.SharedKernel` saves).

No test asserts on these numbers (timings are not test material); read them.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
import pandas as pd
import papermill

from datadriver_utils.batch.runner import BatchOptions, run_batch
from datadriver_utils.contract.team import check_team, load_district

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_data"
NOTEBOOKS = REPO / "notebooks"
LARGEST_TEAM = "district-data-team"


def timed(action: Callable[[], object], repeats: int = 3) -> float:
    """Median wall time of ``repeats`` runs, in seconds."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bench_validation() -> tuple[float, float]:
    district, _ = load_district(SAMPLE)
    team_dir = SAMPLE / "teams" / LARGEST_TEAM
    baseline = timed(lambda: [pd.read_csv(p, dtype=str) for p in team_dir.glob("*.csv")], 5)
    checked = timed(lambda: check_team(SAMPLE, LARGEST_TEAM, district), 5)
    return baseline, checked


def bench_notebook(work: Path) -> tuple[float, float]:
    empty = work / "empty.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})]
    nbformat.write(notebook, empty)
    run = dict(kernel_name="python3", progress_bar=False, kernel_manager_class="datadriver_utils.batch.kernels.PrivateKernelManager")
    baseline = timed(lambda: papermill.execute_notebook(str(empty), str(work / "e.ipynb"), **run))
    params = {"data_dir": str(SAMPLE), "team_id": LARGEST_TEAM, "audience": "team", "summary_dir": ""}
    snapshot = timed(lambda: papermill.execute_notebook(
        str(NOTEBOOKS / "20_data_driver_snapshot.ipynb"), str(work / "s.ipynb"), parameters=params,
        cwd=str(NOTEBOOKS), **run))
    return baseline, snapshot


def bench_batch(work: Path) -> tuple[float, float]:
    def batch(jobs: int) -> None:
        out = work / f"out{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        run_batch(BatchOptions(data_dir=SAMPLE, out_dir=out, teams=["maple-elementary-g3", "river-middle-g7-math"],
                               notebooks=["20_data_driver_snapshot.ipynb"], jobs=jobs))
    return timed(lambda: batch(1), 1), timed(lambda: batch(2), 1)


def bench_shared_kernel(work: Path) -> tuple[float, float]:
    def batch(share: bool) -> None:
        out = work / f"kernel-{share}"
        shutil.rmtree(out, ignore_errors=True)
        run_batch(BatchOptions(data_dir=SAMPLE, out_dir=out, teams=["river-middle-g7-math"], jobs=1,
                               share_kernel=share))
    return timed(lambda: batch(False), 1), timed(lambda: batch(True), 1)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        rows = []
        read, check = bench_validation()
        rows.append(("validation: check_team ÷ read_csv", read, check))
        empty, snapshot = bench_notebook(work)
        rows.append(("notebook: snapshot ÷ empty notebook", empty, snapshot))
        serial, parallel = bench_batch(work)
        rows.append(("batch, 2 teams: jobs=2 ÷ jobs=1", serial, parallel))
        fresh, shared = bench_shared_kernel(work)
        rows.append(("one team, all notebooks: shared ÷ fresh kernel", fresh, shared))
    print(f"{'measure':42} {'baseline s':>11} {'measured s':>11} {'ratio':>7}")
    for label, baseline, measured in rows:
        print(f"{label:42} {baseline:11.3f} {measured:11.3f} {measured / baseline:7.2f}")


if __name__ == "__main__":
    main()
