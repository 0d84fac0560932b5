"""The data inventory (Toolkit activity 1.5): what data the district holds, and what it lacks.

A team lists every data element it collects in ``inventory.csv`` and files each one under one of
**Bernhardt's four data domains** (Bernhardt, *Data Analysis for Continuous School Improvement*,
2004, as adapted in the District Data Team Toolkit, Module 1; see /work/shared/FIELD_NOTES.md,
"Evidence and goals"). Reading the inventory answers the questions the Toolkit asks of it:

* which domains are covered, and how evenly across schools (:func:`domain_coverage`,
  :func:`coverage_by_school`) and which are missing (:func:`missing_domains`);
* what is collected but used for nothing (:func:`unused_elements`);
* what is collected twice (:func:`redundant_collections`);
* which of Bernhardt's domain intersections the team can analyse (:func:`domain_intersections`).

Bernhardt's point is that one domain alone says little: questions worth asking sit where two or
more domains meet, and only one domain, school processes, is directly changed by adults.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pandas as pd

from datadriver_utils.core.rows import spreadsheet_row, spreadsheet_rows
from datadriver_utils.errors import DataProblemsError, Problem

__all__ = [
    "DOMAINS", "DOMAIN_SOURCE", "INTERSECTION_QUESTIONS", "domain_coverage", "coverage_by_school",
    "unused_elements", "redundant_collections", "missing_domains", "domain_intersections",
    "inventory_summary", "describe_inventory", "element_key",
]

FILE_NAME = "inventory.csv"
DOMAIN_SOURCE = (
    "Bernhardt, V. L. (2004). Data Analysis for Continuous School Improvement. "
    "Eye on Education; the four domains as used in the District Data Team Toolkit, Module 1."
)
DOMAINS: dict[str, str] = {
    "demographics": "Who our students, staff and families are: enrolment, subgroups, attendance patterns.",
    "perceptions": "What students, staff and families think and feel: surveys, focus groups, interviews.",
    "student outcomes": "What students learned and achieved: tests, common assessments, grades, credits.",
    "school processes":
        "What adults do: programmes, schedules, instruction, hiring; the one domain we change directly.",
}
"""Bernhardt's four data domains, in the Toolkit's order, each with a one-line description."""

INTERSECTION_QUESTIONS: dict[tuple[str, ...], str] = {
    ("demographics", "perceptions"): "Do different groups of students, staff or families see the school differently?",
    ("demographics", "student outcomes"): "Do outcomes differ by subgroup?",
    ("demographics", "school processes"):
        "Do some groups of students reach a programme or service more often than others?",
    ("perceptions", "student outcomes"): "Do students who feel supported and engaged also achieve more?",
    ("perceptions", "school processes"): "How do students and staff experience the practices we run?",
    ("student outcomes", "school processes"): "Did students in a programme improve more than those who were not in it?",
    ("demographics", "perceptions", "student outcomes"):
        "Within one subgroup, do students who report feeling supported do better than their peers?",
    ("demographics", "perceptions", "school processes"):
        "Do families or students from different groups view the same programme differently?",
    ("demographics", "student outcomes", "school processes"):
        "Which programmes work, and for which groups of students?",
    ("perceptions", "student outcomes", "school processes"):
        "Where a practice is well received, do results under it also rise?",
    ("demographics", "perceptions", "student outcomes", "school processes"):
        "Which practices serve which students best, judged both by results and by how people experience them?",
}
"""An example question, in our words, for each intersection Bernhardt's diagram describes."""

_WHOLE_DISTRICT = "(district-wide only)"


def element_key(names: pd.Series) -> pd.Series:
    """Element names folded for comparison: case ignored and every space removed.

    ``"State Math  Test"`` and ``"state math test"`` both become ``"statemathtest"``.
    """
    return names.astype("string").str.casefold().str.replace(r"\s+", "", regex=True).fillna("")


def _blank(values: pd.Series) -> pd.Series:
    """True where a text cell is missing or only spaces."""
    return values.isna() | values.astype("string").str.strip().eq("").fillna(True)


def _present(inventory: pd.DataFrame) -> pd.Series:
    """Elements per domain (distinct folded names), every domain listed, zeros included."""
    keys = inventory.assign(_key=element_key(inventory["element"]))
    counts = keys.groupby("domain")["_key"].nunique()
    return counts.reindex(list(DOMAINS), fill_value=0).astype(int)


