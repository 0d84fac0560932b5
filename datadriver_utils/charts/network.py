"""The Building Will visit log drawn as a network: who visited whom, in which round.

The leader sits in the middle, the first four peers (blue dots) on an inner ring, the eight
more (yellow dots) on an outer ring next to the blue dot who first visited them; an arrow runs
from visitor to host, solid for round 1 (the leader with a blue dot), dashed for round 2 (a blue
dot visiting a yellow dot), dotted grey for any other visit.  The colours are the seed's own
(blue and yellow dots), with the dot's kind also written in the legend, and the number of visits
on each arrow when there was more than one.  No layout library: the rings are computed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from datadriver_utils.charts import palette
from datadriver_utils.charts.placeholder import message_figure

__all__ = ["DOT_COLOURS", "ring_positions", "visit_network_figure"]

DOT_COLOURS = {"leader": palette.INK, "blue": palette.BLUE, "yellow": palette.YELLOW}
_ROUND_STYLE: dict[object, tuple[Literal["-", "--", ":"], str]] = {
    1: ("-", palette.BLUE), 2: ("--", palette.ORANGE), "other": (":", palette.SUBTLE)}


def ring_positions(group: pd.DataFrame, rounds: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """x, y of each person: leader at 0, blue dots on radius 1, yellow dots on radius 2, each
    yellow dot beside the blue dot who visited it first."""
    positions: dict[str, tuple[float, float]] = {}
    blue = group.loc[group["dot"] == "blue", "person"].tolist()
    yellow = group.loc[group["dot"] == "yellow", "person"].tolist()
    leader = group.loc[group["dot"] == "leader", "person"].tolist()
    if leader:
        positions[leader[0]] = (0.0, 0.0)
    angles = {p: np.pi / 2 - 2 * np.pi * k / max(len(blue), 1) for k, p in enumerate(blue)}
    positions.update({p: (float(np.cos(a)), float(np.sin(a))) for p, a in angles.items()})
    second = rounds[rounds["round"] == 2]
    by_blue: dict[str, list[str]] = {p: [] for p in blue}
    for person in yellow:
        visitor = second.loc[second["host"] == person, "visitor"]
        by_blue.setdefault(str(visitor.iloc[0]) if len(visitor) else "", []).append(person)
    spread = 2 * np.pi / max(len(blue), 1)
    for anchor, hosts in by_blue.items():
        base = angles.get(anchor, 0.0)
        for k, person in enumerate(hosts):
            offset = (k - (len(hosts) - 1) / 2) * spread / max(len(hosts) + 1, 2)
            positions[person] = (float(2 * np.cos(base + offset)), float(2 * np.sin(base + offset)))
    return positions


def visit_network_figure(group: pd.DataFrame, rounds: pd.DataFrame, labels: Mapping[str, str] | None = None
                         ) -> Figure:
    """The learning group and its visits (``group``: :func:`~datadriver_utils.stats.scaling.learning_group`,
    ``rounds``: :func:`~datadriver_utils.stats.scaling.visit_rounds`); ``labels`` rename people
    (codes beyond the team)."""
    if rounds.empty:
        return message_figure("No visits logged yet", "Building Will: the learning group")
    names = dict(labels or {})
    positions = ring_positions(group, rounds)
    figure = Figure(figsize=(7.5, 7.5), layout="constrained")
    axis = figure.subplots()
    pairs = rounds.groupby(["visitor", "host", "round"], sort=False).size().reset_index(name="n")
    for row in pairs.itertuples():
        if row.visitor not in positions or row.host not in positions:
            continue
        style, colour = _ROUND_STYLE.get(row.round, _ROUND_STYLE["other"])
        start, end = positions[row.visitor], positions[row.host]
        axis.annotate("", xy=end, xytext=start, arrowprops={"arrowstyle": "-|>", "color": colour, "linestyle": style,
                                                            "shrinkA": 14, "shrinkB": 14, "linewidth": 1.4})
        if row.n > 1:
            axis.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2, f"×{row.n}", fontsize=8, color=colour, ha="center", va="center",
                      bbox={"facecolor": palette.WHITE, "edgecolor": "none", "pad": 0.5})
    for row in group.itertuples():
        if row.person not in positions:
            continue
        x, y = positions[row.person]
        axis.scatter([x], [y], s=520 if row.dot == "leader" else 360, color=DOT_COLOURS[row.dot],
                     edgecolor=palette.BLACK, zorder=3)
        axis.text(x, y - 0.28, names.get(row.person, row.person), ha="center", va="top", fontsize=8)
    axis.set_xlim(-2.7, 2.7)
    axis.set_ylim(-2.7, 2.7)
    axis.set_aspect("equal")
    axis.set_axis_off()
    legend = [Line2D([0], [0], marker="o", color=palette.WHITE, markerfacecolor=DOT_COLOURS[d],
                     markeredgecolor=palette.BLACK,
                     markersize=11, label=text)
              for d, text in (("leader", "leader"), ("blue", "first four peers (blue)"),
                              ("yellow", "eight more peers (yellow)"))]
    legend += [Line2D([0], [0], linestyle=_ROUND_STYLE[r][0], color=_ROUND_STYLE[r][1], label=text)
               for r, text in ((1, "round 1 visit"), (2, "round 2 visit"), ("other", "other visit"))]
    axis.legend(handles=legend, loc="lower center", ncol=2, frameon=False, fontsize=8, bbox_to_anchor=(0.5, -0.08))
    axis.set_title("Building Will: who visited whom (arrow: visitor → host)")
    return figure
