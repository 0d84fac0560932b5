"""The row-level checks of the data-quality audit: which cell or row is wrong, and why.

:mod:`datadriver_utils.stats.quality` scores files from these flags; the formulas and their sources
(DAMA UK 2013; District Data Team Toolkit activity 1.6) are in its docstring. Each check returns
frames of :data:`FLAG_COLUMNS`: the table, its file name, the dimension (``check``), the column,
the spreadsheet row (:func:`datadriver_utils.core.rows.spreadsheet_rows`), the value as typed, the
student id or respondent of the row (``person_id``: for the team audience only) and a message
that says what to fix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from datadriver_utils.contract.schemas import TABLES
from datadriver_utils.core.rows import spreadsheet_rows

__all__ = [
    "BLANK_IS_AN_ANSWER", "FLAG_COLUMNS", "DATED_COLUMNS", "CONSISTENCY_PARTNERS", "file_label", "cell_status",
    "completeness_flags", "uniqueness_flags", "validity_flags", "timeliness_flags", "consistency_flags",
]

BLANK_IS_AN_ANSWER: dict[str, tuple[str, ...]] = {
    "run_chart": ("annotation",), "inventory": ("use",), "dissemination": ("cadence",),
}
"""Columns where a blank means something (no note, no use, released once): not counted."""
BLANK_IS_AN_ANSWER.update({  # notebooks 06 and 21: "not done yet", "the whole assessment", optional details
    "trainings": ("role", "topic", "completed_on", "provider"),
    "benchmark_links": ("standard", "teacher", "observed_on", "cut_score"),
    "walkthroughs": ("observer", "note"),
    "feedback_log": ("observer", "tool", "next_step"),
})
BLANK_IS_AN_ANSWER["key_corrections"] = ("window", "corrected_on", "note")  # blank window: every window
FLAG_COLUMNS = ["table", "file", "check", "column", "row", "value", "person_id", "message"]
DATED_COLUMNS: dict[str, tuple[str, ...]] = {"assessments": ("date",), "run_chart": ("date",),
                                             "pdsa": ("start_date", "end_date")}
"""The dates judged for timeliness, by table."""
CONSISTENCY_PARTNERS = {"students": "assessments", "processes": "students", "surveys": "survey_items"}
"""The file each table's consistency checks compare it with."""
_PERSON_ID = ("student_id", "respondent")
_LETTER_GRADE = r"[A-Fa-f][+-]?"
_NUMBER = r"\d+(\.\d+)?"


def file_label(table: str) -> str:
    """The file name a person knows a table by (``"processes"`` → ``"processes.csv"``)."""
    return TABLES[table].file if table in TABLES else table


def _blank(frame: pd.DataFrame) -> pd.DataFrame:
    """True where a cell is missing or (in a text column) only spaces."""
    blank = frame.isna()
    for column in frame.columns[[not (pd.api.types.is_numeric_dtype(t) or pd.api.types.is_datetime64_any_dtype(t))
                                 for t in frame.dtypes]]:
        blank[column] |= frame[column].astype("string").str.strip().eq("").fillna(True).astype(bool)
    return blank


def _audited_columns(table: str, frame: pd.DataFrame) -> list[str]:
    """The contract's columns present in the file, in contract order (all columns if unknown)."""
    if table not in TABLES:
        return list(frame.columns)
    return [rule.name for rule in TABLES[table].columns if rule.name in frame.columns]


def _expected(table: str, frame: pd.DataFrame, blank: pd.DataFrame) -> pd.DataFrame:
    """True where the contract expects a value (exceptions: :mod:`datadriver_utils.stats.quality` docstring)."""
    expected = pd.DataFrame(True, index=blank.index, columns=blank.columns)
    for column in BLANK_IS_AN_ANSWER.get(table, ()):
        if column in expected:
            expected[column] = False
    if table == "inventory" and {"school", "scope"} <= set(blank.columns):
        expected["school"] = frame["scope"].astype("string").str.casefold().eq("school").fillna(False)
    if table == "assessments" and {"response", "key"} <= set(blank.columns):
        expected["response"] = expected["key"] = ~blank[["response", "key"]].all(axis=1)
    return expected