def domain_coverage(inventory: pd.DataFrame) -> pd.DataFrame:
    """Elements per Bernhardt domain, with a row (of zeros) for every domain not covered.

    ``n_elements`` counts distinct element names (folded by :func:`element_key`), so an element
    listed by two schools counts once; ``n_entries`` counts rows; ``n_unused`` counts rows with
    a blank ``use``. Rows come in the order of :data:`DOMAINS`.
    """
    unused = _blank(inventory["use"])
    table = pd.DataFrame({
        "domain": list(DOMAINS),
        "description": list(DOMAINS.values()),
        "n_elements": _present(inventory).to_numpy(),
        "n_entries": inventory.groupby("domain").size().reindex(list(DOMAINS), fill_value=0).to_numpy(),
        "n_unused": unused.groupby(inventory["domain"]).sum().reindex(list(DOMAINS), fill_value=0).to_numpy(),
    })
    return table.astype({"n_elements": int, "n_entries": int, "n_unused": int})


def _check_schools_named(inventory: pd.DataFrame) -> None:
    unnamed = inventory[inventory["scope"].eq("school") & _blank(inventory["school"])]
    if not unnamed.empty:
        raise DataProblemsError([
            Problem(FILE_NAME, "a school-scope element needs the school that collects it; "
                    "fill in 'school', or set scope to 'district' if every school collects it",
                    row=spreadsheet_row(inventory, i), column="school", value=str(element))
            for i, element in unnamed["element"].items()
        ])


def coverage_by_school(inventory: pd.DataFrame) -> pd.DataFrame:
    """School × domain counts of elements, for a heatmap of which schools lack which domain.

    A district-wide element (``scope == "district"``) is counted for every school, because every
    school can draw on it; a school-based element counts only for its own school. Counts are
    distinct folded element names. Rows are the schools named in the inventory (sorted); when
    none are named the single row ``"(district-wide only)"`` holds the district counts. Columns are
    the four domains in :data:`DOMAINS` order, zeros included.

    Raises
    ------
    DataProblemsError
        When a school-scope row names no school (the row cannot be placed).
    """
    _check_schools_named(inventory)
    keyed = inventory.assign(_key=element_key(inventory["element"]))
    local = keyed[keyed["scope"].eq("school")]
    schools = sorted(local["school"].astype(str).str.strip().unique()) or [_WHOLE_DISTRICT]
    shared = keyed[~keyed["scope"].eq("school")]
    district_rows = pd.DataFrame({"school": schools}).merge(shared[["domain", "_key"]], how="cross")
    own = local.assign(school=local["school"].astype(str).str.strip())[["school", "domain", "_key"]]
    both = pd.concat([district_rows, own])
    table = both.groupby(["school", "domain"])["_key"].nunique().unstack("domain")
    table = table.reindex(index=schools, columns=list(DOMAINS)).fillna(0).astype(int)
    table.index.name, table.columns.name = "school", "domain"
    return table


def unused_elements(inventory: pd.DataFrame) -> pd.DataFrame:
    """Elements collected but used for nothing: rows whose ``use`` is blank.

    The Toolkit asks the inventory to surface data "collected but not well used": each is either
    a use waiting to be planned or a collection burden to drop. ``row`` is the spreadsheet row.
    """
    columns = ["row", "element", "domain", "source_system", "owner", "scope", "school"]
    found = inventory[_blank(inventory["use"])]
    return found.assign(row=spreadsheet_rows(found)).rename_axis(index=None)[columns].reset_index(drop=True)


def _redundancy_reason(group: pd.DataFrame) -> str:
    collectors = group[["school", "owner"]].astype("string").fillna("").drop_duplicates()
    parts = []
    if len(collectors) > 1:
        parts.append(f"collected by {len(collectors)} different schools or owners")
    else:
        parts.append(f"listed {len(group)} times by the same collector")
    if group["domain"].nunique() > 1 or group["source_system"].astype("string").fillna("").nunique() > 1:
        parts.append("filed under different domains or source systems; check they are the same data")
    return "; ".join(parts)


def redundant_collections(inventory: pd.DataFrame) -> pd.DataFrame:
    """Elements collected more than once, so one collection might be dropped or shared.

    **Rule.** Two rows are the same element when their names match with case and spaces ignored
    (:func:`element_key`). Every name listed on two or more rows is reported, whether by
    different schools or owners (two collections of one thing) or by the same one (a duplicate
    listing). Matching on domain + source + element as well would only split these groups, so
    the name alone decides; a group whose rows differ in domain or source system is reported
    with a note to check that they really are the same data.

    Returns one row per inventory row in a redundant group: ``group`` (1, 2, …), ``element_key``,
    ``row`` (spreadsheet row), the row's own ``element``, ``domain``, ``source_system``,
    ``owner``, ``school``, ``n_listed`` and a plain ``reason``.
    """
    columns = ["group", "element_key", "row", "element", "domain", "source_system", "owner",
               "school", "n_listed", "reason"]
    keyed = inventory.assign(element_key=element_key(inventory["element"]),
                             row=spreadsheet_rows(inventory)).rename_axis(index=None)
    repeated = keyed[keyed.duplicated("element_key", keep=False)]
    if repeated.empty:
        return pd.DataFrame(columns=columns)
    reasons = {key: _redundancy_reason(group) for key, group in repeated.groupby("element_key", sort=True)}
    order = {key: number for number, key in enumerate(reasons, start=1)}
    out = repeated.assign(
        group=repeated["element_key"].map(order),
        n_listed=repeated.groupby("element_key")["element_key"].transform("size").astype(int),
        reason=repeated["element_key"].map(reasons),
    )
    return out.sort_values(["group", "row"])[columns].reset_index(drop=True)


