"""Notebook 14 (Researcher): the PDSA tracker, the run chart, its signals and summary.json on tiny teams.

Every number is worked out by hand next to the data it comes from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection

import datadriver_utils as dd
from datadriver_utils.notebook.needs import MissingData
from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.runchart_reading import RunChartReading
from datadriver_utils.strands import inquiry, researcher
from tests.conftest import SAMPLE_DATA


def _open(data_dir: Path, audience: str = "team") -> Report:
    return dd.open_report(data_dir, "t1", audience, data_dir / "summary")


PDSA = (
    "cycle,question,change_idea,prediction,measure,plan,do,study,act,start_date,end_date\n"
    "2,Q two,Idea two,P2,M,Ann leads,Did it,Rose,Adopt,2025-10-01,2025-10-20\n"
    "1,Q one,Idea one,P1,M,Bo leads,Did it,Flat,Adapt,2025-09-01,2025-09-20\n"
)
# 16 daily points rising 1..16: median 8.5, 8 below then 8 above -> longest run 8 > limit
# round(log2 16) + 3 = 7; 1 crossing < binom.ppf(.05, 15, .5) = 4; IHI shift (8 >= 6 on one side)
# and trend (16 >= 5 rising); MAD = 4 -> 3 * 1.4826 * 4 = 17.8 away, so no astronomical point.
RISING = "date,value\n" + "".join(f"2025-09-{d:02d},{d}\n" for d in range(1, 17))
# 6 points, a change noted on the 4th: baseline 3 points, after change 3 points
SHORT = ("date,value,annotation,measure\n2025-09-01,5,,Exit tickets (%)\n2025-09-08,6,,\n"
         "2025-09-15,5,,\n2025-09-22,8,Started warm-ups,\n2025-09-29,9,,\n2025-10-06,8,,\n")


def test_rising_chart_signals_and_summary(make_team: Any) -> None:
    report = _open(make_team({"run_chart.csv": RISING}))
    signals = researcher.signals(report)
    assert set(signals.frame["rule"]) == {"long_run", "few_crossings", "shift", "trend"}
    summary = researcher.summary(report)
    assert isinstance(summary, researcher.ResearcherSummary)
    whole = summary.run_chart.phases[0]
    assert (whole.median, whole.n_useful, whole.longest_run, whole.longest_run_max) == (8.5, 16, 8, 7)
    assert (whole.crossings, whole.crossings_min) == (1, 4)
    assert summary.run_chart.split_at is None and summary.split is None  # no annotation, no split
    assert summary.n_pdsa_cycles is None  # no pdsa.csv: the chart still renders
    assert [s.rule for s in summary.signals] == ["long_run", "few_crossings", "shift", "trend"]


def test_rule_options_pass_through_to_the_signals(make_team: Any) -> None:
    report = _open(make_team({"run_chart.csv": RISING}))
    # the runs are 8 points long: a 9-point shift rule does not fire; 16 rising points are no
    # 17-point trend; the Anhøj rules have no option and still fire
    relaxed = researcher.signals(report, shift_length=9, trend_length=17)
    assert set(relaxed.frame["rule"]) == {"long_run", "few_crossings"}
    summary = researcher.summary(report, shift_length=9, trend_length=17)
    assert summary.run_chart.phases[0].ihi_shift is False and summary.run_chart.phases[0].ihi_trend is False
    # the defaults are read separately and once per report
    assert researcher.run_chart(report) is researcher.run_chart(report)
    assert researcher.run_chart(report, shift_length=9) is not researcher.run_chart(report)


def test_run_chart_result_shows_the_chart_in_words(make_team: Any) -> None:
    chart = researcher.run_chart(_open(make_team({"run_chart.csv": RISING})))
    assert isinstance(chart.value, RunChartReading) and chart.value.n_points == 16
    assert isinstance(chart.figure, matplotlib.figure.Figure)
    alt = chart.parts[0].alt
    # 1..16 padded by 7.5 each side is -6.5 to 23.5, slid up to 0 to 30: no value is negative
    assert alt.startswith("Run chart titled 'Likely a real change (Anhøj rules: a long run and too few crossings)'. "
                          "Value: 16 points from 2025-09-01 to 2025-09-16, values 1 to 16 on an axis from 0 to 30;")
    assert "all-points median 8.5" in alt and "shift (IHI) on 16 point(s) from 2025-09-01 to 2025-09-16" in alt
    assert chart.notices[0] == ("Likely a real change (Anhøj rules: a long run and too few crossings). "
                                "The IHI rules agree: a shift and a trend.")
    assert chart.figure.axes[0].get_title() == "Likely a real change (Anhøj rules: a long run and too few crossings)"


def test_short_chart_splits_at_annotation_and_warns(make_team: Any) -> None:
    data_dir = make_team({"run_chart.csv": SHORT, "pdsa.csv": PDSA})
    report = _open(data_dir)
    chart = researcher.run_chart(report)
    assert chart.value.change_date.strftime("%Y-%m-%d") == "2025-09-22"
    assert chart.value.measure == "Exit tickets (%)"
    # 5 6 5 8 9 8 around the median 7: 6 useful points, fewer than the 15 the rules need
    assert chart.notices[0].startswith("Too few points to tell yet (6 useful of the 15 needed).")
    assert any("split at 2025-09-22" in n for n in chart.notices)
    assert len(chart.figures) == 2  # the whole series, then the split
    summary = researcher.publish(report)
    # the signals are read on the whole series: one median of 5, 6, 5, 8, 9, 8 = 7
    assert summary.run_chart.split_at is None
    assert [p.median for p in summary.run_chart.phases] == [7.0]
    # baseline median of 5, 6, 5 is 5; after-change median of 8, 9, 8 is 8
    assert summary.split.split_at == "2025-09-22"
    assert [p.median for p in summary.split.phases] == [5.0, 8.0]
    assert summary.n_pdsa_cycles == 2
    written = json.loads((data_dir / "summary" / "researcher.json").read_text(encoding="utf-8"))
    assert [p["median"] for p in written["split"]["phases"]] == [5.0, 8.0]
    # both 5s of the baseline sit on its median, so only the 6 is a useful point
    assert written["split"]["phases"][0]["warnings"][0].startswith("Only 1 point(s) in 'baseline'")


def test_published_medians_are_rounded_to_one_decimal(make_team: Any) -> None:
    # the baseline 50.6, 50.7 has the median (50.6 + 50.7) / 2 = 50.650000000000006 in binary
    # floating point: summary.json carries 50.7, as the schema's "mean" kind promises
    chart = ("date,value,annotation\n2025-09-01,50.6,\n2025-09-08,50.7,\n"
             "2025-09-15,60,Started\n2025-09-22,61,\n")
    data_dir = make_team({"run_chart.csv": chart})
    summary = researcher.publish(_open(data_dir))
    assert summary.split.phases[0].median == pytest.approx(50.65)
    written = json.loads((data_dir / "summary" / "researcher.json").read_text(encoding="utf-8"))
    assert [p["median"] for p in written["split"]["phases"]] == [50.7, 60.5]


def test_pdsa_tracker_order_and_audience(make_team: Any) -> None:
    data_dir = make_team({"pdsa.csv": PDSA})
    team = researcher.pdsa_tracker(_open(data_dir)).frame
    assert team["cycle"].tolist() == [1, 2]
    assert team["start_date"].tolist() == ["2025-09-01", "2025-10-01"]
    assert {"plan", "do"} <= set(team.columns)
    public = researcher.pdsa_tracker(_open(data_dir, "public")).frame
    assert not {"plan", "do"} & set(public.columns)
    assert public["study"].tolist() == ["Flat", "Rose"]


def test_tracker_alone_publishes_its_cycle_count(make_team: Any) -> None:
    data_dir = make_team({"pdsa.csv": PDSA})
    report = _open(data_dir)
    chart = researcher.run_chart(report)
    assert isinstance(chart, MissingData) and chart.missing == ["run_chart"]
    summary = researcher.publish(report)
    assert (summary.n_pdsa_cycles, summary.run_chart, summary.signals, summary.split) == (2, None, None, None)


def test_researcher_without_files_publishes_nothing(make_team: Any) -> None:
    data_dir = make_team()
    report = _open(data_dir)
    assert isinstance(researcher.pdsa_tracker(report), MissingData)
    assert "run_chart.csv" in researcher.signals(report)._repr_html_()
    assert researcher.publish(report) is None
    assert not (data_dir / "summary" / "researcher.json").exists()


# --- the sample district ------------------------------------------------------------------------


def test_summit_chart_title_signals_and_snapshot_say_the_same() -> None:
    # Summit's 18 points around the median 65.2: two runs of 7 (an IHI shift) but 7 is within the
    # Anhøj limit round(log2 18) + 3 = 7, and 5 crossings are not below qbinom(.05, 17, .5) = 5.
    # Before, the chart said "No clear sign of change yet; IHI rules flag the marked points" while
    # the snapshot said "Run-chart signal: shift (IHI)".
    report = dd.open_report(SAMPLE_DATA, "summit-high-algebra", "team", None)
    verdict = researcher.reading(report).verdict
    assert verdict.headline == "No clear sign of change yet (Anhøj rules); the IHI rules flag a shift"
    assert researcher.run_chart(report).figure.axes[0].get_title() == verdict.headline
    signals = researcher.signals(report)
    assert signals.notices[0] == verdict.sentence and signals.frame["rule"].tolist() == ["shift"]
    evidence = inquiry.thread(report).frame.set_index("strand").loc["Researcher", "evidence"]
    assert evidence == f"Run chart (18 useful points): {verdict.sentence}"
    published = researcher.summary(report).verdict
    assert (published.likely_change, published.headline, published.ihi_rules) == (False, verdict.headline, ["a shift"])


def test_river_chart_reads_as_ordinary_variation_everywhere() -> None:
    report = dd.open_report(SAMPLE_DATA, "river-middle-g7-math", "team", None)
    headline = "No sign of change yet: ordinary variation so far"
    assert researcher.run_chart(report).figure.axes[0].get_title() == headline
    assert researcher.signals(report).notices == [headline + ".", "No run-chart rule fired: so far the measure "
                                                  "looks like ordinary variation."]
    assert researcher.summary(report).verdict.headline == headline


def _vertical_lines(ax: Any) -> dict[str, str]:
    """Date of each vertical line on the chart -> its line style."""
    found = {}
    for line in ax.lines:
        xs = line.get_xdata()
        if len(xs) == 2 and xs[0] == xs[1] and tuple(line.get_ydata()) == (0, 1):
            found[pd.Timestamp(xs[0]).strftime("%Y-%m-%d")] = line.get_linestyle()
    return found


def test_river_change_marks_come_from_its_pdsa_cycles() -> None:
    # pdsa.csv: cycle 1 from 2025-10-06, cycle 2 from 2025-11-03, cycle 3 from 2025-12-15; the chart's
    # note "Started: Accuracy-based homework check ..." sits on 2025-11-04, the first point after cycle 2
    # began.  Before, only 2025-11-04 was marked and the chart was split there.
    report = dd.open_report(SAMPLE_DATA, "river-middle-g7-math", "team", None)
    found = researcher.reading(report)
    assert [(m.date.strftime("%Y-%m-%d"), m.label) for m in found.marks] == [
        ("2025-10-06", "Cycle 1"), ("2025-11-03", "Cycle 2"), ("2025-12-15", "Cycle 3")]
    assert found.split.split_at == "2025-11-03"
    whole, split = researcher.run_chart(report).figures
    assert _vertical_lines(whole.axes[0]) == {"2025-10-06": ":", "2025-11-03": ":", "2025-12-15": ":"}
    assert _vertical_lines(split.axes[0]) == {"2025-10-06": ":", "2025-11-03": "-", "2025-12-15": ":"}
    texts = [t.get_text() for t in whole.axes[0].texts]
    assert [t for t in texts if t != "no data"] == ["Cycle 1", "Cycle 2", "Cycle 3"]
    assert texts.count("no data") == 1  # the winter break is shaded and named
    assert whole.axes[0].get_xlabel() == "Date (2025–2026)"  # the years, not a "2026-Feb" offset
    # no point lies between 2025-11-03 and 2025-11-04, so the phases keep their numbers
    assert [round(p.median, 2) for p in found.split.phases] == [50.65, 51.25]


def test_river_chart_is_readable() -> None:
    report = dd.open_report(SAMPLE_DATA, "river-middle-g7-math", "team", None)
    chart = researcher.run_chart(report)
    ax = chart.figure.axes[0]
    values = chart.value.data["value"]
    low, high = ax.get_ylim()
    # the axis does not magnify noise: the values and the target (44.0-60.0) fill half of the height
    # (36-68), not all of it; the target is drawn where a reader can see the distance to it
    assert chart.value.target == 60.0
    assert (60.0 - values.min()) / (high - low) == pytest.approx(0.5)
    assert [line.get_label() for line in ax.lines if line.get_label().startswith("Target")] == ["Target: 60"]
    # gaps in time are visible: the winter break (2025-12-16 to 2026-01-06, 21 days where the usual
    # interval is 7) breaks the line into two pieces joined by a faint dotted link
    assert chart.value.gaps == [(pd.Timestamp("2025-12-16"), pd.Timestamp("2026-01-06"))]
    assert [len(line.get_xdata()) for line in ax.lines if line.get_marker() == "o"] == [16, 6]
    # the cycle labels are clear of the points: no point falls inside a label's box
    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    points = ax.transData.transform(np.column_stack([matplotlib.dates.date2num(chart.value.data["date"]), values]))
    for label in ax.texts:
        box = label.get_window_extent(renderer).expanded(1.1, 1.3)
        assert not any(box.contains(x, y) for x, y in points), label.get_text()
    # the alt text says what the chart shows, not "No description has been provided"
    alt = chart.parts[0].alt
    assert alt.startswith("Run chart titled 'No sign of change yet: ordinary variation so far'. % of students "
                          "correct on the daily proportional-reasoning exit ticket: 22 points from 2025-09-16 to "
                          "2026-01-29, values 44 to 57.7 on an axis from 36 to 68; dashed line at the all-points "
                          "median 51.0. Dash-dot-dot line at the target 60.")
    assert "Cycle 2 (from 2025-11-03): Accuracy-based homework check with a correction step" in alt
    assert "No measurement between 2025-12-16 and 2026-01-06 (the line breaks there)." in alt
    assert 'alt="Run chart titled' in chart._repr_html_()


def test_summit_split_has_two_distinct_medians_and_two_gaps() -> None:
    report = dd.open_report(SAMPLE_DATA, "summit-high-algebra", "team", None)
    chart = researcher.run_chart(report)
    # cycle 1 ("Worked example and you-try pairs") began 2025-10-06; the note sits on 10-07
    assert chart.value.split.split_at == "2025-10-06"
    medians = [c for c in chart.figures[1].axes[0].collections if isinstance(c, LineCollection)]
    assert [round(m.get_segments()[0][0][1], 2) for m in medians] == [60.6, 66.6]  # baseline 5 points, then 13
    assert medians[0].get_colors().tolist() != medians[1].get_colors().tolist()
    # Thanksgiving (2025-11-13 to 12-02) and the winter break (2025-12-16 to 2026-01-06)
    assert [(a.strftime("%m-%d"), b.strftime("%m-%d")) for a, b in chart.value.gaps] == [("11-13", "12-02"),
                                                                                      ("12-16", "01-06")]
    assert "dash-dot line at the after-change median 66.6" in chart.parts[-1].alt
