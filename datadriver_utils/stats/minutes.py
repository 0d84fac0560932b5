"""Team meeting minutes as a record of actions followed up (notebook 01, toolkit activity 1.4).

The District Data Team Toolkit (Massachusetts ESE, Module 1; shared/seeds 004) gives a team an
agenda and a minutes template so that work agreed in a meeting gets done between meetings.  A
blank template does not show whether it did; this module reads every meeting's saved minutes
as one record:

* each meeting (one save per meeting date; a later save of the same date corrects it) holds
  its decisions, its new **actions** (what, owner, due) and the **follow-up** of earlier
  actions (a status: not started, in progress, done or dropped, with a note);
* an action's **flag** at the as-of date (the latest meeting, never the wall clock): *done* or
  *dropped* once a meeting recorded it so; else *no due date*, *overdue* (due before the as-of
  date) or *open*;
* **followed up at the next meeting**: an action raised at a meeting that has a next one, whose
  status the next meeting recorded; the follow-up rate = those ÷ actions raised before the
  latest meeting × 100;
* **meetings open**: later meetings at which an action was still not closed (carried over).

Pure functions on plain records and DataFrames: nothing here knows about audiences or widgets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "ACTION_STATUSES", "CLOSED", "MeetingLog", "action_register", "follow_up_matrix", "meeting_log",
    "minutes_summary", "open_actions",
]

ACTION_STATUSES: tuple[str, ...] = ("not started", "in progress", "done", "dropped")
"""What a meeting can record about an earlier action."""
CLOSED = frozenset({"done", "dropped"})
_ALIASES = {"complete": "done", "completed": "done", "finished": "done", "started": "in progress",
            "ongoing": "in progress", "cancelled": "dropped", "canceled": "dropped"}
NOT_REVIEWED = "not reviewed"


@dataclass(frozen=True)
class MeetingLog:
    """Every meeting, action and follow-up, read from the saved minutes."""

    meetings: pd.DataFrame  # meeting, n_present, n_decisions, n_new_actions, n_reviewed
    actions: pd.DataFrame   # action_id, raised, action, owner, due
    statuses: pd.DataFrame  # action_id, meeting, status, note
    unstructured: int = 0   # saves without a meeting date (earlier free-text minutes)


def _day(value: Any) -> pd.Timestamp | None:
    stamp = pd.to_datetime(str(value).strip(), errors="coerce", format="%Y-%m-%d") if value else pd.NaT
    return None if pd.isna(stamp) else stamp


def _lines(value: Any) -> list[str]:
    items = value if isinstance(value, list) else str(value or "").splitlines()
    return [str(v).strip() for v in items if str(v).strip()]


def _status(value: Any) -> str | None:
    text = str(value or "").strip().lower()
    text = _ALIASES.get(text, text)
    return text if text in ACTION_STATUSES else None


def meeting_log(records: Sequence[Mapping[str, Any]]) -> MeetingLog:
    """Read saved minutes (oldest save first) into a :class:`MeetingLog`.

    The latest save of each meeting date wins; saves without a readable ``meeting`` date are
    counted in ``unstructured`` and otherwise left out.  Actions without an ``id`` get
    ``<meeting>#<n>``; follow-ups with a status this module does not know are left out.
    """
    by_day: dict[pd.Timestamp, Mapping[str, Any]] = {}
    unstructured = 0
    for record in records:
        day = _day(record.get("meeting"))
        if day is None:
            unstructured += 1
        else:
            by_day[day] = record
    meetings, actions, statuses = [], [], []
    for day in sorted(by_day):
        record = by_day[day]
        new = [a for a in record.get("actions") or [] if str(a.get("action") or "").strip()]
        for n, action in enumerate(new, start=1):
            actions.append({"action_id": str(action.get("id") or f"{day:%Y-%m-%d}#{n}"), "raised": day,
                            "action": str(action["action"]).strip(), "owner": str(action.get("owner") or "").strip(),
                            "due": _day(action.get("due"))})
        reviewed = [(str(f.get("id")), _status(f.get("status")), str(f.get("note") or "").strip())
                    for f in record.get("follow_up") or []]
        statuses += [{"action_id": i, "meeting": day, "status": s, "note": n} for i, s, n in reviewed if s]
        present = record.get("present")
        meetings.append({"meeting": day, "n_present": len(present if isinstance(present, list) else
                                                          [p for p in str(present or "").split(",") if p.strip()]),
                         "n_decisions": len(_lines(record.get("decisions"))), "n_new_actions": len(new),
                         "n_reviewed": sum(1 for _, s, _ in reviewed if s)})
    return MeetingLog(
        pd.DataFrame(meetings, columns=["meeting", "n_present", "n_decisions", "n_new_actions", "n_reviewed"]),
        pd.DataFrame(actions, columns=["action_id", "raised", "action", "owner", "due"]).astype({"due": "datetime64[ns]"}),
        pd.DataFrame(statuses, columns=["action_id", "meeting", "status", "note"]), unstructured)


def _latest_status(log: MeetingLog, as_of: pd.Timestamp) -> pd.DataFrame:
    seen = log.statuses[log.statuses["meeting"] <= as_of].sort_values("meeting")
    latest = seen.drop_duplicates("action_id", keep="last").set_index("action_id")
    closed = seen[seen["status"].isin(CLOSED)].drop_duplicates("action_id", keep="first").set_index("action_id")
    return latest[["status", "meeting"]].join(closed["meeting"].rename("closed_at"), how="left")


def _followed_up_next(log: MeetingLog) -> pd.Series:
    days = list(log.meetings["meeting"])
    following = {day: days[i + 1] for i, day in enumerate(days[:-1])}
    reviewed = set(zip(log.statuses["action_id"], log.statuses["meeting"]))
    return pd.Series([pd.NA if raised not in following else (action_id, following[raised]) in reviewed
                      for action_id, raised in zip(log.actions["action_id"], log.actions["raised"])],
                     index=log.actions.index, dtype="boolean")


def action_register(log: MeetingLog, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """One row per action: ``action_id, raised, action, owner, due, status, flag, days_overdue,
    followed_up_next, meetings_open``, judged at ``as_of`` (default: the latest meeting)."""
    columns = ["action_id", "raised", "action", "owner", "due", "status", "flag", "days_overdue",
               "followed_up_next", "meetings_open"]
    if log.actions.empty:
        return pd.DataFrame(columns=columns)
    as_of = as_of if as_of is not None else log.meetings["meeting"].max()
    table = log.actions[log.actions["raised"] <= as_of].copy()
    latest = _latest_status(log, as_of)
    table["status"] = table["action_id"].map(latest["status"].to_dict()).astype(object).fillna(NOT_REVIEWED)
    # dicts, not Series: with no status recorded yet (an as-of date before the second meeting)
    # an empty datetime Series cannot be used as a mapper
    closed_at = table["action_id"].map(latest["closed_at"].to_dict()).where(table["status"].isin(CLOSED))
    conditions = [table["status"] == "done", table["status"] == "dropped", table["due"].isna(), table["due"] < as_of]
    table["flag"] = np.select(conditions, ["done", "dropped", "no due date", "overdue"], "open")
    table["days_overdue"] = (as_of - table["due"]).dt.days.where(table["flag"] == "overdue").astype("Int64")
    table["followed_up_next"] = _followed_up_next(log).reindex(table.index)
    days = log.meetings.loc[log.meetings["meeting"] <= as_of, "meeting"]
    table["meetings_open"] = [_meetings_open(days, raised, end) for raised, end in zip(table["raised"], closed_at)]
    return table[columns].reset_index(drop=True)


def _meetings_open(days: pd.Series, raised: pd.Timestamp, closed_at: Any) -> int:
    """Meetings after ``raised`` (and before the one that closed it) at which it was still open."""
    later = days[days > raised]
    return int(len(later if pd.isna(closed_at) else later[later < closed_at]))


def open_actions(register: pd.DataFrame) -> pd.DataFrame:
    """Actions not yet done or dropped: what the next meeting must follow up."""
    return register[~register["flag"].isin(CLOSED)].reset_index(drop=True)


def follow_up_matrix(log: MeetingLog, register: pd.DataFrame) -> pd.DataFrame:
    """Actions down, meetings across: "raised" at its meeting, then each meeting's status, or
    "not reviewed" where an open action was skipped; blank before it was raised and after it closed."""
    days = list(log.meetings["meeting"])
    labels = [f"{d:%Y-%m-%d}" for d in days]
    statuses = {(a, m): s for a, m, s in zip(log.statuses["action_id"], log.statuses["meeting"], log.statuses["status"])}
    rows = []
    for action in register.itertuples(index=False):
        cells, closed = [], False
        for day in days:
            if day < action.raised or closed:
                cells.append("")
            elif day == action.raised:
                cells.append("raised")
            else:
                status = statuses.get((action.action_id, day))
                cells.append(status or NOT_REVIEWED)
                closed = status in CLOSED
        rows.append([action.action, action.owner, *cells])
    return pd.DataFrame(rows, columns=["action", "owner", *labels])


def minutes_summary(log: MeetingLog, register: pd.DataFrame, *, with_owner: bool,
                    as_of: pd.Timestamp | None = None) -> dict[str, Any]:
    """The record in numbers: the date flags are judged at (``as_of``, default the latest
    meeting), the latest meeting on or before it, meetings, actions, actions per flag, the
    follow-up rate at the next meeting, actions carried over two or more meetings, the overdue ones."""
    asked = register["followed_up_next"].dropna()
    late = register[register["flag"] == "overdue"].sort_values("days_overdue", ascending=False)
    judged_at = as_of if as_of is not None else (None if log.meetings.empty else log.meetings["meeting"].max())
    held = log.meetings["meeting"] if judged_at is None else log.meetings.loc[log.meetings["meeting"] <= judged_at,
                                                                              "meeting"]
    return {
        "as_of": None if judged_at is None else f"{judged_at:%Y-%m-%d}",
        "latest_meeting": None if held.empty else f"{held.max():%Y-%m-%d}",
        "n_meetings": int(len(held)),
        "n_actions": int(len(register)),
        "by_flag": {str(k): int(v) for k, v in register["flag"].value_counts().sort_index().items()},
        "followed_up_next_pct": None if asked.empty else 100.0 * float(asked.astype(bool).mean()),
        "n_carried_over": int((register["meetings_open"] >= 2).sum()),
        "overdue": [{"action": str(r["action"]), "due": f"{r['due']:%Y-%m-%d}", "days_overdue": int(r["days_overdue"]),
                     **({"owner": str(r["owner"])} if with_owner else {})} for r in late.to_dict("records")],
    }
