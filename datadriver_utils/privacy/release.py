"""What a report may release to its audience: tables as shown, identifiers dropped, summaries coded.

Every table a notebook shows and every number it publishes passes through here, so a privacy
decision is made in one place: which columns leave the team (:func:`drop_identifiers`), how a
table reads once suppressed and coded (:func:`format_for_audience`), and how summary.json is
coded for the public.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from datadriver_utils.privacy.coding import (
    BOTTOM,
    COMPLEMENT,
    DERIVED,
    HIDDEN,
    PUBLISHED,
    SHOWN,
    TOP,
    WITHHELD,
    code_status,
    plan_values,
)
from datadriver_utils.privacy.rules import IDENTIFIER_COLUMNS, RESPONDENT_COLUMNS, Audience, PrivacyRules
from datadriver_utils.privacy.suppression import (
    count_text,
    suppress_small_groups,
    suppress_with_complements,
    table_lines,
)


def release_values(
    table: pd.DataFrame,
    count_col: str,
    value_cols: Sequence[str],
    rules: PrivacyRules,
    audience: Audience | str,
    *,
    group_cols: Sequence[str] | Sequence[Sequence[str]] | None = None,
    total_row: Mapping[str, object] | None = None,
    pct_cols: Sequence[str] | None = None,
    free_text_cols: Sequence[str] = (),
    derived: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """The values of a table of groups that may leave the team: the data behind what is shown.

    In order: :func:`drop_identifiers`, suppression (with complements when ``group_cols`` is
    given), then the percentages ``pct_cols`` (default: all ``value_cols``) as
    :mod:`~datadriver_utils.privacy.coding` decides: coded for the public (``"≤5%"``), or the
    marker where the band would say the exact count or where a coded or hidden value could
    otherwise be worked out; ``derived`` columns (column -> the percentages it is computed
    from) become the marker with their sources.  Beyond the team the frame has ``suppressed``
    and ``suppression_reason`` columns; for the team it is the table unchanged (a copy).
    """
    audience = Audience.parse(audience)
    out = drop_identifiers(table, audience, free_text_cols)
    if group_cols is None:
        out = suppress_small_groups(out, count_col, value_cols, rules, audience)
    else:
        out = suppress_with_complements(out, count_col, value_cols, group_cols, rules, audience, total_row)
    if audience.allows_student_rows:
        return out
    plan = _value_plan(table, count_col, value_cols, rules, audience, out["suppressed"].to_numpy(dtype=bool),
                       group_cols, total_row, pct_cols, derived)
    text = {BOTTOM: rules.bottom_text, TOP: rules.top_text, WITHHELD: rules.marker, COMPLEMENT: rules.marker,
            DERIVED: rules.marker}
    for col, status in plan.items():
        values = out[col].astype(object).to_numpy(copy=True)
        for code, shown in text.items():
            values[status == code] = shown
        values[status == HIDDEN] = None
        out[col] = pd.Series(values, index=out.index, dtype=object)
    return out


def _value_plan(
    table: pd.DataFrame,
    count_col: str,
    value_cols: Sequence[str],
    rules: PrivacyRules,
    audience: Audience,
    hidden: np.ndarray,
    group_cols: Sequence[str] | Sequence[Sequence[str]] | None,
    total_row: Mapping[str, object] | None,
    pct_cols: Sequence[str] | None,
    derived: Mapping[str, Sequence[str]] | None,
) -> dict[str, np.ndarray]:
    """:func:`~datadriver_utils.privacy.coding.plan_values` for a table as the release functions take it."""
    strays = [c for c in (derived or {}) if c not in value_cols]
    if strays:
        raise ValueError(f"derived column(s) {strays} must also be value columns (they are hidden with their rows)")
    counts = pd.to_numeric(table[count_col], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    primary = np.isnan(counts) | (counts < rules.min_group_size)
    lines = [] if group_cols is None else table_lines(table, group_cols, total_row)
    pct = [c for c in (value_cols if pct_cols is None else pct_cols) if c != count_col]
    return plan_values(table, counts, pct, rules, audience, hidden=hidden, primary=primary, lines=lines,
                       derived=derived)


def value_status(
    table: pd.DataFrame,
    count_col: str,
    value_cols: Sequence[str],
    rules: PrivacyRules,
    audience: Audience | str,
    *,
    group_cols: Sequence[str] | Sequence[Sequence[str]] | None = None,
    total_row: Mapping[str, object] | None = None,
    pct_cols: Sequence[str] | None = None,
    derived: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """What :func:`release_values` does to each value: a frame of ``value_cols`` (and ``derived``
    columns) holding :data:`~datadriver_utils.privacy.coding.SHOWN`, ``BOTTOM``, ``TOP``,
    ``WITHHELD``, ``COMPLEMENT``, ``DERIVED`` or ``HIDDEN``.

    A chart drawn from the table hides every cell that is not ``SHOWN`` (a bar at 3% tells
    what "≤5%" hides); summary.json carries the cells in
    :data:`~datadriver_utils.privacy.coding.PUBLISHED` (its ``Share`` type codes them) and
    ``null`` for the rest -- so the table, the chart and the JSON release the same figures.
    """
    audience = Audience.parse(audience)
    columns = list(dict.fromkeys([*value_cols, *(derived or {})]))
    frame = pd.DataFrame(SHOWN, index=table.index, columns=columns, dtype=object)
    if audience.allows_student_rows:
        return frame
    hidden = hidden_rows(table, count_col, rules, audience, group_cols=group_cols, value_cols=value_cols,
                         total_row=total_row)
    frame.loc[hidden, :] = HIDDEN
    for col, status in _value_plan(table, count_col, value_cols, rules, audience, hidden, group_cols, total_row,
                                   pct_cols, derived).items():
        frame[col] = status
    return frame


def published_value(value: Any, status: str, *, type_codes: bool) -> Any:
    """What summary.json carries for a cell of ``status`` (:func:`value_status`): the number when
    shown; when coded, the number only if the field's type codes it (a ``Share``: the JSON then
    reads "≤5%" like the table) and null otherwise; null when hidden or protected."""
    if status == SHOWN or (type_codes and status in PUBLISHED):
        return value
    return None


def withheld_cells(table: pd.DataFrame, count_col: str, value_cols: Sequence[str], rules: PrivacyRules,
                   audience: Audience | str, **options: Any) -> pd.DataFrame:
    """True where summary.json must carry ``null``: the cell is hidden, withheld or protected
    (:func:`value_status` not in ``PUBLISHED``).  Options as :func:`value_status`."""
    return ~value_status(table, count_col, value_cols, rules, audience, **options).isin(PUBLISHED)


def format_for_audience(
    table: pd.DataFrame,
    count_col: str,
    value_cols: Sequence[str],
    rules: PrivacyRules,
    audience: Audience | str,
    *,
    group_cols: Sequence[str] | Sequence[Sequence[str]] | None = None,
    total_row: Mapping[str, object] | None = None,
    pct_cols: Sequence[str] | None = None,
    free_text_cols: Sequence[str] = (),
    int_cols: Sequence[str] = (),
    decimals: Mapping[str, int] | None = None,
    derived: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Everything a notebook table needs before it is shown, as display strings.

    :func:`release_values`, then text: percentages with one decimal and ``%``, other values
    with one decimal (``decimals`` overrides, e.g. ``{"effect_size": 2}``), ``int_cols`` as
    whole numbers, hidden values as ``rules.marker``, missing ones as ``"—"``.  The
    bookkeeping columns are dropped; put ``rules.describe(audience)`` under the table.
    """
    pct_cols = list(value_cols if pct_cols is None else pct_cols)
    out = release_values(table, count_col, value_cols, rules, audience, group_cols=group_cols,
                         total_row=total_row, pct_cols=pct_cols, free_text_cols=free_text_cols, derived=derived)
    hidden = out.pop("suppressed") if "suppressed" in out else pd.Series(False, index=out.index)
    out = out.drop(columns=["suppression_reason"], errors="ignore")
    out[count_col] = out[count_col].map(lambda v: _display(v, "count")).astype(object)
    places = dict(decimals or {})
    for col in (c for c in value_cols if c != count_col):
        kind = "pct" if col in pct_cols else "int" if col in int_cols else "value"
        text = out[col].map(lambda v, kind=kind, n=places.get(col, 1): _display(v, kind, n)).astype(object)
        out[col] = text.mask(hidden.to_numpy(dtype=bool), rules.marker)
    return out


