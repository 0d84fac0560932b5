"""Rows a group adds during a session, checked exactly as the team's file is, then joined to it.

Some records grow in the room: a new entry in the training catalog, a walkthrough look-for,
a bite-size feedback note. A workshop never writes into the team's own files (they are the
team's input, and the brief forbids changing them), so those rows are saved as workshop
answers (:mod:`datadriver_utils.workshop.store`) and joined to the file when a report reads
the record. Before they are kept they pass the same two-pass contract checks as the file
(:mod:`datadriver_utils.contract.checks`), so a mistyped date is caught with the same
message, naming the column and the value, that ``datadriver check`` would give.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from datadriver_utils.contract.checks import (
    cell_format_schema,
    duplicate_problems,
    parse_cells,
    run_schema,
    value_schema,
)
from datadriver_utils.contract.schemas import TableSpec
from datadriver_utils.errors import Problem

__all__ = ["SESSION_SOURCE", "FILE_SOURCE", "as_typed_text", "check_rows", "session_label", "with_session_rows"]

SESSION_SOURCE = "added in a session"
FILE_SOURCE = "file"


def session_label(spec: TableSpec) -> str:
    """How problems name rows typed in a session: ``"trainings.csv (rows added in a session)"``."""
    return f"{spec.file} (rows added in a session)"


def as_typed_text(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` as a file reader gives them: text cells, stripped, blanks missing, indexed by
    spreadsheet row (row 2 is the first row under the header)."""
    text = rows.copy()
    for column in text.columns:
        values = text[column].astype(object).where(text[column].notna(), None)
        text[column] = pd.array([None if v is None else str(v) for v in values], dtype="string")
        text[column] = text[column].str.strip().replace("", pd.NA)
    text.index = pd.RangeIndex(2, len(text) + 2, name="row")
    return text


def check_rows(spec: TableSpec, rows: pd.DataFrame) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Check typed rows against ``spec`` as :func:`datadriver_utils.contract.team.check_team` checks
    a file: cell formats first, then ranges, allowed values and repeated keys.

    Returns the parsed rows (``None`` when a required column is missing) and every problem,
    each naming the column and the value. Columns the spec does not know are kept as text.
    """
    labelled = TableSpec(spec.key, session_label(spec), spec.purpose, spec.columns, spec.unique_by, spec.row_rules)
    raw = as_typed_text(rows)
    problems = run_schema(cell_format_schema(labelled), raw, labelled)
    if any(p.row is None and p.column in spec.required_columns for p in problems):
        return None, problems
    parsed = parse_cells(spec, raw)
    problems += run_schema(value_schema(labelled, parsed.columns), parsed, labelled)
    problems += duplicate_problems(labelled, parsed)
    return parsed, problems


def with_session_rows(file_rows: pd.DataFrame | None, session_rows: pd.DataFrame | None,
                      key: Sequence[str] = ()) -> pd.DataFrame | None:
    """The file's rows and the session's, with a ``_source`` column saying where each came from.

    A session row whose ``key`` columns match a file row replaces it (the session is newer: a
    training marked done in the room); with no ``key`` the session rows are simply added.
    ``None`` when there are no rows at all.
    """
    parts = []
    if file_rows is not None and len(file_rows):
        parts.append(file_rows.assign(_source=FILE_SOURCE))
    if session_rows is not None and len(session_rows):
        parts.append(session_rows.assign(_source=SESSION_SOURCE))
    if not parts:
        return None
    combined = pd.concat(parts, ignore_index=True)
    keys = [k for k in key if k in combined]
    if keys and len(parts) == 2:
        normalised = combined[keys].astype(str).apply(lambda column: column.str.strip().str.lower())
        combined = combined[~normalised.duplicated(keep="last")]
    return combined.reset_index(drop=True)
