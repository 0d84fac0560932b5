"""The tables of notebooks 06 and 21: file, row, column messages, templates, and rows added in a session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from datadriver_utils.contract.captured import SESSION_SOURCE, check_rows, with_session_rows
from datadriver_utils.contract.schemas import FEEDBACK_LOG, LEADERSHIP_TABLES, TABLES, TRAININGS, WALKTHROUGHS
from datadriver_utils.contract.team import load_team
from datadriver_utils.sample.templates import write_templates
from tests.contract.test_contract import only, problems_for

TRAININGS_OK = ("person,role,training,topic,due,completed_on,provider\n"
                "Ana,Lead,Items,difficulty,2025-10-31,2025-10-20,Office\n"
                "Ben,Teacher,Items,,2025-10-31,,\n")


def test_the_new_tables_are_in_the_contract_with_templates(tmp_path: Path) -> None:
    assert [t.key for t in LEADERSHIP_TABLES] == ["trainings", "benchmark_links", "walkthroughs", "feedback_log"]
    assert all(TABLES[t.key] is t for t in LEADERSHIP_TABLES)
    write_templates(tmp_path)
    header = (tmp_path / "trainings.csv").read_text(encoding="utf-8-sig").strip()
    assert header == "person,role,training,topic,due,completed_on,provider"
    assert (tmp_path / "feedback_log.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # opens in Excel


def test_valid_records_load_typed(make_team) -> None:
    walks = "date,classroom,look_for,seen\n2025-10-02,7-1,Talk,yes\n2025-10-02,7-1,Names,NO\n"
    team = load_team(make_team({"trainings.csv": TRAININGS_OK, "walkthroughs.csv": walks}), "t1")
    assert team.table("trainings")["completed_on"].isna().tolist() == [False, True]
    assert team.table("walkthroughs")["seen"].tolist() == [True, False]
    assert "feedback_log" in team.missing and "benchmark_links" in team.missing


def test_bad_cells_are_named_by_file_row_and_column(make_team) -> None:
    trainings = TRAININGS_OK + "Cy,Coach,Items,,31/10/2025,,\nAna,Lead,Items,,2025-11-30,,\n"
    feedback = ("date,teacher,observed,impact,evidence,feedback\n"
                "2025-10-02,Ana,Groups,great,progress data,Keep it\n"
                "2025-10-03,Ben,Quiz app,helped,gut feeling,Try paper\n")
    links = "grade,pattern_window,check_window,pattern,practice_observed,micro_change\n13,pre,post,p,o,m\n"
    problems = problems_for(make_team({"trainings.csv": trainings, "feedback_log.csv": feedback,
                                       "benchmark_links.csv": links}))
    date = only(problems, file="trainings.csv", row=4, column="due")
    assert date.value == "31/10/2025" and "YYYY-MM-DD" in date.message
    repeat = only(problems, file="trainings.csv", row=5)
    assert "repeats row 2" in repeat.message
    impact = only(problems, file="feedback_log.csv", row=2, column="impact")
    assert "helped, hindered, no clear effect, not yet known" in impact.message
    only(problems, file="feedback_log.csv", row=3, column="evidence")
    grade = only(problems, file="benchmark_links.csv", row=2, column="grade")
    assert "K or a number from 1 to 12" in grade.message


def test_missing_required_column_names_the_template(make_team) -> None:
    problems = problems_for(make_team({"walkthroughs.csv": "date,classroom,look_for\n2025-10-02,7-1,Talk\n"}))
    problem = only(problems, file="walkthroughs.csv", column="seen")
    assert "templates/walkthroughs.csv" in problem.message


def test_session_rows_are_checked_like_the_file() -> None:
    rows = pd.DataFrame([{"person": "Cy", "training": "Items", "due": "2025-13-01"},
                         {"person": "Di", "training": "Items", "due": ""}])
    parsed, problems = check_rows(TRAININGS, rows)
    assert [(p.file, p.row, p.column, p.value) for p in problems] == [
        ("trainings.csv (rows added in a session)", 2, "due", "2025-13-01")]
    assert parsed is not None and parsed["due"].isna().all()
    _parsed, problems = check_rows(WALKTHROUGHS, pd.DataFrame([{"date": "2025-10-02", "classroom": "7-1"}]))
    assert {p.column for p in problems} == {"look_for", "seen"}
    _parsed, problems = check_rows(FEEDBACK_LOG, pd.DataFrame([{
        "date": "2025-10-02", "teacher": "Ana", "observed": "o", "impact": "Helped", "evidence": "walkthrough",
        "feedback": "f"}]))
    assert problems == []  # allowed values are compared lower-cased, as in files


def test_session_rows_join_the_file_and_replace_the_same_key() -> None:
    file_rows = pd.DataFrame({"person": ["Ana", "Ben"], "training": ["Items", "Items"],
                              "completed_on": [pd.Timestamp("2025-10-20"), pd.NaT]})
    session = pd.DataFrame({"person": [" ben", "Cy"], "training": ["items", "Scale"],
                            "completed_on": [pd.Timestamp("2025-11-02"), pd.NaT]})
    joined = with_session_rows(file_rows, session, key=("person", "training"))
    assert joined["person"].tolist() == ["Ana", " ben", "Cy"]
    assert joined["_source"].tolist() == ["file", SESSION_SOURCE, SESSION_SOURCE]
    assert with_session_rows(None, None) is None
    assert len(with_session_rows(file_rows, session)) == 4  # without a key, rows are only added
