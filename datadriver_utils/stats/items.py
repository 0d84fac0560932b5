"""Assessment item analysis: how each question on a common assessment behaved.

A data team looking at a common assessment (the Driven by Data practice of analysing "by
question, standard, student and class") first needs to know whether the questions themselves
can be trusted.  This module answers that with classical test theory, from item-level rows in
long format (one row per student, window and item):

``student_id, window, standard, item_id, points, points_possible`` and optionally
``response`` (the option chosen) and ``key`` (the correct option).

Every function takes ``window`` (default ``"post"``, the common assessment the credential asks
about) and looks only at that window's rows.  Rows whose ``points`` is missing count as "not
answered".  Formulas and bands follow /work/shared/FIELD_NOTES.md, "Assessment item analysis":
difficulty p, item-rest point-biserial, upper-lower index (Kelley's 27%), Ebel & Frisbie's
discrimination bands.  The test as a whole (Cronbach's alpha, the summary and its plain
reading) is in :mod:`datadriver_utils.stats.reliability`; which options students chose is in
:mod:`datadriver_utils.stats.distractors`.  Both start from the :class:`ItemMatrix` built here.

Privacy: every result is an aggregate over students; no student identifier is returned.
``min_group_size`` suppresses (sets to NaN) any statistic computed over fewer students.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from datadriver_utils.contract.windows import order_windows
from datadriver_utils.core.rows import spreadsheet_row
from datadriver_utils.errors import DataProblemsError, Problem

__all__ = [
    "EBEL_FRISBIE_BANDS", "FLAGS", "ITEMS_FILE", "ItemMatrix", "NEGATIVE_LABEL", "POOR_LABEL",
    "REQUIRED_COLUMNS", "TINY", "UNDEFINED_LABEL", "discrimination_quality", "item_matrix",
    "item_statistics", "matrix_statistics", "standard_blueprint", "window_rows",
]

ITEMS_FILE = "assessments.csv"
REQUIRED_COLUMNS = ("student_id", "window", "standard", "item_id", "points", "points_possible")
FLAGS = ("too_easy", "too_hard", "negative_discrimination")
UPPER_LOWER_FRACTION = 0.27
#: Ebel & Frisbie (1991) bands for a discrimination index, highest first.
EBEL_FRISBIE_BANDS = ((0.40, "very good"), (0.30, "reasonably good"), (0.20, "marginal"))
POOR_LABEL = "poor"
NEGATIVE_LABEL = "negative: check the answer key"
UNDEFINED_LABEL = "undefined: no variation or too few students"
_STAT_COLUMNS = ["difficulty_p", "discrimination_r", "upper_lower_index"]
TINY = 1e-12
"""Below this a variance counts as zero (floating-point noise, not spread)."""


@dataclass(frozen=True)
class ItemMatrix:
    """One window: students x items raw points (NaN = not answered), items in file order."""

    points: pd.DataFrame
    possible: pd.Series
    standard: pd.Series

    @property
    def ratio(self) -> pd.DataFrame:
        """Item score as a share of the item's points possible (0-1)."""
        return self.points / self.possible

    def total_proportion(self) -> pd.Series:
        """Each student's points earned / points possible on the items they answered."""
        answered_possible = self.points.notna().mul(self.possible, axis=1).sum(axis=1)
        return self.points.sum(axis=1) / answered_possible.where(answered_possible > 0)


def _spreadsheet_row(rows: pd.DataFrame, index: Any) -> int | None:
    return spreadsheet_row(rows, index) if isinstance(index, (int, np.integer)) else None


