"""The data dissemination schedule (Toolkit activity 1.7): who receives which data, when, how.

``dissemination.csv`` has one row per element and audience: how it is shown (``display``), when
it first goes out (``release``: an ISO date or a month name), how often (``cadence``) and at what
level of detail (``access_level``: ``aggregate`` or ``student-level``). From it we build

* a **release calendar** for one school year (:func:`release_calendar`), every repeat listed;
* an **audience matrix**, element × audience (:func:`audience_matrix`);
* **access violations** (:func:`access_violations`): student-level data scheduled for an audience
  that should see aggregates only.

Why those audiences: under FERPA a school may share a student's records without consent only
with school officials who have a *legitimate educational interest* in that student (34 CFR
99.31(a)(1)): the teachers, counselors, principals and data team who act on the list. District
leaders and the school board govern and need results, not names; families may see their own
child's record (34 CFR 99.10) but not other students'; the public gets de-identified aggregates
(34 CFR 99.31(b)(1); FIELD_NOTES, "More disclosure rules seen in practice").
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from datadriver_utils.core.rows import spreadsheet_rows

__all__ = [
    "DEFAULT_STUDENT_LEVEL_AUDIENCES", "AUDIENCE_ORDER", "release_calendar", "audience_matrix",
    "access_violations", "dissemination_summary", "describe_dissemination", "cadence_step", "violation_cells",
]

DEFAULT_STUDENT_LEVEL_AUDIENCES: tuple[str, ...] = ("teachers", "data team", "counselors", "principals")
"""Audiences with a legitimate educational interest in named students (FERPA 34 CFR 99.31(a)(1))."""

AUDIENCE_ORDER: tuple[str, ...] = (
    "teachers", "counselors", "data team", "principals", "district leaders", "school board", "families", "public",
)
"""Column order of the audience matrix: closest to the student first; others follow, sorted."""

_MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_SINGLE = r"once|one time|annual|annually|yearly|once a year|each year|every year|per year"
_STEPS: tuple[tuple[str, int], ...] = (
    (r"(bi-?weekly|weekly|daily|monthly|each (day|week|month)|every (day|week|month)|as updated)", 1),
    (r"(quarterly|(each|every|per) quarter)", 3),
    (r"(trimester|(each|every|per) trimester)", 4),
    (r"(semester|semi-?annual(ly)?|bi-?annual(ly)?|twice a year|twice yearly)", 6),
)
_FINER_THAN_MONTH = re.compile(r"week|day|daily")
_REASONS = {
    "families": "families may see their own child's record, not a list of other students; "
                "send each family its own report, or release an aggregate",
    "public": "the public may receive only de-identified aggregates (FERPA 34 CFR 99.31(b)(1))",
    "school board": "the school board governs with results, not names: release an aggregate",
    "district leaders": "district leaders need results by school or subgroup, not names: release an aggregate",
}
_STUDENT_LIST_DISPLAY = re.compile(r"student list|class list|roster")


def _norm(text: object) -> str:
    """Audience folded for comparison: lower case, single spaces, a trailing plural 's' dropped."""
    words = re.sub(r"\s+", " ", str(text).casefold().strip())
    return words[:-1] if words.endswith("s") and len(words) > 3 else words


_REASONS_BY_AUDIENCE = {_norm(audience): reason for audience, reason in _REASONS.items()}


def cadence_step(cadence: object) -> tuple[int | None, str]:
    """Months between releases for a cadence, and a note (empty when read cleanly).

    ``None`` means one release a year. Finer than monthly (weekly, daily) is shown once a month,
    the calendar's resolution; "N times a year" is every ``12 // N`` months; a blank cadence is
    read as "once". An unrecognised cadence is read as "once" and says so.
    """
    if cadence is None or (isinstance(cadence, float) and np.isnan(cadence)) or not str(cadence).strip():
        return None, ""
    text = re.sub(r"\s+", " ", str(cadence).casefold().strip())
    if re.fullmatch(_SINGLE, text):
        return None, ""
    times = re.fullmatch(r"(\d+|one|two|three|four|five|six) times (a|per|each) (school )?year", text)
    if times:
        count = int(_WORD_NUMBERS.get(times.group(1), times.group(1)) or 1)
        return (12 // count if count > 1 else None), ""
    every = re.fullmatch(r"every (\d+) months", text)
    if every and int(every.group(1)) > 0:
        return int(every.group(1)), ""
    for pattern, step in _STEPS:
        if re.search(pattern, text):
            note = f"{cadence} releases shown once a month" if _FINER_THAN_MONTH.search(text) else ""
            return step, note
    return None, f"cadence {cadence!r} not recognised; shown as a single release"


def _release_month(release: object, year_start: pd.Timestamp) -> tuple[pd.Timestamp | None, str]:
    """First month of a release: a month name goes to the year that puts it in the school year."""
    if isinstance(release, (pd.Timestamp, date)):
        stamp = pd.Timestamp(release)
    else:
        text = str(release).strip().casefold().rstrip(".")
        if text in _MONTHS:
            offset = (_MONTHS[text] - year_start.month) % 12
            return year_start + pd.DateOffset(months=offset), ""
        named = re.fullmatch(r"([a-z]+)\.? (\d{4})", text)
        if named and named.group(1) in _MONTHS:
            text = f"{named.group(2)}-{_MONTHS[named.group(1)]:02d}-01"
        stamp = pd.to_datetime(text, errors="coerce", format="ISO8601")
        if pd.isna(stamp):
            return None, f"release {release!r} is not a month name or an ISO date (2025-10-15); not placed"
    month = pd.Timestamp(year=stamp.year, month=stamp.month, day=1)
    if not 0 <= _months_between(year_start, month) < 12:
        return month, "released outside this school year"
    return month, ""


def _months_between(start: pd.Timestamp, later: pd.Timestamp) -> int:
    return (later.year - start.year) * 12 + later.month - start.month


def _month_offset(months: pd.Series, start: pd.Timestamp) -> pd.Series:
    """Whole months from the start of the school year (0 = its first month); NaN when not placed."""
    stamps = pd.to_datetime(months)
    return ((stamps.dt.year - start.year) * 12 + stamps.dt.month - start.month).astype("Float64")


def release_calendar(dissemination: pd.DataFrame, school_year_start: date) -> pd.DataFrame:
    """Every release of every row in one school year, resolved to a month and sorted by it.

    The school year is the 12 months from the month of ``school_year_start`` (an August or
    September start in most districts). A month name goes to the calendar year that puts it
    inside the school year (year starting 2025-08-01: "October" is 2025-10, "March" 2026-03). A
    cadence repeats the release every :func:`cadence_step` months from the first release until
    the year ends, so "monthly" from October gives 10 releases and "quarterly" gives Oct, Jan,
    Apr, Jul. A release that cannot be read is kept once with ``month`` NaT and a ``note``.

    Columns: the input's, then ``release_number`` (1, 2, …), ``month`` (first day of the month),
    ``month_label`` ("Oct 2025"), ``school_month`` (1 = first month of the school year; <NA> when
    not placed or outside the year) and ``note``.
    """
    year_start = pd.Timestamp(school_year_start).normalize().replace(day=1)
    firsts = dissemination["release"].map(lambda value: _release_month(value, year_start))
    steps = dissemination["cadence"].map(cadence_step)
    base = dissemination.assign(
        _first=pd.to_datetime(firsts.str[0]),
        _step=steps.str[0].astype("Float64"),
        note=["; ".join(filter(None, pair)) for pair in zip(firsts.str[1], steps.str[1], strict=True)],
    )
    offset = _month_offset(base["_first"], year_start)
    in_year = (offset.ge(0) & offset.lt(12)).fillna(False).astype(bool)
    repeating = in_year & base["_step"].notna()
    repeats = ((11 - offset) // base["_step"] + 1).where(repeating, 1).fillna(1).astype(int)
    expanded = base.loc[base.index.repeat(repeats)]
    number = expanded.groupby(level=0).cumcount()
    shift = (number * expanded["_step"].fillna(0)).astype(int).to_numpy()
    month = (expanded["_first"].dt.to_period("M") + shift).dt.to_timestamp()
    out = expanded.assign(release_number=(number + 1).to_numpy(), month=month)
    school_month = (_month_offset(out["month"], year_start) + 1).astype("Int64")
    out = out.assign(
        month_label=out["month"].dt.strftime("%b %Y"),
        school_month=school_month.where(school_month.between(1, 12)),
    )
    keys = ["month", "element", "audience", "release_number"]
    out = out.drop(columns=["_first", "_step"]).sort_values(keys, na_position="last", kind="stable")
    return out.reset_index(drop=True)


def _audience_columns(audiences: pd.Series) -> list[str]:
    spelling: dict[str, str] = {}
    for audience in audiences.astype(str):
        spelling.setdefault(_norm(audience), audience)  # the first spelling a team used
    rank = {_norm(a): i for i, a in enumerate(AUDIENCE_ORDER)}
    return [spelling[key] for key in sorted(spelling, key=lambda k: (rank.get(k, len(rank)), k))]


def audience_matrix(dissemination: pd.DataFrame) -> pd.DataFrame:
    """Element × audience: what each audience receives, as "display (access level)".

    Audiences match with case, spacing and a trailing plural ignored ("Teacher" = "teachers").
    Two rows for one cell are joined with "; ". An empty string means the audience does not
    receive the element. Elements keep their first-listed order; audiences follow
    :data:`AUDIENCE_ORDER`, then any others alphabetically.
    """
    columns = _audience_columns(dissemination["audience"])
    label = {_norm(c): c for c in columns}
    cells = dissemination.assign(
        audience=dissemination["audience"].map(lambda a: label[_norm(a)]),
        cell=dissemination["display"].fillna("unspecified display").astype(str)
        + " (" + dissemination["access_level"].astype(str) + ")",
    )
    joined = cells.groupby(["element", "audience"], sort=False)["cell"].agg(lambda v: "; ".join(dict.fromkeys(v)))
    elements = list(dict.fromkeys(dissemination["element"]))
    table = joined.unstack("audience").reindex(index=elements, columns=columns).fillna("")
    table.index.name, table.columns.name = "element", "audience"
    return table


def access_violations(
    dissemination: pd.DataFrame, allowed: tuple[str, ...] | list[str] = DEFAULT_STUDENT_LEVEL_AUDIENCES
) -> pd.DataFrame:
    """Rows that send student-level data to an audience that should get aggregates only.

    A row is student-level when ``access_level`` says so, or when its ``display`` is a student
    list, class list or roster whatever ``access_level`` says (a list of names is student-level
    by nature). It is a violation when its audience (matched as in :func:`audience_matrix`) is not
    in ``allowed``; the default allows the staff with a legitimate educational interest under
    FERPA (see the module docstring). Columns: ``row`` (spreadsheet row), ``element``,
    ``audience``, ``display``, ``access_level``, ``reason``.
    """
    permitted = {_norm(a) for a in allowed}
    level = dissemination["access_level"].astype(str).str.casefold().str.replace(r"[\s_]+", "-", regex=True)
    listing = dissemination["display"].astype("string").str.casefold().str.contains(_STUDENT_LIST_DISPLAY).fillna(False)
    student_level = level.eq("student-level") | listing.astype(bool)
    outside = ~dissemination["audience"].map(_norm).isin(permitted)
    found = dissemination[student_level & outside]
    reasons = [
        _reason(audience, mislabelled=not lvl.startswith("student"))
        for audience, lvl in zip(found["audience"], level[found.index], strict=True)
    ]
    out = found.assign(row=spreadsheet_rows(found), reason=reasons).rename_axis(index=None)
    return out[["row", "element", "audience", "display", "access_level", "reason"]].reset_index(drop=True)


def violation_cells(
    dissemination: pd.DataFrame, allowed: tuple[str, ...] | list[str] = DEFAULT_STUDENT_LEVEL_AUDIENCES
) -> pd.DataFrame:
    """Element × audience, shaped like :func:`audience_matrix`: True where a cell holds an
    :func:`access_violations` row (audiences matched with case, spacing and plural ignored)."""
    matrix = audience_matrix(dissemination)
    violations = access_violations(dissemination, allowed)
    flagged = set(zip(violations["element"].astype(str), violations["audience"].map(_norm), strict=True))
    marks = [[(str(element), _norm(audience)) in flagged for audience in matrix.columns] for element in matrix.index]
    return pd.DataFrame(marks, index=matrix.index, columns=matrix.columns, dtype=bool)


def _reason(audience: object, mislabelled: bool) -> str:
    why = _REASONS_BY_AUDIENCE.get(
        _norm(audience), f"{audience} has no legitimate educational interest in named students: release an aggregate")
    head = "the display is a list of students although marked aggregate; " if mislabelled else ""
    return f"{head}student-level data for {audience}: {why}"


def dissemination_summary(
    dissemination: pd.DataFrame, school_year_start: date,
    allowed: tuple[str, ...] | list[str] = DEFAULT_STUDENT_LEVEL_AUDIENCES,
) -> dict[str, Any]:
    """The schedule's findings as plain JSON-ready values.

    Keys: ``n_rows``, ``n_elements``, ``rows_per_audience``, ``n_student_level_rows``,
    ``n_releases`` (after cadence expansion, placed in the year), ``releases_per_month``
    ("YYYY-MM" -> count, in school-year order), ``busiest_month``, ``unplaced`` (rows whose
    release could not be read: row, element, release), ``notes``, ``violations`` (row, element,
    audience, reason).
    """
    calendar = release_calendar(dissemination, school_year_start)
    placed = calendar[calendar["school_month"].notna()]
    per_month = placed.groupby(placed["month"].dt.strftime("%Y-%m"), sort=True).size()
    unplaced = calendar[calendar["month"].isna()]
    violations = access_violations(dissemination, allowed)
    level = dissemination["access_level"].astype(str).str.casefold()
    return {
        "n_rows": int(len(dissemination)),
        "n_elements": int(dissemination["element"].nunique()),
        "rows_per_audience": {str(k): int(v) for k, v in dissemination["audience"].value_counts(sort=False).items()},
        "n_student_level_rows": int(level.str.startswith("student").sum()),
        "n_releases": int(len(placed)),
        "releases_per_month": {str(k): int(v) for k, v in per_month.items()},
        "busiest_month": str(per_month.idxmax()) if len(per_month) else None,
        "unplaced": [{"element": str(e), "release": str(r)}
                     for e, r in zip(unplaced["element"], unplaced["release"], strict=True)],
        "notes": sorted({str(n) for n in calendar["note"] if n}),
        "violations": [
            {"row": int(r.row), "element": str(r.element), "audience": str(r.audience), "reason": str(r.reason)}
            for r in violations.itertuples(index=False)
        ],
    }


def describe_dissemination(
    dissemination: pd.DataFrame, school_year_start: date,
    allowed: tuple[str, ...] | list[str] = DEFAULT_STUDENT_LEVEL_AUDIENCES,
) -> str:
    """The schedule's findings in a few plain sentences for a data coach."""
    s = dissemination_summary(dissemination, school_year_start, allowed)
    if s["n_rows"] == 0:
        return "The dissemination schedule is empty: list who receives which data, and when."
    lines = [f"The schedule sends {s['n_elements']} data elements to {len(s['rows_per_audience'])} audiences, "
             f"{s['n_releases']} releases over the school year."]
    if s["busiest_month"]:
        busiest = pd.Timestamp(s["busiest_month"] + "-01").strftime("%B %Y")
        lines.append(f"The busiest month is {busiest} with {s['releases_per_month'][s['busiest_month']]} releases.")
    if s["unplaced"]:
        names = ", ".join(f"“{u['element']}” ({u['release']})" for u in s["unplaced"])
        lines.append(f"Could not place these releases on the calendar: {names}. "
                     "Use a month name or a date like 2025-10-15.")
    if s["violations"]:
        lines.append(f"{len(s['violations'])} row(s) send student-level data where only aggregates should go:")
        lines += [f"row {v['row']}, “{v['element']}” to {v['audience']}." for v in s["violations"]]
    else:
        lines.append("Student-level data go only to staff who work with those students.")
    return " ".join(lines)
