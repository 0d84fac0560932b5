"""Turning a :class:`TableSpec` into pandera schemas, and pandera's findings into Problems.

Pass one (:func:`cell_format_schema`) looks at the text a person typed; pass two
(:func:`value_schema`) at the parsed values. Both run with ``lazy=True`` so every failure is
collected (pandera ``SchemaErrors.failure_cases``), and :func:`problems_from_failures` rewrites
each failure as a sentence with the spreadsheet row, the column and the bad value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from datadriver_utils.contract.config import normalise_grade
from datadriver_utils.contract.schemas import ColumnRule, TableSpec
from datadriver_utils.errors import Problem

__all__ = ["per_value", "duplicate_problems", "cell_format_schema", "value_schema", "run_schema", "parse_cells", "MAX_PROBLEMS_PER_RULE"]

MAX_PROBLEMS_PER_RULE = 20
"""After this many rows break the same rule, one line says how many more do."""

_NUMBER = r"[-+]?(\d+(\.\d*)?|\.\d+)"
_ISO_DATE = r"\d{4}-\d{2}-\d{2}"
_FLAGS = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}

EXPECTED_FORMAT = {
    "number": "a number such as 7 or 8.5 (no % sign, no words)",
    "grade": "a grade: K or a number from 1 to 12",
    "date": "a date written as YYYY-MM-DD, for example 2025-09-15",
    "flag": "yes or no",
}


def per_value(series: pd.Series, function: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``function(series)``, computed once per distinct value and spread back over the rows.

    A column of a million item-level rows holds a few dozen distinct dates, grades, windows or
    point values, so regular expressions, date parsing and grade spelling run on those only
    (``pd.factorize`` is one hashed pass). Missing cells come back missing. Used for checks and
    for parsing alike, so both see exactly the same values.
    """
    codes, uniques = pd.factorize(series)
    if len(uniques) * 2 > len(series):  # mostly distinct (ids): no saving, compute directly
        return function(series)
    on_uniques = function(pd.Series(uniques, dtype=series.dtype))
    return on_uniques.reset_index(drop=True).reindex(codes).set_axis(series.index)


def _is_number(s: pd.Series) -> pd.Series:
    return s.str.fullmatch(_NUMBER).fillna(False).astype(bool)


def _is_date(s: pd.Series) -> pd.Series:
    return (s.str.fullmatch(_ISO_DATE).fillna(False).astype(bool)
            & pd.to_datetime(s, errors="coerce", format="%Y-%m-%d").notna())


def _format_check(rule: ColumnRule) -> list[pa.Check]:
    message = f"expected {EXPECTED_FORMAT[rule.kind]}" if rule.kind in EXPECTED_FORMAT else ""
    if rule.kind == "number":
        return [pa.Check(lambda s: per_value(s, _is_number), error=message)]
    if rule.kind == "grade":
        return [pa.Check(lambda s: per_value(s, lambda u: u.map(normalise_grade).notna()), error=message)]
    if rule.kind == "date":
        return [pa.Check(lambda s: per_value(s, _is_date), error=message)]
    if rule.kind == "flag":
        return [pa.Check(lambda s: per_value(s, lambda u: u.str.lower().isin(list(_FLAGS))), error=message)]
    return []


def _parse_number(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.where(_is_number(s)), errors="coerce").astype(float)


def cell_format_schema(spec: TableSpec) -> pa.DataFrameSchema:
    """Pass one: required columns exist, required cells are filled, typed cells look right."""
    return pa.DataFrameSchema(
        {
            rule.name: pa.Column(
                checks=_format_check(rule), nullable=rule.nullable, required=rule.required,
            )
            for rule in spec.columns
        },
        strict=False,
    )


