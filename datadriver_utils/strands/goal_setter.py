"""The Goal Setter strand (notebook 13): a student learning goal the team can reach and can check.

The Goal Setter micro-credential of the Data Driver strand (Teaching Matters; shared/seeds 000)
asks for a goal set from evidence.  The numbers come from :mod:`datadriver_utils.stats.goals`
(the baseline on the goal's standards, students to cross the cut, the reach status with our
documented :class:`~datadriver_utils.stats.goals.ReachThresholds`, the SMART checklist); the
chart from :mod:`datadriver_utils.charts.goals`; the live builder that writes team.yml from
:mod:`datadriver_utils.workshop.goal_builder`.  This module only arranges them into results for
a notebook and for ``summary.json``.  The baseline is read in the pre window (the first window
of a team without one, e.g. BOY); a team whose results are scale scores (MAP, Star, i-Ready) is
read at the goal's ``cut_score`` or the benchmarks, and every view names that cut in its unit
(:func:`~datadriver_utils.strands.score_kinds.cut_words`)::

    check = goal_setter.baseline_check(report, thresholds=ReachThresholds(typical_gain_points=10))
    check               # the table and the check in words
    check.frame         # the numbers behind the table, for this audience
    check.value         # the goal_setter summary as this audience may read it

Privacy: the baseline is one group of students.  Beyond the team, a goal measured on fewer
students than the district's minimum shows no counts, status or chart, and the SMART
checklist does not say whether it is attainable (that would give the status away); for the
public a percent proficient near 0 or 100 is coded -- or hidden, in a group too small for the
code to hide anyone (:mod:`datadriver_utils.privacy.coding`) -- and then the students to cross,
the points to gain and the check in words (exact counts) are left out: they give it back by
arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import pandas as pd

from datadriver_utils.charts.goals import BAR_COLUMNS, baseline_figure
from datadriver_utils.notebook.needs import needs
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Result, Table
from datadriver_utils.privacy.coding import HIDDEN, PUBLISHED, SHOWN, TOP
from datadriver_utils.privacy.release import too_small_to_share, value_status
from datadriver_utils.stats.goals import (
    Baseline,
    GoalReview,
    ReachThresholds,
    SmartCheck,
    SmartItem,
    baseline_scores,
    review_goal,
    review_scale_goal,
)
from datadriver_utils.strands.goal_setter_records import GoalSetterSummary, SmartRecord, StandardBaseline
from datadriver_utils.strands.score_kinds import (
    cut_as_written,
    cut_words,
    goal_cuts,
    pre_post,
    score_kind,
    score_unit,
    unit_plural,
)
from datadriver_utils.workshop.goal_builder import goal_builder as build_goal_widget

__all__ = [
    "BASELINE_LABEL", "GoalSetterSummary", "NO_GOAL", "baseline_shown", "SmartRecord", "StandardBaseline", "baseline_chart", "baseline_check", "goal", "goal_builder",
    "publish", "review", "smart", "summary",
]

NO_GOAL = ("team.yml has no goal yet. Draft one with the goal builder below (live session) or add a "
           "`goal:` block to team.yml (see docs/data-contract.md).")
_STANDARD_LABELS = {"standard": "Standard", "n": "Students (n)", "pct_proficient": "% proficient now (all pre takers)"}
_STATUS_KIND = {"reachable": "good", "ambitious": "info"}
_CHECK_DERIVED = {"cross": ["pct"], "points": ["pct"]}
"""Students to cross and points to gain are arithmetic on the baseline: hidden whenever it is not shown."""
BASELINE_LABEL = "Baseline: % proficient (all pre takers)"
"""The baseline's column label; every report that shows the baseline names it so (docs/analysis.md)."""
_CHECK_LABELS = {"standards": "Standards measured", "n": "Students (n)", "pct": BASELINE_LABEL,
                 "target": "Target", "cross": "Students to cross", "points": "Points to gain", "status": "Status"}


# ----------------------------------------------------------------------------- shared steps


def review(report: Report, *, thresholds: ReachThresholds = ReachThresholds()) -> GoalReview | None:
    """Baseline, target check and SMART checklist of the goal in team.yml (None without a goal);
    computed once per report and thresholds."""
    goal_ = report.config.goal
    if goal_ is None:
        return None
    team, window, kind = report.team, pre_post(report)[0], score_kind(report)
    if kind != "points":
        return report.memo(("goal_setter.review", thresholds), lambda: review_scale_goal(
            team.assessments, team.students, goal_cuts(report), goal_.statement, list(goal_.standards),
            goal_.target_pct_proficient, thresholds, window, report.config.cycle, kind))
    return report.memo(("goal_setter.review", thresholds), lambda: review_goal(
        team.assessments, goal_.statement, list(goal_.standards), goal_.points_cut_pct,
        goal_.target_pct_proficient, thresholds, window=window, cycle=report.config.cycle))


