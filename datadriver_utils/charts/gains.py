"""Charts shared by several notebooks (each area's own charts live in ``plots_<area>.py``)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from datadriver_utils.contract.config import grade_sort_key

__all__ = ["grade_standard_means_figure", "PALETTE"]

PALETTE = {"Pre": "#9ecae1", "Post": "#08519c"}
"""Light and dark blue: distinguishable in greyscale and for colour-blind readers."""


def grade_standard_means_figure(gains: pd.DataFrame, cut_pct: float | None = None, *, scale: str | None = None) -> Figure:
    """Bars of pre and post means for each standard, one panel per grade.

    ``gains`` is :func:`datadriver_utils.stats.gains.matched_gains` by ``("grade", "standard")``
    (mean percent correct, 0-100, with the cut drawn), or with ``scale`` (e.g. "scale score")
    :func:`datadriver_utils.stats.scale_scores.scale_gains` (means in that unit, no shared cut).
    """
    columns = ["pre_mean_score", "post_mean_score"] if scale else ["pre_mean_pct", "post_mean_pct"]
    long = gains.melt(
        id_vars=["grade", "standard", "n_matched"], value_vars=columns, var_name="window", value_name="mean_pct",
    ).replace({"window": dict(zip(columns, ["Pre", "Post"], strict=True))})
    grades = sorted(long["grade"].unique(), key=grade_sort_key)
    figure, axes = plt.subplots(1, max(len(grades), 1), figsize=(4.2 * max(len(grades), 1) + 1, 4), squeeze=False, sharey=True)
    for axis, grade in zip(axes[0], grades, strict=False):
        sns.barplot(data=long[long["grade"] == grade], x="standard", y="mean_pct", hue="window",
                    hue_order=["Pre", "Post"], palette=PALETTE, ax=axis)
        axis.set_title(f"Grade {grade}")
        axis.set_xlabel("Standard")
        axis.set_ylabel(f"Mean {scale} (matched students)" if scale else "Mean percent correct (matched students)")
        if not scale:
            axis.set_ylim(0, 100)
        elif long["mean_pct"].notna().any():  # a scale has no zero worth showing: frame the scores
            low, high = long["mean_pct"].min(), long["mean_pct"].max()
            pad = max((high - low) * 0.5, 5.0)
            axis.set_ylim(low - pad, high + pad / 2)
        axis.tick_params(axis="x", rotation=30)
        if cut_pct is not None:
            axis.axhline(cut_pct, color="#444", linestyle="--", linewidth=1)
            axis.text(axis.get_xlim()[1], cut_pct, f" cut {cut_pct:g}%", va="center", ha="left", fontsize=8)
        if axis.get_legend() is not None:
            axis.get_legend().set_title("")
    if not grades:
        axes[0][0].text(0.5, 0.5, "No groups large enough to show", ha="center", va="center")
        axes[0][0].set_axis_off()
    figure.suptitle("Grade-level means by standard, pre and post")
    figure.tight_layout()
    plt.close(figure)
    return figure
