"""Change one of a team's files and the answers of the exercises that read it change with it.

Each case edits River's copy of one file the way a team's next export might (a run chart that
climbs after the change, a lower goal target, trainings completed, shorter feedback notes, a
peer survey few colleagues answered, a look-for no visit saw, second cycles written up, an action
that runs past the second survey) and names the exercises
whose answer must move.  An exercise that kept a hard-coded answer would fail here.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import yaml

import datadriver_utils as dd
from datadriver_utils.training import all_exercises
from datadriver_utils.training.practice import solved
from tests.conftest import SAMPLE_AS_OF, SAMPLE_DATA

TEAM = "river-middle-g7-math"
EXERCISES = {e.id: e for group in all_exercises().values() for e in group}


def _csv(team_dir: Path, name: str, edit: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
    path = team_dir / name
    edit(pd.read_csv(path, dtype=str, keep_default_na=False)).to_csv(path, index=False)


def _run_chart_climbs(team_dir: Path) -> None:
    def climb(rows: pd.DataFrame) -> pd.DataFrame:
        after = rows["date"] >= "2025-11-04"
        rows.loc[after, "value"] = (rows.loc[after, "value"].astype(float) + 15).round(1).astype(str)
        return rows
    _csv(team_dir, "run_chart.csv", climb)


def _lower_target(team_dir: Path) -> None:
    path = team_dir / "team.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["goal"]["target_pct_proficient"] = 50
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def _trainings_done(team_dir: Path) -> None:
    _csv(team_dir, "trainings.csv", lambda rows: rows.assign(
        completed_on=rows["completed_on"].where(rows["completed_on"] != "", rows["due"])))


def _short_feedback(team_dir: Path) -> None:
    _csv(team_dir, "feedback_log.csv", lambda rows: rows.assign(feedback="Try the correction step tomorrow."))


def _few_peers(team_dir: Path) -> None:
    def few(rows: pd.DataFrame) -> pd.DataFrame:
        peers = rows["survey"] == "peer_feedback"
        keep = rows.loc[peers, "respondent"].drop_duplicates().head(2)
        return rows[~peers | rows["respondent"].isin(keep)]
    _csv(team_dir, "surveys.csv", few)


def _another_lookfor_unseen(team_dir: Path) -> None:
    other = "Students explain how they know, not only the answer"
    _csv(team_dir, "walkthroughs.csv", lambda rows: rows.assign(
        seen=rows["seen"].where(rows["look_for"] != other, "no")))



def _latest_month_sees_all(team_dir: Path) -> None:
    def seen(rows: pd.DataFrame) -> pd.DataFrame:
        latest = rows["date"].str[:7] == rows["date"].str[:7].max()
        return rows.assign(seen=rows["seen"].where(~latest, "yes"))
    _csv(team_dir, "walkthroughs.csv", seen)


def _second_cycles_written(team_dir: Path) -> None:
    def written(rows: pd.DataFrame) -> pd.DataFrame:
        second = rows["cycle"] == "2"
        rows.loc[second, "student_learning_data"] = "14 of 30 students drew a model first."
        rows.loc[second, "considerations"] = "More students modelled after the daily routine."
        rows.loc[second, "next_steps"] = "Keep the routine; ask students to choose the model."
        rows.loc[second, "result_pct"] = "47"
        return rows
    _csv(team_dir, "slrc_cycles.csv", written)


def _action_runs_past_the_survey(team_dir: Path) -> None:
    _csv(team_dir, "voice_plans.csv", lambda rows: rows.assign(end="2026-02-06"))


CASES = {
    "run chart climbs after the change": (_run_chart_climbs, {"14.1", "14.3", "14.4", "14.5", "14.6", "14.7"}),
    "goal target lowered": (_lower_target, {"13.2", "13.3", "13.4"}),
    "overdue trainings completed": (_trainings_done, {"06.4"}),
    "feedback notes shortened": (_short_feedback, {"21.4"}),
    "peer survey answered by two": (_few_peers, {"15.2"}),
    "another look-for never seen": (_another_lookfor_unseen, {"21.5"}),
    "every look-for seen in the latest month": (_latest_month_sees_all, {"21.3"}),
    "second cycles written up": (_second_cycles_written, {"30.1", "40.3"}),
    "the action runs past the second survey": (_action_runs_past_the_survey, {"33.1"}),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_answers_follow_the_file_they_read(case: str, tmp_path: Path) -> None:
    edit, expected = CASES[case]
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    edit(data / "teams" / TEAM)
    before, after = dd.open_report(SAMPLE_DATA, TEAM, as_of=SAMPLE_AS_OF), dd.open_report(data, TEAM, as_of=SAMPLE_AS_OF)
    for exercise_id in sorted(expected):
        exercise = EXERCISES[exercise_id]
        old, new = solved(before, exercise), solved(after, exercise)
        assert old is not None and new is not None, exercise_id
        assert old.answer != new.answer, f"{exercise_id} kept {old.answer!r} after: {case}"
