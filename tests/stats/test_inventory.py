"""The data inventory (Toolkit 1.5) on small hand-built inventories."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from datadriver_utils.charts.inventory import coverage_heatmap_figure
from datadriver_utils.charts.profiles import profile_bar_figure
from datadriver_utils.errors import DataProblemsError
from datadriver_utils.stats.inventory import (
    DOMAINS,
    INTERSECTION_QUESTIONS,
    coverage_by_school,
    describe_inventory,
    domain_coverage,
    domain_intersections,
    element_key,
    inventory_summary,
    missing_domains,
    redundant_collections,
    unused_elements,
)

COLUMNS = ["element", "domain", "source_system", "owner", "frequency", "available", "access", "use", "scope", "school"]


def _inventory(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


@pytest.fixture
def inventory() -> pd.DataFrame:
    """No perceptions; one element written two ways; two unused (NaN and spaces)."""
    return _inventory([
        ("State math test", "student outcomes", "State portal", "Assessment office", "annual", "Sept",
         "principals", "placement", "district", None),
        ("state  Math Test", "student outcomes", "State portal", "Principal A", "annual", "Sept",
         "teachers", "goals", "school", "Alpha"),
        ("Enrollment", "demographics", "SIS", "Registrar", "daily", "always", "all staff", "staffing",
         "district", None),
        ("Bus counts", "school processes", "Transport log", "Transport office", "daily", "monthly",
         "transport", np.nan, "district", None),
        ("Hall passes", "school processes", "Paper", "Teacher B", "weekly", "weekly", "teacher", "   ",
         "school", "Beta"),
        ("Reading screener", "student outcomes", "i-Ready", "Literacy team", "3 times a year", "Oct",
         "teachers", "groups", "school", "Beta"),
    ])


@pytest.fixture
def empty() -> pd.DataFrame:
    return _inventory([])


def test_domains_are_bernhardts_four_in_order() -> None:
    assert list(DOMAINS) == ["demographics", "perceptions", "student outcomes", "school processes"]
    assert all(DOMAINS.values())


def test_element_key_ignores_case_and_spaces() -> None:
    keys = element_key(pd.Series(["State math test", "state  Math Test ", "Statemath test", None]))
    assert keys.tolist() == ["statemathtest", "statemathtest", "statemathtest", ""]


def test_domain_coverage_counts_and_zero_row(inventory: pd.DataFrame) -> None:
    table = domain_coverage(inventory).set_index("domain")
    assert table.index.tolist() == list(DOMAINS)
    # outcomes: "State math test" twice (one element, two entries) + "Reading screener" -> 2 elements, 3 entries
    assert table["n_elements"].tolist() == [1, 0, 2, 2]
    assert table["n_entries"].tolist() == [1, 0, 3, 2]
    assert table["n_unused"].tolist() == [0, 0, 0, 2]  # Bus counts (NaN), Hall passes (spaces)


def test_missing_domain_detected(inventory: pd.DataFrame) -> None:
    assert missing_domains(inventory) == ["perceptions"]
    perceptions = _inventory([("Climate survey", "perceptions", "Forms", "Lead", "annual", "", "", "plan", "district",
                               None)])
    assert missing_domains(pd.concat([inventory, perceptions], ignore_index=True)) == []


def test_coverage_by_school_counts_district_elements_everywhere(inventory: pd.DataFrame) -> None:
    table = coverage_by_school(inventory)
    assert table.index.tolist() == ["Alpha", "Beta"] and table.columns.tolist() == list(DOMAINS)
    # district-wide: Enrollment (D), State math test (SO), Bus counts (SP) count for both schools.
    # Alpha adds its own copy of the state test (same element, so SO stays 1).
    # Beta adds Hall passes (SP) and Reading screener (SO).
    assert table.loc["Alpha"].tolist() == [1, 0, 1, 1]
    assert table.loc["Beta"].tolist() == [1, 0, 2, 2]


def test_coverage_by_school_without_schools_and_empty(empty: pd.DataFrame) -> None:
    only_district = _inventory([("Enrollment", "demographics", "SIS", "Registrar", "daily", "", "", "staffing",
                                 "district", None)])
    assert coverage_by_school(only_district).loc["(district-wide only)"].tolist() == [1, 0, 0, 0]
    assert coverage_by_school(empty).loc["(district-wide only)"].tolist() == [0, 0, 0, 0]


def test_school_row_without_school_is_a_data_problem(inventory: pd.DataFrame) -> None:
    inventory.loc[4, "school"] = None
    with pytest.raises(DataProblemsError) as caught:
        coverage_by_school(inventory)
    problem = caught.value.problems[0]
    assert (problem.file, problem.row, problem.column, problem.value) == ("inventory.csv", 6, "school", "Hall passes")


def test_unused_detected(inventory: pd.DataFrame) -> None:
    unused = unused_elements(inventory)
    assert unused["element"].tolist() == ["Bus counts", "Hall passes"]
    assert unused["row"].tolist() == [5, 6]  # 0-based index 3 and 4, plus 2


def test_redundant_detected_across_collectors(inventory: pd.DataFrame) -> None:
    redundant = redundant_collections(inventory)
    assert redundant["row"].tolist() == [2, 3]
    assert set(redundant["group"]) == {1} and set(redundant["n_listed"]) == {2}
    assert redundant["reason"].iloc[0] == "collected by 2 different schools or owners"


def test_redundant_duplicate_listing_and_different_source() -> None:
    same = ("Attendance", "school processes", "SIS", "Clerk", "daily", "", "", "follow-up", "district", None)
    other = ("ATTENDANCE", "school processes", "Spreadsheet", "Clerk", "daily", "", "", "calls", "district", None)
    twice = redundant_collections(_inventory([same, same]))
    assert twice["reason"].iloc[0] == "listed 2 times by the same collector"
    mixed = redundant_collections(_inventory([same, other]))
    assert "different domains or source systems" in mixed["reason"].iloc[0]


def test_no_redundancy_when_names_differ(empty: pd.DataFrame) -> None:
    rows = [("Math test", "student outcomes", "A", "X", "", "", "", "u", "district", None),
            ("State math test", "student outcomes", "A", "X", "", "", "", "u", "district", None)]
    assert redundant_collections(_inventory(rows)).empty
    assert redundant_collections(empty).empty


def test_intersections_with_one_domain_missing(inventory: pd.DataFrame) -> None:
    table = domain_intersections(inventory).set_index("intersection")
    assert len(table) == 11  # 6 pairs + 4 triples + 1 four-way
    # without perceptions: pairs from 3 domains = 3, triples = 1, four-way = 0 -> 4
    assert table["analysable"].sum() == 4
    assert table.loc["demographics × student outcomes", "analysable"]
    assert table.loc["demographics × student outcomes", "example_question"] == "Do outcomes differ by subgroup?"
    assert not table.loc["demographics × perceptions", "analysable"]
    assert table.loc["demographics × perceptions", "missing"] == "perceptions"
    assert table.loc["demographics × student outcomes × school processes", "analysable"]
    assert set(table["n_domains"]) == {2, 3, 4} and len(INTERSECTION_QUESTIONS) == 11


def test_intersections_all_and_none(inventory: pd.DataFrame, empty: pd.DataFrame) -> None:
    perceptions = _inventory([("Climate survey", "perceptions", "Forms", "Lead", "", "", "", "plan", "district", None)])
    full = pd.concat([inventory, perceptions], ignore_index=True)
    assert domain_intersections(full)["analysable"].all()
    none = domain_intersections(empty)
    assert not none["analysable"].any()
    assert none.iloc[-1]["missing"] == "demographics, perceptions, student outcomes, school processes"


def test_summary_is_plain_json(inventory: pd.DataFrame) -> None:
    summary = inventory_summary(inventory)
    assert json.loads(json.dumps(summary)) == summary
    assert summary["n_entries"] == 6 and summary["n_elements"] == 5  # two spellings of one test
    assert summary["elements_per_domain"] == {
        "demographics": 1, "perceptions": 0, "student outcomes": 2, "school processes": 2}
    assert summary["missing_domains"] == ["perceptions"]
    assert summary["unused_elements"] == ["Bus counts", "Hall passes"]
    assert summary["redundant_groups"] == [{
        "element": "State math test", "n_listed": 2, "collectors": ["Alpha", "Assessment office"],
        "reason": "collected by 2 different schools or owners",
    }]
    assert summary["n_analysable_intersections"] == 4 and summary["n_intersections"] == 11


def test_describe_names_the_findings(inventory: pd.DataFrame, empty: pd.DataFrame) -> None:
    text = describe_inventory(inventory)
    assert "“perceptions”" in text and "“Bus counts” and “Hall passes”" in text
    assert "4 of the 11" in text and "State math test" in text
    assert "empty" in describe_inventory(empty)


def test_one_row_inventory() -> None:
    one = _inventory([("Enrollment", "demographics", "SIS", "Registrar", "daily", "", "", None, "district", None)])
    summary = inventory_summary(one)
    assert summary["missing_domains"] == ["perceptions", "student outcomes", "school processes"]
    assert summary["unused_elements"] == ["Enrollment"] and summary["n_analysable_intersections"] == 0


def test_heatmap_leaves_zero_cells_blank(inventory: pd.DataFrame) -> None:
    figure = coverage_heatmap_figure(coverage_by_school(inventory))
    assert isinstance(figure, Figure)
    shown = sorted(t.get_text() for t in figure.axes[0].texts)
    assert shown == ["1", "1", "1", "1", "2", "2"]  # the six non-zero cells; the two zeros are gaps


def test_profile_bar_sorted_and_bounded() -> None:
    profile = pd.DataFrame({"function": ["Vision", "Access", "Training", "Skipped"], "rating": [2.5, 3.5, 1.0, np.nan]})
    figure = profile_bar_figure(profile, "rating", "function", "Team functions")
    axis = figure.axes[0]
    assert [t.get_text() for t in axis.get_yticklabels()] == ["Access", "Vision", "Training"]
    assert axis.get_xlim()[0] == 1.0 and axis.get_xlim()[1] >= 4.0
    with pytest.raises(ValueError, match="outside the scale"):
        profile_bar_figure(profile.assign(rating=[5.0, 1, 1, 1]), "rating", "function", "Team functions")
