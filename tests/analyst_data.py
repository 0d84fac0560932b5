"""The small hand-checkable team shared by the Data Analyst tests (stats and views)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from datadriver_utils.notebook.report import open_report
from tests.conftest import DISTRICT, write_team

# Four students; post percent correct over S1 + S2 (10 points each):
#   s1: 8 + 6 = 14/20 = 70    s2: 5 + 5 = 50    s3: 10 + 9 = 95    s4: 6 + 7 = 65
STUDENTS = "student_id,grade,section,ell\ns1,7,A,Y\ns2,7,A,N\ns3,7,B,N\ns4,8,B,\n"
ASSESSMENTS = (
    "student_id,window,standard,points,points_possible\n"
    "s1,post,S1,8,10\ns1,post,S2,6,10\ns2,post,S1,5,10\ns2,post,S2,5,10\n"
    "s3,post,S1,10,10\ns3,post,S2,9,10\ns4,post,S1,6,10\ns4,post,S2,7,10\n"
    "s1,pre,S1,5,10\ns2,pre,S1,7,10\ns3,pre,S1,9,10\ns4,pre,S1,3,10\n"
)
# Completion: A = (90 + 100) / 2 = 95, B = 80 (s4 blank); all = 270 / 3 = 90.
# A/B: A, B+ | C, "85" (numeric ≥ 80 counts) -> A 100%, B 50%, all 3/4 = 75%.
PROCESSES = (
    "student_id,section,assignment_completion_pct,course_grade,attendance_pct\n"
    "s1,A,90,A,95\ns2,A,100,B+,90\ns3,B,80,C,100\ns4,B,,85,\n"
)
CUT = 70.0


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    files = {"students.csv": STUDENTS, "assessments.csv": ASSESSMENTS, "processes.csv": PROCESSES}
    write_team(tmp_path / "data", files, district={**DISTRICT, "min_group_size": 2})
    return tmp_path / "data"


@pytest.fixture
def tables(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    team = open_report(data_dir, "t1", "team").team
    return team.assessments, team.students, team.table("processes")


def row(frame: pd.DataFrame, column: str, value: str) -> pd.Series:
    return frame.set_index(column).loc[value]
