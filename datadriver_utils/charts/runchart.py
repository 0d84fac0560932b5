"""Draw a run chart a coach can read without being misled.

The picture follows what the rules in :mod:`datadriver_utils.stats.runchart` read: one median
per phase (a change date gives the post-change phase its own centre, as qicharts2's ``part``),
and the points that triggered a rule marked by shape as well as colour, so the chart still
reads in grayscale.  Choices that keep it honest:

* **The axis does not magnify noise.**  The values (and the team's target, when it gave one)
  fill at most the middle half of the height (:func:`value_axis_limits`); a percentage never
  runs past 0 or 100.  Matplotlib's default fills the whole height, so week-to-week noise of a
  few points looks like a swing.
* **Changes come from the PDSA cycles.**  Each cycle's start is a dotted line labelled in the
  free band at the top of the chart, clear of the points; the full text is in the legend.
* **Gaps in time stay visible.**  Where nothing was measured for more than twice the usual
  interval (a school break), the line breaks, a faint dotted link crosses the gap and the
  stretch is shaded and marked "no data".
* **Colours** are Okabe & Ito's colour-blind-safe set; the two phase medians differ in colour
  *and* line style.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.dates import ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.typing import LineStyleType as LineStyle

from datadriver_utils.charts import palette
from datadriver_utils.stats.pdsa import ChangeMark
from datadriver_utils.stats.runchart import RunChartResult, run_chart_points

__all__ = ["MEDIAN_STYLE", "SIGNAL_STYLE", "is_percent_measure", "run_chart_figure", "value_axis_limits"]

# Okabe & Ito (2008) colours, paired with distinct marker shapes.
SIGNAL_STYLE: dict[str, tuple[str, str, str]] = {
    "anhoej_long_run": ("Long run (Anhøj)", palette.ORANGE, "s"),
    "ihi_shift": ("Shift (IHI)", palette.SKY_BLUE, "D"),
    "ihi_trend": ("Trend (IHI; weak alone)", palette.TEAL, "^"),
    "ihi_astronomical": ("Far-out point (heuristic)", palette.VERMILLION, "*"),
}
MEDIAN_STYLE: dict[str, tuple[str, LineStyle]] = {
    "all points": (palette.BLUE, "--"),
    "baseline": (palette.BLUE, "--"),
    "after change": (palette.PURPLE, "-."),
}
"""Phase -> (colour, line style): the baseline and the post-change median never look alike."""
LINE_COLOUR = palette.INK
GAP_COLOUR = palette.NEUTRAL
MARK_COLOUR = palette.MUTED
TARGET_COLOUR = palette.TARGET
TARGET_STYLE: LineStyle = (0, (6, 2, 1, 2, 1, 2))
"""Dash-dot-dot: apart from the medians (dashed, dash-dot) and the change marks (dotted) in greyscale too."""


def is_percent_measure(measure: str) -> bool:
    """True when the measure's words say it is a percentage ("% of students ...")."""
    return "%" in measure or "percent" in measure.lower()


def value_axis_limits(values: Sequence[float], target: float | None = None,
                      percent: bool = False) -> tuple[float, float]:
    """Y limits in which the values (and the target) fill at most the middle half of the height.

    The span of the values is padded by half of itself above and below (at least 1 unit, or 5
    points for a percentage, so a flat series is not drawn as a line across the middle with a
    scale of hundredths).  The window slides, never squeezes: a percentage stays within 0-100, and
    a measure with no negative value never shows negative numbers.
    """
    shown = [float(v) for v in values if pd.notna(v)] + ([float(target)] if target is not None else [])
    if not shown:
        return (0.0, 100.0) if percent else (0.0, 1.0)
    low, high = min(shown), max(shown)
    pad = max((high - low) / 2, 5.0 if percent else 1.0)
    bottom, top = low - pad, high + pad
    if bottom < 0 <= low:
        bottom, top = 0.0, top - bottom
    if percent and top > 100:
        bottom, top = max(0.0, bottom - (top - 100)), 100.0
    return bottom, top


def _segments(points: pd.DataFrame, gaps: Sequence[tuple[pd.Timestamp, pd.Timestamp]]) -> list[pd.DataFrame]:
    """The measured points cut where a gap starts, so the line is not drawn across it."""
    present = points.dropna(subset=["value"])
    starts = {after for _, after in gaps}
    block = present["date"].isin(starts).cumsum()
    return [part for _, part in present.groupby(block)]


def _draw_series(ax: Axes, points: pd.DataFrame, gaps: Sequence[tuple[pd.Timestamp, pd.Timestamp]]) -> None:
    for i, part in enumerate(_segments(points, gaps)):
        ax.plot(part["date"], part["value"], color=LINE_COLOUR, linewidth=1.2, marker="o", markersize=5,
                zorder=2, label="Measured value" if i == 0 else None)
    values = points.dropna(subset=["value"]).set_index("date")["value"]
    for i, (before, after) in enumerate(gaps):
        ax.axvspan(before, after, color=palette.NEUTRAL_LIGHT, alpha=0.45, linewidth=0, zorder=0,
                   label="No measurement (a gap in time)" if i == 0 else None)
        ax.plot([before, after], [values[before], values[after]], color=GAP_COLOUR, linestyle=(0, (1, 4)), linewidth=1.5,
                zorder=1)
        ax.annotate("no data", xy=(before + (after - before) / 2, 0.0), xycoords=("data", "axes fraction"),
                    xytext=(0, 4), textcoords="offset points", ha="center", va="bottom", fontsize=7, color=palette.MUTED)


