"""Every exercise, on every sample team, answered right and wrong through the widget's own controls."""

from __future__ import annotations

import shutil
from functools import cache

import ipywidgets as w
import nbformat
import pandas as pd
import pytest
import yaml

import datadriver_utils as dd
from datadriver_utils.contract.team import list_teams
from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.errors import DataDriverError
from datadriver_utils.notebook.results import Result
from datadriver_utils.training import all_exercises, exercises_for, practice
from datadriver_utils.training.exercise import Exercise, Task, parse_number
from datadriver_utils.training.practice import TEAM_VIEW_ONLY, resolve_mode, solved
from datadriver_utils.training.progress import ProgressStore
from datadriver_utils.training.widgets import exercise_widget
from tests.conftest import NOTEBOOKS, SAMPLE_AS_OF, SAMPLE_DATA

TEAMS = list_teams(SAMPLE_DATA)
EXERCISES = [exercise for group in all_exercises().values() for exercise in group]


@cache
def report_for(team: str) -> dd.Report:
    return dd.open_report(SAMPLE_DATA, team, as_of=SAMPLE_AS_OF)


def wrong_answer(task: Task) -> str:
    if task.kind == "choice":
        return next(o for o in task.options if o != task.answer)
    return str(float(task.answer) + 10 * task.tolerance + 7)


def test_every_notebook_with_exercises_has_at_least_three() -> None:
    counts = {notebook: len(group) for notebook, group in all_exercises().items()}
    assert counts and all(n >= 3 for n in counts.values()), counts
    strand = {notebook: n for notebook, n in counts.items() if "11" <= notebook[:2] <= "21"}
    assert all(n >= 4 for n in strand.values()), strand  # the strand notebooks carry more practice
    ids = [e.id for e in EXERCISES]
    assert len(ids) == len(set(ids))


def test_every_notebook_with_a_practice_cell_has_its_exercises() -> None:
    """The practice cell of each notebook names the notebook itself, and finds enough exercises there:
    at least three, four for the Data Driver strand (11-20); no exercise belongs to a notebook without one."""
    counts = {notebook: len(group) for notebook, group in all_exercises().items()}
    with_cell = set()
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        cells = [c for c in nbformat.read(path, as_version=4).cells if "practice" in c.metadata.get("tags", [])]
        if not cells:
            continue
        with_cell.add(path.stem)
        assert len(cells) == 1 and f'practice(report, "{path.stem}"' in cells[0].source, path.name
        minimum = 4 if "11" <= path.stem[:2] <= "20" else 3
        assert counts.get(path.stem, 0) >= minimum, (path.stem, counts.get(path.stem, 0))
    assert {"30_student_learning_cycles", "31_peer_classrooms", "32_scaling", "33_classroom_improvement",
            "40_credential_portfolio"} <= with_cell
    assert set(counts) == with_cell


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_each_exercise_marks_right_and_wrong_through_its_widget(exercise: Exercise, tmp_path) -> None:
    solved_somewhere = 0
    for team in TEAMS:
        task = solved(report_for(team), exercise)
        if task is None:
            continue
        solved_somewhere += 1
        box = exercise_widget(exercise, task, ProgressStore("tester", root=tmp_path / team))
        controls = box.controls
        controls["answer"].value = wrong_answer(task)
        controls["check"].click()
        assert "Not quite" in controls["feedback"].value
        assert escape_text(task.where.split(",")[0]) in controls["feedback"].value
        assert controls["reveal"].layout.display == "none"
        controls["check"].click()
        assert "Hint:" in controls["feedback"].value
        assert controls["reveal"].layout.display is None  # the worked answer is one click away
        controls["reveal"].click()
        assert "Answer:" in controls["worked"].value
        controls["answer"].value = str(task.answer)
        controls["check"].click()
        assert "Right." in controls["feedback"].value
        progress = ProgressStore("tester", root=tmp_path / team).load()[exercise.id]
        assert progress == {**progress, "tries": 3, "correct": True}
    assert solved_somewhere, f"{exercise.id} applies to no sample team"


