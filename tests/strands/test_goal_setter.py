"""Goal Setter views (notebook 13): results that show themselves, hand over their numbers and
respect the audience; the goal_setter section of summary.json."""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as w
import pandas as pd
import pytest
import yaml

from datadriver_utils.notebook.needs import MissingData
from datadriver_utils.notebook.report import open_report
from datadriver_utils.notebook.results import Table
from datadriver_utils.privacy.release import summary_context
from datadriver_utils.stats.goals import ReachThresholds
from datadriver_utils.strands import goal_setter as gs
from tests import goal_data
from tests.conftest import DISTRICT, SAMPLE_DATA, TEAM, write_team
from tests.goal_data import ASSESSMENTS, GOAL, STUDENTS

data_dir = goal_data.data_dir  # the shared fixture


def test_goal_as_written(data_dir: Path):
    shown = gs.goal(open_report(data_dir, "t1", "team"))
    assert shown.frame.set_index("Goal")["As written in team.yml"].to_dict() == {
        "Statement": GOAL["statement"], "Standards": "S1", "Proficiency cut": "70% correct",
        "Target": "70% proficient"}


def test_baseline_check_table_words_and_value(data_dir: Path):
    check = gs.baseline_check(open_report(data_dir, "t1", "team"))
    row = check.frame.iloc[0]
    # 2 of 4 at or above 70; target 70% of 4 = ceil(2.8) = 3 students, so 1 more; +20 points
    assert (row["n"], row["pct"], row["cross"], row["points"], row["status"]) == (4, 50.0, "1", 20.0, "reachable")
    assert check.notices == ["2 of 4 students (50%) are at or above the cut now. Reaching 70% means 3: 1 more "
                             "students must cross the cut (+20 points), 50% of the 2 below it — within reach for "
                             "one cycle."]
    assert isinstance(check.value, gs.GoalSetterSummary) and check.value.students_to_cross == 1
    assert "Baseline (pre assessment: every student with a pre score on the goal" in check._repr_html_()


def test_thresholds_pass_through_every_view(data_dir: Path):
    report = open_report(data_dir, "t1", "team")
    strict = ReachThresholds(ambitious_share=0.4)  # 1 of the 2 below = 50% > 40%
    assert gs.baseline_check(report, thresholds=strict).frame.iloc[0]["status"] == "ambitious"
    assert gs.baseline_check(report).frame.iloc[0]["status"] == "reachable"  # the default is kept apart
    assert gs.summary(report, thresholds=strict).status == "ambitious"
    assert gs.smart(report, thresholds=ReachThresholds(out_of_reach_share=0.4)).value.to_dict()["attainable"] is False


def test_smart_view(data_dir: Path):
    smart = gs.smart(open_report(data_dir, "t1", "team"))
    assert list(smart.frame["Met"]) == ["yes"] * 5
    assert smart.frame.set_index("Criterion").loc["specific", "Why"] == "Names S1."


def test_chart_alt_text_says_what_it_shows(data_dir: Path):
    chart = gs.baseline_chart(open_report(data_dir, "t1", "team"))
    assert len(chart.figure.axes) == 2
    assert chart.parts[0].alt == (
        "Left: a histogram of 4 students' percent correct on the goal's standards in the pre window, 2 at or "
        "above the dashed cut of 70% correct and 2 below it. Right: bars of the percent of students proficient "
        "now (S1 50%) beside a dashed line at the target of 70% proficient.")
    assert 'alt="Left: a histogram of 4 students' in chart._repr_html_()


def test_chart_sets_each_standard_and_the_pooled_share_against_the_target():
    # Oak: MS-PS1-1 23 of 61, MS-PS1-4 49 of 61, pooled 43 of 61; target 85% proficient
    chart = gs.baseline_chart(open_report(SAMPLE_DATA, "oak-middle-science", "team"))
    bars = chart.value.set_index("label")
    assert bars["pct"].round(1).to_dict() == {"MS-PS1-1": 37.7, "MS-PS1-4": 80.3, "All goal standards": 70.5}
    proficient = chart.figure.axes[1]
    assert [round(p.get_height(), 1) for p in proficient.patches] == [37.7, 80.3, 70.5]
    assert [line.get_ydata()[0] for line in proficient.lines] == [85]  # the target: a share, like the bars
    assert "(MS-PS1-1 38%, MS-PS1-4 80%, All goal standards 70%)" in chart.parts[0].alt
    district = gs.baseline_chart(open_report(SAMPLE_DATA, "oak-middle-science", "district"))
    assert len(district.figure.axes) == 1  # no student scores beyond the team


