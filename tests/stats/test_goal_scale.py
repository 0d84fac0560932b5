"""A goal on scale scores, by hand: the baseline at a cut on the test's scale, the target check.

Students (grade): a, b (3); c, d (4). Fall (the baseline window) RIT, overall then two goal strands:
    a 190 (Algebra 186, Geometry 194)    b 180 (176, 184)
    c 200 (190, 210)                     d 210 (204, 216)
Benchmarks, fall: grade 3 -> 188, grade 4 -> 203. Spring rows exist but never enter the baseline.
"""

from __future__ import annotations

import pandas as pd
import pytest

from datadriver_utils.stats.goals import check_goal, review_scale_goal, scale_baseline, scale_baseline_by_standard
from datadriver_utils.stats.scale_scores import goal_cuts

F, S = "fall", "spring"
STUDENTS = pd.DataFrame({"student_id": list("abcd"), "grade": ["3", "3", "4", "4"]})
BENCHMARKS = {(F, "3"): 188.0, (F, "4"): 203.0, (S, "3"): 198.0, (S, "4"): 211.0}
_FALL = {"a": (190, 186, 194), "b": (180, 176, 184), "c": (200, 190, 210), "d": (210, 204, 216)}


def _rows(kind: str = "scale") -> pd.DataFrame:
    rows = [{"student_id": sid, "window": F, "standard": std, "points": float(v), "score_type": kind}
            for sid, values in _FALL.items() for std, v in zip(("overall", "Algebra", "Geometry"), values, strict=True)]
    rows += [{"student_id": sid, "window": S, "standard": "overall", "points": 250.0, "score_type": kind}
             for sid in "abcd"]
    rows.append({"student_id": "a", "window": F, "standard": "S1", "points": 3.0, "score_type": "points"})
    return pd.DataFrame(rows)


def test_baseline_reads_each_grade_at_its_fall_benchmark():
    base = scale_baseline(_rows(), STUDENTS, BENCHMARKS, ["overall"], F)
    # a 190 >= 188 yes, b 180 no (grade 3); c 200 < 203 no, d 210 yes (grade 4): 2 of 4
    assert (base.n, base.n_proficient, base.pct_proficient) == (4, 2, 50.0)
    assert (base.score_type, base.cut_pct, base.cuts, base.n_without_cut) == ("scale", None, (188.0, 203.0), 0)
    check = check_goal(base, 60)  # 60% of 4 = ceil(2.4) = 3: one more of the two below
    assert (check.students_needed, check.students_to_cross, check.share_to_cross, check.status) == (
        3, 1, 0.5, "reachable")


def test_goal_cut_score_replaces_the_benchmarks_everywhere():
    cuts = goal_cuts(BENCHMARKS, 195.0, _rows(), STUDENTS)
    assert cuts[(F, "3")] == cuts[(S, "4")] == 195.0
    base = scale_baseline(_rows(), STUDENTS, cuts, ["overall"], F)
    assert (base.n_proficient, base.pct_proficient, base.cuts) == (2, 50.0, (195.0,))  # c 200 and d 210
    assert goal_cuts(BENCHMARKS, None, _rows(), STUDENTS) == BENCHMARKS


def test_students_without_a_cut_are_not_counted_and_the_check_says_what_is_missing():
    grade3_only = {(F, "3"): 188.0}
    base = scale_baseline(_rows(), STUDENTS, grade3_only, ["overall"], F)
    assert (base.n, base.n_proficient, base.pct_proficient, base.n_without_cut) == (2, 1, 50.0, 2)
    empty = scale_baseline(_rows(), STUDENTS, {}, ["overall"], F)
    assert (empty.n, empty.pct_proficient, empty.n_without_cut) == (0, None, 4)
    assert "4 students have a baseline score" in check_goal(empty, 60).explanation
    assert "benchmarks:" in check_goal(empty, 60).explanation and check_goal(empty, 60).status is None
    nobody = scale_baseline(_rows(), STUDENTS, BENCHMARKS, ["overall"], "winter")
    assert nobody.n == 0 and "no student has a score" in check_goal(nobody, 60).explanation


def test_goal_strands_pooled_and_one_by_one():
    # pooled: mean of Algebra and Geometry: a 190, b 180, c 200, d 210 -> as overall: 2 of 4
    base = scale_baseline(_rows(), STUDENTS, BENCHMARKS, ["Algebra", "Geometry", "Not assessed"], F)
    assert (base.standards, base.pct_proficient) == (["Algebra", "Geometry"], 50.0)
    by_standard = scale_baseline_by_standard(_rows(), STUDENTS, BENCHMARKS, ["Algebra", "Geometry"], F)
    # Algebra: 186 < 188, 176, 190 < 203, 204 >= 203 -> 1 of 4; Geometry: 194, 184 no, 210, 216 -> 3 of 4
    assert by_standard.set_index("standard")["pct_proficient"].to_dict() == {"Algebra": 25.0, "Geometry": 75.0}
    review = review_scale_goal(_rows(), STUDENTS, BENCHMARKS, "By May 60% at the benchmark", ["Algebra", "Geometry"],
                               60, window=F)
    assert review.pooling.gap_points == pytest.approx(50.0) and review.pooling.pooled
    assert review.check.students_to_cross == 1


def test_a_goal_standard_nobody_took_falls_back_to_the_whole_test_and_percentiles_work_alike():
    assert scale_baseline(_rows(), STUDENTS, BENCHMARKS, ["7.RP.1"], F).standards == ["overall"]
    base = scale_baseline(_rows("percentile"), STUDENTS, goal_cuts({}, 195.0, _rows(), STUDENTS), ["overall"], F,
                          kind="percentile")
    assert (base.score_type, base.pct_proficient) == ("percentile", 50.0)