def _display(value: object, kind: str, places: int = 1) -> str:
    """One cell as text: kept if already text, "—" if missing, else a count or ``places`` decimals."""
    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return "—"
    number = float(value)  # type: ignore[arg-type]
    if kind == "count":
        return count_text(number)
    if kind == "int":
        return f"{number:.0f}"
    return f"{number:.{places}f}%" if kind == "pct" else f"{number:.{places}f}"


def drop_identifiers(
    table: pd.DataFrame, audience: Audience | str, free_text_cols: Sequence[str] = ()
) -> pd.DataFrame:
    """Remove columns that name a student or respondent, and free-text columns, beyond the team.

    ``IDENTIFIER_COLUMNS`` are matched ignoring case and surrounding spaces; free text
    (comments, "other, please say") is dropped because people write names into it (FERPA
    34 CFR 99.3: PII is whatever lets someone in the school community identify a student).
    """
    audience = Audience.parse(audience)
    if audience.allows_student_rows:
        return table.copy()
    free = set(free_text_cols)
    drop = [c for c in table.columns if str(c).strip().lower() in IDENTIFIER_COLUMNS or c in free]
    return table.drop(columns=drop)


def summary_context(rules: PrivacyRules, audience: Audience | str) -> dict[str, Any] | None:
    """How a typed summary is written for ``audience``: for the public, every
    :data:`~datadriver_utils.core.quantities.Share` is top/bottom coded exactly as the public
    tables are (a reader must not find in the JSON what the HTML hides, FERPA 34 CFR
    99.31(b)(1)); other kinds -- cuts, targets, gains, scores -- stay numbers."""
    if Audience.parse(audience) is not Audience.PUBLIC:
        return None

    def code_share(value: float) -> float | str:
        exact = round(float(value), 9)
        if exact <= rules.bottom_code_pct:
            return rules.bottom_text
        if exact >= rules.top_code_pct:
            return rules.top_text
        return value

    return {"code_share": code_share}