def window_rows(items: pd.DataFrame, window: str) -> pd.DataFrame:
    """Check the columns and return the scored rows of one window, or explain what is wrong.

    Every item statistic starts here, so a file that would make them wrong is reported once,
    row by row, whichever statistic a notebook asks for first.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in items.columns]
    if missing:
        raise DataProblemsError([
            Problem(ITEMS_FILE, f"the column is missing; add a '{c}' column as in the item "
                    "template", column=c) for c in missing])
    rows = items.loc[(items["window"] == window) & items["points"].notna()]
    if rows.empty:
        found = ", ".join(order_windows(items["window"].dropna())) or "none"
        raise DataProblemsError([Problem(
            ITEMS_FILE, f"no scored item rows for window '{window}' (windows in the file: "
            f"{found}); pass one of those as window= or add the scores", column="window",
            value=window)])
    _check_rows(rows, window)
    return rows


def _check_rows(rows: pd.DataFrame, window: str) -> None:
    """Raise every problem that would make the statistics wrong rather than merely noisy."""
    out_of_range = rows.loc[(rows["points"] < 0) | ~(rows["points_possible"] > 0)
                            | (rows["points"] > rows["points_possible"] + 1e-9)]
    problems = [Problem(ITEMS_FILE, "points must be between 0 and points_possible (and "
                        "points_possible above 0); correct the score", row=_spreadsheet_row(rows, i),
                        column="points", value=str(v)) for i, v in out_of_range["points"].items()]
    repeats = rows.loc[rows.duplicated(["student_id", "item_id"], keep="first")]
    problems += [Problem(ITEMS_FILE, f"a second row for student {s} on item {it} in window "
                         f"'{window}'; keep one row per student and item", row=_spreadsheet_row(rows, i),
                         column="item_id", value=str(it))
                 for i, s, it in zip(repeats.index, repeats["student_id"], repeats["item_id"])]
    for column in ("points_possible", "standard"):
        counts = rows.groupby("item_id", sort=False)[column].nunique()
        problems += [Problem(ITEMS_FILE, f"item {it} has more than one {column} in window "
                             f"'{window}'; use one value on every row of the item",
                             column=column, value=str(it)) for it in counts.index[counts > 1]]
    if problems:
        raise DataProblemsError(problems)


def item_matrix(rows: pd.DataFrame) -> ItemMatrix:
    """Students x items from one window's checked rows (:func:`window_rows`)."""
    order = pd.unique(rows["item_id"])
    points = rows.pivot(index="student_id", columns="item_id", values="points")
    meta = rows.groupby("item_id", sort=False)[["points_possible", "standard"]].first()
    return ItemMatrix(points[order], meta["points_possible"].reindex(order),
                       meta["standard"].reindex(order))


def _rest_proportion(m: ItemMatrix) -> pd.DataFrame:
    """Score on the OTHER answered items as a share of their points (NaN where item unanswered).

    With complete data every student has the same rest denominator, so this is a linear
    transform of the rest total and its correlation equals the textbook item-rest r; with
    missing items it keeps students comparable instead of penalising a skipped item.
    """
    answered = m.points.notna()
    earned = m.points.fillna(0.0)
    possible = answered.mul(m.possible, axis=1).astype(float)
    rest_earned = earned.rsub(earned.sum(axis=1), axis=0)
    rest_possible = possible.rsub(possible.sum(axis=1), axis=0)
    return (rest_earned / rest_possible.where(rest_possible > 0)).where(answered)


def _pearson_by_column(x: pd.DataFrame, y: pd.DataFrame) -> pd.Series:
    """Pearson r of each column of ``x`` with the same column of ``y``, pairwise complete.

    NaN, not an error, where either side has no variance (a correlation is undefined there).
    """
    both = x.notna() & y.notna()
    dx = x.where(both) - x.where(both).mean()
    dy = y.where(both) - y.where(both).mean()
    sxx, syy, sxy = (dx**2).sum(), (dy**2).sum(), (dx * dy).sum()
    defined = (sxx > TINY) & (syy > TINY)
    return (sxy / np.sqrt((sxx * syy).where(defined))).clip(-1.0, 1.0)


