"""Tests for the sample district's optional files: the planted stories must be there.

The district is generated once (seed 2026, the committed seed) into a temporary folder; each
test reads back one planted fact. Run-chart limits quoted below are Anhøj's
(round(log2 n) + 3 and qbinom(0.05, n - 1, 0.5)): n = 22 -> longest run 7, crossings 7;
n = 24 -> 8 and 8.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from datadriver_utils.contract.team import check_team, list_teams, load_district
from datadriver_utils.sample.core import CYCLE_END, CYCLE_START, generate_core
from datadriver_utils.sample.extras import (
    STRANDS,
    pdsa_table,
    processes_table,
    run_chart_table,
    write_extras,
)
from datadriver_utils.sample.extras_toolkit import dissemination_schedule, inventory_elements, survey_tables
from datadriver_utils.sample.generator import generate_district
from datadriver_utils.sample.profiles import TEAMS
from datadriver_utils.stats.runchart import analyse_run_chart, anhoej_limits

SEED = 2026
PROFILES = {p.team_id: p for p in TEAMS}
DOMAINS = {"demographics", "perceptions", "student outcomes", "school processes"}


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_district(tmp_path_factory.mktemp("sample"), SEED)


def _read(district: Path, team: str, name: str) -> pd.DataFrame:
    return pd.read_csv(district / "teams" / team / name, dtype={"student_id": str}, keep_default_na=False,
                       na_values=[""])


def _chart(district: Path, team: str) -> pd.DataFrame:
    frame = _read(district, team, "run_chart.csv")
    return frame.assign(date=pd.to_datetime(frame["date"], format="%Y-%m-%d"))


def test_every_team_passes_the_contract(district: Path) -> None:
    config, problems = load_district(district)
    assert config is not None and problems == []
    assert list_teams(district) == sorted(PROFILES)
    for team in list_teams(district):
        data, team_problems = check_team(district, team, config)
        assert data is not None
        assert [str(p) for p in team_problems] == []
        optional = {"processes", "pdsa", "run_chart", "surveys", "inventory", "dissemination"}
        expected = optional & set(PROFILES[team].files)
        assert expected <= set(data.tables)


def test_team_yml_has_strand_notes_for_every_team(district: Path) -> None:
    for team in PROFILES:
        config = yaml.safe_load((district / "teams" / team / "team.yml").read_text(encoding="utf-8"))
        for key in ("next_steps", "actions"):
            assert set(config[key]) == set(STRANDS)
            assert all(isinstance(v, str) and len(v) > 20 for v in config[key].values())
    oak = district / "teams" / "oak-middle-science"
    assert sorted(p.name for p in oak.iterdir()) == ["assessments.csv", "students.csv", "team.yml"]


def _post_goal_pct(district: Path, team: str) -> pd.Series:
    profile = PROFILES[team]
    results = _read(district, team, "assessments.csv")
    post = results[(results["window"] == "post") & results["standard"].isin(profile.goal_standards)]
    sums = post.groupby("student_id")[["points", "points_possible"]].sum()
    return 100 * sums["points"] / sums["points_possible"]


def test_river_discrepancy_high_completion_and_grades_low_proficiency(district: Path) -> None:
    team = "river-middle-g7-math"
    processes = _read(district, team, "processes.csv")
    completion = processes["assignment_completion_pct"].mean()
    grades = processes["course_grade"].dropna()
    a_or_b = grades.isin(["A", "B"]).mean()
    pct = _post_goal_pct(district, team)
    proficient = 100 * (pct >= PROFILES[team].cut_pct).mean()
    assert 90 <= completion <= 93
    assert a_or_b >= 0.75
    assert proficient < 55
    assert completion - proficient > 35  # the gap the discrepancy check should find
    assert 100 * a_or_b - proficient > 30
    assert set(processes["student_id"]) == set(_read(district, team, "students.csv")["student_id"])


def test_other_teams_completion_tracks_results(district: Path) -> None:
    for team in ("maple-elementary-g3", "summit-high-algebra", "district-data-team"):
        processes = _read(district, team, "processes.csv").set_index("student_id")
        joined = processes.join(_post_goal_pct(district, team).rename("pct"), how="inner")
        assert joined["assignment_completion_pct"].corr(joined["pct"]) > 0.3
        assert processes["assignment_completion_pct"].isna().sum() >= 1  # a few blanks


def test_cedar_processes_have_many_blanks(district: Path) -> None:
    processes = _read(district, "cedar-elementary-k2", "processes.csv")
    assert processes["course_grade"].isna().mean() > 0.08
    assert processes["assignment_completion_pct"].isna().mean() > 0.08


def test_maple_run_chart_shifts_up_after_the_change(district: Path) -> None:
    chart = _chart(district, "maple-elementary-g3")
    change = chart.loc[chart["annotation"].notna(), "date"]
    assert len(change) == 1 and 15 <= len(chart) <= 30
    before = chart[chart["date"] < change.iloc[0]]["value"]
    after = chart[chart["date"] >= change.iloc[0]]["value"]
    assert after.min() >= before.median() + 8
    whole = analyse_run_chart(chart).phases[0]
    assert whole.anhoej_signal and whole.ihi_shift
    for phase in analyse_run_chart(chart, change.iloc[0]).phases:  # each phase is stable on its own
        assert not phase.anhoej_signal and not phase.ihi_signal


def test_river_run_chart_has_no_signal(district: Path) -> None:
    chart = _chart(district, "river-middle-g7-math")
    n = len(chart)
    assert 15 <= n <= 30 and chart["value"].notna().all()
    median = chart["value"].median()
    side = np.sign(chart["value"] - median)
    assert (side != 0).all()
    runs = side.ne(side.shift()).cumsum()
    longest_run_max, crossings_min = anhoej_limits(n)  # 22 points: 7 and 7
    assert runs.value_counts().max() <= longest_run_max
    assert runs.max() - 1 >= crossings_min
    change = chart.loc[chart["annotation"].notna(), "date"].iloc[0]
    for result in (analyse_run_chart(chart), analyse_run_chart(chart, change)):
        for phase in result.phases:
            assert not (phase.anhoej_signal or phase.ihi_shift or phase.ihi_trend or phase.ihi_astronomical)


def test_cedar_run_chart_is_short_and_starts_too_early(district: Path) -> None:
    chart = _chart(district, "cedar-elementary-k2")
    assert 10 <= len(chart) <= 12
    assert (chart["date"].dt.date < CYCLE_START).sum() == 1
    assert chart["annotation"].notna().sum() == 1


def test_pdsa_cycles_sit_inside_the_inquiry_cycle(district: Path) -> None:
    for team in set(PROFILES) - {"oak-middle-science"}:
        pdsa = _read(district, team, "pdsa.csv")
        assert 2 <= len(pdsa) <= 4
        start = pd.to_datetime(pdsa["start_date"]).dt.date
        end = pd.to_datetime(pdsa["end_date"]).dt.date
        assert (start >= CYCLE_START).all() and (end <= CYCLE_END).all() and (start < end).all()
        chart = _chart(district, team)
        annotated = chart.loc[chart["annotation"].notna(), "date"].dt.date.iloc[0]
        assert any(0 <= (annotated - s).days <= 4 for s in start)  # the row where a change began


def test_district_releases_a_student_list_to_the_school_board(district: Path) -> None:
    for team in set(PROFILES) - {"oak-middle-science"}:
        schedule = _read(district, team, "dissemination.csv")
        assert 6 <= len(schedule) <= 10
        student_level = schedule[schedule["access_level"] == "student-level"]
        wrong = student_level[~student_level["audience"].isin(["teachers", "counselors", "data team"])]
        if team == "district-data-team":
            assert wrong["audience"].tolist() == ["school board"]
        else:
            assert wrong.empty


def test_inventory_plants(district: Path) -> None:
    inventory = _read(district, "district-data-team", "inventory.csv")
    attendance = inventory[inventory["element"] == "Daily attendance"]
    assert len(attendance) == 2
    assert attendance["owner"].nunique() == 2 and attendance["source_system"].nunique() == 2
    assert inventory.loc[inventory["use"].isna(), "element"].tolist() == ["Bus ridership counts"]
    assert {"Maple Elementary School", "River Middle School"} <= set(inventory["school"].dropna())
    for team in set(PROFILES) - {"oak-middle-science"}:
        table = _read(district, team, "inventory.csv")
        assert 10 <= len(table) <= 16
        domains = set(table["domain"])
        assert domains == (DOMAINS - {"perceptions"} if team == "summit-high-algebra" else DOMAINS)
        if team != "district-data-team":
            assert table["use"].notna().all()
            assert not table["element"].duplicated().any()


def test_peer_feedback_respondents(district: Path) -> None:
    for team in set(PROFILES) - {"oak-middle-science"}:
        surveys = _read(district, team, "surveys.csv")
        peers = surveys.loc[surveys["survey"] == "peer_feedback", "respondent"].nunique()
        assert peers == 3 if team == "cedar-elementary-k2" else peers >= 4


def test_survey_design(district: Path) -> None:
    for team in set(PROFILES) - {"oak-middle-science"}:
        surveys = _read(district, team, "surveys.csv")
        items = _read(district, team, "survey_items.csv")
        admins = surveys.groupby("survey")["administration"].unique().map(sorted).to_dict()
        assert admins == {"culture": ["2025-09", "2026-03"], "peer_feedback": ["post"],
                          "student_voice": ["post", "pre"],
                          "belonging": ["2025-10", "2025-12", "2026-01"]}  # notebook 21's micro-survey
        assert (items["reverse_scored"] == "yes").sum() >= 1
        assert surveys["response"].dropna().between(1, 5).all()
        merged = surveys.merge(items, on=["survey", "item"])
        merged["scored"] = merged["response"].where(merged["reverse_scored"] == "no", 6 - merged["response"])
        voice = merged[merged["survey"] == "student_voice"].pivot_table(
            index="construct", columns="administration", values="scored")
        change = voice["post"] - voice["pre"]
        assert abs(change["belonging"]) < 0.25  # the flat one
        assert change["feedback"] > 0.3


def test_extras_are_deterministic_for_a_seed() -> None:
    profile = PROFILES["river-middle-g7-math"]

    def build(seed: int) -> list[pd.DataFrame]:
        rng = np.random.default_rng(seed)
        core = generate_core(profile, rng, 400_000)
        return [processes_table(profile, core, rng), pdsa_table(profile, rng), run_chart_table(profile, rng),
                *survey_tables(profile, rng), inventory_elements(profile, rng), dissemination_schedule(profile, rng)]

    for first, second in zip(build(7), build(7), strict=True):
        pd.testing.assert_frame_equal(first, second)
    assert not build(8)[0].equals(build(7)[0])


def test_unknown_optional_file_is_refused(tmp_path: Path) -> None:
    import dataclasses

    profile = dataclasses.replace(PROFILES["oak-middle-science"], files=("nonsense",))
    rng = np.random.default_rng(1)
    core = generate_core(profile, rng, 1)
    with pytest.raises(ValueError, match="nonsense"):
        write_extras(tmp_path, profile, core, rng, lambda path, frame: None)


def test_project_analyses_find_the_inventory_and_dissemination_plants(district: Path) -> None:
    from datadriver_utils.stats.dissemination import access_violations
    from datadriver_utils.stats.inventory import missing_domains, redundant_collections, unused_elements

    inventory = _read(district, "district-data-team", "inventory.csv")
    redundant = redundant_collections(inventory)
    assert redundant["element"].tolist() == ["Daily attendance", "Daily attendance"]
    assert unused_elements(inventory)["element"].tolist() == ["Bus ridership counts"]
    assert missing_domains(_read(district, "summit-high-algebra", "inventory.csv")) == ["perceptions"]
    violations = access_violations(_read(district, "district-data-team", "dissemination.csv"))
    assert violations["audience"].tolist() == ["school board"]
    for team in ("maple-elementary-g3", "cedar-elementary-k2", "river-middle-g7-math", "summit-high-algebra"):
        assert access_violations(_read(district, team, "dissemination.csv")).empty
        assert redundant_collections(_read(district, team, "inventory.csv")).empty


# team: (weakest-rated barrier expected in the top two, weak collection items, peak stage of concern)
RESPONSE_PLANTS = {
    "district-data-team": ("political_use", {"tools", "secure"}, 4),
    "maple-elementary-g3": ("no_time", {"documented"}, 5),
    "cedar-elementary-k2": ("important_data_missing", {"timely", "complete"}, 3),
    "river-middle-g7-math": ("results_kept_apart", {"accurate"}, 2),
    "summit-high-algebra": ("judgement_over_evidence", {"purpose", "trained"}, 1),
}


def test_workshop_responses_are_saved_and_readable(district: Path) -> None:
    from datadriver_utils.sample.extras_toolkit import ACTIVITIES
    from datadriver_utils.stats import concerns, ratings
    from datadriver_utils.workshop.content import BARRIERS, CONCERNS_ITEMS, TEAM_SELF_ASSESSMENT, VISION_COMPONENTS
    from datadriver_utils.workshop.store import ResponseStore

    assert not (district / "teams" / "oak-middle-science" / "responses").exists()
    for team, (barrier, weak_collection, peak) in RESPONSE_PLANTS.items():
        store = ResponseStore(district / "teams" / team)
        n_members = len(PROFILES[team].members)
        for activity in ACTIVITIES:
            assert len(store.history(activity)) == 1, (team, activity)
        assert len(store.latest("team_self_assessment")) == n_members * len(TEAM_SELF_ASSESSMENT)
        assert len(store.latest("barriers")) == n_members * len(BARRIERS) == n_members * 7
        assert len(store.latest("concerns")) == n_members * len(CONCERNS_ITEMS)
        components = store.latest("vision_components")
        assert len(components) == len(VISION_COMPONENTS) + 1  # one row the group added
        filled = components.drop(columns="component").ne("").to_numpy().sum()
        assert filled == 3
        statement = store.latest("vision_statement")
        assert isinstance(statement, dict) and len(statement["draft"]) > 80
        tracker = store.latest("change_actions")
        assert list(tracker.columns) == ["step", "action", "owner", "due", "status"]
        assert tracker["due"].between(pd.Timestamp(CYCLE_START), pd.Timestamp(CYCLE_END)).all()
        assert barrier in ratings.barrier_profile(store.latest("barriers")).top[:2]
        collection = ratings.collection_profile(store.latest("collection_self_assessment"))
        assert set(collection.loc[collection["mean"] < 2.5, "item"]) == weak_collection
        assert concerns.concerns_profile(store.latest("concerns")).team_peak == peak
    district_store = ResponseStore(district / "teams" / "district-data-team")
    rubric = ratings.vision_rubric_profile(district_store.latest("vision_rubric"))
    assert rubric.set_index("hallmark_id").loc["same_story", "spread"] == 3
