"""The sample records of notebooks 06 and 21: reproducible, additive, and telling their stories.

The committed ``sample_data/`` is the seed-2026 district; these tests read it (the stories) and rebuild
one team's records from its other files (reproducible, and nothing else changes).
"""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from datadriver_utils.core.paths import atomic_write_text
from datadriver_utils.notebook.report import open_report
from datadriver_utils.sample.generator import DEFAULT_SEED, write_csv
from datadriver_utils.sample.leadership import write_team_leadership
from datadriver_utils.sample.profiles import TEAMS
from datadriver_utils.stats.trainings import training_status
from datadriver_utils.strands import leadership_moves as moves
from datadriver_utils.toolkit import assessment_literacy as literacy
from datadriver_utils.toolkit import vision
from tests.conftest import SAMPLE_DATA

NEW_FILES = ("trainings.csv", "benchmark_links.csv", "walkthroughs.csv", "feedback_log.csv")


def _team(team_id: str) -> Path:
    return SAMPLE_DATA / "teams" / team_id


def _before_leadership(folder: Path) -> None:
    """Put a copy of a team folder back as it was before its records for 06 and 21 were added."""
    for name in NEW_FILES:
        (folder / name).unlink()
    shutil.rmtree(folder / "responses" / "meeting_minutes")
    for name in ("surveys.csv", "survey_items.csv"):
        lines = (folder / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / name).write_text("".join(line for line in lines if not line.startswith("belonging,")),
                                   encoding="utf-8")


@pytest.mark.parametrize("number", [1, 3])  # maple, river
def test_records_are_reproducible_and_only_added(tmp_path: Path, number: int) -> None:
    profile = TEAMS[number]
    folder = tmp_path / profile.team_id
    shutil.copytree(_team(profile.team_id), folder)
    _before_leadership(folder)
    before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    rng = np.random.default_rng([DEFAULT_SEED, zlib.crc32(profile.team_id.encode()), 21, number])
    write_team_leadership(folder, profile, rng, write_csv, atomic_write_text)
    for path, data in before.items():
        now = (folder / path).read_bytes()
        if path.name in ("surveys.csv", "survey_items.csv"):
            assert now.startswith(data) and len(now) > len(data), path  # rows appended after the last line
        else:
            assert now == data, path
    for path in folder.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (_team(profile.team_id) / path.relative_to(folder)).read_bytes(), path


def test_oak_has_none_of_them() -> None:
    oak = _team("oak-middle-science")
    assert sorted(p.name for p in oak.iterdir()) == ["assessments.csv", "students.csv", "team.yml"]


def _judged(team_id: str) -> pd.DataFrame:
    trainings = pd.read_csv(_team(team_id) / "trainings.csv", dtype=str, keep_default_na=False, na_values=[""])
    return training_status(trainings, pd.Timestamp("2026-01-30"))


def test_training_stories() -> None:
    overdue = {t: sorted(_judged(t).loc[lambda f: f["status"] == "overdue", "person"])
               for t in ("district-data-team", "maple-elementary-g3", "cedar-elementary-k2", "river-middle-g7-math",
                         "summit-high-algebra")}
    assert overdue == {"district-data-team": ["Lena Fischer", "Marcus Bell"], "maple-elementary-g3": [],
                       "cedar-elementary-k2": ["Hannah Price", "Luis Romero"],
                       "river-middle-g7-math": ["Kevin O'Neil", "Rosa Delgado"], "summit-high-algebra": []}
    district = _judged("district-data-team")
    assert set(district.loc[district["status"] == "overdue", "training"]) == {
        "Student data privacy and small-group suppression"}  # the two behind the list sent to the board
    assert (_judged("summit-high-algebra")["status"] == "due soon").sum() == 4


def test_one_pager_stories() -> None:
    verdicts = {t: moves.one_pager(open_report(SAMPLE_DATA, t, "team", None)).value["verdict"].tolist()
                for t in ("river-middle-g7-math", "district-data-team", "maple-elementary-g3")}
    assert verdicts["river-middle-g7-math"] == ["no clear change"]
    assert verdicts["district-data-team"] == ["rose with the other standards", "rose more than the other standards",
                                              "rose more than the other standards"]
    assert verdicts["maple-elementary-g3"] == ["rose with the other standards"]


def test_look_fors_belonging_and_feedback_stories() -> None:
    def beside(team_id: str) -> pd.DataFrame:
        return moves.belonging(open_report(SAMPLE_DATA, team_id, "team", None)).value

    maple, river, cedar = beside("maple-elementary-g3"), beside("river-middle-g7-math"), beside("cedar-elementary-k2")
    assert maple["pct_seen"].round(1).tolist() == [33.3, 50.0, 66.7, 91.7]
    assert maple["belonging_pct_favourable"].dropna().round(1).tolist() == [39.3, 68.1, 93.9]
    assert river["pct_seen"].round(1).tolist() == [41.7] * 4  # flat
    assert river["belonging_pct_favourable"].dropna().round(1).tolist() == [57.3, 54.3, 58.3]
    assert cedar.set_index("month").loc["2025-12", "belonging_status"] == "too few responses"
    feedback = moves.summary(open_report(SAMPLE_DATA, "river-middle-g7-math", "team", None)).feedback
    assert feedback is not None and feedback.n_entries == 6 and feedback.pct_bite_size == pytest.approx(200 / 3)


def test_glossary_and_minutes_on_every_sample_team() -> None:
    for team in TEAMS:
        report = open_report(SAMPLE_DATA, team.team_id, "team", None)
        assert literacy.summary(report).n_with_example == 19  # every term but the two scale-score ones
        minutes = vision.summary(report).minutes
        assert (minutes is None) == (team.team_id == "oak-middle-science")
