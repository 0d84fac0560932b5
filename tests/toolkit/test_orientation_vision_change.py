"""Notebooks 00, 01 and 05: saved answers read back, hand-checked, and shown only to whom they may be.

Each test builds a tiny team in tmp_path, saves answers through ResponseStore with a fixed clock,
and checks what the views return (a result's tables and notices) and publish against numbers worked
out by hand.
The sample district is used only for the planted gap: summit-high-algebra has nobody covering
professional development.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from datadriver_utils.contract.team import list_teams
from datadriver_utils.notebook.needs import MissingData
from datadriver_utils.notebook.report import Report, open_report
from datadriver_utils.notebook.results import Result
from datadriver_utils.privacy.release import summary_context
from datadriver_utils.stats import change as change_stats
from datadriver_utils.stats import vision as vision_stats
from datadriver_utils.stats.coverage import coverage_by_function
from datadriver_utils.toolkit import change, orientation, vision
from datadriver_utils.workshop import sessions as workshop
from datadriver_utils.workshop.store import ResponseStore
from tests.conftest import ASSESSMENTS_OK, DISTRICT, NOTEBOOKS, SAMPLE_DATA, STUDENTS_OK, TEAM, write_team

UTC = dt.UTC
MEMBERS = [
    {"name": "Ana", "role": "lead", "functions": ["vision", "analysis"]},
    {"name": "Ben", "role": "teacher", "functions": ["data"]},       # alias of data_management
    {"name": "Cy", "role": "coach", "functions": ["communication"]},
]  # nobody covers professional_development


def clock(*when: int) -> Callable[[], dt.datetime]:
    return lambda: dt.datetime(*when, tzinfo=UTC)


def long(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["member", "item", "rating"])


@pytest.fixture
def team_dir(tmp_path: Path) -> Path:
    team = {**TEAM, "members": MEMBERS}
    district = {**DISTRICT, "mission": "Every student ready for the next step, with evidence."}
    return write_team(tmp_path / "data", {"students.csv": STUDENTS_OK, "assessments.csv": ASSESSMENTS_OK},
                      team=team, district=district)


def save(team_dir: Path, activity: str, data: pd.DataFrame | dict,
         when: tuple[int, ...] = (2025, 10, 1, 15)) -> None:
    store = ResponseStore(team_dir, clock=clock(*when))
    if isinstance(data, pd.DataFrame):
        store.save_table(activity, data, session="test")
    else:
        store.save_record(activity, data, session="test")


def text(result: Result) -> str:
    return "\n".join(result.notices)


def uncovered(report: Report) -> list[str]:
    return vision_stats.uncovered_functions(coverage_by_function(report.config.members))


def report_context(report: Report) -> dict | None:
    """How publish codes a summary for the report's audience."""
    return summary_context(report.rules, report.audience)


def open_as(team_dir: Path, audience: str = "team", summary: Path | None = None, as_of: str = "") -> Report:
    return open_report(team_dir.parent.parent, team_dir.name, audience, summary, as_of=as_of)


# -- shared: nothing captured yet, history --------------------------------------------------------

def test_nothing_captured_yet_is_said_plainly(team_dir: Path) -> None:
    report = open_as(team_dir)
    nothing = workshop.saved_view(report, "barriers", lambda data: pytest.fail("nothing to render"))
    assert nothing.data is None
    assert nothing.notices == ["No answers captured yet for barriers — run the live cells in a workshop."]
    views = (orientation.team_self_assessment, vision.functions, vision.barriers, vision.vision_rubric,
             vision.vision_components, change.concerns, change.change_actions)
    assert sum("No answers captured yet" in n for view in views for n in view(report).notices) == 7
    assert orientation.summary(report).to_json() == {"functions": None, "description": None}
    assert change.summary(report).to_json() == {"concerns": None, "actions": None, "culture": None}


