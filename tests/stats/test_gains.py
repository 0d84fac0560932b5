"""Pre/post gains on hand-computed cases."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from datadriver_utils.contract.config import LearningGoal
from datadriver_utils.stats.gains import goal_result, matched_gains, student_percent_correct, suggest_progress_rating


def frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["student_id", "window", "standard", "points", "points_possible"])


STUDENTS = pd.DataFrame({"student_id": ["a", "b", "c", "d"], "grade": ["7", "7", "7", "8"]})
# a: pre 4/10 + 6/10 = 50%, post 16/20 = 80%   (diff +30)
# b: pre 12/20 = 60%, post 14/20 = 70%          (diff +10)
# c: pre 14/20 = 70%, no post                    (unmatched)
# d: grade 8, pre 10/20 = 50%, post 10/20 = 50% (diff 0, single student)
ROWS = frame([
    ("a", "pre", "S1", 4, 10), ("a", "pre", "S2", 6, 10), ("a", "post", "S1", 8, 10), ("a", "post", "S2", 8, 10),
    ("b", "pre", "S1", 6, 10), ("b", "pre", "S2", 6, 10), ("b", "post", "S1", 7, 10), ("b", "post", "S2", 7, 10),
    ("c", "pre", "S1", 7, 10), ("c", "pre", "S2", 7, 10),
    ("d", "pre", "S1", 5, 10), ("d", "pre", "S2", 5, 10), ("d", "post", "S1", 5, 10), ("d", "post", "S2", 5, 10),
])


def test_percent_correct_sums_points_before_dividing():
    scores = student_percent_correct(ROWS).set_index(["student_id", "window"])["pct_correct"]
    assert scores[("a", "pre")] == pytest.approx(50.0)
    assert scores[("a", "post")] == pytest.approx(80.0)
    by_standard = student_percent_correct(ROWS, by_standard=True).set_index(["student_id", "window", "standard"])
    assert by_standard.loc[("a", "pre", "S1"), "pct_correct"] == pytest.approx(40.0)


def test_grade_level_matched_gains():
    gains = matched_gains(ROWS, STUDENTS, cut_pct=70, by=("grade",)).set_index("grade")
    g7 = gains.loc["7"]
    assert (g7.n_pre, g7.n_post, g7.n_matched) == (3, 2, 2)
    assert g7.pre_mean_pct == pytest.approx(55.0)  # (50 + 60) / 2, c excluded
    assert g7.post_mean_pct == pytest.approx(75.0)  # (80 + 70) / 2
    assert g7.gain_pct_points == pytest.approx(20.0)
    assert g7.pre_pct_proficient == pytest.approx(0.0)  # 50, 60 < 70
    assert g7.post_pct_proficient == pytest.approx(100.0)  # 80, 70 >= 70
    # differences 30 and 10: mean 20, sd (ddof 1) = sqrt(((10)^2 + (10)^2) / 1) = 14.142
    assert g7.effect_size == pytest.approx(20 / math.sqrt(200))
    g8 = gains.loc["8"]
    assert g8.n_matched == 1 and math.isnan(g8.effect_size)


def test_grade_by_standard_and_sorting():
    students = pd.DataFrame({"student_id": ["x", "y"], "grade": ["10", "K"]})
    rows = frame([("x", "pre", "S1", 1, 2), ("x", "post", "S1", 2, 2), ("y", "pre", "S1", 0, 2), ("y", "post", "S1", 1, 2)])
    gains = matched_gains(rows, students, 50, by=("grade", "standard"))
    assert list(gains["grade"]) == ["K", "10"]
    assert gains.loc[gains["grade"] == "K", "gain_pct_points"].item() == pytest.approx(50.0)


def test_no_matched_students_gives_missing_not_zero():
    rows = frame([("a", "pre", "S1", 5, 10), ("b", "post", "S1", 5, 10)])
    gains = matched_gains(rows, STUDENTS, 70, by=("grade",)).iloc[0]
    assert gains.n_matched == 0 and math.isnan(gains.pre_mean_pct) and math.isnan(gains.effect_size)


@pytest.mark.parametrize(
    ("pre", "post", "target", "gain", "effect", "expected"),
    [
        (40, 72, 70, 12, 0.9, "met goal"),
        (40, 56, 70, 8, 0.6, "good progress, goal not met"),  # closed 16/30 = 0.53 of the gap
        (40, 47, 70, 2, 0.1, "some progress"),  # closed 7/30 = 0.23
        (40, 42, 70, 4, 0.3, "some progress"),  # small gap closed but steady mean gain
        (40, 41, 70, 1, 0.1, "little or no progress"),
    ],
)
def test_progress_rating_thresholds(pre, post, target, gain, effect, expected):
    assert suggest_progress_rating(pre, post, target, gain, effect)[0] == expected


def test_goal_uses_goal_standards_and_override():
    goal = LearningGoal(statement="g", standards=["S1"], proficiency_cut_pct=70, target_pct_proficient=60)
    result = goal_result(ROWS, STUDENTS, goal)
    # S1 only: a 40 -> 80, b 60 -> 70, d 50 -> 50: proficient pre 0/3, post 2/3
    assert result.measured_standards == ["S1"]
    assert result.n_matched == 3
    assert result.post_pct_proficient == pytest.approx(200 / 3)
    assert result.goal_met is True and result.progress_rating == "met goal"
    override = goal.model_copy(update={"progress_rating": "some progress"})
    overridden = goal_result(ROWS, STUDENTS, override)
    assert overridden.progress_rating == "some progress" and overridden.rating_overridden
    assert overridden.suggested_rating == "met goal"
