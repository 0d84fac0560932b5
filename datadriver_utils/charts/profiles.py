"""Charts of the Module 1 self-assessments: a rating per function, barrier, hallmark or stage.

* :func:`profile_bar_figure` draws any rating profile (the team's mean rating per function,
  barrier, hallmark or collection practice) as sorted horizontal bars on the rating scale.
* :func:`concerns_figure` draws the stages-of-concern profile in stage order, because the
  shape of a CBAM profile (where it peaks, early or late) is the finding.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from datadriver_utils.charts import palette
from datadriver_utils.charts.placeholder import message_figure
from datadriver_utils.stats.concerns import ConcernsProfile

__all__ = ["BAR_COLOUR", "concerns_figure", "profile_bar_figure"]

BAR_COLOUR = palette.BLUE


def profile_bar_figure(
    profile: pd.DataFrame, value_col: str, label_col: str, title: str,
    scale: tuple[float, float] = (1, 4),
) -> Figure:
    """Sorted horizontal bars of a rating profile (e.g. mean rating per function or barrier).

    Bars start at the bottom of the scale, so a bar's length is how far above the lowest rating
    the item sits, and the axis spans exactly the scale (``scale = (lowest, highest)``), with the
    highest-rated item on top. Missing values are left out and counted in a note.

    Raises
    ------
    ValueError
        When a value lies outside ``scale`` (the profile and the scale do not belong together).
    """
    low, high = float(scale[0]), float(scale[1])
    data = profile[[label_col, value_col]].dropna(subset=[value_col])
    outside = data[(data[value_col] < low) | (data[value_col] > high)]
    if not outside.empty:
        raise ValueError(f"values of {value_col!r} outside the scale {low:g}-{high:g}: "
                         f"{dict(zip(outside[label_col], outside[value_col], strict=True))}")
    if data.empty:
        return message_figure("No ratings to show yet", title)
    data = data.sort_values(value_col, ascending=False, kind="stable")
    labels = [textwrap.fill(str(v), 40) for v in data[label_col]]
    figure = Figure(figsize=(8, 1.2 + 0.45 * len(data)))
    axis = figure.subplots()
    positions = np.arange(len(data))
    axis.barh(positions, data[value_col] - low, left=low, color=BAR_COLOUR, height=0.6)
    for y, value in zip(positions, data[value_col], strict=True):
        axis.text(value, float(y), f" {value:.1f}", va="center", ha="left", fontsize=9)
    axis.set_yticks(positions, labels)
    axis.invert_yaxis()
    axis.set_xlim(low, high + (high - low) * 0.08)
    axis.set_xticks(np.arange(low, high + 1e-9, 1.0 if high - low <= 10 else (high - low) / 5))
    axis.axvline(high, color=palette.SUBTLE, linestyle="--", linewidth=1)
    axis.set_xlabel(f"Rating (scale {low:g} to {high:g})")
    axis.set_ylabel("")
    axis.set_title(title)
    missing = len(profile) - len(data)
    if missing:
        figure.text(0.01, 0.01, f"{missing} item(s) without a rating not shown", fontsize=8, color=palette.MUTED)
    figure.tight_layout(rect=(0, 0.04 if missing else 0, 1, 1))
    return figure


def concerns_figure(profile: ConcernsProfile) -> Figure:
    """The team's raw score per stage, in stage order (the shape is the finding).

    Bars, not sorted: a CBAM profile is read left to right, early (self) to late (impact)
    concerns. The peak is dark and hatched, the second stage mid-tone, so both survive grey.
    """
    team = profile.team
    figure = Figure(figsize=(8, 3.6))
    axis = figure.subplots()
    colours = [palette.SEQUENTIAL[6] if s == profile.team_peak else palette.SEQUENTIAL[4] if s == profile.team_second
               else palette.SEQUENTIAL[1] for s in team["stage"]]
    bars = axis.bar(team["stage"], team["score"].fillna(0), color=colours, edgecolor=palette.MUTED)
    for bar, stage in zip(bars, team["stage"], strict=True):
        bar.set_hatch("//" if stage == profile.team_peak else "")
    axis.set_xticks(team["stage"], [f"{s}\n{n.split(' (')[0]}" for s, n in
                                    zip(team["stage"], team["stage_name"], strict=True)], fontsize=8)
    axis.set_ylim(0, 7)
    axis.set_ylabel("Mean score (0 = does not apply, 7 = very true)")
    axis.set_xlabel("Stage of concern")
    axis.set_title("Where the team's concerns stand (dark, hatched: peak; mid-tone: second)")
    figure.tight_layout()
    return figure