def _upper_lower_group_size(n: int) -> int:
    """27% of n rounded to the nearest whole student (halves up), never more than n // 2."""
    return min(n // 2, math.floor(UPPER_LOWER_FRACTION * n + 0.5))


def _upper_lower_index(m: ItemMatrix, min_group_size: int) -> pd.Series:
    total = m.total_proportion().dropna()
    g = _upper_lower_group_size(len(total))
    if g < max(1, min_group_size):
        return pd.Series(np.nan, index=m.points.columns)
    ranked = pd.DataFrame({"total": total.to_numpy(), "student": total.index.astype(str)},
                          index=total.index).sort_values(["total", "student"], kind="mergesort")
    ratio = m.ratio
    return ratio.loc[ranked.index[-g:]].mean() - ratio.loc[ranked.index[:g]].mean()


def discrimination_quality(r: float) -> str:
    """Ebel & Frisbie's label for a discrimination index.

    >= .40 very good, .30-.39 reasonably good, .20-.29 marginal, 0-.19 poor, below 0 the
    answer key should be checked first (Ebel & Frisbie 1991, via FIELD_NOTES).  The bands are
    stated to two decimals, so a positive r is rounded to two decimals first (a coach who
    reads "0.40" sees "very good" beside it); any r below 0 is negative, as the flag in
    :func:`item_statistics` is.
    """
    if r is None or not np.isfinite(r):
        return UNDEFINED_LABEL
    if r < 0:
        return NEGATIVE_LABEL
    shown = round(float(r), 2)
    return next((label for cut, label in EBEL_FRISBIE_BANDS if shown >= cut), POOR_LABEL)


def item_statistics(items: pd.DataFrame, window: str = "post", *, too_easy_above: float = 0.90,
                    too_hard_below: float = 0.30, negative_below: float = 0.0,
                    min_group_size: int = 1) -> pd.DataFrame:
    """One row per item: how hard it was and how well it separated stronger from weaker students.

    - ``difficulty_p`` = mean points / points possible over students who answered (for 0/1
      items, the proportion correct).
    - ``discrimination_r`` = corrected item-total (item-rest) point-biserial: Pearson r of the
      item score with the score on the *other* items, so the item does not correlate with itself.
    - ``upper_lower_index`` = mean item score ratio in the top 27% of students by total score
      minus the bottom 27% (Kelley).  Group size g = round(0.27 n), halves rounded up, at most
      n // 2; ties at a cut are broken by ``student_id`` so the result is reproducible.
    - ``quality`` = Ebel & Frisbie's band for ``discrimination_r`` (:func:`discrimination_quality`).
    - Flags: ``too_easy`` (p > too_easy_above), ``too_hard`` (p < too_hard_below),
      ``negative_discrimination`` (r < negative_below).  An undefined statistic raises no flag.

    Statistics are NaN where undefined (an item everyone got right has no variance to
    correlate) or where fewer than ``min_group_size`` students (or, for the upper-lower index,
    fewer per group) contribute.
    """
    return matrix_statistics(item_matrix(window_rows(items, window)), too_easy_above,
                            too_hard_below, negative_below, min_group_size)


def matrix_statistics(m: ItemMatrix, too_easy_above: float, too_hard_below: float,
                      negative_below: float, min_group_size: int) -> pd.DataFrame:
    """:func:`item_statistics` of a matrix already built (the summary reuses it for alpha)."""
    ratio = m.ratio
    stats = pd.DataFrame({
        "item_id": m.points.columns.astype(str),
        "standard": m.standard.to_numpy(),
        "n": m.points.notna().sum().to_numpy().astype(int),
        "points_possible": m.possible.to_numpy(dtype=float),
        "difficulty_p": ratio.mean().to_numpy(),
        "discrimination_r": _pearson_by_column(ratio, _rest_proportion(m)).to_numpy(),
        "upper_lower_index": _upper_lower_index(m, min_group_size).to_numpy(),
    })
    stats.loc[stats["n"] < min_group_size, _STAT_COLUMNS] = np.nan
    stats["quality"] = stats["discrimination_r"].map(discrimination_quality)
    stats["too_easy"] = stats["difficulty_p"] > too_easy_above
    stats["too_hard"] = stats["difficulty_p"] < too_hard_below
    stats["negative_discrimination"] = stats["discrimination_r"] < negative_below
    return stats


def standard_blueprint(items: pd.DataFrame, window: str = "post") -> pd.DataFrame:
    """Per standard: number of items, total points and share of the test's points.

    The blueprint shows whether the assessment weighs the standards the way the team intends
    before anyone reads a standard-level result from it.
    """
    m = item_matrix(window_rows(items, window))
    per_item = pd.DataFrame({"standard": m.standard, "points_possible": m.possible})
    blueprint = (per_item.groupby("standard", sort=True)
                 .agg(n_items=("points_possible", "size"), total_points=("points_possible", "sum"))
                 .reset_index())
    share = blueprint["total_points"] / blueprint["total_points"].sum()
    return blueprint.assign(share_of_points=share)
