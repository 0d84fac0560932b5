"""The benchmark one-pager: the grade-level pattern and each link's check, worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from datadriver_utils.stats.benchmarks import grade_patterns, link_checks, weakest_standards

STUDENTS = pd.DataFrame({"student_id": list("abcde"), "grade": ["7", "7", "7", "7", "8"]})
_POINTS = {  # (student, window): (S1, S2) out of 10
    ("a", "pre"): (4, 8), ("b", "pre"): (6, 8), ("c", "pre"): (5, 9), ("d", "pre"): (3, 7), ("e", "pre"): (9, 9),
    ("a", "post"): (8, 9), ("b", "post"): (7, 8), ("c", "post"): (9, 9), ("e", "post"): (9, 10),
}
POINTS = pd.DataFrame([{"student_id": s, "window": w, "standard": std, "points": float(p), "points_possible": 10.0,
                        "score_type": "points"}
                       for (s, w), scores in _POINTS.items() for std, p in zip(("S1", "S2"), scores)])
SCALE = pd.DataFrame([{"student_id": s, "window": w, "standard": "Reading", "points": float(v), "points_possible": 1.0,
                       "score_type": "scale"}
                      for s, w, v in [("a", "fall", 200), ("a", "winter", 210), ("b", "fall", 190),
                                      ("b", "winter", 196), ("c", "fall", 205), ("c", "winter", 207)]])
RESULTS = pd.concat([POINTS, SCALE], ignore_index=True)
LINKS = pd.DataFrame({
    "grade": ["7", "7", "8"], "standard": ["S1", None, "S1"], "pattern_window": ["pre", "fall", "pre"],
    "check_window": ["post", "winter", "spring"], "pattern": ["p"] * 3, "practice_observed": ["o"] * 3,
    "micro_change": ["m1", "m2", "m3"], "cut_score": [None, 200.0, None],
})


def test_grade_pattern_by_hand() -> None:
    patterns = grade_patterns(RESULTS, STUDENTS, 70.0, "pre").set_index(["grade", "standard"])
    assert patterns.loc[("7", "S1"), ["n", "mean_pct", "pct_proficient"]].tolist() == [4, 45.0, 0.0]
    assert patterns.loc[("7", "S2"), ["mean_pct", "pct_proficient"]].tolist() == [80.0, 100.0]
    assert patterns.loc[("7", "S1"), "grade_mean_pct"] == pytest.approx(62.5)  # students 60, 70, 70, 50
    assert patterns.loc[("7", "S1"), "gap"] == pytest.approx(-17.5)
    weakest = weakest_standards(patterns.reset_index())
    assert weakest[["grade", "standard"]].values.tolist() == [["7", "S1"], ["8", "S1"]]  # grade 8 ties: first code


def test_point_link_is_checked_on_matched_students_against_the_other_standards() -> None:
    check = link_checks(LINKS, RESULTS, STUDENTS, 70.0).iloc[0]
    assert (check["score_kind"], check["n_pattern"], check["n_check"], check["n_matched"]) == ("points", 4, 3, 3)
    assert check["pattern_mean"] == pytest.approx(50.0) and check["check_mean"] == pytest.approx(80.0)
    assert check["change"] == pytest.approx(30.0)
    assert check["others_change"] == pytest.approx(10 / 3)  # S2: 83.33 -> 86.67
    assert (check["pattern_pct_at_cut"], check["check_pct_at_cut"]) == (0.0, 100.0)
    assert check["effect_size"] == pytest.approx(30 / math.sqrt(300))  # gains 40, 10, 40
    assert check["verdict"] == "rose more than the other standards"


def test_scale_link_is_read_in_scale_points_at_its_cut() -> None:
    check = link_checks(LINKS, RESULTS, STUDENTS, 70.0).iloc[1]
    assert check["score_kind"] == "scale" and check["n_matched"] == 3
    assert check["pattern_mean"] == pytest.approx(595 / 3) and check["check_mean"] == pytest.approx(613 / 3)
    assert check["change"] == pytest.approx(6.0)
    assert check["pattern_pct_at_cut"] == pytest.approx(200 / 3) and check["check_pct_at_cut"] == pytest.approx(200 / 3)
    assert check["effect_size"] == pytest.approx(1.5)  # gains 10, 6, 2: sd 4
    assert math.isnan(check["others_change"]) and check["verdict"] == "rose"


def test_a_link_without_its_check_window_says_so() -> None:
    check = link_checks(LINKS, RESULTS, STUDENTS, 70.0).iloc[2]
    assert check["n_check"] == 0 and check["verdict"] == "not yet: no scores in the check window"
    assert math.isnan(check["change"])


def test_rise_shared_with_every_standard_is_not_credited() -> None:
    shared = POINTS.copy()
    post = shared["window"] == "post"
    shared.loc[post & (shared["standard"] == "S2"), "points"] = 10.0   # S2 matched: 83.3 -> 100 (+16.7)
    shared.loc[post & (shared["standard"] == "S1"), "points"] -= 1.0   # S1 matched: 50 -> 70 (+20)
    check = link_checks(LINKS.iloc[:1], shared, STUDENTS, 70.0).iloc[0]
    assert check["change"] == pytest.approx(20.0) and check["others_change"] == pytest.approx(50 / 3)
    assert check["verdict"] == "rose more than the other standards"  # 3.3 points ahead: at least 3
    shared.loc[post & (shared["standard"] == "S1"), "points"] -= 0.5   # S1: +15, behind S2's +16.7
    assert link_checks(LINKS.iloc[:1], shared, STUDENTS, 70.0).iloc[0]["verdict"] == "rose with the other standards"


def test_without_score_type_every_row_is_a_point_score() -> None:
    plain = POINTS.drop(columns="score_type")
    assert link_checks(LINKS.iloc[:1], plain, STUDENTS, 70.0).iloc[0]["score_kind"] == "points"
    assert link_checks(LINKS.iloc[:0], plain, STUDENTS, 70.0).empty


def test_scale_scores_only_give_no_point_pattern_but_still_a_check() -> None:
    patterns = grade_patterns(SCALE, STUDENTS, 70.0, "fall")
    assert patterns.empty and weakest_standards(patterns).empty
    assert link_checks(LINKS.iloc[1:2], SCALE, STUDENTS, 70.0).iloc[0]["verdict"] == "rose"


def test_scale_link_on_a_goal_strand_compares_with_the_other_strands_not_the_whole_test() -> None:
    # MAP-like rows: an overall RIT and two goal strands per test; the link names the Algebra strand
    rows = pd.DataFrame([{"student_id": sid, "window": w, "standard": std, "points": float(v), "score_type": "scale"}
                         for sid, w, overall, algebra, geometry in [
                             ("a", "fall", 200, 196, 204), ("a", "winter", 208, 210, 206),
                             ("b", "fall", 190, 186, 194), ("b", "winter", 196, 194, 198)]
                         for std, v in (("overall", overall), ("Algebra", algebra), ("Geometry", geometry))])
    link = LINKS.iloc[1:2].assign(standard="Algebra", cut_score=195.0)
    check = link_checks(link, rows, STUDENTS, 70.0).iloc[0]
    assert (check["pattern_mean"], check["check_mean"], check["change"]) == (191.0, 202.0, 11.0)  # gains 14, 8
    assert check["others_change"] == pytest.approx(3.0)  # Geometry only: gains 2 and 4, never the overall row
    assert (check["pattern_pct_at_cut"], check["check_pct_at_cut"]) == (50.0, 50.0)  # 196 | 186; 210 | 194 at 195
    assert check["effect_size"] == pytest.approx(11 / math.sqrt(18))  # gains 14 and 8: sd sqrt(18)
    assert check["verdict"] == "rose more than the other standards"


def test_percentile_link_is_read_in_percentile_points() -> None:
    rows = SCALE.assign(score_type="percentile")
    check = link_checks(LINKS.iloc[1:2].assign(cut_score=None), rows, STUDENTS, 70.0).iloc[0]
    assert check["change"] == pytest.approx(6.0) and math.isnan(check["check_pct_at_cut"])
