"""The data dissemination schedule (Toolkit 1.7) on small hand-built schedules."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from datadriver_utils.charts.calendar import release_calendar_figure
from datadriver_utils.stats.dissemination import (
    DEFAULT_STUDENT_LEVEL_AUDIENCES,
    access_violations,
    audience_matrix,
    cadence_step,
    describe_dissemination,
    dissemination_summary,
    release_calendar,
)

COLUMNS = ["element", "audience", "display", "release", "cadence", "access_level", "owner"]
AUG = date(2025, 8, 1)


def _schedule(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def _row(release: object, cadence: object = "once", element: str = "E", audience: str = "teachers",
         level: str = "aggregate", display: object = "table") -> tuple[object, ...]:
    return (element, audience, display, release, cadence, level, "Owner")


def _months(calendar: pd.DataFrame) -> list[str]:
    return [m.strftime("%Y-%m") if pd.notna(m) else "NaT" for m in calendar["month"]]


@pytest.fixture
def clean() -> pd.DataFrame:
    return _schedule([
        _row("October", "3 times a year", "Common assessment by student", "teachers", "student-level", "heat map"),
        _row("October", "3 times a year", "Common assessment summary", "principals", "aggregate", "bar chart"),
        _row("November", "quarterly", "Students needing support", "Counselors", "student-level", "student list"),
        _row("2026-03-02", "annually", "School dashboard", "public", "aggregate", "web dashboard"),
    ])


@pytest.fixture
def leaky(clean: pd.DataFrame) -> pd.DataFrame:
    extra = _schedule([
        _row("2026-02-17", "once", "List below 70%", "school board", "student-level", "spreadsheet"),
        _row("January", "once", "Newsletter", "families", "student-level", "letter"),
        _row("May", "once", "Roster for board", "School Board", "aggregate", "student list"),
        _row("May", "once", "Teacher list", "Teacher", "student-level", "student list"),
    ])
    return pd.concat([clean, extra], ignore_index=True)


@pytest.mark.parametrize(("release", "expected"), [
    ("October", "2025-10"), ("March", "2026-03"), ("August", "2025-08"), ("July", "2026-07"),
    ("sept", "2025-09"), ("Dec.", "2025-12"), ("2026-02-06", "2026-02"), ("2025-10", "2025-10"),
    ("March 2026", "2026-03"), (pd.Timestamp("2025-11-20"), "2025-11"), (date(2026, 1, 5), "2026-01"),
])
def test_month_resolution_across_the_year_boundary(release: object, expected: str) -> None:
    calendar = release_calendar(_schedule([_row(release)]), AUG)
    assert _months(calendar) == [expected] and calendar["note"].iloc[0] == ""


def test_september_start_moves_august_to_the_end() -> None:
    calendar = release_calendar(_schedule([_row("August"), _row("September")]), date(2025, 9, 15))
    # year = Sep 2025 .. Aug 2026: August is the 12th month, September the 1st (sorted first)
    assert _months(calendar) == ["2025-09", "2026-08"]
    assert calendar["school_month"].tolist() == [1, 12]


def test_unparseable_release_kept_with_a_note() -> None:
    calendar = release_calendar(_schedule([_row("sometime", "monthly"), _row("October")]), AUG)
    assert _months(calendar) == ["2025-10", "NaT"]  # unplaced rows sort last, and are not expanded
    assert calendar["school_month"].isna().tolist() == [False, True]
    assert "not a month name or an ISO date" in calendar["note"].iloc[1]


def test_date_outside_the_school_year_is_noted() -> None:
    calendar = release_calendar(_schedule([_row("2024-05-01", "monthly")]), AUG)
    assert _months(calendar) == ["2024-05"] and pd.isna(calendar["school_month"].iloc[0])
    assert calendar["note"].iloc[0] == "released outside this school year"


@pytest.mark.parametrize(("release", "cadence", "expected"), [
    ("October", "monthly", ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03",
                            "2026-04", "2026-05", "2026-06", "2026-07"]),  # Oct..Jul = 10
    ("October", "quarterly", ["2025-10", "2026-01", "2026-04", "2026-07"]),  # (11 - 2) // 3 + 1 = 4
    ("October", "3 times a year", ["2025-10", "2026-02", "2026-06"]),  # every 12 // 3 = 4 months
    ("January", "twice a year", ["2026-01", "2026-07"]),
    ("March", "each semester", ["2026-03"]),  # a second release would be in September 2026
    ("August", "every 2 months", ["2025-08", "2025-10", "2025-12", "2026-02", "2026-04", "2026-06"]),
    ("October", "annually", ["2025-10"]),
    ("October", None, ["2025-10"]),
])
def test_cadence_expansion_counts(release: str, cadence: object, expected: list[str]) -> None:
    calendar = release_calendar(_schedule([_row(release, cadence)]), AUG)
    assert _months(calendar) == expected
    assert calendar["release_number"].tolist() == list(range(1, len(expected) + 1))


def test_weekly_and_unknown_cadence_notes() -> None:
    calendar = release_calendar(_schedule([_row("September", "weekly", "W"), _row("October", "whenever", "U")]), AUG)
    weekly, unknown = calendar[calendar["element"] == "W"], calendar[calendar["element"] == "U"]
    assert len(weekly) == 11  # Sep..Jul, one marker per month
    assert set(weekly["note"]) == {"weekly releases shown once a month"}
    assert len(unknown) == 1 and "not recognised" in unknown["note"].iloc[0]


def test_cadence_step_table() -> None:
    assert cadence_step("Monthly") == (1, "")
    assert cadence_step("each quarter") == (3, "")
    assert cadence_step("Four times a year") == (3, "")
    assert cadence_step("once") == (None, "")
    assert cadence_step(np.nan) == (None, "")


def test_calendar_is_sorted_by_month(clean: pd.DataFrame) -> None:
    calendar = release_calendar(clean, AUG)
    # "3 times a year" from Oct, two rows: Oct, Feb, Jun each -> 6; quarterly from Nov: Nov, Feb, May
    # (Aug 2026 is outside the year) -> 3; the dashboard in Mar -> 1. Total 10.
    assert _months(calendar) == ["2025-10", "2025-10", "2025-11", "2026-02", "2026-02", "2026-02",
                                 "2026-03", "2026-05", "2026-06", "2026-06"]
    assert calendar["month_label"].iloc[0] == "Oct 2025"


def test_audience_matrix(clean: pd.DataFrame) -> None:
    extra = _schedule([_row("May", "once", "School dashboard", "teachers", "aggregate", None)])
    matrix = audience_matrix(pd.concat([clean, extra], ignore_index=True))
    assert matrix.columns.tolist() == ["teachers", "Counselors", "principals", "public"]
    assert matrix.index.tolist() == ["Common assessment by student", "Common assessment summary",
                                     "Students needing support", "School dashboard"]
    assert matrix.loc["Common assessment by student", "teachers"] == "heat map (student-level)"
    assert matrix.loc["School dashboard", "teachers"] == "unspecified display (aggregate)"
    assert matrix.loc["School dashboard", "principals"] == ""


def test_clean_table_has_no_violations(clean: pd.DataFrame) -> None:
    assert access_violations(clean).empty
    assert set(DEFAULT_STUDENT_LEVEL_AUDIENCES) == {"teachers", "data team", "counselors", "principals"}


def test_access_violations_found(leaky: pd.DataFrame) -> None:
    found = access_violations(leaky)
    # rows 6, 7, 8 (index 4, 5, 6): board list, families newsletter, a student list mislabelled aggregate.
    # "Teacher" (singular, student list) is allowed.
    assert found["row"].tolist() == [6, 7, 8]
    assert found["audience"].tolist() == ["school board", "families", "School Board"]
    assert "school board governs" in found["reason"].iloc[0]
    assert "their own child" in found["reason"].iloc[1]
    assert found["reason"].iloc[2].startswith("the display is a list of students although marked aggregate")


def test_allowed_audiences_can_be_widened(leaky: pd.DataFrame) -> None:
    found = access_violations(leaky, allowed=[*DEFAULT_STUDENT_LEVEL_AUDIENCES, "school board"])
    assert found["audience"].tolist() == ["families"]


def test_summary_and_description(leaky: pd.DataFrame) -> None:
    summary = dissemination_summary(leaky, AUG)
    assert json.loads(json.dumps(summary)) == summary
    # clean: 10 releases (see test_calendar_is_sorted_by_month) + Feb, Jan, May, May = 14
    assert summary["n_releases"] == 14 and summary["n_rows"] == 8
    assert summary["releases_per_month"]["2026-02"] == 4 and summary["busiest_month"] == "2026-02"
    assert summary["n_student_level_rows"] == 5
    assert [v["row"] for v in summary["violations"]] == [6, 7, 8]
    text = describe_dissemination(leaky, AUG)
    assert "February 2026 with 4 releases" in text and "row 6, “List below 70%” to school board" in text


def test_empty_schedule() -> None:
    empty = _schedule([])
    assert release_calendar(empty, AUG).empty
    assert access_violations(empty).empty
    summary = dissemination_summary(empty, AUG)
    assert summary["n_releases"] == 0 and summary["busiest_month"] is None
    assert "empty" in describe_dissemination(empty, AUG)
    assert isinstance(release_calendar_figure(release_calendar(empty, AUG)), Figure)


def test_calendar_figure_draws_one_marker_per_placed_release(clean: pd.DataFrame) -> None:
    schedule = pd.concat([clean, _schedule([_row("sometime")])], ignore_index=True)
    figure = release_calendar_figure(release_calendar(schedule, AUG))
    offsets = np.concatenate([c.get_offsets() for c in figure.axes[0].collections])
    assert len(offsets) == 10  # the unplaced release is left out
    assert "1 release(s) not shown" in figure.texts[0].get_text()
