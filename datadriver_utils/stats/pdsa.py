"""The team's Plan-Do-Study-Act cycles, in the order they were run.

``pdsa.csv`` holds one row per cycle: the question, the change tried, what the team predicted,
the measure, the four PDSA notes and the cycle's start and end dates.  Teams add cycles as they
go and rarely keep the file sorted, so every reader starts from :func:`pdsa_cycles`.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["PDSA_COLUMNS", "pdsa_cycles"]

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