def test_summary_team(data_dir: Path, tmp_path: Path):
    summary = gs.publish(open_report(data_dir, "t1", "team", tmp_path / "sum"))
    written = json.loads((tmp_path / "sum" / "goal_setter.json").read_text(encoding="utf-8"))
    assert written == summary.to_json()
    assert written == {"standards": ["S1"], "proficiency_cut_pct": 70.0, "baseline_pct_proficient": 50.0,
                       "n_baseline": 4, "target_pct_proficient": 70.0, "students_to_cross": 1,
                       "status": "reachable", "smart": {"specific": True, "measurable": True, "attainable": True,
                                                        "relevant": True, "time_bound": True},
                       "baseline_by_standard": [{"standard": "S1", "n": 4, "pct_proficient": 50.0}],
                       "pooled_gap_points": None, "pooled_standards": False, "score_type": "points",
                       "baseline_window": "pre", "cut": "70% correct"}


def test_small_group_beyond_the_team(data_dir: Path, tmp_path: Path):
    for audience in ("district", "public"):  # 4 students < 10
        report = open_report(data_dir, "t1", audience, tmp_path / audience)
        summary = gs.publish(report)
        written = json.loads((tmp_path / audience / "goal_setter.json").read_text(encoding="utf-8"))
        assert written["suppressed"] is True and written["n_baseline"] is None and written["status"] is None
        assert written["baseline_pct_proficient"] is None and written["smart"]["attainable"] is None
        assert summary.target_pct_proficient == 70.0  # a setting, not about students
        check = gs.baseline_check(report)
        assert check.frame.iloc[0]["suppressed"] and check.notices == []  # no sentence with exact counts
        assert "reachable" not in check._repr_html_()
        assert gs.baseline_chart(report).figure is None
        assert gs.baseline_chart(report).notices == ["Too few students to chart beyond the team."]
        smart = gs.smart(report)  # attainable would give the hidden status away
        assert smart.frame.set_index("Criterion").loc["attainable", "Met"] == "cannot tell yet"
        builder = gs.goal_builder(report)
        assert not isinstance(builder, w.Widget) and "live session" in builder.notices[0]


def all_proficient(tmp_path: Path, n: int) -> Path:
    """A team of ``n`` students, all at or above the cut before the cycle (target 90%)."""
    students = "student_id,grade\n" + "".join(f"s{i},7\n" for i in range(n))
    scores = "student_id,window,standard,points,points_possible\n" + "".join(
        f"s{i},pre,S1,8,10\n" for i in range(n))
    write_team(tmp_path / "d", {"students.csv": students, "assessments.csv": scores},
               team={**TEAM, "goal": {**GOAL, "target_pct_proficient": 90}})
    return tmp_path / "d"


def test_public_codes_a_baseline_near_100(tmp_path: Path):
    # 20 students, all at or above the cut: 100% proficient is coded ≥95% for the public
    # ("≥95%" of 20 allows 19 or 20)
    data = all_proficient(tmp_path, 20)
    public = open_report(data, "t1", "public", tmp_path / "sum")
    gs.publish(public)
    written = json.loads((tmp_path / "sum" / "goal_setter.json").read_text(encoding="utf-8"))
    assert written["baseline_pct_proficient"] == "≥95%" and written["target_pct_proficient"] == 90.0
    assert written["status"] == "already met" and written["suppressed"] is False
    assert written["students_to_cross"] is None  # arithmetic on the coded figure would give it back
    check = gs.baseline_check(public)
    assert check.notices == []  # the sentence would say "20 of 20"
    assert "≥95%" in check._repr_html_() and "100.0%" not in check._repr_html_()
    chart = gs.baseline_chart(public)
    assert chart.figure.axes[0].patches[0].get_height() == 95  # drawn at the coding threshold
    assert chart.value["text"].tolist() == ["≥95%"]
    assert "≥95%" in chart.parts[0].alt and "100" not in chart.parts[0].alt
    attainable = gs.smart(public).frame.set_index("Criterion").loc["attainable"]
    assert (attainable["Met"], attainable["Why"]) == ("no", "The baseline check says already met.")  # no counts
    team = gs.baseline_chart(open_report(data, "t1", "team"))
    assert team.figure.axes[1].patches[0].get_height() == 100.0


