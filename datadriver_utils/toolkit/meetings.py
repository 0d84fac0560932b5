"""Team meetings as a record of actions followed up (notebook 01, toolkit activity 1.4).

The District Data Team Toolkit (Massachusetts ESE, Module 1; shared/seeds 004) gives a team a
minutes template so that the work a meeting agrees gets done between meetings.  These views
read every meeting's saved minutes as one record (:mod:`datadriver_utils.stats.minutes`): the
meetings, each action's status at the latest meeting, and a follow-up table of actions against
meetings; the live form (:func:`datadriver_utils.workshop.minutes.minutes_form`) lists the open
actions of earlier meetings so the team records their status before adding new ones.  The
vision module (:mod:`datadriver_utils.toolkit.vision`) re-exports :func:`minutes` and
:func:`minutes_capture` and publishes :func:`published_minutes` in its ``vision`` section.

Privacy: minutes name people and decisions, so they are shown to the team audience only;
beyond it a report says how many meetings and actions there were and how they stand.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from datadriver_utils.errors import DataDriverError
from datadriver_utils.notebook.html import render
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Fragment, Result
from datadriver_utils.privacy.release import names_members
from datadriver_utils.stats.minutes import (
    MeetingLog,
    action_register,
    follow_up_matrix,
    meeting_log,
    minutes_summary,
    open_actions,
)
from datadriver_utils.stats.vision import draft_text
from datadriver_utils.toolkit.records import MinutesSummary
from datadriver_utils.workshop.live import redrawn_on_save
from datadriver_utils.workshop.minutes import fill_minutes, minutes_form
from datadriver_utils.workshop.sessions import NOTHING_YET, member_names, resumable
from datadriver_utils.workshop.store import ResponseStore

__all__ = ["MINUTES_ACTIVITY", "minutes", "minutes_capture", "published_minutes"]

MINUTES_ACTIVITY = "meeting_minutes"
_SESSION = "vision workshop"
_MINUTES_LABELS = {
    "meeting": "Meeting", "n_present": "Present", "n_decisions": "Decisions", "n_new_actions": "New actions",
    "n_reviewed": "Actions followed up", "raised": "Raised", "action": "Action", "owner": "Owner", "due": "Due",
    "status": "Status at the latest meeting", "flag": "Flag", "days_overdue": "Days overdue",
    "followed_up_next": "Followed up at the next meeting?", "meetings_open": "Meetings still open",
}


def _minutes_saves(report: Report) -> tuple[list[dict[str, Any]], list[str]]:
    """Every saved minutes record, oldest first, and the saves that could not be read."""
    store = ResponseStore(report.team.team_dir)
    records, broken = [], []
    for saved in store.history(MINUTES_ACTIVITY):
        try:
            data = store.load(saved)
        except DataDriverError as err:
            broken.append(str(err))
            continue
        if isinstance(data, dict):
            records.append(data)
    return records, broken


def _meeting_record(report: Report) -> tuple[MeetingLog, pd.DataFrame, list[dict[str, Any]], list[str]]:
    records, broken = _minutes_saves(report)
    log = meeting_log(records)
    return log, action_register(log, pd.Timestamp(report.as_of)), records, broken


def _minutes_view(report: Report) -> Result:
    log, register, records, broken = _meeting_record(report)
    result = Result(value=register)
    if not records:
        return result.note(NOTHING_YET.format(activity=MINUTES_ACTIVITY))
    facts = minutes_summary(log, register, with_owner=True, as_of=pd.Timestamp(report.as_of))
    if not names_members(report.audience):
        result.note("Meeting minutes stay inside the team.")
        return result.note(_minutes_sentence(facts)) if facts["n_meetings"] else result
    if facts["n_meetings"]:
        shown = register.assign(raised=register["raised"].dt.strftime("%Y-%m-%d"),
                                due=register["due"].dt.strftime("%Y-%m-%d").fillna(""),
                                days_overdue=register["days_overdue"].astype(object).fillna(""),
                                followed_up_next=register["followed_up_next"].map(
                                    {True: "yes", False: "NO"}).astype(object).fillna("(latest meeting)"))
        result.add(report.tabulate(log.meetings.assign(meeting=log.meetings["meeting"].dt.strftime("%Y-%m-%d")),
                                   caption="Meetings", rename=_MINUTES_LABELS, name="meetings"),
                   report.tabulate(shown.drop(columns="action_id"), caption="Actions: status at the latest meeting, "
                                   f"overdue as of {facts['as_of']}", rename=_MINUTES_LABELS, name="actions"),
                   report.tabulate(follow_up_matrix(log, register), caption="Follow-up across meetings",
                                   rename=_MINUTES_LABELS, name="follow-up"))
        late = facts["by_flag"].get("overdue", 0)
        result.note(_minutes_sentence(facts), "warning" if late or facts["n_carried_over"] else "good")
    if log.unstructured:
        latest = next((r for r in reversed(records) if not r.get("meeting")), None)
        result.note(f"{log.unstructured} earlier save(s) are free-text minutes without a meeting date, so they are "
                    "not part of the follow-up record. The latest is shown below; re-enter its actions with the "
                    "form to follow them up.")
        if latest is not None:
            result.add(Fragment(render("quote", inline=False, preformatted=True, label="", text=draft_text(latest)),
                                label="free-text minutes"))
    if broken:
        result.note("Some saved minutes could not be read:", "warning", items=broken)
    return result


def _minutes_sentence(facts: dict[str, Any]) -> str:
    flags = ", ".join(f"{n} {flag}" for flag, n in facts["by_flag"].items()) or "none yet"
    rate = facts["followed_up_next_pct"]
    followed = "" if rate is None else f" {rate:.0f}% of actions were followed up at the next meeting."
    carried = f" {facts['n_carried_over']} stayed open across two or more later meetings." \
        if facts["n_carried_over"] else ""
    return (f"{facts['n_meetings']} meeting(s) up to {facts['latest_meeting']}, {facts['n_actions']} action(s), "
            f"judged as of {facts['as_of']}: {flags}."
            f"{followed}{carried}")


@redrawn_on_save(MINUTES_ACTIVITY)
def minutes(report: Report) -> Result:
    """The minutes as a record: meetings, each action's status at the latest meeting, and the
    follow-up across meetings (team audience only; beyond it, counts). ``.value`` is the register."""
    return _minutes_view(report)


def minutes_capture(report: Report) -> w.VBox:
    """Live: this meeting's minutes, with the open actions of earlier meetings to follow up."""
    _log, register, _records, _broken = _meeting_record(report)
    store = ResponseStore(report.team.team_dir)
    form = minutes_form(store, MINUTES_ACTIVITY, open_actions(register), member_names(report), session=_SESSION,
                        on_saved=lambda _record: _minutes_view(report))
    return resumable(report, MINUTES_ACTIVITY, form, fill_minutes)


def published_minutes(report: Report) -> MinutesSummary | None:
    """The minutes for the ``vision`` section (``None`` without structured minutes; overdue
    actions for the team audience only)."""
    log, register, _records, _broken = _meeting_record(report)
    if log.meetings.empty:
        return None
    facts = minutes_summary(log, register, with_owner=True, as_of=pd.Timestamp(report.as_of))
    if not names_members(report.audience):
        facts["overdue"] = None
    return MinutesSummary.model_validate(facts)