def test_answers_come_from_the_data_not_from_the_code(tmp_path) -> None:
    """Change the data and the answers follow: drop a third of River's post rows."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    path = data / "teams" / "river-middle-g7-math" / "assessments.csv"
    rows = pd.read_csv(path, dtype=str)
    post = rows[rows["window"] == "post"]
    rows.drop(post.index[post["student_id"].astype(int) % 3 == 0]).to_csv(path, index=False)
    before, after = report_for("river-middle-g7-math"), dd.open_report(data, "river-middle-g7-math", as_of=SAMPLE_AS_OF)
    changed = [e.id for e in EXERCISES
               if (a := solved(before, e)) is not None and (b := solved(after, e)) is not None and a.answer != b.answer]
    assert len(changed) >= 4, changed


def test_modes(monkeypatch) -> None:
    report = report_for("river-middle-g7-math")
    n = len(exercises_for("11_assessor"))
    assert practice(report, "11_assessor", mode="off")._repr_html_() == ""
    worked = practice(report, "11_assessor", mode="worked")
    assert isinstance(worked, Result) and worked._repr_html_().count("Answer:") == n
    live = practice(report, "11_assessor", mode="practice")
    assert isinstance(live, w.VBox) and len(live.children) == n + 1  # the heading, then one box per exercise
    monkeypatch.setenv("DATADRIVER_TRAINING", "worked")
    assert resolve_mode("") == "worked" and resolve_mode("off") == "off"
    with pytest.raises(DataDriverError, match="not a training mode"):
        resolve_mode("exam")


@pytest.mark.parametrize("audience", ["district", "public"])
def test_exercises_stay_in_the_team_view(audience: str) -> None:
    """Worked answers quote exact counts of students: beyond the team they are not shown at all."""
    report = dd.open_report(SAMPLE_DATA, "cedar-elementary-k2", audience, as_of=SAMPLE_AS_OF)
    for mode in ("worked", "practice"):
        shown = practice(report, "12_data_analyst", mode=mode)
        assert isinstance(shown, Result) and "Answer:" not in shown._repr_html_()
        assert shown.notices == [TEAM_VIEW_ONLY]
    assert all(solved(report, e) is None for e in EXERCISES)


def test_missing_files_say_what_would_make_the_exercise_work(tmp_path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    (data / "teams" / "river-middle-g7-math" / "processes.csv").unlink()
    shown = practice(dd.open_report(data, "river-middle-g7-math", as_of=SAMPLE_AS_OF), "12_data_analyst", mode="worked")
    assert "processes.csv" in shown._repr_html_()


def test_numbers_in_worked_answers_match_the_answer() -> None:
    for team in TEAMS:
        for exercise in EXERCISES:
            task = solved(report_for(team), exercise)
            if task is not None and task.kind == "number":
                assert parse_number(task.shown_answer.removesuffix(task.unit)) == pytest.approx(float(task.answer))


def test_sample_config_is_unchanged_by_practice() -> None:
    before = (SAMPLE_DATA / "teams" / "river-middle-g7-math" / "team.yml").read_text(encoding="utf-8")
    practice(report_for("river-middle-g7-math"), "20_data_driver_snapshot", mode="practice", learner="")
    assert yaml.safe_load(before) == yaml.safe_load(
        (SAMPLE_DATA / "teams" / "river-middle-g7-math" / "team.yml").read_text(encoding="utf-8"))


def test_rehearsal_fills_capture_widgets_with_the_last_session(monkeypatch) -> None:
    from datadriver_utils.toolkit import vision

    report = report_for("river-middle-g7-math")
    monkeypatch.setenv("DATADRIVER_TRAINING", "off")
    empty = vision.vision_statement_capture(report)
    assert empty.controls["box"].controls["text"].value == ""
    monkeypatch.setenv("DATADRIVER_TRAINING", "practice")
    filled = vision.vision_statement_capture(report)
    assert filled.controls["box"].controls["text"].value.strip()
    assert "Rehearsal" in filled.controls["note"].value


def test_the_path_orders_notebooks_and_counts_progress(tmp_path, monkeypatch) -> None:
    from datadriver_utils.training.path import MINUTES_PER_EXERCISE, path_table, progress_table
    from datadriver_utils.training.rehearsal import notebook_minutes

    monkeypatch.setenv("DATADRIVER_TRAINING_DIR", str(tmp_path))
    path = path_table()
    assert list(path["notebook"]) == sorted(path["notebook"])
    first = path.iloc[0]
    assert first["minutes"] == notebook_minutes(first["notebook"]) + MINUTES_PER_EXERCISE * first["exercises"]
    store = ProgressStore("ana")
    store.record(f"{first['notebook'][:2]}.1", True)
    shown = progress_table("ana")
    assert shown.frame.loc[0, "done"] == 1 and shown.frame.loc[0, "tries"] == 1
    assert "next," in " ".join(shown.notices)


def test_rehearsal_checklists_read_timings_from_the_notebook() -> None:
    from datadriver_utils.training.rehearsal import REHEARSALS, checklist

    for notebook in REHEARSALS:
        html = checklist(notebook)._repr_html_()
        assert "Prepare" in html and "Questions the room usually asks" in html
        assert "<li>" in html.split("Timings and notes")[1], notebook


def test_the_path_ends_with_the_teacher_leadership_notebooks() -> None:
    from datadriver_utils.training.path import path_table

    path = path_table().set_index("notebook")
    leadership = ["30_student_learning_cycles", "31_peer_classrooms", "32_scaling", "33_classroom_improvement",
                  "40_credential_portfolio"]
    assert list(path.index[-5:]) == leadership
    assert path.loc[leadership[:4], "rehearsal"].all()  # the four workshops can be rehearsed
    assert (path.loc[leadership, "minutes"] > path.loc[leadership, "exercises"] * 3).all()  # the session's own time too
