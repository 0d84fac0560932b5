"""score_type on assessment rows, and benchmark cut scores in team.yml and district.yml."""

from __future__ import annotations

from datadriver_utils.contract.config import DistrictConfig, TeamConfig, benchmark_cuts, parse_config
from datadriver_utils.contract.team import check_team, load_district
from tests.conftest import DISTRICT, TEAM

STUDENTS = "student_id,grade\n001,3\n002,3\n"


def _problems(make_team, assessments: str, team: dict | None = None):
    data = make_team({"students.csv": STUDENTS, "assessments.csv": assessments},
                     team=team or {**TEAM, "grade_levels": [3], "windows": ["fall 2024-2025", "spring 2024-2025"]})
    district, _ = load_district(data)
    return check_team(data, "t1", district)


def test_scale_rows_need_no_points_possible(make_team):
    team, problems = _problems(make_team, (
        "student_id,window,standard,points,points_possible,score_type\n"
        "001,fall 2024-2025,overall,190,,scale\n001,fall 2024-2025,percentile rank,45,,Percentile\n"
        "002,fall 2024-2025,overall,180,,scale\n"))
    assert problems == []
    assert list(team.assessments["score_type"]) == ["scale", "percentile", "scale"]
    assert team.students["student_id"].tolist() == ["001", "002"]  # ids are text


def test_points_rows_still_need_points_possible_and_percent_stays_within_100(make_team):
    _team, problems = _problems(make_team, (
        "student_id,window,standard,points,points_possible,score_type\n"
        "001,fall 2024-2025,S1,7,,\n002,fall 2024-2025,S1,7,,points\n"
        "001,spring 2024-2025,S1,120,,percentile\n002,spring 2024-2025,S1,5,10,ratio\n"))
    found = {(p.row, p.column): p.message for p in problems}
    assert "only for scale and percentile scores" in found[(2, "points_possible")]
    assert (3, "points_possible") in found
    assert "between 0 and 100" in found[(4, "points")]
    assert "expected one of: points, scale, percentile, percent" in found[(5, "score_type")]


def test_benchmarks_team_over_district():
    district, _ = parse_config(DistrictConfig, {**DISTRICT, "benchmarks": {"Fall 2024-2025": {"3": 188, "K": 140}}},
                               "district.yml")
    team, _ = parse_config(TeamConfig, {**TEAM, "benchmarks": {"fall 2024-2025": {3: 190}}}, "team.yml")
    assert benchmark_cuts(district, team) == {("fall 2024-2025", "3"): 190.0, ("fall 2024-2025", "K"): 140.0}
    _, problems = parse_config(TeamConfig, {**TEAM, "benchmarks": {"fall": {"7th": 200}}}, "team.yml")
    assert problems and problems[0].column == "benchmarks" and "K or 1-12" in problems[0].message
    _, problems = parse_config(TeamConfig, {**TEAM, "benchmarks": {"fall": {"3": "high"}}}, "team.yml")
    assert problems and problems[0].column.startswith("benchmarks.fall")
