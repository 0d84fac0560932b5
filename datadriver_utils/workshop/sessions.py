"""Saved workshop answers in a report, and live widgets that pick up where a session stopped.

A workshop notebook has two lives. In the room, its live-only cells build ipywidgets
(:mod:`datadriver_utils.workshop.widgets`) that save every answer through
:class:`~datadriver_utils.workshop.store.ResponseStore`. In a batch report those widgets mean nothing
-- widget state does not survive an HTML export (nbconvert #1666, #923; FIELD_NOTES "papermill
and nbconvert") -- so the report reads the latest save back and shows it as static tables and
charts. :func:`saved_view` is that reading, the same for every activity: the latest save drawn
as a result, or a plain notice that nothing has been captured yet, and a line saying how many
times (and when) the activity was saved.

:func:`resumable` puts a :func:`~datadriver_utils.workshop.widgets.session_picker` above a live widget
so that a facilitator can reload an earlier session and carry on; the ``fill_*`` helpers put
loaded answers back into a widget's controls.

Privacy: ratings and concerns come from a handful of named staff. Beyond the team audience a
profile is shown only when at least the district's staff minimum rated it (``min_staff_group_size``,
default 3: the smallest group in which no member can work out a named colleague's answers;
docs/privacy.md), the same rule for every Module 1 self-assessment
(:func:`datadriver_utils.privacy.release.profile_withheld`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as w
import pandas as pd

from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.errors import DataDriverError
from datadriver_utils.notebook.html import render as render_html
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Fragment, Result
from datadriver_utils.training.mode import resolve_mode
from datadriver_utils.workshop.store import ResponseStore, SavedResponse
from datadriver_utils.workshop.widgets import rating_grid, session_picker

__all__ = [
    "NOTHING_YET", "SavedView", "fill_ratings", "fill_table", "fill_text", "history_note", "latest_save",
    "latest_saved", "live_rating_session", "member_names", "resumable", "saved_view",
]

NOTHING_YET = "No answers captured yet for {activity} — run the live cells in a workshop."
"""What a report says where an activity has never been saved."""
_DATE_SHOWN = 4
_DEFAULT_MEMBERS = ("Member 1", "Member 2", "Member 3")


# -- reading saved answers ------------------------------------------------------------------

def _store(report: Report) -> ResponseStore:
    return ResponseStore(report.team.team_dir)


def latest_save(report: Report, activity: str) -> SavedResponse | None:
    """The newest save of ``activity`` (its file, time and session), or ``None``."""
    saves = _store(report).history(activity)
    return saves[-1] if saves else None


def latest_saved(report: Report, activity: str) -> pd.DataFrame | dict[str, Any] | None:
    """The newest saved answers: a DataFrame (tables) or dict (records); ``None`` if none.

    A saved table without rows counts as nothing saved: there is nothing to summarise.
    """
    data = _store(report).latest(activity)
    if isinstance(data, pd.DataFrame) and data.empty:
        return None
    return data


def history_note(saves: list[SavedResponse]) -> str:
    """One short line: how many saves, on which days (UTC), and which one the report shows.

    Days, not session names: session names are typed text, and a date is all a reader needs
    to know whether the report is current.
    """
    if not saves:
        return ""
    latest = saves[-1].saved_at.strftime("%Y-%m-%d %H:%M UTC")
    if len(saves) == 1:
        return f"Saved once, on {latest}."
    days = list(dict.fromkeys(s.saved_at.strftime("%Y-%m-%d") for s in saves))
    shown = days if len(days) <= _DATE_SHOWN else [days[0], "…", *days[-(_DATE_SHOWN - 1):]]
    return (f"Saved {len(saves)} times ({', '.join(shown)}); showing the latest, from {latest}. "
            "Earlier saves are kept and can be reloaded in a live session.")


class SavedView(Result):
    """What a report shows for a workshop activity, and the answers it was drawn from.

    ``data`` is the latest save (a DataFrame for tables, a dict for records), or ``None``
    when nothing readable was saved: a view then knows to show what it can without it.
    """

    def __init__(self, data: Any = None) -> None:
        super().__init__()
        self.data = data


def saved_view(report: Report, activity: str, render: Callable[[Any], Result]) -> SavedView:
    """The latest saved answers of ``activity`` drawn by ``render``, or why there are none.

    ``render`` receives the latest save (a DataFrame for tables, a dict for records) and returns
    its :class:`~datadriver_utils.notebook.results.Result`; a line saying how many times (and
    when) the activity was saved follows it. A file that cannot be read or answers that do not
    fit the activity become a warning naming the file and the fix, so the rest of the report
    still renders; the batch's publish step will still fail on them.
    """
    store = _store(report)
    try:
        saves = store.history(activity)
        if not saves:
            return _note(SavedView(), NOTHING_YET.format(activity=activity), "info")
        data = store.load(saves[-1])
        shown = render(data)
    except DataDriverError as err:
        return _note(SavedView(), f"The saved answers for {activity} could not be shown: {err}", "warning")
    view = SavedView(data)
    view.add(shown, Fragment(render_html("small_print", text=history_note(saves)), label="history"))
    view.value = shown.value
    return view


def _note(view: SavedView, text: str, kind: str) -> SavedView:
    view.note(text, kind)
    return view


def member_names(report: Report) -> list[str]:
    """The roster's names for a live rating grid (placeholders if team.yml lists nobody)."""
    return [m.name for m in report.config.members] or list(_DEFAULT_MEMBERS)


