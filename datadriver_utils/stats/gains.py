"""Pre/post gains for the Data Driver snapshot: did our students grow?

The Data Driver micro-credential (shared/seeds 000) asks for grade-level averages from a pre
and a post assessment. Everything here is a pure function of the validated tables:

* **percent correct** of a student in a window = Σ points ÷ Σ points possible × 100, over all
  their rows (or over the rows of one standard);
* **matched students** are those with a result in both windows; means, proficiency and effect
  size use only them, so a change in who sat the test cannot pass for growth;
* **gain** = post mean − pre mean, in percentage points;
* **percent proficient** = share of matched students whose percent correct ≥ the team's cut;
* **effect size** (paired, often written d_z) = mean of the post − pre differences ÷ their
  standard deviation (ddof = 1). It is not Cohen's d for independent groups: it says how
  consistent the growth was across students. Undefined (None) for fewer than two matched
  students or identical differences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from datadriver_utils.contract.config import PROGRESS_RATINGS, LearningGoal, grade_sort_key

__all__ = [
    "GAIN_COLUMNS",
    "GoalResult",
    "ProgressThresholds",
    "student_percent_correct",
    "points_rows",
    "matched_gains",
    "paired_effect_size",
    "goal_result",
    "suggest_progress_rating",
    "students_lacking_window",
]

GAIN_COLUMNS: tuple[str, ...] = (
    "n_pre", "n_post", "n_matched", "pre_mean_pct", "post_mean_pct", "gain_pct_points",
    "pre_pct_proficient", "post_pct_proficient", "effect_size",
)
"""The statistics of each group, in the order summary.json lists them."""


def student_percent_correct(
    assessments: pd.DataFrame, standards: Sequence[str] | None = None, by_standard: bool = False
) -> pd.DataFrame:
    """Each student's percent correct per window (and per standard if asked).

    Only rows scored in points (or percent) count: a scale score or a percentile has no points
    possible, and a percent correct of it would mean nothing (:func:`points_rows`).

    Parameters
    ----------
    assessments:
        Validated ``assessments.csv`` rows (``student_id``, ``window``, ``standard``,
        ``points``, ``points_possible``).
    standards:
        Keep only these standards (e.g. the goal's); ``None`` keeps all.
    by_standard:
        One row per student × window × standard instead of per student × window.
    """
    rows = points_rows(assessments)
    rows = rows if standards is None else rows[rows["standard"].isin(list(standards))]
    keys = ["student_id", "window", *(["standard"] if by_standard else [])]
    totals = rows.groupby(keys, as_index=False, observed=True)[["points", "points_possible"]].sum(min_count=1)
    return totals.assign(pct_correct=totals["points"] / totals["points_possible"] * 100)


def points_rows(assessments: pd.DataFrame) -> pd.DataFrame:
    """The rows whose ``points`` are points out of ``points_possible``: score_type blank, points or
    percent, with points possible filled in."""
    if "score_type" in assessments:
        kind = assessments["score_type"].astype("string").str.lower().fillna("points")
        assessments = assessments[kind.isin(["points", "percent"])]
    return assessments[assessments["points_possible"].notna()] if "points_possible" in assessments else assessments


def paired_effect_size(differences: pd.Series) -> float:
    """The paired effect size d_z of post − pre differences: their mean ÷ their standard deviation
    (ddof 1); NaN for fewer than two differences or identical ones.  The one definition every
    report, summary.json and the index show (docs/analysis.md, "Effect size")."""
    differences = differences.dropna()
    if len(differences) < 2:
        return np.nan
    spread = differences.std(ddof=1)
    return float(differences.mean() / spread) if np.isfinite(spread) and spread > 0 else np.nan


def _group_stats(group: pd.DataFrame, cut_pct: float, pre: str, post: str) -> pd.Series:
    wide = group.pivot_table(index="student_id", columns="window", values="pct_correct", aggfunc="first")
    pre_scores = wide[pre] if pre in wide else pd.Series(dtype=float)
    post_scores = wide[post] if post in wide else pd.Series(dtype=float)
    matched = pd.concat([pre_scores.rename("pre"), post_scores.rename("post")], axis=1).dropna()
    differences = matched["post"] - matched["pre"]
    empty = matched.empty
    return pd.Series({
        "n_pre": int(pre_scores.notna().sum()),
        "n_post": int(post_scores.notna().sum()),
        "n_matched": len(matched),
        "pre_mean_pct": np.nan if empty else matched["pre"].mean(),
        "post_mean_pct": np.nan if empty else matched["post"].mean(),
        "gain_pct_points": np.nan if empty else differences.mean(),
        "pre_pct_proficient": np.nan if empty else (matched["pre"] >= cut_pct).mean() * 100,
        "post_pct_proficient": np.nan if empty else (matched["post"] >= cut_pct).mean() * 100,
        "effect_size": paired_effect_size(differences),
    })


def matched_gains(
    assessments: pd.DataFrame,
    students: pd.DataFrame,
    cut_pct: float,
    by: Sequence[str] = ("grade",),
    standards: Sequence[str] | None = None,
    pre: str = "pre",
    post: str = "post",
) -> pd.DataFrame:
    """Grade-level (or any grouping) pre/post statistics over matched students.

    Parameters
    ----------
    assessments, students:
        Validated tables; ``by`` columns come from either (``standard`` from assessments,
        ``grade`` and subgroup columns from students).
    cut_pct:
        Percent correct at or above which a student counts as proficient.
    by:
        Grouping columns, e.g. ``("grade",)`` or ``("grade", "standard")``; ``()`` for the
        whole team.
    standards:
        Restrict to these standards (the goal's) before computing percent correct.

    Returns
    -------
    DataFrame
        One row per group: the ``by`` columns then :data:`GAIN_COLUMNS`; grades in school order.
    """
    by = list(by)
    by_standard = "standard" in by
    scores = student_percent_correct(assessments, standards, by_standard=by_standard)
    scores = scores[scores["window"].isin([pre, post])]
    student_columns = ["student_id", *[c for c in by if c in students.columns and c != "standard"]]
    scores = scores.merge(students[student_columns], on="student_id", how="left")
    if not by:
        scores = scores.assign(_all="all")
    group_keys = by or ["_all"]
    if scores.empty:
        return pd.DataFrame(columns=[*by, *GAIN_COLUMNS])
    result = (
        scores.groupby(group_keys, observed=True, dropna=False)[["student_id", "window", "pct_correct"]]
        .apply(_group_stats, cut_pct=cut_pct, pre=pre, post=post)
        .reset_index()
    )
    result = result.drop(columns=["_all"], errors="ignore")
    for column in ("n_pre", "n_post", "n_matched"):
        result[column] = result[column].astype(int)
    if "grade" in result:
        result = result.sort_values(
            by=[c for c in by], key=lambda col: col.map(grade_sort_key) if col.name == "grade" else col
        ).reset_index(drop=True)
    return result


@dataclass(frozen=True)
class ProgressThresholds:
    """Documented thresholds for suggesting the credential's four-level progress rating.

    ``gap_closed`` is the share of the distance from the baseline percent proficient to the
    target that the team covered: (post − pre) ÷ (target − pre).

    * met goal — post percent proficient ≥ target;
    * good progress, goal not met — ``gap_closed`` ≥ ``good_gap_closed`` (default one half);
    * some progress — ``gap_closed`` ≥ ``some_gap_closed`` (default one fifth), or a mean gain
      of at least ``some_gain_points`` percentage points with effect size ≥ ``some_effect_size``;
    * little or no progress — otherwise.

    A team knows things the numbers do not, so ``goal.progress_rating`` in team.yml overrides
    the suggestion; the report then shows both.
    """

    good_gap_closed: float = 0.5
    some_gap_closed: float = 0.2
    some_gain_points: float = 3.0
    some_effect_size: float = 0.2


@dataclass(frozen=True)
class GoalResult:
    """The goal measured on its own standards, and the progress rating."""

    measured_standards: list[str]
    n_matched: int
    pre_pct_proficient: float | None
    post_pct_proficient: float | None
    target_pct_proficient: float
    gain_pct_points: float | None
    effect_size: float | None
    goal_met: bool | None
    gap_closed: float | None
    suggested_rating: str | None
    progress_rating: str | None
    rating_overridden: bool

    @property
    def pct_proficient_change(self) -> float | None:
        """Post − pre percent proficient on the goal's standards, in points (matched students)."""
        if self.pre_pct_proficient is None or self.post_pct_proficient is None:
            return None
        return self.post_pct_proficient - self.pre_pct_proficient

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def suggest_progress_rating(
    pre_pct: float, post_pct: float, target: float, gain_points: float, effect_size: float | None,
    thresholds: ProgressThresholds = ProgressThresholds(),
) -> tuple[str, float | None]:
    """Suggest one of :data:`PROGRESS_RATINGS` and the share of the gap closed."""
    gap = target - pre_pct
    closed = (post_pct - pre_pct) / gap if gap > 0 else None
    if post_pct >= target:
        return PROGRESS_RATINGS[0], closed
    if closed is not None and closed >= thresholds.good_gap_closed:
        return PROGRESS_RATINGS[1], closed
    steady_gain = gain_points >= thresholds.some_gain_points and (effect_size or 0) >= thresholds.some_effect_size
    if (closed is not None and closed >= thresholds.some_gap_closed) or steady_gain:
        return PROGRESS_RATINGS[2], closed
    return PROGRESS_RATINGS[3], closed


def _none_if_nan(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def goal_result(
    assessments: pd.DataFrame, students: pd.DataFrame, goal: LearningGoal,
    thresholds: ProgressThresholds = ProgressThresholds(), pre: str = "pre", post: str = "post",
) -> GoalResult:
    """Measure the goal on its standards (all standards if none of them was assessed), between the
    ``pre`` and ``post`` windows."""
    assessed = set(points_rows(assessments)["standard"].dropna().unique())  # unique first: a million rows
    standards = [s for s in goal.standards if s in assessed] or sorted(assessed)
    overall = matched_gains(assessments, students, goal.points_cut_pct, by=(), standards=standards,
                            pre=pre, post=post)
    row = overall.iloc[0] if len(overall) else pd.Series(dtype=float)
    pre_pct = _none_if_nan(row.get("pre_pct_proficient"))
    post_pct = _none_if_nan(row.get("post_pct_proficient"))
    gain = _none_if_nan(row.get("gain_pct_points"))
    effect = _none_if_nan(row.get("effect_size"))
    suggested, closed = (None, None)
    if pre_pct is not None and post_pct is not None and gain is not None:
        suggested, closed = suggest_progress_rating(pre_pct, post_pct, goal.target_pct_proficient, gain, effect, thresholds)
    chosen = goal.progress_rating or suggested
    return GoalResult(
        measured_standards=standards,
        n_matched=int(row.get("n_matched", 0) or 0),
        pre_pct_proficient=pre_pct,
        post_pct_proficient=post_pct,
        target_pct_proficient=goal.target_pct_proficient,
        gain_pct_points=gain,
        effect_size=effect,
        goal_met=None if post_pct is None else post_pct >= goal.target_pct_proficient,
        gap_closed=closed,
        suggested_rating=suggested,
        progress_rating=chosen,
        rating_overridden=goal.progress_rating is not None and goal.progress_rating != suggested,
    )


def students_lacking_window(assessments: pd.DataFrame, have: str = "pre", lack: str = "post") -> list[str]:
    """Students with a ``have`` score and no ``lack`` score, sorted: who the matched
    comparison leaves out (team view only -- these are identifiers)."""
    def ids_in(window: str) -> set[str]:  # unique ids first: a million rows stay vectorised
        return set(assessments.loc[assessments["window"] == window, "student_id"].dropna().unique())

    return sorted(str(s) for s in ids_in(have) - ids_in(lack))
