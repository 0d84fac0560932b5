"""How far students are from the cut: one panel per band, one bar per grade.

Drawn from :func:`datadriver_utils.stats.proficiency.band_distribution` as the audience may see
it.  Bands run left to right from *well below* to *advanced*, with a heavy rule and the word
"cut" between the last band below the cut and the first at or above it.

Why panels and not one stacked bar per grade: a cell hidden for privacy has to be drawn *where it
belongs* -- in its own band, so a reader does not take "proficient" for a band it is not -- and
still without its size.  In a stacked bar every segment's position depends on the widths before
it, so a hidden cell either gives its width away or shifts the visible ones (the old chart put
all hidden cells together to the right of "advanced", which read as a fifth band).  In a panel
per band, each cell has its own place: a visible cell is a bar of its percent with the number
printed, a hidden one a hatched box across the whole panel with the word "hidden", the same
whatever its value.  Colours run light to dark with the bands (:mod:`.palette`), so the order
reads in greyscale; every value is printed, so nothing depends on colour.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from datadriver_utils.charts import palette
from datadriver_utils.stats.proficiency import BANDS

__all__ = ["BAND_COLOURS", "HIDDEN_LABEL", "band_chart_alt", "band_chart_figure", "band_colours"]

BAND_COLOURS = (palette.SEQUENTIAL[0], palette.SEQUENTIAL[2], palette.SEQUENTIAL[4], palette.SEQUENTIAL[6])
"""One colour per band of :data:`~datadriver_utils.stats.proficiency.BANDS`, light to dark."""

HIDDEN_LABEL = "hidden"
"""The word printed in a hidden cell (and the alt text's word for it)."""


def band_colours(n: int) -> list[str]:
    """``n`` colours light to dark: the four of :data:`BAND_COLOURS`, or two of them for two bands."""
    return list(BAND_COLOURS if n == len(BAND_COLOURS) else BAND_COLOURS[1::2][:n])


def _cells(distribution: pd.DataFrame, hidden: Sequence[bool] | None) -> pd.DataFrame:
    frame = distribution.assign(hidden=list(hidden) if hidden is not None else False)
    frame["hidden"] = frame["hidden"].astype(bool)
    return frame


def _draw_band(axis: Axes, cells: pd.DataFrame, rows: dict[object, int], colour: str) -> None:
    """One band's panel: a bar per grade with its percent, or a hatched "hidden" box."""
    for cell in cells.itertuples(index=False):
        y = rows[cell.grade]
        if cell.hidden:
            axis.barh(y, 100, height=0.6, color=palette.HIDDEN, hatch="//", edgecolor=palette.SUBTLE, linewidth=0.6)
            axis.text(50, y, HIDDEN_LABEL, ha="center", va="center", fontsize=8, color=palette.INK,
                      bbox={"facecolor": palette.WHITE, "edgecolor": "none", "pad": 1})
            continue
        pct = float(cell.pct)
        axis.barh(y, pct, height=0.6, color=colour, edgecolor=palette.INK, linewidth=0.6)
        axis.text(pct + 3, y, f"{pct:.1f}%", ha="left", va="center", fontsize=8, color=palette.INK)


def band_chart_figure(distribution: pd.DataFrame, hidden: Sequence[bool] | None = None,
                      bands: Sequence[str] | None = None) -> Figure:
    """Percent of each grade in each band: one panel per band, hidden cells in their own place.

    Parameters
    ----------
    distribution:
        Rows of ``grade``, ``band``, ``n``, ``pct`` (percent of the grade).
    hidden:
        One flag per row: the cells the audience may not see.  Their ``pct`` is never drawn or
        printed: a hidden cell looks the same whatever its value.
    bands:
        The band names in order, lowest first (default :data:`BANDS`; scale scores use two:
        below and at or above the benchmark).  The cut lies after the first half.

    An empty distribution draws empty axes that say there are no scores (the views show a
    notice instead).
    """
    names = list(bands or BANDS)
    frame = _cells(distribution, hidden)
    grades = list(dict.fromkeys(frame["grade"])) if "grade" in frame else []
    if not grades:
        figure = Figure(figsize=(9, 2.0))
        axis = figure.subplots()
        axis.text(0.5, 0.5, "No scores in this window", ha="center", va="center")
        axis.set_axis_off()
        return figure
    rows = {grade: i for i, grade in enumerate(grades)}
    figure = Figure(figsize=(1.6 + 2.3 * len(names), 1.7 + 0.5 * len(grades)), layout="constrained")
    axes = figure.subplots(1, len(names), sharey=True, squeeze=False)[0]
    below = len(names) // 2
    for k, (axis, band, colour) in enumerate(zip(axes, names, band_colours(len(names)), strict=True)):
        _draw_band(axis, frame[frame["band"] == band], rows, colour)
        side = "below the cut" if k < below else "at or above the cut"
        axis.set_title(f"{band.capitalize()}\n({side})", fontsize=9)
        axis.set_xlim(0, 125)
        axis.set_xticks([0, 50, 100], ["0", "50", "100%"], fontsize=8)
        axis.grid(axis="x", color=palette.GRID, linewidth=0.8)
        axis.set_axisbelow(True)
        if k == below:
            axis.spines["left"].set(linewidth=2.5, color=palette.INK)
            axis.annotate("cut", xy=(0, 1.0), xycoords="axes fraction", xytext=(-3, 24), textcoords="offset points",
                          ha="center", fontsize=8, fontweight="bold", color=palette.INK)
    axes[0].set_yticks(range(len(grades)), [f"Grade {g}" for g in grades])
    axes[0].set_ylim(len(grades) - 0.5, -0.5)
    figure.supxlabel("Percent of students in the grade", fontsize=9)
    figure.suptitle("How far students are from the cut, by grade", fontsize=11)
    return figure


def band_chart_alt(distribution: pd.DataFrame, hidden: Sequence[bool] | None = None,
                   bands: Sequence[str] | None = None) -> str:
    """The chart in words, every shown cell with its percent and every hidden one as "hidden"."""
    names = list(bands or BANDS)
    frame = _cells(distribution, hidden)
    grades = list(dict.fromkeys(frame["grade"])) if "grade" in frame else []
    if not grades:
        return "Band chart with no scores in this window."
    cut_between = f"; the cut lies between {names[len(names) // 2 - 1]} and {names[len(names) // 2]}" if len(names) > 2 else ""
    lines = []
    for grade in grades:
        cells = frame[frame["grade"] == grade].set_index("band")
        words = [f"{band} {HIDDEN_LABEL if bool(cells.at[band, 'hidden']) else format(float(cells.at[band, 'pct']), '.1f') + '%'}"
                 for band in names if band in cells.index]
        lines.append(f"grade {grade}: " + ", ".join(words))
    text = (f"Bar chart, one panel per band ({', '.join(names)}{cut_between}), one bar per "
            "grade, percent of the grade's students: " + "; ".join(lines) + ".")
    if frame["hidden"].any():
        text += f" Cells marked {HIDDEN_LABEL} are groups too small to share; their size is not drawn."
    return text
