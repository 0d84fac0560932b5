"""A team's run chart read as a whole: the analysis once, its signals and a reading in words.

:mod:`datadriver_utils.stats.runchart` applies the rules to one series; this module reads a
team's chart the way notebook 14 shows it.  :func:`read_run_chart` puts the rows in date order
and reads the rules on the whole series with one median -- a change that worked shows as a
long run or a shift after the change date, which splitting first would absorb into the new
phase's own median -- and, beside it, the chart split at the first change the team noted
(each phase with its own median) to read the new level.  The changes come from the team's PDSA
cycles (:func:`~datadriver_utils.stats.pdsa.change_marks`, :func:`~datadriver_utils.stats.pdsa.change_date`).  :func:`signals_summary` lists the
rules that fired with the dates behind them; :func:`describe_signals` says it in plain words.

What the chart *says* is decided once, by :func:`run_chart_verdict`: the chart's title, the
notebook's notes and signal table, summary.json and the snapshot's thread all read the same
:class:`RunChartVerdict`, so they cannot disagree.  The Anhøj rules set the headline (their
false-alarm rate stays near 5 % whatever the number of points, Anhøj & Olesen 2014); an IHI
rule that fires without them is reported beside the headline as a prompt to look closer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from datadriver_utils.core.jsonable import rounded
from datadriver_utils.stats.pdsa import ChangeMark, change_date, change_marks
from datadriver_utils.stats.runchart import (
    TREND_CAVEAT,
    RunChartAnalysis,
    RunChartResult,
    RunChartRules,
    analyse_run_chart,
    measure_name,
    measure_target,
    measurement_gaps,
)

__all__ = ["RunChartReading", "RunChartVerdict", "describe_signals", "read_run_chart", "run_chart_verdict",
           "signals_summary"]

_ANHOEJ_WORDS = (("anhoej_run_signal", "a long run"), ("anhoej_crossings_signal", "too few crossings"))
_IHI_WORDS = (("ihi_shift", "a shift"), ("ihi_trend", "a trend"), ("ihi_astronomical", "a far-out point"))


@dataclass(frozen=True)
class RunChartVerdict:
    """What a team's chart says, once: ``likely_change`` when an Anhøj rule fired on the whole
    series (the headline), the rules behind it in words, and the sentences every view shows.

    ``headline`` is the chart's title; ``sentence`` adds what the IHI rules say when they differ
    and a caution when there are too few useful points.
    """

    likely_change: bool
    anhoej_rules: tuple[str, ...]
    ihi_rules: tuple[str, ...]
    n_useful: int

    min_useful_points: int = 15

    @property
    def enough_points(self) -> bool:
        """At least ``min_useful_points`` useful points: enough for a 'no signal' to mean something."""
        return self.n_useful >= self.min_useful_points

    @property
    def headline(self) -> str:
        ihi = f"; the IHI rules flag {_joined(self.ihi_rules)}" if self.ihi_rules else ""
        if self.likely_change:
            return f"Likely a real change (Anhøj rules: {_joined(self.anhoej_rules)})"
        if not self.enough_points:
            return f"Too few points to tell yet ({self.n_useful} useful of the {self.min_useful_points} needed){ihi}"
        if self.ihi_rules:
            return f"No clear sign of change yet (Anhøj rules){ihi}"
        return "No sign of change yet: ordinary variation so far"

    @property
    def sentence(self) -> str:
        text = self.headline + "."
        if self.likely_change and self.ihi_rules:
            text += f" The IHI rules agree: {_joined(self.ihi_rules)}."
        elif self.ihi_rules:
            text += (" The Anhøj rules set the headline because they keep false alarms near 5%; read the IHI "
                     "flag as a prompt to look closer and keep measuring, not as proof of a change.")
        if not self.enough_points:
            text += (f" Keep measuring: with fewer than {self.min_useful_points} useful points a signal is a hint "
                     "and 'no signal' means 'not known yet'.")
        return text


def _joined(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def run_chart_verdict(result: RunChartResult) -> RunChartVerdict:
    """The verdict on the rules read on the whole series (the first phase of ``result``)."""
    whole = result.phases[0]
    return RunChartVerdict(
        likely_change=whole.anhoej_signal,
        anhoej_rules=tuple(words for flag, words in _ANHOEJ_WORDS if getattr(whole, flag)),
        ihi_rules=tuple(words for flag, words in _IHI_WORDS if getattr(whole, flag)),
        n_useful=whole.n_useful, min_useful_points=whole.rules.min_useful_points)


@dataclass(frozen=True, eq=False)
class RunChartReading:
    """Everything notebook 14 shows of one chart, computed once.

    ``data``: the rows in date order; ``measure``: words for the y axis; ``whole``: the rules
    on the whole series (the signals a team reports); ``split``: the same rows split at
    ``change_date``, each phase with its own median (``None`` without a noted change);
    ``rules``: the lengths and limits used; ``marks``: the PDSA cycles' starts and the team's
    other notes, to draw on the chart.
    """

    data: pd.DataFrame
    measure: str
    whole: RunChartResult
    split: RunChartResult | None
    change_date: pd.Timestamp | None
    rules: RunChartRules
    marks: tuple[ChangeMark, ...] = ()

    @property
    def n_points(self) -> int:
        """Rows with a value."""
        return int(self.data["value"].notna().sum())

    @property
    def target(self) -> float | None:
        """The value the team aims for (``target`` column), if given."""
        return measure_target(self.data)

    @property
    def gaps(self) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
        """Stretches with no measurement (more than twice the usual interval)."""
        return measurement_gaps(self.data.loc[self.data["value"].notna(), "date"])

    @property
    def signals(self) -> list[dict[str, Any]]:
        """:func:`signals_summary` of the whole series."""
        return signals_summary(self.whole)

    @property
    def verdict(self) -> RunChartVerdict:
        """:func:`run_chart_verdict` of the whole series."""
        return run_chart_verdict(self.whole)


def read_run_chart(data: pd.DataFrame, rules: RunChartRules = RunChartRules(),
                   pdsa: pd.DataFrame | None = None) -> RunChartReading:
    """Read a team's run chart: the whole series, and the split at the first noted change
    (dated by the PDSA cycle the note names, when ``pdsa`` is given)."""
    ordered = data.sort_values("date", kind="stable").reset_index(drop=True)
    split_at = change_date(ordered, pdsa)
    has_values = bool(ordered["value"].notna().any())
    whole = analyse_run_chart(ordered, rules=rules)
    split = None if split_at is None or not has_values else analyse_run_chart(ordered, split_at, rules)
    return RunChartReading(ordered, measure_name(ordered), whole, split, split_at, rules, change_marks(ordered, pdsa))


def _shown(median: float) -> str:
    """A median in words as summary.json publishes it (one decimal, the one rounding rule)."""
    return f"{rounded(median, 1):g}"


def _as_phases(result: RunChartResult | RunChartAnalysis) -> tuple[RunChartAnalysis, ...]:
    return result.phases if isinstance(result, RunChartResult) else (result,)


def _signal_rows(p: RunChartAnalysis) -> list[tuple[str, str, tuple[str, ...], str]]:
    """(rule, rule set, dates, plain description) for each rule that fired in one phase."""
    where = f"In '{p.phase}' (median {_shown(p.median)})" if p.median is not None else ""
    rows = []
    if p.anhoej_run_signal:
        rows.append(("long_run", "Anhøj", p.signal_dates["anhoej_long_run"],
                     f"{where}, {p.longest_run} points in a row sat on one side of the median; "
                     f"with {p.n_useful} useful points, chance alone rarely gives more than "
                     f"{p.longest_run_max}."))
    if p.anhoej_crossings_signal:
        dates = tuple(d for k in ("start", "end") if (d := getattr(p, k)))
        rows.append(("few_crossings", "Anhøj", dates,
                     f"{where}, the line crossed the median only {p.crossings} time(s); with "
                     f"{p.n_useful} useful points, chance alone gives at least "
                     f"{p.crossings_min}. The dates are the phase's first and last."))
    if p.ihi_shift:
        rows.append(("shift", "IHI", p.signal_dates["ihi_shift"],
                     f"{where}, a shift: {p.rules.shift_length} or more points in a row on one side "
                     "of the median (points on the median skipped)."))
    if p.ihi_trend:
        rows.append(("trend", "IHI", p.signal_dates["ihi_trend"],
                     f"{where}, a trend: {p.rules.trend_length} or more points each higher (or each "
                     f"lower) than the one before. {TREND_CAVEAT}."))
    if p.ihi_astronomical:
        rows.append(("astronomical_point", "IHI", p.signal_dates["ihi_astronomical"],
                     f"{where}, a point far from the rest: {p.rules.astronomical_heuristic}."))
    return rows


def signals_summary(result: RunChartResult | RunChartAnalysis) -> list[dict[str, Any]]:
    """One record per rule that fired, for ``summary.json``.

    Keys: ``rule``, ``rule_set`` (``"Anhøj"`` or ``"IHI"``), ``phase``, ``dates`` (ISO
    strings of the points that triggered it) and ``description`` in plain words.
    """
    return [
        {"rule": rule, "rule_set": rule_set, "phase": p.phase, "dates": list(dates),
         "description": text}
        for p in _as_phases(result)
        for rule, rule_set, dates, text in _signal_rows(p)
    ]


def _describe_phase(p: RunChartAnalysis) -> str:
    """Two or three sentences on one phase for a coach."""
    if p.median is None:
        return f"'{p.phase}' has no values yet, so there is nothing to read."
    head = f"In '{p.phase}' ({p.start} to {p.end}) the middle value (median) is {_shown(p.median)}."
    found = []
    if p.anhoej_run_signal:
        found.append(f"a run of {p.longest_run} points on one side of the median, longer than "
                     f"the {p.longest_run_max} chance usually allows")
    if p.anhoej_crossings_signal:
        found.append(f"only {p.crossings} crossing(s) of the median where chance usually gives "
                     f"at least {p.crossings_min}")
    if p.anhoej_signal:
        body = "The Anhøj rules find a likely real change: " + " and ".join(found) + "."
    else:
        body = ("The Anhøj rules find no sign of change: the points cross the median often "
                "enough and no run on one side is unusually long.")
    ihi = [name for name, hit in (("a shift", p.ihi_shift), ("a trend (weak evidence on its "
           "own)", p.ihi_trend), ("an unusually far point", p.ihi_astronomical)) if hit]
    if ihi:
        body += " The IHI rules also flag " + ", ".join(ihi) + "."
    return " ".join([head, body, *p.warnings])


def describe_signals(result: RunChartResult | RunChartAnalysis) -> str:
    """A short plain-language reading of the chart, phase by phase, for a coach."""
    return "\n".join(_describe_phase(p) for p in _as_phases(result))
