"""The sample's teacher-leadership records: new files only, nothing else moves.

The district is generated twice -- with and without the teacher-leadership step -- and every file
of the second must be in the first byte for byte, except surveys.csv and survey_items.csv, which
may only gain rows under the new survey keys (after the team's own rows, before notebook 21's
belonging survey, which is appended last).  The committed sample must
be what the generator writes.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pandas as pd
import pytest

from datadriver_utils.sample import generator
from datadriver_utils.sample.teacher_leadership import LEADERSHIP_TEAMS
from tests.conftest import SAMPLE_DATA

SEED = 2026
NEW_KEYS = {"peer_impact", "group_culture", "group_confidence"}


@pytest.fixture(scope="module")
def districts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    with_leadership = generator.generate_district(tmp_path_factory.mktemp("with"), SEED)
    patch = pytest.MonkeyPatch()
    patch.setattr(generator, "write_teacher_leadership", lambda *args: [])
    try:
        without = generator.generate_district(tmp_path_factory.mktemp("without"), SEED)
    finally:
        patch.undo()
    return with_leadership, without


def test_existing_files_are_unchanged_and_surveys_only_gain_rows(districts: tuple[Path, Path]) -> None:
    with_leadership, without = districts
    for old in (p for p in without.rglob("*") if p.is_file()):
        new = with_leadership / old.relative_to(without)
        if old.name in ("surveys.csv", "survey_items.csv"):  # the same lines, with the new keys' rows added
            lines = new.read_text(encoding="utf-8").splitlines(keepends=True)
            kept = [line for line in lines if line.split(",", 1)[0] not in NEW_KEYS]
            assert "".join(kept) == old.read_text(encoding="utf-8"), new
            assert len(kept) < len(lines) or new.parent.name not in LEADERSHIP_TEAMS[:2]
        elif "templates" not in old.parts:
            assert filecmp.cmp(old, new, shallow=False), new


def test_the_committed_sample_is_what_the_generator_writes(districts: tuple[Path, Path]) -> None:
    with_leadership, _ = districts
    generated = sorted(str(p.relative_to(with_leadership)) for p in with_leadership.rglob("*") if p.is_file())
    committed = sorted(str(p.relative_to(SAMPLE_DATA)) for p in SAMPLE_DATA.rglob("*") if p.is_file())
    assert generated == committed
    for name in generated:
        assert filecmp.cmp(with_leadership / name, SAMPLE_DATA / name, shallow=False), name


def test_only_the_story_teams_hold_leadership_files() -> None:
    for team in (p for p in (SAMPLE_DATA / "teams").iterdir() if p.is_dir()):
        has = (team / "slrc_cycles.csv").exists()
        assert has == (team.name in LEADERSHIP_TEAMS), team.name
    river = SAMPLE_DATA / "teams" / "river-middle-g7-math" / "responses" / "slrc_cycles"
    assert len(list(river.glob("*.csv"))) == 1  # Daniel's cycle 2, planned live


def test_the_new_surveys_are_what_the_stories_say() -> None:
    surveys = pd.read_csv(SAMPLE_DATA / "teams" / "maple-elementary-g3" / "surveys.csv", dtype={"response": float})
    respondents = surveys[surveys["survey"].isin(NEW_KEYS)].groupby(["survey", "administration"])["respondent"]
    assert respondents.nunique().to_dict() == {("group_confidence", "2026-06"): 12, ("group_culture", "2025-09"): 12,
                                               ("group_culture", "2026-03"): 11, ("peer_impact", "2026-05"): 6}
    river = pd.read_csv(SAMPLE_DATA / "teams" / "river-middle-g7-math" / "surveys.csv")
    assert river.loc[river["survey"] == "peer_impact", "respondent"].nunique() == 3


def test_the_existing_surveys_read_exactly_as_before() -> None:
    """Notebook 15 scores each survey on its own: with the new keys in the file, the published figures
    of student voice, peer feedback and culture are those of the file without them."""
    from datadriver_utils.contract.team import load_team
    from datadriver_utils.stats.survey_scoring import score_responses
    from datadriver_utils.stats.surveys import (
        administration_status,
        construct_change,
        construct_scores,
        min_respondents_for,
        response_counts,
        survey_summary,
    )

    def published(surveys: pd.DataFrame, items: pd.DataFrame) -> dict:
        minimums = {s: min_respondents_for(s, 10) for s in set(surveys["survey"])}
        admins = administration_status(response_counts(surveys), minimums)
        changes = construct_change(construct_scores(score_responses(surveys, items), minimums))
        return survey_summary(admins, changes)["surveys"]

    for team_id in ("maple-elementary-g3", "river-middle-g7-math"):
        team = load_team(SAMPLE_DATA, team_id)
        surveys, items = team.table("surveys"), team.table("survey_items")
        old = ~surveys["survey"].isin(NEW_KEYS)
        everything = published(surveys, items)
        before = published(surveys[old], items[~items["survey"].isin(NEW_KEYS)])
        assert {k: v for k, v in everything.items() if k not in NEW_KEYS} == before
        assert set(everything) - set(before) <= NEW_KEYS
