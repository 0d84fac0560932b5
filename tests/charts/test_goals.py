"""The baseline chart draws what it is given: the students split at the cut, and now against the target."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from datadriver_utils.charts.goals import baseline_figure
from tests.goal_data import base


def test_team_chart_splits_students_at_the_cut_and_sets_now_beside_the_target():
    figure = baseline_figure(pd.Series([50.0, 70.0, 90.0, 30.0]), base(4, 2), 70)
    assert isinstance(figure, Figure) and len(figure.axes) == 2
    histogram, bars = figure.axes
    below, above = (sum(p.get_height() for p in container) for container in histogram.containers)
    assert (below, above) == (2, 2)  # 30 and 50 below the cut of 70; 70 and 90 at or above it
    assert [line.get_xdata()[0] for line in histogram.lines] == [70]  # the dashed cut
    assert bars.patches[0].get_height() == 50.0
    assert [line.get_ydata()[0] for line in bars.lines] == [70]  # the dashed target
    assert {"50%", "target 70%"} <= {t.get_text() for t in bars.texts}


def test_beyond_the_team_only_the_bar_is_drawn_with_its_coded_label():
    figure = baseline_figure(None, base(4, 2), 70, "≥95%")
    assert len(figure.axes) == 1
    assert "≥95%" in {t.get_text() for t in figure.axes[0].texts}
