"""The Researcher strand (notebook 14): the changes the team tried (PDSA cycles) and whether its measure moved.

The Data Driver strand micro-credentials (Teaching Matters; shared/seeds 000 and 003) ask a
teacher leader to run improvement cycles and to show, on an annotated run chart, whether a
process measure changed.  The rules are in :mod:`datadriver_utils.stats.runchart` (Anhøj rules as
in qicharts2, IHI rules from Perla, Provost & Murray 2011; FIELD_NOTES, "Run-chart rules"), the
reading of a team's chart in :mod:`datadriver_utils.stats.runchart_reading` and the picture in
:mod:`datadriver_utils.charts.runchart`; this module arranges them into results::

    chart = researcher.run_chart(report, shift_length=8)
    chart               # the chart, the rules read in words, the split at the team's change
    chart.value         # the RunChartReading: analyses, signals, the rows in date order

The rule options (``shift_length``, ``trend_length``, ``astronomical_mads``,
``min_useful_points``; :class:`~datadriver_utils.stats.runchart.RunChartRules`) pass through
every view, and the chart is read once per report and set of options.  What the chart says
(:class:`~datadriver_utils.stats.runchart_reading.RunChartVerdict`: the Anhøj rules set the
headline, IHI flags are reported beside it) is the chart's title, the first note of the chart
and of the signal table, the ``verdict`` of summary.json and the snapshot's evidence line.

The PDSA cycles are also the chart's change marks, and the change the team noted on the chart
is dated to the start of the cycle it names (:mod:`datadriver_utils.stats.pdsa`).  The PDSA
tracker and the run chart still render independently: a team may have one without the other.
No student data is involved; the ``plan`` and ``do`` notes (which often name colleagues) are
shown to the team only.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from pydantic import Field

from datadriver_utils.charts.runchart import is_percent_measure, run_chart_figure, value_axis_limits
from datadriver_utils.core.quantities import Count, Day, Flag, Label, Mean, Position, Summary, Text
from datadriver_utils.notebook.needs import needs
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Result
from datadriver_utils.privacy.release import names_members
from datadriver_utils.stats.pdsa import pdsa_cycles
from datadriver_utils.stats.runchart import (
    ASTRONOMICAL_MADS,
    IHI_SHIFT_LENGTH,
    IHI_TREND_LENGTH,
    MIN_USEFUL_POINTS,
    RunChartAnalysis,
    RunChartResult,
    RunChartRules,
)
from datadriver_utils.stats.runchart_reading import (
    RunChartReading,
    RunChartVerdict,
    describe_signals,
    read_run_chart,
)

__all__ = [
    "PhaseRecord", "ResearcherSummary", "RunChartRecord", "SignalRecord", "VerdictRecord", "pdsa_tracker", "publish",
    "reading", "run_chart", "signals", "summary",
]

_PDSA_LABELS = {
    "cycle": "Cycle", "change_idea": "Change idea", "question": "Question",
    "prediction": "Prediction", "measure": "Measure", "start_date": "Start", "end_date": "End",
    "plan": "Plan", "do": "Do", "study": "Study", "act": "Act",
}
_TEAM_ONLY = ("plan", "do")
_SIGNAL_LABELS = {"rule": "Rule", "rule_set": "Rule set", "phase": "Phase", "dates": "Dates",
                  "description": "What it means"}
_RULE_NAMES = {"anhoej_long_run": "long run (Anhøj)", "ihi_shift": "shift (IHI)",
               "ihi_trend": "trend (IHI)", "ihi_astronomical": "far-out point (heuristic)"}


# ----------------------------------------------------------------------------- summary models


class PhaseRecord(Summary):
    """The rules read on one phase of the run chart (all points, baseline or after the change)."""

    phase: Label = Field(description="all points, baseline or after change")
    start: Day = Field(description="the phase's first date")
    end: Day = Field(description="the phase's last date")
    median: Mean = Field(description="the centre line: median of the phase's values, on the measure's scale")
    n_points: Count = Field(description="dates with a value")
    n_missing: Count = Field(description="dates without a value")
    n_useful: Count = Field(description="points not on the median (the n the Anhøj limits use)")
    longest_run: Count = Field(description="longest run of points on one side of the median")
    longest_run_max: Count = Field(description="Anhøj limit: round(log2(n_useful)) + 3")
    crossings: Count = Field(description="times the line crosses the median")
    crossings_min: Count = Field(description="Anhøj limit: qbinom(0.05, n_useful - 1, 0.5)")
    anhoej_run_signal: Flag = Field(description="the longest run exceeds its limit")
    anhoej_crossings_signal: Flag = Field(description="fewer crossings than the limit")
    ihi_shift: Flag = Field(description="shift_length (6 by default) or more points in a row on one side of the median")
    ihi_trend: Flag = Field(description="trend_length (5 by default) or more points each rising (or each falling)")
    ihi_astronomical: Flag = Field(description="a point more than astronomical_mads (3 by default) robust SDs from the median (our heuristic)")
    longest_run_positions: list[Position] = Field(description="rows (in date order) of the first longest run")
    signal_positions: dict[str, list[Position]] = Field(description="rule -> rows (in date order) of the points behind it")
    signal_dates: dict[str, list[Day]] = Field(description="rule -> dates of the points behind it")
    warnings: list[Text] = Field(description="cautions for a coach (too few useful points)")
    anhoej_signal: Flag = Field(description="either Anhøj rule fired")
    ihi_signal: Flag = Field(description="any IHI rule fired")


class RunChartRecord(Summary):
    """A run-chart analysis: one phase, or two when split at a change date."""

    split_at: Day = Field(description="the change date the phases are split at (null: one phase)")
    phases: list[PhaseRecord] = Field(description="the phases in time order")


class SignalRecord(Summary):
    """One rule that fired, with the points behind it."""

    rule: Label = Field(description="long_run, few_crossings, shift, trend or astronomical_point")
    rule_set: Label = Field(description="Anhøj or IHI")
    phase: Label = Field(description="the phase it fired in")
    dates: list[Day] = Field(description="dates of the points that triggered it")
    description: Text = Field(description="what it means, in plain words")


class VerdictRecord(Summary):
    """What the run chart says: the headline its title, notes and the snapshot share."""

    likely_change: Flag = Field(description="an Anhøj rule fired on the whole series (the rule set that sets the headline)")
    headline: Text = Field(description="the chart's title")
    sentence: Text = Field(description="the headline with what the IHI rules add and any caution about too few points")
    anhoej_rules: list[Label] = Field(description="the Anhøj rules that fired: a long run, too few crossings")
    ihi_rules: list[Label] = Field(description="the IHI rules that fired: a shift, a trend, a far-out point")


class ResearcherSummary(Summary):
    """PDSA cycles and the run chart (notebook 14); each part is null when its file is missing."""

    section = "researcher"
    verdict: VerdictRecord | None = Field(description="what the chart says (null: no run chart or no values)")
    run_chart: RunChartRecord | None = Field(description="the rules read on the whole series with one median")
    signals: list[SignalRecord] | None = Field(description="the rules that fired on the whole series")
    split: RunChartRecord | None = Field(description="the series split at the first noted change (null: none noted)")
    n_pdsa_cycles: Count = Field(description="rows of pdsa.csv")


# ----------------------------------------------------------------------------- the PDSA tracker


@needs("pdsa")
def pdsa_tracker(report: Report) -> Result:
    """The tracker of the team's PDSA cycles in cycle order; ``.frame`` is the table as the
    audience sees it (plan and do notes for the team only)."""
    cycles = pdsa_cycles(report.team.table("pdsa"))
    if cycles.empty:
        return Result().note("pdsa.csv has no cycles yet; add one row per Plan-Do-Study-Act cycle.", "info")
    shown = cycles[[c for c in cycles.columns if names_members(report.audience) or c not in _TEAM_ONLY]]
    return Result([report.tabulate(shown, caption=f"PDSA tracker: {len(shown)} cycle(s)", rename=_PDSA_LABELS,
                                   name="pdsa")])


# ----------------------------------------------------------------------------- the run chart


def _rules(shift_length: int, trend_length: int, astronomical_mads: float, min_useful_points: int) -> RunChartRules:
    return RunChartRules(shift_length=shift_length, trend_length=trend_length,
                         astronomical_mads=astronomical_mads, min_useful_points=min_useful_points)


def reading(report: Report, rules: RunChartRules = RunChartRules()) -> RunChartReading:
    """The team's run chart read once per report and set of rules (the notebook's chart, its
    signal table, summary.json and the snapshot's thread all use this one reading), with the
    PDSA cycles as its change marks when the team has pdsa.csv."""
    pdsa = report.team.table("pdsa") if report.team.has("pdsa") else None
    return report.memo(("researcher.reading", rules),
                       lambda: read_run_chart(report.team.table("run_chart"), rules, pdsa))


def _figure(found: RunChartReading, result: RunChartResult, title: str) -> Figure:
    return run_chart_figure(found.data, result, found.measure, title, marks=found.marks, gaps=found.gaps,
                            target=found.target)


def _chart_alt(found: RunChartReading, result: RunChartResult, title: str) -> str:
    """What the chart shows, for a screen reader and a printout: the title, the points and the
    axis, the median(s), the target, the changes marked, the gaps and the marked points."""
    data = found.data.dropna(subset=["value"])
    low, high = value_axis_limits(data["value"].tolist(), found.target, is_percent_measure(found.measure))
    medians = "; ".join(f"{'dash-dot' if p.phase == 'after change' else 'dashed'} line at the "
                        f"{p.phase.replace(' ', '-')} median {p.median:.1f}" for p in result.phases if p.median is not None)
    parts = [f"Run chart titled '{title}'. {found.measure}: {len(data)} points from {data['date'].min():%Y-%m-%d} "
             f"to {data['date'].max():%Y-%m-%d}, values {data['value'].min():g} to {data['value'].max():g} on an "
             f"axis from {low:.0f} to {high:.0f}; {medians}."]
    if found.target is not None:
        parts.append(f"Dash-dot-dot line at the target {found.target:g}.")
    if found.marks:
        parts.append("Changes marked: " + "; ".join(m.text for m in found.marks) + ".")
    if result.split_at is not None:
        parts.append(f"The chart is split at {result.split_at}.")
    if found.gaps:
        parts.append("No measurement between " + "; ".join(f"{a:%Y-%m-%d} and {b:%Y-%m-%d}" for a, b in found.gaps)
                     + " (the line breaks there).")
    marked = [f"{_RULE_NAMES[key]} on {len(dates)} point(s) from {dates[0]} to {dates[-1]}"
              for phase in result.phases for key, dates in phase.signal_dates.items() if dates]
    parts.append("Marked points: " + "; ".join(marked) + "." if marked else "No rule marks a point.")
    return " ".join(parts)


def _split_part(found: RunChartReading) -> Result | None:
    split = found.split
    if split is None:
        return None
    medians = " and ".join(f"{p.phase}: median {p.median:.1f}" for p in split.phases if p.median is not None)
    title = f"The same chart split at the change on {split.split_at}: each phase with its own median"
    return Result().note(
        f"The same chart split at {split.split_at}, the first change the team noted ({medians}). Use it to "
        "see the new level once a signal says the change made a difference; the signals above are read "
        "on the whole series.", "info"
    ).add(Chart(_figure(found, split, title), _chart_alt(found, split, title), name="split"))


def _verdict_kind(verdict: RunChartVerdict) -> str:
    return "good" if verdict.likely_change else "warning" if not verdict.enough_points else "info"


@needs("run_chart")
def run_chart(report: Report, *, shift_length: int = IHI_SHIFT_LENGTH, trend_length: int = IHI_TREND_LENGTH,
              astronomical_mads: float = ASTRONOMICAL_MADS, min_useful_points: int = MIN_USEFUL_POINTS) -> Result:
    """The chart titled with what it says (the verdict, which warns below ``min_useful_points``
    useful points), the rules read in plain words, and the chart split at the team's first noted change.  ``.value`` is the
    :class:`~datadriver_utils.stats.runchart_reading.RunChartReading`."""
    found = reading(report, _rules(shift_length, trend_length, astronomical_mads, min_useful_points))
    if found.n_points == 0:
        return Result(value=found).note("run_chart.csv has no values yet; add one row per date you measured.", "info")
    result = Result(value=found)
    report.define("run_chart_median")
    verdict = found.verdict
    result.add(Chart(_figure(found, found.whole, verdict.headline), _chart_alt(found, found.whole, verdict.headline),
                     name="run chart"))
    result.note(verdict.sentence, _verdict_kind(verdict)).note(describe_signals(found.whole), "info")
    return result.add(_split_part(found))


@needs("run_chart")
def signals(report: Report, *, shift_length: int = IHI_SHIFT_LENGTH, trend_length: int = IHI_TREND_LENGTH,
            astronomical_mads: float = ASTRONOMICAL_MADS, min_useful_points: int = MIN_USEFUL_POINTS) -> Result:
    """What the chart says (the verdict its title shows), then one row per rule that fired on the
    whole series with the dates of the points behind it; ``.value`` is the list of signals."""
    found = reading(report, _rules(shift_length, trend_length, astronomical_mads, min_useful_points))
    if not found.n_points:
        return Result(value=[]).note("run_chart.csv has no values yet; add one row per date you measured.", "info")
    fired = found.signals
    result = Result(value=fired).note(found.verdict.sentence, _verdict_kind(found.verdict))
    if not fired:
        return result.note("No run-chart rule fired: so far the measure looks like ordinary variation.", "info")
    table = pd.DataFrame(fired).assign(dates=lambda f: f["dates"].map(", ".join))
    return result.add(report.tabulate(table, caption="Signals found", rename=_SIGNAL_LABELS, name="signals"))


# ----------------------------------------------------------------------------- summary.json


def _verdict_record(verdict: RunChartVerdict) -> VerdictRecord:
    return VerdictRecord(likely_change=verdict.likely_change, headline=verdict.headline, sentence=verdict.sentence,
                         anhoej_rules=list(verdict.anhoej_rules), ihi_rules=list(verdict.ihi_rules))


def _record(result: RunChartResult) -> RunChartRecord:
    return RunChartRecord(split_at=result.split_at, phases=[_phase(p) for p in result.phases])


def _phase(phase: RunChartAnalysis) -> PhaseRecord:
    return PhaseRecord.model_validate(phase.to_dict())


def summary(report: Report, *, shift_length: int = IHI_SHIFT_LENGTH, trend_length: int = IHI_TREND_LENGTH,
            astronomical_mads: float = ASTRONOMICAL_MADS,
            min_useful_points: int = MIN_USEFUL_POINTS) -> ResearcherSummary | None:
    """The ``researcher`` section of summary.json, or None when the team has neither a PDSA
    tracker nor a run chart; each part is None when its file is missing (or has no values)."""
    team = report.team
    if not (team.has("pdsa") or team.has("run_chart")):
        return None
    parts: dict[str, object] = {"verdict": None, "run_chart": None, "signals": None, "split": None}
    if team.has("run_chart"):
        found = reading(report, _rules(shift_length, trend_length, astronomical_mads, min_useful_points))
        if found.n_points:
            parts = {"verdict": _verdict_record(found.verdict), "run_chart": _record(found.whole),
                     "signals": found.signals,
                     "split": None if found.split is None else _record(found.split)}
    return ResearcherSummary.model_validate(
        {**parts, "n_pdsa_cycles": len(team.table("pdsa")) if team.has("pdsa") else None})


def publish(report: Report, *, shift_length: int = IHI_SHIFT_LENGTH, trend_length: int = IHI_TREND_LENGTH,
            astronomical_mads: float = ASTRONOMICAL_MADS,
            min_useful_points: int = MIN_USEFUL_POINTS) -> ResearcherSummary | None:
    """Write the ``researcher`` section when the team has a PDSA tracker or a run chart."""
    found = summary(report, shift_length=shift_length, trend_length=trend_length,
                    astronomical_mads=astronomical_mads, min_useful_points=min_useful_points)
    if found is not None:
        report.publish(found)
    return found
