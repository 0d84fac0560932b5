"""Every notebook on every sample team, through the real batch (papermill + nbconvert).

The batch runs once for the module; the tests then read back the numbers the notebooks
published in summary.json and compare them with the package computed directly, and with the
stories planted in the sample district.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from datadriver_utils.batch.runner import BatchResult, default_notebooks
from datadriver_utils.contract.team import list_teams, load_team
from datadriver_utils.privacy.rules import Audience
from datadriver_utils.stats.gains import goal_result, matched_gains
from tests.conftest import NOTEBOOKS, SAMPLE_DATA
from tests.rendered import sample_batch

pytestmark = pytest.mark.notebooks
TEAMS = list_teams(SAMPLE_DATA)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[BatchResult, Path]:
    return sample_batch(tmp_path_factory, Audience.TEAM)  # rendered once per session (tests/rendered.py)


def summary(out: Path, team_id: str) -> dict:
    return json.loads((out / team_id / "summary.json").read_text(encoding="utf-8"))


def test_sample_district_has_the_promised_teams():
    assert len(TEAMS) >= 5
    levels = {load_team(SAMPLE_DATA, t).config.level for t in TEAMS}
    assert {"district", "elementary", "middle", "high"} <= levels


def test_every_notebook_renders_for_every_team(batch):
    result, out = batch
    assert result.ok, [(t.team_id, t.status_line, [n.message for n in t.notebooks]) for t in result.teams]
    for team_id in TEAMS:
        for notebook in default_notebooks(NOTEBOOKS):
            assert (out / team_id / f"{notebook.stem}.html").is_file()
    assert (out / "index.html").is_file()


@pytest.mark.parametrize("team_id", TEAMS)
def test_snapshot_numbers_match_the_package(batch, team_id):
    _result, out = batch
    published = summary(out, team_id)["data_driver"]
    team = load_team(SAMPLE_DATA, team_id)
    goal = team.config.goal
    expected = matched_gains(team.assessments, team.students, goal.proficiency_cut_pct, by=("grade",))
    assert [row["grade"] for row in published["by_grade"]] == list(expected["grade"])
    for row, (_, want) in zip(published["by_grade"], expected.iterrows(), strict=True):
        assert row["n_matched"] == want["n_matched"]
        assert row["n_pre"] >= row["n_matched"] and row["n_post"] >= row["n_matched"]
        assert row["pre_mean_pct"] == pytest.approx(round(want["pre_mean_pct"], 1))
        assert row["gain_pct_points"] == pytest.approx(round(want["gain_pct_points"], 1))
        assert row["effect_size"] == pytest.approx(round(want["effect_size"], 2))  # to 0.01, as the tables show it
    standards = {row["standard"] for row in published["by_grade_standard"]}
    assert standards == set(team.assessments["standard"])
    result = goal_result(team.assessments, team.students, goal)
    assert published["goal_met"] == result.goal_met
    assert published["progress_rating"] == result.progress_rating


def test_planted_stories(batch):
    _result, out = batch
    ratings = {t: summary(out, t)["data_driver"]["progress_rating"] for t in TEAMS}
    assert ratings["maple-elementary-g3"] == "met goal"
    assert ratings["summit-high-algebra"] == "good progress, goal not met"
    assert ratings["river-middle-g7-math"] == "little or no progress"
    assert summary(out, "river-middle-g7-math")["data_driver"]["goal_met"] is False


def test_summary_schema_and_rounding(batch):
    _result, out = batch
    data = summary(out, "district-data-team")
    assert {"team_id", "generated_at", "data_driver"} <= data.keys()
    row = data["data_driver"]["by_grade"][0]
    assert set(row) >= {
        "grade", "n_pre", "n_post", "n_matched", "pre_mean_pct", "post_mean_pct", "gain_pct_points",
        "pre_pct_proficient", "post_pct_proficient", "effect_size",
    }
    for value in row.values():
        if isinstance(value, float):
            assert value == round(value, 2)  # effect sizes to 0.01, the rest to 0.1 (core/quantities.py)


@pytest.mark.parametrize("team_id", TEAMS)
def test_reports_are_code_free_offline_and_without_facilitator_notes(batch, team_id):
    _result, out = batch
    for html_file in (out / team_id).glob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        assert not soup.select(".jp-CodeCell .jp-InputArea"), f"{html_file.name} shows code"
        assert "import datadriver_utils" not in text
        assert "Facilitator notes" not in text
        external = [t for t in soup.find_all(["script", "link", "img"]) if re.match(r"https?:", t.get("src") or t.get("href") or "")]
        assert not external, f"{html_file.name} fetches {external[:1]}"


def test_index_links_every_team(batch):
    _result, out = batch
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in soup.find_all("a")}
    for team_id in TEAMS:
        assert f"{team_id}/summary.json" in links


def test_partial_team_renders_and_names_the_missing_files(batch):
    _result, out = batch
    team = load_team(SAMPLE_DATA, "oak-middle-science")
    assert "processes" in team.missing
    outcome = next(t for t in _result.teams if t.team_id == "oak-middle-science")
    assert outcome.ok and "processes" in outcome.status_line


def test_committed_notebooks_are_clean():
    notebooks = default_notebooks(NOTEBOOKS)
    assert notebooks
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), path.name
        tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, f"{path.name} needs exactly one parameters cell"
        assert "Source" in notebook.cells[0].source or "source" in notebook.cells[0].source.lower()


# -- teacher leadership (notebooks 30-33, 40): the figures they published, team by team ---------------
# Hand-worked in tests/leadership/test_views.py; here they must come out of the real batch.

LEADERSHIP = {
    "maple-elementary-g3": {
        "student_learning_cycles": {"n_cycles": 10, "n_complete_cycles": 10, "rule_followed": 5, "mean_change": 21.0},
        "peer_classrooms": {"n_crafted": 10, "n_collected": 10, "n_videos": 2},
        "scaling": {"n_blue": 4, "n_yellow": 8, "n_sheets": 8, "mean_change": 19.0, "culture_months_apart": 6},
        "classroom_improvement": {"n_plans_in_window": 1, "n_complete_tests": 2, "share_left_out": 1},
        "credential_portfolio": {"n_candidates": 3, "n_credentials": 16},
    },
    "river-middle-g7-math": {
        "student_learning_cycles": {"n_cycles": 4, "n_complete_cycles": 2, "rule_followed": 2},
        "peer_classrooms": {"n_crafted": 4, "n_collected": 2, "n_videos": 1},
        "scaling": {"n_blue": None, "n_sheets": 0},
        "classroom_improvement": {"n_plans": 1, "n_plans_in_window": 1, "n_presenting": 1, "n_facilitating": 0},
        "credential_portfolio": {"n_candidates": 2},
    },
    "cedar-elementary-k2": {
        "student_learning_cycles": {"n_cycles": 2, "rule_broken": 1, "mean_change": None},
        "classroom_improvement": {"n_plans_in_window": 0, "run_chart_points": 11},
        "credential_portfolio": {"n_candidates": 2},
    },
    "oak-middle-science": {
        "student_learning_cycles": {"n_teachers": 0, "n_cycles": 0},
        "peer_classrooms": {"n_visitors": 0, "peer_impact": None},
        "scaling": {"n_blue": None, "culture": None},
        "classroom_improvement": {"n_plans": 0, "n_pdsa_tests": None},
        "credential_portfolio": {"n_candidates": 1},
    },
}
PORTFOLIO = {  # candidate -> (complete, partial, not started) of the 16 credentials
    "maple-elementary-g3": {"Jasmine Ortiz": (15, 1, 0), "Ben Carter": (5, 5, 6), "Mei Chen": (5, 5, 6)},
    "river-middle-g7-math": {"Daniel Brooks": (3, 8, 5), "Aisha Rahman": (3, 5, 8)},
    "cedar-elementary-k2": {"Grace Kim": (1, 5, 10), "Luis Romero": (1, 5, 10)},
    "summit-high-algebra": {"Nora Lindqvist": (3, 1, 12)},
    "district-data-team": {"Dr. Alma Reyes": (2, 2, 12)},
    "oak-middle-science": {"Ruth Adeyemi": (0, 1, 15)},
}


@pytest.mark.parametrize("team_id", sorted(LEADERSHIP))
def test_leadership_sections_publish_the_planted_figures(batch, team_id):
    _result, out = batch
    published = summary(out, team_id)
    for section, figures in LEADERSHIP[team_id].items():
        for key, value in figures.items():
            assert published[section][key] == value, (section, key)


@pytest.mark.parametrize("team_id", sorted(PORTFOLIO))
def test_portfolio_status_of_every_sample_teacher(batch, team_id):
    _result, out = batch
    people = summary(out, team_id)["credential_portfolio"]["candidates"]
    found = {p["candidate"]: (p["n_complete"], p["n_partial"], p["n_not_started"]) for p in people}
    assert found == PORTFOLIO[team_id]


def test_oak_leadership_reports_say_what_they_need(batch):
    _result, out = batch
    for name in ("30_student_learning_cycles", "31_peer_classrooms", "32_scaling", "33_classroom_improvement"):
        text = (out / "oak-middle-science" / f"{name}.html").read_text(encoding="utf-8")
        assert "This section needs a file the team has not added yet" in text, name
        assert "sample_data/templates/" in text
