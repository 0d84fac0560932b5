"""Spreadsheet row numbers, whichever way a table was loaded.

Tables loaded by the contract are indexed by the row a spreadsheet shows (the header is row 1,
index name ``"row"``), which stays true when blank rows were skipped. A table built in code has
a plain 0-based index, whose spreadsheet row is index + 2. Every message that names a row goes
through here so both kinds give the row a person sees in Excel.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["spreadsheet_row", "spreadsheet_rows"]


def spreadsheet_rows(frame: pd.DataFrame | pd.Series) -> pd.Series:
    """The spreadsheet row of every row of ``frame``, aligned with its index."""
    index = frame.index.to_series().astype(int)
    return index if frame.index.name == "row" else index + 2


def spreadsheet_row(frame: pd.DataFrame | pd.Series, label: object) -> int:
    """The spreadsheet row of the row labelled ``label``."""
    return int(label) if frame.index.name == "row" else int(label) + 2  # type: ignore[call-overload]
