"""The PDSA tracker read in cycle order."""

from __future__ import annotations

import pandas as pd

from datadriver_utils.stats.pdsa import PDSA_COLUMNS, change_date, change_marks, pdsa_cycles


def test_cycles_in_order_with_iso_dates_and_reading_columns() -> None:
    raw = pd.DataFrame({
        "act": ["Adopt", "Adapt", "Abandon"], "cycle": [2.0, 1.0, 3.0],
        "question": ["Q2", "Q1", "Q3"], "change_idea": ["B", "A", "C"],
        "start_date": pd.to_datetime(["2025-10-01", "2025-09-01", None]),
        "note": ["not a tracker column", "", ""],
    })
    cycles = pdsa_cycles(raw)
    assert cycles["cycle"].tolist() == [1, 2, 3] and str(cycles["cycle"].dtype) == "Int64"
    assert cycles["change_idea"].tolist() == ["A", "B", "C"]
    assert cycles["start_date"].tolist()[:2] == ["2025-09-01", "2025-10-01"]
    assert pd.isna(cycles["start_date"].iloc[2])  # a blank date stays blank
    assert list(cycles.columns) == [c for c in PDSA_COLUMNS if c in raw.columns]  # "note" left out


CHART = pd.DataFrame({
    "date": pd.to_datetime(["2025-09-16", "2025-10-07", "2025-11-04", "2025-11-06", "2026-01-29"]),
    "value": [50.0, 51, 49, 52, 50],
    "annotation": [None, "Fire drill week", "Started: Accuracy-based homework check", None, None],
})
CYCLES = pd.DataFrame({
    "cycle": [3, 1, 2, 4], "change_idea": ["Common scoring", "Unit-rate warm-up", "Accuracy-based homework check",
                                           "Spring idea"],
    "start_date": pd.to_datetime(["2025-12-15", "2025-10-06", "2025-11-03", "2026-03-02"]),
})


def test_change_marks_are_the_cycles_and_the_notes_that_name_none() -> None:
    marks = change_marks(CHART, CYCLES)
    # cycles 1-3 on their start dates (cycle 4 starts after the last point); the fire-drill note
    # names no cycle and keeps its own mark; the 11-04 note names cycle 2 and is not marked twice
    assert [(m.date.strftime("%Y-%m-%d"), m.label) for m in marks] == [
        ("2025-10-06", "Cycle 1"), ("2025-10-07", "Note 1"), ("2025-11-03", "Cycle 2"), ("2025-12-15", "Cycle 3")]
    assert marks[2].text == "Cycle 2 (from 2025-11-03): Accuracy-based homework check" and marks[2].cycle == 2
    assert marks[1].text == "Note 1 (2025-10-07): Fire drill week"
    assert [m.label for m in change_marks(CHART)] == ["Note 1", "Note 2"]  # no tracker: the notes


def test_change_date_is_the_start_of_the_cycle_the_note_names() -> None:
    # notes: the fire drill (its own date, 10-07) and cycle 2's change (dated 11-03): the first is 10-07
    assert change_date(CHART, CYCLES) == pd.Timestamp("2025-10-07")
    named_only = CHART.assign(annotation=[None, None, "Started: Accuracy-based homework check", None, None])
    assert change_date(named_only, CYCLES) == pd.Timestamp("2025-11-03")  # not the note's 11-04
    assert change_date(named_only) == pd.Timestamp("2025-11-04")  # without the tracker, the note's date
    assert change_date(CHART.assign(annotation=None), CYCLES) is None  # no note: the chart tests no change
    early = named_only.assign(annotation=["Started: Accuracy-based homework check", None, None, None, None])
    assert change_date(early) is None  # a change on the first point leaves no baseline
