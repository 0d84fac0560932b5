"""What an import would write, before it writes anything: the plan a preview shows and a run carries out.

Sources add rows to a :class:`PlanBuilder` with the file and spreadsheet row each came from
(``_file``, ``_row``), and say why any input row cannot be used. :meth:`PlanBuilder.finish` then
applies the rules every source shares:

* **one row per student**: a student seen on several vendor rows (one per test, one per term)
  becomes one students.csv row; the grade is the one on the latest record (by date, then file
  order), and a student whose records disagree on the grade is reported;
* **one row per key**: an assessment row repeating an earlier one's student, window, standard
  (and item) is reported and left out;
* **every score has a student**: a score whose student has no usable roster row is reported;
* **windows in time order** (:func:`~datadriver_utils.contract.windows.order_windows`).
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import pandas as pd

from datadriver_utils.contract.schemas import TABLES
from datadriver_utils.contract.windows import order_windows
from datadriver_utils.errors import Problem
from datadriver_utils.importers.inputs import InputTable
from datadriver_utils.importers.mapping import TeamDefaults

__all__ = ["ImportPlan", "PlanBuilder", "ASSESSMENT_COLUMNS", "STUDENT_COLUMNS", "PROVENANCE"]

PROVENANCE = ["_file", "_row"]
STUDENT_COLUMNS = ["student_id", "grade", "ell", "sped", "frl", "gender", "race_ethnicity", "section"]
ASSESSMENT_COLUMNS = ["student_id", "window", "standard", "points", "points_possible", "score_type", "assessment",
                      "item_id", "date", "response", "key"]
_ALWAYS = {"students": STUDENT_COLUMNS[:2], "assessments": ASSESSMENT_COLUMNS[:6]}
_MAX_LISTED = 200


@dataclass
class ImportPlan:
    """The contract tables an import would write, and everything a person should know about them."""

    source: str
    title: str
    files: list[str]
    tables: dict[str, pd.DataFrame]
    windows: list[str]
    """Assessment windows, in time order (these go into team.yml)."""
    unusable: list[Problem] = field(default_factory=list)
    grade_conflicts: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    team_defaults: TeamDefaults = field(default_factory=TeamDefaults)
    rows_read: dict[str, int] = field(default_factory=dict)
    secret_files: dict[str, bytes] = field(default_factory=dict)
    """Files the team folder needs beside the tables (the survey respondent key), by relative path."""
    administrations: list[str] = field(default_factory=list)
    """Survey administrations, in time order."""

    def count(self, table: str, column: str | None = None) -> int:
        """Rows of a table, or distinct values of one of its columns (0 when absent)."""
        frame = self.tables.get(table)
        if frame is None:
            return 0
        if column is None:
            return len(frame)
        return int(frame[column].nunique()) if column in frame else 0

    def distinct(self, table: str, column: str) -> list[str]:
        """Distinct values of a column in first-seen order."""
        frame = self.tables.get(table)
        if frame is None or column not in frame:
            return []
        return list(dict.fromkeys(frame[column].dropna().astype(str)))


def _text(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The columns present, in contract order, as text ("" never: missing stays missing)."""
    present = [c for c in columns if c in frame]
    return frame[present].reset_index(drop=True)


