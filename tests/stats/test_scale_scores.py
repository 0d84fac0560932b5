"""Scale scores by hand: means in scale points, proficiency against benchmark cuts, paired gains.

Students (grade): a (3), b (3), c (4), d (4), e (5, no cut). Overall scale scores:
    a: fall 190, spring 200      b: fall 180, spring 185
    c: fall 200, spring 215      d: fall 210 (no spring)      e: fall 230, spring 240
a also has Geometry 185 -> 205, a percentile row and a points row (never mixed in).
Cuts: fall 3 -> 188, 4 -> 205; spring 3 -> 195, 4 -> 210.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from datadriver_utils.stats.gains import student_percent_correct
from datadriver_utils.stats.scale_scores import (
    headline_score_type,
    scale_band_distribution,
    scale_bubble_students,
    scale_gains,
    scale_goal_result,
    scale_results_by,
    student_scale_scores,
)

F, S = "fall 2024-2025", "spring 2024-2025"
CUTS = {(F, "3"): 188.0, (F, "4"): 205.0, (S, "3"): 195.0, (S, "4"): 210.0}


def _rows() -> pd.DataFrame:
    overall = [("a", F, 190), ("a", S, 200), ("b", F, 180), ("b", S, 185), ("c", F, 200), ("c", S, 215),
               ("d", F, 210), ("e", F, 230), ("e", S, 240)]
    rows = [dict(student_id=s, window=w, standard="overall", points=float(p), points_possible=float("nan"),
                 score_type="scale") for s, w, p in overall]
    rows += [dict(student_id="a", window=F, standard="Geometry", points=185.0, points_possible=float("nan"),
                  score_type="scale"),
             dict(student_id="a", window=S, standard="Geometry", points=205.0, points_possible=float("nan"),
                  score_type="scale"),
             dict(student_id="a", window=F, standard="percentile rank", points=40.0, points_possible=float("nan"),
                  score_type="percentile"),
             dict(student_id="a", window=F, standard="S1", points=5.0, points_possible=10.0, score_type=pd.NA)]
    return pd.DataFrame(rows)


STUDENTS = pd.DataFrame({"student_id": list("abcde"), "grade": ["3", "3", "4", "4", "5"],
                         "section": ["A", "A", "B", None, "B"]})


def test_headline_kind_is_scale_and_points_never_mix_in():
    rows = _rows()
    assert headline_score_type(rows) == "scale"
    assert headline_score_type(rows[rows["score_type"] == "percentile"]) == "percentile"
    assert headline_score_type(rows[rows["score_type"].isna()]) == "points"
    pct = student_percent_correct(rows)
    assert list(pct["pct_correct"]) == [50.0]  # only the points row: never 190 "out of" nothing


def test_student_scores_use_the_overall_row():
    scores = student_scale_scores(_rows(), window=F)
    assert dict(zip(scores["student_id"], scores["score"])) == {"a": 190, "b": 180, "c": 200, "d": 210, "e": 230}


def test_results_by_grade_in_scale_points():
    table = scale_results_by(_rows(), STUDENTS, CUTS, "grade", F).set_index("grade")
    assert table.loc["3", "mean_score"] == 185 and table.loc["3", "pct_proficient"] == 50  # 190 >= 188, 180 < 188
    assert table.loc["4", "mean_score"] == 205 and table.loc["4", "pct_proficient"] == 50  # 200 < 205 <= 210
    assert table.loc["5", "n"] == 1 and table.loc["5", "n_benchmarked"] == 0
    assert math.isnan(table.loc["5", "pct_proficient"])


def test_results_by_standard_include_goal_scores():
    table = scale_results_by(_rows(), STUDENTS, CUTS, "standard", F).set_index("standard")
    assert table.loc["overall", "mean_score"] == pytest.approx((190 + 180 + 200 + 210 + 230) / 5)
    assert table.loc["Geometry", "n"] == 1 and table.loc["Geometry", "pct_proficient"] == 0  # 185 < 188
    assert "percentile rank" not in table.index and "S1" not in table.index


def test_gains_by_grade_are_scale_points_over_matched_students():
    gains = scale_gains(_rows(), STUDENTS, CUTS, F, S).set_index("grade")
    g3 = gains.loc["3"]
    assert (g3["n_matched"], g3["pre_mean_score"], g3["post_mean_score"], g3["gain_score_points"]) == (2, 185, 192.5, 7.5)
    assert g3["effect_size"] == pytest.approx(7.5 / math.sqrt(12.5))  # diffs 10, 5: sd = 3.536
    assert (g3["pre_pct_proficient"], g3["post_pct_proficient"]) == (50, 50)
    g4 = gains.loc["4"]
    assert (g4["n_pre"], g4["n_post"], g4["n_matched"], g4["gain_score_points"]) == (2, 1, 1, 15)
    assert (g4["pre_pct_proficient"], g4["post_pct_proficient"]) == (0, 100)
    assert math.isnan(g4["effect_size"])


def test_whole_team_gain_counts_only_benchmarked_students_for_proficiency():
    team = scale_gains(_rows(), STUDENTS, CUTS, F, S, by=()).iloc[0]
    assert team["n_matched"] == 4 and team["gain_score_points"] == 10  # diffs 10, 5, 15, 10
    assert team["effect_size"] == pytest.approx(10 / math.sqrt(50 / 3))
    assert team["n_benchmarked"] == 3
    assert team["pre_pct_proficient"] == pytest.approx(100 / 3) and team["post_pct_proficient"] == pytest.approx(200 / 3)


def test_goal_on_its_standard():
    result = scale_goal_result(_rows(), STUDENTS, CUTS, ["Geometry"], F, S)
    assert result.measured_standards == ["Geometry"]
    assert (result.n_matched, result.gain_score_points) == (1, 20)
    assert (result.pre_pct_proficient, result.post_pct_proficient) == (0, 100)  # 185 < 188; 205 >= 195
    assert scale_goal_result(_rows(), STUDENTS, CUTS, ["7.RP.1"], F, S).measured_standards == ["overall"]


def test_bands_and_bubble():
    bands = scale_band_distribution(_rows(), STUDENTS, CUTS, F)
    grade3 = bands[bands["grade"] == "3"].set_index("band")["n"].to_dict()
    assert grade3 == {"below benchmark": 1, "at or above benchmark": 1}
    assert "5" not in set(bands["grade"])  # no cut for grade 5
    bubble = scale_bubble_students(_rows(), STUDENTS, CUTS, F, margin=10)
    assert list(bubble["student_id"]) == ["c", "b"]  # c 5 below 205, b 8 below 188
