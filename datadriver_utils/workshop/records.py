"""A teacher-leadership table as the notebooks read it: the team's file and the records captured live.

A teacher keeps her Student Learning Reflection Cycles in ``slrc_cycles.csv``, or types a
cycle into the form of notebook 30 in a workshop; the form saves it under
``responses/slrc_cycles/`` (a new file each time, :class:`~datadriver_utils.workshop.store.ResponseStore`).
Both count.  :func:`team_records` reads them as one table:

* the file's rows first, then every captured record in the order it was saved;
* where the table has a key (``teacher, cycle`` for cycles) a later record replaces an earlier
  one with the same key, so a cycle captured in the workshop updates the row typed in Excel,
  and saving a corrected cycle again replaces the first capture;
* each captured save is checked against the contract like the file
  (:func:`~datadriver_utils.contract.captured.check_rows`, as for the rows of notebooks 06 and 21); a save that breaks it is left out and
  its problems are returned, naming ``responses/<table>/<file>``, row and column.

No IPython here: the command line (``datadriver portfolio``) reads records the same way.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pandas as pd

from datadriver_utils.contract.captured import check_rows
from datadriver_utils.contract.schemas import TABLES
from datadriver_utils.contract.teacher_leadership import TEACHER_LEADERSHIP_TABLES
from datadriver_utils.contract.team import TeamData
from datadriver_utils.errors import CaptureError, Problem
from datadriver_utils.privacy.rules import rules_for
from datadriver_utils.stats.evidence_rules import EvidenceInputs
from datadriver_utils.workshop.store import RESPONSES_DIR, ResponseStore

__all__ = ["SOURCE_COLUMN", "Records", "captured_rows", "evidence_inputs", "team_records"]

SOURCE_COLUMN = "_source"
"""Where a row came from: the file's name, or ``captured <date>`` (bookkeeping: never shown)."""


@dataclass
class Records:
    """The rows of one table (file and captures merged) and the captures that were left out."""

    key: str
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.frame.empty

    @property
    def n_captured(self) -> int:
        return int(self.frame[SOURCE_COLUMN].str.startswith("captured").sum()) if not self.frame.empty else 0


def captured_rows(team: TeamData, key: str) -> tuple[list[pd.DataFrame], list[Problem]]:
    """Every save of ``key`` under ``responses/``, oldest first, parsed by the contract."""
    store = ResponseStore(team.team_dir)
    spec = TABLES[key]
    frames: list[pd.DataFrame] = []
    problems: list[Problem] = []
    try:
        saves = store.history(key)
    except CaptureError as error:
        return [], [Problem(f"{RESPONSES_DIR}/{key}", str(error))]
    for saved in saves:
        label = f"{RESPONSES_DIR}/{key}/{saved.path.name}"
        try:
            data = store.load(saved)
        except CaptureError as error:
            problems.append(Problem(label, str(error)))
            continue
        if not isinstance(data, pd.DataFrame):
            problems.append(Problem(label, f"expected a table of {spec.file} rows, found a text record."))
            continue
        columns = [rule.name for rule in spec.columns]
        data = data.reindex(columns=[*columns, *(c for c in data.columns if c not in columns)])  # forms save all
        parsed, found = check_rows(spec, data)
        if found or parsed is None:
            problems += [dataclasses.replace(p, file=label) for p in found]
            continue
        frames.append(parsed.assign(**{SOURCE_COLUMN: f"captured {saved.saved_at:%Y-%m-%d}"}))
    return frames, problems


_EMPTY_DTYPES = {"number": "float64", "date": "datetime64[ns]", "flag": "boolean"}


def _empty(key: str) -> pd.DataFrame:
    """No rows, but the contract's columns with the types a parsed file would have."""
    return pd.DataFrame({rule.name: pd.Series(dtype=_EMPTY_DTYPES.get(rule.kind, "object"))
                         for rule in TABLES[key].columns} | {SOURCE_COLUMN: pd.Series(dtype="object")})


def team_records(team: TeamData, key: str) -> Records:
    """The team's ``key`` table: the file's rows and the records captured live, newest per key."""
    spec = TABLES[key]
    columns = [rule.name for rule in spec.columns]
    parts: list[pd.DataFrame] = []
    if team.has(key):
        parts.append(team.table(key).assign(**{SOURCE_COLUMN: spec.file}))
    captured, problems = captured_rows(team, key)
    parts += captured
    if not parts:
        return Records(key, _empty(key), problems)
    frame = pd.concat([p.reindex(columns=[*columns, SOURCE_COLUMN]) for p in parts], ignore_index=True)
    if spec.unique_by:
        frame = frame.drop_duplicates(list(spec.unique_by), keep="last")
    return Records(key, frame.reset_index(drop=True), problems)


def evidence_inputs(team: TeamData) -> tuple[EvidenceInputs, list[Problem]]:
    """Everything the credential portfolio reads: the team's tables with the teacher-leadership
    ones merged with their live captures, and the problems of captures that were left out."""
    tables = dict(team.tables)
    problems: list[Problem] = []
    for key in TEACHER_LEADERSHIP_TABLES:
        records = team_records(team, key)
        problems += records.problems
        if not records.empty:
            tables[key] = records.frame.drop(columns=SOURCE_COLUMN)
    return EvidenceInputs(tables, team.config, rules_for(team.district).min_group_size), problems
