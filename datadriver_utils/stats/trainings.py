"""The data-literacy training catalog (notebook 06): who needs which training, by when, done or not.

Toolkit activity 1.8 (Massachusetts ESE, Module 1; shared/seeds 004) asks a data team to plan
how each group of staff gains the assessment literacy it needs.  ``trainings.csv`` holds one
row per person and training (``person, role, training, topic, due, completed_on, provider``);
this module judges each row as of a date the caller passes, never the wall clock, so a report
says the same thing each time it runs:

* **done**: ``completed_on`` is filled;
* **no due date**: not done and ``due`` is blank;
* **overdue**: not done and ``due`` < the as-of date (``days_overdue`` = as-of − due);
* **due soon**: not done and due within ``soon_days`` (30) of the as-of date;
* **open**: not done and due later.

Without an as-of date nothing is overdue or due soon (all undone rows with a date are open).
Pure functions on DataFrames and dates: nothing here knows about audiences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "STATUSES", "catalog_as_of", "terms_without_training", "overdue_trainings", "people_overview", "training_overview", "training_status",
]

STATUSES: tuple[str, ...] = ("done", "due soon", "open", "overdue", "no due date")
"""Every status, in the order tables and charts list them."""


def catalog_as_of(as_of: str | dt.date | None, report_day: dt.date) -> tuple[pd.Timestamp, str]:
    """The date overdue is judged at, and where it comes from in words.

    ``as_of`` (an ISO date or a date given to the view) wins; else ``report_day``, the report's
    own as-of date (the notebook's parameter, ``datadriver run --as-of``, else the day it runs;
    docs/analysis.md "Dates judged against time").  Raises ``ValueError`` for text that is not
    an ISO date.
    """
    if as_of not in (None, ""):
        day = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(str(as_of).strip())
        return pd.Timestamp(day), "the date given to this view"
    return pd.Timestamp(report_day), "the report's as-of date"


def training_status(catalog: pd.DataFrame, as_of: pd.Timestamp | None, soon_days: int = 30) -> pd.DataFrame:
    """The catalog with ``status`` (one of :data:`STATUSES`) and ``days_overdue`` per row.

    ``catalog`` needs ``person``, ``training`` and ``due``; ``completed_on`` may be absent
    (nothing done yet).  Dates may be datetimes or ISO text.
    """
    table = catalog.copy()
    table["due"] = pd.to_datetime(table["due"], errors="coerce", format="mixed")
    completed = table["completed_on"] if "completed_on" in table else pd.Series(pd.NaT, index=table.index)
    table["completed_on"] = pd.to_datetime(completed, errors="coerce", format="mixed")
    done = table["completed_on"].notna()
    undated = table["due"].isna()
    if as_of is None:
        late = soon = pd.Series(False, index=table.index)
    else:
        late = table["due"] < as_of
        soon = table["due"] <= as_of + pd.Timedelta(days=soon_days)
    table["status"] = np.select([done, undated, late, soon], ["done", "no due date", "overdue", "due soon"], "open")
    days = (as_of - table["due"]).dt.days if as_of is not None else pd.Series(np.nan, index=table.index)
    table["days_overdue"] = days.where(table["status"] == "overdue").astype("Int64")
    return table.reset_index(drop=True)


def _count(judged: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    counts = pd.crosstab([judged[k] for k in keys], judged["status"]).reindex(columns=list(STATUSES), fill_value=0)
    counts.columns = [f"n_{s.replace(' ', '_')}" for s in STATUSES]
    counts.insert(0, "n", counts.sum(axis=1))
    counts["pct_done"] = 100.0 * counts["n_done"] / counts["n"]
    return counts.reset_index()


def training_overview(judged: pd.DataFrame) -> pd.DataFrame:
    """Per training, in the catalog's order: people who need it, how many per status, % done."""
    if judged.empty:
        return pd.DataFrame(columns=["training", "n", *[f"n_{s.replace(' ', '_')}" for s in STATUSES], "pct_done"])
    order = list(dict.fromkeys(judged["training"].astype(str)))
    table = _count(judged.assign(training=judged["training"].astype(str)), ["training"])
    return table.set_index("training").loc[order].reset_index()


def people_overview(judged: pd.DataFrame) -> pd.DataFrame:
    """Per person (team view only): trainings needed, how many per status, % done."""
    if judged.empty:
        return pd.DataFrame(columns=["person", "n", *[f"n_{s.replace(' ', '_')}" for s in STATUSES], "pct_done"])
    order = list(dict.fromkeys(judged["person"].astype(str)))
    table = _count(judged.assign(person=judged["person"].astype(str)), ["person"])
    return table.set_index("person").loc[order].reset_index()


def overdue_trainings(judged: pd.DataFrame, *, with_person: bool) -> list[dict[str, Any]]:
    """The overdue rows as plain records (``training, due, days_overdue`` [, ``person``]), most overdue first."""
    late = judged[judged["status"] == "overdue"].sort_values(["days_overdue", "training"], ascending=[False, True])
    return [{"training": str(row["training"]), "due": row["due"].strftime("%Y-%m-%d"),
             "days_overdue": int(row["days_overdue"]), **({"person": str(row["person"])} if with_person else {})}
            for row in late.to_dict("records")]


def _phrases(topics: pd.Series) -> set[str]:
    return {p.strip().lower() for text in topics.dropna().astype(str) for p in text.replace(",", ";").split(";")
            if p.strip()}


def terms_without_training(catalog: pd.DataFrame, terms: Sequence[tuple[str, str]]) -> list[str]:
    """Ids of glossary terms ``(id, name)`` that no training's ``topic`` covers, in the glossary's order.

    A topic phrase covers a term when it equals the term's id read as words (``scale_score`` ->
    "scale score") or appears in the term's name ("percentile" in "Percentile rank").
    """
    phrases = _phrases(catalog["topic"]) if "topic" in catalog else set()

    def covered(term_id: str, name: str) -> bool:
        words, lowered = term_id.replace("_", " "), name.lower()
        return any(p == words or p in lowered for p in phrases)

    return [term_id for term_id, name in terms if not covered(term_id, name)]
