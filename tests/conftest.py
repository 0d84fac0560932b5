"""Shared fixtures: small hand-checkable data folders built in tmp_path."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DATA = REPO / "sample_data"
NOTEBOOKS = REPO / "notebooks"
SAMPLE_AS_OF = dt.date(2026, 1, 30)
"""The day the sample district's renders judge dates at: the last day of its cycle (2025-09-15
to 2026-01-30), after the post assessment (2026-01-26), River's key correction (2026-01-28),
River's change action due 2026-01-02 and every team's January meeting."""

DISTRICT = {"name": "Test District", "school_year": "2025-26", "min_group_size": 10}
TEAM = {
    "name": "Test Team",
    "school": "Test School",
    "subject": "Math",
    "grade_levels": [7],
    "goal": {"statement": "70% proficient", "standards": ["S1"], "proficiency_cut_pct": 70, "target_pct_proficient": 50},
    "cycle": {"start": "2025-09-01", "end": "2026-01-31"},
}


def write_team(
    data_dir: Path,
    files: dict[str, str],
    team_id: str = "t1",
    team: dict | None = None,
    district: dict | None = None,
) -> Path:
    """A data folder with one team whose CSV files have the given text."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "district.yml").write_text(yaml.safe_dump(district or DISTRICT), encoding="utf-8")
    team_dir = data_dir / "teams" / team_id
    team_dir.mkdir(parents=True, exist_ok=True)
    (team_dir / "team.yml").write_text(yaml.safe_dump(team or TEAM), encoding="utf-8")
    for name, text in files.items():
        path = team_dir / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return team_dir


STUDENTS_OK = "student_id,grade\n001,7\n002,7\n003,7\n"
ASSESSMENTS_OK = (
    "student_id,window,standard,points,points_possible\n"
    "001,pre,S1,5,10\n001,post,S1,8,10\n"
    "002,pre,S1,6,10\n002,post,S1,7,10\n"
    "003,pre,S1,7,10\n"
)


@pytest.fixture
def make_team(tmp_path: Path) -> Callable[..., Path]:
    def _make(files: dict[str, str] | None = None, **kwargs: object) -> Path:
        base = {"students.csv": STUDENTS_OK, "assessments.csv": ASSESSMENTS_OK}
        base.update(files or {})
        write_team(tmp_path / "data", base, **kwargs)  # type: ignore[arg-type]
        return tmp_path / "data"
    return _make


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the committed sample district."""
    target = tmp_path / "sample_data"
    shutil.copytree(SAMPLE_DATA, target)
    return target