def cell_status(table: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(blank, expected)`` over the audited columns: a cell is missing where both are True."""
    blank = _blank(frame[_audited_columns(table, frame)])
    return blank, _expected(table, frame, blank)


def _flags(table: str, frame: pd.DataFrame, mask: pd.Series, check: str, column: str | None,
           message: str | pd.Series) -> pd.DataFrame:
    """One flag per True row of ``mask``: its spreadsheet row, value and person id."""
    hit = frame.loc[mask.fillna(False).astype(bool)]
    person = next((c for c in _PERSON_ID if c in hit.columns), None)
    shown = hit[column].map(_text) if column in hit.columns else pd.Series("", index=hit.index)
    notes = message.loc[hit.index] if isinstance(message, pd.Series) else message
    return pd.DataFrame({
        "table": table, "file": file_label(table), "check": check, "column": column,
        "row": spreadsheet_rows(hit).to_numpy(), "value": shown.to_numpy(),
        "person_id": hit[person].map(_text).to_numpy() if person else None, "message": notes,
    }, columns=FLAG_COLUMNS)


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (pd.Timestamp, dt.date)):
        return pd.Timestamp(value).date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def completeness_flags(table: str, frame: pd.DataFrame, blank: pd.DataFrame, expected: pd.DataFrame
                 ) -> list[pd.DataFrame]:
    missing = blank & expected
    return [_flags(table, frame, missing[c], "completeness", c, "blank cell where a value is expected")
            for c in missing.columns if missing[c].any()]


def uniqueness_flags(table: str, frame: pd.DataFrame) -> list[pd.DataFrame]:
    """Later copies of an exact duplicate row, each naming the row it repeats."""
    copies = frame[frame.duplicated(keep=False)]
    if copies.empty:
        return []
    keys = copies.astype("string").fillna("\x00")
    group = keys.groupby(list(keys.columns), sort=False, dropna=False).ngroup()
    rows = spreadsheet_rows(copies)
    first = rows.groupby(group.to_numpy()).transform("min")
    repeat = rows.ne(first)
    message = "exact copy of row " + first.astype(str) + ": delete one of the two"
    return [_flags(table, copies, repeat, "uniqueness", None, message)]


def _is_course_grade(values: pd.Series) -> pd.Series:
    """True for a letter A-F (with + or -), a number 0-100, or a blank (completeness counts those)."""
    text = values.astype("string").str.strip()
    number = pd.to_numeric(text.where(text.str.fullmatch(_NUMBER).fillna(False)), errors="coerce")
    valid = text.isna() | text.eq("") | text.str.fullmatch(_LETTER_GRADE) | number.between(0, 100)
    return valid.fillna(False).astype(bool)


def validity_flags(tables: Mapping[str, pd.DataFrame], grade_levels: Sequence[str] | None) -> list[pd.DataFrame]:
    found = []
    students = tables.get("students")
    if students is not None and grade_levels and "grade" in students:
        outside = students["grade"].notna() & ~students["grade"].astype("string").isin(list(grade_levels))
        found.append(_flags("students", students, outside, "validity", "grade",
                            f"grade is not one of the team's grade levels ({', '.join(grade_levels)}) in team.yml"))
    processes = tables.get("processes")
    if processes is not None and "course_grade" in processes:
        found.append(_flags("processes", processes, ~_is_course_grade(processes["course_grade"]), "validity",
                            "course_grade",
                            "course grade should be a letter A-F or a number 0-100"))
    pdsa = tables.get("pdsa")
    if pdsa is not None and {"start_date", "end_date"} <= set(pdsa.columns):
        backwards = pdsa["end_date"] < pdsa["start_date"]
        found.append(_flags("pdsa", pdsa, backwards, "validity", "end_date", "the cycle ends before it starts"))
    found += _scale_flags(tables)
    return found


def _scale_flags(tables: Mapping[str, pd.DataFrame]) -> list[pd.DataFrame]:
    surveys, items = tables.get("surveys"), tables.get("survey_items")
    if surveys is None or items is None:
        return []
    scales = items.drop_duplicates(["survey", "item"]).set_index(["survey", "item"])[["scale_min", "scale_max"]]
    keys = pd.MultiIndex.from_frame(surveys[["survey", "item"]])
    low = pd.Series(scales["scale_min"].reindex(keys).to_numpy(), index=surveys.index)
    high = pd.Series(scales["scale_max"].reindex(keys).to_numpy(), index=surveys.index)
    outside = surveys["response"].notna() & ((surveys["response"] < low) | (surveys["response"] > high))
    message = "answer outside the item's scale " + low.map(_text) + " to " + high.map(_text)
    return [_flags("surveys", surveys, outside, "validity", "response", message)]


def timeliness_flags(tables: Mapping[str, pd.DataFrame], cycle: tuple[dt.date, dt.date] | None) -> list[pd.DataFrame]:
    if cycle is None:
        return []
    start, end = pd.Timestamp(cycle[0]), pd.Timestamp(cycle[1])
    message = f"date outside the inquiry cycle ({start.date()} to {end.date()}) in team.yml"
    return [_flags(table, tables[table], tables[table][column].notna()
                   & ~tables[table][column].between(start, end), "timeliness", column, message)
            for table, columns in DATED_COLUMNS.items() if table in tables
            for column in columns if column in tables[table]]


def consistency_flags(tables: Mapping[str, pd.DataFrame]) -> list[pd.DataFrame]:
    found = []
    students, assessments = tables.get("students"), tables.get("assessments")
    if students is not None and assessments is not None:
        untested = ~students["student_id"].isin(assessments["student_id"].dropna().unique())
        found.append(_flags("students", students, untested, "consistency", "student_id",
                            "on the roster but has no row in assessments.csv"))
    processes = tables.get("processes")
    if students is not None and processes is not None:
        found += _process_roster_flags(students, processes)
    surveys, items = tables.get("surveys"), tables.get("survey_items")
    if surveys is not None and items is not None:
        known = pd.MultiIndex.from_frame(items[["survey", "item"]])
        unknown = ~pd.MultiIndex.from_frame(surveys[["survey", "item"]]).isin(known)
        found.append(_flags("surveys", surveys, pd.Series(unknown, index=surveys.index), "consistency", "item",
                            "this survey item is not described in survey_items.csv"))
    return found


def _process_roster_flags(students: pd.DataFrame, processes: pd.DataFrame) -> list[pd.DataFrame]:
    """processes.csv against the roster: unknown students, unknown sections, other sections."""
    found = []
    has_id = "student_id" in processes and processes["student_id"].notna().any()
    if has_id:
        unknown = processes["student_id"].notna() & ~processes["student_id"].isin(set(students["student_id"]))
        found.append(_flags("processes", processes, unknown, "consistency", "student_id",
                            "this student is not in students.csv"))
    if "section" in processes and "section" in students:
        sections = set(students["section"].dropna().astype(str))
        stray = processes["section"].notna() & ~processes["section"].astype(str).isin(sections)
        found.append(_flags("processes", processes, stray, "consistency", "section",
                            "no student in students.csv is in this section"))
        if has_id:
            roster = students.drop_duplicates("student_id").set_index("student_id")["section"]
            listed = pd.Series(roster.reindex(processes["student_id"]).to_numpy(), index=processes.index)
            moved = ~stray & processes["section"].notna() & listed.notna() & processes["section"].ne(listed)
            message = "students.csv places this student in section " + listed.map(_text)
            found.append(_flags("processes", processes, moved.fillna(False), "consistency", "section", message))
    return found
