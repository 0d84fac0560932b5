"""What the Module 1 notebooks show: the data inventory (02) and the dissemination schedule (04).

The District Data Team Toolkit (Massachusetts ESE, Module 1; shared/seeds 004) asks a team to
take stock of its data: list every element under Bernhardt's four domains (activity 1.5), judge
how the data are collected (1.6, see :mod:`datadriver_utils.toolkit.collection`) and
plan who receives which data, when and at what level of detail (1.7). The analyses live in
:mod:`datadriver_utils.stats.inventory` and :mod:`datadriver_utils.stats.dissemination`; this module only
arranges them for a notebook (``show_*``) and for ``summary.json`` (``publish_*``).

Neither file is about students, so their tables are shown to every audience. The schedule
itself can break privacy rules; :func:`show_audience_matrix` marks every cell that sends
student-level data to an audience that should receive aggregates only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from IPython.display import HTML, display

from datadriver_utils.charts.toolkit import coverage_heatmap_figure, release_calendar_figure
from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.errors import DataProblemsError
from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.dissemination import (
    access_violations,
    audience_matrix,
    describe_dissemination,
    dissemination_summary,
    release_calendar,
)
from datadriver_utils.stats.inventory import (
    DOMAINS,
    coverage_by_school,
    describe_inventory,
    domain_coverage,
    domain_intersections,
    inventory_summary,
    missing_domains,
    redundant_collections,
    unused_elements,
)

__all__ = [
    "inventory_table", "show_inventory_overview", "show_coverage_heatmap", "show_unused_elements",
    "show_redundant_collections", "show_missing_domains", "show_domain_intersections",
    "publish_inventory", "dissemination_table", "show_dissemination_overview",
    "show_release_calendar", "show_audience_matrix", "show_access_violations", "publish_dissemination",
]

_LABELS = {
    "row": "Row", "element": "Data element", "domain": "Domain", "source_system": "Source system",
    "owner": "Owner", "scope": "Scope", "school": "School", "group": "Group", "reason": "Why it is flagged",
    "description": "What the domain covers", "n_elements": "Elements", "n_entries": "Rows listed",
    "n_unused": "Rows with no use", "intersection": "Domains combined", "analysable": "Can we analyse it?",
    "missing": "Missing domain(s)", "example_question": "A question it answers", "audience": "Audience",
    "display": "Display", "access_level": "Access level", "month_label": "Month",
    "release_number": "Release no.", "cadence": "Cadence", "note": "Note",
}
_VIOLATION_STYLE = "background:#fde0dc;border:2px solid #b3261e;font-weight:bold"


# -- the data inventory (activity 1.5) ------------------------------------------------------

def inventory_table(report: Report) -> pd.DataFrame:
    """inventory.csv as validated (indexed by spreadsheet row)."""
    return report.team.table("inventory")


def show_inventory_overview(report: Report) -> None:
    """A plain reading of the inventory and the count of elements in each domain."""
    inventory = inventory_table(report)
    report.notice(describe_inventory(inventory), "info")
    report.table(domain_coverage(inventory), caption="Data elements in each of Bernhardt's four domains",
                 rename=_LABELS)


def show_coverage_heatmap(report: Report) -> None:
    """Schools × domains heatmap; a school-scope row without a school is explained instead."""
    try:
        table = coverage_by_school(inventory_table(report))
    except DataProblemsError as error:
        report.notice("The heatmap needs a school for every school-scope element: "
                      + "; ".join(str(p) for p in error.problems), "warning")
        return
    display(coverage_heatmap_figure(table))


def show_unused_elements(report: Report) -> None:
    """Elements collected but used for nothing (blank ``use``)."""
    unused = unused_elements(inventory_table(report))
    if unused.empty:
        report.notice("Every element in the inventory has a use written down.", "good")
        return
    report.table(unused, caption="Collected, but no use is written down", rename=_LABELS)


def show_redundant_collections(report: Report) -> None:
    """Elements listed more than once, grouped, with the reason each group is flagged."""
    redundant = redundant_collections(inventory_table(report))
    if redundant.empty:
        report.notice("No element is listed twice: no collection looks redundant.", "good")
        return
    columns = ["group", "row", "element", "domain", "source_system", "owner", "school", "reason"]
    report.table(redundant[columns], caption="Possibly collected more than once", rename=_LABELS)


def show_missing_domains(report: Report) -> None:
    """Which of Bernhardt's domains the inventory has nothing in, and what that domain covers."""
    missing = missing_domains(inventory_table(report))
    if not missing:
        report.notice("All four of Bernhardt's domains have at least one data element.", "good")
        return
    for domain in missing:
        report.notice(f"Nothing is collected for {domain}. {DOMAINS[domain]}", "warning")


