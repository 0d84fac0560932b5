"""Save redraws the views of saved answers in place (issue 10, item 8).

Each test displays a view the way a notebook cell does (it gets a display id), builds the live
capture widget of the same activity, fills it in and presses the widget's own Save button
(``click()``). What the kernel would send to JupyterLab as ``update_display_data`` is
recorded instead and read back: the view must now show the new answers, not "No answers
captured yet". tests/e2e/test_live.py checks the same in a real kernel, tests/e2e/test_browser.py
in JupyterLab itself.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from datadriver_utils.errors import CaptureError
from datadriver_utils.notebook.report import Report, open_report
from datadriver_utils.notebook.results import Result
from datadriver_utils.toolkit import change, orientation, vision
from datadriver_utils.workshop import live, widgets
from datadriver_utils.workshop.store import ResponseStore
from tests.conftest import ASSESSMENTS_OK, STUDENTS_OK, TEAM, write_team

NOTHING = "No answers captured yet"
MEMBERS = [{"name": "Ana", "role": "lead", "functions": ["vision"]},
           {"name": "Ben", "role": "teacher", "functions": ["data"]}]


@pytest.fixture(autouse=True)
def no_views_left_over():
    live.forget_views()
    yield
    live.forget_views()


@pytest.fixture
def redrawn(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What ``update_display`` would send, by display id: the HTML of each redraw."""
    sent: dict[str, list[str]] = {}

    def record(bundle: dict[str, str], *, raw: bool, display_id: str) -> None:
        assert raw
        sent.setdefault(display_id, []).append(bundle["text/html"])

    monkeypatch.setattr(live, "update_display", record)
    return sent


def _report(tmp_path: Path, team_id: str = "t1") -> Report:
    team_dir = write_team(tmp_path / "data", {"students.csv": STUDENTS_OK, "assessments.csv": ASSESSMENTS_OK},
                          team_id=team_id, team={**TEAM, "members": MEMBERS})
    return open_report(team_dir.parent.parent, team_id)