def _no_goal() -> Result:
    return Result().note(NO_GOAL, "warning")


def _small(report: Report, base: Baseline) -> bool:
    return too_small_to_share(base.n, report.rules, report.audience)


def _baseline_status(report: Report, base: Baseline) -> str:
    """What the audience's reports do to the baseline percentage (shown, coded, withheld, hidden)."""
    frame = pd.DataFrame([{"n": base.n, "pct": base.pct_proficient}])
    return str(value_status(frame, "n", ["pct"], report.rules, report.audience)["pct"].iloc[0])


def _coded(report: Report, base: Baseline) -> bool:
    """True when a public report shows a code or the marker instead of the percent proficient."""
    return _baseline_status(report, base) not in (SHOWN, HIDDEN)


def _released_smart(report: Report, found: GoalReview) -> SmartCheck:
    """The checklist as the audience may read it: *attainable* says nothing of a small group's
    status, and for a coded baseline it gives the status without the counts behind it."""
    if _small(report, found.baseline):
        attainable = SmartItem("attainable", None, "Too few students to share the baseline check beyond the team.")
    elif _coded(report, found.baseline):
        met = found.smart.to_dict()["attainable"]
        attainable = SmartItem("attainable", met, f"The baseline check says {found.check.status}.")
    else:
        return found.smart
    return SmartCheck(tuple(attainable if i.criterion == "attainable" else i for i in found.smart.items))


@dataclass(frozen=True)
class _ReleasedStandards:
    """The per-standard baseline as the audience may see it, and what may be said about pooling."""

    frame: pd.DataFrame
    status: list[str]

    @property
    def hidden(self) -> list[bool]:
        return [s == HIDDEN for s in self.status]

    @property
    def complete(self) -> bool:
        return not any(self.hidden)

    @property
    def coded(self) -> bool:
        return any(s not in (SHOWN, HIDDEN) for s in self.status)


def _standards(report: Report, found: GoalReview) -> _ReleasedStandards:
    frame = found.by_standard[["standard", "n", "pct_proficient"]]
    status = value_status(frame, "n", ["pct_proficient"], report.rules, report.audience)["pct_proficient"]
    return _ReleasedStandards(frame, [str(s) for s in status])


def _pooling_note(found: GoalReview, released: _ReleasedStandards, thresholds: ReachThresholds) -> str | None:
    """The pooling warning in words: exact figures only when none of them is hidden or coded."""
    if not found.pooling.pooled or not released.complete:
        return None
    if released.coded:
        return (f"The goal pools standards whose baselines are more than {thresholds.pooled_gap_points:g} points "
                "apart (see the table by standard): set a target for each standard.")
    return found.pooling.explanation


# ----------------------------------------------------------------------------- views


def goal(report: Report) -> Result:
    """The goal as written in team.yml (reads team.yml only)."""
    goal_ = report.config.goal
    if goal_ is None:
        return _no_goal()
    rows = [("Statement", goal_.statement), ("Standards", ", ".join(goal_.standards)),
            ("Proficiency cut", cut_words(report, pre_post(report)[0]) if report.team.has("assessments")
             else cut_as_written(goal_)),
            ("Target", f"{goal_.target_pct_proficient:g}% proficient")]
    return Result([report.tabulate(pd.DataFrame(rows, columns=["Goal", "As written in team.yml"]), name="goal")])


def _baseline_table(report: Report, found: GoalReview) -> Table:
    """The baseline and the target check as this audience may see them (defines no term: the
    views that show it do)."""
    base, check = found.baseline, found.check
    frame = pd.DataFrame([{"standards": ", ".join(base.standards), "n": base.n, "pct": base.pct_proficient,
                           "target": f"{check.target_pct:g}%", "cross": str(check.students_to_cross),
                           "points": None if check.points_to_gain is None else max(check.points_to_gain, 0.0),
                           "status": check.status or "—"}])
    window = pre_post(report)[0]
    caption = ("Baseline (pre assessment: every student with a pre score on the goal's standards) and the target"
               if window == "pre" else f"Baseline ({window} window: every student with a {window} score on the "
               "goal's standards) and the target")
    return report.tabulate(frame, count_col="n", value_cols=["pct", "target", "cross", "points", "status"],
                           pct_cols=["pct"], caption=caption, rename=_CHECK_LABELS, name="baseline",
                           derived=_CHECK_DERIVED)


