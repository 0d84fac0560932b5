"""Run-chart rules: has a process measure changed, or is it just noise?

A team tracks one measure over time (``run_chart.csv``: ``date``, ``value``, optional
``annotation`` naming a change made at that point).  Two published rule sets read the chart
against its median (see /work/shared/FIELD_NOTES.md, "Run-chart rules"):

* **Anhøj rules**, as in qicharts2's ``runs.analysis``: an unusually long run on one side of
  the median, or unusually few crossings of it.  Their limits depend on the number of useful
  points, so the false-alarm rate stays near 5 % whatever the series length.
* **IHI rules** (Perla, Provost & Murray 2011): a shift (6+ points on one side), a trend
  (5+ points all rising or all falling) and an "astronomical" point, which IHI leaves to
  judgement; we offer a documented heuristic, labelled as one.  Anhøj & Olesen (2014) found that
  the trend rule adds false signals without adding power, so we show it and say so.

Every signal names the points that triggered it, and a change date (``split_at``) gives the
baseline and the post-change phase their own median and their own analysis.  The lengths and
limits of the rules are :class:`RunChartRules`, so a coach can ask "what if a shift needed 8
points?" without editing code.  The reading of a team's chart in words (signals, a short
description) is in :mod:`datadriver_utils.stats.runchart_reading`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import binom

from datadriver_utils.core.rows import spreadsheet_row
from datadriver_utils.errors import DataProblemsError, Problem

FILE_NAME = "run_chart.csv"
MIN_USEFUL_POINTS = 15
IHI_SHIFT_LENGTH = 6
IHI_TREND_LENGTH = 5
ASTRONOMICAL_MADS = 3.0
MAD_TO_SD = 1.4826  # makes the MAD estimate the standard deviation of normal data
ASTRONOMICAL_HEURISTIC = (
    "a point more than 3 robust standard deviations (1.4826 x MAD) from the phase median; "
    "this is our heuristic, not an IHI rule: IHI leaves astronomical points to judgement"
)
TREND_CAVEAT = (
    "Anhøj & Olesen (2014) found the trend rule raises false alarms without catching more "
    "real changes, so treat a trend alone as a prompt to look, not as proof"
)
SIGNAL_KEYS = ("anhoej_long_run", "ihi_shift", "ihi_trend", "ihi_astronomical")

__all__ = [
    "ASTRONOMICAL_HEURISTIC", "MIN_USEFUL_POINTS", "SIGNAL_KEYS", "TREND_CAVEAT", "RunChartAnalysis",
    "RunChartResult", "RunChartRules", "analyse_phase", "analyse_run_chart", "anhoej_limits",
    "measure_name", "measure_target", "measurement_gaps", "run_chart_points",
]


@dataclass(frozen=True)
class RunChartRules:
    """The lengths and limits the rules use; the defaults are the published ones.

    ``shift_length`` (IHI: 6 points on one side of the median), ``trend_length`` (IHI: 5
    points each rising or each falling), ``astronomical_mads`` (our heuristic: 3 robust
    standard deviations) and ``min_useful_points`` (below 15 useful points a "no signal"
    cannot be trusted; the Researcher credential asks for 15).  The Anhøj limits have no
    option: they follow from the number of useful points.
    """

    shift_length: int = IHI_SHIFT_LENGTH
    trend_length: int = IHI_TREND_LENGTH
    astronomical_mads: float = ASTRONOMICAL_MADS
    min_useful_points: int = MIN_USEFUL_POINTS

    def __post_init__(self) -> None:
        if self.shift_length < 2 or self.trend_length < 3:
            raise ValueError("a shift needs at least 2 points and a trend at least 3; "
                             f"got shift_length={self.shift_length}, trend_length={self.trend_length}")
        if self.astronomical_mads <= 0 or self.min_useful_points < 1:
            raise ValueError("astronomical_mads must be above 0 and min_useful_points at least 1")

    @property
    def astronomical_heuristic(self) -> str:
        """:data:`ASTRONOMICAL_HEURISTIC` with this rule's distance."""
        return ASTRONOMICAL_HEURISTIC.replace("3 robust", f"{self.astronomical_mads:g} robust")