def parse_cells(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """Turn checked text into typed columns; cells that failed pass one become missing."""
    parsed = frame.copy()
    for rule in spec.columns:
        if rule.name not in parsed:
            continue
        column = parsed[rule.name]
        if rule.kind == "number":
            parsed[rule.name] = per_value(column, _parse_number).astype(float)
        elif rule.kind == "grade":
            parsed[rule.name] = per_value(column, lambda u: u.map(normalise_grade, na_action="ignore")).astype("string")
        elif rule.kind == "date":
            parsed[rule.name] = per_value(column, lambda u: pd.to_datetime(u, errors="coerce", format="%Y-%m-%d"))
        elif rule.kind == "flag":
            parsed[rule.name] = per_value(column, lambda u: u.str.lower().map(_FLAGS)).astype("boolean")
        elif rule.allowed is not None:
            parsed[rule.name] = per_value(column, lambda u: u.str.lower())
    return parsed


def _range_checks(rule: ColumnRule) -> list[pa.Check]:
    checks: list[pa.Check] = []
    if rule.minimum is not None:
        if rule.minimum_inclusive:
            checks.append(pa.Check.ge(rule.minimum, error=f"expected {rule.minimum:g} or more"))
        else:
            checks.append(pa.Check.gt(rule.minimum, error=f"expected more than {rule.minimum:g}"))
    if rule.maximum is not None:
        checks.append(pa.Check.le(rule.maximum, error=f"expected {rule.maximum:g} or less"))
    if rule.allowed is not None:
        checks.append(pa.Check.isin(list(rule.allowed), error="expected one of: " + ", ".join(rule.allowed)))
    return checks


def value_schema(
    spec: TableSpec,
    present: Iterable[str],
    extra_column_checks: dict[str, list[pa.Check]] | None = None,
    row_checks: dict[str, Callable[[pd.DataFrame], pd.Series]] | None = None,
) -> pa.DataFrameSchema:
    """Pass two: ranges, allowed values, duplicates, and rules across columns of a row."""
    present = set(present)
    extra = extra_column_checks or {}
    columns = {
        rule.name: pa.Column(checks=_range_checks(rule) + extra.get(rule.name, []), nullable=True, required=False)
        for rule in spec.columns
        if rule.name in present
    }
    dataframe_checks = [
        pa.Check(function, error=next(r.message for r in spec.row_rules if r.name == name), name=name)
        for name, function in (row_checks or {}).items()
    ]
    return pa.DataFrameSchema(
        columns,
        checks=dataframe_checks,
        strict=False,
    )


def duplicate_problems(spec: TableSpec, frame: pd.DataFrame) -> list[Problem]:
    """Rows that repeat an earlier row's key columns, each pointing at the row it repeats.

    Done with ``DataFrame.duplicated`` rather than pandera's ``unique=``: the latter builds a
    failure case per column per duplicate, which for a file of a million repeated rows took
    close to a minute and 2 GB; this is one vectorised pass, capped like every other rule.
    """
    keys = [c for c in spec.unique_by if c in frame]
    if not keys or frame.empty:
        return []
    repeats = frame.duplicated(keys, keep="first")
    count = int(repeats.sum())
    if not count:
        return []
    first_row = frame.reset_index().groupby(keys, dropna=False, sort=False)[frame.index.name or "index"].transform("first")
    first_row.index = frame.index
    names = ", ".join(keys)
    problems = [
        Problem(spec.file, f"this row repeats row {int(first_row.at[row])} (the same {names}): keep one of them.",
                row=int(row), value=" / ".join(str(frame.at[row, c]) for c in keys))
        for row in frame.index[repeats][:MAX_PROBLEMS_PER_RULE]
    ]
    if count > MAX_PROBLEMS_PER_RULE:
        problems.append(Problem(spec.file, f"{count - MAX_PROBLEMS_PER_RULE} more rows repeat an earlier row (the same {names})."))
    return problems


def run_schema(schema: pa.DataFrameSchema, frame: pd.DataFrame, spec: TableSpec) -> list[Problem]:
    """Validate lazily and explain every failure."""
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        return problems_from_failures(errors.failure_cases, frame, spec)
    return []


def _row_of(index: object) -> int | None:
    try:
        return None if index is None or pd.isna(index) else int(index)  # type: ignore[arg-type,call-overload]
    except (TypeError, ValueError):
        return None


def _describe(check: str, spec: TableSpec, value: str | None) -> str:
    if check == "not_nullable":
        return "this cell is blank, but every row needs a value here."
    if check == "multiple_fields_uniqueness":
        keys = ", ".join(c for c in spec.unique_by)
        return f"this row repeats an earlier row with the same {keys}: keep one of them."
    if check.startswith("expected a number") and value and value.rstrip().endswith("%"):
        return "expected points, not a percentage: write the number of points (e.g. 17), or put the percent in points and 100 in points_possible."
    if check.startswith("expected a number") and value and re.fullmatch(r"[-+]?\d+,\d+", value.strip()):
        return "expected a number with a decimal point: write 8.5, not 8,5 (change the list separator or decimal symbol in Excel's regional settings, or save as .xlsx)."
    return check if check.endswith(".") else check + "."


def problems_from_failures(failures: pd.DataFrame, frame: pd.DataFrame, spec: TableSpec) -> list[Problem]:
    """One Problem per failing cell, at most :data:`MAX_PROBLEMS_PER_RULE` per rule."""
    problems: list[Problem] = []
    counts: dict[tuple[str | None, str], int] = {}
    row_rule_columns = {rule.message: rule.column for rule in spec.row_rules}
    seen: set[tuple[int | None, str | None, str]] = set()
    rows = pd.to_numeric(failures["index"], errors="coerce")  # pandera's order is not the file's
    for failure in failures.iloc[rows.fillna(-1).argsort(kind="stable")].itertuples(index=False):
        check = str(failure.check)
        column = None if pd.isna(failure.column) else str(failure.column)
        if check == "column_in_dataframe":
            missing = str(failure.failure_case)
            problems.append(Problem(
                spec.file,
                f"the column '{missing}' is missing. Columns this file needs: {', '.join(spec.required_columns)} "
                f"(see the template sample_data/templates/{spec.template}).",
                column=missing,
            ))
            continue
        row = _row_of(failure.index)
        if check in row_rule_columns:
            column = row_rule_columns[check]
        if check == "multiple_fields_uniqueness":
            column = None
        key = (row, column, check)
        if key in seen:
            continue
        seen.add(key)
        counts[(column, check)] = counts.get((column, check), 0) + 1
        if counts[(column, check)] > MAX_PROBLEMS_PER_RULE:
            continue  # only counted: looking up a million cell values took minutes
        value = None
        if row is not None and column is not None and column in frame and row in frame.index:
            cell = frame.at[row, column]
            value = None if pd.isna(cell) else str(cell)
        elif check == "multiple_fields_uniqueness" and row in frame.index:
            value = " / ".join(str(frame.at[row, c]) for c in spec.unique_by if c in frame)
        problems.append(Problem(spec.file, _describe(check, spec, value), row=row, column=column, value=value))
    for (column, check), count in counts.items():
        if count > MAX_PROBLEMS_PER_RULE:
            problems.append(Problem(
                spec.file,
                f"{count - MAX_PROBLEMS_PER_RULE} more rows break the same rule ({_describe(check, spec, None)})",
                column=column,
            ))
    return problems
