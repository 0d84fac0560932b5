"""The practice cell of every notebook: exercises live, worked answers in print, or nothing.

A notebook ends with::

    training.practice(report, "11_assessor", mode=training, learner=learner)

and ``training`` (a parameter of the notebook) decides what that shows:

* ``"off"`` -- nothing: a team's workshop and its batch reports carry no exercises;
* ``"practice"`` -- one widget per exercise, marked from the data as the learner answers;
* ``"worked"`` -- each exercise with its answer and explanation, for coaches who read
  before they practise (``datadriver run --training`` renders these).

An empty ``training`` reads ``DATADRIVER_TRAINING`` and an empty ``learner``
``DATADRIVER_LEARNER`` (:mod:`.mode`; ``datadriver training`` sets both when it starts
JupyterLab), so a learner need not edit every parameters cell.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

import ipywidgets as w

from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.errors import DataDriverError
from datadriver_utils.notebook.needs import missing_data
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Fragment, Result
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.mode import MODES, resolve_learner, resolve_mode
from datadriver_utils.training.progress import ProgressStore
from datadriver_utils.training.widgets import exercise_widget, worked_html

__all__ = ["MODES", "TEAM_VIEW_ONLY", "all_exercises", "exercises_for", "practice", "resolve_mode", "solved"]

_PACKAGE = "datadriver_utils.training.exercises"


def _modules() -> Iterator[object]:
    package = importlib.import_module(_PACKAGE)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        yield importlib.import_module(f"{_PACKAGE}.{info.name}")


def all_exercises() -> dict[str, tuple[Exercise, ...]]:
    """Every notebook's exercises, by notebook name (``"11_assessor"``), in notebook order."""
    found: dict[str, tuple[Exercise, ...]] = {}
    for module in _modules():
        exercises: tuple[Exercise, ...] = getattr(module, "EXERCISES", ())
        for exercise in exercises:
            found.setdefault(exercise.notebook, ())
            found[exercise.notebook] += (exercise,)
    return dict(sorted(found.items()))


def exercises_for(notebook: str) -> tuple[Exercise, ...]:
    """The exercises of one notebook (``"11_assessor"`` or ``"11_assessor.ipynb"``)."""
    name = notebook.removesuffix(".ipynb")
    exercises = all_exercises().get(name)
    if not exercises:
        raise DataDriverError(f"No exercises are written for notebook {name!r}.")
    return exercises


TEAM_VIEW_ONLY = ("Exercises are worked in the team view only: their answers and explanations quote exact counts "
                  "of students, which shared reports never show. Open the notebook with audience 'team'.")


def solved(report: Report, exercise: Exercise) -> Task | None:
    """The exercise on this team's data, or ``None`` when its files are missing, it cannot apply,
    or the report is for an audience beyond the team (see :data:`TEAM_VIEW_ONLY`)."""
    if not report.for_team or missing_data(report, *exercise.needs) is not None:
        return None
    return exercise.solve(report)


def _unavailable(report: Report, exercise: Exercise) -> Result:
    absent = missing_data(report, *exercise.needs)
    if absent is not None:
        return Result([Fragment(f"<p><b>{escape_text(exercise.id)} {escape_text(exercise.title)}</b></p>")]).add(absent)
    return Result().note(f"{exercise.id} {exercise.title}: this team's data give nothing to practise on here "
                         "yet; open the notebook on another team of the sample district to try it.", "info")


def _worked(report: Report, exercises: tuple[Exercise, ...]) -> Result:
    result = Result()
    for exercise in exercises:
        task = solved(report, exercise)
        if task is None:
            result.add(_unavailable(report, exercise))
            continue
        markup = (f'<section class="exercise"><h4>{escape_text(exercise.id)} {escape_text(exercise.title)}</h4>'
                  f"<p>{escape_text(task.prompt)}</p>{worked_html(task)}"
                  f"<p><i>Practises: {escape_text(exercise.practises)}</i></p></section>")
        result.add(Fragment(markup, label=f"exercise {exercise.id}"))
    return result


def practice(report: Report, notebook: str, *, mode: str | None = None, learner: str = "") -> Result | w.VBox:
    """The notebook's exercises in the chosen mode (see the module docstring)."""
    chosen = resolve_mode(mode)
    if chosen == "off":
        return Result()
    exercises = exercises_for(notebook)
    if not report.for_team:
        return Result().note(TEAM_VIEW_ONLY, "info")
    if chosen == "worked":
        return _worked(report, exercises)
    learner = resolve_learner(learner)
    progress = ProgressStore(learner) if learner else None
    boxes: list[w.Widget] = [w.HTML(
        f"<h3>Practice: {len(exercises)} exercises</h3><p>Answers are worked out from this team's data. "
        + ("Your progress is saved for " + escape_text(progress.learner) + "." if progress
           else "Set <code>learner</code> in the parameters cell to keep your progress.") + "</p>")]
    for exercise in exercises:
        task = solved(report, exercise)
        if task is None:
            boxes.append(w.HTML(_unavailable(report, exercise)._repr_html_()))
        else:
            boxes.append(exercise_widget(exercise, task, progress))
    return w.VBox(boxes)
