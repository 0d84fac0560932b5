"""The goal against its baseline: percent proficient, students to cross, reach status, SMART checklist."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from datadriver_utils.contract.config import Cycle
from datadriver_utils.contract.team import load_team
from datadriver_utils.stats import goals
from datadriver_utils.stats.goals import ReachThresholds
from tests import goal_data
from tests.goal_data import GOAL, base

data_dir = goal_data.data_dir  # the shared fixture


def test_baseline_on_the_goal_standards(data_dir: Path):
    team = load_team(data_dir, "t1")
    result = goals.baseline(team.assessments, ["S1"], 70)
    assert (result.n, result.n_proficient, result.pct_proficient) == (4, 2, 50.0)
    assert goals.baseline(team.assessments, ["S1"], 90).pct_proficient == 25.0  # only 90
    # a goal standard that was never assessed: fall back to every assessed standard
    assert goals.baseline(team.assessments, ["NOPE"], 70).standards == ["S1", "S2"]
    assert sorted(goals.baseline_scores(team.assessments, ["S1"])) == [30.0, 50.0, 70.0, 90.0]
    assert goals.baseline(team.assessments, ["S1"], 70, window="post").n == 1  # s1 only, 90%


@pytest.mark.parametrize(("target", "needed", "cross", "status"), [
    (70, 3, 1, "reachable"),   # ceil(2.8) = 3; 1 of the 2 below -> 50%, not above 50%
    (75, 3, 1, "reachable"),   # ceil(3.0) = 3
    (76, 4, 2, "out of reach"),  # ceil(3.04) = 4; both students below must cross -> 100%
    (50, 2, 0, "already met"),
])
def test_check_goal_counts_whole_students(target, needed, cross, status):
    check = goals.check_goal(base(4, 2), target)
    assert (check.students_needed, check.students_to_cross, check.status) == (needed, cross, status)
    assert check.points_to_gain == target - 50


def test_check_goal_thresholds_and_rounding():
    assert goals.check_goal(base(10, 0), 70).students_needed == 7  # not 8 (0.7 * 10 = 7.000000000000001)
    assert goals.check_goal(base(10, 0), 80).status == "ambitious"  # 8 of 10 below = 80%, not above it
    assert goals.check_goal(base(10, 0), 81).status == "out of reach"  # ceil(8.1) = 9 -> 90%
    assert goals.check_goal(base(10, 0), 50).status == "reachable"  # 5 of 10 -> 50%
    assert goals.check_goal(base(10, 0), 51).status == "ambitious"  # 6 of 10 -> 60%
    # 100 students, 50 proficient, target 70: 20 of 50 below (40%) but +20 points
    assert goals.check_goal(base(100, 50), 70).status == "reachable"
    assert goals.check_goal(base(100, 50), 70, ReachThresholds(typical_gain_points=15)).status == "ambitious"
    # a district's own cut-offs: 40% of those below is ambitious above 0.3, out of reach above 0.35
    assert goals.check_goal(base(100, 50), 70, ReachThresholds(ambitious_share=0.3)).status == "ambitious"
    assert goals.check_goal(base(100, 50), 70, ReachThresholds(out_of_reach_share=0.35)).status == "out of reach"
    empty = goals.check_goal(base(0, 0), 70)
    assert empty.status is None and "no baseline" in empty.explanation.lower()
    assert goals.check_goal(base(3, 3), 100).status == "already met"  # everyone proficient


def test_check_goal_explains_in_whole_students():
    check = goals.check_goal(base(4, 2), 70)
    assert check.explanation == ("2 of 4 students (50%) are at or above the cut now. Reaching 70% means 3: 1 more "
                                 "students must cross the cut (+20 points), 50% of the 2 below it — within reach "
                                 "for one cycle.")


def test_smart_checklist():
    check = goals.check_goal(base(4, 2), 70)
    good = goals.smart_check(GOAL["statement"], ["S1"], ["S1", "S2"], check).to_dict()
    assert good == {"specific": True, "measurable": True, "attainable": True, "relevant": True, "time_bound": True}
    vague = goals.smart_check("Students will get better at math.", ["S9"], ["S1"], None)
    assert vague.to_dict() == {"specific": False, "measurable": False, "attainable": None, "relevant": False,
                               "time_bound": False}
    assert "S9" in vague.items[3].explanation
    other_target = goals.smart_check("By the end of the unit 60% will score 70% on S1.", ["S1"], ["S1"], check)
    assert "(70%) is not among them" not in other_target.items[1].explanation  # 70 is in the text
    assert goals.smart_check("By May 60% on S1", ["S1"], ["S1"], goals.check_goal(base(4, 2), 65)).items[1] \
        .explanation.endswith("The target in team.yml (65%) is not among them.")
    assert goals.smart_check("Students may improve 5% on S1", ["S1"], ["S1"], None).to_dict()["time_bound"] is False
    assert goals.smart_check("60% on fraction equivalence by June", ["S1"], ["S1"], None).to_dict()["specific"]
    assert not goals.smart_check("60% on the post test by June", ["S1"], ["S1"], None).to_dict()["specific"]
    assert not goals.smart_check("S10 to 60% by June", ["S1"], ["S1"], None).to_dict()["specific"]  # S1 ≠ S10


def test_smart_frame_reads_as_the_report_shows_it():
    frame = goals.smart_check("Students will get better at math.", ["S9"], ["S1"], None).frame()
    assert list(frame.columns) == ["Criterion", "Met", "Why"]
    assert list(frame["Criterion"]) == ["specific", "measurable", "attainable", "relevant", "time-bound"]
    assert list(frame["Met"]) == ["no", "no", "cannot tell yet", "no", "no"]


@pytest.mark.parametrize(("n_prof", "target", "thresholds", "status", "attainable", "why"), [
    (2, 70, ReachThresholds(), "reachable", True,
     "The baseline check says reachable: 1 of the 2 students below the cut (50%) must cross it."),
    (2, 50, ReachThresholds(), "already met", False, "No goal to reach: the baseline already meets the target of 50%"),
    (2, 76, ReachThresholds(), "out of reach", False, "out of reach: 2 of the 2 students below the cut (100%)"),
    # 1 of 2 (50%) is not above 50%, but +20 points is more than a typical gain of 10
    (2, 70, ReachThresholds(typical_gain_points=10), "ambitious", False,
     "ambitious: 1 of the 2 students below the cut (50%) must cross it, a gain of 20 points where the district "
     "typically sees 10. Keep it only with a plan"),
])
def test_attainable_agrees_with_the_reach_check(n_prof, target, thresholds, status, attainable, why):
    check = goals.check_goal(base(4, n_prof), target, thresholds)
    item = goals.smart_check("By May 70% on S1", ["S1"], ["S1"], check).items[2]
    assert (check.status, item.criterion, item.met) == (status, "attainable", attainable)
    assert why in item.explanation


def test_ambitious_is_not_attainable_as_written():
    # 100 students, 10 proficient, target 60: ceil(60) = 60, 50 of the 90 below (56%) -> ambitious
    check = goals.check_goal(base(100, 10), 60)
    item = goals.smart_check("By May 60% on S1", ["S1"], ["S1"], check).items[2]
    assert (check.status, item.met) == ("ambitious", False)
    assert item.explanation == ("The baseline check says ambitious: 50 of the 90 students below the cut (56%) must "
                                "cross it. Keep it only with a plan for the support those students need, or lower "
                                "the target.")


CYCLE = Cycle(start=dt.date(2025, 9, 15), end=dt.date(2026, 1, 30))


@pytest.mark.parametrize(("statement", "cycle", "met", "quoted"), [
    ("By the end of the cycle, 70% on S1", CYCLE, True, "“By the end of the cycle” (team.yml: the cycle ends 2026-01-30)"),
    ("By the end of the winter cycle, 70% on S1", CYCLE, True, "“By the end of the winter cycle”"),
    ("By the end of the cycle, 70% on S1", None, False, "team.yml gives no cycle dates"),
    ("By the end of the semester, 55% on S1", None, True, "“By the end of the semester”, a period of the school"),
    ("By the end of, 70% on S1", CYCLE, False, "“By the end of” names no date or window"),
    ("By the end of the year-long push, 70% on S1", CYCLE, False, "names no date or window"),
    ("By February, 80% on S1", None, True, "“By February”"),
    ("70% on S1 by 2026-01-15", None, True, "“2026-01-15”"),
    ("70% on S1 by 1/15", None, True, "“by 1/15”"),
    ("3/4 of students at 70% on S1", CYCLE, False, "No date or window"),  # a fraction, not a date
    ("Students may improve 5% on S1 within 6 weeks", None, True, "“within 6 weeks”"),
    ("Students may improve 5% on S1", CYCLE, False, "No date or window"),  # "may" is no month
])
def test_time_bound_needs_a_real_date_or_window(statement, cycle, met, quoted):
    item = goals.smart_check(statement, ["S1"], ["S1"], None, cycle).items[4]
    assert (item.criterion, item.met) == ("time_bound", met)
    assert quoted in item.explanation


def test_review_goal_puts_the_three_together(data_dir: Path):
    team = load_team(data_dir, "t1")
    review = goals.review_goal(team.assessments, GOAL["statement"], ["S1"], 70, 90)
    assert (review.baseline.n_proficient, review.check.students_to_cross, review.check.status) == (2, 2, "out of reach")
    assert review.smart.to_dict()["attainable"] is False


def test_baseline_by_standard_reads_each_standard_alone(data_dir: Path):
    team = load_team(data_dir, "t1")
    # S1: 50, 70, 90, 30 -> 2 of 4; S2: s1 alone at 10/10 -> 1 of 1. Pooled per student:
    # s1 (5 + 10) / 20 = 75, s2 70, s3 90, s4 30 -> 3 of 4 = 75%
    frame = goals.baseline_by_standard(team.assessments, ["S1", "S2"], 70)
    assert frame.to_dict("records") == [
        {"standard": "S1", "n": 4, "n_proficient": 2, "pct_proficient": 50.0},
        {"standard": "S2", "n": 1, "n_proficient": 1, "pct_proficient": 100.0}]
    review = goals.review_goal(team.assessments, "By May 80% on S1 and S2", ["S1", "S2"], 70, 80)
    assert review.baseline.pct_proficient == 75.0
    assert (review.pooling.pooled, review.pooling.gap_points) == (True, 50.0)
    assert review.pooling.explanation == (
        "The goal pools standards with very different baselines: S2 100% proficient, S1 50% — 50 points apart "
        "(more than 25). The pooled 75% hides where students start: set a target for each standard, or aim the "
        "goal at S1.")
    assert goals.baseline_by_standard(team.assessments, ["S1", "S2"], 70, window="post")["n"].tolist() == [1, 0]


def test_pooling_threshold_and_single_standard():
    import pandas as pd

    frame = pd.DataFrame({"standard": ["A", "B", "C"], "n": [20, 20, 20], "pct_proficient": [40.0, 65.0, 50.0]})
    assert goals.pooling_check(frame, 50.0).pooled is False  # 25 points apart is not more than 25
    wider = goals.pooling_check(frame, 50.0, ReachThresholds(pooled_gap_points=20))
    assert (wider.pooled, wider.highest, wider.lowest, wider.gap_points) == (True, "B", "A", 25.0)
    assert goals.pooling_check(frame.iloc[:1], 40.0) == goals.Pooling(False, None)
    no_scores = frame.assign(pct_proficient=[40.0, None, None])  # a standard nobody took does not count
    assert goals.pooling_check(no_scores, 40.0).gap_points is None
