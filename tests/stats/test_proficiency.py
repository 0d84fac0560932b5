"""stats.proficiency: hand-computed results by standard, grade, section and group; bands; bubble students."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from datadriver_utils.stats import proficiency
from tests import analyst_data
from tests.analyst_data import CUT, row

data_dir = analyst_data.data_dir  # the shared fixture
tables = analyst_data.tables  # the shared fixture


def test_results_by_standard(tables):
    assessments, students, _ = tables
    result = proficiency.results_by(assessments, students, CUT, "standard")
    # S1: 80, 50, 100, 60 -> mean 72.5, proficient 80 and 100 -> 50%; S2: 60, 50, 90, 70 -> 67.5, 50%
    assert list(result["standard"]) == ["S1", "S2"]
    assert row(result, "standard", "S1")[["n", "mean_pct", "pct_proficient"]].tolist() == [4, 72.5, 50.0]
    assert row(result, "standard", "S2")["mean_pct"] == pytest.approx(67.5)


def test_results_by_grade_and_section(tables):
    assessments, students, _ = tables
    grades = proficiency.results_by(assessments, students, CUT, "grade")
    # grade 7: 70, 50, 95 -> mean 71.67, 2 of 3 at or above 70; grade 8: 65 -> 0%
    assert list(grades["grade"]) == ["7", "8"]
    assert row(grades, "grade", "7")["mean_pct"] == pytest.approx(215 / 3)
    assert row(grades, "grade", "7")["pct_proficient"] == pytest.approx(200 / 3)
    assert row(grades, "grade", "8")["pct_proficient"] == 0.0
    sections = proficiency.results_by(assessments, students, CUT, "section")
    assert row(sections, "section", "A")["mean_pct"] == 60.0  # (70 + 50) / 2
    assert row(sections, "section", "B")["mean_pct"] == 80.0  # (95 + 65) / 2


def test_subgroups_count_missing_values_so_groups_add_up(tables):
    assessments, students, _ = tables
    result = proficiency.subgroup_results(assessments, students, CUT)
    assert set(result["group"]) == {"ell"}  # the only subgroup column present
    ell = result.set_index("category")
    assert ell.loc["Y", "pct_proficient"] == 100.0  # s1 at exactly 70
    assert ell.loc["N", "mean_pct"] == 72.5  # (50 + 95) / 2
    assert ell.loc[proficiency.NOT_RECORDED, "n"] == 1  # s4 has no ell value
    assert ell["n"].sum() == 4


def test_band_edges_and_distribution(tables):
    bands = proficiency.proficiency_band(pd.Series([49.9, 50, 69.9, 70, 84.9, 85, np.nan]), 70)
    assert list(bands.astype(object)) == ["well below", "approaching", "approaching", "proficient",
                                          "proficient", "advanced", np.nan]
    assessments, students, _ = tables
    dist = proficiency.band_distribution(assessments, students, CUT)
    # grade 7: s2 50 approaching, s1 70 proficient, s3 95 advanced; grade 8: s4 65 approaching
    seven = dist[dist["grade"] == "7"].set_index("band")
    assert seven["n"].tolist() == [0, 1, 1, 1]
    assert seven.loc["advanced", "pct"] == pytest.approx(100 / 3)
    assert dist[dist["grade"] == "8"].set_index("band").loc["approaching", "pct"] == 100.0


def test_band_margins_are_settings(tables):
    assessments, students, _ = tables
    # with a 30-point advanced margin, s3 (95) is proficient, not advanced (70 + 30 = 100)
    dist = proficiency.band_distribution(assessments, students, CUT, advanced_margin=30)
    seven = dist[dist["grade"] == "7"].set_index("band")
    assert seven.loc["advanced", "n"] == 0 and seven.loc["proficient", "n"] == 2


def test_bubble_students_are_just_below_the_cut(tables):
    assessments, students, _ = tables
    bubble = proficiency.bubble_students(assessments, students, CUT)
    # 60 <= pct < 70: only s4 (65); s1 is at the cut, s2 is 20 below it
    assert bubble.to_dict("records") == [{"student_id": "s4", "grade": "8", "section": "B", "pct_correct": 65.0}]


def test_empty_window_gives_empty_tables(tables):
    assessments, students, _ = tables
    assert proficiency.results_by(assessments, students, CUT, "grade", window="mid").empty
    assert proficiency.band_distribution(assessments, students, CUT, window="mid").empty
    assert proficiency.bubble_students(assessments, students, CUT, window="mid").empty
