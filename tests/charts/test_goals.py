"""The baseline chart draws what it is given: students split at the cut, and percent proficient
(per standard and pooled) against the target -- never a score against a share."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from datadriver_utils.charts.goals import BAR_COLUMNS, POOLED_COLOUR, STANDARD_COLOUR, baseline_figure, cut_bins

BARS = pd.DataFrame([("S1", 50.0, "50%", False), ("S2", 100.0, "100%", False), ("All goal standards", 75.0, "75%", True)],
                    columns=BAR_COLUMNS)


def test_team_chart_splits_students_at_the_cut_and_sets_proficient_beside_the_target():
    figure = baseline_figure(pd.Series([50.0, 70.0, 90.0, 30.0]), 70, BARS, 80)
    assert isinstance(figure, Figure) and len(figure.axes) == 2
    histogram, bars = figure.axes
    below, above = (sum(p.get_height() for p in container) for container in histogram.containers)
    assert (below, above) == (2, 2)  # 30 and 50 below the cut of 70; 70 and 90 at or above it
    assert [line.get_xdata()[0] for line in histogram.lines] == [70]  # the dashed cut
    assert histogram.get_xlabel() == "Percent correct on the goal's standards (pre)"
    assert [p.get_height() for p in bars.patches] == [50.0, 100.0, 75.0]
    assert [t.get_text() for t in bars.get_xticklabels()] == ["S1", "S2", "All goal standards"]
    assert bars.get_ylabel() == "Percent of students at or above the cut"  # a share, like the target
    assert [line.get_ydata()[0] for line in bars.lines] == [80]  # the dashed target
    colours = [p.get_facecolor()[:3] for p in bars.patches]
    assert colours[0] == colours[1] != colours[2]  # the pooled bar stands out
    assert {"50%", "100%", "75%", "target\n80%"} <= {t.get_text() for t in bars.texts}
    assert STANDARD_COLOUR != POOLED_COLOUR


def test_beyond_the_team_only_the_bars_are_drawn_with_their_released_labels():
    released = pd.DataFrame([("S1", None, "not shown", False), ("All goal standards", 95.0, "≥95%", True)],
                            columns=BAR_COLUMNS)
    figure = baseline_figure(None, 70, released, 80)
    assert len(figure.axes) == 1
    axis = figure.axes[0]
    assert [p.get_height() for p in axis.patches] == [0.0, 95.0]
    assert {"not shown", "≥95%"} <= {t.get_text() for t in axis.texts}


@pytest.mark.parametrize(("cut", "edges"), [
    (70, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]),
    (75, [0, 5, 15, 25, 35, 45, 55, 65, 75, 85, 95, 100]),  # no bar straddles the cut of 75
    (100, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]),
])
def test_bins_have_an_edge_at_the_cut(cut, edges):
    assert cut_bins(cut) == edges
