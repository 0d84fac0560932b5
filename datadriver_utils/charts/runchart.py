"""Draw a run chart with its median(s), the points behind each signal, and the team's notes.

The picture follows what the rules in :mod:`datadriver_utils.stats.runchart` read: one dashed median
per phase (a change date gives the post-change phase its own centre, as qicharts2's ``part``),
and the points that triggered a rule marked by shape as well as colour, so the chart still
reads in grayscale.  Annotations (``"Started exit tickets"``) sit on the date they were made,
because a run chart is read against the changes a team tried.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from datadriver_utils.stats.runchart import RunChartResult, run_chart_points

# Okabe-Ito colours (colour-blind safe) paired with distinct marker shapes.
SIGNAL_STYLE: dict[str, tuple[str, str, str]] = {
    "anhoej_long_run": ("Long run (Anhøj)", "#E69F00", "s"),
    "ihi_shift": ("Shift (IHI)", "#56B4E9", "D"),
    "ihi_trend": ("Trend (IHI; weak alone)", "#009E73", "^"),
    "ihi_astronomical": ("Far-out point (heuristic)", "#D55E00", "*"),
}
LINE_COLOUR = "#333333"
MEDIAN_COLOUR = "#0072B2"
NOTE_COLOUR = "#777777"


def _draw_medians(ax: Axes, points: pd.DataFrame, result: RunChartResult) -> None:
    """A dashed median across each phase's dates, labelled with its value."""
    for p in result.phases:
        dates = points.loc[points["phase"] == p.phase, "date"]
        if p.median is None or dates.empty:
            continue
        label = f"Median, {p.phase}: {p.median:g}"
        ax.hlines(p.median, dates.min(), dates.max(), colors=MEDIAN_COLOUR,
                  linestyles="--", linewidth=1.5, label=label)


def _draw_signals(ax: Axes, points: pd.DataFrame) -> None:
    """Overlay each rule's triggering points; larger markers first so small ones stay seen."""
    for size, (key, (label, colour, marker)) in zip(
        (150, 110, 80, 200), SIGNAL_STYLE.items(), strict=True
    ):
        hit = points[points[key]]
        if not hit.empty:
            ax.scatter(hit["date"], hit["value"], s=size, marker=marker, color=colour,
                       edgecolors="black", linewidths=0.6, zorder=3, label=label)


def _draw_notes(ax: Axes, data: pd.DataFrame, result: RunChartResult) -> None:
    """Vertical dotted markers with text for annotations, and a solid one for the split."""
    if "annotation" in data.columns:
        notes = data.loc[data["annotation"].notna() & data["annotation"].astype(str).str.strip()
                         .ne(""), ["date", "annotation"]]
        for when, text in notes.itertuples(index=False):
            ax.axvline(when, color=NOTE_COLOUR, linestyle=":", linewidth=1.2, zorder=1)
            ax.annotate(str(text), xy=(when, 1.0), xycoords=("data", "axes fraction"),
                        xytext=(3, -4), textcoords="offset points", rotation=90,
                        va="top", ha="left", fontsize=8, color="#444444")
    if result.split_at is not None:
        ax.axvline(pd.Timestamp(result.split_at), color="black", linewidth=1.2, zorder=1,
                   label=f"Change date: {result.split_at}")


def run_chart_figure(
    data: pd.DataFrame, analysis: RunChartResult, measure: str = "Value", title: str | None = None
) -> Figure:
    """Run chart: the measure over time, median per phase, signal points and annotations.

    Parameters
    ----------
    data : the rows given to :func:`~datadriver_utils.stats.runchart.analyse_run_chart`
        (``date``, ``value``, optional ``annotation``).
    analysis : the result of ``analyse_run_chart(data, ...)``.
    measure : words for the y axis, e.g. ``"Exit tickets correct (%)"``.
    title : what the chart says, decided by the caller (for a team's chart the verdict of
        :func:`~datadriver_utils.stats.runchart_reading.run_chart_verdict`, so the title, the
        notes and the snapshot agree); none by default.  A chart never judges for itself.

    Returns
    -------
    matplotlib.figure.Figure
        Built without pyplot, so nothing is shown or kept in global state.
    """
    points = run_chart_points(data, analysis)
    fig = Figure(figsize=(10, 5), layout="constrained")
    ax = fig.add_subplot()
    present = points.dropna(subset=["value"])
    ax.plot(present["date"], present["value"], color=LINE_COLOUR, linewidth=1.2,
            marker="o", markersize=5, zorder=2, label="Measured value")
    _draw_medians(ax, points, analysis)
    _draw_signals(ax, points)
    _draw_notes(ax, data, analysis)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel("Date")
    ax.set_ylabel(measure)
    if title:
        ax.set_title(title)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return fig
