"""Scale scores and percentiles: results and growth without a "percent correct".

NWEA MAP (RIT), Renaissance Star (Unified scale) and i-Ready report **scale scores**, which have
no maximum, and **percentile ranks** (IMPORT_FORMATS.md, "Interim assessments give scale scores,
not points"). A percent correct of such a score means nothing, so for these rows:

* a student's **score** in a window is the value on their ``overall`` row (the whole test), or,
  when the team has no ``overall`` rows, the mean of their rows in that window; per standard,
  the value on that standard's row;
* **mean score** = mean of those scores, in scale points (or percentile points);
* **proficient** = score ≥ the benchmark cut for the student's grade and that window
  (``benchmarks:`` in team.yml, over district.yml); **percent proficient** counts only students
  whose grade and window have a cut (``n_benchmarked``), and is empty when none has;
* **gain** = mean of (post − pre) over matched students, in scale points;
* **effect size** = paired d_z, as for points (:mod:`datadriver_utils.stats.gains`).

Which kind of score an analysis shows is decided once per team by :func:`headline_score_type`:
scale when the team has scale rows, else points, else percentile. Rows of other kinds are left
out of that analysis (never added to it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from datadriver_utils.contract.config import LearningGoal, grade_sort_key
from datadriver_utils.contract.schemas import OVERALL_STANDARD
from datadriver_utils.stats.gains import GoalResult, ProgressThresholds, paired_effect_size, suggest_progress_rating

__all__ = [
    "Cuts", "SCALE_BANDS", "SCALE_GAIN_COLUMNS", "SCALE_RESULT_COLUMNS", "ScaleGoalResult", "goal_cuts", "goal_scale_standards",
    "headline_score_type", "rows_of_type", "row_score_types", "scale_band_distribution", "scale_bubble_students",
    "scale_gains", "scale_goal_result", "rate_scale_goal", "scale_results_by", "scale_scores_at_cut",
    "scale_subgroup_results", "student_scale_scores", "with_cuts",
]

Cuts = Mapping[tuple[str, str], float]

SCALE_BANDS: tuple[str, ...] = ("below benchmark", "at or above benchmark")
SCALE_RESULT_COLUMNS: list[str] = ["n", "mean_score", "pct_proficient", "n_benchmarked"]
SCALE_GAIN_COLUMNS: tuple[str, ...] = (
    "n_pre", "n_post", "n_matched", "pre_mean_score", "post_mean_score", "gain_score_points",
    "pre_pct_proficient", "post_pct_proficient", "effect_size", "n_benchmarked",
)


def row_score_types(assessments: pd.DataFrame) -> pd.Series:
    """Score type of each row: the ``score_type`` column lower-cased, blank meaning points."""
    if "score_type" not in assessments:
        return pd.Series("points", index=assessments.index, dtype="string")
    return assessments["score_type"].astype("string").str.lower().fillna("points")


def headline_score_type(assessments: pd.DataFrame) -> str | None:
    """The kind of score a team's analyses show: ``scale``, ``points`` or ``percentile`` (None: no rows).

    Percent rows are points out of 100 and count as points.
    """
    present = set(row_score_types(assessments))
    for kind, members in (("scale", {"scale"}), ("points", {"points", "percent"}), ("percentile", {"percentile"})):
        if present & members:
            return kind
    return None


def rows_of_type(assessments: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Rows of one headline kind (``points`` includes percent rows)."""
    members = {"points", "percent"} if kind == "points" else {kind}
    return assessments[row_score_types(assessments).isin(members).to_numpy()]


def student_scale_scores(assessments: pd.DataFrame, kind: str = "scale", window: str | None = None,
                         by_standard: bool = False) -> pd.DataFrame:
    """Each student's score per window (``student_id``, ``window``, [``standard``], ``score``).

    Whole-test scores use the ``overall`` rows when the team has any, else the mean of the
    student's rows in the window (see the module docstring).
    """
    rows = rows_of_type(assessments, kind)
    if window is not None:
        rows = rows[rows["window"] == window]
    if not by_standard and (rows["standard"] == OVERALL_STANDARD).any():
        rows = rows[rows["standard"] == OVERALL_STANDARD]
    keys = ["student_id", "window", *(["standard"] if by_standard else [])]
    if rows.empty:
        return pd.DataFrame(columns=[*keys, "score"])
    return rows.groupby(keys, as_index=False, observed=True, sort=False)["points"].mean().rename(
        columns={"points": "score"})


