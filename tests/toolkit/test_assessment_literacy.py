"""Notebook 06: the glossary on a tiny team, the catalog judged by hand, session rows, privacy, summary."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from datadriver_utils.notebook.needs import MissingData
from datadriver_utils.notebook.report import Report, open_report
from datadriver_utils.privacy.release import summary_context
from datadriver_utils.toolkit import assessment_literacy as literacy
from datadriver_utils.workshop.glossary import GLOSSARY, LITERACY_QUIZ
from datadriver_utils.workshop.store import ResponseStore
from tests.conftest import ASSESSMENTS_OK, SAMPLE_DATA, STUDENTS_OK, TEAM, write_team

MEMBERS = [{"name": "Ana", "role": "lead"}, {"name": "Ben", "role": "teacher"}, {"name": "Cy", "role": "coach"}]
TRAININGS = ("person,role,training,topic,due,completed_on\n"
             "Ana,lead,Items,difficulty; discrimination,2025-10-31,2025-10-20\n"
             "Ben,teacher,Items,,2025-10-31,\n"
             "Cy,coach,Scale,scale score,2026-02-20,\n"
             "Ana,lead,Scale,,2026-04-01,\n")


@pytest.fixture
def team_dir(tmp_path: Path) -> Path:
    return write_team(tmp_path / "data", {"students.csv": STUDENTS_OK, "assessments.csv": ASSESSMENTS_OK,
                                          "trainings.csv": TRAININGS}, team={**TEAM, "members": MEMBERS})


def open_as(team_dir: Path, audience: str = "team", as_of: str = "2026-01-31") -> Report:
    return open_report(team_dir.parent.parent, team_dir.name, audience, None, as_of=as_of)


def test_glossary_lists_every_term_with_our_example_or_what_is_needed(team_dir: Path) -> None:
    shown = literacy.glossary(open_as(team_dir))
    assert len(shown.frame) == len(GLOSSARY) == 21
    row = shown.frame.set_index("term").loc["Percent proficient"]
    assert "100.0%" in row["example"]  # post: 80% and 70% at a cut of 70
    assert shown.frame.set_index("term").loc["Reliability (Cronbach's alpha)", "example"].startswith("Needs ")
    assert shown.notices[0].startswith("13 of 21 terms have an example")  # no items, no scale scores


def test_catalog_judged_at_the_reports_as_of_date(team_dir: Path) -> None:
    shown = literacy.training_catalog(open_as(team_dir))
    judged = shown.value.set_index(["person", "training"])
    assert judged["status"].to_dict() == {("Ana", "Items"): "done", ("Ben", "Items"): "overdue",
                                          ("Cy", "Scale"): "due soon", ("Ana", "Scale"): "open"}
    assert judged.loc[("Ben", "Items"), "days_overdue"] == 92  # 2025-10-31 to 2026-01-31
    assert set(shown.tables) == {"catalog", "people", "trainings"}
    assert shown.notices[0].startswith("Overdue as of 2026-01-31 (the report's as-of date): 1 training(s)")
    assert "By training (overdue as of 2026-01-31)" in shown._repr_html_()
    earlier = literacy.training_catalog(open_as(team_dir, as_of="2025-10-15")).value
    assert earlier["status"].tolist() == ["done", "due soon", "open", "open"]
    given = literacy.training_catalog(open_as(team_dir), as_of="2025-10-15")
    assert given.value["status"].tolist() == earlier["status"].tolist()
    assert "(the date given to this view)" in given.notices[0]


def test_beyond_the_team_nobody_is_named(team_dir: Path) -> None:
    shown = literacy.training_catalog(open_as(team_dir, "public"))
    html = shown._repr_html_()
    assert set(shown.tables) == {"trainings"} and "Ben" not in html and "Ana" not in html
    assert "People are named in the team view only." in shown.notices
    found = literacy.summary(open_as(team_dir, "public"))
    assert found.trainings is not None
    assert [o.model_dump() for o in found.trainings.overdue] == [
        {"training": "Items", "due": "2025-10-31", "days_overdue": 92}]
    assert literacy.summary(open_as(team_dir)).trainings.overdue[0].person == "Ben"  # type: ignore[union-attr]


def test_summary_by_hand(team_dir: Path) -> None:
    report = open_as(team_dir)
    found = literacy.summary(report)
    assert (found.n_terms, found.n_with_example, found.self_check_questions) == (21, 13, len(LITERACY_QUIZ))
    trainings = found.trainings
    assert trainings is not None and trainings.as_of == "2026-01-31" and trainings.n_people == 3
    assert trainings.by_status == {"done": 1, "due soon": 1, "open": 1, "overdue": 1, "no due date": 0}
    items = trainings.by_training[0]
    assert (items.training, items.n, items.n_done, items.pct_done) == ("Items", 2, 1, 50.0)
    assert "difficulty" not in trainings.terms_without_training and "scale_score" not in trainings.terms_without_training
    assert "growth" in trainings.terms_without_training
    payload = found.to_json(summary_context(report.rules, report.audience))
    assert payload["trainings"]["by_training"][1]["pct_done"] == 0.0


def test_rows_added_live_are_checked_saved_and_joined(team_dir: Path) -> None:
    box = literacy.training_entry(open_as(team_dir))
    form = box.controls["box"]
    fields = form.controls
    fields["person"].value, fields["training"].value, fields["due"].value = "Ben", "Items", "31/10/2025"
    fields["add"].click()
    assert "Not added" in form.status.value and "due" in form.status.value and "YYYY-MM-DD" in form.status.value
    fields["due"].value, fields["completed_on"].value = "2025-10-31", "2026-01-10"
    fields["add"].click()
    assert len(form.pending) == 1 and fields["person"].value == ""
    fields["person"].value, fields["training"].value, fields["due"].value = "Dee", "Privacy", "2026-01-05"
    fields["add"].click()
    fields["save"].click()
    assert "Saved 2 rows" in form.status.value
    assert (team_dir / "trainings.csv").read_text(encoding="utf-8") == TRAININGS  # the file is never changed
    shown = literacy.training_catalog(open_as(team_dir))
    judged = shown.value.set_index(["person", "training"])
    assert judged.loc[("Ben", "Items"), "status"] == "done"  # the session row replaced the file row
    assert judged.loc[("Dee", "Privacy"), "status"] == "overdue"
    assert literacy.summary(open_as(team_dir)).trainings.n_added_in_session == 2  # type: ignore[union-attr]
    reloaded = literacy.training_entry(open_as(team_dir))
    reloaded.controls["picker"].controls["load"].click()
    assert len(reloaded.controls["box"].pending) == 2


def test_damaged_session_rows_are_named_not_fatal(team_dir: Path) -> None:
    ResponseStore(team_dir).save_table(literacy.TRAINING_ACTIVITY,
                                       pd.DataFrame([{"person": "Eve", "training": "Items", "due": "soon"}]))
    shown = literacy.training_catalog(open_as(team_dir))
    assert any("could not be read" in n for n in shown.notices)


def test_self_check_and_its_key(team_dir: Path) -> None:
    box = literacy.self_check()
    box.controls[(0, "choice")].value = 0
    box.controls[(0, "check")].click()
    assert box.controls[(0, "feedback")].value.startswith("Not quite")
    assert "scale score" in box.controls[(0, "feedback")].value
    html = literacy.self_check_answers(open_as(team_dir))._repr_html_()
    assert html.count("✓") == len(LITERACY_QUIZ)


def test_oak_has_no_catalog_and_says_what_it_needs() -> None:
    report = open_report(SAMPLE_DATA, "oak-middle-science", "team", None)
    shown = literacy.training_catalog(report)
    assert isinstance(shown, MissingData) and shown.missing == ["trainings"]
    assert "trainings.csv" in shown._repr_html_() and "form below" in shown._repr_html_()
    found = literacy.summary(report)
    assert found.trainings is None and found.n_with_example == 19
