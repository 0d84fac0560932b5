"""How far students are from the cut: one stacked bar per grade, one segment per band.

The bars are drawn from :func:`datadriver_utils.stats.proficiency.band_distribution` as the
audience may see it: cells hidden for privacy are drawn together as one grey, hatched "not
shown" segment, so the chart tells no more than the table beside it.  Colours run light to
dark from *well below* to *advanced*, so the order still reads in greyscale.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from datadriver_utils.stats.proficiency import BANDS

__all__ = ["BAND_COLOURS", "HIDDEN_LABEL", "band_chart_figure"]

BAND_COLOURS = ("#deebf7", "#9ecae1", "#4292c6", "#08519c")
"""One colour per band of :data:`~datadriver_utils.stats.proficiency.BANDS`, light to dark."""

HIDDEN_LABEL = "not shown (small group)"


def band_chart_figure(distribution: pd.DataFrame, hidden: Sequence[bool] | None = None,
                      bands: Sequence[str] | None = None) -> Figure:
    """Stacked bars: share of each grade in each band.

    Parameters
    ----------
    distribution:
        Rows of ``grade``, ``band``, ``n``, ``pct`` (percent of the grade).
    hidden:
        One flag per row: the cells the audience may not see, drawn as one grey segment.

    bands:
        The band names in order, lightest first (default :data:`BANDS`; scale scores use two:
        below and at or above the benchmark).

    An empty distribution draws empty axes that say there are no scores (the views show a
    notice instead).
    """
    names = list(bands or BANDS)
    colours = list(BAND_COLOURS if len(names) == len(BAND_COLOURS) else BAND_COLOURS[1::2][: len(names)])
    frame = distribution.assign(hidden=list(hidden) if hidden is not None else False)
    frame["hidden"] = frame["hidden"].astype(bool)
    grades = list(dict.fromkeys(frame["grade"])) if "grade" in frame else []
    figure = Figure(figsize=(9, 1.4 + 0.6 * max(len(grades), 1)))
    axis = figure.subplots()
    left = np.zeros(len(grades))
    for band, colour in zip([*names, HIDDEN_LABEL], [*colours, "#bbbbbb"], strict=True):
        if not grades:
            break
        if band in names:
            part = frame[(frame["band"] == band) & ~frame["hidden"]]
        else:
            part = frame[frame["hidden"]]
        widths = part.groupby("grade")["pct"].sum().reindex(grades, fill_value=0).to_numpy(dtype=float)
        if band not in names and not widths.any():
            continue
        axis.barh([f"Grade {g}" for g in grades], widths, left=left, color=colour, edgecolor="#333",
                  hatch="//" if band not in names else None, label=band)
        for row, (start, width) in enumerate(zip(left, widths, strict=True)):
            if width >= 6 and band in names:
                axis.text(start + width / 2, row, f"{width:.0f}%", ha="center", va="center", fontsize=8,
                          color="white" if band in names[len(names) // 2:] else "black")
        left += widths
    axis.set_xlim(0, 100)
    axis.set_xlabel("Percent of students in the grade")
    axis.set_title("How far students are from the cut, by grade")
    if grades:
        axis.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    else:
        axis.text(50, 0.5, "No scores in this window", ha="center", va="center")
    figure.tight_layout()
    return figure
