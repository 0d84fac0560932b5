"""Charts of what a Student Learning Reflection Cycle collected, and of what changed.

* :func:`tally_figure` -- a tally sheet as stacked bars: each interval of the lesson, split by
  category, so a coach sees *when* the learning showed up, not only how often;
* :func:`seating_figure` -- a seating-chart map as a heat map with the front of the room at
  the top: the seats never seen are the finding;
* :func:`script_figure` -- scripting notes by who spoke (teacher, student, group);
* :func:`cycle_change_figure` -- first and latest result per teacher on the same question;
* :func:`voice_timeline_figure` -- a student-voice action plan against its two administrations.

Each takes the tables :mod:`datadriver_utils.stats.slrc` and
:mod:`datadriver_utils.stats.improvement` return and draws several cycles as panels of one
figure.  Colours come from charts/palette.py (Okabe & Ito); every panel also prints its numbers.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from datadriver_utils.charts import palette
from datadriver_utils.charts.placeholder import message_figure

__all__ = ["cycle_change_figure", "script_figure", "seating_figure", "tally_figure", "voice_timeline_figure"]

_PALETTE = palette.CATEGORICAL
_EMPTY = palette.NEUTRAL_LIGHT


def _panels(n: int, width: float, height: float, columns: int = 2) -> tuple[Figure, list]:  # type: ignore[type-arg]
    cols = min(columns, max(n, 1))
    rows = int(np.ceil(n / cols))
    figure = Figure(figsize=(width * cols, height * rows), layout="constrained")
    axes = np.atleast_1d(figure.subplots(rows, cols, squeeze=False).ravel())
    for extra in axes[n:]:
        extra.set_axis_off()
    return figure, list(axes[:n])


def tally_figure(sheets: Sequence[tuple[str, pd.DataFrame]]) -> Figure:
    """Stacked bars per interval, one panel per ``(title, grid)``; ``grid`` is
    :func:`~datadriver_utils.stats.slrc.tally_table` (minutes × categories)."""
    if not sheets:
        return message_figure("No tally sheet yet", "Tallies")
    figure, axes = _panels(len(sheets), 5.2, 3.2)
    for axis, (title, grid) in zip(axes, sheets):
        bottom = np.zeros(len(grid))
        positions = np.arange(len(grid))
        for k, category in enumerate(grid.columns):
            axis.bar(positions, grid[category], bottom=bottom, color=_PALETTE[k % len(_PALETTE)],
                     label=f"{category} ({int(grid[category].sum())})", width=0.7)
            bottom += grid[category].to_numpy()
        axis.set_xticks(positions, [f"{int(m)}′" for m in grid.index])
        axis.set_xlabel("Minutes into the lesson (start of each interval)")
        axis.set_ylabel("Times seen")
        axis.set_title(textwrap.shorten(title, 60, placeholder="…"), fontsize=10)
        axis.set_ylim(0, max(float(bottom.max()), 1.0) * 1.4)
        axis.legend(fontsize=8, frameon=False, loc="upper right")
    return figure


def seating_figure(maps: Sequence[tuple[str, pd.DataFrame, float]]) -> Figure:
    """Heat maps of seats, one panel per ``(title, grid, pct_seen)``; ``grid`` is
    :func:`~datadriver_utils.stats.slrc.seat_grid` (rows × columns, NaN where nobody sits)."""
    if not maps:
        return message_figure("No seating-chart map yet", "Seating maps")
    figure, axes = _panels(len(maps), 4.2, 3.6)
    top = max(float(np.nanmax(g.to_numpy())) if g.notna().any().any() else 1.0 for _, g, _ in maps)
    for axis, (title, grid, pct_seen) in zip(axes, maps):
        values = grid.to_numpy(dtype=float)
        axis.set_facecolor(_EMPTY)
        axis.imshow(np.ma.masked_invalid(values), cmap=palette.SEQUENTIAL_CMAP, vmin=0, vmax=max(top, 1.0))
        for (r, c), value in np.ndenumerate(values):
            if not np.isnan(value):
                colour = palette.LIGHT_TEXT if value > top * 0.6 else palette.INK
                axis.text(c, r, "·" if value == 0 else f"{value:.0f}", ha="center", va="center", color=colour)
        axis.set_xticks(range(values.shape[1]), [str(c) for c in grid.columns])
        axis.set_yticks(range(values.shape[0]), [str(r) for r in grid.index])
        axis.set_xlabel("Seat column")
        axis.set_ylabel("Seat row (1 = front)")
        axis.set_title(textwrap.shorten(title, 48, placeholder="…") + f"\n{pct_seen:.0f}% of seats seen "
                       "(number: times seen; · never)", fontsize=10)
    return figure


def script_figure(counts: pd.DataFrame) -> Figure:
    """Horizontal stacked bars of scripted notes by speaker, one bar per scripted cycle
    (:func:`~datadriver_utils.stats.slrc.script_counts`)."""
    if counts.empty:
        return message_figure("No scripting notes yet", "Scripting")
    figure = Figure(figsize=(8, 1.2 + 0.5 * len(counts)), layout="constrained")
    axis = figure.subplots()
    labels = [f"{t}, cycle {c}" for t, c in zip(counts["teacher"], counts["cycle"])]
    left = np.zeros(len(counts))
    for k, speaker in enumerate(("teacher", "student", "group")):
        values = counts[f"notes_{speaker}"].to_numpy(dtype=float)
        axis.barh(labels, values, left=left, color=_PALETTE[k % len(_PALETTE)], label=speaker, height=0.6)
        left += values
    for y, (total, pct) in enumerate(zip(left, counts["pct_student"])):
        axis.text(total, y, f"  {pct:.0f}% from students", va="center", fontsize=9)
    axis.invert_yaxis()
    axis.set_xlabel("Scripted notes")
    axis.set_xlim(0, left.max() * 1.35)
    axis.legend(frameon=False, fontsize=8, loc="lower right")
    axis.set_title("Who spoke in the scripted minutes")
    return figure


def cycle_change_figure(changes: pd.DataFrame, labels: Sequence[str] | None = None) -> Figure:
    """First and latest result on the same question, per teacher (a dumbbell per row).

    ``changes`` is :func:`~datadriver_utils.stats.slrc.cycle_change`; rows without two results
    are left out and counted; ``labels`` replace the teacher names (codes beyond the team).
    """
    shown = changes.assign(label=list(labels) if labels is not None else changes["teacher"])
    shown = shown[shown["change"].notna()]
    if shown.empty:
        return message_figure("No teacher has two results on one question yet", "Change in student learning")
    figure = Figure(figsize=(8, 1.4 + 0.55 * len(shown)), layout="constrained")
    axis = figure.subplots()
    for y, row in enumerate(shown.itertuples()):
        colour = _PALETTE[2] if row.change > 0 else _PALETTE[3]
        axis.plot([row.first_pct, row.latest_pct], [y, y], color=colour, linewidth=2.5)
        axis.scatter([row.first_pct], [y], color=palette.WHITE, edgecolor=colour, zorder=3, s=60)
        axis.scatter([row.latest_pct], [y], color=colour, zorder=3, s=60)
        axis.text(max(row.first_pct, row.latest_pct) + 2, y, f"{row.change:+.0f} points", va="center", fontsize=9)
    axis.set_yticks(range(len(shown)), [str(v) for v in shown["label"]])
    axis.invert_yaxis()
    axis.set_xlim(0, 110)
    axis.set_xlabel("Result (% of students): open circle first cycle, filled circle latest")
    axis.set_title("Change in student learning on the same question")
    missing = len(changes) - len(shown)
    if missing:
        axis.annotate(f"{missing} teacher(s) without two results not shown", (0, 0), (0, -30),
                      xycoords="axes fraction", textcoords="offset points", fontsize=8, color=palette.MUTED)
    return figure


def voice_timeline_figure(timeline: pd.DataFrame, labels: Sequence[str] | None = None) -> Figure:
    """Each action plan as a bar from start to end, between the day the first results
    arrived (◆) and the second administration (■); vermillion when it leaves that window."""
    if timeline.empty:
        return message_figure("No action plan yet", "Action plan timeline")
    names = list(labels) if labels is not None else [f"{t}: {c}" for t, c in zip(timeline["teacher"],
                                                                                 timeline["construct"])]
    figure = Figure(figsize=(9, 1.4 + 0.6 * len(timeline)), layout="constrained")
    axis = figure.subplots()
    for y, row in enumerate(timeline.itertuples()):
        colour = _PALETTE[2] if row.in_window else palette.VERMILLION
        axis.barh(y, (row.end - row.start).days + 1, left=row.start, color=colour, height=0.4)
        axis.scatter([row.results_received], [y], marker="D", color=palette.BLACK, zorder=3)
        axis.scatter([row.second_administration], [y], marker="s", color=palette.BLACK, zorder=3)
    axis.set_yticks(range(len(timeline)), names)
    axis.invert_yaxis()
    axis.set_title("Action timeline between the first results (◆) and the second administration (■)")
    figure.autofmt_xdate()
    return figure
