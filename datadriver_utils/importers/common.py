"""Steps several sources share: student rows, the one subject a team looks at, score rows, windows by date."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from datadriver_utils.contract.config import TeamConfig
from datadriver_utils.errors import ImportRefusedError, Problem
from datadriver_utils.importers.inputs import InputTable
from datadriver_utils.importers.mapping import MappingFile
from datadriver_utils.importers.plan import PlanBuilder
from datadriver_utils.importers.values import clean_student_id, parse_date, parse_grade, yes_no

__all__ = ["choose_subject", "student_rows", "score_row", "race_from_flags", "cell", "read_date", "window_by_date"]

SUBGROUP_FLAGS = ("ell", "sped", "frl")


def cell(row: Mapping[str, object], columns: Mapping[str, str], name: str) -> object:
    """The value of a wanted column in a row (None when the file has no such column)."""
    column = columns.get(name)
    return None if column is None else row.get(column)


def read_date(builder: PlanBuilder, table: InputTable, row: int, value: object, column: str,
              mapping: MappingFile) -> str | None:
    """An ISO date, or None with the reason recorded (the row itself is still used)."""
    if value is None or pd.isna(value) or not str(value).strip():  # type: ignore[arg-type]
        return None
    day, reason = parse_date(value, mapping.date_format)
    if day is None:
        builder.skip_at(table, row, f"{reason} (the row was imported without a date)", column=column, value=value)
    return day


def window_by_date(builder: PlanBuilder, table: InputTable, row: int, day: str | None, mapping: MappingFile,
                   what: str) -> str | None:
    """The mapping's ``window_dates`` window for a date, or None with the reason recorded."""
    window = mapping.window_on(day)
    if window is None:
        why = ("falls in none of the windows under window_dates: in the mapping" if mapping.window_dates and day
               else f"has no {what}: list your windows by date under window_dates: in the mapping")
        builder.skip_at(table, row, f"this test {why}.", value=day)
    return window


def choose_subject(subjects: Iterable[str], mapping: MappingFile, team: TeamConfig | None, label: str,
                   column: str) -> str | None:
    """The one subject to import when a file holds several: the mapping's ``subject:``, else the
    one team.yml's subject names; refuses when neither decides."""
    found = list(dict.fromkeys(s for s in subjects if s))
    if len(found) <= 1:
        return found[0] if found else None
    for wanted in (mapping.subject, team.subject if team else None):
        if not wanted:
            continue
        low = wanted.strip().lower()
        hits = [s for s in found if s.lower() == low] or [s for s in found if low in s.lower() or s.lower() in low]
        if len(hits) == 1:
            return hits[0]
    raise ImportRefusedError(f"{label} holds several subjects; a team looks at one.", [Problem(
        label, f"the {column} column has {', '.join(found)}. Say which one to import with subject: in the mapping "
        "file (for example  subject: " + found[0] + ").", column=column)])


def race_from_flags(flags: Mapping[str, object], hispanic: object = None) -> str | None:
    """One race/ethnicity label from yes/no columns: Hispanic or Latino first, several races as
    "Two or more races" (the usual federal roll-up), none known as None."""
    if yes_no(hispanic) == "Y":
        return "Hispanic or Latino"
    chosen = [name for name, value in flags.items() if yes_no(value) == "Y"]
    if len(chosen) > 1:
        return "Two or more races"
    return chosen[0] if chosen else None


def student_rows(builder: PlanBuilder, table: InputTable, rows: pd.DataFrame, columns: Mapping[str, str],
                 kindergarten: tuple[str, ...] = (), default_grade: str | None = None) -> pd.DataFrame:
    """Roster rows (``student_id``, ``grade``, subgroups, ``_date``, provenance) from a vendor file.

    ``columns`` maps contract names (student_id, grade, gender, race_ethnicity, ell, sped, frl,
    section, _date) to the file's columns; rows without a usable id or grade are reported.
    """
    out = []
    for number, row in rows.iterrows():
        student, why = clean_student_id(cell(row, columns, "student_id"))
        if student is None:
            builder.skip_at(table, int(number), why or "no student id", column=columns.get("student_id"))
            continue
        raw_grade = cell(row, columns, "grade")
        grade = parse_grade(raw_grade, kindergarten) if raw_grade is not None and not pd.isna(raw_grade) else None
        grade = grade or (default_grade if raw_grade is None or pd.isna(raw_grade) else None)
        if grade is None:
            builder.skip_at(table, int(number), "the grade is not K or 1-12 (or is blank), so this student cannot "
                         "join students.csv; add grade: to the mapping if every student is in one grade.",
                         column=columns.get("grade"), value=raw_grade)
            continue
        record: dict[str, object] = {"student_id": student, "grade": grade, "_file": table.label, "_row": int(number)}
        for name in ("gender", "race_ethnicity", "section", *SUBGROUP_FLAGS, "_date"):
            value = cell(row, columns, name) if name in columns else None
            if name in SUBGROUP_FLAGS:
                value = yes_no(value)
            record[name] = None if value is None or pd.isna(value) else str(value).strip() or None  # type: ignore[arg-type]
        out.append(record)
    return pd.DataFrame(out)


def score_row(student: str, window: str, standard: str, points: float, score_type: str, *, file: str, row: int,
              assessment: str | None = None, date: str | None = None, possible: float | None = None,
              item_id: str | None = None, response: str | None = None, key: str | None = None) -> dict[str, object]:
    """One assessments.csv row with its provenance."""
    return {"student_id": student, "window": window, "standard": standard, "points": points,
            "points_possible": possible, "score_type": score_type, "assessment": assessment, "item_id": item_id,
            "date": date, "response": response, "key": key, "_file": file, "_row": row}