def test_public_hides_a_baseline_near_100_of_fewer_than_20(tmp_path: Path):
    # 10 of 10: "≥95%" of 10 students can only mean all 10, so the figure is hidden, not coded,
    # and so are the students to cross and the points to gain that would give it back
    public = open_report(all_proficient(tmp_path, 10), "t1", "public", tmp_path / "sum")
    gs.publish(public)
    written = json.loads((tmp_path / "sum" / "goal_setter.json").read_text(encoding="utf-8"))
    assert written["baseline_pct_proficient"] is None and written["students_to_cross"] is None
    assert written["n_baseline"] == 10 and written["suppressed"] is False
    shown = next(p for p in gs.baseline_check(public).parts if isinstance(p, Table)).shown.iloc[0]
    assert shown[[gs.BASELINE_LABEL, "Students to cross", "Points to gain"]].tolist() == ["*", "*", "*"]
    assert gs.baseline_chart(public).value["text"].tolist() == ["not shown"]


def test_no_goal_in_team_yml(tmp_path: Path):
    no_goal = {k: v for k, v in TEAM.items() if k != "goal"}
    write_team(tmp_path / "d", {"students.csv": STUDENTS, "assessments.csv": ASSESSMENTS}, team=no_goal,
               district=DISTRICT)
    report = open_report(tmp_path / "d", "t1", "team", tmp_path / "sum")
    for view in (gs.goal, gs.baseline_check, gs.baseline_chart, gs.smart):
        assert view(report).notices == [gs.NO_GOAL]
    summary = gs.publish(report)
    assert summary.status is None and summary.smart is None
    box = gs.goal_builder(report)
    assert isinstance(box, w.VBox) and box.controls["statement"].value == ""


def test_missing_assessments_say_which_file(tmp_path: Path):
    write_team(tmp_path / "d", {"students.csv": STUDENTS}, team={**TEAM, "goal": GOAL})
    report = open_report(tmp_path / "d", "t1", "team")
    for view in (gs.baseline_check, gs.baseline_chart, gs.smart, gs.goal_builder, gs.summary):
        result = view(report)
        assert isinstance(result, MissingData) and result.missing == ["assessments"]
        assert "assessments.csv" in result._repr_html_()
    assert gs.publish(report) is None
    assert gs.goal(report).frame is not None  # the goal as written needs team.yml only


def test_builder_is_built_for_the_team_each_time(data_dir: Path):
    report = open_report(data_dir, "t1", "team")
    first, second = gs.goal_builder(report), gs.goal_builder(report)
    assert isinstance(first, w.VBox) and first is not second  # a live widget is never reused from memo
    assert "reachable" in first.check.value


def test_the_inquiry_thread_reads_the_typed_summary(data_dir: Path):
    from datadriver_utils.strands import inquiry

    thread = inquiry.thread(open_report(data_dir, "t1", "team")).frame
    line = thread.loc[thread["strand"] == "Goal Setter", "evidence"].iloc[0]
    assert line == ("Baseline 50.0% proficient (all 4 pre takers on the goal's standards) against a target of 70%: "
                    "goal judged reachable.")


def _pre_proficient(team_id: str, standards: list[str], cut: float) -> tuple[int, int]:
    """Students with a pre score on ``standards`` and how many reach ``cut``, straight from the CSV."""
    rows = pd.read_csv(SAMPLE_DATA / "teams" / team_id / "assessments.csv", dtype={"student_id": str})
    pre = rows[(rows["window"] == "pre") & rows["standard"].isin(standards)]
    totals = pre.groupby("student_id")[["points", "points_possible"]].sum()
    pct = totals["points"] / totals["points_possible"] * 100
    return len(pct), int((pct >= cut).sum())


