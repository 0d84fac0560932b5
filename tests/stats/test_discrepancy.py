"""stats.discrepancy: course grades, the check's numbers and boundary, and the question's wording."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from datadriver_utils.notebook.report import open_report
from datadriver_utils.stats import discrepancy
from datadriver_utils.stats.discrepancy import DiscrepancyThresholds
from tests import analyst_data
from tests.analyst_data import CUT, row
from tests.conftest import SAMPLE_DATA

data_dir = analyst_data.data_dir  # the shared fixture
tables = analyst_data.tables  # the shared fixture


def test_course_grades_letters_and_numbers():
    grades = pd.Series(["A", "b-", "C+", "F", "E", "92", "79.5", "", None, "Pass", "101"])
    got = discrepancy.course_grade_is_ab(grades).tolist()
    want = [1, 1, 0, 0, 0, 1, 0, np.nan, np.nan, np.nan, np.nan]  # E is a failing letter in some schools
    assert all((math.isnan(g) and math.isnan(w)) or g == w for g, w in zip(got, want, strict=True))


def test_discrepancy_numbers_and_boundary(tables):
    assessments, students, processes = tables
    result = discrepancy.discrepancy_check(processes, students, assessments, CUT)
    a = row(result.sections, "section", "A")
    assert a[["mean_completion_pct", "ab_share_pct", "mean_attendance_pct", "pct_proficient"]].tolist() == [
        95.0, 100.0, 92.5, 50.0]
    assert row(result.sections, "section", "B")["ab_share_pct"] == 50.0
    assert result.overall["mean_completion_pct"] == 90.0 and result.overall["ab_share_pct"] == 75.0
    # exactly 50% proficient is not "fewer than 50%": no gap at the default thresholds
    assert not result.flagged and not a["flagged"]
    strict = discrepancy.discrepancy_check(processes, students, assessments, CUT,
                                           thresholds=DiscrepancyThresholds(proficient_below=60))
    assert strict.flagged and bool(row(strict.sections, "section", "A")["flagged"])
    assert not bool(row(strict.sections, "section", "B")["flagged"])  # 80% completion, 50% A/B
    assert "90% complete" in strict.question and "75%" in strict.question and "50%" in strict.question
    assert "?" in strict.question


def test_discrepancy_without_post_scores_is_not_flagged(tables):
    assessments, students, processes = tables
    result = discrepancy.discrepancy_check(processes, students, assessments, CUT, window="mid")
    assert result.overall["pct_proficient"] is None and not result.flagged


def test_question_is_a_question_not_blame():
    text = discrepancy.discrepancy_question(
        {"flagged": True, "mean_completion_pct": 92, "ab_share_pct": 78, "pct_proficient": 46,
         "mean_attendance_pct": 80, "n": 40})
    assert text.startswith("Assignments are 92% complete and 78%") and "46%" in text
    assert "?" in text and "Attendance" not in text  # low attendance could explain it: not ruled out
    assert not any(word in text.lower() for word in ("fault", "blame", "inflat", "fail"))


def test_planted_discrepancy_in_the_sample_district():
    flagged = {}
    for team_id in ("river-middle-g7-math", "maple-elementary-g3"):
        team = open_report(SAMPLE_DATA, team_id, "team").team
        flagged[team_id] = discrepancy.discrepancy_check(team.table("processes"), team.students, team.assessments,
                                                         team.config.goal.proficiency_cut_pct)
    river = flagged["river-middle-g7-math"]
    assert river.flagged and river.overall["flagged"]
    assert river.overall["mean_completion_pct"] >= 85 and river.overall["pct_proficient"] < 50
    assert not flagged["maple-elementary-g3"].flagged
