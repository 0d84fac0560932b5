"""A student learning goal against its baseline: can the team reach it, and is it SMART?

The Goal Setter micro-credential of the Data Driver strand (Teaching Matters; shared/seeds 000)
asks for a goal set from evidence.  Here the evidence is the **baseline**: the pre assessment
on the goal's standards, read at the team's cut (percent correct ≥ ``proficiency_cut_pct``).

Checking a target against it (all counts are whole students):

* students needed at the cut = ⌈target × n ÷ 100⌉, taken on the product rounded to 9 decimals
  so that 70% of 10 is 7, not 8 (0.7 × 10 is 7.000000000000001 in floating point);
* **students to cross** = max(needed − already proficient, 0); the implied increase in percent
  proficient = target − baseline, in percentage points;
* **share to cross** = students to cross ÷ students below the cut.  Our documented defaults
  (:class:`ReachThresholds`): above 80% of the students below the cut is *out of reach* for one
  cycle, above 50% is *ambitious*, and so is an increase larger than a gain the district says it
  typically sees (``typical_gain_points``, off unless given); a target at or under the baseline is
  *already met*.  There is no published norm for these cut-offs: a district should set its own.

**Pooled standards.**  The baseline pools every goal standard into one percent correct per
student, which can hide a standard few students have: Oak's goal pools one standard at 80%
proficient with one at 38%.  :func:`baseline_by_standard` reads each standard on its own
(each student's percent correct on that standard alone, at the same cut), and
:func:`pooling_check` flags a goal whose standards' percent proficient lie more than
``pooled_gap_points`` apart (our default 25 points, again no published norm).

The SMART checklist reads the goal statement itself (:mod:`datadriver_utils.stats.smart`,
re-exported here); its *attainable* is the reach status above, so the two never disagree.
**Scale scores** (NWEA MAP RIT, Star, i-Ready; percentile ranks): a percent correct means
nothing, so the baseline reads each student's score on the goal's standards in the baseline
window (:func:`datadriver_utils.stats.scale_scores.scale_scores_at_cut`) against a cut on the
test's own scale: the goal's ``cut_score`` when it has one, else the ``benchmarks:`` cut of the
student's grade and window.  A student whose grade has no cut in that window is not counted
(``n_without_cut``); the target check is then the same arithmetic on whole students.

Everything here is a pure function of the team's assessment rows and the goal's fields; the
views that show it are
:mod:`datadriver_utils.strands.goal_setter`, the chart :mod:`datadriver_utils.charts.goals` and
the live builder :mod:`datadriver_utils.workshop.goal_builder`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from datadriver_utils.contract.config import Cycle
from datadriver_utils.stats.gains import student_percent_correct
from datadriver_utils.stats.scale_scores import Cuts, goal_scale_standards, rows_of_type, scale_scores_at_cut
from datadriver_utils.stats.smart import SMART_CRITERIA, SmartCheck, SmartItem, smart_check

__all__ = [
    "BY_STANDARD_COLUMNS", "STATUSES", "SMART_CRITERIA", "Baseline", "ReachThresholds", "GoalCheck", "SmartItem", "SmartCheck",
    "GoalReview", "Pooling", "measured_standards", "baseline_scores", "baseline", "baseline_by_standard",
    "check_goal", "pooling_check", "smart_check", "review_goal", "review_scale_goal", "scale_baseline",
    "scale_baseline_by_standard",
]

STATUSES: tuple[str, ...] = ("already met", "reachable", "ambitious", "out of reach")


def measured_standards(assessments: pd.DataFrame, standards: Sequence[str]) -> list[str]:
    """The goal's standards that were assessed; all assessed standards if none were (as
    :func:`datadriver_utils.stats.gains.goal_result` does)."""
    assessed = set(assessments["standard"].dropna().unique())  # distinct first: a million rows
    return [s for s in standards if s in assessed] or sorted(assessed)


def baseline_scores(assessments: pd.DataFrame, standards: Sequence[str], window: str = "pre") -> pd.Series:
    """Each student's percent correct on the measured standards in the baseline window."""
    scores = student_percent_correct(assessments, measured_standards(assessments, standards))
    return scores.loc[scores["window"] == window, "pct_correct"].reset_index(drop=True)