@pytest.mark.parametrize(("team_id", "standards", "cut", "expected"), [
    # Cedar: 17 of 122 at 80%; ceil(0.80 × 122) = 98, so 81 more of the 105 below (77%)
    ("cedar-elementary-k2", ["RF.PH"], 80, (122, 17, 81, "ambitious")),
    # Oak: 43 of 61 at 70%; ceil(0.85 × 61) = 52, so 9 more of the 18 below (50%, not above it)
    ("oak-middle-science", ["MS-PS1-1", "MS-PS1-4"], 70, (61, 43, 9, "reachable")),
])
def test_sample_teams(team_id: str, standards: list[str], cut: float, expected: tuple[int, int, int, str]):
    assert _pre_proficient(team_id, standards, cut) == expected[:2]  # the CSV, read without the package
    found = gs.review(open_report(SAMPLE_DATA, team_id, "team"))
    assert found is not None
    assert (found.baseline.n, found.baseline.n_proficient, found.check.students_to_cross,
            found.check.status) == expected


def test_cedar_ambitious_is_not_attainable():
    report = open_report(SAMPLE_DATA, "cedar-elementary-k2", "team")
    smart = gs.smart(report).frame.set_index("Criterion")
    assert smart.loc["attainable", "Met"] == "no"
    assert smart.loc["attainable", "Why"].startswith(
        "The baseline check says ambitious: 81 of the 105 students below the cut (77%) must cross it.")
    summary = gs.summary(report)
    assert (summary.status, summary.smart.attainable) == ("ambitious", False)


def test_end_of_the_cycle_is_dated_from_team_yml():
    river = gs.smart(open_report(SAMPLE_DATA, "river-middle-g7-math", "team")).frame.set_index("Criterion")
    assert river.loc["time-bound", "Met"] == "yes"
    assert river.loc["time-bound", "Why"] == ("Says when: “By the end of the cycle” (team.yml: the cycle ends "
                                              "2026-01-30).")


def test_bare_by_the_end_of_is_not_time_bound(tmp_path: Path):
    goal = {**GOAL, "statement": "By the end of, 70% of grade 7 students will reach 70% on ratios (S1)."}
    write_team(tmp_path / "d", {"students.csv": STUDENTS, "assessments.csv": ASSESSMENTS}, team={**TEAM, "goal": goal})
    report = open_report(tmp_path / "d", "t1", "team")
    assert gs.summary(report).smart.time_bound is False
    assert "names no date or window" in gs.smart(report).frame.set_index("Criterion").loc["time-bound", "Why"]


def test_oak_pools_standards_with_very_different_baselines():
    # straight from the CSV: MS-PS1-1 23 of 61 (37.7%), MS-PS1-4 49 of 61 (80.3%)
    assert _pre_proficient("oak-middle-science", ["MS-PS1-1"], 70) == (61, 23)
    assert _pre_proficient("oak-middle-science", ["MS-PS1-4"], 70) == (61, 49)
    report = open_report(SAMPLE_DATA, "oak-middle-science", "team")
    check = gs.baseline_check(report)
    by_standard = check.tables["by standard"].set_index("standard")
    assert by_standard["n"].tolist() == [61, 61]
    assert by_standard["pct_proficient"].round(1).tolist() == [37.7, 80.3]
    assert check.notices[1].startswith("The goal pools standards with very different baselines: MS-PS1-4 80% "
                                       "proficient, MS-PS1-1 38% — 43 points apart (more than 25).")
    summary = gs.summary(report).to_json()
    assert (summary["pooled_standards"], summary["pooled_gap_points"]) == (True, 42.6)
    assert summary["baseline_by_standard"] == [{"standard": "MS-PS1-1", "n": 61, "pct_proficient": 37.7},
                                               {"standard": "MS-PS1-4", "n": 61, "pct_proficient": 80.3}]


def test_standards_within_25_points_are_not_flagged():
    # Summit: A.REI.3 28 of 178 (15.7%), A.CED.1 68 of 178 (38.2%): 22.5 points apart
    assert _pre_proficient("summit-high-algebra", ["A.REI.3"], 65) == (178, 28)
    assert _pre_proficient("summit-high-algebra", ["A.CED.1"], 65) == (178, 68)
    report = open_report(SAMPLE_DATA, "summit-high-algebra", "team")
    summary = gs.summary(report)
    assert (summary.pooled_standards, round(summary.pooled_gap_points, 1)) == (False, 22.5)
    assert not any("pools" in n for n in gs.baseline_check(report).notices)
    assert gs.summary(report, thresholds=ReachThresholds(pooled_gap_points=20)).pooled_standards is True


