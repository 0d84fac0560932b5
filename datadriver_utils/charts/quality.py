"""The data-quality chart (notebook 03): each file's score on each dimension of DAMA UK (2013).

Perfect cells are pale and problems dark (one sequential hue, so the order survives
greyscale); scores under 100 are printed with one decimal so 99.6 never reads as 100.
"""

from __future__ import annotations

import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from datadriver_utils.charts import palette
from datadriver_utils.charts.placeholder import message_figure
from datadriver_utils.stats.quality import DIMENSIONS, QualityAudit

__all__ = ["quality_figure"]

TITLE = "Data-quality score by file and dimension"


def quality_figure(audit: QualityAudit) -> Figure:
    """Files × dimensions heatmap of scores (0-100); a hatched cell means "does not apply"."""
    scores = audit.files.set_index("file")[[*DIMENSIONS, "score"]].astype(float)
    if scores.empty:
        return message_figure("The audit found no file to score", TITLE)
    figure = Figure(figsize=(9, 1.4 + 0.45 * max(len(scores), 1)))
    axis = figure.subplots()
    axis.patch.set(facecolor=palette.WHITE, hatch="//", edgecolor=palette.NEUTRAL)
    labels = scores.map(lambda v: "" if pd.isna(v) else "100" if v >= 100 else f"{v:.1f}")
    sns.heatmap(scores, annot=labels, fmt="", cmap=palette.SEQUENTIAL_CMAP_REVERSED, vmin=80, vmax=100, linewidths=1,
                linecolor=palette.WHITE, cbar_kws={"label": "Score (80 or lower: darkest)"}, ax=axis)
    axis.set_xticklabels([t.get_text().capitalize() for t in axis.get_xticklabels()], rotation=0)
    axis.set_xlabel("Dimension of data quality (DAMA UK 2013)")
    axis.set_ylabel("File")
    axis.set_title(TITLE)
    figure.text(0.01, 0.01, "Hatched cell: the dimension does not apply to that file", fontsize=8, color=palette.MUTED)
    figure.tight_layout(rect=(0, 0.04, 1, 1))
    return figure
