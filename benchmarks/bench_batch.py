"""The batch at district and state scale (issue 13): every figure as a ratio measured in one run.

Run with ``make bench`` (full, about an hour on 2 busy cores) or ``BENCH_QUICK=1 make bench``
(a few minutes: fewer teams and notebooks, the same measures). Each line prints wall seconds,
CPU seconds (this process and every process it started: papermill, kernels, workers), and a
ratio against its baseline, with the issue's target beside it. No test asserts on these
numbers; on a shared machine read the CPU column as well as the wall clock.

Measures:

1. **Naive loop** (what a coach would script: ``papermill`` CLI, then ``jupyter nbconvert
   --no-input``, one notebook at a time) ÷ ``datadriver run`` cold (empty cache, new export
   folder) and warm (``--force`` with the team cache filled).
2. **No-change rerun** of the same command, and **one team changed** (only that team renders).
3. **10, 50 and 200 synthetic teams** (copies of the sample teams, one notebook each): cost per
   report, and its distance from linear (per-report cost at N ÷ at the smallest N, minus one).
4. **A million item-level rows**: ``datadriver check`` time and peak memory; all notebooks
   rendered for that team, time and peak memory (the sum over the process tree, sampled).
5. **Dask**: the same teams on a LocalCluster with 1 and with 2 worker processes.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import SAMPLE, large_team, many_teams, sample_team_ids, touch_team  # noqa: E402

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
BIN = Path(sys.executable).parent
NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
ALL_NOTEBOOKS = sorted(p.name for p in NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
SCALE_NOTEBOOKS = ["20_data_driver_snapshot.ipynb"]  # one report per team keeps 200 teams within an hour
NAIVE_TEAMS = sample_team_ids()[:2] if QUICK else sample_team_ids()[:3]  # issue 13 measured 3 teams
NAIVE_NOTEBOOKS = ALL_NOTEBOOKS[:3] if QUICK else ALL_NOTEBOOKS
SCALES = (4, 8, 16) if QUICK else (10, 50, 200)
LARGE_ROWS = 100_000 if QUICK else 1_000_000
DASK_TEAMS = 4 if QUICK else 12


@dataclass
class Measure:
    label: str
    wall: float
    cpu: float
    peak_mb: float | None = None
    note: str = ""


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class PeakMemory:
    """Peak of the summed resident memory of this process's descendants, sampled every 0.1 s."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.1):
            total = 0
            for child in me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


def measure(label: str, action: Callable[[], str | None], memory: bool = False) -> Measure:
    cpu0, wall0 = _cpu_children() + _cpu_self(), time.perf_counter()
    if memory:
        with PeakMemory() as peak:
            note = action()
        peak_mb: float | None = peak.peak / 2**20
    else:
        note, peak_mb = action(), None
    wall, cpu = time.perf_counter() - wall0, _cpu_children() + _cpu_self() - cpu0
    result = Measure(label, wall, cpu, peak_mb, note or "")
    print(f"  {label}: {wall:.1f} s wall, {cpu:.1f} s CPU" + (f", peak {peak_mb:.0f} MB" if peak_mb else "")
          + (f" ({note})" if note else ""), flush=True)
    return result


def run(command: Sequence[str | Path], env: dict[str, str] | None = None, check: bool = True) -> str:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, env=env)
    if check and done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return done.stdout + done.stderr


def datadriver(*args: str | Path, env: dict[str, str]) -> str:
    return run([sys.executable, "-m", "datadriver_utils.cli", *args], env=env)


