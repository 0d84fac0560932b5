"""Charts of notebook 21 (leadership moves); each draws a table the statistics computed.

* :func:`pattern_heatmap_figure`: mean percent correct by grade and standard, the weakest
  standard of each grade outlined (:func:`datadriver_utils.stats.benchmarks.grade_patterns`);
* :func:`link_check_figure`: each link's mean in its pattern window and its check window, as a
  dumbbell, one panel per kind of score (:func:`~datadriver_utils.stats.benchmarks.link_checks`);
* :func:`lookfor_rates_figure`: percent of observations where each look-for was seen;
* :func:`beside_figure`: look-fors seen (process evidence) above belonging favourable
  (perception evidence), month by month, on one time axis
  (:func:`~datadriver_utils.stats.lookfors.beside_belonging`);
* :func:`feedback_evidence_figure`: feedback notes by the evidence they rest on, split by impact.

Nothing is computed here; every figure is a matplotlib ``Figure`` (no pyplot state).
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from datadriver_utils.charts import palette
from datadriver_utils.charts.placeholder import message_figure

__all__ = ["beside_figure", "feedback_evidence_figure", "link_check_figure", "lookfor_rates_figure",
           "pattern_heatmap_figure"]

PATTERN_COLOUR, CHECK_COLOUR = palette.PRE, palette.POST
_IMPACT_STYLE = {"helped": (palette.TEAL, ""), "no clear effect": (palette.NEUTRAL_LIGHT, ".."),
                 "hindered": (palette.VERMILLION, "//"), "not yet known": (palette.WHITE, "xx")}


def pattern_heatmap_figure(patterns: pd.DataFrame, window: str) -> Figure:
    """Grades down, standards across, mean percent correct in each cell; weakest standard outlined."""
    if patterns.empty:
        return message_figure(f"No scores in the {window} window", "Grade-level pattern")
    grades = list(dict.fromkeys(patterns["grade"].astype(str)))
    standards = sorted(patterns["standard"].astype(str).unique())
    wide = patterns.pivot_table(index="grade", columns="standard", values="mean_pct").reindex(
        index=grades, columns=standards)
    figure = Figure(figsize=(1.6 + 1.1 * len(standards), 1.4 + 0.6 * len(grades)))
    axis = figure.subplots()
    image = axis.imshow(wide.to_numpy(dtype=float), cmap=palette.SEQUENTIAL_CMAP, vmin=0, vmax=100, aspect="auto")
    for (i, j), value in np.ndenumerate(wide.to_numpy(dtype=float)):
        if not np.isnan(value):
            axis.text(j, i, f"{value:.0f}", ha="center", va="center", color=palette.LIGHT_TEXT if value > 60 else palette.INK)
    for row in patterns[patterns["weakest"]].itertuples(index=False):
        i, j = grades.index(str(row.grade)), standards.index(str(row.standard))
        axis.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor=palette.VERMILLION, linewidth=2.5))
    axis.set_xticks(range(len(standards)), standards, rotation=30, ha="right")
    axis.set_yticks(range(len(grades)), [f"Grade {g}" for g in grades])
    axis.set_title(f"Mean % correct by grade and standard, {window} (outlined: the grade's weakest)")
    figure.colorbar(image, ax=axis, label="Mean % correct")
    figure.tight_layout()
    return figure


def link_check_figure(checks: pd.DataFrame) -> Figure:
    """Each checked link as a line from its pattern-window mean to its check-window mean."""
    shown = checks.dropna(subset=["pattern_mean", "check_mean"])
    if shown.empty:
        return message_figure("No link can be checked yet: the check windows have no matched scores",
                              "Benchmark one-pager: the check")
    kinds = list(dict.fromkeys(shown["score_kind"]))
    figure = Figure(figsize=(8, 1.6 + 0.55 * len(shown)))
    axes = figure.subplots(1, len(kinds), squeeze=False)[0]
    for axis, kind in zip(axes, kinds, strict=True):
        part = shown[shown["score_kind"] == kind]
        labels = [textwrap.shorten(f"Grade {r.grade} · {r.standard if isinstance(r.standard, str) else 'all'} · "
                                   f"{r.micro_change}", 48, placeholder="…") for r in part.itertuples(index=False)]
        y = np.arange(len(part))
        axis.hlines(y, part["pattern_mean"], part["check_mean"], color=palette.SUBTLE, linewidth=2)
        axis.scatter(part["pattern_mean"], y, color=PATTERN_COLOUR, edgecolor=palette.INK, s=70, zorder=3,
                     label="pattern window", marker="o")
        axis.scatter(part["check_mean"], y, color=CHECK_COLOUR, s=70, zorder=3, label="check window", marker="D")
        axis.set_yticks(y, labels)
        axis.invert_yaxis()
        axis.set_xlabel("Mean % correct (matched students)" if kind == "points" else "Mean scale score (matched)")
        if kind == "points":
            axis.set_xlim(0, 100)
        axis.legend(loc="lower right", fontsize=8, frameon=False)
    figure.suptitle("Each micro-change: the pattern window against the check window")
    figure.tight_layout()
    return figure


def lookfor_rates_figure(rates: pd.DataFrame) -> Figure:
    """Horizontal bars: percent of observations where each look-for was seen (0-100)."""
    if rates.empty:
        return message_figure("No walkthroughs recorded yet", "Look-fors")
    labels = [textwrap.fill(str(v), 42) for v in rates["look_for"]]
    figure = Figure(figsize=(8, 1.2 + 0.5 * len(rates)))
    axis = figure.subplots()
    y = np.arange(len(rates))
    axis.barh(y, rates["pct_seen"], color=palette.BLUE, height=0.6)
    for position, pct, n in zip(y, rates["pct_seen"], rates["n_visits"], strict=True):
        axis.text(float(pct), float(position), f" {pct:.0f}% of {n}", va="center", fontsize=9)
    axis.set_yticks(y, labels)
    axis.invert_yaxis()
    axis.set_xlim(0, 110)
    axis.set_xlabel("% of observations where it was seen")
    axis.set_title("Walkthrough look-fors (school-process evidence)")
    figure.tight_layout()
    return figure


def beside_figure(beside: pd.DataFrame) -> Figure:
    """Two panels on one month axis: % of look-for observations seen, and % of students answering
    favourably on belonging (months without a value are gaps, not zeros)."""
    if beside.empty:
        return message_figure("No walkthroughs or belonging survey yet", "Process and perception evidence")
    months = list(beside["month"].astype(str))
    x = np.arange(len(months))
    figure = Figure(figsize=(8, 5))
    top, bottom = figure.subplots(2, 1, sharex=True)
    for axis, column, colour, marker, title in (
            (top, "pct_seen", palette.BLUE, "o", "Look-fors seen (% of observations): process evidence"),
            (bottom, "belonging_pct_favourable", palette.VERMILLION, "s", "Students answering favourably on belonging "
                                                                  "(%): perception evidence")):
        values = beside[column].astype(float).to_numpy()
        known = ~np.isnan(values)  # a month without a value is skipped, not drawn as zero
        axis.plot(x[known], values[known], color=colour, marker=marker, linewidth=2)
        for xi, value in zip(x, values, strict=True):
            if not np.isnan(value):
                axis.text(float(xi), float(value) + 3, f"{value:.0f}", ha="center", fontsize=9)
        axis.set_ylim(0, 105)
        axis.set_title(title, fontsize=10)
        axis.set_ylabel("%")
    bottom.set_xticks(x, months)
    bottom.set_xlabel("Month")
    figure.tight_layout()
    return figure


def feedback_evidence_figure(table: pd.DataFrame) -> Figure:
    """Stacked bars: feedback notes per evidence source (rows of ``table``), split by impact (columns)."""
    if table.empty or not table.to_numpy().sum():
        return message_figure("No feedback recorded yet", "Bite-size feedback")
    figure = Figure(figsize=(8, 1.4 + 0.5 * len(table)))
    axis = figure.subplots()
    y = np.arange(len(table))
    left = np.zeros(len(table))
    for impact in table.columns:
        colour, hatch = _IMPACT_STYLE.get(str(impact), (palette.NEUTRAL, ""))
        counts = table[impact].to_numpy(dtype=float)
        if counts.any():
            axis.barh(y, counts, left=left, color=colour, hatch=hatch, edgecolor=palette.MUTED, height=0.6, label=str(impact))
        left += counts
    axis.set_yticks(y, [str(i) for i in table.index])
    axis.invert_yaxis()
    axis.set_xlabel("Feedback notes")
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_title("Which evidence the feedback rests on, and what the tool did for students")
    axis.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False, title="impact")
    figure.tight_layout()
    return figure
