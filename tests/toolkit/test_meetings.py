"""Notebook 01's minutes as a record of actions followed up: saved meetings read back, privacy, the live form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from datadriver_utils.notebook.report import Report, open_report
from datadriver_utils.toolkit import vision
from datadriver_utils.toolkit.meetings import MINUTES_ACTIVITY
from datadriver_utils.workshop.store import ResponseStore
from tests.conftest import ASSESSMENTS_OK, SAMPLE_AS_OF, SAMPLE_DATA, STUDENTS_OK, TEAM, write_team

MEMBERS = [{"name": "Ana", "role": "lead"}, {"name": "Ben", "role": "teacher"}]
MEETINGS = [
    {"meeting": "2025-10-07", "present": ["Ana", "Ben"], "decisions": ["Grade for accuracy"],
     "actions": [{"id": "2025-10-07#1", "action": "Bring data", "owner": "Ana", "due": "2025-10-20"},
                 {"id": "2025-10-07#2", "action": "Book room", "owner": "Ben", "due": "2025-11-30"}]},
    {"meeting": "2025-10-21", "present": ["Ana"], "follow_up": [{"id": "2025-10-07#1", "status": "done"}],
     "actions": [{"id": "2025-10-21#1", "action": "Draft letter", "owner": "Ben", "due": "2025-10-28"}]},
    {"meeting": "2025-11-04", "follow_up": [{"id": "2025-10-07#2", "status": "in progress"}]},
]


@pytest.fixture
def team_dir(tmp_path: Path) -> Path:
    team_dir = write_team(tmp_path / "data", {"students.csv": STUDENTS_OK, "assessments.csv": ASSESSMENTS_OK},
                          team={**TEAM, "members": MEMBERS})
    for hour, record in enumerate(MEETINGS):
        store = ResponseStore(team_dir, clock=lambda h=hour: dt.datetime(2025, 11, 5, 9 + h, tzinfo=dt.UTC))
        store.save_record(MINUTES_ACTIVITY, record, session="test")
    return team_dir


def open_as(team_dir: Path, audience: str = "team", as_of: str = "2025-11-04") -> Report:
    return open_report(team_dir.parent.parent, team_dir.name, audience, None, as_of=as_of)


def test_the_record_for_the_team(team_dir: Path) -> None:
    shown = vision.minutes(open_as(team_dir))
    assert set(shown.tables) == {"meetings", "actions", "follow-up"}
    actions = shown.tables["actions"].set_index("action")
    assert actions["flag"].to_dict() == {"Bring data": "done", "Book room": "open", "Draft letter": "overdue"}
    assert actions["followed_up_next"].tolist() == ["yes", "NO", "NO"]
    follow = shown.tables["follow-up"].set_index("action")
    assert follow.loc["Book room"].tolist() == ["Ben", "raised", "not reviewed", "in progress"]
    assert shown.notices[0] == ("3 meeting(s) up to 2025-11-04, 3 action(s), judged as of 2025-11-04: 1 done, "
                                "1 open, 1 overdue. 33% of actions were followed up at the next meeting. 1 stayed "
                                "open across two or more later meetings.")


def test_flags_are_judged_at_the_reports_as_of_date(team_dir: Path) -> None:
    later = vision.minutes(open_as(team_dir, as_of="2025-12-05"))
    flags = later.tables["actions"].set_index("action")["flag"].to_dict()
    assert flags == {"Bring data": "done", "Book room": "overdue", "Draft letter": "overdue"}  # due 2025-11-30
    assert "overdue as of 2025-12-05" in later._repr_html_()
    assert "3 meeting(s) up to 2025-11-04, 3 action(s), judged as of 2025-12-05" in later.notices[0]
    found = vision.summary(open_as(team_dir, as_of="2025-12-05")).minutes
    assert found is not None and (found.as_of, found.latest_meeting) == ("2025-12-05", "2025-11-04")
    early = vision.summary(open_as(team_dir, as_of="2025-10-10")).minutes  # one meeting held by then
    assert early is not None and (early.n_meetings, early.n_actions, early.by_flag) == (1, 2, {"open": 2})


def test_beyond_the_team_only_counts(team_dir: Path) -> None:
    shown = vision.minutes(open_as(team_dir, "district"))
    html = shown._repr_html_()
    assert not shown.tables and "Bring data" not in html and "Ben" not in html
    assert shown.notices[0] == "Meeting minutes stay inside the team." and "3 action(s)" in shown.notices[1]
    published = vision.summary(open_as(team_dir, "public")).minutes
    assert published is not None and published.overdue is None and published.n_actions == 3
    assert published.followed_up_next_pct == pytest.approx(100 / 3)
    team = vision.summary(open_as(team_dir)).minutes
    assert team is not None and [o.model_dump() for o in team.overdue or []] == [
        {"action": "Draft letter", "owner": "Ben", "due": "2025-10-28", "days_overdue": 7}]


def test_the_live_form_follows_up_open_actions_then_saves_a_meeting(team_dir: Path) -> None:
    box = vision.minutes_capture(open_as(team_dir))
    form = box.controls["box"]
    controls = form.controls
    assert ("follow", "2025-10-07#2") in controls and ("follow", "2025-10-21#1") in controls
    assert ("follow", "2025-10-07#1") not in controls  # done: nothing to follow up
    controls["meeting"].value = "18/11/2025"
    controls["save"].click()
    assert "Not saved" in form.status.value and "YYYY-MM-DD" in form.status.value
    controls["meeting"].value = "2025-11-18"
    controls["present"].value = "Ana, Ben"
    controls[("follow", "2025-10-07#2")].value = "done"
    controls[("follow", "2025-10-21#1")].value = "dropped"
    controls[(0, "action")].value, controls[(0, "owner")].value, controls[(0, "due")].value = \
        "Plan spring test", "Ana", "2026-01-09"
    controls["save"].click()
    assert "Saved the minutes of 2025-11-18 (1 new actions, 2 followed up)" in form.status.value
    table = vision.minutes(open_as(team_dir, as_of="2025-11-18")).tables["actions"].set_index("action")
    assert table["flag"].to_dict() == {"Bring data": "done", "Book room": "done", "Draft letter": "dropped",
                                       "Plan spring test": "open"}
    again = vision.minutes_capture(open_as(team_dir))
    again.controls["picker"].controls["load"].click()  # the latest save: today's meeting, to correct it
    assert again.controls["box"].controls["meeting"].value == "2025-11-18"
    assert again.controls["box"].controls[(0, "action")].value == "Plan spring test"


def test_free_text_minutes_from_before_are_shown_not_lost(tmp_path: Path) -> None:
    team_dir = write_team(tmp_path / "data", {"students.csv": STUDENTS_OK, "assessments.csv": ASSESSMENTS_OK})
    ResponseStore(team_dir).save_record(MINUTES_ACTIVITY, {"prompt": "Minutes", "text": "Ana will bring the data."})
    shown = vision.minutes(open_as(team_dir))
    assert "Ana will bring the data." in shown._repr_html_()
    assert "not part of the follow-up record" in shown.notices[0]
    assert vision.summary(open_as(team_dir)).minutes is None


def test_sample_minutes_tell_their_stories() -> None:
    rates = {}
    for team_id in ("maple-elementary-g3", "river-middle-g7-math", "cedar-elementary-k2"):
        found = vision.summary(open_report(SAMPLE_DATA, team_id, "team", None, as_of=SAMPLE_AS_OF)).minutes
        assert found is not None and found.n_meetings == 4 and found.n_actions == 5
        rates[team_id] = (found.followed_up_next_pct, found.n_carried_over, found.by_flag)
    assert rates["maple-elementary-g3"] == (100.0, 0, {"done": 4, "open": 1})
    assert rates["river-middle-g7-math"][:2] == (75.0, 1)
    assert rates["river-middle-g7-math"][2] == {"done": 3, "open": 1, "overdue": 1}
