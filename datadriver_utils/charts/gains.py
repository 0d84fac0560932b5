"""The snapshot's grade chart: percent of matched students proficient, pre beside post.

A cut is a *student's* score (70% correct, a scale-score benchmark); a grade's *mean* is not a
student.  Drawing the cut across bars of means invites the reading "the grade is below the
cut, so most students are" -- which a skewed grade makes false (a mean of 65 with 55% of
students at or above 70).  So this chart compares the cut with the figure it defines: the
percent of matched students at or above it, which is also what the goal's target counts.  The
means stay in the table beside the chart, where no line suggests a comparison.

Nothing is computed here: the rows are :func:`datadriver_utils.stats.gains.matched_gains` (or
:func:`~datadriver_utils.stats.scale_scores.scale_gains`) as the view released them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from datadriver_utils.charts import palette
from datadriver_utils.contract.config import grade_sort_key

__all__ = ["PALETTE", "grade_standard_proficiency_alt", "grade_standard_proficiency_figure"]

PALETTE = {"Pre": palette.PRE, "Post": palette.POST}
"""Light then dark: "post" is the darker bar in any print."""
_COLUMNS = {"Pre": "pre_pct_proficient", "Post": "post_pct_proficient"}


def _pct(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else f"{float(value):.1f}%"


def _grades(gains: pd.DataFrame) -> list[str]:
    return sorted(gains["grade"].unique(), key=grade_sort_key) if "grade" in gains else []


def _draw_grade(axis: Axes, rows: pd.DataFrame) -> None:
    positions = np.arange(len(rows))
    for offset, (window, column) in zip((-0.2, 0.2), _COLUMNS.items(), strict=True):
        heights = pd.to_numeric(rows[column], errors="coerce").to_numpy(dtype=float)
        bars = axis.bar(positions + offset, np.nan_to_num(heights), width=0.4, color=PALETTE[window],
                        edgecolor=palette.INK, linewidth=0.6, label=window)
        for bar, value in zip(bars, heights, strict=True):
            axis.text(bar.get_x() + bar.get_width() / 2, (0 if np.isnan(value) else value) + 1.5, _pct(value),
                      ha="center", va="bottom", fontsize=7, color=palette.INK)
    labels = [f"{s}\n(n={int(n)})" for s, n in zip(rows["standard"], rows["n_matched"], strict=True)]
    axis.set_xticks(positions, labels, fontsize=8)


def grade_standard_proficiency_figure(gains: pd.DataFrame, cut: str) -> Figure:
    """Bars of the percent of matched students at or above the cut, pre and post, per standard;
    one panel per grade.

    ``gains`` has ``grade``, ``standard``, ``n_matched``, ``pre_pct_proficient`` and
    ``post_pct_proficient`` (0-100); ``cut`` names the cut in words ("the 70% cut", "their
    benchmark").  No line is drawn at the cut: the bars already count the students it sorts.
    """
    grades = _grades(gains)
    figure = Figure(figsize=(4.4 * max(len(grades), 1) + 1.2, 4.4), layout="constrained")
    axes = figure.subplots(1, max(len(grades), 1), squeeze=False, sharey=True)[0]
    for axis, grade in zip(axes, grades, strict=False):
        _draw_grade(axis, gains[gains["grade"] == grade])
        axis.set_title(f"Grade {grade}", fontsize=10)
        axis.set_xlabel("Standard (matched students)")
        axis.set_ylim(0, 108)
        axis.set_yticks(range(0, 101, 20))
        axis.grid(axis="y", color=palette.GRID, linewidth=0.8)
        axis.set_axisbelow(True)
    axes[0].set_ylabel(f"% of students at or above {cut}")
    if grades:
        axes[-1].legend(title="", fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    else:
        axes[0].text(0.5, 0.5, "No groups large enough to show", ha="center", va="center", transform=axes[0].transAxes)
        axes[0].set_axis_off()
    figure.suptitle(f"Percent of matched students at or above {cut}, by standard, pre and post")
    return figure


def grade_standard_proficiency_alt(gains: pd.DataFrame, cut: str, left_out: int = 0) -> str:
    """What the chart shows, in words: every bar's value, grade by grade (the screen reader's chart).

    ``left_out`` counts the grade-and-standard groups not drawn (too small to share), so the
    words say they exist without a figure for them.
    """
    parts = []
    for grade in _grades(gains):
        rows = gains[gains["grade"] == grade]
        bars = "; ".join(f"{row.standard} pre {_pct(row.pre_pct_proficient)}, post {_pct(row.post_pct_proficient)}"
                         f" (n={int(row.n_matched)})" for row in rows.itertuples(index=False))
        parts.append(f"grade {grade}: {bars}")
    text = (f"Bar chart: percent of matched students at or above {cut}, by standard, pre beside post. "
            + (". ".join(parts) if parts else "No group is large enough to show") + ".")
    if left_out:
        text += f" {left_out} group(s) too small to share are not drawn."
    return text
