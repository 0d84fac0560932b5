"""The snapshot's goal table: the pre → post on the goal's standards that the progress rating reads."""

from __future__ import annotations

import datadriver_utils as dd
from datadriver_utils.privacy.release import summary_context
from datadriver_utils.strands import goal_setter, snapshot
from datadriver_utils.strands.goal_progress import GOAL_LABELS


def _team(make_team, pre_proficient: int, post_proficient: int, n: int = 30, pre_only: int = 0):
    """``n`` matched students on S1 (cut 70, target 50), and ``pre_only`` more with a pre score only."""
    students = "student_id,grade\n" + "".join(f"{i:03d},7\n" for i in range(1, n + pre_only + 1))
    rows = ["student_id,window,standard,points,points_possible"]
    for i in range(1, n + 1):
        rows.append(f"{i:03d},pre,S1,{8 if i <= pre_proficient else 4 + i % 2},10")
        rows.append(f"{i:03d},post,S1,{9 if i <= post_proficient else 4 + i % 3},10")
    rows += [f"{i:03d},pre,S1,9,10" for i in range(n + 1, n + pre_only + 1)]
    return make_team({"students.csv": students, "assessments.csv": "\n".join(rows) + "\n"})


def _shown(result) -> dict[str, str]:
    return result.parts[0].shown.iloc[0].to_dict()


def test_goal_table_shows_what_the_rating_reads(make_team):
    report = dd.open_report(_team(make_team, 10, 14, pre_only=4), "t1", "team", None)
    goal = snapshot.snapshot_goal(report)
    shown = _shown(snapshot.goal_table(report))
    assert shown[GOAL_LABELS["n_matched"]] == "30"
    assert shown[GOAL_LABELS["pre"]] == f"{goal.pre_pct_proficient:.1f}%" == "33.3%"
    assert shown[GOAL_LABELS["post"]] == "46.7%" and shown[GOAL_LABELS["change"]] == "13.3"
    assert shown[GOAL_LABELS["effect_size"]] == f"{goal.effect_size:.2f}"
    assert shown[GOAL_LABELS["gap_closed"]] == f"{goal.gap_closed:.2f}"
    assert shown[GOAL_LABELS["rating"]] == goal.progress_rating
    record = snapshot.summary(report).to_json()["goal"]
    assert (record["pre_pct_proficient"], record["post_pct_proficient"], record["change_pct_points"]) == (33.3, 46.7, 13.3)
    assert record["effect_size"] == round(goal.effect_size, 2) and record["gap_closed"] == round(goal.gap_closed, 2)
    assert {"goal_pre_pct", "goal_post_pct", "effect_size", "progress_rating", "baseline"} <= set(report.defined)


def test_the_baseline_is_named_beside_the_matched_pre(make_team):
    """Four students sat only the pre test: the baseline counts them, the goal table does not."""
    report = dd.open_report(_team(make_team, 10, 14, pre_only=4), "t1", "team", None)
    base = goal_setter.review(report).baseline
    assert base.n == 34 and f"{base.pct_proficient:.1f}" == "41.2"
    note = snapshot.goal_table(report).notices[0]
    assert "41.2% proficient" in note and "all 34 students" in note
    assert goal_setter.baseline_shown(report) == ("41.2%", "34")
    table = goal_setter.baseline_check(report).parts[0].shown
    assert table[goal_setter.BASELINE_LABEL].iloc[0] == "41.2%"


def test_the_words_quote_the_table(make_team):
    report = dd.open_report(_team(make_team, 10, 14), "t1", "team", None)
    shown = _shown(snapshot.goal_table(report))
    text = snapshot.interpretation_text(report)
    assert f"went from {shown[GOAL_LABELS['pre']]} to {shown[GOAL_LABELS['post']]} proficient" in text
    assert f"paired effect size {shown[GOAL_LABELS['effect_size']]};" in text  # the same 0.01 figure as the table


def test_public_coded_share_hides_the_change_that_would_give_it_back(make_team):
    report = dd.open_report(_team(make_team, 10, 29), "t1", "public", None)
    shown = _shown(snapshot.goal_table(report))
    assert shown[GOAL_LABELS["post"]].startswith("≥")
    assert shown[GOAL_LABELS["change"]] == report.rules.marker == shown[GOAL_LABELS["gap_closed"]]
    record = snapshot.summary(report).to_json(summary_context(report.rules, report.audience))["goal"]
    assert record["change_pct_points"] is None and record["gap_closed"] is None
    assert isinstance(record["post_pct_proficient"], str) and record["post_pct_proficient"].startswith("≥")
    assert "96.7" not in snapshot.interpretation_text(report)


def test_small_goal_group_shows_no_figure_beyond_the_team(make_team):
    report = dd.open_report(_team(make_team, 2, 4, n=6), "t1", "district", None)
    shown = _shown(snapshot.goal_table(report))
    assert shown[GOAL_LABELS["pre"]] == report.rules.marker == shown[GOAL_LABELS["effect_size"]]
    record = snapshot.summary(report).to_json()["goal"]
    assert record["n_matched"] is None and record["effect_size"] is None and record["change_pct_points"] is None
    assert "too few matched students" in snapshot.interpretation_text(report)