@needs("students", "assessments")
def baseline_check(report: Report, *, thresholds: ReachThresholds = ReachThresholds()) -> Result:
    """Baseline and target check as a table, then the check in words.

    ``thresholds`` tries other reach cut-offs (a district's own); ``.value`` is the
    ``goal_setter`` summary as this audience may read it.
    """
    found = review(report, thresholds=thresholds)
    if found is None:
        return _no_goal()
    base, check = found.baseline, found.check
    report.define("baseline", "students_to_cross", "reach_status")
    table = _baseline_table(report, found)
    result = Result([table], value=summary(report, thresholds=thresholds))
    if base.score_type != "points":
        result.note(f"Proficient here means a score at or above {cut_words(report, pre_post(report)[0])} "
                    f"(these are {unit_plural(score_unit(report))}, never a percent correct).", "info")
        if base.n and base.n_without_cut and report.for_team:
            result.note(f"{base.n_without_cut} more students have a score but are not counted: their grade has no "
                        "benchmark in that window. Add it to benchmarks: in team.yml, or give the goal a cut_score.",
                        "warning")
    if not _small(report, base) and not _coded(report, base):  # the sentence gives exact counts
        result.note(check.explanation, _STATUS_KIND.get(check.status or "", "warning"))
    if len(found.by_standard) > 1:
        released = _standards(report, found)
        report.define("baseline_by_standard")
        result.add(report.tabulate(released.frame, count_col="n", value_cols=["pct_proficient"],
                                   caption="Baseline by standard: each standard on its own, at the same cut",
                                   rename=_STANDARD_LABELS, name="by standard"))
        note = _pooling_note(found, released, thresholds)
        if note is not None:
            result.note(note, "warning")
    return result


def baseline_shown(report: Report) -> tuple[str, str] | None:
    """The baseline and its students as this audience's baseline table shows them (``"38.2%"``,
    ``"136"``; coded or hidden beyond the team), for other reports that quote it; None without a goal."""
    if not (report.team.has("students") and report.team.has("assessments")):
        return None
    found = review(report)
    if found is None:
        return None
    report.define("baseline")
    table = _baseline_table(report, found)
    row = table.shown.iloc[0]
    return str(row[BASELINE_LABEL]), str(row[_CHECK_LABELS["n"]])


def _drawn(report: Report, pct: float | None, status: str) -> tuple[float | None, str]:
    """A bar's height and label as the audience may see them: a coded share is drawn at the
    coding threshold with its coded label; a hidden or withheld one is not drawn."""
    if pct is None:
        return None, "—"
    if status not in PUBLISHED:
        return None, "not shown"
    if status != SHOWN:
        top = status == TOP
        return (report.rules.top_code_pct if top else report.rules.bottom_code_pct), (
            report.rules.top_text if top else report.rules.bottom_text)
    return pct, f"{pct:.0f}%"


def _bars(report: Report, found: GoalReview) -> pd.DataFrame:
    """One bar per goal standard on its own (when there are several) and one for them all."""
    rows: list[tuple[str, float | None, str, bool]] = []
    if len(found.by_standard) > 1:
        released = _standards(report, found)
        for row, status in zip(released.frame.to_dict("records"), released.status, strict=True):
            rows.append((str(row["standard"]), *_drawn(report, row["pct_proficient"], status), False))
    label = "All goal standards" if len(found.by_standard) > 1 else ", ".join(found.baseline.standards)
    rows.append((label, *_drawn(report, found.baseline.pct_proficient, _baseline_status(report, found.baseline)),
                 True))
    return pd.DataFrame(rows, columns=BAR_COLUMNS)


def _alt(base: Baseline, bars: pd.DataFrame, target_pct: float, with_students: bool, window: str) -> str:
    shown = ", ".join(f"{label} {text}" for label, text in zip(bars["label"], bars["text"], strict=True))
    right = (f"bars of the percent of students proficient now ({shown}) beside a dashed line at the target of "
             f"{target_pct:g}% proficient.")
    if not with_students:
        return right[0].upper() + right[1:]
    return (f"Left: a histogram of {base.n} students' percent correct on the goal's standards in the {window} window, "
            f"{base.n_proficient} at or above the dashed cut of {base.cut_pct:g}% correct and "
            f"{base.n - base.n_proficient} below it. Right: {right}")


