"""Data Analyst views: hand-computed results, bands, bubble students, the discrepancy check, privacy."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import datadriver_utils.notebook.report as report_module
from datadriver_utils.notebook.report import open_report
from datadriver_utils.strands import analyst
from datadriver_utils.strands.analyst import DiscrepancyThresholds
from tests.conftest import DISTRICT, SAMPLE_DATA, TEAM, write_team

# Four students; post percent correct over S1 + S2 (10 points each):
#   s1: 8 + 6 = 14/20 = 70    s2: 5 + 5 = 50    s3: 10 + 9 = 95    s4: 6 + 7 = 65
STUDENTS = "student_id,grade,section,ell\ns1,7,A,Y\ns2,7,A,N\ns3,7,B,N\ns4,8,B,\n"
ASSESSMENTS = (
    "student_id,window,standard,points,points_possible\n"
    "s1,post,S1,8,10\ns1,post,S2,6,10\ns2,post,S1,5,10\ns2,post,S2,5,10\n"
    "s3,post,S1,10,10\ns3,post,S2,9,10\ns4,post,S1,6,10\ns4,post,S2,7,10\n"
    "s1,pre,S1,5,10\ns2,pre,S1,7,10\ns3,pre,S1,9,10\ns4,pre,S1,3,10\n"
)
# Completion: A = (90 + 100) / 2 = 95, B = 80 (s4 blank); all = 270 / 3 = 90.
# A/B: A, B+ | C, "85" (numeric ≥ 80 counts) -> A 100%, B 50%, all 3/4 = 75%.
PROCESSES = (
    "student_id,section,assignment_completion_pct,course_grade,attendance_pct\n"
    "s1,A,90,A,95\ns2,A,100,B+,90\ns3,B,80,C,100\ns4,B,,85,\n"
)
CUT = 70.0


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    files = {"students.csv": STUDENTS, "assessments.csv": ASSESSMENTS, "processes.csv": PROCESSES}
    write_team(tmp_path / "data", files, district={**DISTRICT, "min_group_size": 2})
    return tmp_path / "data"


@pytest.fixture
def tables(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    team = open_report(data_dir, "t1", "team").team
    return team.assessments, team.students, team.table("processes")


def _row(frame: pd.DataFrame, column: str, value: str) -> pd.Series:
    return frame.set_index(column).loc[value]


def test_results_by_standard(tables):
    assessments, students, _ = tables
    result = analyst.results_by(assessments, students, CUT, "standard")
    # S1: 80, 50, 100, 60 -> mean 72.5, proficient 80 and 100 -> 50%; S2: 60, 50, 90, 70 -> 67.5, 50%
    assert list(result["standard"]) == ["S1", "S2"]
    assert _row(result, "standard", "S1")[["n", "mean_pct", "pct_proficient"]].tolist() == [4, 72.5, 50.0]
    assert _row(result, "standard", "S2")["mean_pct"] == pytest.approx(67.5)


def test_results_by_grade_and_section(tables):
    assessments, students, _ = tables
    grades = analyst.results_by(assessments, students, CUT, "grade")
    # grade 7: 70, 50, 95 -> mean 71.67, 2 of 3 at or above 70; grade 8: 65 -> 0%
    assert list(grades["grade"]) == ["7", "8"]
    assert _row(grades, "grade", "7")["mean_pct"] == pytest.approx(215 / 3)
    assert _row(grades, "grade", "7")["pct_proficient"] == pytest.approx(200 / 3)
    assert _row(grades, "grade", "8")["pct_proficient"] == 0.0
    sections = analyst.results_by(assessments, students, CUT, "section")
    assert _row(sections, "section", "A")["mean_pct"] == 60.0  # (70 + 50) / 2
    assert _row(sections, "section", "B")["mean_pct"] == 80.0  # (95 + 65) / 2


def test_subgroups_count_missing_values_so_groups_add_up(tables):
    assessments, students, _ = tables
    result = analyst.subgroup_results(assessments, students, CUT)
    assert set(result["group"]) == {"ell"}  # the only subgroup column present
    ell = result.set_index("category")
    assert ell.loc["Y", "pct_proficient"] == 100.0  # s1 at exactly 70
    assert ell.loc["N", "mean_pct"] == 72.5  # (50 + 95) / 2
    assert ell.loc[analyst.NOT_RECORDED, "n"] == 1  # s4 has no ell value
    assert ell["n"].sum() == 4


def test_band_edges_and_distribution(tables):
    bands = analyst.proficiency_band(pd.Series([49.9, 50, 69.9, 70, 84.9, 85, np.nan]), 70)
    assert list(bands.astype(object)) == ["well below", "approaching", "approaching", "proficient",
                                          "proficient", "advanced", np.nan]
    assessments, students, _ = tables
    dist = analyst.band_distribution(assessments, students, CUT)
    # grade 7: s2 50 approaching, s1 70 proficient, s3 95 advanced; grade 8: s4 65 approaching
    seven = dist[dist["grade"] == "7"].set_index("band")
    assert seven["n"].tolist() == [0, 1, 1, 1]
    assert seven.loc["advanced", "pct"] == pytest.approx(100 / 3)
    assert dist[dist["grade"] == "8"].set_index("band").loc["approaching", "pct"] == 100.0


def test_bubble_students_are_just_below_the_cut(tables):
    assessments, students, _ = tables
    bubble = analyst.bubble_students(assessments, students, CUT)
    # 60 <= pct < 70: only s4 (65); s1 is at the cut, s2 is 20 below it
    assert bubble.to_dict("records") == [{"student_id": "s4", "grade": "8", "section": "B", "pct_correct": 65.0}]


def test_course_grades_letters_and_numbers():
    grades = pd.Series(["A", "b-", "C+", "F", "E", "92", "79.5", "", None, "Pass", "101"])
    got = analyst.course_grade_is_ab(grades).tolist()
    want = [1, 1, 0, 0, 0, 1, 0, np.nan, np.nan, np.nan, np.nan]  # E is a failing letter in some schools
    assert all((math.isnan(g) and math.isnan(w)) or g == w for g, w in zip(got, want, strict=True))


def test_discrepancy_numbers_and_boundary(tables):
    assessments, students, processes = tables
    result = analyst.discrepancy_check(processes, students, assessments, CUT)
    a = _row(result.sections, "section", "A")
    assert a[["mean_completion_pct", "ab_share_pct", "mean_attendance_pct", "pct_proficient"]].tolist() == [
        95.0, 100.0, 92.5, 50.0]
    assert _row(result.sections, "section", "B")["ab_share_pct"] == 50.0
    assert result.overall["mean_completion_pct"] == 90.0 and result.overall["ab_share_pct"] == 75.0
    # exactly 50% proficient is not "fewer than 50%": no gap at the default thresholds
    assert not result.flagged and not a["flagged"]
    strict = analyst.discrepancy_check(processes, students, assessments, CUT,
                                       thresholds=DiscrepancyThresholds(proficient_below=60))
    assert strict.flagged and bool(_row(strict.sections, "section", "A")["flagged"])
    assert not bool(_row(strict.sections, "section", "B")["flagged"])  # 80% completion, 50% A/B
    assert "90% complete" in strict.question and "75%" in strict.question and "50%" in strict.question
    assert "?" in strict.question


def test_discrepancy_without_post_scores_is_not_flagged(tables):
    assessments, students, processes = tables
    result = analyst.discrepancy_check(processes, students, assessments, CUT, window="mid")
    assert result.overall["pct_proficient"] is None and not result.flagged


def test_question_is_a_question_not_blame():
    text = analyst.discrepancy_question(
        {"flagged": True, "mean_completion_pct": 92, "ab_share_pct": 78, "pct_proficient": 46,
         "mean_attendance_pct": 80, "n": 40})
    assert text.startswith("Assignments are 92% complete and 78%") and "46%" in text
    assert "?" in text and "Attendance" not in text  # low attendance could explain it: not ruled out
    assert not any(word in text.lower() for word in ("fault", "blame", "inflat", "fail"))


def test_empty_window_gives_empty_tables(tables):
    assessments, students, _ = tables
    assert analyst.results_by(assessments, students, CUT, "grade", window="mid").empty
    assert analyst.band_distribution(assessments, students, CUT, window="mid").empty
    assert analyst.bubble_students(assessments, students, CUT, window="mid").empty


def test_summary_for_team_and_district(data_dir: Path, tmp_path: Path):
    team = open_report(data_dir, "t1", "team", tmp_path / "sum")
    summary = analyst.publish_analyst(team)
    written = json.loads((tmp_path / "sum" / "data_analyst.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(summary))
    assert written["by_standard"][0] == {"standard": "S1", "n": 4, "mean_pct": 72.5, "pct_proficient": 50.0}
    assert written["discrepancy"]["flagged"] is False
    district = analyst.analyst_summary(open_report(data_dir, "t1", "district"))
    # min group size 2: grade 8 (n = 1) is hidden, and grade 7 with it (else 4 - 3 gives it away)
    assert [g["suppressed"] for g in district["by_grade"]] == [True, True]
    assert district["by_grade"][0]["pct_proficient"] is None
    assert all(not s["suppressed"] for s in district["by_standard"])  # standards overlap: n = 4 each
    assert "s1" not in json.dumps(district)


def test_bubble_list_never_leaves_the_team(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    shown: list[str] = []
    capture = lambda obj: shown.append(obj._repr_html_() if hasattr(obj, "_repr_html_") else getattr(obj, "data", str(obj)))  # noqa: E731
    monkeypatch.setattr(report_module, "display", capture)
    monkeypatch.setattr(analyst, "display", capture)
    analyst.show_bubble(open_report(data_dir, "t1", "public"))
    assert "s4" not in " ".join(shown) and "team view only" in " ".join(shown)
    shown.clear()
    analyst.show_bubble(open_report(data_dir, "t1", "team"))
    assert "s4" in " ".join(shown)


def test_every_view_renders(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(report_module, "display", lambda obj: None)
    monkeypatch.setattr(analyst, "display", lambda obj: None)
    for audience in ("team", "public"):
        report = open_report(data_dir, "t1", audience)
        for by in ("standard", "grade", "section"):
            analyst.show_results(report, by)
        analyst.show_subgroups(report)
        analyst.show_bands(report)
        analyst.show_discrepancy(report)


def test_band_chart_hides_small_cells():
    dist = pd.DataFrame({"grade": ["7"] * 4, "band": list(analyst.BANDS), "n": [10, 5, 5, 0],
                         "pct": [50.0, 25.0, 25.0, 0.0]})
    figure = analyst.band_chart_figure(dist, hidden=[False, True, True, True])
    labels = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert "not shown (small group)" in labels


def test_planted_discrepancy_in_the_sample_district():
    flagged = {}
    for team_id in ("river-middle-g7-math", "maple-elementary-g3"):
        team = open_report(SAMPLE_DATA, team_id, "team").team
        result = analyst.discrepancy_check(team.table("processes"), team.students, team.assessments,
                                           team.config.goal.proficiency_cut_pct)
        flagged[team_id] = result
    river = flagged["river-middle-g7-math"]
    assert river.flagged and river.overall["flagged"]
    assert river.overall["mean_completion_pct"] >= 85 and river.overall["pct_proficient"] < 50
    assert not flagged["maple-elementary-g3"].flagged


def test_team_cut_defaults_to_70(tmp_path: Path):
    no_goal = {k: v for k, v in TEAM.items() if k != "goal"}
    write_team(tmp_path / "d", {"students.csv": STUDENTS, "assessments.csv": ASSESSMENTS}, team=no_goal)
    assert analyst.team_cut(open_report(tmp_path / "d", "t1", "team")) == 70.0


def test_public_question_keeps_top_coding(tmp_path: Path):
    all_a = PROCESSES.replace(",B+,", ",A,").replace(",C,", ",A,").replace(",85,", ",A,")  # A/B share 100%
    files = {"students.csv": STUDENTS, "assessments.csv": ASSESSMENTS, "processes.csv": all_a}
    write_team(tmp_path / "d", files, district={**DISTRICT, "min_group_size": 2})
    team_view = analyst.analyst_summary(open_report(tmp_path / "d", "t1", "team"))["discrepancy"]
    public = analyst.analyst_summary(open_report(tmp_path / "d", "t1", "public"))["discrepancy"]
    assert "A/B grades (100%)" in team_view["question"]
    assert "A/B grades (≥95%)" in public["question"] and "100%" not in public["question"]