def hidden_rows(
    table: pd.DataFrame,
    count_col: str,
    rules: PrivacyRules,
    audience: Audience | str,
    *,
    group_cols: Sequence[str] | Sequence[Sequence[str]] | None = None,
    value_cols: Sequence[str] = (),
    total_row: Mapping[str, object] | None = None,
) -> np.ndarray:
    """Which rows of ``table`` the audience may not see (never any for the team).

    With ``group_cols`` the rows are lines that add up to known totals and complements are
    hidden too (:func:`~datadriver_utils.privacy.suppression.suppress_with_complements`);
    without, small rows only.  A chart drawn from the table hides the same rows, so the chart
    tells no more than the table.
    """
    audience = Audience.parse(audience)
    if audience.allows_student_rows or table.empty:
        return np.zeros(len(table), dtype=bool)
    if group_cols is None:
        shown = suppress_small_groups(table, count_col, list(value_cols), rules, audience)
    else:
        shown = suppress_with_complements(table, count_col, list(value_cols), group_cols, rules, audience, total_row)
    return shown["suppressed"].to_numpy(dtype=bool)


def too_small_to_share(n: int | None, rules: PrivacyRules, audience: Audience | str) -> bool:
    """True when a figure about ``n`` students may not leave the team for this audience."""
    if Audience.parse(audience).allows_student_rows:
        return False
    return n is None or n < rules.min_group_size


def smallest_group(rules: PrivacyRules, audience: Audience | str) -> int:
    """The fewest students a statistic may rest on for ``audience``: 1 inside the team (every
    item, every student), the district's minimum group size beyond it.  Analyses take it as
    their ``min_group_size`` so a figure about too few students is never computed, not merely
    hidden afterwards."""
    return 1 if Audience.parse(audience).allows_student_rows else rules.min_group_size


# -- workshop answers: members of the team, not students -----------------------------------------

def names_members(audience: Audience | str) -> bool:
    """True for the team audience only: the one that may see a member's own ratings, the names
    on the roster, who agreed a draft, action owners, the minutes and a person's "own part".
    Staff rating their own team are identifiable by anyone who knows the team."""
    return Audience.parse(audience) is Audience.TEAM


def member_limit(rules: PrivacyRules, audience: Audience | str) -> int | None:
    """The fewest members a workshop profile may rest on for ``audience``: ``None`` (no limit)
    inside the team, the district's staff minimum beyond it (``min_staff_group_size``,
    default 3).

    Staff rating their own team's practice are not students: the student minimum (10, NCES
    2011-603) would hide every team's Module 1 results, even a six-member District Data Team's.
    What must not happen is that one member can work out a named colleague's answers from a
    profile and their own answers; with two raters that is exactly what happens, with three it
    is not (docs/privacy.md, "Staff self-ratings").  Names and each member's own ratings stay
    in the team view whatever the size (:func:`names_members`)."""
    return None if names_members(audience) else rules.min_staff_group_size


