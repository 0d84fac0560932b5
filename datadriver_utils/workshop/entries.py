"""A live form that adds rows to one of the team's records: a training, a look-for, a feedback note.

The fields are read from the table's contract (:class:`~datadriver_utils.contract.schemas.TableSpec`):
a dropdown for a column with allowed values, yes/no for a flag, a text box with
``YYYY-MM-DD`` for a date, a list of the roster's names where the view offers them.  *Add*
checks the row exactly as ``datadriver check`` checks the file
(:func:`~datadriver_utils.contract.captured.check_rows`), so a mistyped date is refused with
the same message; *Save* writes every row added so far as a new save under ``responses/``
(never into the team's file). Reports join those rows to the file
(:func:`~datadriver_utils.contract.captured.with_session_rows`).

Like every widget of :mod:`datadriver_utils.workshop.widgets`, the box carries ``controls``
(each field by column name, ``"add"``, ``"save"``, ``"rows"``) and ``status`` so tests drive it
without a browser, and :func:`fill_entries` puts an earlier save back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from datadriver_utils.contract.captured import check_rows, with_session_rows
from datadriver_utils.contract.schemas import ColumnRule, TableSpec
from datadriver_utils.core.safe_text import escape_text, html_table
from datadriver_utils.workshop.store import ResponseStore
from datadriver_utils.workshop.widgets import OnSaved, _box, _run_save, _saved_line

__all__ = ["entry_log", "fill_entries", "joined_record", "session_rows"]

_LONG = w.Layout(width="40em")
_SHORT = w.Layout(width="16em")
_LONG_TEXT = frozenset({"observed", "feedback", "pattern", "practice_observed", "micro_change", "note",
                        "impact_note", "next_step"})


def _field(rule: ColumnRule, choices: Sequence[str] | None) -> w.Widget:
    label = rule.name.replace("_", " ") + ("" if rule.required and not rule.nullable else " (optional)")
    style = {"description_width": "12em"}
    if rule.allowed:
        return w.Dropdown(options=["", *rule.allowed], description=label, style=style, layout=_LONG)
    if rule.kind == "flag":
        return w.Dropdown(options=["", "yes", "no"], description=label, style=style, layout=_SHORT)
    if choices:
        return w.Combobox(options=list(choices), description=label, style=style, layout=_LONG)
    if rule.kind == "date":
        return w.Text(placeholder="YYYY-MM-DD", description=label, style=style, layout=_SHORT)
    if rule.name in _LONG_TEXT:
        return w.Textarea(description=label, style=style, layout=w.Layout(width="40em", height="4em"))
    return w.Text(description=label, style=style, layout=_LONG)


def entry_log(store: ResponseStore, activity: str, spec: TableSpec, *, columns: Sequence[str] | None = None,
              choices: Mapping[str, Sequence[str]] | None = None, on_saved: OnSaved | None = None,
              session: str | None = None, facilitator: str | None = None) -> w.VBox:
    """A form for one new row of ``spec`` at a time, the rows added so far, and Save.

    ``columns`` limits the form to some of the spec's columns (required ones are always
    included); ``choices`` offers a list per column (e.g. the roster for ``person``).
    """
    wanted = set(columns or [r.name for r in spec.columns]) | set(spec.required_columns)
    rules = [r for r in spec.columns if r.name in wanted]
    fields = {r.name: _field(r, (choices or {}).get(r.name)) for r in rules}
    rows: list[dict[str, str]] = []
    shown, status, out = w.HTML(), w.HTML(), w.Output()
    add, save = w.Button(description="Add row", icon="plus"), w.Button(description="Save", icon="save")

    def refresh() -> None:
        frame = pd.DataFrame(rows, columns=list(fields))
        shown.value = (f"<p><b>Rows added in this session ({len(rows)}):</b></p>" + html_table(frame)) if rows else ""

    def on_add(_: Any) -> None:
        row = {name: str(field.value or "").strip() for name, field in fields.items()}
        _parsed, problems = check_rows(spec, pd.DataFrame([*rows, row], columns=list(fields)))
        mine = [p for p in problems if p.row in (None, len(rows) + 2)]
        if mine:
            status.value = "<b>Not added:</b> " + "; ".join(
                escape_text(f"{p.column or 'row'}: {p.message}" + (f" (found {p.value!r})" if p.value else ""))
                for p in mine)
            return
        rows.append(row)
        for field in fields.values():
            field.value = ""
        status.value = escape_text(f"Added. {len(rows)} row(s) waiting to be saved.")
        refresh()

    def do_save() -> tuple[str, Any]:
        if not rows:
            return "Nothing to save yet: add a row first.", None
        frame = pd.DataFrame(rows, columns=list(fields)).astype(str)
        path = store.save_table(activity, frame, session=session, facilitator=facilitator)
        return _saved_line(store, path, f"{len(frame)} rows"), frame

    add.on_click(on_add)
    save.on_click(lambda _: _run_save(status, out, do_save, on_saved, store, activity))
    box = _box([*fields.values(), w.HBox([add, save]), status, shown, out],
               {**fields, "add": add, "save": save, "rows": shown}, status)
    box.pending = rows
    box.refresh = refresh
    return box


def fill_entries(box: w.VBox, saved: pd.DataFrame) -> int:
    """Put an earlier save's rows back into an :func:`entry_log` (replacing any waiting rows)."""
    names = [k for k, v in box.controls.items() if isinstance(k, str) and k not in ("add", "save", "rows")]
    box.pending.clear()
    for record in saved.to_dict("records"):
        box.pending.append({n: "" if pd.isna(record.get(n)) else str(record.get(n)) for n in names})
    box.refresh()
    return len(box.pending)


# -- reading the rows back for a report ------------------------------------------------------------

def session_rows(team_dir: Path, activity: str, spec: TableSpec) -> tuple[pd.DataFrame | None, list[str]]:
    """The latest save of ``activity`` parsed as ``spec`` (``None`` when nothing was saved), and
    the problems found in it as sentences (a save edited by hand, a column renamed)."""
    saved = ResponseStore(team_dir).latest(activity)
    if not isinstance(saved, pd.DataFrame) or saved.empty:
        return None, []
    parsed, problems = check_rows(spec, saved)
    return parsed, [str(p) for p in problems]


def joined_record(file_rows: pd.DataFrame | None, team_dir: Path, activity: str, spec: TableSpec,
                  key: Sequence[str] = ()) -> tuple[pd.DataFrame | None, list[str]]:
    """The team's file joined with the rows added in sessions (a ``_source`` column says which),
    and the problems of the session rows. ``None`` when neither has a row."""
    added, problems = session_rows(team_dir, activity, spec)
    return with_session_rows(file_rows, added, key), problems