def naive_loop(data: Path, work: Path) -> str:
    """papermill CLI then nbconvert CLI for every notebook of every team, one at a time."""
    for team_id in NAIVE_TEAMS:
        for name in NAIVE_NOTEBOOKS:
            executed = work / team_id / name
            executed.parent.mkdir(parents=True, exist_ok=True)
            run([BIN / "papermill", NOTEBOOK_DIR / name, executed, "--cwd", NOTEBOOK_DIR, "--log-level", "ERROR",
                 "-r", "data_dir", data, "-r", "team_id", team_id, "-r", "audience", "team",
                 "-r", "summary_dir", work / team_id])
            run([BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", executed, "--log-level", "ERROR"])
    return f"{len(NAIVE_TEAMS)} teams × {len(NAIVE_NOTEBOOKS)} notebooks"


def rendered_teams(output: str) -> list[str]:
    return re.findall(r"^✓ (\S+):", output, flags=re.MULTILINE)


def per_notebook_seconds(out: Path) -> dict[str, float]:
    """Median seconds per notebook over the teams of a run (from the run records)."""
    seconds: dict[str, list[float]] = {}
    for record in (out / ".datadriver" / "teams").glob("*.json"):
        for notebook in json.loads(record.read_text(encoding="utf-8"))["notebooks"]:
            seconds.setdefault(notebook["notebook"], []).append(notebook["seconds"])
    return {name: sorted(values)[len(values) // 2] for name, values in sorted(seconds.items())}


def bench_district(work: Path, env: dict[str, str]) -> list[Measure]:
    print(f"1-2. Sample district: {len(NAIVE_TEAMS)} teams × {len(NAIVE_NOTEBOOKS)} notebooks", flush=True)
    data = work / "district"
    shutil.copytree(SAMPLE, data)
    teams = [a for t in NAIVE_TEAMS for a in ("--team", t)]
    notebooks = [a for n in NAIVE_NOTEBOOKS for a in ("--notebook", n)]
    out = work / "exports"
    command = ["run", "--data", data, "--out", out, *teams, *notebooks, "--jobs", "2"]
    results = [measure("naive loop (papermill CLI + nbconvert CLI)", lambda: naive_loop(data, work / "naive"))]
    results.append(measure("datadriver run, cold", lambda: datadriver(*command, env=env) and None))
    cold_notebooks = per_notebook_seconds(out)
    results.append(measure("datadriver run --force, warm cache", lambda: datadriver(*command, "--force", env=env) and None))
    results.append(measure("no-change rerun", lambda: f"rendered: {rendered_teams(datadriver(*command, env=env)) or 'none'}"))
    touch_team(data, NAIVE_TEAMS[0])
    results.append(measure("one team changed", lambda: f"rendered: {rendered_teams(datadriver(*command, env=env))}"))
    print("  per notebook, median over teams, cold run (s): "
          + ", ".join(f"{name} {s:.1f}" for name, s in cold_notebooks.items()), flush=True)
    return results


def bench_scale(work: Path, env: dict[str, str]) -> list[Measure]:
    print(f"3. Synthetic teams × {len(SCALE_NOTEBOOKS)} notebooks each", flush=True)
    results = []
    for count in SCALES:
        data = work / f"scale-{count}"
        many_teams(data, count)
        notebooks = [a for n in SCALE_NOTEBOOKS for a in ("--notebook", n)]
        args = ["run", "--data", data, "--out", work / f"scale-out-{count}", *notebooks, "--jobs", "2"]
        results.append(measure(f"{count} teams", lambda a=args: datadriver(*a, env=env) and None))  # type: ignore[misc]
    return results


def bench_large(work: Path, env: dict[str, str]) -> list[Measure]:
    print(f"4. One team with {LARGE_ROWS:,} item-level assessment rows", flush=True)
    data = work / "large"
    team_id = large_team(data, LARGE_ROWS)
    results = [measure("datadriver check", lambda: datadriver("check", "--data", data, env=env) and None, memory=True)]
    results.append(measure(f"all {len(ALL_NOTEBOOKS)} notebooks", lambda: _large_render(data, work, team_id, env),
                           memory=True))
    return results


def _large_render(data: Path, work: Path, team_id: str, env: dict[str, str]) -> str:
    output = run([sys.executable, "-m", "datadriver_utils.cli", "run", "--data", data, "--out", work / "large-out",
                  "--jobs", "1", "--cell-timeout", "900"], env=env, check=False)
    seconds = per_notebook_seconds(work / "large-out")
    slowest = sorted(seconds.items(), key=lambda kv: -kv[1])[:3]
    ok = "all rendered" if f"✓ {team_id}" in output else "NOT all rendered"
    return f"{ok}; slowest: " + ", ".join(f"{n} {s:.0f} s" for n, s in slowest)


def bench_dask(work: Path, env: dict[str, str]) -> list[Measure]:
    print(f"5. Dask LocalCluster: {DASK_TEAMS} teams × {len(SCALE_NOTEBOOKS)} notebooks, 1 and 2 workers", flush=True)
    data = work / "dask"
    many_teams(data, DASK_TEAMS)
    from distributed import LocalCluster

    results = []
    notebooks = [a for n in SCALE_NOTEBOOKS for a in ("--notebook", n)]
    for workers in (1, 2):  # the cluster is started before the clock starts, as a network's would be
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=40) as cluster:
            args = ["run", "--data", data, "--out", work / f"dask-out-{workers}", *notebooks,
                    "--scheduler", cluster.scheduler_address]
            results.append(measure(f"{workers} worker(s)", lambda a=args: datadriver(*a, env=env) and None))  # type: ignore[misc]
    return results


def summarise(district: list[Measure], scale: list[Measure], large: list[Measure], dask: list[Measure]) -> None:
    by = {m.label: m for m in district}
    naive, cold, warm = by["naive loop (papermill CLI + nbconvert CLI)"], by["datadriver run, cold"], by["datadriver run --force, warm cache"]
    reports = len(NAIVE_TEAMS) * len(NAIVE_NOTEBOOKS)
    rows = [
        ("naive ÷ datadriver run, cold", f"{naive.wall / cold.wall:.1f}× (CPU {naive.cpu / cold.cpu:.1f}×)", "≥ 10×"),
        ("naive ÷ datadriver run, warm", f"{naive.wall / warm.wall:.1f}× (CPU {naive.cpu / warm.cpu:.1f}×)", "≥ 10×"),
        ("cost per report: naive / cold / warm", f"{naive.wall / reports:.1f} / {cold.wall / reports:.2f} / {warm.wall / reports:.2f} s", ""),
        ("no-change rerun", f"{by['no-change rerun'].wall:.1f} s ({by['no-change rerun'].note})", "< 3 s"),
        ("one team changed", f"{by['one team changed'].wall:.1f} s ({by['one team changed'].note})", "that team only"),
    ]
    base = scale[0]
    base_count = SCALES[0]
    for count, m in zip(SCALES, scale, strict=True):
        per_report = m.wall / (count * len(SCALE_NOTEBOOKS))
        linear = (m.wall / count) / (base.wall / base_count) - 1
        rows.append((f"{count} teams: s per report, from linear", f"{per_report:.2f} s, {linear:+.0%} (CPU {(m.cpu / count) / (base.cpu / base_count) - 1:+.0%})", "within ±10%"))
    # The smallest run carries the fixed costs (kernels starting, imports) over few teams; the
    # two largest show whether the cost per team stays flat once those are spread out.
    (mid_count, mid), (top_count, top) = list(zip(SCALES, scale, strict=True))[-2:]
    rows.append((f"{top_count} vs {mid_count} teams, per report", f"{(top.wall / top_count) / (mid.wall / mid_count) - 1:+.0%} wall, "
                 f"{(top.cpu / top_count) / (mid.cpu / mid_count) - 1:+.0%} CPU", "within ±10%"))
    check, render = large
    rows.append((f"{LARGE_ROWS:,} rows: datadriver check", f"{check.wall:.1f} s, peak {check.peak_mb:.0f} MB", "< 5 s"))
    rows.append((f"{LARGE_ROWS:,} rows: all notebooks", f"{render.wall:.1f} s, peak {render.peak_mb:.0f} MB ({render.note})", "< 60 s, < 2 GB"))
    one, two = dask
    rows.append(("Dask: 1 worker ÷ 2 workers", f"{one.wall / two.wall:.2f}× ({one.wall:.0f} s / {two.wall:.0f} s)", "≥ 1.7×"))
    load = os.getloadavg()
    print(f"\nSummary ({os.cpu_count()} cores; load average now {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f};"
          f" {'QUICK' if QUICK else 'full'} mode)")
    print(f"{'measure':44} {'measured':54} target")
    for label, value, target in rows:
        print(f"{label:44} {value:54} {target}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="datadriver-bench-") as folder:
        work = Path(folder)
        env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "PYTHONWARNINGS": "ignore"}
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {'QUICK' if QUICK else 'full'} mode", flush=True)
        district = bench_district(work, env)
        large = bench_large(work, env)
        dask = bench_dask(work, env)
        scale = bench_scale(work, env)  # the longest, last
        summarise(district, scale, large, dask)


if __name__ == "__main__":
    main()
