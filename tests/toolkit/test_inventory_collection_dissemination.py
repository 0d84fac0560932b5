"""Tests for the Module 1 notebook views: what notebooks 02-04 publish, and what they show whom.

The sample district (seed 2026, ``sample_data/``) plants: district-data-team collects daily
attendance twice, lists an element nobody uses and sends a student-level list to the school
board; summit-high-algebra has no perceptions data; cedar-elementary-k2 leaves cells of
processes.csv blank and dates a run-chart point before the cycle. Each must be found, and nothing
else of its kind.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from datadriver_utils.contract.team import TeamData, list_teams, load_team
from datadriver_utils.notebook.report import Report, open_report
from datadriver_utils.privacy.rules import Audience
from datadriver_utils.stats.inventory import unused_elements
from datadriver_utils.toolkit import collection, dissemination, inventory
from datadriver_utils.workshop.store import ResponseStore
from tests.conftest import SAMPLE_DATA, STUDENTS_OK, TEAM, write_team

TEAMS = list_teams(SAMPLE_DATA)
WITH_TOOLKIT_FILES = [t for t in TEAMS if t != "oak-middle-science"]


@pytest.fixture(scope="module")
def loaded() -> dict[str, TeamData]:
    return {team_id: load_team(SAMPLE_DATA, team_id) for team_id in TEAMS}


def _report(loaded: dict[str, TeamData], team_id: str, audience: str = "team", folder: Path | None = None) -> Report:
    """What ``open_report`` returns, without loading the team again."""
    return Report(team=loaded[team_id], audience=Audience.parse(audience), summary_dir=folder)


@pytest.fixture(scope="module")
def published(loaded, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, dict]]:
    """Every view's summary for every team (team audience), read back from the summary folder."""
    out: dict[str, dict[str, dict]] = {}
    for team_id in TEAMS:
        folder = tmp_path_factory.mktemp(team_id)
        report = _report(loaded, team_id, "team", folder)
        collection.publish(report)
        if team_id in WITH_TOOLKIT_FILES:
            inventory.publish(report)
            dissemination.publish(report)
        out[team_id] = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")}
    return out


def _raw_row(team_id: str, file: str, column: str, value: str) -> list[int]:
    """Spreadsheet rows (header = 1) where a column of the raw CSV holds ``value``."""
    raw = pd.read_csv(SAMPLE_DATA / "teams" / team_id / file, dtype=str, keep_default_na=False)
    return [int(i) + 2 for i in raw.index[raw[column] == value]]


def test_inventory_finds_exactly_the_planted_gaps(published) -> None:
    for team_id in WITH_TOOLKIT_FILES:
        summary = published[team_id]["inventory"]
        planted = team_id == "district-data-team"
        assert [g["element"] for g in summary["redundant_groups"]] == (["Daily attendance"] if planted else [])
        assert summary["unused_elements"] == (["Bus ridership counts"] if planted else [])
        assert summary["missing_domains"] == (["perceptions"] if team_id == "summit-high-algebra" else [])
    # summit without perceptions: 11 intersections, only the 4 without perceptions remain (3 pairs + 1 triple)
    assert published["summit-high-algebra"]["inventory"]["n_analysable_intersections"] == 4


def test_rows_reported_are_the_spreadsheet_rows(loaded) -> None:
    report = _report(loaded, "district-data-team")
    unused = unused_elements(inventory.inventory_table(report))
    assert unused["row"].tolist() == _raw_row("district-data-team", "inventory.csv", "element", "Bus ridership counts")


def test_dissemination_finds_exactly_the_school_board_list(published) -> None:
    for team_id in WITH_TOOLKIT_FILES:
        violations = published[team_id]["dissemination"]["violations"]
        if team_id != "district-data-team":
            assert violations == [], team_id
            continue
        element = "Fraction check list of students below 70%"
        assert [(v["element"], v["audience"]) for v in violations] == [(element, "school board")]
        assert violations[0]["row"] == _raw_row(team_id, "dissemination.csv", "element", element)[0]