def test_pooling_beyond_the_team(tmp_path: Path):
    # 20 students: S1 all 10/10 (100%, coded ≥95% for the public: 19 or 20 of 20), S2 10 of 20 at 7/10 -> 50%
    students = "student_id,grade\n" + "".join(f"s{i},7\n" for i in range(20))
    scores = "student_id,window,standard,points,points_possible\n" + "".join(
        f"s{i},pre,S1,10,10\ns{i},pre,S2,{7 if i < 10 else 3},10\n" for i in range(20))
    goal = {**GOAL, "standards": ["S1", "S2"], "statement": "By May, 90% will reach 70% on S1 and S2."}
    write_team(tmp_path / "d", {"students.csv": students, "assessments.csv": scores}, team={**TEAM, "goal": goal})
    public = open_report(tmp_path / "d", "t1", "public")
    summary = gs.summary(public).to_json(summary_context(public.rules, public.audience))
    assert [row["pct_proficient"] for row in summary["baseline_by_standard"]] == ["≥95%", 50.0]
    # the gap would undo the coding (50 + gap = S1 exactly): withheld; the flag says only "more than 25"
    assert (summary["pooled_standards"], summary["pooled_gap_points"]) == (True, None)
    # pooled per student: (10 + 7) / 20 = 85 for ten, (10 + 3) / 20 = 65 for ten -> 50%
    assert gs.baseline_chart(public).value["text"].tolist() == ["≥95%", "50%", "50%"]
    notes = gs.baseline_check(public).notices
    assert notes[-1] == ("The goal pools standards whose baselines are more than 25 points apart (see the table by "
                         "standard): set a target for each standard.")
    assert "100" not in " ".join(notes)
    district = gs.summary(open_report(tmp_path / "d", "t1", "district"))
    assert (district.pooled_standards, district.pooled_gap_points) == (True, 50.0)
    # a standard too few students took is hidden beyond the team, and nothing is said about pooling
    few = scores + "".join(f"s{i},pre,S3,1,10\n" for i in range(3))
    write_team(tmp_path / "e", {"students.csv": students, "assessments.csv": few},
               team={**TEAM, "goal": {**goal, "standards": ["S1", "S2", "S3"]}})
    hidden = gs.summary(open_report(tmp_path / "e", "t1", "district"))
    assert [(r.standard, r.n, r.suppressed) for r in hidden.baseline_by_standard] == [
        ("S1", 20, False), ("S2", 20, False), ("S3", None, True)]
    assert (hidden.pooled_standards, hidden.pooled_gap_points) == (None, None)
    drawn = gs.baseline_chart(open_report(tmp_path / "e", "t1", "district")).value
    assert drawn.loc[2, ["label", "text"]].tolist() == ["S3", "not shown"] and pd.isna(drawn.loc[2, "pct"])


# ----------------------------------------------------------------------------- scale scores

_SCALE_ASSESSMENTS = "student_id,window,standard,points,points_possible,score_type,assessment\n" + "".join(
    f"{sid},{window},overall,{rit},,scale,MAP Growth Math 2-5\n"
    for sid, fall, spring in (("001", 190, 200), ("002", 180, 186), ("003", 200, 212), ("004", 210, 214))
    for window, rit in (("fall", fall), ("spring", spring)))
_SCALE_STUDENTS = "student_id,grade\n001,3\n002,3\n003,4\n004,4\n"
_SCALE_GOAL = {"statement": "By May 2026, 60% of students at or above the spring benchmark in math.",
               "standards": ["overall"], "target_pct_proficient": 60}


def _scale_team(tmp_path: Path, **goal: object) -> Path:
    team = {**TEAM, "grade_levels": [3, 4], "windows": ["fall", "spring"], "goal": {**_SCALE_GOAL, **goal},
            "benchmarks": {"fall": {3: 188, 4: 203}, "spring": {3: 198, 4: 211}}}
    write_team(tmp_path / "d", {"students.csv": _SCALE_STUDENTS, "assessments.csv": _SCALE_ASSESSMENTS},
               team=team, district={**DISTRICT, "min_group_size": 2})
    return tmp_path / "d"