@dataclass(frozen=True)
class RunChartAnalysis:
    """The rules read for one phase of a run chart (all points, baseline or after a change).

    Attributes
    ----------
    phase : ``"all points"``, ``"baseline"`` or ``"after change"``.
    start, end : ISO dates of the phase's first and last row (``None`` when empty).
    median : the centre line, median of the non-missing values (``None`` when none).
    n_points : non-missing values; n_missing : rows whose value is missing.
    n_useful : points not on the median (the count the Anhøj limits use).
    longest_run, longest_run_max : longest run of useful points on one side, and its limit
        ``round(log2(n_useful)) + 3`` (``None`` when ``n_useful`` is 0, as in qicharts2).
    crossings, crossings_min : runs - 1, and its limit ``qbinom(0.05, n_useful - 1, 0.5)``.
    anhoej_run_signal, anhoej_crossings_signal, anhoej_signal : Anhøj flags and their "or".
    ihi_shift, ihi_trend, ihi_astronomical : IHI flags (the last one a heuristic).
    longest_run_positions : rows of the (first) longest run.
    signal_positions : rule key -> 0-based row positions in the input (spreadsheet row =
        position + 2) of the points that triggered it; keys are ``SIGNAL_KEYS``.
    signal_dates : the same points as ISO dates.
    warnings : plain-words cautions for a coach.
    """

    phase: str
    start: str | None
    end: str | None
    median: float | None
    n_points: int
    n_missing: int
    n_useful: int
    longest_run: int
    longest_run_max: int | None
    crossings: int
    crossings_min: int | None
    anhoej_run_signal: bool
    anhoej_crossings_signal: bool
    ihi_shift: bool
    ihi_trend: bool
    ihi_astronomical: bool
    longest_run_positions: tuple[int, ...] = ()
    signal_positions: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    signal_dates: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    rules: RunChartRules = field(default=RunChartRules(), compare=False, repr=False)

    @property
    def anhoej_signal(self) -> bool:
        """True when either Anhøj rule fires (qicharts2's ``runs.signal``)."""
        return self.anhoej_run_signal or self.anhoej_crossings_signal

    @property
    def ihi_signal(self) -> bool:
        """True when any IHI rule fires."""
        return self.ihi_shift or self.ihi_trend or self.ihi_astronomical

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only (lists, str, int, float, bool, None)."""
        out = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "rules"}
        out["longest_run_positions"] = list(self.longest_run_positions)
        out["signal_positions"] = {k: list(v) for k, v in self.signal_positions.items()}
        out["signal_dates"] = {k: list(v) for k, v in self.signal_dates.items()}
        out["warnings"] = list(self.warnings)
        out["anhoej_signal"] = self.anhoej_signal
        out["ihi_signal"] = self.ihi_signal
        return out


@dataclass(frozen=True)
class RunChartResult:
    """One analysis per phase: one phase without a change date, two with one."""

    phases: tuple[RunChartAnalysis, ...]
    split_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only."""
        return {"split_at": self.split_at, "phases": [p.to_dict() for p in self.phases]}


def anhoej_limits(n_useful: int) -> tuple[int, int]:
    """Longest run allowed and fewest crossings expected for ``n_useful`` points.

    Anhøj's limits as coded in qicharts2: ``round(log2(n)) + 3`` (Schilling 2012) and
    ``qbinom(0.05, n - 1, 0.5)`` (Chen 2010), here ``scipy.stats.binom.ppf``, which like
    ``qbinom`` returns the smallest k with P(X <= k) >= 0.05.  On rounding: R's ``round``
    sends an exact .5 to the even digit (IEC 60559), like ``np.rint``; and log2 of a whole
    number is either whole or irrational, so it never lands on .5 and no rounding rule could
    disagree.  Examples: 10 -> (6, 2), 15 -> (7, 4), 20 -> (7, 6), 24 -> (8, 8), 30 -> (8, 10).
    """
    if n_useful < 1:
        raise ValueError(f"the Anhøj limits need at least one useful point, got {n_useful}")
    longest_run_max = int(np.rint(np.log2(n_useful))) + 3
    crossings_min = int(binom.ppf(0.05, n_useful - 1, 0.5))
    return longest_run_max, crossings_min


def _check_input(data: pd.DataFrame) -> None:
    """Raise a ``DataProblemsError`` naming missing columns or rows without a date."""
    missing = [c for c in ("date", "value") if c not in data.columns]
    problems = [
        Problem(FILE_NAME, f"the column '{c}' is missing; add it to the header row", column=c)
        for c in missing
    ]
    if not missing:
        no_date = np.flatnonzero(data["date"].isna().to_numpy())
        problems += [
            Problem(FILE_NAME, "this row has no date; type the date (YYYY-MM-DD) or delete "
                    "the row", row=spreadsheet_row(data, data.index[i]), column="date")
            for i in no_date
        ]
    if problems:
        raise DataProblemsError(problems)


