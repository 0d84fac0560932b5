"""The benchmark one-pager (notebook 21): grade-level pattern, practice, micro-change, and its check.

A practitioner article on leaders who model data use (shared/seeds 002) describes a principal
who turns benchmark results into coaching: one page links a grade-level pattern in the
benchmark, the classroom practice he observed, and the small change the teacher tries; the
team then meets to check what happened to students.  Here:

* **the pattern**: per grade and standard in a window, n, mean percent correct and percent
  proficient (:func:`~datadriver_utils.stats.proficiency.summarise_scores`), the grade's mean
  over its students, the gap between them, and the grade's weakest standard;
* **the check** of each link (``benchmark_links.csv``) on its check window, over the students
  of the link's grade with a score in both windows (matched students,
  :func:`~datadriver_utils.stats.gains.matched_gains`, restricted to the link's standard when it
  names one): the means, their change, percent at the cut, effect size d_z, and -- when the link
  names a standard -- the same students' change on the grade's other standards, so a rise that
  every standard shared is not credited to the micro-change;
* **verdict**: *fell* when d_z ≤ −0.2, *no clear change* when |d_z| < 0.2
  (:data:`VERDICT_EFFECT`); a rise (d_z ≥ 0.2) reads *rose more than the other standards* when
  the change beats the same students' change on the grade's other standards by at least
  :data:`AHEAD_POINTS` points, else *rose with the other standards* (plain *rose* when there are
  no other standards to compare with); or why it cannot be checked yet.

Point scores and scale scores (:mod:`~datadriver_utils.stats.score_types`): a link whose grade
and windows hold scale scores is checked in scale points, at the link's ``cut_score``, with the
scale-score definitions of matched means, gain and d_z
(:func:`~datadriver_utils.stats.scale_scores.scale_gains`: the student's ``overall`` score, or
the mean of their rows on the link's standards); a point-score link in percent correct
(:func:`~datadriver_utils.stats.gains.matched_gains`).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from datadriver_utils.contract.config import grade_sort_key
from datadriver_utils.contract.schemas import OVERALL_STANDARD
from datadriver_utils.stats.gains import matched_gains, student_percent_correct
from datadriver_utils.stats.proficiency import summarise_scores, with_student_column
from datadriver_utils.stats.scale_scores import headline_score_type, scale_gains
from datadriver_utils.stats.score_types import POINTS, SCALE, point_rows, scale_rows

__all__ = ["AHEAD_POINTS", "CHECK_COLUMNS", "VERDICT_EFFECT", "grade_patterns", "link_checks", "weakest_standards"]

VERDICT_EFFECT = 0.2
"""|d_z| at or above which a check reads as a rise or a fall (the "small" effect)."""
AHEAD_POINTS = 3.0
"""How many points more than the grade's other standards a rise must gain to be credited to the
micro-change (the smallest gain the progress rating counts, ``ProgressThresholds.some_gain_points``)."""

_OPTIONAL = ("standard", "teacher", "observed_on", "cut_score")
CHECK_COLUMNS: list[str] = [
    "score_kind", "n_pattern", "n_check", "n_matched", "pattern_mean", "check_mean", "change", "others_change",
    "pattern_pct_at_cut", "check_pct_at_cut", "effect_size", "cut", "verdict",
]


def grade_patterns(assessments: pd.DataFrame, students: pd.DataFrame, cut_pct: float, window: str) -> pd.DataFrame:
    """Per grade and standard in ``window`` (point scores): ``grade, standard, n, mean_pct,
    pct_proficient, grade_mean_pct, gap, weakest``; grades in school order, standards by code."""
    columns = ["grade", "standard", "n", "mean_pct", "pct_proficient", "grade_mean_pct", "gap", "weakest"]
    points = point_rows(assessments)
    scores = student_percent_correct(points[points["window"] == window], by_standard=True)
    if scores.empty:
        return pd.DataFrame(columns=columns)
    scores = with_student_column(scores, students, "grade")
    table = summarise_scores(scores, ["grade", "standard"], cut_pct)
    overall = with_student_column(student_percent_correct(points[points["window"] == window]), students, "grade")
    table["grade_mean_pct"] = table["grade"].map(overall.groupby("grade")["pct_correct"].mean())
    table["gap"] = table["mean_pct"] - table["grade_mean_pct"]
    table["weakest"] = table["mean_pct"] == table.groupby("grade")["mean_pct"].transform("min")
    table = table.sort_values(["grade", "standard"], key=lambda c: c.map(grade_sort_key) if c.name == "grade" else c)
    return table[columns].reset_index(drop=True)


def weakest_standards(patterns: pd.DataFrame) -> pd.DataFrame:
    """The weakest standard of each grade (first by code on a tie): ``grade, standard, mean_pct, gap``."""
    weakest = patterns[patterns["weakest"].astype(bool)].drop_duplicates("grade")
    return weakest[["grade", "standard", "mean_pct", "gap"]].reset_index(drop=True)


def _grade_rows(assessments: pd.DataFrame, students: pd.DataFrame, grade: str) -> pd.DataFrame:
    ids = set(students.loc[students["grade"].astype(str) == str(grade), "student_id"])
    return assessments[assessments["student_id"].isin(ids)]


_COMMON = ("n_pre", "n_post", "n_matched", "pre_mean", "post_mean", "gain", "pre_pct", "post_pct", "effect_size")
_POINT_NAMES = dict(zip(("pre_mean_pct", "post_mean_pct", "gain_pct_points", "pre_pct_proficient",
                         "post_pct_proficient"), _COMMON[3:8], strict=True))
_SCALE_NAMES = dict(zip(("pre_mean_score", "post_mean_score", "gain_score_points", "pre_pct_proficient",
                         "post_pct_proficient"), _COMMON[3:8], strict=True))


def _matched(rows: pd.DataFrame, students: pd.DataFrame, kind: str, cut: float, standards: list[str] | None,
             pre: str, post: str) -> pd.Series | None:
    """Matched pre/post statistics of one link in its own units (:data:`_COMMON` names): percent
    correct at ``cut`` percent for points, scale points at the ``cut`` scale score for scale scores
    (:func:`~datadriver_utils.stats.scale_scores.scale_gains`; NaN cut: no percent at the cut)."""
    if kind == SCALE:
        grades = students["grade"].dropna().astype(str).unique()
        cuts = {} if math.isnan(cut) else {(w, g): cut for w in (pre, post) for g in grades}
        found = scale_gains(rows, students, cuts, pre, post, by=(), standards=standards,
                            kind=headline_score_type(rows) or SCALE).rename(columns=_SCALE_NAMES)
    else:
        found = matched_gains(rows, students, cut, by=(), standards=standards, pre=pre, post=post).rename(
            columns=_POINT_NAMES)
    return None if found.empty else found.iloc[0][list(_COMMON)]


def _verdict(row: pd.Series | None, others_change: float) -> str:
    if row is None or not row["n_pre"]:
        return "no scores in the pattern window"
    if not row["n_post"]:
        return "not yet: no scores in the check window"
    if not row["n_matched"]:
        return "no student has a score in both windows"
    d = row["effect_size"]
    if d is None or pd.isna(d) or abs(d) < VERDICT_EFFECT:
        return "no clear change"
    if d <= -VERDICT_EFFECT:
        return "fell"
    if math.isnan(others_change):
        return "rose"
    ahead = float(row["gain"]) - others_change
    return "rose more than the other standards" if ahead >= AHEAD_POINTS else "rose with the other standards"


def _others(rows: pd.DataFrame, standard: str) -> list[str]:
    """The grade's other standards (the whole-test ``overall`` row is not another standard)."""
    return sorted(set(rows["standard"].astype(str)) - {standard, OVERALL_STANDARD})