def staff_minimum_note(rules: PrivacyRules, what: str = "The self-assessment profile") -> str:
    """The sentence a view shows when a staff profile stays inside the team."""
    return (f"{what} stays inside the team: fewer than {rules.min_staff_group_size} members rated it "
            "(the district's minimum for staff self-ratings).")


def shows_sections(rules: PrivacyRules, audience: Audience | str) -> bool:
    """True when ``audience`` may see results by section (classroom).

    A section points at one teacher and a small set of students (state report cards publish
    school, grade and subgroup levels, never classrooms; FIELD_NOTES, "More disclosure rules
    seen in practice"): the team always sees them, the district only when district.yml sets
    ``show_sections_to_district: true``, the public never."""
    audience = Audience.parse(audience)
    if audience is Audience.TEAM:
        return True
    return audience is Audience.DISTRICT and rules.sections_for_district


SECTIONS_NOTE = ("Results by section (classroom) are kept inside the team: a section points at one teacher "
                 "and a few students.")
"""What a view says instead of a section table when :func:`shows_sections` is False."""


def without_respondents(flags: pd.DataFrame, person_column: str = "person_id",
                        respondent_tables: Collection[str] = ("surveys",)) -> pd.DataFrame:
    """Data-quality flags with no survey respondent id left in them, for every audience.

    Respondent ids never appear in any output (docs/analysis.md): the spreadsheet row number
    already finds the row.  The person id of a row of ``respondent_tables`` is blanked, and so
    is the value of a flagged ``respondent`` column (:data:`RESPONDENT_COLUMNS`)."""
    out = flags.copy()
    if person_column in out and "table" in out:
        out[person_column] = out[person_column].astype(object).mask(out["table"].isin(list(respondent_tables)), None)
    if {"column", "value"} <= set(out.columns):
        out["value"] = out["value"].astype(object).mask(out["column"].isin(list(RESPONDENT_COLUMNS)), "")
    return out


def profile_withheld(n_members: int, rules: PrivacyRules, audience: Audience | str) -> bool:
    """True when a profile rated by ``n_members`` people must stay inside the team
    (fewer than :func:`member_limit`)."""
    limit = member_limit(rules, audience)
    return limit is not None and n_members < limit


def teacher_results_withheld(n_teachers: int, rules: PrivacyRules, audience: Audience | str) -> bool:
    """True when a figure over ``n_teachers`` teachers' own records (their classrooms' results,
    their credential progress) must stay inside the team.

    Unlike a team's self-ratings of its own work (:func:`profile_withheld`, the staff minimum),
    these describe each teacher's practice and her students' learning: with five teachers a
    mean change or "3 of 3 complete" tells a principal about each of them. Beyond the team they
    take the student minimum (``min_group_size``) like any figure about people.
    """
    return not names_members(audience) and n_teachers < rules.min_group_size


def shareable_flag_rows(flags: pd.DataFrame, audience: Audience | str, person_tables: Collection[str],
                        person_column: str = "person_id") -> pd.DataFrame:
    """The rows behind data-quality flags that may leave the team: for the team every row, beyond
    it only rows of files that are not about people (``person_tables``), without the person id."""
    if names_members(audience):
        return flags
    return flags[~flags["table"].isin(list(person_tables))].drop(columns=person_column)


def released_share(value: Any, rules: PrivacyRules, audience: Audience | str, n: float | None = None) -> Any:
    """A share as ``audience`` may read it in a sentence: coded for the public exactly as in
    summary.json (:func:`summary_context`), so the words never undo the coding of the numbers.
    Text (already coded) and missing values are returned as they are.

    Give ``n``, the people the share is of, whenever it is known: where the coding band would
    hold a single count of them ("≤5%" of 18 can only be 0) the marker is returned instead, as
    the tables do (:func:`~datadriver_utils.privacy.coding.code_status`)."""
    context = summary_context(rules, audience)
    if context is None or value is None or isinstance(value, (str, bool)):
        return value
    if n is not None and code_status([value], [float(n)], rules, audience)[0] == WITHHELD:
        return rules.marker
    return context["code_share"](value)
