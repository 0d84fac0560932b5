"""The release-calendar chart (notebook 04): when each data element goes to each audience.

:func:`release_calendar_figure` shows :func:`datadriver_utils.stats.dissemination.release_calendar`:
school-year months across, elements down, one marker per release, shape and colour by audience
(shape too, so the chart still reads in greyscale).
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from datadriver_utils.charts import palette
from datadriver_utils.charts.placeholder import message_figure

__all__ = ["AUDIENCE_PALETTE", "MARKERS", "release_calendar_figure"]

AUDIENCE_PALETTE = palette.CATEGORICAL
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "p", "h", "<")


def _school_months(placed: pd.DataFrame) -> list[str]:
    """Labels for all 12 months of the school year, recovered from any placed release."""
    first = placed.iloc[0]
    start = first["month"] - pd.DateOffset(months=int(first["school_month"]) - 1)
    return [(start + pd.DateOffset(months=k)).strftime("%b\n%Y") for k in range(12)]


def release_calendar_figure(calendar: pd.DataFrame) -> Figure:
    """Releases by school-year month (x) and element (y), one marker per release, by audience.

    Releases that could not be placed (no month) or fall outside the year are left out and
    counted in a note under the chart. Releases sharing an element and month sit side by side.
    """
    title = "Data release calendar for the school year"
    placed = calendar[calendar["school_month"].notna()].copy()
    if placed.empty:
        return message_figure("No releases could be placed on the calendar", title)
    audiences = list(dict.fromkeys(placed["audience"].astype(str)))
    elements = list(dict.fromkeys(placed.sort_values("school_month", kind="stable")["element"].astype(str)))
    cell = placed.groupby(["element", "school_month"])
    rank, size = cell.cumcount(), cell["audience"].transform("size")
    placed["x"] = placed["school_month"].astype(float) + (rank - (size - 1) / 2) * 0.7 / size
    placed["y"] = placed["element"].astype(str).map({e: i for i, e in enumerate(elements)})
    figure = Figure(figsize=(11, 1.5 + 0.45 * len(elements)))
    axis = figure.subplots()
    sns.scatterplot(data=placed, x="x", y="y", hue="audience", style="audience", hue_order=audiences,
                    style_order=audiences, markers=[MARKERS[i % len(MARKERS)] for i in range(len(audiences))],
                    palette=[AUDIENCE_PALETTE[i % len(AUDIENCE_PALETTE)] for i in range(len(audiences))], s=90, ax=axis)
    axis.set_xticks(np.arange(1, 13), _school_months(placed))
    axis.set_xlim(0.5, 12.5)
    axis.set_yticks(range(len(elements)), [textwrap.shorten(e, 45, placeholder="…") for e in elements])
    axis.set_ylim(len(elements) - 0.5, -0.5)
    axis.grid(axis="x", color=palette.GRID)
    axis.set_xlabel("Month of the school year")
    axis.set_ylabel("Data element")
    axis.set_title(title)
    axis.legend(title="Audience", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    left_out = len(calendar) - len(placed)
    if left_out:
        figure.text(0.01, 0.01, f"{left_out} release(s) not shown: no readable month, or outside the year",
                    fontsize=8, color=palette.MUTED)
    figure.tight_layout(rect=(0, 0.04 if left_out else 0, 1, 1))
    return figure