def _draw_medians(ax: Axes, points: pd.DataFrame, result: RunChartResult) -> None:
    """A median line across each phase's dates, in the phase's colour and style, labelled with its value."""
    for p in result.phases:
        dates = points.loc[points["phase"] == p.phase, "date"]
        if p.median is None or dates.empty:
            continue
        colour, style = MEDIAN_STYLE.get(p.phase, MEDIAN_STYLE["all points"])
        ax.hlines(p.median, dates.min(), dates.max(), colors=colour, linestyles=style, linewidth=1.8,
                  label=f"Median, {p.phase}: {p.median:.1f}", zorder=1.5)


def _draw_signals(ax: Axes, points: pd.DataFrame) -> None:
    """Overlay each rule's triggering points; larger markers first so small ones stay seen."""
    for size, (key, (label, colour, marker)) in zip(
        (150, 110, 80, 200), SIGNAL_STYLE.items(), strict=True
    ):
        hit = points[points[key]]
        if not hit.empty:
            ax.scatter(hit["date"], hit["value"], s=size, marker=marker, color=colour,
                       edgecolors=palette.BLACK, linewidths=0.6, zorder=3, label=label)


def _draw_marks(ax: Axes, marks: Sequence[ChangeMark], split_at: str | None) -> list[tuple[Line2D, str]]:
    """A dotted line per change (solid at the split), labelled in the free band at the top;
    returns legend entries with each mark's full text."""
    split = None if split_at is None else pd.Timestamp(split_at)
    span = ax.get_xlim()[1] - ax.get_xlim()[0]
    entries, last_x, row = [], None, 0
    for mark in marks:
        at_split = split is not None and mark.date == split
        ax.axvline(mark.date, color=palette.BLACK if at_split else MARK_COLOUR, linestyle="-" if at_split else ":",
                   linewidth=1.2, zorder=1)
        x = mdates.date2num(mark.date)
        row = 1 - row if last_x is not None and (x - last_x) < 0.08 * span else 0
        last_x = x
        near_end = x > ax.get_xlim()[1] - 0.1 * span  # label to the left of a mark near the right edge
        ax.annotate(mark.label, xy=(mark.date, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(-2 if near_end else 2, -4 - 11 * row), textcoords="offset points", va="top",
                    ha="right" if near_end else "left", fontsize=8, color=palette.MUTED,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": palette.WHITE, "edgecolor": "none", "alpha": 0.85})
        handle = Line2D([], [], color=palette.BLACK if at_split else MARK_COLOUR, linestyle="-" if at_split else ":")
        entries.append((handle, textwrap.fill(mark.text + (" (the chart is split here)" if at_split else ""), 44)))
    if split is not None and not any(m.date == split for m in marks):
        ax.axvline(split, color=palette.BLACK, linewidth=1.2, zorder=1)
        entries.append((Line2D([], [], color=palette.BLACK), f"Change date: {split_at}"))
    return entries


def run_chart_figure(
    data: pd.DataFrame, analysis: RunChartResult, measure: str = "Value", title: str | None = None, *,
    marks: Sequence[ChangeMark] = (), gaps: Sequence[tuple[pd.Timestamp, pd.Timestamp]] = (),
    target: float | None = None,
) -> Figure:
    """Run chart: the measure over time, median per phase, signal points, changes and target.

    Parameters
    ----------
    data : the rows given to :func:`~datadriver_utils.stats.runchart.analyse_run_chart`
        (``date``, ``value``).
    analysis : the result of ``analyse_run_chart(data, ...)``.
    measure : words for the y axis, e.g. ``"Exit tickets correct (%)"``; a "%" keeps the axis
        within 0-100.
    title : what the chart says, decided by the caller (for a team's chart the verdict of
        :func:`~datadriver_utils.stats.runchart_reading.run_chart_verdict`, so the title, the
        notes and the snapshot agree); none by default.  A chart never judges for itself.
    marks : the changes to draw (:func:`~datadriver_utils.stats.pdsa.change_marks`).
    gaps : stretches with no measurement (:func:`~datadriver_utils.stats.runchart.measurement_gaps`).
    target : the value the team aims for, drawn as a labelled line.

    Returns
    -------
    matplotlib.figure.Figure
        Built without pyplot, so nothing is shown or kept in global state.
    """
    points = run_chart_points(data, analysis)
    fig = Figure(figsize=(10.5, 5.2), layout="constrained")
    ax = fig.add_subplot()
    _draw_series(ax, points, gaps)
    _draw_medians(ax, points, analysis)
    _draw_signals(ax, points)
    if target is not None:
        ax.axhline(target, color=TARGET_COLOUR, linestyle=TARGET_STYLE, linewidth=1.4, zorder=1,
                   label=f"Target: {target:g}")
    ax.set_ylim(*value_axis_limits(points["value"].tolist(), target, is_percent_measure(measure)))
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    dates = ConciseDateFormatter(locator, offset_formats=[""] * 6)  # the years go in the axis label
    ax.xaxis.set_major_formatter(dates)
    extra = _draw_marks(ax, marks, analysis.split_at)
    years = sorted({d.year for d in pd.to_datetime(points["date"]).dropna()})
    ax.set_xlabel("Date" + (f" ({years[0]}–{years[-1]})" if len(years) > 1 else f" ({years[0]})" if years else ""))
    ax.set_ylabel(textwrap.fill(measure, 40), fontsize=9)
    if title:
        ax.set_title(textwrap.fill(title, 90), fontsize=11)
    ax.grid(axis="y", color=palette.GRID, linewidth=0.8)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles + [h for h, _ in extra], labels + [t for _, t in extra], loc="upper left",
              bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return fig