@dataclass(frozen=True)
class Baseline:
    """Where the students start on the goal's standards."""

    standards: list[str]
    cut_pct: float | None
    """Points: the cut in percent correct.  None for scale scores (their cuts are ``cuts``)."""
    n: int
    n_proficient: int
    pct_proficient: float | None
    score_type: str = "points"
    cuts: tuple[float, ...] = ()
    """Scale scores: the distinct cuts the counted students were read at, lowest first."""
    n_without_cut: int = 0
    """Scale scores: students with a baseline score whose grade has no cut in the window."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def baseline(assessments: pd.DataFrame, standards: Sequence[str], cut_pct: float, window: str = "pre") -> Baseline:
    """Percent proficient at the cut on the baseline window (None without students)."""
    scores = baseline_scores(assessments, standards, window)
    n, n_prof = int(scores.count()), int((scores >= cut_pct).sum())
    return Baseline(measured_standards(assessments, standards), float(cut_pct), n, n_prof,
                    n_prof / n * 100 if n else None)


@dataclass(frozen=True)
class ReachThresholds:
    """When a target is ambitious or out of reach, and when its standards are too far apart to
    pool (our documented defaults; see the module)."""

    ambitious_share: float = 0.5
    out_of_reach_share: float = 0.8
    typical_gain_points: float | None = None
    pooled_gap_points: float = 25.0
    """Goal standards whose percent proficient lie further apart than this are flagged as pooled."""


@dataclass(frozen=True)
class GoalCheck:
    """The target set against the baseline."""

    target_pct: float
    students_needed: int
    students_to_cross: int
    points_to_gain: float | None
    share_to_cross: float | None
    status: str | None
    explanation: str
    students_below: int = 0
    reason: str = ""
    """Why the status, in a clause: how many of those below the cut must cross, or the gain it asks."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _reach_status(check_share: float, points: float, t: ReachThresholds) -> str:
    if check_share > t.out_of_reach_share:
        return "out of reach"
    too_big = t.typical_gain_points is not None and points > t.typical_gain_points
    return "ambitious" if check_share > t.ambitious_share or too_big else "reachable"


def check_goal(base: Baseline, target_pct: float, thresholds: ReachThresholds = ReachThresholds()) -> GoalCheck:
    """Students to cross the cut, the implied increase, and one of :data:`STATUSES`."""
    if not base.n or base.pct_proficient is None:
        if base.n_without_cut:
            return GoalCheck(target_pct, 0, 0, None, None, None,
                             f"There is no baseline yet: {base.n_without_cut} students have a baseline score, but "
                             "their grade has no cut in that window. Add benchmarks: to team.yml or district.yml, "
                             "or a cut_score to the goal.")
        return GoalCheck(target_pct, 0, 0, None, None, None,
                         "There is no baseline yet: no student has a score on these standards in the baseline "
                         "window. It fills in when the baseline (pre) scores are added to assessments.csv.")
    needed = math.ceil(round(target_pct * base.n / 100, 9))
    to_cross = max(needed - base.n_proficient, 0)
    below = base.n - base.n_proficient
    share = to_cross / below if below else 0.0
    points = target_pct - base.pct_proficient
    start = f"{base.n_proficient} of {base.n} students ({base.pct_proficient:.0f}%) are at or above the cut now"
    if to_cross == 0:
        return GoalCheck(target_pct, needed, 0, points, 0.0, "already met",
                         f"{start}: the target of {target_pct:g}% is already met. "
                         "Raise it, or aim at a harder standard.", below, "the baseline already meets the target")
    status = _reach_status(share, points, thresholds)
    reading = {"reachable": "within reach for one cycle", "ambitious": "a stretch: plan the support it needs",
               "out of reach": f"more than {thresholds.out_of_reach_share:.0%} of them, unlikely in one cycle"}
    return GoalCheck(target_pct, needed, to_cross, points, share, status,
                     f"{start}. Reaching {target_pct:g}% means {needed}: {to_cross} more students must cross the cut "
                     f"(+{points:.0f} points), {share:.0%} of the {below} below it — {reading[status]}.",
                     below, _reason(to_cross, below, share, points, thresholds))


def _reason(to_cross: int, below: int, share: float, points: float, thresholds: ReachThresholds) -> str:
    reason = f"{to_cross} of the {below} students below the cut ({share:.0%}) must cross it"
    typical = thresholds.typical_gain_points
    if typical is not None and points > typical:
        reason += f", a gain of {points:.0f} points where the district typically sees {typical:g}"
    return reason


BY_STANDARD_COLUMNS = ["standard", "n", "n_proficient", "pct_proficient"]


def baseline_by_standard(assessments: pd.DataFrame, standards: Sequence[str], cut_pct: float,
                         window: str = "pre") -> pd.DataFrame:
    """Percent proficient on each measured standard alone, in the goal's order (``standard``,
    ``n``, ``n_proficient``, ``pct_proficient``; a standard nobody took in the window has n 0)."""
    measured = measured_standards(assessments, standards)
    scores = student_percent_correct(assessments, measured, by_standard=True)
    scores = scores[scores["window"] == window]
    rows = []
    for standard in measured:
        pct = scores.loc[scores["standard"] == standard, "pct_correct"].dropna()
        n, n_prof = int(pct.count()), int((pct >= cut_pct).sum())
        rows.append((standard, n, n_prof, n_prof / n * 100 if n else None))
    return pd.DataFrame(rows, columns=BY_STANDARD_COLUMNS)


@dataclass(frozen=True)
class Pooling:
    """Whether the goal pools standards whose baselines are far apart."""

    pooled: bool
    gap_points: float | None
    highest: str | None = None
    lowest: str | None = None
    explanation: str = ""


