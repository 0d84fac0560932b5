"""The run-chart figure: medians, signal points, change marks, the axis, gaps and colours."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from datadriver_utils.charts import palette
from datadriver_utils.charts.runchart import is_percent_measure, run_chart_figure, value_axis_limits
from datadriver_utils.stats.pdsa import change_marks
from datadriver_utils.stats.runchart import analyse_run_chart

LONG_RUN = [3, 1, 4, 12, 2, 3, 13, 1, 4, 14, 11, 13, 12, 14, 11, 13, 12, 2, 4, 1]
ASTRO_ONLY = [12, 3, 13, 2, 11, 1, 14, 4, 12, 3, 13, 2, 60, 1, 14, 4, 11, 3, 12, 2]
OKABE_ITO = {"#000000", "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7"}
GREYS = {palette.INK, palette.MUTED, palette.SUBTLE, palette.NEUTRAL, palette.NEUTRAL_LIGHT, palette.GRID}
"""The neutrals of charts/palette.py (every colour of a chart comes from there: tests/charts/test_palette.py)."""


def chart(values: list[float], notes: dict[int, str] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame({"date": pd.date_range("2025-09-01", periods=len(values), freq="7D"),
                          "value": np.array(values, dtype=float)})
    if notes is not None:
        frame["annotation"] = pd.Series(notes, index=frame.index, dtype=object)
    return frame


def test_value_axis_limits_leave_the_values_the_middle_half() -> None:
    # values 44-57.7 (span 13.7) padded by 6.85 each side: the values fill half the height
    assert value_axis_limits([44.0, 57.7, 50.0]) == pytest.approx((37.15, 64.55))
    # a target above the values is inside the axis, and counted in the span
    assert value_axis_limits([44.0, 50.0], target=60.0) == pytest.approx((36.0, 68.0))
    # a percentage is padded by at least 5 points: 96-99 -> 91-104, slid down to end at 100
    assert value_axis_limits([96.0, 99.0], percent=True) == pytest.approx((87.0, 100.0))
    # ... and 1-2 -> -4-7, slid up to start at 0
    assert value_axis_limits([1.0, 2.0], percent=True) == pytest.approx((0.0, 11.0))
    assert value_axis_limits([5.0, 5.0]) == (4.0, 6.0)  # a flat series still gets a readable scale
    assert value_axis_limits([1.0, 3.0]) == (0.0, 4.0)  # 0-4, not -1-5: no value is negative
    assert value_axis_limits([-2.0, 2.0]) == (-4.0, 4.0)  # a measure that can be negative keeps its window
    assert value_axis_limits([], percent=True) == (0.0, 100.0)
    assert is_percent_measure("% of students correct") and not is_percent_measure("Referrals per week")


def test_figure_draws_medians_signals_and_marks() -> None:
    data = chart(LONG_RUN, notes={9: "Started exit tickets"})
    result = analyse_run_chart(data, split_at="2025-11-03")
    fig = run_chart_figure(data, result, measure="Exit tickets correct (%)", title="A title",
                           marks=change_marks(data))
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    medians = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(medians) == 2  # one median per phase ...
    colours = {to_hex(m.get_colors()[0]) for m in medians}
    assert colours == {"#0072b2", "#cc79a7"}  # ... in two colours
    assert medians[0].get_linestyle() != medians[1].get_linestyle()  # ... and two line styles
    assert [t.get_text() for t in ax.texts] == ["Note 1"]  # the short label sits on the chart
    labels = ax.get_legend().get_texts()
    assert any("Started exit tickets (the chart is split here)" in t.get_text().replace("\n", " ") for t in labels)
    assert ax.get_title() == "A title" and ax.get_xlabel() == "Date (2025–2026)"  # 20 weeks from 2025-09-01
    plain = run_chart_figure(chart(ASTRO_ONLY), analyse_run_chart(chart(ASTRO_ONLY)))
    marks = [c for c in plain.axes[0].collections if isinstance(c, PathCollection)]
    assert [len(m.get_offsets()) for m in marks] == [1]  # just the far-out point
    assert plain.axes[0].get_title() == ""  # a chart never judges for itself


def test_gap_breaks_the_line_and_target_is_drawn() -> None:
    data = chart([50, 52, 49, 51, 48, 53])
    data.loc[3:, "date"] += pd.Timedelta(days=21)  # three weeks without a point after 2025-09-15
    gap = (pd.Timestamp("2025-09-15"), pd.Timestamp("2025-10-13"))
    fig = run_chart_figure(data, analyse_run_chart(data), "% correct", gaps=[gap], target=60)
    ax = fig.axes[0]
    measured = [line for line in ax.lines if line.get_marker() == "o"]
    assert [len(line.get_xdata()) for line in measured] == [3, 3]  # two pieces, none across the gap
    link = [line for line in ax.lines if to_hex(line.get_color()) == "#bbbbbb"]
    assert len(link) == 1 and list(link[0].get_ydata()) == [49, 51]
    assert any(line.get_label() == "Target: 60" for line in ax.lines)
    assert ax.get_ylim() == pytest.approx((42.0, 66.0))  # 48-60 padded by 6


def test_every_colour_is_colour_blind_safe() -> None:
    data = chart(LONG_RUN, notes={9: "Started exit tickets"})
    fig = run_chart_figure(data, analyse_run_chart(data, split_at="2025-11-03"), marks=change_marks(data), target=10)
    ax = fig.axes[0]
    used = {to_hex(line.get_color()) for line in ax.lines}
    used |= {to_hex(c) for coll in ax.collections for c in coll.get_edgecolors() if isinstance(coll, LineCollection)}
    used |= {to_hex(c) for coll in ax.collections if isinstance(coll, PathCollection) for c in coll.get_facecolors()}
    assert used <= OKABE_ITO | GREYS, used - OKABE_ITO - GREYS


def test_a_gap_in_time_is_shaded_and_named_where_no_point_falls() -> None:
    data = chart([50, 52, 49, 51, 48, 53])
    data.loc[3:, "date"] += pd.Timedelta(days=21)
    gap = (pd.Timestamp("2025-09-15"), pd.Timestamp("2025-10-13"))
    ax = run_chart_figure(data, analyse_run_chart(data), "% correct", gaps=[gap]).axes[0]
    shaded = [p for p in ax.patches if p.get_label() == "No measurement (a gap in time)"]
    assert len(shaded) == 1
    left, right = shaded[0].get_x(), shaded[0].get_x() + shaded[0].get_width()
    assert (left, right) == pytest.approx((mdates.date2num(gap[0]), mdates.date2num(gap[1])))
    assert [t.get_text() for t in ax.texts] == ["no data"]
    assert ax.get_xlabel() == "Date (2025)"
