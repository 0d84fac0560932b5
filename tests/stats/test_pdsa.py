"""The PDSA tracker read in cycle order."""

from __future__ import annotations

import pandas as pd

from datadriver_utils.stats.pdsa import PDSA_COLUMNS, pdsa_cycles


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
