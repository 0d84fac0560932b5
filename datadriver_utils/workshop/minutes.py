"""The live minutes of a team meeting: decisions, actions, and the follow-up of earlier actions.

Toolkit activity 1.4 (Massachusetts ESE, Module 1; shared/seeds 004) offers a minutes template
so that what a meeting agrees gets done.  This form keeps the template's parts (who came, the
data looked at, what was noticed, decisions, items for next time) and adds what makes minutes
a record: each action with its owner and due date, and -- for every action earlier meetings
left open -- the status the team records today.  Each Save is one meeting's record under
``responses/meeting_minutes``; saving the same meeting date again corrects it (the record keeps
the latest save of each date, :func:`datadriver_utils.stats.minutes.meeting_log`).

``controls``: ``meeting``, ``present``, ``data_reviewed``, ``noticed``, ``decisions``,
``next_time``, ``(n, "action" | "owner" | "due")`` per action row, ``("follow", action_id)``
and ``("note", action_id)`` per open action, ``"add_action"`` and ``"save"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as w
import pandas as pd

from datadriver_utils.errors import CaptureError
from datadriver_utils.stats.minutes import ACTION_STATUSES
from datadriver_utils.workshop.store import ResponseStore
from datadriver_utils.workshop.widgets import OnSaved, _box, _run_save, _saved_line

__all__ = ["fill_minutes", "minutes_form"]

_STYLE = {"description_width": "12em"}
_AREA = w.Layout(width="48em", height="4em")
_FIRST_ROWS = 3


def _action_row(n: int, members: Sequence[str]) -> dict[tuple[int, str], w.Widget]:
    return {(n, "action"): w.Text(placeholder=f"Action {n + 1}: what", layout=w.Layout(width="26em")),
            (n, "owner"): w.Combobox(options=list(members), placeholder="owner", layout=w.Layout(width="12em")),
            (n, "due"): w.Text(placeholder="due YYYY-MM-DD", layout=w.Layout(width="10em"))}


def _parse_day(text: str, what: str) -> str:
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError as err:
        raise CaptureError(f"{what}: write the date as YYYY-MM-DD, for example 2025-10-14 (found {text!r}).") from err


def _open_label(row: Mapping[str, Any]) -> str:
    due = row.get("due")
    when = "" if due is None or pd.isna(due) else f", due {pd.Timestamp(due):%Y-%m-%d}"
    return f"{row['action']} ({row.get('owner') or 'no owner'}{when}; raised {pd.Timestamp(row['raised']):%Y-%m-%d})"


def minutes_form(store: ResponseStore, activity: str, open_actions: pd.DataFrame, members: Sequence[str], *,
                 on_saved: OnSaved | None = None, session: str | None = None) -> w.VBox:
    """The meeting's minutes: the template's fields, new actions, and the open actions to follow up.

    ``open_actions`` holds ``action_id, action, owner, due, raised`` of every action not yet
    done or dropped (:func:`datadriver_utils.stats.minutes.open_actions`).
    """
    text = {"meeting": w.Text(placeholder="YYYY-MM-DD", description="Meeting date", style=_STYLE),
            "present": w.Text(description="Present", placeholder="names, separated by commas", style=_STYLE,
                              layout=w.Layout(width="48em")),
            "data_reviewed": w.Textarea(description="Data we looked at", style=_STYLE, layout=_AREA),
            "noticed": w.Textarea(description="What we noticed", style=_STYLE, layout=_AREA),
            "decisions": w.Textarea(description="Decisions (one a line)", style=_STYLE, layout=_AREA),
            "next_time": w.Textarea(description="Items for next time", style=_STYLE, layout=_AREA)}
    controls: dict[Any, w.Widget] = dict(text)
    actions_box = w.VBox()

    def add_action(_: Any = None) -> None:
        row = _action_row(sum(1 for k in controls if isinstance(k, tuple) and k[1] == "action"), members)
        controls.update(row)
        actions_box.children = (*actions_box.children, w.HBox(list(row.values())))

    for _ in range(_FIRST_ROWS):
        add_action()
    follow = []
    for row in open_actions.to_dict("records"):
        status = w.Dropdown(options=[("not reviewed", ""), *[(s, s) for s in ACTION_STATUSES]], value="",
                            layout=w.Layout(width="12em"))
        note = w.Text(placeholder="note", layout=w.Layout(width="20em"))
        controls[("follow", str(row["action_id"]))], controls[("note", str(row["action_id"]))] = status, note
        follow.append(w.HBox([w.Label(_open_label(row), layout=w.Layout(width="34em")), status, note]))
    add, save = w.Button(description="Add an action", icon="plus"), w.Button(description="Save", icon="save")
    controls.update({"add_action": add, "save": save})
    status_line, out = w.HTML(), w.Output()

    def record() -> dict[str, Any]:
        day = _parse_day(text["meeting"].value, "Meeting date")
        rows = sorted({k[0] for k in controls if isinstance(k, tuple) and k[1] == "action"})
        actions: list[dict[str, Any]] = []
        for n in rows:
            what = controls[(n, "action")].value.strip()
            if what:
                due = controls[(n, "due")].value.strip()
                actions.append({"id": f"{day}#{len(actions) + 1}", "action": what,
                                "owner": controls[(n, "owner")].value.strip(),
                                "due": _parse_day(due, f"Due date of '{what}'") if due else None})
        followed = [{"id": key[1], "status": widget.value, "note": controls[("note", key[1])].value.strip()}
                    for key, widget in controls.items() if isinstance(key, tuple) and key[0] == "follow" and widget.value]
        return {"meeting": day, "present": [p.strip() for p in text["present"].value.split(",") if p.strip()],
                "data_reviewed": text["data_reviewed"].value.strip(), "noticed": text["noticed"].value.strip(),
                "decisions": [d.strip() for d in text["decisions"].value.splitlines() if d.strip()],
                "actions": actions, "follow_up": followed, "next_time": text["next_time"].value.strip()}

    def do_save() -> tuple[str, Any]:
        minutes = record()
        path = store.save_record(activity, minutes, session=session)
        what = f"the minutes of {minutes['meeting']} ({len(minutes['actions'])} new actions, " \
               f"{len(minutes['follow_up'])} followed up)"
        return _saved_line(store, path, what), minutes

    add.on_click(add_action)
    save.on_click(lambda _: _run_save(status_line, out, do_save, on_saved, store, activity))
    intro = w.HTML("<b>New actions</b> (what, who, by when)")
    earlier = w.HTML("<b>Follow-up of earlier actions</b>: the status of each open action today"
                     if follow else "<i>No open actions from earlier meetings.</i>")
    children = [*text.values(), intro, actions_box, add, earlier, *follow, save, status_line, out]
    return _box(children, controls, status_line)


def fill_minutes(box: w.VBox, saved: Mapping[str, Any]) -> int:
    """Put an earlier save back into a :func:`minutes_form` (to correct that meeting); returns
    how many fields it filled. Earlier free-text minutes go into "What we noticed"."""
    controls = box.controls
    placed = 0
    for name in ("meeting", "data_reviewed", "noticed", "next_time"):
        value = saved.get(name) or (saved.get("text") if name == "noticed" else "")
        controls[name].value = str(value or "")
        placed += bool(value)
    present = saved.get("present") or []
    controls["present"].value = ", ".join(present) if isinstance(present, list) else str(present)
    controls["decisions"].value = "\n".join(saved.get("decisions") or [])
    for n, action in enumerate(saved.get("actions") or []):
        if (n, "action") not in controls:
            controls["add_action"].click()
        controls[(n, "action")].value = str(action.get("action") or "")
        controls[(n, "owner")].value = str(action.get("owner") or "")
        controls[(n, "due")].value = str(action.get("due") or "")
        placed += 1
    for item in saved.get("follow_up") or []:
        key = ("follow", str(item.get("id")))
        if key in controls and item.get("status") in ACTION_STATUSES:
            controls[key].value = item["status"]
            controls[("note", str(item.get("id")))].value = str(item.get("note") or "")
            placed += 1
    return placed
