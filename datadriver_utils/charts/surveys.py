"""Charts for perception surveys: diverging stacked bars of item responses.

A diverging bar puts the unfavourable answers to the left of zero and the favourable ones to
the right, with a neutral midpoint split evenly across zero, so the balance of opinion on each
item can be read at a glance and compared between administrations (pre and post, start and six
months later). Input is ``surveys.item_distribution``, already suppressed for small groups.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from datadriver_utils.charts import palette
from datadriver_utils.stats.surveys import OK

__all__ = ["diverging_bar_figure"]

#: Brown–teal diverging palette: safe for the common colour-vision deficiencies.
PALETTE = palette.DIVERGING_CMAP
NEUTRAL_COLOUR = palette.NEUTRAL_LIGHT


def _colours(scale_min: float, scale_max: float) -> dict[float, tuple[float, ...]]:
    points = np.arange(scale_min, scale_max + 1)
    colours = dict(zip(points, sns.color_palette(PALETTE, len(points))))
    midpoint = (scale_min + scale_max) / 2
    if midpoint in colours:
        colours[midpoint] = to_rgb(NEUTRAL_COLOUR)
    return colours


def _point_label(point: float, lo: float, hi: float, labels: Mapping[float, str] | None,
                 several_scales: bool) -> str:
    if labels and point in labels:
        text = labels[point]
    else:
        end = {lo: " (least favourable)", hi: " (most favourable)", (lo + hi) / 2: " (neutral)"}
        text = f"{point:g}{end.get(point, '')}"
    return f"{lo:g}–{hi:g} scale: {text}" if several_scales else text


def _bars(part: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """One row per bar (item × administration), in item-file order, with its y position."""
    bars = part.drop_duplicates(["item", "administration"])
    bars = bars.merge(items[["survey", "item", "item_text", "reverse_scored"]],
                      on=["survey", "item"], how="left")
    item_rank = {item: i for i, item in enumerate(items["item"])}
    bars = bars.assign(_rank=bars["item"].map(item_rank)).sort_values(
        ["_rank", "item", "administration_order"])
    text = bars["item_text"].fillna(bars["item"]).astype(str)
    reverse = bars["reverse_scored"].fillna(False).astype(bool)
    text = text.where(~reverse, text + " (reverse-scored)")
    bars["label"] = [textwrap.shorten(t, 48, placeholder="…") + f" — {a}"
                     for t, a in zip(text, bars["administration"])]
    bars["y"] = np.arange(len(bars))
    return bars[["item", "administration", "status", "label", "y"]]


def _segments(part: pd.DataFrame, bars: pd.DataFrame) -> pd.DataFrame:
    """Shown segments with their left edge: each bar starts at −(negative + neutral / 2)."""
    seg = part[part["status"] == OK].merge(bars[["item", "administration", "y"]],
                                           on=["item", "administration"])
    seg = seg.sort_values(["y", "scale_point"])
    shift = seg["percent"].where(seg["side"] == "negative", 0) + \
        seg["percent"].where(seg["side"] == "neutral", 0) / 2
    start = -shift.groupby(seg["y"]).transform("sum")
    return seg.assign(left=start + seg.groupby("y")["percent"].cumsum() - seg["percent"])


def _draw_survey(ax, part: pd.DataFrame, items: pd.DataFrame,  # type: ignore[no-untyped-def]
                 scale_labels: Mapping[float, str] | None) -> None:
    survey = part["survey"].iloc[0]
    bars = _bars(part, items[items["survey"] == survey])
    seg = _segments(part, bars)
    scales = part[["scale_min", "scale_max"]].drop_duplicates()
    several = len(scales) > 1
    for (lo, hi, point), piece in seg.groupby(["scale_min", "scale_max", "scale_point"]):
        colour = _colours(lo, hi)[point]
        ax.barh(piece["y"], piece["percent"], left=piece["left"], color=colour, edgecolor=palette.WHITE,
                linewidth=0.6, label=_point_label(point, lo, hi, scale_labels, several))
        for y, left, pct in piece.loc[piece["percent"] >= 10, ["y", "left", "percent"]].values:
            ax.text(left + pct / 2, y, f"{pct:.0f}%", ha="center", va="center", fontsize=7,
                    color=palette.text_on(colour))
    for y in bars.loc[bars["status"] != OK, "y"]:
        ax.text(0, y, "too few responses to report", ha="center", va="center", fontsize=8,
                color=palette.MUTED, style="italic")
    ax.axvline(0, color=palette.INK, linewidth=0.8)
    ax.set_xlim(-100, 100)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{abs(x):.0f}%"))
    ax.set_yticks(bars["y"], bars["label"], fontsize=8)
    ax.set_ylim(len(bars) - 0.5, -0.5)
    ax.set_title(f"{str(survey).replace('_', ' ').capitalize()} survey: answers to each item")
    if len(seg):
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False,
                  title="Answer (scored)", title_fontsize=8)


def diverging_bar_figure(distribution: pd.DataFrame, items: pd.DataFrame,
                         scale_labels: Mapping[float, str] | None = None) -> Figure:
    """Diverging stacked horizontal bars, one per item and administration, in percent.

    Parameters
    ----------
    distribution:
        ``surveys.item_distribution`` output (one row per scale point; suppressed items have
        NaN percents and are drawn as "too few responses to report").
    items:
        ``survey_items.csv`` (``survey``, ``item``, ``item_text``, ``reverse_scored``): bar
        labels and item order. Reverse-scored items are drawn on the scored scale (right is
        always favourable) and marked "(reverse-scored)".
    scale_labels:
        Optional words for scale points, e.g. ``{1: "Strongly disagree", ...}``. They describe
        the scored scale, which for a reverse-scored item is the reverse of its wording.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per survey; each administration is its own bar under the item.
    """
    surveys = list(dict.fromkeys(distribution["survey"]))
    if not surveys:
        fig = Figure(figsize=(6, 2))
        fig.text(0.5, 0.5, "No survey responses to show yet", ha="center", va="center")
        return fig
    heights = [distribution.loc[distribution["survey"] == s, ["item", "administration"]]
               .drop_duplicates().shape[0] for s in surveys]
    fig = Figure(figsize=(10, 1.6 * len(surveys) + 0.4 * sum(heights)), layout="constrained")
    axes = fig.subplots(len(surveys), 1, squeeze=False, gridspec_kw={"height_ratios": heights})
    for ax, survey in zip(axes[:, 0], surveys):
        _draw_survey(ax, distribution[distribution["survey"] == survey], items, scale_labels)
    axes[-1, 0].set_xlabel("Percent of answers (unfavourable to the left of 0, favourable to the "
                           "right; a neutral answer is split across 0)")
    return fig
