"""Two measurement figures the assessment glossary teaches (notebook 06).

* **local percentile rank** of a score x among n students:
  PR = 100 · (students below x + ½ · students at x) ÷ n (the mid-rank convention, so a score
  shared by everyone sits at 50).  Vendors' percentiles use a national norm group instead;
* **standard error of measurement**: SEM = SD of total points · √(1 − alpha), over the students
  who answered every item (the students Cronbach's alpha is computed on,
  :func:`~datadriver_utils.stats.items.cronbach_alpha`).  A score is best read as a range of
  about one SEM either side.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from datadriver_utils.stats.reliability import cronbach_alpha

__all__ = ["local_percentile_rank", "standard_error_of_measurement"]


def local_percentile_rank(scores: pd.Series, value: float) -> float:
    """PR of ``value`` among ``scores``: 100 · (below + ½ · equal) ÷ n (NaN without scores)."""
    values = scores.dropna().to_numpy(dtype=float)
    if not len(values):
        return math.nan
    below = float((values < value - 1e-9).sum())
    equal = float((np.abs(values - value) <= 1e-9).sum())
    return 100.0 * (below + 0.5 * equal) / len(values)


def _complete_totals(assessments: pd.DataFrame, window: str) -> pd.Series:
    rows = assessments[(assessments["window"] == window) & assessments["points"].notna()]
    wide = rows.pivot_table(index="student_id", columns="item_id", values="points", aggfunc="first")
    return wide.dropna(axis=0, how="any").sum(axis=1)


def standard_error_of_measurement(assessments: pd.DataFrame, window: str) -> tuple[float, float, float, int]:
    """``(sem, sd_total, alpha, n)``: SEM = SD of totals · √(1 − alpha) over complete students.

    Alpha below 0 is read as 0 (no consistency: the SEM is the whole spread). NaN when alpha
    is undefined (see :func:`~datadriver_utils.stats.items.cronbach_alpha`).
    """
    totals = _complete_totals(assessments, window)
    alpha = cronbach_alpha(assessments, window)
    sd = float(totals.std(ddof=1)) if len(totals) >= 2 else math.nan
    if math.isnan(alpha) or math.isnan(sd):
        return math.nan, sd, alpha, len(totals)
    return sd * math.sqrt(1.0 - min(max(alpha, 0.0), 1.0)), sd, alpha, len(totals)
