"""The Researcher strand: the changes the team tried (PDSA cycles) and whether its measure moved.

The Data Driver strand micro-credentials (Teaching Matters; shared/seeds 000 and 003) ask a
teacher leader to run improvement cycles and to show, on an annotated run chart, whether a
process measure changed.  The rules are in :mod:`datadriver_utils.stats.runchart` (Anhøj rules as in
qicharts2, IHI rules from Perla, Provost & Murray 2011; FIELD_NOTES, "Run-chart rules"); this
module arranges the PDSA tracker and the chart for a notebook and for ``summary.json``.

The PDSA tracker and the run chart render independently: a team may have one without the other.
No student data is involved; the ``plan`` and ``do`` notes (which often name colleagues) are
shown to the team only.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from IPython.display import display
from matplotlib.figure import Figure

from datadriver_utils.charts.runchart import run_chart_figure
from datadriver_utils.notebook.report import Report
from datadriver_utils.privacy.rules import Audience
from datadriver_utils.stats.runchart import (
    MIN_USEFUL_POINTS,
    RunChartResult,
    analyse_run_chart,
    describe_signals,
    signals_summary,
)

__all__ = [
    "pdsa_tracker", "change_date", "run_chart_data", "run_chart_result", "measure_label",
    "researcher_summary", "show_pdsa_tracker", "show_run_chart", "show_signals",
    "publish_researcher",
]

_PDSA_LABELS = {
    "cycle": "Cycle", "change_idea": "Change idea", "question": "Question",
    "prediction": "Prediction", "measure": "Measure", "start_date": "Start", "end_date": "End",
    "plan": "Plan", "do": "Do", "study": "Study", "act": "Act",
}
_TEAM_ONLY = ("plan", "do")


def pdsa_tracker(report: Report) -> pd.DataFrame:
    """One row per PDSA cycle in cycle order, dates as ISO text (plan/do for the team only)."""
    frame = report.team.table("pdsa").sort_values("cycle", kind="stable")
    keep = [c for c in _PDSA_LABELS if c in frame.columns
            and (report.audience is Audience.TEAM or c not in _TEAM_ONLY)]
    out = frame[keep].copy()
    out["cycle"] = out["cycle"].astype("Int64")
    for column in ("start_date", "end_date"):
        if column in out:
            out[column] = pd.to_datetime(out[column]).dt.strftime("%Y-%m-%d")
    return out.reset_index(drop=True)


def show_pdsa_tracker(report: Report) -> None:
    """The tracker table of the team's PDSA cycles."""
    tracker = pdsa_tracker(report)
    if tracker.empty:
        report.notice("pdsa.csv has no cycles yet; add one row per Plan-Do-Study-Act cycle.", "info")
        return
    report.table(tracker, caption=f"PDSA tracker: {len(tracker)} cycle(s)", rename=_PDSA_LABELS)


def run_chart_data(report: Report) -> pd.DataFrame:
    """The run chart rows in date order."""
    return report.team.table("run_chart").sort_values("date", kind="stable").reset_index(drop=True)


def change_date(data: pd.DataFrame) -> pd.Timestamp | None:
    """The first annotated date after the first point: where the baseline ends.

    An annotation on the very first point cannot split the chart (the baseline would be
    empty), so it is skipped.  None when there is no usable annotation.
    """
    if "annotation" not in data.columns or data.empty:
        return None
    text = data["annotation"].astype("string").str.strip()
    annotated = data.loc[text.notna() & (text != "") & (data["date"] > data["date"].min()), "date"]
    return None if annotated.empty else pd.Timestamp(annotated.min())


def run_chart_result(data: pd.DataFrame) -> RunChartResult:
    """The rules read on the whole series with one median: the signals a team reports.

    A change that worked shows here as a long run or a shift after the change date.  Splitting
    first would give each phase its own median and absorb exactly that step, so the split is
    offered as a second view (:func:`split_result`), not as the test.
    """
    return analyse_run_chart(data)


def split_result(data: pd.DataFrame) -> RunChartResult | None:
    """Baseline and post-change phases, each with its own median, split at :func:`change_date`."""
    split_at = change_date(data)
    return None if split_at is None else analyse_run_chart(data, split_at)


def measure_label(data: pd.DataFrame) -> str:
    """Words for the y axis: the first ``measure`` given, else "Value"."""
    if "measure" in data.columns:
        named = data["measure"].dropna().astype(str).str.strip()
        named = named[named != ""]
        if not named.empty:
            return str(named.iloc[0])
    return "Value"


def run_chart(data: pd.DataFrame, result: RunChartResult) -> Figure:
    """The annotated run chart figure."""
    return run_chart_figure(data, result, measure_label(data))


def show_run_chart(report: Report) -> None:
    """Chart, a warning below 15 points, and the rules read in plain words."""
    data = run_chart_data(report)
    n_points = int(data["value"].notna().sum())
    if n_points == 0:
        report.notice("run_chart.csv has no values yet; add one row per date you measured.", "info")
        return
    if n_points < MIN_USEFUL_POINTS:
        report.notice(f"The chart has {n_points} points; the run-chart rules need at least "
                      f"{MIN_USEFUL_POINTS} before a 'no signal' can be trusted. Keep measuring.",
                      "warning")
    result = run_chart_result(data)
    display(run_chart(data, result))
    report.notice(describe_signals(result), "good")
    split = split_result(data)
    if split is not None:
        medians = " and ".join(f"{p.phase}: median {p.median:.1f}" for p in split.phases)
        report.notice(f"The same chart split at {split.split_at}, the first change the team noted "
                      f"({medians}). Use it to see the new level once a signal says the change "
                      "made a difference.", "info")
        display(run_chart(data, split))


def show_signals(report: Report) -> None:
    """One row per rule that fired, with the dates of the points behind it."""
    signals = signals_summary(run_chart_result(run_chart_data(report)))
    if not signals:
        report.notice("No run-chart rule fired: so far the measure looks like ordinary variation.",
                      "info")
        return
    table = pd.DataFrame(signals).assign(dates=lambda f: f["dates"].map(", ".join))
    report.table(table, caption="Signals found", rename={
        "rule": "Rule", "rule_set": "Rule set", "phase": "Phase", "dates": "Dates",
        "description": "What it means"})


def researcher_summary(report: Report) -> dict[str, Any]:
    """The ``researcher`` section of summary.json; each part is None when its file is missing."""
    summary: dict[str, Any] = {"run_chart": None, "signals": None, "split": None, "n_pdsa_cycles": None}
    if report.team.has("run_chart") and report.team.table("run_chart")["value"].notna().any():
        data = run_chart_data(report)
        result = run_chart_result(data)
        split = split_result(data)
        summary.update(run_chart=result.to_dict(), signals=signals_summary(result),
                       split=None if split is None else split.to_dict())
    if report.team.has("pdsa"):
        summary["n_pdsa_cycles"] = int(len(report.team.table("pdsa")))
    return summary


def publish_researcher(report: Report) -> dict[str, Any] | None:
    """Write the ``researcher`` section when the team has a PDSA tracker or a run chart."""
    if not (report.team.has("pdsa") or report.team.has("run_chart")):
        return None
    summary = researcher_summary(report)
    report.publish(summary, "researcher")
    return summary
