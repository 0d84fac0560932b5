"""Where students start on the goal's standards, and the target they are asked to reach.

Drawn from a :class:`~datadriver_utils.stats.goals.Baseline` the view has already released for
its audience: the figure computes nothing.  The left panel (team view only) is each student's
percent correct in the baseline window, split at the cut; the right panel sets percent
proficient now beside the target.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from datadriver_utils.stats.goals import Baseline

__all__ = ["BELOW_COLOUR", "AT_OR_ABOVE_COLOUR", "TARGET_COLOUR", "baseline_figure"]

BELOW_COLOUR = "#c6dbef"
AT_OR_ABOVE_COLOUR = "#2171b5"
TARGET_COLOUR = "#b35900"


def _distribution(axis: Axes, scores: pd.Series, cut_pct: float) -> None:
    valid = scores.dropna()
    axis.hist([valid[valid < cut_pct], valid[valid >= cut_pct]], bins=list(range(0, 110, 10)),
              stacked=True, color=[BELOW_COLOUR, AT_OR_ABOVE_COLOUR], edgecolor="#333",
              label=["below the cut", "at or above the cut"])
    axis.axvline(cut_pct, color="#222", linestyle="--")
    axis.text(cut_pct, axis.get_ylim()[1] * 0.97, f"cut {cut_pct:g}%", va="top", ha="right",
              fontsize=9, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    axis.set(xlim=(0, 100), xlabel="Percent correct on the goal's standards (pre)", ylabel="Students",
             title="Where students start")
    axis.legend(fontsize=8, loc="upper left")


def baseline_figure(scores: pd.Series | None, base: Baseline, target_pct: float,
                    now_label: str | None = None) -> Figure:
    """Left: the baseline distribution, below and at/above the cut (``scores=None`` leaves it
    out, as beyond the team).  Right: percent proficient now against the target (``now_label``
    overrides the bar's label, e.g. with a top-coded "≥95%")."""
    panels = 2 if scores is not None else 1
    figure = Figure(figsize=(9.5, 3.8) if panels == 2 else (3.6, 3.8))
    axes = figure.subplots(1, panels, squeeze=False,
                           gridspec_kw={"width_ratios": [3, 1.2] if panels == 2 else [1]})
    if scores is not None:
        _distribution(axes[0][0], scores, base.cut_pct)
    axis = axes[0][-1]
    now = base.pct_proficient or 0.0
    axis.bar([0], [now], width=0.5, color="#08519c")
    axis.text(0, now + 1.5, now_label or f"{now:.0f}%", ha="center", va="bottom", fontsize=9)
    axis.axhline(target_pct, color=TARGET_COLOUR, linestyle="--")
    axis.text(0.45, target_pct + 1.5, f"target {target_pct:g}%", ha="right", va="bottom", fontsize=9,
              color="#7a3d00")
    axis.set(xlim=(-0.5, 0.5), ylim=(0, 105), xticks=[0], xticklabels=["Now (pre)"],
             ylabel="Percent at or above the cut", title="Proficient now vs target")
    figure.tight_layout()
    return figure
