"""Every validation rule of the data contract, on small hand-made files."""

from __future__ import annotations

from pathlib import Path

import pytest

from datadriver_utils.contract.schemas import TABLES
from datadriver_utils.contract.team import check_team, list_teams, load_district, load_team
from datadriver_utils.errors import DataProblemsError, MissingDataError
from tests.conftest import ASSESSMENTS_OK, STUDENTS_OK, TEAM


def problems_for(data_dir: Path, team_id: str = "t1") -> list:
    district, district_problems = load_district(data_dir)
    assert district is not None, district_problems
    _team, problems = check_team(data_dir, team_id, district)
    return problems


def only(problems: list, **expected: object):
    matching = [p for p in problems if all(getattr(p, k) == v for k, v in expected.items())]
    assert matching, f"no problem with {expected} in {[str(p) for p in problems]}"
    return matching[0]


def test_valid_team_loads_with_typed_columns(make_team):
    team = load_team(make_team(), "t1")
    assert list(team.students["student_id"]) == ["001", "002", "003"]  # leading zeros kept
    assert team.assessments["points"].dtype == float
    assert list(team.assessments.index) == [2, 3, 4, 5, 6]  # spreadsheet rows
    assert "processes" in team.missing
    with pytest.raises(MissingDataError, match="templates/processes.csv"):
        team.table("processes")


def test_missing_column_names_the_column_and_template(make_team):
    data = make_team({"assessments.csv": "student_id,window,standard,points\n001,pre,S1,5\n"})
    problem = only(problems_for(data), file="assessments.csv", column="points_possible")
    assert "missing" in problem.message and "templates/assessments.csv" in problem.message


def test_unknown_window(make_team):
    text = ASSESSMENTS_OK + "002,Pre-test,S1,5,10\n"
    problem = only(problems_for(make_team({"assessments.csv": text})), row=7, column="window")
    assert problem.value == "Pre-test"
    assert "team.yml" in problem.message


def test_extra_window_declared_in_team_yml_is_accepted(make_team):
    text = ASSESSMENTS_OK + "002,mid,S1,5,10\n"
    team = dict(TEAM, windows=["pre", "mid", "post"])
    assert problems_for(make_team({"assessments.csv": text}, team=team)) == []


def test_points_above_possible_and_negative(make_team):
    text = ASSESSMENTS_OK + "002,pre,S2,12,10\n003,post,S1,-1,10\n"
    problems = problems_for(make_team({"assessments.csv": text}))
    above = only(problems, row=7, column="points")
    assert "more than points_possible" in above.message and above.value == "12.0"
    negative = only(problems, row=8, column="points")
    assert "0 or more" in negative.message


def test_non_numeric_points_and_percent_hint(make_team):
    text = ASSESSMENTS_OK + "002,pre,S2,seven,10\n003,post,S2,85%,100\n"
    problems = problems_for(make_team({"assessments.csv": text}))
    word = only(problems, row=7, column="points")
    assert word.value == "seven" and "a number" in word.message
    percent = only(problems, row=8, column="points")
    assert "not a percentage" in percent.message


def test_duplicate_student_window_standard(make_team):
    text = ASSESSMENTS_OK + "001,pre,S1,4,10\n"
    problem = only(problems_for(make_team({"assessments.csv": text})), row=7)
    assert "repeats row 2 (the same student_id, window, standard)" in problem.message
    assert problem.value is not None and problem.value.startswith("001 / pre / S1")


def test_item_level_rows_are_not_duplicates(make_team):
    text = (
        "student_id,window,standard,item_id,points,points_possible\n"
        "001,pre,S1,Q1,1,1\n001,pre,S1,Q2,0,1\n"
    )
    assert problems_for(make_team({"assessments.csv": text})) == []


def test_student_not_in_roster(make_team):
    text = ASSESSMENTS_OK + "999,pre,S1,5,10\n"
    problem = only(problems_for(make_team({"assessments.csv": text})), row=7, column="student_id")
    assert problem.value == "999" and "students.csv" in problem.message


def test_grade_outside_k_to_12(make_team):
    students = STUDENTS_OK + "004,13\n005,k\n"
    problems = problems_for(make_team({"students.csv": students}))
    problem = only(problems, file="students.csv", row=5, column="grade")
    assert problem.value == "13" and "K or a number from 1 to 12" in problem.message
    assert not [p for p in problems if p.row == 6]  # "k" is kindergarten


def test_unreadable_yaml_reports_line(make_team):
    data = make_team()
    (data / "teams" / "t1" / "team.yml").write_text("name: A\n\tschool: B\n", encoding="utf-8")
    problem = only(problems_for(data), file="team.yml")
    assert problem.row == 2 and "tab" in problem.message


def test_team_yml_wrong_type_names_the_field(make_team):
    team = dict(TEAM, goal=dict(TEAM["goal"], proficiency_cut_pct="seventy"))
    problem = only(problems_for(make_team(team=team)), file="team.yml", column="goal.proficiency_cut_pct")
    assert "'seventy'" in (problem.value or "")


def test_excel_bom_csv_loads(make_team):
    data = make_team({"students.csv": "\ufeff" + STUDENTS_OK})
    assert load_team(data, "t1").students.columns[0] == "student_id"


def test_every_problem_reported_at_once(make_team):
    text = ASSESSMENTS_OK + "002,pre,S2,12,10\n003,post,S2,abc,10\n004,post,S1,1,10\n"
    problems = problems_for(make_team({"assessments.csv": text}))
    assert {p.row for p in problems} >= {7, 8, 9}


def test_load_team_raises_with_all_problems(make_team):
    data = make_team({"assessments.csv": ASSESSMENTS_OK + "002,pre,S2,12,10\n"})
    with pytest.raises(DataProblemsError) as caught:
        load_team(data, "t1")
    assert "assessments.csv, row 7, column 'points'" in str(caught.value)


def test_header_only_template_counts_as_not_supplied(make_team):
    header = ",".join(rule.name for rule in TABLES["pdsa"].columns)
    data = make_team({"pdsa.csv": "\ufeff" + header + "\r\n"})
    team = load_team(data, "t1")
    assert "pdsa" in team.missing


def test_list_teams_needs_team_yml(make_team):
    data = make_team()
    (data / "teams" / "not-a-team").mkdir()
    assert list_teams(data) == ["t1"]


def test_decimal_comma_gets_its_own_hint(make_team):
    text = "student_id;window;standard;points;points_possible\n001;pre;S1;8,5;10\n"
    problem = only(problems_for(make_team({"assessments.csv": text})), row=2, column="points")
    assert "8.5, not 8,5" in problem.message


def test_latin1_team_yml_says_save_as_utf8(make_team):
    data = make_team()
    (data / "teams" / "t1" / "team.yml").write_bytes("name: Équipe\nschool: É\n".encode("cp1252"))
    problem = only(problems_for(data), file="team.yml")
    assert "UTF-8" in problem.message
