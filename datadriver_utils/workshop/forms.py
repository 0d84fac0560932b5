"""Live capture of teacher-leadership records: a form per record, and two classroom tools.

* :func:`record_form` builds a form from a table of the contract (a Student Learning
  Reflection Cycle, a visit, a reflection ...): a dropdown for a column with allowed values or
  yes/no, a text box for the rest.  Save checks the record with the contract's own rules
  (:func:`~datadriver_utils.contract.captured.check_rows`), so a wrong date or an unknown tool
  is refused with the same row/column message ``datadriver check`` gives, and otherwise saves
  it under ``responses/<table>/`` where :func:`~datadriver_utils.workshop.records.team_records`
  reads it beside the team's file.
* :func:`tally_counter` is a tally sheet for the lesson: a button per category, a button that
  starts the next interval, Save writes ``tallies`` rows.
* :func:`seat_map` is a seating chart: a button per seat that counts each time the student in
  it does what is mapped; Save writes ``seating_maps`` rows (seats, never names).

Every builder returns a ``VBox`` with ``controls`` and ``status`` (as in
:mod:`datadriver_utils.workshop.widgets`), so tests click Save without a browser.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as w
import pandas as pd
from IPython.display import display

from datadriver_utils.contract.captured import check_rows
from datadriver_utils.contract.schemas import TABLES, ColumnRule
from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.errors import DataDriverError
from datadriver_utils.workshop.store import ResponseStore

__all__ = ["fill_form", "record_form", "seat_map", "tally_counter"]

OnSaved = Callable[[pd.DataFrame], Any]
_LONG = w.Layout(width="46em", height="4.5em")
_SHORT = w.Layout(width="24em")
_LONG_TEXT = {"question", "student_learning_data", "considerations", "next_steps", "changes", "action",
              "reflection", "agenda", "text", "student_work", "guiding_question", "note", "focus"}


def _field(rule: ColumnRule) -> w.Widget:
    if rule.kind == "flag":
        return w.Dropdown(options=["", "yes", "no"], value="", layout=_SHORT)
    if rule.allowed is not None:
        return w.Dropdown(options=["", *rule.allowed], value="", layout=_SHORT)
    placeholder = {"date": "YYYY-MM-DD", "number": "a number"}.get(rule.kind, rule.description[:60])
    if rule.name in _LONG_TEXT:
        return w.Textarea(placeholder=placeholder, layout=_LONG)
    return w.Text(placeholder=placeholder, layout=_SHORT)


def _label(rule: ColumnRule) -> str:
    need = "" if rule.nullable or not rule.required else " *"
    return rule.name.replace("_", " ") + need


def _problem_lines(problems: Sequence[object]) -> str:
    items = "".join(f"<li>{escape_text(p)}</li>" for p in problems)
    return f"<b>Not saved</b> — fix these and press Save again:<ul>{items}</ul>"


def _save_rows(store: ResponseStore, key: str, rows: pd.DataFrame, status: w.HTML, out: w.Output,
               on_saved: OnSaved | None, session: str | None) -> None:
    """Check ``rows`` against the contract, then save them as a new capture of ``key``."""
    parsed, problems = check_rows(TABLES[key], rows)
    if problems or parsed is None:
        status.value = _problem_lines(problems)
        return
    try:
        path = store.save_table(key, rows.astype(str), session=session)
    except DataDriverError as error:
        status.value = f"<b>Not saved:</b> {escape_text(error)}"
        return
    when = store.describe(path).saved_at.astimezone().strftime("%H:%M")
    status.value = escape_text(f"Saved {len(rows)} row(s) at {when} into responses/{key}/ — earlier saves kept.")
    if on_saved is not None:
        with out:
            out.clear_output(wait=True)
            shown = on_saved(parsed)
            if shown is not None:
                display(shown)


def _box(children: list[w.Widget], controls: dict[Any, w.Widget], status: w.HTML) -> w.VBox:
    box = w.VBox(children)
    box.controls = controls
    box.status = status
    return box


def record_form(store: ResponseStore, key: str, *, fixed: Mapping[str, object] | None = None,
                columns: Sequence[str] | None = None, on_saved: OnSaved | None = None,
                session: str | None = None) -> w.VBox:
    """A form for one record of table ``key``; Save checks and saves it (one row).

    ``fixed`` pre-fills columns (e.g. ``{"teacher": "Ana"}``); ``columns`` limits the form to
    those columns (the others are saved blank).  ``controls[column]`` is each field.
    """
    spec = TABLES[key]
    shown = [r for r in spec.columns if columns is None or r.name in columns]
    controls: dict[Any, w.Widget] = {r.name: _field(r) for r in shown}
    for name, value in (fixed or {}).items():
        if name in controls:
            controls[name].value = "" if value is None else str(value)
    rows = [w.HBox([w.Label(_label(r), layout=w.Layout(width="14em")), controls[r.name]]) for r in shown]
    status, out, button = w.HTML(), w.Output(), w.Button(description="Save", icon="save")
    controls["save"] = button

    def on_click(_: Any) -> None:
        record = {r.name: "" for r in spec.columns}
        record.update({k: str(v) for k, v in (fixed or {}).items()})
        record.update({r.name: str(controls[r.name].value) for r in shown})
        _save_rows(store, key, pd.DataFrame([record]), status, out, on_saved, session)

    button.on_click(on_click)
    title = w.HTML(f"<b>{escape_text(spec.purpose)}</b> <small>(* must be filled)</small>")
    return _box([title, *rows, button, status, out], controls, status)


def fill_form(box: w.VBox, saved: pd.DataFrame) -> int:
    """Put the last row of an earlier save back into a :func:`record_form`; returns cells placed."""
    if saved.empty:
        return 0
    row = saved.iloc[-1]
    placed = 0
    for name, control in box.controls.items():
        if name == "save" or name not in row.index:
            continue
        value = row[name]
        text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
        if isinstance(control, w.Dropdown) and text not in control.options:
            continue
        control.value = text
        placed += bool(text)
    return placed


def tally_counter(store: ResponseStore, teacher: str, cycle: int, categories: Sequence[str], *,
                  interval_minutes: int = 10, on_saved: OnSaved | None = None,
                  session: str | None = None) -> w.VBox:
    """A tally sheet: a button per category adds one in the current interval; "Next interval"
    moves on by ``interval_minutes``; Save writes one ``tallies`` row per interval and category.

    ``controls[category]`` is each category's button, ``controls["next"]`` and ``controls["save"]``
    the others; ``box.counts`` holds ``{(minute, category): count}``.
    """
    counts: dict[tuple[int, str], int] = {}
    state = {"minute": 0}
    line = w.HTML()
    controls: dict[Any, w.Widget] = {c: w.Button(description=c, layout=w.Layout(width="auto")) for c in categories}

    def show() -> None:
        now = ", ".join(f"{c}: {counts.get((state['minute'], c), 0)}" for c in categories)
        line.value = escape_text(f"Interval from minute {state['minute']}: {now}")

    def add(category: str) -> None:
        key = (state["minute"], category)
        counts[key] = counts.get(key, 0) + 1
        show()

    for category, button in list(controls.items()):
        button.on_click(lambda _, c=category: add(c))
    next_button, save = w.Button(description="Next interval", icon="forward"), w.Button(description="Save", icon="save")
    status, out = w.HTML(), w.Output()

    def on_next(_: Any) -> None:
        for category in categories:
            counts.setdefault((state["minute"], category), 0)
        state["minute"] += interval_minutes
        show()

    def on_save(_: Any) -> None:
        for category in categories:
            counts.setdefault((state["minute"], category), 0)
        rows = pd.DataFrame([{"teacher": teacher, "cycle": cycle, "minute": m, "category": c, "count": n}
                             for (m, c), n in sorted(counts.items())])
        _save_rows(store, "tallies", rows, status, out, on_saved, session)

    next_button.on_click(on_next)
    save.on_click(on_save)
    controls.update({"next": next_button, "save": save})
    show()
    box = _box([w.HTML(f"<b>Tally sheet</b>: {escape_text(teacher)}, cycle {cycle}"),
                w.HBox([controls[c] for c in categories]), line, w.HBox([next_button, save]), status, out],
               controls, status)
    box.counts = counts
    return box


def seat_map(store: ResponseStore, teacher: str, cycle: int, *, seat_rows: int = 4, seat_columns: int = 5,
             empty: Sequence[tuple[int, int]] = (), on_saved: OnSaved | None = None,
             session: str | None = None) -> w.VBox:
    """A seating chart with the front of the room at the top: each click on a seat counts one.

    ``empty`` lists seats nobody sits in (row, column from 1); they are not saved.  Save writes
    one ``seating_maps`` row per occupied seat, with 0 for a student never seen.
    ``controls[(row, column)]`` is each seat's button.
    """
    counts = {(r, c): 0 for r in range(1, seat_rows + 1) for c in range(1, seat_columns + 1)
              if (r, c) not in set(empty)}
    controls: dict[Any, w.Widget] = {}
    grid_rows = []
    for r in range(1, seat_rows + 1):
        buttons = []
        for c in range(1, seat_columns + 1):
            seat = w.Button(description="—" if (r, c) not in counts else "0", layout=w.Layout(width="4em"),
                            disabled=(r, c) not in counts)
            if (r, c) in counts:
                def click(_: Any, key: tuple[int, int] = (r, c), button: w.Button = seat) -> None:
                    counts[key] += 1
                    button.description = str(counts[key])
                seat.on_click(click)
            controls[(r, c)] = seat
            buttons.append(seat)
        grid_rows.append(w.HBox(buttons))
    status, out, save = w.HTML(), w.Output(), w.Button(description="Save", icon="save")

    def on_save(_: Any) -> None:
        rows = pd.DataFrame([{"teacher": teacher, "cycle": cycle, "seat_row": r, "seat_column": c, "count": n}
                             for (r, c), n in sorted(counts.items())])
        _save_rows(store, "seating_maps", rows, status, out, on_saved, session)

    save.on_click(on_save)
    controls["save"] = save
    box = _box([w.HTML(f"<b>Seating map</b>: {escape_text(teacher)}, cycle {cycle} — front of the room"),
                *grid_rows, save, status, out], controls, status)
    box.counts = counts
    return box
