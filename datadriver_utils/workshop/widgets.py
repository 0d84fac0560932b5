"""ipywidgets for live workshops: rate, fill in a table, write a draft, reload, self-check.

Each builder returns a ``VBox`` wired to a :class:`~datadriver_utils.workshop.store.ResponseStore`:
Save writes a *new* file every time (earlier sessions are kept, the report uses the latest),
then redraws in place every view of that activity shown in the notebook
(:mod:`datadriver_utils.workshop.live`) and hands the data to ``on_saved``, whose result is
shown under the widget when there is no such view. The logic sits in small handlers that tests
call without a browser: each box carries ``box.controls`` (a dict of its input widgets and buttons) and ``box.status`` (the
line that reports the outcome); ``controls["save"].click()`` runs the save.

Widgets do not survive in exported HTML (nbconvert #1666, #923; FIELD_NOTES "papermill and
nbconvert"): reports show the saved responses as static tables and charts instead.
Text typed by people is only ever shown through ``Label``/``Textarea`` values or
HTML-escaped (:func:`datadriver_utils.core.safe_text.escape_text`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w
import pandas as pd
from IPython.display import display

from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.errors import DataDriverError
from datadriver_utils.workshop.content import QuizQuestion, ScalePoint
from datadriver_utils.workshop.live import redraw_saved_views
from datadriver_utils.workshop.store import ResponseStore, SavedResponse

__all__ = ["QuizQuestion", "check_answer", "quiz", "rating_grid", "session_picker",
           "table_editor", "text_capture"]

OnSaved = Callable[[Any], Any]
"""Called with the saved data; what it returns (a view's result) is shown under the widget
when the notebook shows no view of the activity that Save could redraw."""
_WIDE = w.Layout(width="22em")
_CELL = w.Layout(width="14em", height="5em")


def _id(entry: Any) -> str:
    """An item's id (``Statement.id``, ``Label.id``, or the text itself)."""
    return str(getattr(entry, "id", entry))


def _text(entry: Any) -> str:
    """What a person reads for an item: its statement, name or hallmark."""
    for attr in ("text", "name", "hallmark"):
        if isinstance(getattr(entry, attr, None), str):
            return str(getattr(entry, attr))
    return str(entry)


def _saved_line(store: ResponseStore, path: Any, what: str) -> str:
    when = store.describe(path).saved_at.astimezone().strftime("%H:%M")
    return f"Saved {what} at {when} — earlier sessions kept."


def _run_save(status: w.HTML, out: w.Output, save: Callable[[], tuple[str, Any]],
              on_saved: OnSaved | None, store: ResponseStore, activity: str) -> None:
    """Run ``save`` (returning the status line and the data), report the outcome, redraw the
    notebook's views of this activity in place (:mod:`datadriver_utils.workshop.live`), call back.

    What ``on_saved`` returns is shown under the widget only when no view of the activity is
    on the page to redraw: the same profile twice, one above the other, helps nobody.
    """
    try:
        line, data = save()
    except DataDriverError as err:  # our own errors carry a message meant for people
        status.value = f"<b>Not saved:</b> {escape_text(err)}"
        return
    status.value = escape_text(line)
    if data is None:  # nothing was saved
        return
    redrawn, problems = redraw_saved_views(store.root, activity)
    if problems:
        status.value += "<br><b>The view below could not be redrawn:</b> " + escape_text("; ".join(problems))
    if on_saved is not None:
        with out:
            out.clear_output(wait=True)
            shown = on_saved(data)
            if shown is not None and not redrawn:  # ipywidgets shows an Output's content via display
                display(shown)


def _box(children: list[w.Widget], controls: dict[str, w.Widget], status: w.HTML) -> w.VBox:
    box = w.VBox(children)
    box.controls = controls
    box.status = status
    return box


def rating_grid(store: ResponseStore, activity: str, items: Sequence[Any], members: Sequence[str],
                scale: Sequence[ScalePoint], *, on_saved: OnSaved | None = None,
                session: str | None = None, facilitator: str | None = None) -> w.VBox:
    """A row per item, a dropdown per member; Save stores long ``member, item, rating``.

    Blank dropdowns are skipped answers and are not saved. ``on_saved(df)`` gets the saved
    table (e.g. to draw :func:`datadriver_utils.stats.ratings.function_profile`).
    ``controls[(item_id, member)]`` is each dropdown.
    """
    options = [("—", None)] + [(f"{p.value} {p.label}".strip(), float(p.value)) for p in scale]
    header = w.HBox([w.Label("", layout=_WIDE)] + [w.Label(m, layout=w.Layout(width="12em"))
                                                    for m in members])
    dropdowns: dict[tuple[str, str], w.Dropdown] = {}
    rows = [header]
    for item in items:
        cells = {(_id(item), m): w.Dropdown(options=options, value=None,
                                            layout=w.Layout(width="12em")) for m in members}
        dropdowns.update(cells)
        rows.append(w.HBox([w.Label(_text(item), layout=_WIDE), *cells.values()]))
    status, out, button = w.HTML(), w.Output(), w.Button(description="Save", icon="save")
    controls: dict[Any, w.Widget] = {**dropdowns, "save": button}

    def save() -> tuple[str, Any]:
        chosen = [(m, i, d.value) for (i, m), d in dropdowns.items() if d.value is not None]
        if not chosen:
            return "Nothing to save yet: choose at least one rating.", None
        df = pd.DataFrame(chosen, columns=["member", "item", "rating"])
        path = store.save_table(activity, df, session=session, facilitator=facilitator)
        return _saved_line(store, path, f"{len(df)} ratings"), df

    button.on_click(lambda _: _run_save(status, out, save, on_saved, store, activity))
    return _box([*rows, button, status, out], controls, status)


def table_editor(store: ResponseStore, activity: str, rows: Sequence[Any], columns: Sequence[Any],
                 *, row_header: str = "component", on_saved: OnSaved | None = None,
                 session: str | None = None, facilitator: str | None = None) -> w.VBox:
    """A table of text boxes (e.g. vision components × roles), with "add a row" and Save.

    Saved as one CSV row per table row: ``row_header`` (the row's name) and one column per
    entry of ``columns`` (named by its id). ``controls[(row_name, column_id)]`` is each cell.
    """
    col_ids = [_id(c) for c in columns]
    controls: dict[Any, w.Widget] = {}
    names: list[str] = []
    grid = w.VBox([w.HBox([w.Label(row_header.capitalize(), layout=w.Layout(width="16em"))]
                          + [w.Label(_text(c), layout=w.Layout(width="14em")) for c in columns])])

    def add_row(name: str) -> None:
        if name in names:
            return
        cells = {(name, c): w.Textarea(layout=_CELL) for c in col_ids}
        controls.update(cells)
        names.append(name)
        grid.children = (*grid.children, w.HBox([w.Label(name, layout=w.Layout(width="16em")),
                                                 *cells.values()]))

    for row in rows:
        add_row(_text(row))
    new_name, add = w.Text(placeholder="Another component…"), w.Button(description="Add a row")
    status, out, button = w.HTML(), w.Output(), w.Button(description="Save", icon="save")
    controls.update({"new_row": new_name, "add_row": add, "save": button})

    def on_add(_: Any) -> None:
        name = new_name.value.strip()
        if not name or name in names:
            status.value = escape_text("Type a new, different name for the row first.")
            return
        add_row(name)
        new_name.value = ""

    def save() -> tuple[str, Any]:
        df = pd.DataFrame([{row_header: n, **{c: controls[(n, c)].value for c in col_ids}}
                           for n in names], columns=[row_header, *col_ids])
        path = store.save_table(activity, df, session=session, facilitator=facilitator)
        return _saved_line(store, path, f"{len(df)} rows"), df

    add.on_click(on_add)
    button.on_click(lambda _: _run_save(status, out, save, on_saved, store, activity))
    return _box([grid, w.HBox([new_name, add]), button, status, out], controls, status)


def text_capture(store: ResponseStore, activity: str, prompt: str, *,
                 on_saved: OnSaved | None = None, session: str | None = None,
                 facilitator: str | None = None) -> w.VBox:
    """A prompt, a text box and Save: a vision statement draft, meeting minutes.

    Saved as a record ``{"prompt": ..., "text": ...}``; ``on_saved`` receives that dict.
    """
    area = w.Textarea(layout=w.Layout(width="60em", height="10em"))
    status, out, button = w.HTML(), w.Output(), w.Button(description="Save", icon="save")

    def save() -> tuple[str, Any]:
        if not area.value.strip():
            return "Nothing to save yet: write something first.", None
        record = {"prompt": prompt, "text": area.value}
        path = store.save_record(activity, record, session=session, facilitator=facilitator)
        return _saved_line(store, path, f"{len(area.value.split())} words"), record

    button.on_click(lambda _: _run_save(status, out, save, on_saved, store, activity))
    return _box([w.HTML(f"<b>{escape_text(prompt)}</b>"), area, button, status, out],
                {"text": area, "save": button}, status)


def _history_label(saved: SavedResponse) -> str:
    when = saved.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
    parts = [when, saved.session or "no session name"]
    if saved.rows is not None:
        parts.append(f"{saved.rows} rows")
    return " — ".join(parts)


def session_picker(store: ResponseStore, activity: str,
                   on_load: Callable[[Any], None]) -> w.VBox:
    """A list of earlier saves (newest first) to reload and continue; ``on_load(data)``."""
    picker = w.Dropdown(layout=w.Layout(width="40em"))
    status = w.HTML()
    load, refresh = w.Button(description="Load", icon="folder-open"), w.Button(description="Refresh")

    def fill(_: Any = None) -> None:
        try:
            saves = store.history(activity)
        except DataDriverError as err:
            status.value = f"<b>Could not list the saves:</b> {escape_text(err)}"
            return
        picker.options = [(_history_label(s), s) for s in reversed(saves)]
        picker.value = saves[-1] if saves else None
        status.value = escape_text(f"{len(saves)} saved version(s)." if saves else
                                   "Nothing saved yet for this activity.")

    def on_click(_: Any) -> None:
        chosen = picker.value
        if chosen is None:
            status.value = escape_text("Choose a saved version first.")
            return
        try:
            data = store.load(chosen)
        except DataDriverError as err:
            status.value = f"<b>Could not load:</b> {escape_text(err)}"
            return
        status.value = escape_text(f"Loaded {_history_label(chosen)}.")
        on_load(data)

    fill()
    load.on_click(on_click)
    refresh.on_click(fill)
    return _box([w.HBox([picker, load, refresh]), status],
                {"picker": picker, "load": load, "refresh": refresh}, status)


def check_answer(question: QuizQuestion, chosen: int | None) -> str:
    """Feedback for one answer: right or not, always with the explanation."""
    if chosen is None:
        return "Choose an answer first."
    if chosen == question.correct:
        return f"Right. {question.explanation}"
    return (f"Not quite: the answer is \"{question.options[question.correct]}\". "
            f"{question.explanation}")


def quiz(questions: Sequence[QuizQuestion]) -> w.VBox:
    """A self-check quiz: each question as radio buttons, a Check button and feedback.

    Nothing is saved: the quiz is for the person, not the record.
    ``controls[(n, "choice")]``, ``controls[(n, "check")]`` and ``controls[(n, "feedback")]``
    for question ``n`` (from 0).
    """
    controls: dict[Any, w.Widget] = {}
    blocks: list[w.Widget] = []
    for n, question in enumerate(questions):
        choice = w.RadioButtons(options=[(o, i) for i, o in enumerate(question.options)],
                                value=None, layout=w.Layout(width="auto"))
        check, feedback = w.Button(description="Check"), w.HTML()

        def on_check(_: Any, q: QuizQuestion = question, c: w.RadioButtons = choice,
                     f: w.HTML = feedback) -> None:
            f.value = escape_text(check_answer(q, c.value))

        check.on_click(on_check)
        controls.update({(n, "choice"): choice, (n, "check"): check, (n, "feedback"): feedback})
        blocks.append(w.VBox([w.HTML(f"<b>{n + 1}. {escape_text(question.question)}</b>"),
                              choice, check, feedback]))
    return _box(blocks, controls, w.HTML())

