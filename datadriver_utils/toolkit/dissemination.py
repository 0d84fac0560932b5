"""The dissemination notebook (04): who receives which data, when, and in how much detail.

Activity 1.7 of the District Data Team Toolkit (Massachusetts ESE, Module 1; shared/seeds 004)
asks a team to plan its releases: each data element, the audiences that receive it, how it is
displayed, at what access level and how often.  The schedule is read in
:mod:`datadriver_utils.stats.dissemination`; this module arranges it as results for the notebook
and as the typed ``dissemination`` section of summary.json.

dissemination.csv is not about students, so its tables are shown to every audience.  The
schedule itself can break privacy rules: :func:`audience_matrix` marks every cell that sends
student-level data to an audience that should receive aggregates only.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from pydantic import Field

from datadriver_utils.charts.calendar import release_calendar_figure
from datadriver_utils.core.quantities import Count, Label, Summary, Text
from datadriver_utils.notebook.html import render
from datadriver_utils.notebook.needs import needs
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Fragment, Result
from datadriver_utils.stats import dissemination as stats

__all__ = [
    "AccessViolation", "DisseminationSummary", "UnplacedRelease", "access_violations", "audience_matrix",
    "dissemination_table", "overview", "publish", "release_calendar", "summary",
]

_LABELS = {
    "row": "Row", "element": "Data element", "audience": "Audience", "display": "Display",
    "access_level": "Access level", "month_label": "Month", "release_number": "Release no.",
    "cadence": "Cadence", "note": "Note", "reason": "Why it is flagged",
}
_VIOLATION_STYLE = "background:#fde0dc;border:2px solid #b3261e;font-weight:bold"


class UnplacedRelease(Summary):
    """A row whose release date could not be read, so it is not on the calendar."""

    element: Label = Field(description="the data element")
    release: Text = Field(description="the release as written")


class AccessViolation(Summary):
    """A row sending student-level data to an audience that should receive aggregates only."""

    row: Count = Field(description="spreadsheet row of dissemination.csv (header = 1)")
    element: Label = Field(description="the data element")
    audience: Label = Field(description="the audience as written")
    reason: Text = Field(description="why it is a violation and what to release instead")


class DisseminationSummary(Summary):
    """The release schedule for the school year and the rows that break the access rule (notebook 04)."""

    section = "dissemination"
    n_rows: Count = Field(description="rows in dissemination.csv")
    n_elements: Count = Field(description="distinct data elements")
    rows_per_audience: dict[str, Count] = Field(description="audience as written -> rows")
    n_student_level_rows: Count = Field(description="rows whose access level is student-level")
    n_releases: Count = Field(description="releases placed in the school year, after cadence expansion")
    releases_per_month: dict[str, Count] = Field(description="YYYY-MM -> releases, in school-year order")
    busiest_month: Label = Field(description="YYYY-MM with the most releases (null when none placed)")
    unplaced: list[UnplacedRelease] = Field(description="rows whose release could not be read")
    notes: list[Text] = Field(description="how cadences were drawn, sorted")
    violations: list[AccessViolation] = Field(description="student-level data scheduled for the wrong audience")


def dissemination_table(report: Report) -> pd.DataFrame:
    """dissemination.csv as validated (indexed by spreadsheet row)."""
    return report.team.table("dissemination")


def _year_start(report: Report) -> dt.date:
    return report.team.district.year_start


@needs("dissemination")
def overview(report: Report) -> Result:
    """A plain reading of the schedule: audiences, releases, busiest month, violations."""
    return Result().note(stats.describe_dissemination(dissemination_table(report), _year_start(report)), "info")


def _calendar_alt(calendar: pd.DataFrame) -> str:
    """The calendar in words: how many releases, to whom, and the busiest month."""
    placed = calendar[calendar["school_month"].notna()]
    if placed.empty:
        return "No releases could be placed on the calendar."
    per_month = placed.groupby("month_label", sort=False).size()
    audiences = list(dict.fromkeys(placed["audience"].astype(str)))
    left_out = len(calendar) - len(placed)
    return (f"Release calendar: {len(placed)} release(s) of {placed['element'].nunique()} element(s) across the "
            f"school year, to {', '.join(audiences)}; busiest month {per_month.idxmax()} "
            f"({int(per_month.max())} releases)." + (f" {left_out} release(s) not shown." if left_out else ""))


@needs("dissemination")
def release_calendar(report: Report) -> Result:
    """The release calendar as a chart, then as a table in school-year order."""
    calendar = stats.release_calendar(dissemination_table(report), _year_start(report))
    columns = ["month_label", "element", "audience", "display", "access_level", "release_number", "note"]
    return Result([Chart(release_calendar_figure(calendar), _calendar_alt(calendar), name="release calendar"),
                   report.tabulate(calendar[columns], caption="Every release in the school year", rename=_LABELS,
                                   name="calendar")])


@needs("dissemination")
def audience_matrix(report: Report) -> Result:
    """Element × audience, each cell "display (access level)", violations boxed and marked ⚠.

    ``.value`` holds the matrix; the cells are escaped by the template.
    """
    schedule = dissemination_table(report)
    matrix = stats.audience_matrix(schedule)
    flagged = stats.violation_cells(schedule)
    rows = [{"label": element, "cells": [{"text": cell, "flagged": bool(flagged.loc[element, audience])}
                                         for audience, cell in cells.items()]}
            for element, cells in matrix.iterrows()]
    markup = render("matrix", legend_title="Who receives what.", legend=(
        "Each cell: how the data are shown (access level). Cells marked ⚠ with a red border send "
        "student-level data to an audience that should receive aggregates only."),
        headings=["Data element", *matrix.columns], rows=rows, flagged_style=_VIOLATION_STYLE)
    return Result([Fragment(markup, label=f"audience matrix ({int(flagged.to_numpy().sum())} flagged)")],
                  value=matrix)


@needs("dissemination")
def access_violations(report: Report) -> Result:
    """The rows of the schedule that break the access rule, with the reason and the fix."""
    violations = stats.access_violations(dissemination_table(report))
    if violations.empty:
        return Result().note("Student-level data go only to staff who work with those students.", "good")
    return Result([report.tabulate(violations, caption="Student-level data scheduled for the wrong audience",
                                   rename=_LABELS, name="violations")])


@needs("dissemination")
def summary(report: Report) -> DisseminationSummary:
    """The ``dissemination`` section (:func:`~datadriver_utils.stats.dissemination.dissemination_summary`)."""
    return DisseminationSummary.model_validate(
        stats.dissemination_summary(dissemination_table(report), _year_start(report)))


def publish(report: Report) -> DisseminationSummary | None:
    """Write the ``dissemination`` section of summary.json and return it (None without the file)."""
    found = summary(report)
    if not isinstance(found, DisseminationSummary):
        return None
    report.publish(found)
    return found
