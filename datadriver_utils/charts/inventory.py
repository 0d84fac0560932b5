"""The data-inventory chart (notebook 02): which school can draw on which of Bernhardt's domains.

:func:`coverage_heatmap_figure` shows :func:`datadriver_utils.stats.inventory.coverage_by_school`:
schools down, the four domains across, a count in each cell and an empty hatched cell where a
school has nothing in a domain, so gaps stand out rather than blend in as pale colour.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from datadriver_utils.charts import palette
from datadriver_utils.charts.placeholder import message_figure

__all__ = ["HEATMAP_CMAP", "coverage_heatmap_figure"]

HEATMAP_CMAP = palette.SEQUENTIAL_CMAP
"""Single-hue sequential palette: ordered light to dark in greyscale and for colour-blind readers."""


def coverage_heatmap_figure(coverage_by_school: pd.DataFrame) -> Figure:
    """Heatmap of elements per school and Bernhardt domain; zero cells left as hatched gaps."""
    title = "Data elements each school can draw on, by domain"
    if coverage_by_school.empty:
        return message_figure("The inventory lists no data elements yet", title)
    counts = coverage_by_school.astype(float)
    height = max(3.2, 1.6 + 0.5 * len(counts))
    figure = Figure(figsize=(2.0 + 1.6 * counts.shape[1], height))
    axis = figure.subplots()
    axis.set_facecolor(palette.WHITE)
    axis.patch.set_hatch("//")
    axis.patch.set_edgecolor(palette.NEUTRAL)
    sns.heatmap(counts, mask=counts.eq(0), annot=True, fmt=".0f", cmap=HEATMAP_CMAP, vmin=0,
                vmax=max(float(counts.to_numpy().max()), 1.0), linewidths=1, linecolor=palette.WHITE,
                cbar_kws={"label": "Number of data elements"}, ax=axis)
    axis.set_xlabel("Data domain (Bernhardt)")
    axis.set_ylabel("School")
    axis.set_xticklabels([textwrap.fill(t.get_text(), 12) for t in axis.get_xticklabels()], rotation=0)
    axis.set_title(title)
    figure.text(0.01, 0.01, "Hatched cells: no data in that domain", fontsize=8, color=palette.MUTED)
    figure.tight_layout(rect=(0, 0.04, 1, 1))
    return figure
