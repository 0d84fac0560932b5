"""Where students are against the team's proficiency cut: by standard, grade, section and group.

The Data Analyst strand (Teaching Matters; shared/seeds 000) asks a team to look past one
average.  Definitions (all percentages on the 0-100 scale):

* a student's **percent correct** in a window = Σ points ÷ Σ points possible × 100
  (:func:`datadriver_utils.stats.gains.student_percent_correct`), per standard for the
  standard view;
* **percent proficient** = share of students with percent correct ≥ the cut
  (``goal.proficiency_cut_pct`` in team.yml, 70 when there is no goal);
* **bands**: well below (< cut − 20), approaching (cut − 20 to < cut), proficient (cut to
  < cut + 15), advanced (≥ cut + 15);
* **bubble students**: cut − 10 ≤ percent correct < cut.

Every function is a pure function from the team's tables to a tidy frame; which rows an
audience may see is decided by :mod:`datadriver_utils.privacy`, not here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from datadriver_utils.contract.config import DEFAULT_CUT_PCT, grade_sort_key
from datadriver_utils.stats.gains import student_percent_correct

__all__ = [
    "BANDS", "DEFAULT_CUT_PCT", "NOT_RECORDED", "RESULT_COLUMNS", "SUBGROUPS",
    "band_distribution", "bubble_students", "proficiency_band", "results_by", "student_scores",
    "subgroup_results", "summarise_scores", "with_student_column",
]


SUBGROUPS: tuple[str, ...] = ("ell", "sped", "frl", "gender", "race_ethnicity")
"""The student-group columns of students.csv the subgroup view reads, when present."""

NOT_RECORDED = "not recorded"
"""The group of students with no value in a column: counted, so groups add up to every student."""

BANDS: tuple[str, ...] = ("well below", "approaching", "proficient", "advanced")
RESULT_COLUMNS: list[str] = ["n", "mean_pct", "pct_proficient"]


def student_scores(assessments: pd.DataFrame, window: str = "post", by_standard: bool = False) -> pd.DataFrame:
    """Each student's percent correct in one window (``student_id``, [``standard``], ``pct_correct``)."""
    scores = student_percent_correct(assessments, by_standard=by_standard)
    keep = ["student_id", *(["standard"] if by_standard else []), "pct_correct"]
    return scores.loc[scores["window"] == window, keep].reset_index(drop=True)


def summarise_scores(scores: pd.DataFrame, keys: list[str], cut_pct: float) -> pd.DataFrame:
    """n, mean percent correct and percent proficient per group of ``keys``."""
    cols = [*keys, *RESULT_COLUMNS]
    if scores.empty:
        return pd.DataFrame(columns=cols)
    flagged = scores.assign(_prof=(scores["pct_correct"] >= cut_pct) * 100.0)
    out = flagged.groupby(keys, dropna=False, sort=False).agg(
        n=("pct_correct", "count"), mean_pct=("pct_correct", "mean"), pct_proficient=("_prof", "mean"))
    return out.reset_index()[cols]


def with_student_column(scores: pd.DataFrame, students: pd.DataFrame, column: str) -> pd.DataFrame:
    """``scores`` with the students.csv ``column`` of each student, blank as :data:`NOT_RECORDED`."""
    values = students.set_index("student_id")[column] if column in students else pd.Series(dtype=object)
    labels = scores["student_id"].map(values).astype(object)
    return scores.assign(**{column: labels.where(labels.notna(), NOT_RECORDED).astype(str)})


def results_by(assessments: pd.DataFrame, students: pd.DataFrame, cut_pct: float, by: str,
               window: str = "post") -> pd.DataFrame:
    """Results of one window by ``standard``, ``grade``, ``section`` or a subgroup column.

    Students with no value in the column are counted as "not recorded", so the groups always
    add up to every student with a score (complementary suppression relies on it).
    """
    if by == "standard":
        result = summarise_scores(student_scores(assessments, window, by_standard=True), ["standard"], cut_pct)
    else:
        result = summarise_scores(with_student_column(student_scores(assessments, window), students, by), [by],
                                  cut_pct)
    key = (lambda c: c.map(grade_sort_key)) if by == "grade" else (lambda c: c.astype(str))
    return result.sort_values(by, key=key).reset_index(drop=True)


def subgroup_results(assessments: pd.DataFrame, students: pd.DataFrame, cut_pct: float, window: str = "post",
                     columns: Sequence[str] = SUBGROUPS) -> pd.DataFrame:
    """One long table (``group``, ``category``, n, mean_pct, pct_proficient) for every subgroup
    column present in students.csv."""
    parts = [results_by(assessments, students, cut_pct, col, window).rename(columns={col: "category"})
             .assign(group=col) for col in columns if col in students.columns]
    if not parts:
        return pd.DataFrame(columns=["group", "category", *RESULT_COLUMNS])
    return pd.concat(parts, ignore_index=True)[["group", "category", *RESULT_COLUMNS]]


def proficiency_band(pct_correct: pd.Series, cut_pct: float, below_margin: float = 20.0,
                     advanced_margin: float = 15.0) -> pd.Series:
    """Band of each percent correct: [−∞, cut−20) well below, [cut−20, cut) approaching,
    [cut, cut+15) proficient, [cut+15, ∞) advanced (margins are keyword settings)."""
    edges = [-np.inf, cut_pct - below_margin, cut_pct, cut_pct + advanced_margin, np.inf]
    return pd.cut(pct_correct, edges, right=False, labels=list(BANDS))


def band_distribution(assessments: pd.DataFrame, students: pd.DataFrame, cut_pct: float,
                      window: str = "post", below_margin: float = 20.0,
                      advanced_margin: float = 15.0) -> pd.DataFrame:
    """Students per grade and band (``grade``, ``band``, ``n``, ``pct`` of the grade), every band
    listed; empty (with those columns) when nobody has a score in the window."""
    scores = with_student_column(student_scores(assessments, window), students, "grade")
    if scores.empty:
        return pd.DataFrame(columns=["grade", "band", "n", "pct"])
    scores = scores.assign(band=proficiency_band(scores["pct_correct"], cut_pct, below_margin, advanced_margin))
    counts = pd.crosstab(scores["grade"], scores["band"]).reindex(columns=list(BANDS), fill_value=0)
    counts = counts.loc[sorted(counts.index, key=grade_sort_key)]
    long = counts.stack().rename("n").reset_index()
    long["band"] = long["band"].astype(str)
    long["n"] = long["n"].astype(int)
    return long.assign(pct=long["n"] / long.groupby("grade")["n"].transform("sum") * 100)


def bubble_students(assessments: pd.DataFrame, students: pd.DataFrame, cut_pct: float, window: str = "post",
                    margin: float = 10.0) -> pd.DataFrame:
    """Students with cut − ``margin`` ≤ percent correct < cut, closest to the cut first.

    Student rows: for the team only (callers check the audience).
    """
    scores = student_scores(assessments, window)
    near = scores[(scores["pct_correct"] >= cut_pct - margin) & (scores["pct_correct"] < cut_pct)]
    for column in ("grade", "section"):
        near = with_student_column(near, students, column)
    return near[["student_id", "grade", "section", "pct_correct"]].sort_values(
        ["pct_correct", "student_id"], ascending=[False, True]).reset_index(drop=True)
