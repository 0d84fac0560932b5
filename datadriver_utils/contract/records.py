"""The contract's checks on rows that did not come from a file: a record captured in a workshop.

Teacher-leadership records (a Student Learning Reflection Cycle, a visit, a reflection) can be
typed into the team's CSV in Excel or captured live in a notebook.  A live capture must meet
the same contract as the file, and say what is wrong in the same words -- which row, which
column, what was expected -- so :func:`check_rows` runs the two passes of
:mod:`datadriver_utils.contract.checks` on an in-memory table of text, exactly as
:func:`datadriver_utils.contract.team.check_team` does on a file.
"""

from __future__ import annotations

import pandas as pd

from datadriver_utils.contract.checks import (
    cell_format_schema,
    duplicate_problems,
    parse_cells,
    run_schema,
    value_schema,
)
from datadriver_utils.contract.reading import normalise_header
from datadriver_utils.contract.schemas import TableSpec
from datadriver_utils.errors import Problem

__all__ = ["as_text_rows", "check_rows"]


def as_text_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as the reader hands a file over: text cells, trimmed, blanks missing, headers
    normalised, indexed by spreadsheet row (the first record is row 2)."""
    out = frame.copy()
    out.columns = [normalise_header(c) for c in out.columns]
    for column in range(out.shape[1]):
        values = out.iloc[:, column].map(lambda v: None if v is None or (not isinstance(v, str) and pd.isna(v))
                                         else _text(v))
        out.isetitem(column, values.astype("string").str.strip().replace("", pd.NA))
    out.index = pd.RangeIndex(2, len(out) + 2, name="row")
    return out


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")  # type: ignore[no-any-return]
    return str(value)


def check_rows(spec: TableSpec, rows: pd.DataFrame, label: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Check ``rows`` (any values; made text by :func:`as_text_rows`) against ``spec``.

    Returns the parsed rows (typed as a file's would be) and every problem, each naming
    ``label`` as its file; the rows are ``None`` when a required column is missing.
    """
    labelled = TableSpec(spec.key, label, spec.purpose, spec.columns, spec.unique_by, spec.row_rules)
    raw = as_text_rows(rows)
    problems = run_schema(cell_format_schema(labelled), raw, labelled)
    if any(p.row is None and p.column in spec.required_columns for p in problems):
        return None, problems
    parsed = parse_cells(spec, raw)
    problems += run_schema(value_schema(labelled, parsed.columns), parsed, labelled)
    problems += duplicate_problems(labelled, parsed)
    return parsed, problems