def show_domain_intersections(report: Report) -> None:
    """Every pair, triple and the four-way meeting of the domains, and whether we can study it."""
    table = domain_intersections(inventory_table(report))
    shown = table.assign(analysable=table["analysable"].map({True: "yes", False: "not yet"}))
    report.table(shown[["intersection", "analysable", "missing", "example_question"]],
                 caption="Where the domains meet", rename=_LABELS)


def publish_inventory(report: Report) -> dict[str, Any]:
    """Write the ``inventory`` section of summary.json and return it."""
    summary = inventory_summary(inventory_table(report))
    report.publish(summary, "inventory")
    return summary


# -- the dissemination schedule (activity 1.7) ----------------------------------------------

def dissemination_table(report: Report) -> pd.DataFrame:
    """dissemination.csv as validated (indexed by spreadsheet row)."""
    return report.team.table("dissemination")


def _year_start(report: Report) -> dt.date:
    return report.team.district.year_start


def show_dissemination_overview(report: Report) -> None:
    """A plain reading of the schedule: audiences, releases, busiest month, violations."""
    report.notice(describe_dissemination(dissemination_table(report), _year_start(report)), "info")


def show_release_calendar(report: Report) -> None:
    """The release calendar as a chart, then as a table in school-year order."""
    calendar = release_calendar(dissemination_table(report), _year_start(report))
    display(release_calendar_figure(calendar))
    columns = ["month_label", "element", "audience", "display", "access_level", "release_number", "note"]
    report.table(calendar[columns], caption="Every release in the school year", rename=_LABELS)


def _fold(audience: object) -> str:
    """Audience folded as :func:`dissemination.audience_matrix` matches it (case, spaces, plural)."""
    words = " ".join(str(audience).casefold().split())
    return words[:-1] if words.endswith("s") and len(words) > 3 else words


def _matrix_html(matrix: pd.DataFrame, flagged: set[tuple[str, str]]) -> str:
    """The matrix as an escaped HTML table; flagged cells boxed in red and marked with ⚠."""
    head = "".join(f"<th>{escape_text(c)}</th>" for c in ["Data element", *matrix.columns])
    body = []
    for element, cells in matrix.iterrows():
        row = [f"<th style='text-align:left'>{escape_text(element)}</th>"]
        for audience, cell in cells.items():
            if (str(element), _fold(audience)) in flagged:
                row.append(f"<td style='{_VIOLATION_STYLE}'>⚠ {escape_text(cell)}</td>")
            else:
                row.append(f"<td>{escape_text(cell)}</td>")
        body.append("<tr>" + "".join(row) + "</tr>")
    return (f"<table class='datadriver-table'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def show_audience_matrix(report: Report) -> None:
    """Element × audience, each cell "display (access level)", violations boxed and marked ⚠."""
    schedule = dissemination_table(report)
    violations = access_violations(schedule)
    flagged = {(str(e), _fold(a)) for e, a in zip(violations["element"], violations["audience"], strict=True)}
    legend = ("<p><b>Who receives what.</b> Each cell: how the data are shown (access level). "
              "Cells marked ⚠ with a red border send student-level data to an audience that "
              "should receive aggregates only.</p>")
    display(HTML(legend + _matrix_html(audience_matrix(schedule), flagged)))


def show_access_violations(report: Report) -> None:
    """The rows of the schedule that break the access rule, with the reason and the fix."""
    violations = access_violations(dissemination_table(report))
    if violations.empty:
        report.notice("Student-level data go only to staff who work with those students.", "good")
        return
    report.table(violations, caption="Student-level data scheduled for the wrong audience", rename=_LABELS)


def publish_dissemination(report: Report) -> dict[str, Any]:
    """Write the ``dissemination`` section of summary.json and return it."""
    summary = dissemination_summary(dissemination_table(report), _year_start(report))
    report.publish(summary, "dissemination")
    return summary