def _runs_table(values: pd.Series, median: float) -> pd.DataFrame:
    """Useful points (not missing, not on the median) with their side and run number/length."""
    side = np.sign(values - median).dropna()
    side = side[side != 0]
    run = side.ne(side.shift()).cumsum()
    length = run.groupby(run).transform("size")
    return pd.DataFrame({"side": side, "run": run, "length": length})


def _trend_positions(values: pd.Series, trend_length: int = IHI_TREND_LENGTH) -> list[int]:
    """Positions of points in IHI trends: ``trend_length``+ points all rising or falling.

    Missing values are skipped, and a repeat of the previous value neither adds to nor breaks
    a trend (IHI: count the first of equal neighbours only), so repeats are never flagged.
    """
    kept = values.dropna()
    kept = kept[kept.ne(kept.shift())]
    step = np.sign(kept.diff()).iloc[1:]
    segment = step.ne(step.shift()).cumsum()
    steps_in_segment = segment.groupby(segment).transform("size")
    in_trend = (steps_in_segment >= trend_length - 1).reindex(kept.index, fill_value=False)
    flagged = in_trend | in_trend.shift(-1, fill_value=False)  # a rise also flags its start
    return [int(i) for i in kept.index[flagged.to_numpy()]]


def _astronomical_positions(values: pd.Series, median: float, mads: float = ASTRONOMICAL_MADS) -> list[int]:
    """Positions flagged by our astronomical-point heuristic (``ASTRONOMICAL_HEURISTIC``).

    The median absolute deviation (MAD) resists the very outliers we look for, unlike the
    standard deviation.  When the MAD is 0 (over half the values equal) no point is flagged:
    the heuristic has no spread to judge against.
    """
    distance = (values.dropna() - median).abs()
    robust_sd = MAD_TO_SD * float(distance.median())
    if robust_sd == 0:
        return []
    return [int(i) for i in distance.index[(distance > mads * robust_sd).to_numpy()]]


def _small_sample_warning(phase: str, n_useful: int, min_useful: int = MIN_USEFUL_POINTS) -> tuple[str, ...]:
    """Plain words when too few points sit off the median for the rules to be trusted."""
    if n_useful >= min_useful:
        return ()
    return (
        f"Only {n_useful} point(s) in '{phase}' sit above or below the median (points on the "
        f"median and missing values do not count). The run-chart rules need at least "
        f"{min_useful}, which is also what the teacher-leadership (Researcher) "
        "credential asks for: treat any signal here as a hint and keep collecting data.",
    )


def analyse_phase(phase_data: pd.DataFrame, phase: str = "all points",
                  rules: RunChartRules = RunChartRules()) -> RunChartAnalysis:
    """Apply the Anhøj and IHI rules (lengths from ``rules``) to one phase.

    ``phase_data`` has ``date`` and ``value`` in time order and an index of 0-based row
    positions in the team's file (``analyse_run_chart`` prepares it).
    """
    values = phase_data["value"].astype(float)
    present = values.dropna()
    median = float(present.median()) if len(present) else None
    runs = _runs_table(values, median) if median is not None else _runs_table(values[:0], 0.0)
    n_useful = len(runs)
    longest = int(runs["length"].max()) if n_useful else 0
    crossings = max(int(runs["run"].max()) - 1, 0) if n_useful else 0
    run_max, cross_min = anhoej_limits(n_useful) if n_useful else (None, None)
    first_longest = runs.loc[runs["length"] == longest, "run"].min() if n_useful else None
    positions = {
        "anhoej_long_run": runs.index[runs["length"] > (run_max or n_useful)],
        "ihi_shift": runs.index[runs["length"] >= rules.shift_length],
        "ihi_trend": _trend_positions(values, rules.trend_length),
        "ihi_astronomical": [] if median is None else _astronomical_positions(values, median, rules.astronomical_mads),
    }
    positions = {k: tuple(int(i) for i in v) for k, v in positions.items()}
    iso = phase_data["date"].dt.strftime("%Y-%m-%d")
    return RunChartAnalysis(
        phase=phase,
        start=iso.iloc[0] if len(iso) else None,
        end=iso.iloc[-1] if len(iso) else None,
        median=median,
        n_points=len(present),
        n_missing=int(values.isna().sum()),
        n_useful=n_useful,
        longest_run=longest,
        longest_run_max=run_max,
        crossings=crossings,
        crossings_min=cross_min,
        anhoej_run_signal=bool(positions["anhoej_long_run"]),
        anhoej_crossings_signal=cross_min is not None and crossings < cross_min,
        ihi_shift=bool(positions["ihi_shift"]),
        ihi_trend=bool(positions["ihi_trend"]),
        ihi_astronomical=bool(positions["ihi_astronomical"]),
        longest_run_positions=tuple(int(i) for i in runs.index[runs["run"] == first_longest]),
        signal_positions=positions,
        signal_dates={k: tuple(iso.loc[list(v)]) for k, v in positions.items()},
        warnings=_small_sample_warning(phase, n_useful, rules.min_useful_points),
        rules=rules,
    )


