"""Charts for the Toolkit's Module 1 activities: inventory coverage, release calendar, profiles.

* :func:`coverage_heatmap_figure` shows :func:`datadriver_utils.stats.inventory.coverage_by_school`:
  schools down, Bernhardt's domains across, a count in each cell and an empty hatched cell where
  a school has nothing in a domain, so gaps stand out rather than blend in as pale colour.
* :func:`release_calendar_figure` shows :func:`datadriver_utils.stats.dissemination.release_calendar`:
  school-year months across, elements down, one marker per release, shape and colour by audience
  (shape too, so the chart still reads in greyscale).
* :func:`profile_bar_figure` draws any self-assessment profile (a rating per function or
  barrier) as sorted horizontal bars on the rating scale.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

__all__ = ["coverage_heatmap_figure", "release_calendar_figure", "profile_bar_figure"]

HEATMAP_CMAP = "Blues"
"""Single-hue sequential palette: ordered light to dark in greyscale and for colour-blind readers."""
AUDIENCE_PALETTE = "colorblind"
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "p", "h", "<")
BAR_COLOUR = "#2b6a99"


def _empty_figure(message: str, title: str) -> Figure:
    figure, axis = plt.subplots(figsize=(6, 2))
    axis.text(0.5, 0.5, message, ha="center", va="center")
    axis.set_axis_off()
    axis.set_title(title)
    plt.close(figure)
    return figure


def coverage_heatmap_figure(coverage_by_school: pd.DataFrame) -> Figure:
    """Heatmap of elements per school and Bernhardt domain; zero cells left as hatched gaps."""
    title = "Data elements each school can draw on, by domain"
    if coverage_by_school.empty:
        return _empty_figure("The inventory lists no data elements yet", title)
    counts = coverage_by_school.astype(float)
    height = max(3.2, 1.6 + 0.5 * len(counts))
    figure, axis = plt.subplots(figsize=(2.0 + 1.6 * counts.shape[1], height))
    axis.set_facecolor("white")
    axis.patch.set_hatch("//")
    axis.patch.set_edgecolor("0.75")
    sns.heatmap(counts, mask=counts.eq(0), annot=True, fmt=".0f", cmap=HEATMAP_CMAP, vmin=0,
                vmax=max(float(counts.to_numpy().max()), 1.0), linewidths=1, linecolor="white",
                cbar_kws={"label": "Number of data elements"}, ax=axis)
    axis.set_xlabel("Data domain (Bernhardt)")
    axis.set_ylabel("School")
    axis.set_xticklabels([textwrap.fill(t.get_text(), 12) for t in axis.get_xticklabels()], rotation=0)
    axis.set_title(title)
    figure.text(0.01, 0.01, "Hatched cells: no data in that domain", fontsize=8, color="0.3")
    figure.tight_layout(rect=(0, 0.04, 1, 1))
    plt.close(figure)
    return figure


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
        return _empty_figure("No releases could be placed on the calendar", title)
    audiences = list(dict.fromkeys(placed["audience"].astype(str)))
    elements = list(dict.fromkeys(placed.sort_values("school_month", kind="stable")["element"].astype(str)))
    cell = placed.groupby(["element", "school_month"])
    rank, size = cell.cumcount(), cell["audience"].transform("size")
    placed["x"] = placed["school_month"].astype(float) + (rank - (size - 1) / 2) * 0.7 / size
    placed["y"] = placed["element"].astype(str).map({e: i for i, e in enumerate(elements)})
    figure, axis = plt.subplots(figsize=(11, 1.5 + 0.45 * len(elements)))
    sns.scatterplot(data=placed, x="x", y="y", hue="audience", style="audience", hue_order=audiences,
                    style_order=audiences, markers=[MARKERS[i % len(MARKERS)] for i in range(len(audiences))],
                    palette=sns.color_palette(AUDIENCE_PALETTE, len(audiences)), s=90, ax=axis)
    axis.set_xticks(np.arange(1, 13), _school_months(placed))
    axis.set_xlim(0.5, 12.5)
    axis.set_yticks(range(len(elements)), [textwrap.shorten(e, 45, placeholder="…") for e in elements])
    axis.set_ylim(len(elements) - 0.5, -0.5)
    axis.grid(axis="x", color="0.9")
    axis.set_xlabel("Month of the school year")
    axis.set_ylabel("Data element")
    axis.set_title(title)
    axis.legend(title="Audience", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    left_out = len(calendar) - len(placed)
    if left_out:
        figure.text(0.01, 0.01, f"{left_out} release(s) not shown: no readable month, or outside the year",
                    fontsize=8, color="0.3")
    figure.tight_layout(rect=(0, 0.04 if left_out else 0, 1, 1))
    plt.close(figure)
    return figure


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
        return _empty_figure("No ratings to show yet", title)
    data = data.sort_values(value_col, ascending=False, kind="stable")
    labels = [textwrap.fill(str(v), 40) for v in data[label_col]]
    figure, axis = plt.subplots(figsize=(8, 1.2 + 0.45 * len(data)))
    positions = np.arange(len(data))
    axis.barh(positions, data[value_col] - low, left=low, color=BAR_COLOUR, height=0.6)
    for y, value in zip(positions, data[value_col], strict=True):
        axis.text(value, float(y), f" {value:.1f}", va="center", ha="left", fontsize=9)
    axis.set_yticks(positions, labels)
    axis.invert_yaxis()
    axis.set_xlim(low, high + (high - low) * 0.08)
    axis.set_xticks(np.arange(low, high + 1e-9, 1.0 if high - low <= 10 else (high - low) / 5))
    axis.axvline(high, color="0.5", linestyle="--", linewidth=1)
    axis.set_xlabel(f"Rating (scale {low:g} to {high:g})")
    axis.set_ylabel("")
    axis.set_title(title)
    missing = len(profile) - len(data)
    if missing:
        figure.text(0.01, 0.01, f"{missing} item(s) without a rating not shown", fontsize=8, color="0.3")
    figure.tight_layout(rect=(0, 0.04 if missing else 0, 1, 1))
    plt.close(figure)
    return figure