def test_saved_view_renders_the_latest_and_counts_the_saves(team_dir: Path) -> None:
    save(team_dir, "vision_statement", {"text": "first"}, (2025, 10, 1, 9))
    save(team_dir, "vision_statement", {"text": "second"}, (2025, 11, 5, 14, 30))
    report = open_as(team_dir)
    got: list[dict] = []
    view = workshop.saved_view(report, "vision_statement", lambda data: got.append(data) or Result())
    assert view.data == {"text": "second"} and got == [{"text": "second"}]
    note = workshop.history_note(ResponseStore(team_dir).history("vision_statement"))
    assert note.startswith("Saved 2 times (2025-10-01, 2025-11-05); showing the latest, from 2025-11-05 14:30 UTC.")
    assert "Saved 2 times" in view._repr_html_()  # the history line under what was drawn


def test_a_damaged_save_is_reported_not_raised(team_dir: Path) -> None:
    save(team_dir, "barriers", long([("Ana", "not_a_barrier", 2)]))
    shown = vision.barriers(open_as(team_dir))
    assert "could not be shown" in text(shown) and "not_a_barrier" in text(shown)


# -- 00: orientation ------------------------------------------------------------------------------

def test_every_notebook_is_on_the_map() -> None:
    files = {p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")}
    mapped = set(orientation.notebook_map()["notebook"])
    assert files == mapped  # every notebook on the map, and no map entry without its notebook
    assert set(orientation.cycle_table()["notebooks"].str.split(", ").explode()) == mapped
    report = open_report(SAMPLE_DATA, "maple-elementary-g3", "public", None)
    assert orientation.cycle(report).frame["stage"].tolist()[0] == "Getting ready"
    assert len(orientation.notebooks(report).frame) == len(files)


def test_quiz_key_gives_the_right_answers(team_dir: Path) -> None:
    key = orientation.quiz_key()
    assert key["answer"].tolist() == ["Professional development", "Political", "Processes", "Management"]
    shown = orientation.quiz_answers(open_as(team_dir))
    assert shown.value.equals(key) and "<b>Political ✓</b>" in shown._repr_html_()


def test_orientation_profile_and_summary(team_dir: Path) -> None:
    # vision: Ana 2,3  Ben 4 -> (2+3+4)/3 = 3.0; communication: Ana 1, Ben 2 -> 1.5
    save(team_dir, "team_self_assessment", long([("Ana", "vision_1", 2), ("Ana", "vision_2", 3),
                                                 ("Ben", "vision_1", 4), ("Ana", "communication_1", 1),
                                                 ("Ben", "communication_2", 2)]))
    report = open_as(team_dir)
    shown = orientation.team_self_assessment(report)
    table = shown.frame.set_index("function")
    assert table.loc["Vision and policy management", "mean"] == 3.0
    assert table.loc["Communication and monitoring", "mean"] == 1.5
    assert shown.figure is not None
    functions = {f["function_id"]: f for f in orientation.summary(report).to_json()["functions"]}
    assert functions["vision"]["mean"] == 3.0 and functions["vision"]["n_members"] == 2
    assert functions["analysis"]["mean"] is None
    # public, minimum group size 10: two raters -> withheld everywhere
    public = open_as(team_dir, "public")
    shown = orientation.team_self_assessment(public)
    assert not shown.tables and shown.figure is None and "stays inside the team" in text(shown)
    assert all(f["suppressed"] and f["mean"] is None for f in orientation.summary(public).to_json()["functions"])


# -- 01: functions and coverage ------------------------------------------------------------------

def test_uncovered_function_found_on_the_sample() -> None:
    report = open_report(SAMPLE_DATA, "summit-high-algebra", "team", None)
    assert uncovered(report) == ["professional_development"]
    for team_id in set(list_teams(SAMPLE_DATA)) - {"summit-high-algebra", "oak-middle-science"}:
        assert uncovered(open_report(SAMPLE_DATA, team_id, "team", None)) == []


def test_function_overview_names_members_only_for_the_team(team_dir: Path) -> None:
    report = open_as(team_dir)
    shown = vision.functions(report)  # no self-assessment saved: coverage alone
    table = shown.frame.set_index("function")
    assert table.loc["Data management", "members"] == "Ben"
    assert table.loc["Professional development", "covered"] == "NO: gap"
    assert "No one on the roster covers: Professional development" in text(shown)
    public = open_as(team_dir, "public")
    table = vision.functions(public).frame.set_index("function")
    assert "members" not in table.columns and table.loc["Vision and policy management", "n_covering"] == 1
    found = vision.summary(public).to_json()
    assert all("members" not in row for row in found["coverage"])
    assert found["uncovered_functions"] == ["professional_development"]
    assert "members" in vision.summary(report).to_json()["coverage"][0]


# -- 01: barriers ----------------------------------------------------------------------------------

BARRIER_RATINGS = long([
    # personal, judgement, no_agreed, kept_apart, missing, no_time, political
    *[("Ana", b, r) for b, r in zip(["personal_yardstick", "judgement_over_evidence", "no_agreed_outcomes",
                                     "results_kept_apart", "important_data_missing", "no_time", "political_use"],
                                    [1, 2, 3, 1, 4, 4, 2])],
    *[("Ben", b, r) for b, r in zip(["personal_yardstick", "judgement_over_evidence", "no_agreed_outcomes",
                                     "results_kept_apart", "important_data_missing", "no_time", "political_use"],
                                    [2, 2, 3, 1, 3, 4, 1])],
    *[("Cy", b, r) for b, r in zip(["personal_yardstick", "judgement_over_evidence", "no_agreed_outcomes",
                                    "results_kept_apart", "important_data_missing", "no_time", "political_use"],
                                   [1, 3, 3, 2, 4, 3, 1])],
])


def test_top_three_barriers_by_hand(team_dir: Path) -> None:
    # means: missing (4+3+4)/3 = 3.67, no_time (4+4+3)/3 = 3.67 (tie: toolkit order keeps missing first),
    # no_agreed (3+3+3)/3 = 3.0, judgement 7/3 = 2.33, the rest 4/3 = 1.33
    save(team_dir, "barriers", BARRIER_RATINGS)
    report = open_as(team_dir)
    shown = vision.barriers(report)
    top = shown.tables["top"]
    assert top["barrier"].tolist() == ["The data that matter are missing", "No time for data", "No agreed outcomes"]
    assert top["rank"].tolist() == [1, 2, 3]
    assert top["mean"].tolist() == [3.7, 3.7, 3.0]
    grid = shown.tables["members"]
    assert list(grid.columns) == ["category", "barrier", "Ana", "Ben", "Cy"]
    assert grid.loc[grid["barrier"] == "No time for data", ["Ana", "Ben", "Cy"]].values.tolist() == [[4, 4, 3]]
    # categories: cultural = (1+2+3 +2+2+3 +1+3+3)/9 = 20/9 = 2.2; technical = (1+4+4 +1+3+4 +2+4+3)/9 = 26/9 = 2.9
    cats = shown.tables["categories"].set_index("category")["mean"]
    assert cats.to_dict() == {"cultural": 2.2, "technical": 2.9, "political": 1.3}
    assert "The data that matter are missing (technical): 3.7" in shown.parts[1].describe()  # the chart's alt text
    assert vision.summary(report).to_json()["barriers"]["top"] == ["important_data_missing", "no_time",
                                                                   "no_agreed_outcomes"]
    assert vision_stats.top_barriers(shown.value)["barrier_id"].tolist()[0] == "important_data_missing"


def test_barriers_beyond_the_team(tmp_path: Path) -> None:
    team = {**TEAM, "members": MEMBERS}
    # three raters: shown under the staff minimum (default 3), whatever the student minimum
    for minimum, profile_shown in ((4, False), (3, True)):
        folder = tmp_path / f"min{minimum}"
        team_dir = write_team(folder, {"students.csv": STUDENTS_OK, "assessments.csv": ASSESSMENTS_OK},
                              team=team, district={**DISTRICT, "min_staff_group_size": minimum})
        save(team_dir, "barriers", BARRIER_RATINGS)
        report = open_as(team_dir, "public")
        shown = vision.barriers(report)
        assert "members" not in shown.tables  # never members' own ratings
        assert ("top" in shown.tables) is profile_shown and (shown.figure is not None) is profile_shown
        assert vision.summary(report).to_json()["barriers"]["suppressed"] is not profile_shown


# -- 01: vision rubric, statement, components, minutes ----------------------------------------------

def test_vision_statement_against_the_mission(team_dir: Path) -> None:
    assert vision_stats.mission_words("Every student ready for the next step, with evidence.",
                                      "We use evidence so each of our students gets the next lesson.") == \
        ["student", "next", "evidence"]
    assert vision_stats.mission_words(None, "anything") == []
    assert vision_stats.draft_text({"draft": " old form "}) == "old form"
    save(team_dir, "vision_statement", {"draft": "Evidence for every student.", "version": 2,
                                        "agreed_by": ["Ana", "Ben"]})
    report = open_as(team_dir)
    shown = vision.vision_statement(report)
    assert "4 words. Agreed by: Ana, Ben. Words it shares with the mission: student, evidence." in text(shown)
    assert shown.value == {"draft": "Evidence for every student.", "mission_words": ["student", "evidence"]}
    assert "Our vision for data use (version 2):" in shown._repr_html_()
    public = vision.vision_statement(open_as(team_dir, "public"))
    assert "Ana" not in text(public) and "Ana" not in public._repr_html_()


def test_vision_rubric_spread(team_dir: Path) -> None:
    # strategy: 1 and 4 -> mean 2.5, spread 3; same_story: 3 and 3 -> 3.0, spread 0
    save(team_dir, "vision_rubric", long([("Ana", "strategy", 1), ("Ben", "strategy", 4),
                                          ("Ana", "same_story", 3), ("Ben", "same_story", 3)]))
    shown = vision.vision_rubric(open_as(team_dir))
    table = shown.frame.set_index("hallmark")
    assert table.loc["Built into strategy and budget", ["mean", "spread"]].tolist() == [2.5, 3.0]
    assert "Members see these very differently: Built into strategy and budget" in text(shown)


def test_components_table_marks_added_rows_and_keeps_your_role_inside(team_dir: Path) -> None:
    saved = pd.DataFrame({"component": ["A culture of trust", "Families as partners"],
                          "administration": ["No data in evaluations", None], "teachers": [None, None],
                          "data_team": [None, None], "schoolwide": [None, "Share at conferences"],
                          "your_role": ["I will listen", None]})
    save(team_dir, "vision_components", saved)
    shown = vision.vision_components(open_as(team_dir))
    table = shown.frame
    assert table["added"].tolist() == ["", "yes"] and table.loc[0, "your_role"] == "I will listen"
    assert "3 of 10 cells filled; 1 component(s) added by the group." in text(shown)
    assert shown.value == vision_stats.ComponentsFill(filled=3, cells=10, added=1, empty=[])
    public = vision.vision_components(open_as(team_dir, "public"))
    assert "your_role" not in public.frame.columns and "I will listen" not in public._repr_html_()


def test_minutes_only_for_the_team(team_dir: Path) -> None:
    save(team_dir, "meeting_minutes", {"prompt": "Minutes", "text": "Ana will bring the data."})
    public = vision.minutes(open_as(team_dir, "public"))
    assert public.notices == ["Meeting minutes stay inside the team."] and "Ana" not in public._repr_html_()
    assert "Ana will bring the data." in vision.minutes(open_as(team_dir))._repr_html_()


# -- 05: concerns ------------------------------------------------------------------------------------

def test_concerns_members_only_for_the_team(tmp_path: Path) -> None:
    # Ana: stage 3 items 6,6 (peak 6.0), stage 1 items 4,4 (second), stage 5 items 0,0;
    # Ben: stage 5 items 7,5 (peak 6.0), stage 3 items 4,4 (second)
    rows = [("Ana", "soc3_a", 6), ("Ana", "soc3_b", 6), ("Ana", "soc1_a", 4), ("Ana", "soc1_b", 4),
            ("Ana", "soc5_a", 0), ("Ana", "soc5_b", 0),
            ("Ben", "soc5_a", 7), ("Ben", "soc5_b", 5), ("Ben", "soc3_a", 4), ("Ben", "soc3_b", 4)]
    team_dir = write_team(tmp_path / "d", {"students.csv": STUDENTS_OK, "assessments.csv": ASSESSMENTS_OK},
                          team={**TEAM, "members": MEMBERS}, district={**DISTRICT, "min_group_size": 2})
    save(team_dir, "concerns", long(rows))
    report = open_as(team_dir)
    shown = change.concerns(report)
    members = shown.tables["members"].set_index("member")
    assert members.loc["Ana", ["peak_stage", "second_stage"]].tolist() == [3, 1]
    assert members.loc["Ben", ["peak_stage", "second_stage"]].tolist() == [5, 3]
    # team: stage 3 = (6 + 4) / 2 = 5.0 (peak), stage 1 = 4.0 (Ana only: second), stage 5 = (0 + 6) / 2 = 3.0
    team = shown.tables["stages"].set_index("stage")
    assert team.loc[[3, 1, 5], "score"].tolist() == [5.0, 4.0, 3.0]
    assert "Peak at stage 3, second at stage 1." in shown.parts[0].describe()
    found = change.summary(report).to_json()["concerns"]
    assert (found["team_peak"], found["team_second"]) == (3, 1)
    # two members: each could read the other's answers off the profile, so beyond the team it is
    # withheld whatever district.yml says (the staff minimum is at least 3)
    public = open_as(team_dir, "public")
    assert list(change.concerns(public).tables) == []
    assert "fewer than 3 members" in change.concerns(public).parts[0].describe()
    assert change.summary(public).to_json()["concerns"]["suppressed"] is True
    assert "members" not in change.summary(public).to_json()["concerns"]


# -- 05: the actions tracker -----------------------------------------------------------------------

ACTIONS = pd.DataFrame({
    "step": ["Build awareness", "model_process", "manage_process", "monitor_process", "our own step", "celebrate"],
    "action": ["Slide", "Share overview", "Update inventory", "Review charts", "Odd due date", ""],
    "owner": ["Ana", "Ben", "Cy", "Ana", "Ben", ""],
    "due": ["2025-10-10", "2025-10-20", "2025-11-15", "2026-02-01", "soon", ""],
    "status": ["Done", "in progress", "not started", "in progress", "", ""],
})


def test_action_tracker_by_hand() -> None:
    tracker = change_stats.action_tracker(ACTIONS, pd.Timestamp("2025-11-01"), dt.date(2025, 12, 31))
    assert tracker["step"].tolist() == ["build_awareness", "model_process", "manage_process",
                                        "monitor_process", "our own step"]  # blank action dropped
    assert tracker["flag"].tolist() == ["done", "overdue", "open", "due after the cycle ends",
                                        "no readable due date"]
    assert tracker["days_overdue"].tolist()[1] == 12  # 2025-11-01 - 2025-10-20
    assert tracker["days_overdue"].isna().sum() == 4
    assert change_stats.action_tracker(ACTIONS, None)["flag"].tolist()[:4] == ["done", "open", "open", "open"]


def test_tracker_is_judged_at_the_reports_as_of_date(team_dir: Path) -> None:
    save(team_dir, "change_actions", ACTIONS, (2025, 10, 1, 9))  # saved a month before: not the judging day
    report = open_as(team_dir, as_of="2025-11-01")
    actions = change.summary(report).to_json()["actions"]
    assert actions["as_of"] == "2025-11-01" and actions["n_actions"] == 5
    assert actions["overdue"] == [{"step": "model_process", "action": "Share overview", "due": "2025-10-20",
                                   "days_overdue": 12, "owner": "Ben"}]
    assert actions["steps_without_action"] == ["understand_concerns", "build_capacity", "celebrate"]
    assert actions["by_flag"] == {"done": 1, "due after the cycle ends": 1, "no readable due date": 1,
                                  "open": 1, "overdue": 1}
    shown = change.change_actions(report)
    assert shown.frame["owner"].tolist()[:2] == ["Ana", "Ben"] and len(shown.value) == 5
    public = open_as(team_dir, "public", as_of="2025-11-01")
    assert "owner" not in change.summary(public).to_json()["actions"]["overdue"][0]
    shown = change.change_actions(public)
    assert "owner" not in shown.frame.columns and "Ben" not in shown._repr_html_()
    assert "Overdue as of 2025-11-01 (the report's as-of date): 1 action(s)" in text(shown)
    assert "last saved on 2025-10-01" in text(shown)
    assert "Change actions (overdue as of 2025-11-01)" in shown._repr_html_()
    assert "For discussion: what stopped the overdue action(s) -- 'Share overview' (due 2025-10-20)?" in text(shown)
    earlier = change.change_actions(open_as(team_dir, as_of="2025-10-15"))
    assert "overdue" not in set(earlier.value["flag"]) and "For discussion" not in text(earlier)


def test_rivers_overdue_action_follows_the_as_of_date() -> None:
    """River's 'Review each section's run chart' is due 2026-01-02 and not started: overdue in
    mid-January, not yet at the start of December (the tracker was saved on 2025-10-01)."""
    def judged(as_of: str) -> tuple[Result, dict]:
        report = open_report(SAMPLE_DATA, "river-middle-g7-math", "team", None, as_of=as_of)
        return change.change_actions(report), change.summary(report).to_json()["actions"]

    january, facts = judged("2026-01-15")
    row = january.value.set_index("step").loc["monitor_process"]
    assert (row["flag"], row["days_overdue"], row["status"]) == ("overdue", 13, "not started")
    assert facts["as_of"] == "2026-01-15" and facts["by_flag"] == {"done": 2, "overdue": 3}
    assert "Overdue as of 2026-01-15" in text(january) and "Review each section's run chart" in text(january)
    december, facts = judged("2025-12-01")
    assert december.value.set_index("step").loc["monitor_process", "flag"] == "open"
    assert facts["by_flag"] == {"done": 2, "open": 2, "overdue": 1}
    october, _facts = judged("2025-10-20")
    assert "For discussion" not in text(october) and "Overdue as of 2025-10-20" in text(october)


def test_months_apart_and_framework(team_dir: Path) -> None:
    assert change_stats.months_apart("2025-09", "2026-03") == 6
    assert change_stats.months_apart("pre", "post") is None
    framework = change.framework(open_as(team_dir)).frame.set_index("step_name")["stages"]
    assert framework["Build awareness"] == "0, 1" and framework["Model the process"] == ""


def test_culture_survey_on_the_sample(tmp_path: Path) -> None:
    report = open_report(SAMPLE_DATA, "maple-elementary-g3", "public", tmp_path)
    found = change.publish(report).to_json(report_context(report))
    assert [a["administration"] for a in found["culture"]["administrations"]] == ["2025-09", "2026-03"]
    assert {c["construct"] for c in found["culture"]["construct_changes"]} == {"trust", "collaboration", "data use"}
    assert json.loads((tmp_path / "change.json").read_text(encoding="utf-8")) == found
    shown = change.culture_survey(report)
    assert set(shown.tables) == {"respondents", "scores", "change"} and shown.figure is not None
    assert "6 months apart" in text(shown)


def test_culture_survey_without_the_files_says_what_it_needs(team_dir: Path) -> None:
    shown = change.culture_survey(open_as(team_dir))
    assert isinstance(shown, MissingData) and shown.missing == ["surveys", "survey_items"]
    assert "surveys.csv" in shown._repr_html_()
    assert change.summary(open_as(team_dir)).culture is None


# -- live widgets: build, reload, continue -----------------------------------------------------------

def test_live_widgets_build_and_resume(team_dir: Path) -> None:
    save(team_dir, "team_self_assessment", long([("Ana", "vision_1", 2), ("Zed", "vision_1", 4)]))
    save(team_dir, "change_actions", ACTIONS.iloc[:2].assign(step=["build_awareness", "model_process"]))
    report = open_as(team_dir)
    for build in (vision.barrier_grid, vision.rubric_grid, vision.vision_statement_capture,
                  vision.vision_components_editor, vision.minutes_capture, change.concerns_grid):
        assert build(report).controls["box"] is not None
    box = orientation.team_self_assessment_grid(report)
    box.controls["picker"].controls["load"].click()
    grid = box.controls["box"].controls
    assert grid[("vision_1", "Ana")].value == 2.0  # Zed is not on the roster: skipped
    assert "1 answer(s) put back" in box.controls["note"].value
    editor = change.change_actions_editor(report)
    editor.controls["picker"].controls["load"].click()
    cells = editor.controls["box"].controls
    assert cells[("Build awareness", "action")].value == "Slide"  # step id mapped to the editor's row
    assert ("build_awareness", "action") not in cells
    assert orientation.self_check_quiz().controls[(0, "choice")] is not None
