"""Goal Setter: baseline, the target check, the SMART checklist, saving team.yml, the builder."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
import yaml

import datadriver_utils.notebook.report as report_module
from datadriver_utils.contract.team import load_team
from datadriver_utils.errors import CaptureError, DataDriverError
from datadriver_utils.notebook.report import open_report
from datadriver_utils.strands import goal_setter as gs
from datadriver_utils.strands.goal_setter import Baseline, ReachThresholds
from tests.conftest import DISTRICT, TEAM, write_team

STUDENTS = "student_id,grade\ns1,7\ns2,7\ns3,7\ns4,7\n"
# Pre on S1 (10 points): 50, 70, 90, 30 -> 2 of 4 at or above the cut of 70 -> 50%.
# S2 (only s1, 10/10) is not a goal standard and must not count.
ASSESSMENTS = (
    "student_id,window,standard,points,points_possible\n"
    "s1,pre,S1,5,10\ns2,pre,S1,7,10\ns3,pre,S1,9,10\ns4,pre,S1,3,10\ns1,pre,S2,10,10\n"
    "s1,post,S1,9,10\n"
)
GOAL = {"statement": "By January, 70% of grade 7 students will reach 70% on ratios (S1).",
        "standards": ["S1"], "proficiency_cut_pct": 70, "target_pct_proficient": 70,
        "progress_rating": "some progress"}
TEAM_YML = {**TEAM, "goal": GOAL, "next_steps": {"goal_setter": "Check the target"}}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    write_team(tmp_path / "data", {"students.csv": STUDENTS, "assessments.csv": ASSESSMENTS}, team=TEAM_YML)
    return tmp_path / "data"


def base(n: int, n_prof: int) -> Baseline:
    return Baseline(["S1"], 70.0, n, n_prof, n_prof / n * 100 if n else None)


def test_baseline_on_the_goal_standards(data_dir: Path):
    team = load_team(data_dir, "t1")
    result = gs.baseline(team.assessments, ["S1"], 70)
    assert (result.n, result.n_proficient, result.pct_proficient) == (4, 2, 50.0)
    assert gs.baseline(team.assessments, ["S1"], 90).pct_proficient == 25.0  # only 90
    # a goal standard that was never assessed: fall back to every assessed standard
    assert gs.baseline(team.assessments, ["NOPE"], 70).standards == ["S1", "S2"]


@pytest.mark.parametrize(("target", "needed", "cross", "status"), [
    (70, 3, 1, "reachable"),   # ceil(2.8) = 3; 1 of the 2 below -> 50%, not above 50%
    (75, 3, 1, "reachable"),   # ceil(3.0) = 3
    (76, 4, 2, "out of reach"),  # ceil(3.04) = 4; both students below must cross -> 100%
    (50, 2, 0, "already met"),
])
def test_check_goal_counts_whole_students(target, needed, cross, status):
    check = gs.check_goal(base(4, 2), target)
    assert (check.students_needed, check.students_to_cross, check.status) == (needed, cross, status)
    assert check.points_to_gain == target - 50


def test_check_goal_thresholds_and_rounding():
    assert gs.check_goal(base(10, 0), 70).students_needed == 7  # not 8 (0.7 * 10 = 7.000000000000001)
    assert gs.check_goal(base(10, 0), 80).status == "ambitious"  # 8 of 10 below = 80%, not above it
    assert gs.check_goal(base(10, 0), 81).status == "out of reach"  # ceil(8.1) = 9 -> 90%
    assert gs.check_goal(base(10, 0), 50).status == "reachable"  # 5 of 10 -> 50%
    assert gs.check_goal(base(10, 0), 51).status == "ambitious"  # 6 of 10 -> 60%
    # 100 students, 50 proficient, target 70: 20 of 50 below (40%) but +20 points
    assert gs.check_goal(base(100, 50), 70).status == "reachable"
    assert gs.check_goal(base(100, 50), 70, ReachThresholds(typical_gain_points=15)).status == "ambitious"
    empty = gs.check_goal(base(0, 0), 70)
    assert empty.status is None and "no baseline" in empty.explanation.lower()
    assert gs.check_goal(base(3, 3), 100).status == "already met"  # everyone proficient


def test_smart_checklist():
    check = gs.check_goal(base(4, 2), 70)
    good = gs.smart_check(GOAL["statement"], ["S1"], ["S1", "S2"], check).to_dict()
    assert good == {"specific": True, "measurable": True, "attainable": True, "relevant": True, "time_bound": True}
    vague = gs.smart_check("Students will get better at math.", ["S9"], ["S1"], None)
    assert vague.to_dict() == {"specific": False, "measurable": False, "attainable": None, "relevant": False,
                               "time_bound": False}
    assert "S9" in vague.items[3].explanation
    other_target = gs.smart_check("By the end of the unit 60% will score 70% on S1.", ["S1"], ["S1"], check)
    assert "(70%) is not among them" not in other_target.items[1].explanation  # 70 is in the text
    assert gs.smart_check("By May 60% on S1", ["S1"], ["S1"], gs.check_goal(base(4, 2), 65)).items[1].explanation \
        .endswith("The target in team.yml (65%) is not among them.")
    assert gs.smart_check("Students may improve 5% on S1", ["S1"], ["S1"], None).to_dict()["time_bound"] is False
    assert gs.smart_check("60% on fraction equivalence by June", ["S1"], ["S1"], None).to_dict()["specific"]
    assert not gs.smart_check("60% on the post test by June", ["S1"], ["S1"], None).to_dict()["specific"]
    assert not gs.smart_check("S10 to 60% by June", ["S1"], ["S1"], None).to_dict()["specific"]  # S1 ≠ S10


def test_save_goal_keeps_previous_and_other_keys(data_dir: Path):
    team_dir = data_dir / "teams" / "t1"
    before = (team_dir / "team.yml").read_bytes()
    saved = gs.save_goal(team_dir, {"statement": "By June, 80% on S1.", "target_pct_proficient": 80.0,
                                    "standards": ["S1", " "]}, now=dt.datetime(2026, 1, 2, 3, 4, 5, 6))
    assert saved.previous == team_dir / "responses" / "goal_setter" / "team.20260102T030405000006Z.yml"
    assert saved.previous.read_bytes() == before
    after = yaml.safe_load((team_dir / "team.yml").read_text(encoding="utf-8"))
    assert after["goal"] == {**GOAL, "statement": "By June, 80% on S1.", "target_pct_proficient": 80,
                             "standards": ["S1"]}
    assert {k: v for k, v in after.items() if k != "goal"} == {k: v for k, v in TEAM_YML.items() if k != "goal"}
    assert list(after) == list(yaml.safe_load(before))  # key order of the file kept
    assert load_team(data_dir, "t1").config.goal.target_pct_proficient == 80  # still passes the contract
    again = gs.save_goal(team_dir, {"target_pct_proficient": 85}, now=dt.datetime(2026, 1, 2, 3, 4, 5, 6))
    assert again.previous != saved.previous and again.previous.read_bytes() != before  # nothing overwritten


def test_save_goal_refuses_an_invalid_goal(data_dir: Path):
    team_dir = data_dir / "teams" / "t1"
    before = (team_dir / "team.yml").read_bytes()
    with pytest.raises(CaptureError, match="target_pct_proficient"):
        gs.save_goal(team_dir, {"target_pct_proficient": 150})
    assert (team_dir / "team.yml").read_bytes() == before
    assert not (team_dir / "responses").exists()


def test_save_goal_is_atomic(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    team_dir = data_dir / "teams" / "t1"
    before = (team_dir / "team.yml").read_bytes()
    real_replace = os.replace

    def failing_replace(src, dst):  # the backup goes through; replacing team.yml fails
        if Path(dst).name == "team.yml":
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(DataDriverError, match="disk is full"):
        gs.save_goal(team_dir, {"target_pct_proficient": 80})
    assert (team_dir / "team.yml").read_bytes() == before
    assert [p.name for p in team_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_builder_updates_live_and_writes_only_on_save(data_dir: Path):
    report = open_report(data_dir, "t1", "team")
    team_yml = data_dir / "teams" / "t1" / "team.yml"
    before = team_yml.read_bytes()
    saved = []
    box = gs.goal_builder(report, on_saved=saved.append)
    assert "reachable" in box.check.value
    box.controls["target"].value = 90  # ceil(3.6) = 4: both below must cross
    assert "out of reach" in box.check.value
    box.controls["statement"].value = "<script>x</script> better"
    assert "<script>" not in box.check.value and "time_bound</b>: not yet" in box.check.value
    assert team_yml.read_bytes() == before  # nothing written yet
    box.controls["save"].click()
    assert "previous version is kept" in box.status.value and len(saved) == 1
    assert yaml.safe_load(team_yml.read_text(encoding="utf-8"))["goal"]["target_pct_proficient"] == 90
    box.controls["cut"].value = 0.5  # clamped to the minimum of 1 by the widget
    box.controls["target"].value = 100
    box.controls["standards"].value = ()
    box.controls["save"].click()
    assert "Not saved" in box.status.value  # a goal needs a standard


def test_summary_team_and_small_group(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    summary = gs.publish_goal_setter(open_report(data_dir, "t1", "team", tmp_path / "sum"))
    written = json.loads((tmp_path / "sum" / "goal_setter.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(summary))
    assert {k: written[k] for k in ("baseline_pct_proficient", "n_baseline", "target_pct_proficient",
                                    "students_to_cross", "status")} == {
        "baseline_pct_proficient": 50.0, "n_baseline": 4, "target_pct_proficient": 70.0,
        "students_to_cross": 1, "status": "reachable"}
    assert written["smart"]["time_bound"] is True
    public = gs.goal_setter_summary(open_report(data_dir, "t1", "public"))  # 4 students < 10
    assert public["suppressed"] and public["n_baseline"] is None and public["status"] is None
    monkeypatch.setattr(report_module, "display", lambda obj: None)
    monkeypatch.setattr(gs, "display", lambda obj: None)
    for audience in ("team", "public"):
        report = open_report(data_dir, "t1", audience)
        for show in (gs.show_goal, gs.show_baseline_check, gs.show_smart, gs.show_baseline_chart):
            show(report)


def test_no_goal_in_team_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    no_goal = {k: v for k, v in TEAM.items() if k != "goal"}
    write_team(tmp_path / "d", {"students.csv": STUDENTS, "assessments.csv": ASSESSMENTS}, team=no_goal,
               district=DISTRICT)
    report = open_report(tmp_path / "d", "t1", "team")
    assert gs.goal_setter_summary(report)["status"] is None
    box = gs.goal_builder(report)
    assert box.controls["statement"].value == ""


def test_baseline_figure():
    import pandas as pd

    figure = gs.baseline_figure(pd.Series([50.0, 70.0, 90.0, 30.0]), base(4, 2), 70)
    assert len(figure.axes) == 2
    assert len(gs.baseline_figure(None, base(4, 2), 70, "≥95%").axes) == 1


def test_builder_is_not_built_beyond_the_team(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    shown: list[object] = []
    monkeypatch.setattr(report_module, "display", shown.append)
    monkeypatch.setattr(gs, "display", shown.append)
    assert gs.show_goal_builder(open_report(data_dir, "t1", "public")) is None
    assert not any(hasattr(obj, "controls") for obj in shown)
    assert gs.show_goal_builder(open_report(data_dir, "t1", "team")) is not None
