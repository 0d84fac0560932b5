"""Words for a gain by rule, and missing post scores by section, checked by hand (stats/growth.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from datadriver_utils.stats.growth import missing_post_by_section, missing_post_check, read_gain, students_missing_post


def test_a_small_effect_is_flat_whatever_the_gain() -> None:
    # SD of gains = 2 / 0.1 = 20, SE = 20 / 10 = 2, t(0.975, 99) = 1.984: 2 ± 3.97
    reading = read_gain(2.0, 0.1, 100)
    assert reading.kind == "flat"
    assert (reading.ci_low, reading.ci_high) == pytest.approx((2 - 3.968, 2 + 3.968), abs=1e-3)
    assert reading.interval_includes_zero


def test_an_interval_through_zero_is_flat_even_at_a_small_effect() -> None:
    # d = 0.25 on 10 students: SD 20, SE 6.32, t(0.975, 9) = 2.262: 5 ± 14.3 includes 0
    assert read_gain(5.0, 0.25, 10).kind == "flat"


def test_uneven_broad_and_fell() -> None:
    uneven = read_gain(5.0, 0.3, 100)  # SD 16.7, SE 1.67, 5 ± 3.31: above 0
    assert uneven.kind == "uneven" and uneven.ci_low == pytest.approx(1.693, abs=1e-3)
    assert read_gain(10.0, 0.6, 100).kind == "broad"
    assert read_gain(-5.0, -0.3, 100).kind == "fell"
    assert read_gain(None, None, 0).kind == "unknown" and read_gain(3.0, None, 1).kind == "unknown"


STUDENTS = pd.DataFrame({"student_id": ["1", "2", "3", "4", "5"], "section": ["A", "A", "A", "B", None]})
ROWS = pd.DataFrame([
    {"student_id": s, "window": w, "standard": "S", "points": p, "points_possible": 10}
    for s, w, p in [("1", "pre", 4), ("1", "post", 6), ("2", "pre", 8), ("3", "post", 5), ("4", "pre", 6),
                    ("4", "post", 7), ("5", "pre", 2)]])


def test_missing_post_scores_by_section_with_their_share() -> None:
    table = missing_post_by_section(ROWS, STUDENTS).set_index("section")
    # A: 1 both, 2 pre only, 3 post only -> 3 students, 1 no post (33.3%), 1 no pre, 1 both
    assert table.loc["A"].tolist() == [3, 1, pytest.approx(100 / 3), 1, 1]
    assert table.loc["B"].tolist() == [1, 0, 0.0, 0, 1]
    assert table.loc["(no section)"].tolist() == [1, 1, 100.0, 0, 0]
    assert table.loc["All"].tolist() == [5, 2, 40.0, 1, 2]
    assert missing_post_by_section(ROWS, STUDENTS.drop(columns="section"))["section"].tolist() == ["All"]


def test_the_students_missing_a_post_score_are_compared_on_the_pre_test() -> None:
    check = missing_post_check(ROWS)
    # missing: 2 (80%) and 5 (20%) -> 50%; matched: 1 (40%) and 4 (60%) -> 50%
    assert (check.n_missing, check.n_matched) == (2, 2)
    assert (check.pre_mean_missing, check.pre_mean_matched, check.difference) == pytest.approx((50.0, 50.0, 0.0))
    listed = students_missing_post(ROWS, STUDENTS)
    assert listed["student_id"].tolist() == ["5", "2"]  # "(no section)" sorts before "A"
    assert listed["pre_pct_correct"].tolist() == [20.0, 80.0]
