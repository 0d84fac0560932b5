"""The team's Plan-Do-Study-Act cycles, in the order they were run.

``pdsa.csv`` holds one row per cycle: the question, the change tried, what the team predicted,
the measure, the four PDSA notes and the cycle's start and end dates.  Teams add cycles as they
go and rarely keep the file sorted, so every reader starts from :func:`pdsa_cycles`.

The cycles are also the changes a run chart is read against: :func:`change_marks` puts each
cycle's start on the chart (with the team's own notes that name no cycle), and
:func:`change_date` finds the change the chart tests, where its baseline ends.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["ChangeMark", "PDSA_COLUMNS", "change_date", "change_marks", "pdsa_cycles"]

PDSA_COLUMNS = ("cycle", "change_idea", "question", "prediction", "measure", "start_date", "end_date",
                "plan", "do", "study", "act")
"""The tracker's columns in reading order: what was tried and when, then the four PDSA notes."""


def pdsa_cycles(pdsa: pd.DataFrame) -> pd.DataFrame:
    """One row per cycle in cycle order (stable for repeated numbers), dates as ISO text.

    Only the columns of :data:`PDSA_COLUMNS` the file has, in that order; ``cycle`` as a whole
    number (``Int64``), ``start_date`` and ``end_date`` as ``YYYY-MM-DD`` (blank stays blank).
    """
    frame = pdsa.sort_values("cycle", kind="stable")
    out = frame[[c for c in PDSA_COLUMNS if c in frame.columns]].copy()
    out["cycle"] = out["cycle"].astype("Int64")
    for column in ("start_date", "end_date"):
        if column in out:
            out[column] = pd.to_datetime(out[column]).dt.strftime("%Y-%m-%d")
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class ChangeMark:
    """A change to mark on the run chart: a PDSA cycle's start, or a note of the team's.

    ``label`` is short enough to sit above the chart ("Cycle 2", "Note 1"); ``text`` is the
    whole line for the caption and the alt text.
    """

    date: pd.Timestamp
    label: str
    text: str
    cycle: int | None = None


def _names(note: str, change_idea: object) -> bool:
    """True when ``note`` names the change idea (ignoring case), e.g. "Started: <idea>"."""
    idea = str(change_idea).strip().lower() if pd.notna(change_idea) else ""
    return bool(idea) and idea in note.lower()


def _notes(run_chart: pd.DataFrame) -> list[tuple[pd.Timestamp, str]]:
    """The chart's notes (``annotation``) with their dates, in date order."""
    if "annotation" not in run_chart.columns:
        return []
    text = run_chart["annotation"].astype("string").str.strip()
    kept = run_chart.loc[text.notna() & (text != ""), "date"]
    return sorted((pd.Timestamp(when), str(text[i])) for i, when in kept.items())


def _started_cycles(pdsa: pd.DataFrame | None) -> list[tuple[int, pd.Timestamp, str]]:
    """(cycle, start, change idea) of every cycle with a start date, in cycle order."""
    if pdsa is None or pdsa.empty:
        return []
    cycles = pdsa_cycles(pdsa)
    ideas = cycles["change_idea"] if "change_idea" in cycles else pd.Series("", index=cycles.index)
    return [(int(number), pd.Timestamp(start), "" if pd.isna(idea) else str(idea).strip())
            for number, start, idea in zip(cycles["cycle"], cycles.get("start_date", pd.Series(dtype=object)), ideas)
            if pd.notna(start)]


def change_marks(run_chart: pd.DataFrame, pdsa: pd.DataFrame | None = None) -> tuple[ChangeMark, ...]:
    """The changes to mark on a run chart, in date order, within the chart's dates.

    Every PDSA cycle with a start date is marked on that date.  A note in ``run_chart.csv``'s
    ``annotation`` column that names a cycle's change idea stands for that cycle (the team
    often notes the first measured point after the change began) and is not marked twice; any
    other note is marked on its own date.  Without ``pdsa`` the notes are the marks.
    """
    dates = run_chart["date"].dropna()
    if dates.empty:
        return ()
    cycles = _started_cycles(pdsa)
    marks = [ChangeMark(start, f"Cycle {number}", f"Cycle {number} (from {start:%Y-%m-%d})"
                        + (f": {idea}" if idea else ""), number) for number, start, idea in cycles]
    unnamed = [(when, note) for when, note in _notes(run_chart) if not any(_names(note, idea) for *_, idea in cycles)]
    marks += [ChangeMark(when, f"Note {i}", f"Note {i} ({when:%Y-%m-%d}): {note}") for i, (when, note) in enumerate(unnamed, 1)]
    inside = (m for m in marks if dates.min() <= m.date <= dates.max())
    return tuple(sorted(inside, key=lambda m: (m.date, m.label)))


def change_date(run_chart: pd.DataFrame, pdsa: pd.DataFrame | None = None) -> pd.Timestamp | None:
    """Where the chart's baseline ends: the first change the team noted on the chart.

    A note that names a PDSA cycle's change idea dates the change to that cycle's start; any
    other note to its own date.  The earliest such date after the first point splits the chart
    (a change on or before the first point would leave the baseline empty).  None without notes:
    the PDSA cycles alone do not say which change the chart tests.
    """
    dates = run_chart["date"].dropna()
    if dates.empty:
        return None
    cycles = _started_cycles(pdsa)
    changes = [min([start for _, start, idea in cycles if _names(note, idea)], default=when)
               for when, note in _notes(run_chart)]
    return min((when for when in changes if when > dates.min()), default=None)
