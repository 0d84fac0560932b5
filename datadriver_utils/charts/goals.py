"""Where students start on the goal's standards, and the target they are asked to reach.

Two panels, so that a score and a share of students are never drawn on one axis:

* left (team view only): each student's percent correct in the baseline window, split at the
  proficiency cut -- a student-level score against the student-level cut.  The bins have an
  edge at the cut (:func:`cut_bins`), so no bar straddles it;
* right: **percent of students proficient now** against the **target**, which is also a
  percent of students: one bar for each goal standard on its own when there are several, and
  one for all the goal's standards together (the figure the target is checked on).

The figure is drawn from values the view has already released for its audience (hidden bars
arrive without a height, coded ones at the coding threshold with their coded label): it
computes nothing.  Blue and orange stay apart for the common colour-vision deficiencies, and
the pooled bar is darker than the per-standard ones, so the panels still read in greyscale.
"""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from datadriver_utils.charts import palette

__all__ = ["AT_OR_ABOVE_COLOUR", "BAR_COLUMNS", "BELOW_COLOUR", "POOLED_COLOUR", "STANDARD_COLOUR",
           "TARGET_COLOUR", "baseline_figure", "cut_bins"]

BELOW_COLOUR = palette.SEQUENTIAL[1]
AT_OR_ABOVE_COLOUR = palette.SEQUENTIAL[5]
STANDARD_COLOUR = palette.SEQUENTIAL[3]
POOLED_COLOUR = palette.SEQUENTIAL[6]
TARGET_COLOUR = palette.TARGET
BAR_COLUMNS = ["label", "pct", "text", "pooled"]
"""What the right panel is given: a bar's label, its height (None: not shown), the text above
it, and whether it is the pooled bar."""


def cut_bins(cut_pct: float, width: float = 10.0) -> list[float]:
    """Histogram edges ``width`` points apart with one at the cut, from 0 to 100 (only the two
    end bins may be narrower), so every bar is wholly below or wholly at or above the cut."""
    steps = math.ceil(100 / width)
    inside = {float(cut_pct) + width * k for k in range(-steps, steps + 1)}
    return sorted({0.0, 100.0} | {e for e in inside if 0 < e < 100})


def _distribution(axis: Axes, scores: pd.Series, cut_pct: float) -> None:
    valid = scores.dropna()
    axis.hist([valid[valid < cut_pct], valid[valid >= cut_pct]], bins=cut_bins(cut_pct), stacked=True,
              color=[BELOW_COLOUR, AT_OR_ABOVE_COLOUR], edgecolor=palette.INK,
              label=["below the cut", "at or above the cut"])
    axis.axvline(cut_pct, color=palette.INK, linestyle="--")
    axis.text(cut_pct, axis.get_ylim()[1] * 0.97, f"cut {cut_pct:g}% correct", va="top", ha="right", fontsize=9,
              bbox={"facecolor": palette.WHITE, "edgecolor": "none", "pad": 1})
    axis.set(xlim=(0, 100), xlabel="Percent correct on the goal's standards (pre)", ylabel="Students",
             title="Where students start")
    axis.legend(fontsize=8, loc="upper left")


def _proficient(axis: Axes, bars: pd.DataFrame, target_pct: float) -> None:
    positions = range(len(bars))
    heights = [0.0 if pd.isna(h) else float(h) for h in bars["pct"]]
    colours = [POOLED_COLOUR if pooled else STANDARD_COLOUR for pooled in bars["pooled"]]
    axis.bar(list(positions), heights, width=0.6, color=colours, edgecolor=palette.INK)
    for x, height, text in zip(positions, heights, bars["text"], strict=True):
        axis.text(x, height + 1.5, str(text), ha="center", va="bottom", fontsize=9, zorder=3,
                  bbox={"facecolor": palette.WHITE, "edgecolor": "none", "pad": 1})
    axis.axhline(target_pct, color=TARGET_COLOUR, linestyle="--")
    # labelled outside the axes, at its height, so it never sits on a bar's own label
    axis.annotate(f"target\n{target_pct:g}%", xy=(1, target_pct), xycoords=("axes fraction", "data"),
                  xytext=(4, 0), textcoords="offset points", ha="left", va="center", fontsize=9, color=TARGET_COLOUR)
    axis.set(xlim=(-0.5, len(bars) - 0.5), ylim=(0, 110), xticks=list(positions),
             ylabel="Percent of students at or above the cut", title="Proficient now vs the target")
    axis.set_xticklabels(list(bars["label"]), fontsize=8, rotation=20 if len(bars) > 2 else 0)


def baseline_figure(scores: pd.Series | None, cut_pct: float, bars: pd.DataFrame, target_pct: float) -> Figure:
    """Left: the baseline distribution split at the cut (``scores=None`` leaves it out, as
    beyond the team).  Right: percent proficient now, per standard and pooled (``bars``, with
    :data:`BAR_COLUMNS`), against the target."""
    panels = 2 if scores is not None else 1
    right = 1.2 + 0.6 * len(bars)
    figure = Figure(figsize=(6.5 + right, 3.8) if panels == 2 else (right + 1.2, 3.8))
    axes = figure.subplots(1, panels, squeeze=False,
                           gridspec_kw={"width_ratios": [6.5, right] if panels == 2 else [1]})
    if scores is not None:
        _distribution(axes[0][0], scores, cut_pct)
    _proficient(axes[0][-1], bars, target_pct)
    figure.tight_layout()
    return figure