class PlanBuilder:
    """Collects a source's rows and reasons, then applies the shared rules (module docstring)."""

    def __init__(self, source: str, title: str, files: list[str]) -> None:
        self.source, self.title, self.files = source, title, files
        self.students: list[pd.DataFrame] = []
        self.scores: list[pd.DataFrame] = []
        self.extra_tables: dict[str, pd.DataFrame] = {}
        self.unusable: list[Problem] = []
        self.notes: list[str] = []
        self.rows_read: dict[str, int] = {}
        self.team_defaults = TeamDefaults()
        self.secret_files: dict[str, bytes] = {}

    def skip(self, file: str, row: int | None, reason: str, column: str | None = None, value: object = None) -> None:
        """An input row (or cell) that cannot be used, and why."""
        shown = None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
        self.unusable.append(Problem(file, reason, row=row, column=column, value=shown))

    def skip_at(self, table: InputTable, row: int | None, reason: str, column: str | None = None,
                value: object = None) -> None:
        """:meth:`skip` for a row of an input file, naming the column as the file types it."""
        self.skip(table.label, row, reason, column=None if column is None else table.typed(column), value=value)

    def note(self, text: str) -> None:
        """A rule the import applied that a person should know about."""
        if text not in self.notes:
            self.notes.append(text)

    def keep_one(self, frame: pd.DataFrame, keys: list[str], order: list[str], ascending: list[bool],
                 rule: str) -> pd.DataFrame:
        """One row per ``keys``: the first after sorting by ``order``; every other row is reported."""
        if frame.empty:
            return frame
        ranked = frame.sort_values([*order, "_row"], ascending=[*ascending, True], na_position="last", kind="stable")
        repeats = ranked.duplicated(keys, keep="first")
        if repeats.any():
            kept = ranked[~repeats].set_index(keys)[["_file", "_row"]]
            for _, row in ranked[repeats].iterrows():
                first = kept.loc[tuple(row[k] for k in keys)] if len(keys) > 1 else kept.loc[row[keys[0]]]
                self.skip(str(row["_file"]), int(row["_row"]),
                          f"another test of the same student in the same window: not used ({rule}; "
                          f"kept {first['_file']} row {int(first['_row'])}).")
            self.note(f"Retests: {int(repeats.sum())} extra test(s) in a window left out; rule: {rule}.")
        return ranked[~repeats].sort_values(["_file", "_row"], kind="stable")

    # ---------------------------------------------------------------- finishing
    def _roster(self) -> tuple[pd.DataFrame | None, dict[str, Problem]]:
        if not self.students:
            return None, {}
        rows = pd.concat(self.students, ignore_index=True)
        rows = rows.assign(_order=range(len(rows)))
        rows["_when"] = pd.to_datetime(rows["_date"], errors="coerce") if "_date" in rows else pd.NaT
        latest_first = rows.sort_values(["_when", "_order"], ascending=[False, False], na_position="last")
        columns = [c for c in STUDENT_COLUMNS if c in rows and c != "student_id"]
        roster = latest_first.groupby("student_id", sort=False)[columns].first().reset_index()
        order = rows.drop_duplicates("student_id")["student_id"]
        roster = roster.set_index("student_id").loc[order].reset_index()
        return roster, self._grade_conflicts(latest_first)

    @staticmethod
    def _grade_conflicts(latest_first: pd.DataFrame) -> dict[str, Problem]:
        problems: dict[str, Problem] = {}
        grades = latest_first.dropna(subset=["grade"])
        for student, group in grades.groupby("student_id", sort=False):
            if group["grade"].nunique() < 2:
                continue
            kept = group.iloc[0]
            other = group[group["grade"] != kept["grade"]].iloc[0]
            problems[str(student)] = (Problem(
                str(kept["_file"]), f"student {student} has grade {kept['grade']} here but grade {other['grade']} in "
                f"{other['_file']} row {int(other['_row'])}: students.csv gets grade {kept['grade']} (the latest "
                "record). Check the student's grade in your student information system.",
                row=int(kept["_row"]), column="grade", value=str(kept["grade"])))
        return problems

    def _assessments(self, roster_ids: set[str] | None) -> pd.DataFrame | None:
        if not self.scores:
            return None
        rows = pd.concat(self.scores, ignore_index=True)
        if roster_ids is not None:
            lost = ~rows["student_id"].isin(roster_ids)
            for _, row in rows[lost].drop_duplicates("student_id").iterrows():
                self.skip(str(row["_file"]), int(row["_row"]), "this student's scores were left out: the student has "
                          "no usable roster row (see the reason given for that row), so the check would refuse them.",
                          column="student_id", value=row["student_id"])
            rows = rows[~lost]
        keys = [k for k in TABLES["assessments"].unique_by if k in rows]
        filled = rows[keys].astype("string").fillna("")
        repeats = filled.duplicated(keep="first")
        for _, row in rows[repeats].head(_MAX_LISTED).iterrows():
            self.skip(str(row["_file"]), int(row["_row"]), "this would repeat a row already imported (the same student, "
                      "window, standard and item): left out. Two files of the same test, or two subjects under one name?")
        return rows[~repeats]

    def finish(self, team_windows: Sequence[str] | None = None,
               known_students: AbstractSet[str] | None = None) -> ImportPlan:
        """The plan: shared rules applied, windows ordered, provenance columns dropped."""
        roster, conflicts = self._roster()
        if roster is not None and self.scores:
            scored = set(pd.concat(self.scores, ignore_index=True)["student_id"])
            unscored = ~roster["student_id"].isin(scored)
            if unscored.any():
                self.note(f"{int(unscored.sum())} student(s) of the roster file have no imported score and were left "
                          "out of students.csv (a roster file lists the whole school).")
                roster = roster[~unscored]
                conflicts = {s: p for s, p in conflicts.items() if s in scored}
        ids = None if roster is None else set(roster["student_id"]) | (known_students or set())
        scores = self._assessments(ids if roster is not None or known_students is not None else None)
        tables: dict[str, pd.DataFrame] = {}
        if roster is not None:
            tables["students"] = _text(roster, STUDENT_COLUMNS)
        windows: list[str] = []
        administrations: list[str] = []
        if scores is not None:
            dates = pd.to_datetime(scores["date"], errors="coerce") if "date" in scores else None
            first_dates = {} if dates is None else dates.groupby(scores["window"]).min().to_dict()
            windows = order_windows(scores["window"], team_windows, first_dates)
            tables["assessments"] = _text(scores, ASSESSMENT_COLUMNS)
        for key, frame in self.extra_tables.items():
            tables[key] = frame.drop(columns=[c for c in PROVENANCE if c in frame]).reset_index(drop=True)
            if "administration" in frame:
                administrations = order_windows(frame["administration"])
        for key, frame in tables.items():
            empty = [c for c in frame.columns if c not in _ALWAYS.get(key, frame.columns) and frame[c].isna().all()]
            tables[key] = frame.drop(columns=empty)
        self.unusable.sort(key=lambda p: (p.file, p.row or 0))
        return ImportPlan(self.source, self.title, self.files, tables, windows, self.unusable, list(conflicts.values()),
                          self.notes, self.team_defaults, self.rows_read, self.secret_files, administrations)
