"""The training catalog's chart (notebook 06): who is done, who is late, training by training.

Draws :func:`datadriver_utils.stats.trainings.training_overview`; computes nothing.  Statuses
are told apart by shade *and* hatch, so the chart reads in greyscale and for colour-blind
readers.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from datadriver_utils.charts import palette
from datadriver_utils.charts.placeholder import message_figure

__all__ = ["STATUS_STYLE", "training_status_figure"]

STATUS_STYLE: dict[str, tuple[str, str]] = {
    "done": (palette.TEAL, ""),
    "due soon": (palette.ORANGE, ".."),
    "open": (palette.SKY_BLUE, ""),
    "overdue": (palette.VERMILLION, "//"),
    "no due date": (palette.NEUTRAL_LIGHT, "xx"),
}
"""Status -> (colour, hatch)."""


def training_status_figure(overview: pd.DataFrame, as_of_label: str) -> Figure:
    """Stacked horizontal bars, one per training: how many people are done, due soon, open,
    overdue or without a due date (the ``n_<status>`` columns of the overview)."""
    if overview.empty:
        return message_figure("No trainings in the catalog yet", "Training catalog")
    labels = [textwrap.fill(str(t), 36) for t in overview["training"]]
    figure = Figure(figsize=(8, 1.4 + 0.5 * len(overview)))
    axis = figure.subplots()
    positions = np.arange(len(overview))
    left = np.zeros(len(overview))
    for status, (colour, hatch) in STATUS_STYLE.items():
        counts = overview[f"n_{status.replace(' ', '_')}"].to_numpy(dtype=float)
        if counts.any():
            axis.barh(positions, counts, left=left, color=colour, hatch=hatch, edgecolor=palette.MUTED, height=0.6,
                      label=status)
        left += counts
    axis.set_yticks(positions, labels)
    axis.invert_yaxis()
    axis.set_xlabel("People who need the training")
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_title(f"Training catalog as of {as_of_label}")
    axis.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    figure.tight_layout()
    return figure
