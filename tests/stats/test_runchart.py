"""Tests for the run-chart rules (Anhøj, IHI) and the reading of a team's chart (the figure: tests/charts).

Most series below have 20 points: the Anhøj limits for n_useful = 20 are a longest run of at
most round(log2 20) + 3 = round(4.32) + 3 = 7 and at least qbinom(0.05, 19, 0.5) = 6 crossings.
"Low" points are 1-4 and "high" points 11-14, so with 10 of each the median is
(4 + 11) / 2 = 7.5 and no point sits on it.  Within each run values zigzag, so no trend forms
unless a test wants one.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from datadriver_utils.errors import DataProblemsError
from datadriver_utils.stats.runchart import (
    RunChartAnalysis,
    RunChartRules,
    analyse_run_chart,
    anhoej_limits,
    measure_name,
    measure_target,
    measurement_gaps,
    run_chart_points,
)
from datadriver_utils.stats.runchart_reading import describe_signals, read_run_chart, run_chart_verdict, signals_summary


def chart(values: list[float], notes: dict[int, str] | None = None) -> pd.DataFrame:
    """Weekly rows from Monday 2025-09-01, as the contract layer hands them over."""
    frame = pd.DataFrame({
        "date": pd.date_range("2025-09-01", periods=len(values), freq="7D"),
        "value": np.array(values, dtype=float),
    })
    if notes is not None:
        frame["annotation"] = pd.Series(notes, index=frame.index, dtype=object)
    return frame


def only(values: list[float]) -> RunChartAnalysis:
    """The single phase of an unsplit chart."""
    return analyse_run_chart(chart(values)).phases[0]


def fired(a: RunChartAnalysis) -> set[str]:
    flags = ("anhoej_run_signal", "anhoej_crossings_signal", "ihi_shift", "ihi_trend",
             "ihi_astronomical")
    return {f for f in flags if getattr(a, f)}


# --- limits -------------------------------------------------------------------------------

@pytest.mark.parametrize(("n", "run_max", "cross_min"), [
    (10, 6, 2),   # round(3.32)+3 = 6; P(X<=1 | 9) = 10/512 = .020, P(X<=2) = 46/512 = .090
    (15, 7, 4),   # round(3.91)+3 = 7; P(X<=3 | 14) = 470/16384 = .029, P(X<=4) = .090
    (20, 7, 6),   # round(4.32)+3 = 7
    (24, 8, 8),   # round(4.58)+3 = 8
    (30, 8, 10),  # round(4.91)+3 = 8
])
def test_anhoej_limits_table(n: int, run_max: int, cross_min: int) -> None:
    assert anhoej_limits(n) == (run_max, cross_min)


def test_crossings_limit_matches_exact_binomial_quantile() -> None:
    # qbinom(0.05, m, 0.5) = smallest k with sum_{i<=k} C(m, i) >= 0.05 * 2^m, in integers
    for n in range(1, 301):
        m, total, k = n - 1, 0, 0
        while True:
            total += math.comb(m, k)
            if 20 * total >= 2**m:
                break
            k += 1
        assert anhoej_limits(n)[1] == k, n


def test_log2_of_a_count_never_sits_on_a_half() -> None:
    # R rounds .5 to even and Python does too; the rule never matters because log2(n) is
    # whole or irrational.  Check the float values keep well clear of .5.
    frac = np.log2(np.arange(1, 100_001)) % 1
    assert np.abs(frac - 0.5).min() > 1e-6
    assert anhoej_limits(1) == (3, 0)
    with pytest.raises(ValueError):
        anhoej_limits(0)


# --- one rule at a time ----------------------------------------------------------------------

NONE = [14, 9, 11.5, 16, 11, 8, 15, 13, 10, 17, 12, 7, 11, 15, 18, 10, 14, 9, 16, 13]
CROSSINGS_ONLY = [12, 14, 11, 13, 12, 2, 4, 1, 3, 2, 12, 14, 11, 13, 12, 2, 4, 1, 3, 2]
LONG_RUN = [3, 1, 4, 12, 2, 3, 13, 1, 4, 14, 11, 13, 12, 14, 11, 13, 12, 2, 4, 1]
SHIFT_ONLY = [2, 4, 12, 1, 3, 13, 2, 4, 11, 1, 3, 14, 11, 13, 12, 14, 11, 13, 2, 4]
TREND_ONLY = [12, 3, 13, 2, 11, 1, 4, 6, 9, 12, 3, 14, 2, 13, 1, 12, 4, 11, 3, 14]
ASTRO_ONLY = [12, 3, 13, 2, 11, 1, 14, 4, 12, 3, 13, 2, 60, 1, 14, 4, 11, 3, 12, 2]


def test_random_looking_series_trips_nothing() -> None:
    # sorted: 7 8 9 9 10 10 11 11 11.5 12 | 13 13 14 ... -> median (12 + 13) / 2 = 12.5
    # sides: A BB A BB AA B A BBB AA B A B AA -> 13 runs, 12 crossings (>= 6), longest 3 (<= 7)
    # longest rise: 7, 11, 15, 18 = 4 points (< 5); |x - 12.5| has median 2.5, so the
    # astronomical limit is 3 * 1.4826 * 2.5 = 11.1 and the farthest point is 5.5 away
    a = only(NONE)
    assert (a.median, a.n_useful, a.longest_run, a.crossings) == (12.5, 20, 3, 12)
    assert fired(a) == set()
    assert signals_summary(a) == []
    assert a.warnings == ()


def test_too_few_crossings_only() -> None:
    # runs of 5: high, low, high, low -> 4 runs, 3 crossings < 6: Anhøj crossings signal.
    # Longest run 5 <= 7 (no Anhøj run) and < 6 (no IHI shift); zigzags -> no trend.
    # |x - 7.5| lies in 3.5..6.5 -> no astronomical point.  Pure single rule, both rule sets.
    a = only(CROSSINGS_ONLY)
    assert (a.median, a.longest_run, a.crossings, a.crossings_min) == (7.5, 5, 3, 6)
    assert fired(a) == {"anhoej_crossings_signal"}
    assert a.signal_dates["anhoej_long_run"] == ()


def test_long_run_also_trips_the_shift_rule() -> None:
    """An Anhøj long run without an IHI shift cannot exist.

    The Anhøj run limit round(log2 n) + 3 is at least 5 for n <= 5 (so no run can beat it)
    and at least 6 for n >= 6, so a run beating it has 7+ points: always an IHI shift too.
    The closest honest case: Anhøj long run + IHI shift, nothing else.
    """
    for n in range(1, 500):
        beat = anhoej_limits(n)[0] + 1
        assert beat > n or beat >= 7
    # sides: B3 A1 B2 A1 B2 A8 B3 -> 7 runs, 6 crossings (not below 6), longest 8 > 7
    a = only(LONG_RUN)
    assert (a.longest_run, a.longest_run_max, a.crossings, a.crossings_min) == (8, 7, 6, 6)
    assert fired(a) == {"anhoej_run_signal", "ihi_shift"}
    assert a.signal_positions["anhoej_long_run"] == tuple(range(9, 17))
    assert a.longest_run_positions == tuple(range(9, 17))
    assert a.signal_dates["anhoej_long_run"][0] == "2025-11-03"  # 2025-09-01 + 9 weeks


def test_shift_only() -> None:
    # sides: B2 A1 B2 A1 B2 A1 B2 A7 B2 -> 9 runs, 8 crossings >= 6; a run of 7 is a shift
    # (>= 6) but not an Anhøj long run (7 is not > 7).  Possible because 6 <= 7 at n = 20.
    a = only(SHIFT_ONLY)
    assert (a.longest_run, a.crossings) == (7, 8)
    assert fired(a) == {"ihi_shift"}
    assert a.signal_positions["ihi_shift"] == tuple(range(11, 18))


def test_trend_only() -> None:
    # 1, 4, 6, 9, 12 at rows 5-9 rise five times in a row -> IHI trend.  Median: sorted
    # ... 4 4 6 | 9 11 ... -> (6 + 9) / 2 = 7.5, so the trend crosses it and runs stay short:
    # 17 runs, 16 crossings, longest 3 (the low 1, 4, 6).
    a = only(TREND_ONLY)
    assert (a.median, a.longest_run, a.crossings) == (7.5, 3, 16)
    assert fired(a) == {"ihi_trend"}
    assert a.signal_positions["ihi_trend"] == (5, 6, 7, 8, 9)


def test_astronomical_point_only() -> None:
    # strict alternation: 20 runs, 19 crossings.  |x - 7.5|: 3.5 x4, 4.5 x6, 5.5 x5,
    # 6.5 x4, 52.5 -> median (4.5 + 5.5) / 2 = 5.0; limit 3 * 1.4826 * 5 = 22.24 < 52.5
    a = only(ASTRO_ONLY)
    assert (a.longest_run, a.crossings) == (1, 19)
    assert fired(a) == {"ihi_astronomical"}
    assert a.signal_positions["ihi_astronomical"] == (12,)
    assert a.to_dict()["ihi_astronomical"] is True


# --- points on the median, NaN, equal neighbours ------------------------------------------

def test_points_on_the_median_are_skipped() -> None:
    # 2 1 2 | 8 9 8 | 5 | 9 8 9 | 1 2 1: median 5 (7th of 13); useful 12.
    # sides: BBB AAA (5 skipped) AAA BBB -> one run of 6 highs: the median point neither
    # breaks nor joins it.  3 runs, 2 crossings; limits for 12: 7 and qbinom(.05, 11) = 3.
    a = only([2, 1, 2, 8, 9, 8, 5, 9, 8, 9, 1, 2, 1])
    assert (a.median, a.n_points, a.n_useful) == (5.0, 13, 12)
    assert (a.longest_run, a.crossings, a.longest_run_max, a.crossings_min) == (6, 2, 7, 3)
    assert a.ihi_shift and a.signal_positions["ihi_shift"] == (3, 4, 5, 7, 8, 9)
    assert a.anhoej_crossings_signal and not a.anhoej_run_signal


def test_missing_values_are_skipped() -> None:
    values = SHIFT_ONLY.copy()
    values[14] = np.nan  # inside the run of 7 highs: it shrinks to 6, still a shift
    a = only(values)
    # 19 values: sorted lows 1 1 2 2 2 3 3 4 4 4, highs 11 11 11 12 13 13 13 14 14 -> median 4
    # Tenth value is 4 -> three 4s sit on the median: useful 19 - 3 = 16.
    assert (a.n_points, a.n_missing, a.median, a.n_useful) == (19, 1, 4.0, 16)
    assert a.signal_positions["ihi_shift"] == (11, 12, 13, 15, 16, 17)
    assert 14 not in a.signal_positions["ihi_shift"]


def test_trend_equal_neighbours_count_once() -> None:
    a = only([1, 2, 2, 3, 4, 5])  # 1 2 3 4 5 once the repeat is dropped: a 5-point rise
    assert a.ihi_trend and a.signal_positions["ihi_trend"] == (0, 1, 3, 4, 5)
    assert not only([1, 2, 2, 3, 4]).ihi_trend  # only 4 distinct steps-points
    assert only([9, 7, np.nan, 5, 5, 3, 1]).signal_positions["ihi_trend"] == (0, 1, 3, 5, 6)
    assert not only([1, 2, 3, 4, 3, 5, 6]).ihi_trend  # a fall breaks the rise


# --- split at a change date ------------------------------------------------------------------

def test_split_gives_each_phase_its_own_median() -> None:
    data = chart([3, 1, 4, 2, 5, 9, 12, 10, 11])  # change on row 5, 2025-09-01 + 5 weeks
    result = analyse_run_chart(data, split_at="2025-10-06")
    base, after = result.phases
    assert result.split_at == "2025-10-06"
    assert (base.phase, base.median, base.n_points, base.end) == ("baseline", 3.0, 5,
                                                                  "2025-09-29")
    assert (after.phase, after.median, after.start) == ("after change", 10.5, "2025-10-06")
    # after: 9 12 10 11 around 10.5 -> B A B A: 4 runs, 3 crossings
    assert (after.n_useful, after.crossings) == (4, 3)
    points = run_chart_points(data, result)
    assert points["median"].tolist() == [3.0] * 5 + [10.5] * 4
    with pytest.raises(DataProblemsError, match="change date"):
        analyse_run_chart(data, split_at="2024-01-01")


def test_unsorted_rows_are_read_in_date_order_but_reported_by_row() -> None:
    data = chart(ASTRO_ONLY).iloc[::-1].reset_index(drop=True)  # newest first
    a = analyse_run_chart(data).phases[0]
    assert a.signal_positions["ihi_astronomical"] == (7,)  # 19 - 12
    assert a.signal_dates["ihi_astronomical"] == ("2025-11-24",)


# --- warnings, edge cases, output ------------------------------------------------------------

def test_warning_below_15_useful_points() -> None:
    # 15 distinct values 1..15: median 8 sits on a point -> 14 useful -> warning
    a = only(list(range(1, 16)))
    assert a.n_useful == 14 and len(a.warnings) == 1
    assert "Only 14" in a.warnings[0] and "15" in a.warnings[0]
    assert only(list(range(1, 17))).warnings == ()  # 16 points, median 8.5: 16 useful


@pytest.mark.parametrize("values", [[], [4.0], [5.0] * 6, [np.nan, np.nan]])
def test_degenerate_series_give_no_signal(values: list[float]) -> None:
    a = only(values)
    assert a.n_useful == 0 and a.longest_run_max is None and a.crossings_min is None
    assert fired(a) == set() and a.warnings
    json.dumps(analyse_run_chart(chart(values)).to_dict())  # plain JSON types
    assert "median" in describe_signals(a) or "no values" in describe_signals(a)


def test_bad_input_names_the_row_and_column() -> None:
    with pytest.raises(DataProblemsError, match="'value' is missing"):
        analyse_run_chart(pd.DataFrame({"date": pd.to_datetime(["2025-09-01"])}))
    data = chart([1, 2, 3])
    data.loc[1, "date"] = pd.NaT
    with pytest.raises(DataProblemsError, match="row 3, column 'date'"):
        analyse_run_chart(data)


def test_summary_and_description_speak_plainly() -> None:
    summary = signals_summary(analyse_run_chart(chart(LONG_RUN)))
    assert [(s["rule"], s["rule_set"]) for s in summary] == [("long_run", "Anhøj"),
                                                             ("shift", "IHI")]
    assert summary[0]["dates"][:2] == ["2025-11-03", "2025-11-10"]
    assert len(summary[0]["dates"]) == 8
    json.dumps(summary)
    text = describe_signals(analyse_run_chart(chart(LONG_RUN)))
    assert "run of 8 points" in text and "longer than the 7" in text
    assert "no sign of change" in describe_signals(analyse_run_chart(chart(NONE)))
    trend = signals_summary(analyse_run_chart(chart(TREND_ONLY)))
    assert trend[0]["rule"] == "trend" and "Anhøj & Olesen (2014)" in trend[0]["description"]
    astro = signals_summary(analyse_run_chart(chart(ASTRO_ONLY)))
    assert "heuristic" in astro[0]["description"]
    crossing = signals_summary(analyse_run_chart(chart(CROSSINGS_ONLY)))
    assert crossing[0]["dates"] == ["2025-09-01", "2026-01-12"]


# --- rule options and the reading of a team's chart -------------------------------------------

def test_rule_options_change_what_fires_and_what_is_said() -> None:
    # SHIFT_ONLY: one run of 7 high points (rows 11-17) -> a shift at 6, none at 8
    assert only(SHIFT_ONLY).ihi_shift
    longer = analyse_run_chart(chart(SHIFT_ONLY), rules=RunChartRules(shift_length=8)).phases[0]
    assert not longer.ihi_shift and longer.signal_positions["ihi_shift"] == ()
    # TREND_ONLY rises 1, 4, 6, 9, 12 (rows 5-9): a 5-point trend, not a 6-point one
    assert not analyse_run_chart(chart(TREND_ONLY), rules=RunChartRules(trend_length=6)).phases[0].ihi_trend
    # ASTRO_ONLY: 60 is far beyond 3 robust SDs; |x - median| has a median of 5, so at 10 robust
    # SDs the limit is 10 * 1.4826 * 5 = 74.1 and 60 - 7.5 = 52.5 is inside it
    assert not analyse_run_chart(chart(ASTRO_ONLY), rules=RunChartRules(astronomical_mads=10)).phases[0].ihi_astronomical
    custom = signals_summary(analyse_run_chart(chart(LONG_RUN), rules=RunChartRules(shift_length=7)))
    assert "a shift: 7 or more points" in custom[1]["description"]
    assert "10 robust" in RunChartRules(astronomical_mads=10).astronomical_heuristic
    # 16 useful points are enough by default, not when 20 are asked for
    assert "at least 20" in analyse_run_chart(chart(list(range(1, 17))),
                                              rules=RunChartRules(min_useful_points=20)).phases[0].warnings[0]
    with pytest.raises(ValueError, match="shift needs at least 2"):
        RunChartRules(shift_length=1)


def test_measure_name_target_and_gaps() -> None:
    data = chart([1, 2, 3, 4])
    assert measure_name(data) == "Value" and measure_target(data) is None
    assert measure_name(data.assign(measure=[None, " ", "Exit tickets (%)", "Other"])) == "Exit tickets (%)"
    assert measure_target(data.assign(target=[None, "60", None, 70])) == 60.0
    # weekly points, then three weeks without one: the usual interval is 7 days, 21 > 2 x 7
    dates = pd.Series(pd.to_datetime(["2025-09-01", "2025-09-08", "2025-09-15", "2025-10-06", "2025-10-13"]))
    assert measurement_gaps(dates) == [(pd.Timestamp("2025-09-15"), pd.Timestamp("2025-10-06"))]
    assert measurement_gaps(dates, factor=3.0) == []  # 21 is not more than 3 x 7
    assert measurement_gaps(dates[:2]) == []


def test_read_run_chart_puts_rows_in_date_order_and_splits_at_the_note() -> None:
    data = chart([3, 1, 4, 2, 5, 9, 12, 10, 11], notes={5: "Started"}).iloc[::-1]
    reading = read_run_chart(data)
    assert reading.data["date"].is_monotonic_increasing and reading.n_points == 9
    assert reading.change_date == pd.Timestamp("2025-10-06")
    assert [m.label for m in reading.marks] == ["Note 1"]
    # with a PDSA cycle the note names, the change is dated to the cycle's start (a Thursday)
    pdsa = pd.DataFrame({"cycle": [1], "change_idea": ["started"], "start_date": pd.to_datetime(["2025-10-02"])})
    dated = read_run_chart(data, pdsa=pdsa)
    assert dated.change_date == pd.Timestamp("2025-10-02") and [m.label for m in dated.marks] == ["Cycle 1"]
    assert dated.split.split_at == "2025-10-02" and [p.median for p in dated.split.phases] == [3.0, 10.5]
    assert [p.median for p in reading.whole.phases] == [5.0]  # 1 2 3 4 5 9 10 11 12
    assert [p.median for p in reading.split.phases] == [3.0, 10.5]
    assert reading.signals == signals_summary(reading.whole)
    assert read_run_chart(chart([np.nan, np.nan], notes={1: "x"})).split is None  # no values, no split


def test_verdict_lets_the_anhoej_rules_set_the_headline() -> None:
    # LONG_RUN: Anhøj long run (8 > 7) and IHI shift -> a likely change, the IHI rules agree
    likely = run_chart_verdict(analyse_run_chart(chart(LONG_RUN)))
    assert likely.likely_change and likely.anhoej_rules == ("a long run",) and likely.ihi_rules == ("a shift",)
    assert likely.headline == "Likely a real change (Anhøj rules: a long run)"
    assert likely.sentence == "Likely a real change (Anhøj rules: a long run). The IHI rules agree: a shift."
    # SHIFT_ONLY: a 7-point run is within the Anhøj limit of 7, but it is an IHI shift
    shift = run_chart_verdict(analyse_run_chart(chart(SHIFT_ONLY)))
    assert not shift.likely_change
    assert shift.headline == "No clear sign of change yet (Anhøj rules); the IHI rules flag a shift"
    assert "prompt to look closer" in shift.sentence
    quiet = run_chart_verdict(analyse_run_chart(chart(NONE)))
    assert quiet.headline == "No sign of change yet: ordinary variation so far" and quiet.enough_points
    # 10 points 1..10 around the median 5.5, all useful: too few to call it ordinary variation
    short = run_chart_verdict(analyse_run_chart(chart([1, 9, 2, 8, 5, 3, 7, 4, 6, 10])))
    assert short.headline == "Too few points to tell yet (10 useful of the 15 needed)"
    assert "'no signal' means 'not known yet'" in short.sentence