def pooling_check(by_standard: pd.DataFrame, pooled_pct: float | None,
                  thresholds: ReachThresholds = ReachThresholds()) -> Pooling:
    """The gap between the highest and lowest standard's percent proficient, flagged above
    ``thresholds.pooled_gap_points``; no gap with fewer than two standards measured."""
    known = by_standard.dropna(subset=["pct_proficient"])
    if len(known) < 2:
        return Pooling(False, None)
    high, low = known.loc[known["pct_proficient"].idxmax()], known.loc[known["pct_proficient"].idxmin()]
    gap = float(high["pct_proficient"] - low["pct_proficient"])
    if gap <= thresholds.pooled_gap_points:
        return Pooling(False, gap, str(high["standard"]), str(low["standard"]))
    pooled = "" if pooled_pct is None else f"The pooled {pooled_pct:.0f}% hides where students start: "
    return Pooling(True, gap, str(high["standard"]), str(low["standard"]),
                   f"The goal pools standards with very different baselines: {high['standard']} "
                   f"{high['pct_proficient']:.0f}% proficient, {low['standard']} {low['pct_proficient']:.0f}% — "
                   f"{gap:.0f} points apart (more than {thresholds.pooled_gap_points:g}). {pooled}"
                   f"set a target for each standard, or aim the goal at {low['standard']}.")


@dataclass(frozen=True)
class GoalReview:
    """Baseline (pooled and by standard), target check, pooling flag and SMART checklist for one draft goal."""

    baseline: Baseline
    check: GoalCheck
    smart: SmartCheck
    by_standard: pd.DataFrame
    pooling: Pooling


def review_goal(assessments: pd.DataFrame, statement: str, standards: Sequence[str], cut_pct: float,
                target_pct: float, thresholds: ReachThresholds = ReachThresholds(), window: str = "pre",
                cycle: Cycle | None = None) -> GoalReview:
    """Everything the goal setter shows for a draft goal (used by the notebook and the builder);
    ``cycle`` (team.yml) dates "the end of the cycle" for the SMART checklist."""
    base = baseline(assessments, standards, cut_pct, window)
    check = check_goal(base, target_pct, thresholds)
    assessed = sorted(set(assessments["standard"].dropna().unique()))
    by_standard = baseline_by_standard(assessments, standards, cut_pct, window)
    return GoalReview(base, check, smart_check(statement, list(standards), assessed, check, cycle), by_standard,
                      pooling_check(by_standard, base.pct_proficient, thresholds))


# ----------------------------------------------------------------------------- scale scores


def _scale_count(scored: pd.DataFrame) -> tuple[int, int, float | None, int]:
    """(n with a cut, n proficient, percent proficient, n without a cut) of scored students."""
    known = scored["proficient"].dropna()
    n, n_prof = int(known.count()), int((known > 0).sum())
    return n, n_prof, n_prof / n * 100 if n else None, int(scored["proficient"].isna().sum())


def scale_baseline(assessments: pd.DataFrame, students: pd.DataFrame, cuts: Cuts, standards: Sequence[str],
                   window: str, kind: str = "scale") -> Baseline:
    """Percent at or above the cut (of each student's grade and window) in the baseline window."""
    measured = goal_scale_standards(assessments, standards, kind)
    scored = scale_scores_at_cut(rows_of_type(assessments, kind), students, cuts, measured, window, kind)
    n, n_prof, pct, without = _scale_count(scored)
    used = tuple(sorted(set(scored["cut"].dropna().astype(float))))
    return Baseline(measured, None, n, n_prof, pct, kind, used, without)


def scale_baseline_by_standard(assessments: pd.DataFrame, students: pd.DataFrame, cuts: Cuts,
                               standards: Sequence[str], window: str, kind: str = "scale") -> pd.DataFrame:
    """Percent at or above the cut on each measured goal standard alone (:data:`BY_STANDARD_COLUMNS`)."""
    measured = goal_scale_standards(assessments, standards, kind)
    scored = scale_scores_at_cut(rows_of_type(assessments, kind), students, cuts, measured, window, kind,
                                 by_standard=True)
    rows = [(standard, *_scale_count(scored[scored["standard"] == standard])[:3]) for standard in measured]
    return pd.DataFrame(rows, columns=BY_STANDARD_COLUMNS)


def review_scale_goal(assessments: pd.DataFrame, students: pd.DataFrame, cuts: Cuts, statement: str,
                      standards: Sequence[str], target_pct: float, thresholds: ReachThresholds = ReachThresholds(),
                      window: str = "pre", cycle: Cycle | None = None, kind: str = "scale") -> GoalReview:
    """:func:`review_goal` for scale scores or percentile ranks, read at ``cuts`` ((window, grade) -> cut)."""
    base = scale_baseline(assessments, students, cuts, standards, window, kind)
    check = check_goal(base, target_pct, thresholds)
    assessed = sorted(set(rows_of_type(assessments, kind)["standard"].dropna().unique()))
    by_standard = scale_baseline_by_standard(assessments, students, cuts, standards, window, kind)
    return GoalReview(base, check, smart_check(statement, list(standards), assessed, check, cycle), by_standard,
                      pooling_check(by_standard, base.pct_proficient, thresholds))