def test_scale_goal_has_a_baseline_at_the_fall_benchmark_named_in_rit(tmp_path: Path):
    report = open_report(_scale_team(tmp_path), "t1", "team")
    shown = gs.goal(report).frame.set_index("Goal")["As written in team.yml"]
    assert shown["Proficiency cut"] == "the fall benchmark of each grade: RIT 188 (grade 3), 203 (grade 4)"
    check = gs.baseline_check(report)
    row = check.frame.iloc[0]
    # fall: 190 >= 188, 180 < 188 (grade 3); 200 < 203, 210 >= 203 (grade 4): 2 of 4; 60% of 4 -> 3: one more
    assert (row["n"], row["pct"], row["cross"], row["status"]) == (4, 50.0, "1", "reachable")
    assert any("at or above the fall benchmark of each grade: RIT 188" in n and "these are RIT scores, never a percent correct" in n
               for n in check.notices)
    summary = gs.summary(report)
    assert (summary.score_type, summary.proficiency_cut_pct, summary.baseline_window, summary.n_baseline) == (
        "scale", None, "fall", 4)
    assert summary.cut.startswith("the fall benchmark")
    assert gs.baseline_chart(report).figure is not None
    assert any("goal builder works on percent correct" in n for n in gs.goal_builder(report).notices)


def test_scale_goal_cut_score_and_the_snapshot_progress(tmp_path: Path):
    from datadriver_utils.strands import snapshot

    report = open_report(_scale_team(tmp_path, cut_score=195), "t1", "team")
    assert gs.goal(report).frame.set_index("Goal")["As written in team.yml"]["Proficiency cut"] == (
        "RIT 195, the goal's cut_score")
    assert gs.summary(report).baseline_pct_proficient == 50.0  # 200 and 210 of 190, 180, 200, 210
    goal = snapshot.snapshot_goal(report)  # spring at 195: 200, 212, 214 of 186 -> 75%, target 60: met
    assert (goal.pre_pct_proficient, goal.post_pct_proficient, goal.goal_met) == (50.0, 75.0, True)
    assert "at or above RIT 195" in snapshot.interpretation_text(report)


def test_scale_goal_without_any_cut_says_what_to_add(tmp_path: Path):
    data = _scale_team(tmp_path)
    team_yml = data / "teams" / "t1" / "team.yml"
    config = yaml.safe_load(team_yml.read_text(encoding="utf-8"))
    team_yml.write_text(yaml.safe_dump({k: v for k, v in config.items() if k != "benchmarks"}), encoding="utf-8")
    report = open_report(data, "t1", "team")
    assert "no cut yet" in gs.goal(report).frame.set_index("Goal")["As written in team.yml"]["Proficiency cut"]
    assert any("their grade has no cut" in n and "cut_score" in n for n in gs.baseline_check(report).notices)
    assert any("Nothing to chart yet" in n for n in gs.baseline_chart(report).notices)


def test_a_point_score_goal_without_its_cut_is_a_problem(tmp_path: Path):
    from datadriver_utils.contract.team import check_team, load_district

    goal = {k: v for k, v in TEAM["goal"].items() if k != "proficiency_cut_pct"}
    write_team(tmp_path / "d", {"students.csv": STUDENTS, "assessments.csv": ASSESSMENTS}, team={**TEAM, "goal": goal})
    district, _ = load_district(tmp_path / "d")
    problems = check_team(tmp_path / "d", "t1", district)[1]
    assert [p.file for p in problems] == ["team.yml"] and "proficiency_cut_pct is missing" in problems[0].message


def test_scale_students_whose_grade_has_no_benchmark_are_named_as_left_out(tmp_path: Path):
    data = _scale_team(tmp_path)
    team_yml = data / "teams" / "t1" / "team.yml"
    config = yaml.safe_load(team_yml.read_text(encoding="utf-8"))
    config["benchmarks"] = {"fall": {3: 188}}  # grade 4 has no fall cut
    team_yml.write_text(yaml.safe_dump(config), encoding="utf-8")
    check = gs.baseline_check(open_report(data, "t1", "team"))
    assert (check.frame.iloc[0]["n"], check.frame.iloc[0]["pct"]) == (2, 50.0)  # grade 3 only: 190 yes, 180 no
    assert any(n.startswith("2 more students have a score but are not counted") for n in check.notices)