@pytest.fixture
def echoed(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What a widget shows in its own output area under the Save button."""
    shown: list[object] = []
    monkeypatch.setattr(widgets, "display", shown.append)
    return shown


def test_save_redraws_the_draft_shown_below_the_widget(tmp_path: Path, redrawn: dict, echoed: list) -> None:
    report = _report(tmp_path)
    capture = vision.vision_statement_capture(report)  # the live cell, above the view
    view = vision.vision_statement(report)  # the view cell, run before anyone saved
    assert view.display_id and NOTHING in view._repr_html_()

    box = capture.controls["box"]
    box.controls["text"].value = "Every teacher reads <b>our</b> data each week."
    box.controls["save"].click()

    assert "Saved" in box.status.value and len(ResponseStore(report.team.team_dir).history("vision_statement")) == 1
    [html] = redrawn[view.display_id]
    assert NOTHING not in html
    assert "Every teacher reads &lt;b&gt;our&lt;/b&gt; data each week." in html  # typed text stays escaped
    assert "Saved once" in html  # the history line of saved_view, as a re-run would show
    assert echoed == []  # not drawn a second time under the widget
    picker = capture.controls["picker"]
    assert "1 saved version" in picker.status.value and picker.controls["picker"].value is not None


def test_without_a_view_on_the_page_the_widget_shows_what_it_saved(tmp_path: Path, redrawn: dict,
                                                                    echoed: list) -> None:
    report = _report(tmp_path)
    box = vision.vision_statement_capture(report).controls["box"]
    box.controls["text"].value = "A draft typed before the view cell ran."
    box.controls["save"].click()
    assert redrawn == {}
    [shown] = echoed
    assert isinstance(shown, Result) and "A draft typed before the view cell ran." in shown._repr_html_()


def test_save_of_ratings_redraws_the_profile(tmp_path: Path, redrawn: dict) -> None:
    report = _report(tmp_path)
    view = orientation.team_self_assessment(report)
    grid = orientation.team_self_assessment_grid(report).controls["box"]
    ratings = {key: dropdown for key, dropdown in grid.controls.items() if isinstance(key, tuple)}
    for dropdown in ratings.values():
        dropdown.value = 3.0
    grid.controls["save"].click()

    [html] = redrawn[view.display_id]
    assert NOTHING not in html and "Team self-assessment by function" in html
    fresh = orientation.team_self_assessment(report)  # what re-running the cell shows
    assert fresh.display_id == view.display_id and html == fresh._repr_html_()


def test_a_view_reading_two_activities_is_redrawn_by_either(tmp_path: Path, redrawn: dict) -> None:
    report = _report(tmp_path)
    tracker = change.change_actions(report)
    concerns = change.concerns(report)
    editor = change.change_actions_editor(report).controls["box"]
    first_step = next(key for key in editor.controls if isinstance(key, tuple))
    editor.controls[first_step].value = "Share the data calendar"
    editor.controls["save"].click()
    assert len(redrawn[tracker.display_id]) == 1 and concerns.display_id not in redrawn

    grid = change.concerns_grid(report).controls["box"]
    next(c for k, c in grid.controls.items() if isinstance(k, tuple)).value = 5.0
    grid.controls["save"].click()
    assert len(redrawn[tracker.display_id]) == 2 and len(redrawn[concerns.display_id]) == 1


def test_nothing_saved_means_nothing_redrawn(tmp_path: Path, redrawn: dict) -> None:
    report = _report(tmp_path)
    vision.vision_statement(report)
    box = vision.vision_statement_capture(report).controls["box"]
    box.controls["save"].click()  # an empty draft is not saved
    assert box.status.value.startswith("Nothing to save yet") and redrawn == {}


def test_only_the_saving_teams_views_are_redrawn(tmp_path: Path, redrawn: dict) -> None:
    ours, theirs = _report(tmp_path, "t1"), _report(tmp_path, "t2")
    mine, other = vision.vision_statement(ours), vision.vision_statement(theirs)
    assert mine.display_id != other.display_id
    box = vision.vision_statement_capture(ours).controls["box"]
    box.controls["text"].value = "Every adult uses evidence."
    box.controls["save"].click()
    assert set(redrawn) == {mine.display_id}


def test_rerunning_a_view_keeps_its_display_id_and_one_entry(tmp_path: Path) -> None:
    report = _report(tmp_path)
    ids = {vision.barriers(report).display_id for _ in range(3)}
    assert len(ids) == 1
    assert len(live.live_views(ResponseStore(report.team.team_dir).root, "barriers")) == 1


def test_a_view_that_cannot_be_redrawn_is_named_in_the_status(tmp_path: Path, redrawn: dict) -> None:
    report = _report(tmp_path)
    calls = []

    @live.redrawn_on_save(vision.STATEMENT_ACTIVITY)
    def fragile(report: Report) -> Result:
        calls.append(1)
        if len(calls) > 1:
            raise CaptureError("vision_statement.yml is not a mapping: save the draft again")
        return Result()

    fragile(report)
    box = vision.vision_statement_capture(report).controls["box"]
    box.controls["text"].value = "Every adult uses evidence."
    box.controls["save"].click()
    assert "Saved" in box.status.value and "could not be redrawn" in box.status.value
    assert "save the draft again" in box.status.value


def test_results_without_a_display_id_display_as_before() -> None:
    plain = Result().note("hello")
    assert plain.display_id is None and plain._ipython_display_ is None  # IPython then uses _repr_html_
    plain.display_id = "datadriver-x"
    assert callable(plain._ipython_display_)


def test_the_redrawn_view_reads_the_new_save_not_a_memo(tmp_path: Path, redrawn: dict) -> None:
    report = _report(tmp_path)
    view = vision.vision_components(report)
    editor = vision.vision_components_editor(report).controls["box"]
    cells = [key for key in editor.controls if isinstance(key, tuple)]
    for text in ("first", "second"):
        editor.controls[cells[0]].value = text
        editor.controls["save"].click()
    first, second = redrawn[view.display_id]
    assert "first" in first and "second" in second and "Saved 2 times" in second
    saved = ResponseStore(report.team.team_dir).latest("vision_components")
    assert isinstance(saved, pd.DataFrame) and "second" in saved.to_string()


def test_a_batch_run_displays_views_as_before(tmp_path: Path) -> None:
    """In a batch (the report publishes to a summary folder) nothing is remembered or given an id."""
    report = _report(tmp_path)
    batch = open_report(report.team.team_dir.parent.parent, "t1", "team", tmp_path / "summary")
    view = vision.vision_statement(batch)
    assert view.display_id is None and view._ipython_display_ is None
    assert live.live_views(ResponseStore(report.team.team_dir).root, vision.STATEMENT_ACTIVITY) == []


def test_saving_minutes_redraws_the_minutes_record(tmp_path: Path, redrawn: dict) -> None:
    report = _report(tmp_path)
    view = vision.minutes(report)
    box = vision.minutes_capture(report).controls["box"]
    box.controls["meeting"].value = "2025-10-01"
    box.controls["decisions"].value = "Share the calendar."
    box.controls[(0, "action")].value = "Post the calendar in the staff room"
    box.controls["save"].click()
    assert box.status.value.startswith("Saved the minutes of 2025-10-01")
    assert set(redrawn) == {view.display_id}