# -- live: reload an earlier session and continue --------------------------------------------

def live_rating_session(
    report: Report, activity: str, items: Sequence[Any], scale: Any, session: str,
    redraw: Callable[[Any], Any],
) -> w.VBox:
    """A rating grid for the roster, saving to ``activity``, with "continue an earlier session".

    Every live self-assessment of Module 1 (functions, barriers, rubric, collection, concerns)
    is this one widget: Save writes a new file and shows ``redraw(ratings)``, the new profile.
    """
    grid = rating_grid(_store(report), activity, items, member_names(report), scale,
                       session=session, on_saved=redraw)
    return resumable(report, activity, grid, fill_ratings)


def resumable(report: Report, activity: str, box: w.VBox,
              fill: Callable[[w.VBox, Any], int]) -> w.VBox:
    """``box`` with a session picker above it: Load puts an earlier save back into ``box``.

    ``fill(box, data)`` copies the saved answers into the widget and returns how many it
    placed; the next Save writes a new file, so the earlier session stays as it was, and the
    list of saves is read again so the new one is there to reload.  In the training
    ``practice`` mode (:mod:`datadriver_utils.training.mode`) the latest save is loaded at
    once, so a learner rehearsing a workshop sees a finished session.
    """
    note = w.HTML()

    def on_load(data: Any) -> None:
        placed = fill(box, data)
        note.value = escape_text(f"{placed} answer(s) put back; change them and press Save "
                                 "to keep this as a new session.")

    picker = session_picker(_store(report), activity, on_load)
    # After a Save (click handlers run in the order they were added) the list shows the new save.
    box.controls["save"].on_click(lambda _: picker.controls["refresh"].click())
    title = w.HTML("<b>Continue an earlier session</b> (optional): choose a save and press Load.")
    if resolve_mode() == "practice" and picker.controls["picker"].value is not None:
        picker.controls["load"].click()  # rehearsal: start from the team's last session
        note.value = escape_text("Rehearsal: the team's last saved session is filled in, as a finished "
                                 "workshop would leave it. " + note.value)
    out = w.VBox([title, picker, note, box])
    out.controls = {"picker": picker, "box": box, "note": note}
    return out


def fill_ratings(box: w.VBox, ratings: pd.DataFrame) -> int:
    """Set a :func:`~datadriver_utils.workshop.widgets.rating_grid` from saved ``member, item, rating``.

    Every dropdown is cleared first; ratings for members or items the grid lacks (the roster
    changed) and values off the scale are skipped.
    """
    grid = {k: c for k, c in box.controls.items() if isinstance(k, tuple)}
    for dropdown in grid.values():
        dropdown.value = None
    placed = 0
    for member, item, rating in ratings[["member", "item", "rating"]].itertuples(index=False):
        dropdown = grid.get((str(item), str(member)))
        if dropdown is None or pd.isna(rating):
            continue
        allowed = [value for _, value in dropdown.options]
        if float(rating) in allowed:
            dropdown.value = float(rating)
            placed += 1
    return placed


def _cell_text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def fill_table(box: w.VBox, table: pd.DataFrame, row_header: str,
               aliases: Mapping[str, str] | None = None) -> int:
    """Set a :func:`~datadriver_utils.workshop.widgets.table_editor` from a saved table.

    Rows the editor lacks are added (as the group added them); ``aliases`` maps a saved row
    name (e.g. a step id) to the editor's row name. Cells not in the save are cleared.
    Returns the number of filled cells.
    """
    controls = box.controls
    cells = {k: c for k, c in controls.items() if isinstance(k, tuple)}
    for cell in cells.values():
        cell.value = ""
    columns = list(dict.fromkeys(col for _, col in cells))
    placed = 0
    for record in table.to_dict("records"):
        name = _cell_text(record.get(row_header)).strip()
        name = (aliases or {}).get(name, name)
        if not name:
            continue
        if (name, columns[0]) not in controls:
            controls["new_row"].value = name
            controls["add_row"].click()
        for col in columns:
            text = _cell_text(record.get(col))
            controls[(name, col)].value = text
            placed += bool(text)
    return placed


def fill_text(box: w.VBox, record: Mapping[str, Any]) -> int:
    """Set a :func:`~datadriver_utils.workshop.widgets.text_capture` from a saved record.

    Reads ``text`` (what the widget saves) or ``draft`` (how vision drafts were recorded).
    """
    text = _cell_text(record.get("text") or record.get("draft"))
    box.controls["text"].value = text
    return int(bool(text))