def with_cuts(scores: pd.DataFrame, students: pd.DataFrame, cuts: Cuts) -> pd.DataFrame:
    """``scores`` with each student's ``grade``, the ``cut`` for that grade and window, and
    ``proficient`` (100 / 0, NaN without a cut)."""
    grades = students.drop_duplicates("student_id").set_index("student_id")["grade"]
    grade = scores["student_id"].map(grades)
    keys = list(zip(scores["window"].astype(str), grade.astype(str), strict=True))
    cut = pd.Series([cuts.get(k, np.nan) for k in keys], index=scores.index, dtype=float)
    proficient = (scores["score"] >= cut).astype(float) * 100
    return scores.assign(grade=grade, cut=cut, proficient=proficient.where(cut.notna()))


def _summarise(scored: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if scored.empty:
        return pd.DataFrame(columns=[*keys, *SCALE_RESULT_COLUMNS])
    out = scored.groupby(keys, dropna=False, sort=False).agg(
        n=("score", "count"), mean_score=("score", "mean"), pct_proficient=("proficient", "mean"),
        n_benchmarked=("proficient", "count"))
    return out.reset_index()[[*keys, *SCALE_RESULT_COLUMNS]]


def _label(values: pd.Series) -> pd.Series:
    return values.astype(object).where(values.notna(), "not recorded").astype(str)


def scale_results_by(assessments: pd.DataFrame, students: pd.DataFrame, cuts: Cuts, by: str, window: str,
                     kind: str = "scale") -> pd.DataFrame:
    """n, mean score, percent proficient and n_benchmarked of one window by ``standard``,
    ``grade``, ``section`` or a subgroup column (blank as "not recorded", so groups add up)."""
    scores = student_scale_scores(assessments, kind, window, by_standard=by == "standard")
    scored = with_cuts(scores, students, cuts)
    if by != "standard":
        values = students.drop_duplicates("student_id").set_index("student_id")
        column = values[by] if by in values else pd.Series(dtype=object)
        scored = scored.assign(**{by: _label(scored["student_id"].map(column))})
    result = _summarise(scored, [by])
    key = (lambda c: c.map(grade_sort_key)) if by == "grade" else (lambda c: c.astype(str))
    return result.sort_values(by, key=key).reset_index(drop=True)


def scale_subgroup_results(assessments: pd.DataFrame, students: pd.DataFrame, cuts: Cuts, window: str,
                           columns: Sequence[str], kind: str = "scale") -> pd.DataFrame:
    """One long table (``group``, ``category``, results) for every subgroup column present."""
    parts = [scale_results_by(assessments, students, cuts, c, window, kind).rename(columns={c: "category"})
             .assign(group=c) for c in columns if c in students.columns]
    if not parts:
        return pd.DataFrame(columns=["group", "category", *SCALE_RESULT_COLUMNS])
    return pd.concat(parts, ignore_index=True)[["group", "category", *SCALE_RESULT_COLUMNS]]


def scale_band_distribution(assessments: pd.DataFrame, students: pd.DataFrame, cuts: Cuts, window: str,
                            kind: str = "scale") -> pd.DataFrame:
    """Students per grade below and at or above the benchmark (``grade``, ``band``, ``n``, ``pct``);
    students whose grade has no cut in the window are left out."""
    scored = with_cuts(student_scale_scores(assessments, kind, window), students, cuts).dropna(subset=["cut"])
    if scored.empty:
        return pd.DataFrame(columns=["grade", "band", "n", "pct"])
    scored = scored.assign(band=np.where(scored["proficient"] > 0, SCALE_BANDS[1], SCALE_BANDS[0]))
    counts = pd.crosstab(scored["grade"], scored["band"]).reindex(columns=list(SCALE_BANDS), fill_value=0)
    counts = counts.loc[sorted(counts.index, key=grade_sort_key)]
    long = counts.stack().rename("n").reset_index()
    long["band"] = long["band"].astype(str)
    long["n"] = long["n"].astype(int)
    return long.assign(pct=long["n"] / long.groupby("grade")["n"].transform("sum") * 100)


def scale_bubble_students(assessments: pd.DataFrame, students: pd.DataFrame, cuts: Cuts, window: str,
                          margin: float, kind: str = "scale") -> pd.DataFrame:
    """Students with cut − ``margin`` ≤ score < cut (scale points), closest first. Team view only."""
    scored = with_cuts(student_scale_scores(assessments, kind, window), students, cuts)
    near = scored[(scored["score"] >= scored["cut"] - margin) & (scored["score"] < scored["cut"])]
    sections = students.drop_duplicates("student_id").set_index("student_id")
    section = near["student_id"].map(sections["section"]) if "section" in sections else pd.Series(pd.NA, index=near.index)
    near = near.assign(section=_label(section), grade=_label(near["grade"]), below=near["cut"] - near["score"])
    return near[["student_id", "grade", "section", "score", "cut"]].iloc[
        np.lexsort((near["student_id"].to_numpy(), near["below"].to_numpy()))].reset_index(drop=True)


def _paired(group: pd.DataFrame, pre: str, post: str) -> pd.Series:
    by_student = group.groupby(["student_id", "window"])
    wide = by_student["score"].first().unstack().reindex(columns=[pre, post])
    proficient = by_student["proficient"].first().unstack().reindex(columns=[pre, post])
    pre_s, post_s = wide[pre], wide[post]
    matched = wide.dropna().set_axis(["pre", "post"], axis=1)
    prof = proficient.reindex(index=matched.index) if len(matched) else None
    diff = matched["post"] - matched["pre"]
    has_cuts = prof.notna().all(axis=1) if prof is not None else pd.Series(dtype=bool)
    empty = matched.empty
    return pd.Series({
        "n_pre": int(pre_s.notna().sum()), "n_post": int(post_s.notna().sum()), "n_matched": len(matched),
        "pre_mean_score": np.nan if empty else matched["pre"].mean(),
        "post_mean_score": np.nan if empty else matched["post"].mean(),
        "gain_score_points": np.nan if empty else diff.mean(),
        "pre_pct_proficient": np.nan if prof is None else prof.loc[has_cuts, pre].mean(),
        "post_pct_proficient": np.nan if prof is None else prof.loc[has_cuts, post].mean(),
        "effect_size": paired_effect_size(diff),
        "n_benchmarked": int(has_cuts.sum()),
    })


def scale_gains(assessments: pd.DataFrame, students: pd.DataFrame, cuts: Cuts, pre: str | None,
                post: str | None, by: Sequence[str] = ("grade",), standards: Sequence[str] | None = None,
                kind: str = "scale") -> pd.DataFrame:
    """Matched pre/post statistics in scale points per group (``by`` then :data:`SCALE_GAIN_COLUMNS`).

    Percent proficient uses the matched students whose grade has a cut in *both* windows.
    """
    by = list(by)
    rows = assessments if standards is None else assessments[assessments["standard"].isin(list(standards))]
    scores = student_scale_scores(rows, kind, by_standard="standard" in by)
    scores = scores[scores["window"].isin([pre, post])]
    scored = with_cuts(scores, students, cuts)
    extra = [c for c in by if c not in scored and c in students and c != "standard"]
    if extra:
        scored = scored.merge(students[["student_id", *extra]].drop_duplicates("student_id"), on="student_id", how="left")
    if scored.empty or pre is None or post is None:
        return pd.DataFrame(columns=[*by, *SCALE_GAIN_COLUMNS])
    keys = by or ["_all"]
    scored = scored.assign(_all="all") if not by else scored
    out = (scored.groupby(keys, observed=True, dropna=False)[["student_id", "window", "score", "proficient"]]
           .apply(_paired, pre=pre, post=post).reset_index().drop(columns=["_all"], errors="ignore"))
    for column in ("n_pre", "n_post", "n_matched", "n_benchmarked"):
        out[column] = out[column].astype(int)
    if "grade" in out:
        out = out.sort_values(by, key=lambda c: c.map(grade_sort_key) if c.name == "grade" else c).reset_index(drop=True)
    return out


@dataclass(frozen=True)
class ScaleGoalResult:
    """The goal on scale scores: percent at or above the benchmark, pre and post, and the gain."""

    measured_standards: list[str]
    n_matched: int
    n_benchmarked: int
    pre_pct_proficient: float | None
    post_pct_proficient: float | None
    gain_score_points: float | None
    effect_size: float | None


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def goal_scale_standards(assessments: pd.DataFrame, goal_standards: Sequence[str], kind: str = "scale") -> list[str]:
    """The goal's standards that have scores of this kind; else the whole test (``overall``) when
    the team has it, else every assessed standard."""
    assessed = set(rows_of_type(assessments, kind)["standard"].dropna().unique())
    return [s for s in goal_standards if s in assessed] or (
        [OVERALL_STANDARD] if OVERALL_STANDARD in assessed else sorted(assessed))


def goal_cuts(benchmarks: Cuts, cut_score: float | None, assessments: pd.DataFrame,
              students: pd.DataFrame) -> dict[tuple[str, str], float]:
    """The cuts a goal is read at: the goal's own ``cut_score`` (one cut on the test's scale, e.g.
    RIT 210 or the 40th percentile) for every window and grade in the data, else the
    ``benchmarks`` cut of each grade and window."""
    if cut_score is None:
        return dict(benchmarks)
    windows = assessments["window"].dropna().astype(str).unique()
    grades = students["grade"].dropna().astype(str).unique()
    return {(w, g): float(cut_score) for w in windows for g in grades}


def scale_scores_at_cut(assessments: pd.DataFrame, students: pd.DataFrame, cuts: Cuts, standards: Sequence[str],
                        window: str, kind: str = "scale", by_standard: bool = False) -> pd.DataFrame:
    """Each student's score on ``standards`` in ``window`` with their grade, cut and ``proficient``
    (100 / 0, NaN when their grade has no cut in the window): the baseline a goal starts from.

    Without ``by_standard`` the standards are pooled as :func:`student_scale_scores` pools them."""
    rows = assessments[assessments["standard"].isin(list(standards))]
    return with_cuts(student_scale_scores(rows, kind, window, by_standard=by_standard), students, cuts)


def scale_goal_result(assessments: pd.DataFrame, students: pd.DataFrame, cuts: Cuts, goal_standards: Sequence[str],
                      pre: str | None, post: str | None, kind: str = "scale") -> ScaleGoalResult:
    """The goal measured on its standards' scale scores (the whole test when none was assessed)."""
    rows = rows_of_type(assessments, kind)
    standards = goal_scale_standards(rows, goal_standards, kind)
    overall = scale_gains(rows, students, cuts, pre, post, by=(), standards=standards, kind=kind)
    row = overall.iloc[0] if len(overall) else pd.Series(dtype=float)
    return ScaleGoalResult(
        measured_standards=standards, n_matched=int(row.get("n_matched", 0) or 0),
        n_benchmarked=int(row.get("n_benchmarked", 0) or 0),
        pre_pct_proficient=_number(row.get("pre_pct_proficient")),
        post_pct_proficient=_number(row.get("post_pct_proficient")),
        gain_score_points=_number(row.get("gain_score_points")), effect_size=_number(row.get("effect_size")))


def rate_scale_goal(found: ScaleGoalResult, goal: LearningGoal,
                    thresholds: ProgressThresholds = ProgressThresholds()) -> GoalResult:
    """The goal's progress rating from scale scores, in the shape the snapshot publishes.

    The rating uses the same thresholds as for points, with one change: the "steady gain" test
    reads the change in percent proficient (percentage points) instead of a mean gain, because a
    gain in scale points has no common yardstick across tests and grades. ``gain_pct_points`` is
    therefore None; the gain in scale points is ``found.gain_score_points``.
    """
    pre, post = found.pre_pct_proficient, found.post_pct_proficient
    suggested, closed = (None, None)
    if pre is not None and post is not None:
        suggested, closed = suggest_progress_rating(pre, post, goal.target_pct_proficient, post - pre,
                                                    found.effect_size, thresholds)
    chosen = goal.progress_rating or suggested
    return GoalResult(
        measured_standards=found.measured_standards, n_matched=found.n_matched, pre_pct_proficient=pre,
        post_pct_proficient=post, target_pct_proficient=goal.target_pct_proficient, gain_pct_points=None,
        effect_size=found.effect_size, goal_met=None if post is None else post >= goal.target_pct_proficient,
        gap_closed=closed, suggested_rating=suggested, progress_rating=chosen,
        rating_overridden=goal.progress_rating is not None and goal.progress_rating != suggested)
