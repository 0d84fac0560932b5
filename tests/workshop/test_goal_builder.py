"""The live goal builder: the check redraws as fields change; Save writes team.yml and keeps the old one."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml

from datadriver_utils.contract.team import load_team
from datadriver_utils.errors import CaptureError, DataDriverError
from datadriver_utils.workshop.goal_builder import goal_builder, save_goal
from tests import goal_data
from tests.goal_data import GOAL, TEAM_YML

data_dir = goal_data.data_dir  # the shared fixture


def test_save_goal_keeps_previous_and_other_keys(data_dir: Path):
    team_dir = data_dir / "teams" / "t1"
    before = (team_dir / "team.yml").read_bytes()
    saved = save_goal(team_dir, {"statement": "By June, 80% on S1.", "target_pct_proficient": 80.0,
                                 "standards": ["S1", " "]}, now=dt.datetime(2026, 1, 2, 3, 4, 5, 6))
    assert saved.previous == team_dir / "responses" / "goal_setter" / "team.20260102T030405000006Z.yml"
    assert saved.previous.read_bytes() == before
    after = yaml.safe_load((team_dir / "team.yml").read_text(encoding="utf-8"))
    assert after["goal"] == {**GOAL, "statement": "By June, 80% on S1.", "target_pct_proficient": 80,
                             "standards": ["S1"]}
    assert {k: v for k, v in after.items() if k != "goal"} == {k: v for k, v in TEAM_YML.items() if k != "goal"}
    assert list(after) == list(yaml.safe_load(before))  # key order of the file kept
    assert load_team(data_dir, "t1").config.goal.target_pct_proficient == 80  # still passes the contract
    again = save_goal(team_dir, {"target_pct_proficient": 85}, now=dt.datetime(2026, 1, 2, 3, 4, 5, 6))
    assert again.previous != saved.previous and again.previous.read_bytes() != before  # nothing overwritten


def test_save_goal_refuses_an_invalid_goal(data_dir: Path):
    team_dir = data_dir / "teams" / "t1"
    before = (team_dir / "team.yml").read_bytes()
    with pytest.raises(CaptureError, match="target_pct_proficient"):
        save_goal(team_dir, {"target_pct_proficient": 150})
    assert (team_dir / "team.yml").read_bytes() == before
    assert not (team_dir / "responses").exists()


def test_save_goal_refuses_a_team_yml_it_cannot_read(data_dir: Path):
    team_yml = data_dir / "teams" / "t1" / "team.yml"
    team_yml.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(CaptureError, match="does not hold named fields"):
        save_goal(team_yml.parent, {"target_pct_proficient": 80})
    team_yml.write_text("goal: [unclosed\n", encoding="utf-8")
    with pytest.raises(CaptureError, match="could not be read as YAML"):
        save_goal(team_yml.parent, {"target_pct_proficient": 80})


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
        save_goal(team_dir, {"target_pct_proficient": 80})
    assert (team_dir / "team.yml").read_bytes() == before
    assert [p.name for p in team_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_builder_updates_live_and_writes_only_on_save(data_dir: Path):
    team = load_team(data_dir, "t1")
    team_yml = data_dir / "teams" / "t1" / "team.yml"
    before = team_yml.read_bytes()
    saved = []
    box = goal_builder(team.assessments, team.team_dir, team.config.goal, on_saved=saved.append)
    assert "reachable" in box.check.value
    box.controls["target"].value = 90  # ceil(3.6) = 4: both below must cross
    assert "out of reach" in box.check.value
    box.controls["statement"].value = "<script>x</script> better"
    assert "<script>" not in box.check.value and "time_bound</b>: no" in box.check.value
    assert team_yml.read_bytes() == before  # nothing written yet
    box.controls["save"].click()
    assert "previous version is kept" in box.status.value and len(saved) == 1
    assert yaml.safe_load(team_yml.read_text(encoding="utf-8"))["goal"]["target_pct_proficient"] == 90
    box.controls["cut"].value = 0.5  # clamped to the minimum of 1 by the widget
    box.controls["target"].value = 100
    box.controls["standards"].value = ()
    box.controls["save"].click()
    assert "Not saved" in box.status.value  # a goal needs a standard
    box.controls["cut"].value = 70
    box.controls["standards"].value = ("S1", "S2")  # S1 50%, S2 100% at the cut of 70: 50 points apart
    assert "Pooled standards:</b> The goal pools standards" in box.check.value


def test_builder_without_a_goal_starts_empty(data_dir: Path):
    team = load_team(data_dir, "t1")
    box = goal_builder(team.assessments, team.team_dir, None)
    assert box.controls["statement"].value == "" and box.controls["standards"].value == ()
    assert (box.controls["cut"].value, box.controls["target"].value) == (70.0, 70.0)
    assert set(box.controls["standards"].options) == {"S1", "S2"}  # every assessed standard to choose from
