"""The data inventory notebook (02): what data the team holds in each of Bernhardt's four domains.

Activity 1.5 of the District Data Team Toolkit (Massachusetts ESE, Module 1; shared/seeds 004)
asks a team to list every data element it holds under the four domains -- demographics,
perceptions, student outcomes, school processes -- and to look for what is missing, collected
twice or collected for no use.  Every finding is computed in :mod:`datadriver_utils.stats.inventory`;
this module arranges it as results for the notebook and as the typed ``inventory`` section of
summary.json::

    inventory.overview(report)          # a plain reading and the elements per domain
    inventory.coverage_heatmap(report)  # schools × domains

inventory.csv is not about students, so its tables are shown to every audience (identifier
columns, if a team added any, are still dropped beyond the team).
"""

from __future__ import annotations

import pandas as pd
from pydantic import Field

from datadriver_utils.charts.inventory import coverage_heatmap_figure
from datadriver_utils.core.quantities import Count, Label, Summary, Text
from datadriver_utils.errors import DataProblemsError
from datadriver_utils.notebook.needs import needs
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Result
from datadriver_utils.stats import inventory as stats

__all__ = [
    "InventorySummary", "RedundantGroup", "coverage_heatmap", "domain_intersections", "inventory_table",
    "missing_domains", "overview", "publish", "redundant_collections", "summary", "unused_elements",
]

_LABELS = {
    "row": "Row", "element": "Data element", "domain": "Domain", "source_system": "Source system",
    "owner": "Owner", "scope": "Scope", "school": "School", "group": "Group", "reason": "Why it is flagged",
    "description": "What the domain covers", "n_elements": "Elements", "n_entries": "Rows listed",
    "n_unused": "Rows with no use", "intersection": "Domains combined", "analysable": "Can we analyse it?",
    "missing": "Missing domain(s)", "example_question": "A question it answers",
}


class RedundantGroup(Summary):
    """Rows of the inventory that look like one element collected more than once."""

    element: Label = Field(description="the element's name as first listed")
    n_listed: Count = Field(description="rows listing it")
    collectors: list[Label] = Field(description="schools (or owners) listing it, sorted")
    reason: Text = Field(description="why the rows are flagged together")


class InventorySummary(Summary):
    """What the team holds in each of Bernhardt's four domains, and what is missing (notebook 02)."""

    section = "inventory"
    n_entries: Count = Field(description="rows in inventory.csv")
    n_elements: Count = Field(description="distinct elements (names folded for case and spacing)")
    elements_per_domain: dict[str, Count] = Field(description="domain -> distinct elements in it")
    missing_domains: list[Label] = Field(description="domains with no element")
    unused_elements: list[Label] = Field(description="elements with no use written down, sorted")
    redundant_groups: list[RedundantGroup] = Field(description="elements that look collected more than once")
    n_analysable_intersections: Count = Field(description="meetings of domains the team has data for")
    n_intersections: Count = Field(description="meetings of two or more domains (11 for four domains)")
    domain_source: Text = Field(description="where the four domains come from")


def inventory_table(report: Report) -> pd.DataFrame:
    """inventory.csv as validated (indexed by spreadsheet row)."""
    return report.team.table("inventory")


@needs("inventory")
def overview(report: Report) -> Result:
    """A plain reading of the inventory and the count of elements in each domain."""
    inventory = inventory_table(report)
    coverage = stats.domain_coverage(inventory)
    result = Result().note(stats.describe_inventory(inventory), "info")
    return result.add(report.tabulate(coverage, caption="Data elements in each of Bernhardt's four domains",
                                      rename=_LABELS, name="domains"))


def _heatmap_alt(table: pd.DataFrame) -> str:
    """The heatmap in words: its rows and columns, and every school-domain gap."""
    gaps = [f"{school} has none in {domain}" for school, row in table.iterrows()
            for domain, count in row.items() if count == 0]
    head = (f"Heatmap of data elements for {len(table)} school(s) ({', '.join(map(str, table.index))}) "
            f"across the domains {', '.join(map(str, table.columns))}.")
    return head + (" Gaps: " + "; ".join(gaps) + "." if gaps else " Every school has data in every domain.")


@needs("inventory")
def coverage_heatmap(report: Report) -> Result:
    """Schools × domains heatmap; a school-scope row without a school is explained instead."""
    try:
        table = stats.coverage_by_school(inventory_table(report))
    except DataProblemsError as error:
        return Result().note("The heatmap needs a school for every school-scope element: "
                             + "; ".join(str(p) for p in error.problems), "warning")
    alt = _heatmap_alt(table) if len(table) else "The inventory lists no data elements yet."
    return Result([Chart(coverage_heatmap_figure(table), alt, name="coverage by school")], value=table)


@needs("inventory")
def unused_elements(report: Report) -> Result:
    """Elements collected but used for nothing (blank ``use``)."""
    unused = stats.unused_elements(inventory_table(report))
    if unused.empty:
        return Result().note("Every element in the inventory has a use written down.", "good")
    return Result([report.tabulate(unused, caption="Collected, but no use is written down", rename=_LABELS,
                                   name="unused")])


@needs("inventory")
def redundant_collections(report: Report) -> Result:
    """Elements listed more than once, grouped, with the reason each group is flagged."""
    redundant = stats.redundant_collections(inventory_table(report))
    if redundant.empty:
        return Result().note("No element is listed twice: no collection looks redundant.", "good")
    columns = ["group", "row", "element", "domain", "source_system", "owner", "school", "reason"]
    return Result([report.tabulate(redundant[columns], caption="Possibly collected more than once",
                                   rename=_LABELS, name="redundant")])


@needs("inventory")
def missing_domains(report: Report) -> Result:
    """Which of Bernhardt's domains the inventory has nothing in, and what that domain covers."""
    missing = stats.missing_domains(inventory_table(report))
    if not missing:
        return Result(value=missing).note("All four of Bernhardt's domains have at least one data element.", "good")
    result = Result(value=missing)
    for domain in missing:
        result.note(f"Nothing is collected for {domain}. {stats.DOMAINS[domain]}", "warning")
    return result


@needs("inventory")
def domain_intersections(report: Report) -> Result:
    """Every pair, triple and the four-way meeting of the domains, and whether we can study it."""
    table = stats.domain_intersections(inventory_table(report))
    shown = table.assign(analysable=table["analysable"].map({True: "yes", False: "not yet"}))
    return Result([report.tabulate(shown[["intersection", "analysable", "missing", "example_question"]],
                                   caption="Where the domains meet", rename=_LABELS, name="intersections")],
                  value=table)


@needs("inventory")
def summary(report: Report) -> InventorySummary:
    """The ``inventory`` section of summary.json (:func:`~datadriver_utils.stats.inventory.inventory_summary`)."""
    return InventorySummary.model_validate(stats.inventory_summary(inventory_table(report)))


def publish(report: Report) -> InventorySummary | None:
    """Write the ``inventory`` section of summary.json and return it (None without inventory.csv)."""
    found = summary(report)
    if not isinstance(found, InventorySummary):
        return None
    report.publish(found)
    return found