@needs("students", "assessments")
def baseline_chart(report: Report, *, thresholds: ReachThresholds = ReachThresholds()) -> Result:
    """Where students start (team view only: each student's percent correct against the cut), and
    the percent of students proficient now -- per standard and pooled -- against the target.
    ``.value`` holds the bars as drawn."""
    found = review(report, thresholds=thresholds)
    if found is None:
        return _no_goal()
    if _small(report, found.baseline):
        return Result().note("Too few students to chart beyond the team.")
    base, window = found.baseline, pre_post(report)[0]
    if base.pct_proficient is None:
        return Result().note(f"Nothing to chart yet: {found.check.explanation}", "info")
    points = base.cut_pct is not None and report.for_team
    scores = baseline_scores(report.team.assessments, base.standards, window) if points else None
    bars = _bars(report, found)
    figure = baseline_figure(scores, base.cut_pct or 0.0, bars, found.check.target_pct)
    result = Result([Chart(figure, _alt(base, bars, found.check.target_pct, points, window), name="baseline")],
                    value=bars)
    if base.cut_pct is None and report.for_team:
        result.note("Scale scores: the chart shows the share at or above the cut only. Each student's distance from "
                    "the benchmark is in the Data Analyst (notebook 12, students just below the cut).", "info")
    return result


@needs("students", "assessments")
def smart(report: Report, *, thresholds: ReachThresholds = ReachThresholds()) -> Result:
    """The SMART checklist of the goal statement; ``.value`` is the checklist as released."""
    found = review(report, thresholds=thresholds)
    if found is None:
        return _no_goal()
    checklist = _released_smart(report, found)
    return Result([report.tabulate(checklist.frame(), caption="SMART checklist of the goal statement",
                                   name="smart")], value=checklist)


@needs("students", "assessments", memo=False)
def goal_builder(report: Report, *, thresholds: ReachThresholds = ReachThresholds()) -> w.VBox | Result:
    """The live goal builder (:func:`datadriver_utils.workshop.goal_builder.goal_builder`), team audience only.

    Beyond the team no widget is built: nbconvert embeds widget state (the check's exact
    counts) in the HTML even when the cell itself is removed.
    """
    if not report.for_team:
        return Result().note("The goal builder is for the team's live session: open this notebook with "
                             "audience 'team'.")
    if score_kind(report) != "points":
        return Result().note("The goal builder works on percent correct. For scale scores, write the goal in "
                             "team.yml: its standards, target_pct_proficient, and a cut_score in "
                             f"{score_unit(report)} (or benchmarks: per grade and window); the check above "
                             "then reads it.", "info")
    return build_goal_widget(report.team.assessments, report.team.team_dir, report.config.goal,
                             thresholds=thresholds, cycle=report.config.cycle)


# ----------------------------------------------------------------------------- summary.json


@needs("students", "assessments")
def summary(report: Report, *, thresholds: ReachThresholds = ReachThresholds()) -> GoalSetterSummary:
    """The ``goal_setter`` section of summary.json; counts, status and attainable hidden for small
    groups beyond the team."""
    found = review(report, thresholds=thresholds)
    if found is None:
        return GoalSetterSummary.model_validate(dict.fromkeys(
            ("standards", "proficiency_cut_pct", "baseline_pct_proficient", "n_baseline", "target_pct_proficient",
             "students_to_cross", "status", "smart")))
    base, check = found.baseline, found.check
    small = _small(report, base)
    status = _baseline_status(report, base)  # a coded baseline is coded here too; what gives it back is left out
    released = _standards(report, found)
    rows = [{"standard": row["standard"], "n": None if cell == HIDDEN else row["n"],
             "pct_proficient": row["pct_proficient"] if cell in PUBLISHED else None,
             "suppressed": None if report.for_team else cell == HIDDEN}
            for row, cell in zip(released.frame.to_dict("records"), released.status, strict=True)]
    return GoalSetterSummary.model_validate({
        "standards": base.standards, "proficiency_cut_pct": base.cut_pct, "score_type": base.score_type,
        "baseline_window": pre_post(report)[0], "cut": cut_words(report, pre_post(report)[0]),
        "baseline_pct_proficient": None if small or status not in PUBLISHED else base.pct_proficient,
        "n_baseline": None if small else base.n, "target_pct_proficient": check.target_pct,
        "students_to_cross": None if small or status != SHOWN else check.students_to_cross,
        "status": None if small else check.status, "smart": _released_smart(report, found).to_dict(),
        "baseline_by_standard": rows,
        "pooled_gap_points": found.pooling.gap_points if released.complete and not released.coded else None,
        "pooled_standards": found.pooling.pooled if released.complete else None,
        "suppressed": None if report.for_team else small})


def publish(report: Report, *, thresholds: ReachThresholds = ReachThresholds()) -> GoalSetterSummary | None:
    """Write the ``goal_setter`` section for summary.json and return it (None without the files)."""
    found = summary(report, thresholds=thresholds)
    if isinstance(found, GoalSetterSummary):
        report.publish(found)
        return found
    return None
