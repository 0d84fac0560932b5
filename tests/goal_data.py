"""The small hand-checkable team shared by the Goal Setter tests (stats, chart, builder, views)."""

from __future__ import annotations

from pathlib import Path

import pytest

from datadriver_utils.stats.goals import Baseline
from tests.conftest import TEAM, write_team

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


def base(n: int, n_prof: int, standards: tuple[str, ...] = ("S1",)) -> Baseline:
    """A baseline of ``n`` students, ``n_prof`` of them at or above a cut of 70."""
    return Baseline(list(standards), 70.0, n, n_prof, n_prof / n * 100 if n else None)
