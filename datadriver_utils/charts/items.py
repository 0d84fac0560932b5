"""Item map: one picture of which assessment questions to keep, fix or rewrite.

Each item is a point at (difficulty p, discrimination r) from
:func:`datadriver_utils.stats.items.item_statistics`.  Dashed lines mark Ebel & Frisbie's
discrimination bands (.20 marginal, .30 reasonably good, .40 very good) and shaded strips the
too-hard and too-easy zones, so a coach can read the map without the numbers: good items sit
high and in the middle; items below the zero line need their answer key checked first.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from datadriver_utils.charts import palette
from datadriver_utils.stats.items import EBEL_FRISBIE_BANDS

_MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "<", ">"]


def _guides(ax: Axes, too_hard_below: float, too_easy_above: float,
            bands: Sequence[tuple[float, str]]) -> None:
    ax.axhline(0.0, color=palette.INK, linewidth=1.0)
    for cut, label in bands:
        ax.axhline(cut, color=palette.SUBTLE, linestyle="--", linewidth=0.8)
        ax.annotate(f"{label} (≥ {cut:.2f})", (1.0, cut), xycoords=("axes fraction", "data"),
                    xytext=(-4, 2), textcoords="offset points", ha="right", va="bottom",
                    fontsize=7, color=palette.MUTED)
    ax.axvspan(-0.02, too_hard_below, color=palette.NEUTRAL_LIGHT, alpha=0.5, zorder=0)
    ax.axvspan(too_easy_above, 1.02, color=palette.NEUTRAL_LIGHT, alpha=0.5, zorder=0)
    for x, label in ((too_hard_below / 2, "too hard"), ((too_easy_above + 1.02) / 2, "too easy")):
        ax.annotate(label, (x, 1.0), xycoords=("data", "axes fraction"), xytext=(0, -10),
                    textcoords="offset points", ha="center", fontsize=8, color=palette.MUTED)


def item_map_figure(stats: pd.DataFrame, *, too_hard_below: float = 0.30,
                    too_easy_above: float = 0.90,
                    bands: Sequence[tuple[float, str]] = EBEL_FRISBIE_BANDS,
                    title: str = "Item map: how hard each question was and how well it "
                                 "separated stronger from weaker students") -> Figure:
    """Difficulty vs discrimination scatter, one labelled point per item, coloured by standard.

    Parameters
    ----------
    stats:
        The table from ``item_statistics`` (columns ``item_id``, ``standard``,
        ``difficulty_p``, ``discrimination_r``).
    too_hard_below, too_easy_above:
        Difficulty thresholds, the same defaults as ``item_statistics``.
    bands:
        Discrimination guide lines as ``(cut, label)`` (Ebel & Frisbie by default).
    title:
        Figure title in plain words.

    Items whose discrimination is undefined (no variation) cannot be placed; they are named in
    a note under the plot.  Colour and marker shape both encode the standard, so the map still
    reads in grayscale.
    """
    fig = Figure(figsize=(9, 5.5), layout="constrained")
    ax = fig.subplots()
    shown = stats.dropna(subset=["difficulty_p", "discrimination_r"])
    _guides(ax, too_hard_below, too_easy_above, bands)
    if shown.empty:
        ax.text(0.5, 0.5, "No items to show", transform=ax.transAxes, ha="center", va="center")
    else:
        standards = list(pd.unique(shown["standard"].astype(str)))
        sns.scatterplot(data=shown.assign(standard=shown["standard"].astype(str)),
                        x="difficulty_p", y="discrimination_r", hue="standard",
                        style="standard", hue_order=standards, style_order=standards,
                        markers=dict(zip(standards, _MARKERS * (len(standards) // 10 + 1))),
                        palette=[palette.CATEGORICAL[i % len(palette.CATEGORICAL)] for i in range(len(standards))],
                        s=70, edgecolor=palette.INK, ax=ax, zorder=3)
        for item, x, y in zip(shown["item_id"], shown["difficulty_p"], shown["discrimination_r"]):
            ax.annotate(str(item), (x, y), xytext=(4, 4), textcoords="offset points", fontsize=8)
        ax.legend(title="Standard", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    low = min(-0.2, float(shown["discrimination_r"].min()) - 0.1) if not shown.empty else -0.2
    high = max(0.6, float(shown["discrimination_r"].max()) + 0.1) if not shown.empty else 0.6
    ax.set(xlim=(-0.02, 1.02), ylim=(max(low, -1.05), min(high, 1.05)), title=title,
           xlabel="Difficulty p: share of points students earned (further right = easier)",
           ylabel="Discrimination (item–rest correlation)")
    ax.title.set_fontsize(11)
    hidden = stats.loc[~stats.index.isin(shown.index), "item_id"].astype(str).tolist()
    if hidden:
        fig.text(0.01, 0.005, "Not shown (no variation to correlate, or too few students): "
                 + ", ".join(hidden), fontsize=8, color=palette.MUTED)
    return fig