def analyse_run_chart(
    data: pd.DataFrame, split_at: date | pd.Timestamp | str | None = None,
    rules: RunChartRules = RunChartRules(),
) -> RunChartResult:
    """Read a run chart with the Anhøj and IHI rules, optionally split at a change date.

    Parameters
    ----------
    data : ``date`` (datetime64), ``value`` (float, may be NaN), optional ``annotation``.
        Rows are put in date order (stable); positions reported refer to the rows as given.
    split_at : the date a change started.  Rows before it form the ``"baseline"``, rows on or
        after it the ``"after change"`` phase, each with its own median (qicharts2's ``part``),
        so the new phase is judged against its own centre, not the old one.
    rules : the lengths and limits of the rules (:class:`RunChartRules`; published defaults).

    Raises
    ------
    DataProblemsError
        A column is missing, a row has no date, or ``split_at`` leaves a phase empty.
    """
    _check_input(data)
    frame = data[["date", "value"]].reset_index(drop=True).sort_values("date", kind="stable")
    if split_at is None:
        return RunChartResult((analyse_phase(frame, rules=rules),))
    cut = pd.Timestamp(split_at)
    before = frame["date"] < cut
    if before.all() or not before.any():
        span = f"{frame['date'].min():%Y-%m-%d} and {frame['date'].max():%Y-%m-%d}"
        raise DataProblemsError([Problem(
            FILE_NAME, f"the change date leaves one phase with no rows; pick a date after the "
            f"first and no later than the last date (between {span})", column="date",
            value=f"{cut:%Y-%m-%d}")])
    phases = (analyse_phase(frame[before], "baseline", rules),
              analyse_phase(frame[~before], "after change", rules))
    return RunChartResult(phases, split_at=f"{cut:%Y-%m-%d}")


def measure_name(data: pd.DataFrame) -> str:
    """Words for the measure (the y axis): the first ``measure`` given, else "Value"."""
    if "measure" in data.columns:
        named = data["measure"].dropna().astype(str).str.strip()
        named = named[named != ""]
        if not named.empty:
            return str(named.iloc[0])
    return "Value"


def measure_target(data: pd.DataFrame) -> float | None:
    """The value the team aims for: the first ``target`` given, else None."""
    if "target" not in data.columns:
        return None
    given = pd.to_numeric(data["target"], errors="coerce").dropna()
    return None if given.empty else float(given.iloc[0])


def measurement_gaps(dates: pd.Series, factor: float = 2.0) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Stretches with no measurement: consecutive dates more than ``factor`` times the usual
    (median) interval apart, as (last date before, first date after).

    A line drawn straight across a school break hides that nothing was measured; the chart
    breaks its line there and the alt text names the gap.
    """
    ordered = pd.Series(pd.to_datetime(dates).dropna().sort_values().unique())
    if len(ordered) < 3:
        return []
    steps = ordered.diff().iloc[1:]
    usual = steps.median()
    wide = steps[steps > factor * usual]
    return [(pd.Timestamp(ordered[i - 1]), pd.Timestamp(ordered[i])) for i in wide.index]


def run_chart_points(data: pd.DataFrame, result: RunChartResult) -> pd.DataFrame:
    """One tidy row per input row: date, value, phase, median and a flag per signal rule.

    The ``position`` column is the 0-based row position in ``data`` (spreadsheet row =
    position + 2); rows come back in date order, as the chart draws them.
    """
    _check_input(data)
    frame = data.reset_index(drop=True).rename_axis("position").reset_index()
    if result.split_at is None:
        frame["phase"] = result.phases[0].phase
    else:
        before = frame["date"] < pd.Timestamp(result.split_at)
        frame["phase"] = np.where(before, "baseline", "after change")
    frame["median"] = frame["phase"].map({p.phase: p.median for p in result.phases}).astype(float)
    for key in SIGNAL_KEYS:
        flagged = {i for p in result.phases for i in p.signal_positions.get(key, ())}
        frame[key] = frame["position"].isin(flagged)
    return frame.sort_values(["date", "position"], kind="stable").reset_index(drop=True)
