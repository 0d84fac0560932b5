"""Sample teacher-leadership records: cycles, tool data, visits, plans, discussions, artifacts.

The stories (each checked in tests/sample/test_sample_teacher_leadership.py and tests/leadership/):

* **maple-elementary-g3, Jasmine Ortiz** finishes both of her Student Learning Reflection
  Cycles and improves (42% → 71% of spoken answers citing the text, same question kept because
  cycle 1 did not satisfy her); grows a learning group of 12 -- four blue dots (Ben Carter,
  Mei Chen, Tariq Haddad, Lucia Flores), then eight yellow dots -- whose eight reflection
  sheets rise by 19 points on average; gives the culture survey in 2025-09 and 2026-03; holds
  meetings of the groups of 5 and 13.  She has not written her presentation synopsis yet.
* **river-middle-g7-math, Daniel Brooks** is midway: cycle 1 done and not satisfying, cycle 2
  planned with the same question in a workshop (a live capture under ``responses/``) but not
  yet run; two of three question sets for Aisha Rahman; three peer-survey respondents, one
  short of four; one facilitation video.
* **cedar-elementary-k2, Grace Kim** completes two cycles but changes the question although
  cycle 1 did not satisfy her, and plans a student-voice action that runs past the second
  survey: two rules the notebooks teach.

Every value is written out (no randomness), so the figures in the tests can be checked by
hand; the generator appends nothing to an existing row of any file.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from datadriver_utils.contract.schemas import TABLES
from datadriver_utils.core.paths import atomic_write_text
from datadriver_utils.sample.teacher_leadership_data import (
    ARTIFACT_FILES,
    ARTIFACTS,
    CYCLES,
    LIVE_CYCLES,
    MEETINGS,
    REFLECTIONS,
    SCRIPTS,
    SEATS,
    STUDENT_WORK,
    TALLIES,
    VISITS,
    VOICE_PLANS,
)
from datadriver_utils.sample.teacher_leadership_surveys import survey_rows
from datadriver_utils.workshop.store import ResponseStore

__all__ = ["LEADERSHIP_TEAMS", "leadership_tables", "write_teacher_leadership"]

WriteCsv = Callable[[Path, pd.DataFrame], None]
LEADERSHIP_TEAMS = ("maple-elementary-g3", "river-middle-g7-math", "cedar-elementary-k2")
"""The sample teams with teacher-leadership records (the others show what to start)."""
_SOURCES: dict[str, dict[str, list[tuple[object, ...]]]] = {
    "slrc_cycles": CYCLES, "tallies": TALLIES, "seating_maps": SEATS, "scripts": SCRIPTS,
    "voice_plans": VOICE_PLANS, "student_work": STUDENT_WORK, "visits": VISITS, "meetings": MEETINGS,
    "artifacts": ARTIFACTS, "reflections": REFLECTIONS,
}


def _columns(key: str) -> list[str]:
    return [rule.name for rule in TABLES[key].columns]


def leadership_tables(team_id: str) -> dict[str, pd.DataFrame]:
    """The team's teacher-leadership files, by table key (only the tables it has rows for)."""
    tables = {}
    for key, by_team in _SOURCES.items():
        rows = by_team.get(team_id, [])
        if rows:
            tables[key] = pd.DataFrame(rows, columns=_columns(key))
    return tables


def _append_surveys(team_dir: Path, team_id: str, write_csv: WriteCsv) -> None:
    """Add the team's rows under the new survey keys after the existing rows, byte for byte."""
    responses, items = survey_rows(team_id)
    for name, extra in (("surveys.csv", responses), ("survey_items.csv", items)):
        if extra.empty:
            continue
        path = team_dir / name
        existing = pd.read_csv(path, dtype=str, keep_default_na=False)
        write_csv(path, pd.concat([existing, extra.astype(str).replace("nan", "")], ignore_index=True))


def _fixed(when: dt.datetime) -> dt.datetime:
    return when


def _write_live_capture(team_dir: Path, team_id: str) -> None:
    """A cycle planned in a workshop: saved by the form of notebook 30, not typed in the CSV."""
    for when, row in LIVE_CYCLES.get(team_id, []):
        store = ResponseStore(team_dir, clock=functools.partial(_fixed, when), suffix=lambda: "5a17c0")
        frame = pd.DataFrame([row], columns=_columns("slrc_cycles")).fillna("")
        store.save_table("slrc_cycles", frame.astype(str), session="cycle planning",
                         facilitator="Daniel Brooks")


def write_teacher_leadership(team_dir: Path, team_id: str, write_csv: WriteCsv) -> list[str]:
    """Write the team's teacher-leadership files, artifacts and live captures; append its survey
    rows.  Returns the table keys written (none for a team without a story)."""
    if team_id not in LEADERSHIP_TEAMS:
        return []
    tables = leadership_tables(team_id)
    for key, frame in tables.items():
        write_csv(team_dir / TABLES[key].file, frame)
    for name, text in ARTIFACT_FILES.get(team_id, {}).items():
        (team_dir / "artifacts").mkdir(exist_ok=True)
        atomic_write_text(team_dir / "artifacts" / name, text)
    _append_surveys(team_dir, team_id, write_csv)
    _write_live_capture(team_dir, team_id)
    return sorted(tables)