def _check(link: pd.Series, assessments: pd.DataFrame, students: pd.DataFrame, cut_pct: float) -> dict[str, Any]:
    grade_rows = _grade_rows(assessments, students, str(link["grade"]))
    windows = [str(link["pattern_window"]).lower(), str(link["check_window"]).lower()]
    scale = scale_rows(grade_rows)
    kind = SCALE if scale["window"].isin(windows).any() else POINTS
    standard = None if pd.isna(link.get("standard")) else str(link["standard"])
    if kind == SCALE:
        rows, cut = scale, float(link["cut_score"]) if pd.notna(link.get("cut_score")) else math.nan
    else:
        rows, cut = point_rows(grade_rows), float(cut_pct)
    found = _matched(rows, students, kind, cut, [standard] if standard else None, *windows)
    rest = _others(rows, standard) if standard is not None else []
    others = _matched(rows, students, kind, math.nan if kind == SCALE else 0.0, rest, *windows) if rest else None
    others_change = math.nan if others is None or not others["n_matched"] else float(others["gain"])

    def value(column: str) -> float:
        return math.nan if found is None or not found["n_matched"] else float(found[column])

    has_cut = not math.isnan(cut)
    return {
        "score_kind": kind, "n_pattern": 0 if found is None else int(found["n_pre"]),
        "n_check": 0 if found is None else int(found["n_post"]),
        "n_matched": 0 if found is None else int(found["n_matched"]),
        "pattern_mean": value("pre_mean"), "check_mean": value("post_mean"), "change": value("gain"),
        "others_change": others_change,
        "pattern_pct_at_cut": value("pre_pct") if has_cut else math.nan,
        "check_pct_at_cut": value("post_pct") if has_cut else math.nan,
        "effect_size": value("effect_size"), "cut": cut,
        "verdict": _verdict(found, others_change),
    }


def link_checks(links: pd.DataFrame, assessments: pd.DataFrame, students: pd.DataFrame,
                cut_pct: float) -> pd.DataFrame:
    """Each link of ``benchmark_links.csv`` with its check on the next window (:data:`CHECK_COLUMNS`).

    ``cut_pct`` is the team's cut for point scores; scale-score links use their ``cut_score``
    (percent at the cut is NaN without one).  Windows are compared lower-cased, as assessments
    are read.
    """
    base = links.reset_index(drop=True)
    for optional in _OPTIONAL:  # optional columns a team may leave out of the file altogether
        if optional not in base:
            base[optional] = None
    if base.empty:
        return base.reindex(columns=[*base.columns, *CHECK_COLUMNS])
    checks = pd.DataFrame([_check(link, assessments, students, cut_pct) for _, link in base.iterrows()])
    out = pd.concat([base, checks], axis=1)
    out["n_matched"] = out["n_matched"].astype(int)
    return out