def test_collection_finds_exactly_cedars_blanks_and_early_date(published) -> None:
    for team_id in TEAMS:
        quality = published[team_id]["collection"]["quality"]
        incomplete = [(c["file"], c["column"]) for c in quality["incomplete_columns"]]
        early = [(f["file"], f["row"], f["value"]) for f in quality["flags"] if f["check"] == "timeliness"]
        if team_id == "cedar-elementary-k2":
            assert incomplete == [("processes.csv", "assignment_completion_pct"), ("processes.csv", "course_grade")]
            assert early == [("run_chart.csv", 2, "2025-09-12")]
            assert early[0][1] == _raw_row(team_id, "run_chart.csv", "date", "2025-09-12")[0]
        else:
            assert incomplete == [] and early == [], team_id
    assert published["oak-middle-science"]["collection"]["self_assessment"] is None  # nothing saved


def test_audience_matrix_marks_only_the_violation(loaded) -> None:
    html = dissemination.audience_matrix(_report(loaded, "district-data-team", "public"))._repr_html_()
    assert html.count("⚠ spreadsheet (student-level)") == 1
    assert html.count("<td style=") == 1
    assert "<td style=" not in dissemination.audience_matrix(_report(loaded, "maple-elementary-g3"))._repr_html_()


def test_flagged_rows_name_students_for_the_team_only(loaded) -> None:
    team = _report(loaded, "cedar-elementary-k2")
    blank = team.team.table("processes")["assignment_completion_pct"].isna()
    some_id = str(team.team.table("processes").loc[blank, "student_id"].iloc[0])
    flags = collection.quality_flags(team)
    assert some_id in flags._repr_html_() and some_id in set(flags.tables["rows"]["person_id"].astype(str))
    for audience in ("district", "public"):
        report = _report(loaded, "cedar-elementary-k2", audience)
        flags = collection.quality_flags(report)
        assert some_id not in flags._repr_html_() and "2025-09-12" in flags._repr_html_()
        assert "person_id" not in flags.tables["rows"].columns
        assert any("team view only" in n for n in flags.notices)
        summary = collection.summary(report).to_json()["quality"]
        assert {f["file"] for f in summary["flags"]} == {"run_chart.csv"}
        assert all("person_id" not in f for f in summary["flags"])


def _rated_team(tmp_path: Path) -> Path:
    team = {**TEAM, "members": [{"name": "Ana", "role": "lead"}, {"name": "Ben", "role": "teacher"}]}
    team_dir = write_team(tmp_path / "data", {"students.csv": STUDENTS_OK}, team=team)
    ratings = pd.DataFrame({"member": ["Ana", "Ben", "Ana"], "item": ["timely", "timely", "secure"],
                            "rating": [1.0, 3.0, 4.0]})
    ResponseStore(team_dir).save_table(collection.COLLECTION_ACTIVITY, ratings)
    return tmp_path / "data"


def test_self_assessment_profile_and_its_privacy(tmp_path: Path) -> None:
    data = _rated_team(tmp_path)
    team = collection.summary(open_report(data, "t1", "team")).to_json()["self_assessment"]
    by_item = {row["item"]: row for row in team}
    # timely: (1 + 3) / 2 = 2.0, min 1, max 3, 2 members; secure: 4.0 from 1 member; tools: nobody
    assert (by_item["timely"]["mean"], by_item["timely"]["min"], by_item["timely"]["max"]) == (2.0, 1.0, 3.0)
    assert by_item["timely"]["n_members"] == 2 and by_item["secure"]["mean"] == 4.0
    assert by_item["tools"]["mean"] is None and by_item["tools"]["n"] == 0
    district = collection.summary(open_report(data, "t1", "district")).to_json()["self_assessment"]
    assert all(row["suppressed"] and row["mean"] is None for row in district)  # 2 raters < 10


def test_grid_builds_for_the_roster(tmp_path: Path) -> None:
    report: Report = open_report(_rated_team(tmp_path), "t1", "team")
    session = collection.self_assessment_grid(report)
    grid = session.controls["box"]  # the grid sits under "continue an earlier session"
    assert "picker" in session.controls
    assert ("timely", "Ana") in grid.controls and ("secure", "Ben") in grid.controls


def test_damaged_save_is_explained_not_raised(tmp_path: Path) -> None:
    data = _rated_team(tmp_path)
    folder = data / "teams" / "t1" / "responses" / collection.COLLECTION_ACTIVITY
    next(folder.glob("*.meta.yml")).write_text("- not\n- a mapping\n", encoding="utf-8")
    report = open_report(data, "t1", "team")
    assert isinstance(collection.saved_ratings(report), str)
    shown = collection.self_assessment(report)
    assert any("Delete or repair" in n for n in shown.notices)
    assert collection.summary(report).self_assessment is None