def missing_domains(inventory: pd.DataFrame) -> list[str]:
    """The Bernhardt domains with no element in the inventory, in :data:`DOMAINS` order."""
    present = _present(inventory)
    return [str(domain) for domain in present.index[present.eq(0)]]


def domain_intersections(inventory: pd.DataFrame) -> pd.DataFrame:
    """Every pair, triple and the four-way meeting of Bernhardt's domains, and whether the team
    holds data in all of its domains (``analysable``).

    Bernhardt's diagram reads the domains in combination: outcomes alone say what happened,
    outcomes by subgroup begin to say for whom, and adding processes says under what practice.
    Columns: ``intersection`` (domains joined by " × "), ``n_domains``, ``analysable``,
    ``missing`` (absent domains, comma-joined, empty when analysable) and ``example_question``
    (:data:`INTERSECTION_QUESTIONS`). 11 rows: 6 pairs, 4 triples, 1 four-way.
    """
    absent = set(missing_domains(inventory))
    rows = []
    for size in (2, 3, 4):
        for combo in combinations(DOMAINS, size):
            lacking = [domain for domain in combo if domain in absent]
            rows.append({
                "intersection": " × ".join(combo), "n_domains": size, "analysable": not lacking,
                "missing": ", ".join(lacking), "example_question": INTERSECTION_QUESTIONS[combo],
            })
    return pd.DataFrame(rows)


def inventory_summary(inventory: pd.DataFrame) -> dict[str, Any]:
    """The inventory's findings as plain JSON-ready Python values.

    Keys: ``n_entries``, ``n_elements``, ``elements_per_domain`` (domain -> distinct elements),
    ``missing_domains``, ``unused_elements`` (sorted names), ``redundant_groups`` (one dict per
    group: element, n_listed, collectors, reason), ``n_analysable_intersections`` and
    ``n_intersections``, ``domain_source``.
    """
    redundant = redundant_collections(inventory)
    groups = [
        {
            "element": str(group["element"].iloc[0]),
            "n_listed": int(len(group)),
            "collectors": sorted({str(v) for v in group["school"].fillna(group["owner"]).fillna("unnamed")}),
            "reason": str(group["reason"].iloc[0]),
        }
        for _, group in redundant.groupby("group", sort=True)
    ]
    intersections = domain_intersections(inventory)
    return {
        "n_entries": int(len(inventory)),
        "n_elements": int(element_key(inventory["element"]).nunique()),
        "elements_per_domain": {str(k): int(v) for k, v in _present(inventory).items()},
        "missing_domains": missing_domains(inventory),
        "unused_elements": sorted({str(name) for name in unused_elements(inventory)["element"]}),
        "redundant_groups": groups,
        "n_analysable_intersections": int(intersections["analysable"].sum()),
        "n_intersections": int(len(intersections)),
        "domain_source": DOMAIN_SOURCE,
    }


def _names(items: list[str]) -> str:
    quoted = [f"“{item}”" for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def describe_inventory(inventory: pd.DataFrame) -> str:
    """The inventory's findings in a few plain sentences for a data coach."""
    summary = inventory_summary(inventory)
    if summary["n_entries"] == 0:
        return "The data inventory is empty: list the data your district collects to begin."
    per_domain = ", ".join(f"{n} in {d}" for d, n in summary["elements_per_domain"].items())
    lines = [f"The inventory lists {summary['n_elements']} data elements ({per_domain})."]
    missing = summary["missing_domains"]
    if missing:
        lines.append(f"Nothing is collected for {_names(missing)}, so questions that need "
                     f"{'that domain' if len(missing) == 1 else 'those domains'} cannot be asked yet.")
    else:
        lines.append("All four of Bernhardt's domains are covered.")
    lines.append(f"The team can analyse {summary['n_analysable_intersections']} of the "
                 f"{summary['n_intersections']} places where domains meet.")
    if summary["unused_elements"]:
        lines.append(f"Collected but not used: {_names(summary['unused_elements'])}. "
                     "Plan a use for each, or stop collecting it.")
    for group in summary["redundant_groups"]:
        lines.append(f"“{group['element']}” is {group['reason']}: one collection may be enough.")
    return " ".join(lines)
