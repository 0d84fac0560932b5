"""The change workshop's numbers (notebook 05): the change-actions tracker and the survey gap.

Activity 1.9 of the District Data Team Toolkit (Massachusetts ESE, Module 1; shared/seeds 004)
offers a framework of seven steps for managing the change to data use and asks the team to
track its change actions.  This module judges that tracker -- which actions are done, open,
overdue or undated -- and relates the framework to the Stages of Concern (Hall & Hord; the
profile itself is :func:`datadriver_utils.stats.ratings.concerns_profile`).

"Overdue" is judged as of the date the caller passes: the report's ``as_of`` (the notebook's
parameter, ``datadriver run --as-of``, else the day the report is made; docs/analysis.md
"Dates judged against time"), never the day the tracker was saved -- an action due after the
last save is still late once its day has passed.  Pure functions on DataFrames and dates:
nothing here knows about audiences.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from datadriver_utils.workshop.content import CHANGE_ACTIONS

__all__ = [
    "DONE_WORDS", "STAGE_TO_STEP", "STEP_NAMES", "action_tracker", "actions_summary", "change_framework",
    "missing_steps", "months_apart", "overdue_actions",
]

DONE_WORDS = frozenset({"done", "complete", "completed", "finished"})
"""Statuses that mean an action is finished (compared lower-cased)."""
STAGE_TO_STEP: dict[int, str] = {0: "build_awareness", 1: "build_awareness",
                                 2: "understand_concerns", 3: "manage_process",
                                 4: "monitor_process", 5: "build_capacity", 6: "celebrate"}
"""The step of the toolkit's change framework that tends to help at each stage of concern."""
STEP_NAMES = {a.id: a.name for a in CHANGE_ACTIONS}
"""Step id -> the step's name in the toolkit."""
_STEP_IDS = {**{a.name.lower(): a.id for a in CHANGE_ACTIONS}, **{a.id: a.id for a in CHANGE_ACTIONS}}


def change_framework() -> pd.DataFrame:
    """The seven steps of the change framework and the stages of concern each tends to answer:
    ``step_name, description, stages`` (stages as text, e.g. ``"0, 1"``; ``""`` for none)."""
    rows = [(a.name, a.description, ", ".join(str(n) for n, step in STAGE_TO_STEP.items() if step == a.id))
            for a in CHANGE_ACTIONS]
    return pd.DataFrame(rows, columns=["step_name", "description", "stages"])


def _flag(tracker: pd.DataFrame, as_of: pd.Timestamp | None, cycle_end: dt.date | None) -> pd.Series:
    due, never = tracker["due"], pd.Series(False, index=tracker.index)
    late = due.lt(as_of) if as_of is not None else never
    after = due.gt(pd.Timestamp(cycle_end)) if cycle_end is not None else never
    conditions = [tracker["status"].isin(DONE_WORDS), due.isna(), late, after]
    return pd.Series(np.select(conditions, ["done", "no readable due date", "overdue",
                                            "due after the cycle ends"], "open"), index=tracker.index)


def action_tracker(actions: pd.DataFrame, as_of: pd.Timestamp | None,
                   cycle_end: dt.date | None = None) -> pd.DataFrame:
    """The change actions with a ``flag`` and ``days_overdue`` each.

    ``actions``: ``step`` (a change step id or name, or the group's own words), ``action``,
    ``owner``, ``due`` (ISO date text or datetime), ``status``. Rows without an action are
    left out (the live editor saves every step, filled or not). ``flag`` is, in this order:
    "done" (status done/complete/finished), "no readable due date", "overdue" (due before
    ``as_of``), "due after the cycle ends", else "open". ``days_overdue = as_of - due``.
    """
    table = actions.reindex(columns=["step", "action", "owner", "due", "status"]).astype(
        {"step": object, "action": object, "owner": object, "status": object})
    table = table[table["action"].fillna("").astype(str).str.strip() != ""].copy()
    step = table["step"].fillna("").astype(str).str.strip()
    table["step"] = step.map(lambda s: _STEP_IDS.get(s.lower(), s))
    table.insert(1, "step_name", table["step"].map(lambda s: STEP_NAMES.get(s, s)))
    table["due"] = pd.to_datetime(table["due"], errors="coerce", format="mixed")
    table["status"] = table["status"].fillna("").astype(str).str.strip().str.lower()
    table["flag"] = _flag(table, as_of, cycle_end)
    overdue = table["flag"] == "overdue"
    days = (as_of - table["due"]).dt.days if as_of is not None else pd.Series(np.nan, table.index)
    table["days_overdue"] = days.where(overdue).astype("Int64")
    return table.reset_index(drop=True)


def missing_steps(tracker: pd.DataFrame) -> list[str]:
    """Ids of the framework's steps with no action in the tracker, in the toolkit's order."""
    return [a.id for a in CHANGE_ACTIONS if a.id not in set(tracker["step"])]


def overdue_actions(tracker: pd.DataFrame, *, with_owner: bool) -> list[dict[str, Any]]:
    """The overdue rows of :func:`action_tracker` as plain records: ``step, action, due``
    (``YYYY-MM-DD``), ``days_overdue`` and, when ``with_owner``, ``owner``."""
    keep = ["step", "action", "due", "days_overdue"] + (["owner"] if with_owner else [])
    late = tracker.loc[tracker["flag"] == "overdue", keep]
    return [{k: (None if pd.isna(v) else v.strftime("%Y-%m-%d") if k == "due" else
                 int(v) if k == "days_overdue" else str(v)) for k, v in row.items()}
            for row in late.to_dict("records")]


def actions_summary(tracker: pd.DataFrame, as_of: pd.Timestamp | None, *, with_owner: bool) -> dict[str, Any]:
    """The tracker in numbers: the date it is judged at, how many actions, how many per flag
    (flags in alphabetical order), the overdue ones and the steps without an action."""
    return {"as_of": None if as_of is None else as_of.strftime("%Y-%m-%d"),
            "n_actions": int(len(tracker)),
            "by_flag": {str(k): int(v) for k, v in tracker["flag"].value_counts().sort_index().items()},
            "overdue": overdue_actions(tracker, with_owner=with_owner),
            "steps_without_action": missing_steps(tracker)}


def months_apart(first: str, latest: str) -> int | None:
    """Whole months between two ``YYYY-MM`` labels (``None`` if either is not one)."""
    try:
        a, b = (dt.datetime.strptime(str(x)[:7], "%Y-%m") for x in (first, latest))
    except ValueError:
        return None
    return (b.year - a.year) * 12 + b.month - a.month
