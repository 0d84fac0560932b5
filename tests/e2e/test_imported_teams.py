"""Every source end to end: import its documented fixture, pass the check, render notebooks 11, 12
and 20 (and 15 for the survey) through the real batch, and read the published figures.

Hand computations (fixture values in tests/data/imports/make_fixtures.py):

* MAP, fall → spring, benchmarks fall 3:188 4:203, spring 3:198 4:211. Grade 3: 190→200, 180→186:
  means 185 → 193, gain 8, d = 8 / sd(10, 6) = 2.83; proficient 1 of 2 before and after. Grade 4:
  200→212, 210→214: 205 → 213, d = 8 / sd(12, 4) = 1.41; proficient 1 → 2 of 2. Goal on overall:
  2 of 4 → 3 of 4 = 75% against a target of 60: met.
* Goal Setter on MAP (no percent-correct cut: the fall benchmarks): 190 ≥ 188, 180 < 188, 200 < 203,
  210 ≥ 203: 2 of 4 = 50%; 60% of 4 = 3 students, so 1 of the 2 below must cross: reachable.
* Star, fall → spring, benchmarks fall 4:880 5:990, spring 4:920 5:1050. Grade 4: 900→960,
  850→870: 875 → 915, d = 40 / sd(60, 20) = 1.41, 50% → 50%. Grade 5: 1000→1040, 100% → 0%.
  Goal at its own cut_score 900 (Star scale score), target 80%: fall 900, 850, 1000 → 2 of 3 = 66.7%;
  80% of 3 = 3 students: the one below must cross (all of those below): out of reach. Spring 960, 870,
  1040 → 66.7%: not met.
* i-Ready, winter → spring, no benchmarks: grade 3 452 → 484 (gain 32, d = 32 / sd(44, 20) =
  1.89); percent proficient stays empty and says why.
* Item sheet, pre → post, out of 6: 6→6, 3→5, 2→4, 5→5: 66.7% → 83.3%, d = 16.7 / 19.2 = 0.87;
  at the 70% cut 2 → 3 of 4. Goal on 7.RP.2 (4 points): 4,2,1,3 → 4,3,2,3 of 4: 50% → 75%.
  Post items: Q1 and Q2 answered right by all four (p = 1.0, too easy).
* OneRoster, quarter 1 → quarter 3, out of 30: 18→27, 15→21, 24→25, 12→18: 57.5% → 75.8%;
  d = 18.3 / 11.06 = 1.66; at 70%: 1 → 3 of 4. Quarter 3, 5.NF.1: 9, 7, 8, 6 of 10: mean 75%.
* Forms survey, fall 2025, five respondents: favourable (above the midpoint of 1-5) safety 3/5 = 60%,
  belonging 4/5 = 80%, support 2/5 = 40%.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from datadriver_utils.batch.runner import BatchOptions, run_batch
from datadriver_utils.contract.team import check_team, load_district
from tests.importers.helpers import fixture, import_into

pytestmark = pytest.mark.notebooks
NOTEBOOKS = ["11_assessor.ipynb", "12_data_analyst.ipynb", "13_goal_setter.ipynb", "20_data_driver_snapshot.ipynb"]


def _edit_team(data: Path, team: str, **fields: object) -> None:
    path = data / "teams" / team / "team.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**config, **fields}, sort_keys=False), encoding="utf-8")


def _import_all(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "district.yml").write_text("name: Imported District\nschool_year: 2025-26\nmin_group_size: 5\n",
                                       encoding="utf-8")
    maps = tmp_path / "maps"
    maps.mkdir()
    for name, text in {"pre": "window: pre\n", "post": "window: post\n"}.items():
        (maps / f"{name}.yml").write_text(text, encoding="utf-8")
    import_into(tmp_path, "nwea-map", fixture("nwea-map", "documented", "AssessmentResults.csv", "StudentsBySchool.csv"),
                team="map")
    import_into(tmp_path, "renaissance-star", fixture("renaissance-star", "documented", "SR_v2.csv",
                                                      "SR_Dashboard_Standards_v2.csv"), team="star")
    import_into(tmp_path, "iready", fixture("iready", "documented", "diagnostic_results_ela.csv"), team="iready")
    key, pre, post = fixture("item-sheet", "documented", "key.csv", "answers_pre.csv", "answers_post.csv")
    import_into(tmp_path, "item-sheet", [key, pre], maps / "pre.yml", team="sheet")
    import_into(tmp_path, "item-sheet", [key, post], maps / "post.yml", team="sheet", mode="append")
    import_into(tmp_path, "oneroster", fixture("oneroster", "documented", ""),
                fixture("oneroster", "documented", "oneroster.yml")[0], team="oneroster")
    import_into(tmp_path, "forms-survey", fixture("forms-survey", "documented",
                                                  "Student voice (Responses) - Form Responses 1.csv"),
                fixture("forms-survey", "documented", "survey.yml")[0], team="survey")
    _edit_team(data, "map", benchmarks={"fall 2024-2025": {3: 188, 4: 203}, "spring 2024-2025": {3: 198, 4: 211}},
               goal={"statement": "60% at the spring benchmark", "standards": ["overall"], "target_pct_proficient": 60})
    _edit_team(data, "star", benchmarks={"fall 2023-2024": {4: 880, 5: 990}, "spring 2023-2024": {4: 920, 5: 1050}},
               goal={"statement": "By May, 80% of students at 900 or above", "standards": ["overall"],
                     "cut_score": 900, "target_pct_proficient": 80})
    _edit_team(data, "sheet", goal={"statement": "70% proficient on 7.RP.2", "standards": ["7.RP.2"],
                                    "proficiency_cut_pct": 70, "target_pct_proficient": 70})
    return data


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    tmp_path = tmp_path_factory.mktemp("imported")
    data = _import_all(tmp_path)
    out = tmp_path / "exports"
    result = run_batch(BatchOptions(data_dir=data, out_dir=out, notebooks=NOTEBOOKS, jobs=2, cell_timeout=180,
                                    teams=["map", "star", "iready", "sheet", "oneroster"]))
    survey = run_batch(BatchOptions(data_dir=data, out_dir=out, notebooks=[*NOTEBOOKS, "15_surveys.ipynb"],
                                    teams=["survey"], jobs=1, cell_timeout=180))
    return data, out, (result, survey)


def _summary(out: Path, team: str) -> dict:
    return json.loads((out / team / "summary.json").read_text(encoding="utf-8"))


def _by(rows: list[dict], key: str) -> dict[str, dict]:
    return {row[key]: row for row in rows}


def test_every_imported_team_passes_the_check_and_renders(rendered):
    data, out, results = rendered
    district, _ = load_district(data)
    for team in ("map", "star", "iready", "sheet", "oneroster", "survey"):
        assert check_team(data, team, district)[1] == [], team
    for result in results:
        assert result.ok, [(t.team_id, [(n.notebook, n.message) for n in t.notebooks if not n.ok]) for t in result.teams]
    for team in ("map", "star", "iready", "sheet", "oneroster", "survey"):
        for notebook in NOTEBOOKS:
            assert (out / team / notebook.replace(".ipynb", ".html")).is_file()


def test_map_scale_scores(rendered):
    _data, out, _ = rendered
    snapshot = _summary(out, "map")["data_driver"]
    assert (snapshot["score_type"], snapshot["pre_window"], snapshot["post_window"]) == (
        "scale", "fall 2024-2025", "spring 2024-2025")
    grades = _by(snapshot["by_grade"], "grade")
    assert {k: grades["3"][k] for k in ("pre_mean_score", "post_mean_score", "gain_score_points", "effect_size",
                                        "pre_pct_proficient", "post_pct_proficient")} == {
        "pre_mean_score": 185.0, "post_mean_score": 193.0, "gain_score_points": 8.0, "effect_size": 2.83,
        "pre_pct_proficient": 50.0, "post_pct_proficient": 50.0}
    assert (grades["4"]["effect_size"], grades["4"]["post_pct_proficient"]) == (1.41, 100.0)
    assert "pre_mean_pct" not in grades["3"] and "gain_pct_points" not in grades["3"]  # never a percent correct
    assert snapshot["goal"]["post_pct_proficient"] == 75.0 and snapshot["goal_met"] is True
    analyst = _summary(out, "map")["data_analyst"]
    assert (analyst["window"], analyst["score_type"], analyst["proficiency_cut_pct"]) == (
        "spring 2024-2025", "scale", None)
    assert _by(analyst["by_grade"], "grade")["4"] == {"grade": "4", "n": 2, "mean_score": 213.0,
                                                       "pct_proficient": 100.0, "n_benchmarked": 2}
    html = (out / "map" / "12_data_analyst.html").read_text(encoding="utf-8")
    assert "These results are scale scores" in html and "needs item-level rows" in (
        out / "map" / "11_assessor.html").read_text(encoding="utf-8")


def test_star_and_iready_scale_scores(rendered):
    _data, out, _ = rendered
    star = _by(_summary(out, "star")["data_driver"]["by_grade"], "grade")
    assert (star["4"]["pre_mean_score"], star["4"]["post_mean_score"], star["4"]["effect_size"]) == (875.0, 915.0, 1.41)
    assert (star["5"]["n_matched"], star["5"]["pre_pct_proficient"], star["5"]["post_pct_proficient"]) == (1, 100.0, 0.0)
    iready = _summary(out, "iready")
    grade3 = _by(iready["data_driver"]["by_grade"], "grade")["3"]
    assert (grade3["gain_score_points"], grade3["effect_size"], grade3["post_pct_proficient"]) == (32.0, 1.89, None)
    assert _by(iready["data_analyst"]["by_grade"], "grade")["3"]["n_benchmarked"] == 0
    assert "add benchmarks:" in (out / "iready" / "12_data_analyst.html").read_text(encoding="utf-8")


def test_item_sheet_points_and_items(rendered):
    _data, out, _ = rendered
    summary = _summary(out, "sheet")
    grade = summary["data_driver"]["by_grade"][0]
    assert (grade["pre_mean_pct"], grade["post_mean_pct"], grade["gain_pct_points"], grade["effect_size"]) == (
        66.7, 83.3, 16.7, 0.87)
    assert (grade["pre_pct_proficient"], grade["post_pct_proficient"]) == (50.0, 75.0)
    assert summary["data_driver"]["score_type"] == "points" and summary["data_driver"]["goal"]["post_pct_proficient"] == 75.0
    assessor = summary["assessor"]
    assert (assessor["window"], assessor["n_items"], assessor["n_students"]) == ("post", 5, 4)
    assert assessor["flagged"]["too_easy"] == ["Q1", "Q2"]


def test_oneroster_points_by_grading_period(rendered):
    _data, out, _ = rendered
    summary = _summary(out, "oneroster")
    grade = summary["data_driver"]["by_grade"][0]
    assert (grade["pre_mean_pct"], grade["post_mean_pct"], grade["effect_size"]) == (57.5, 75.8, 1.66)
    assert (grade["pre_pct_proficient"], grade["post_pct_proficient"]) == (25.0, 75.0)
    analyst = summary["data_analyst"]
    assert analyst["window"] == "quarter 3"
    assert _by(analyst["by_standard"], "standard")["5.NF.1"]["mean_pct"] == 75.0


def test_survey_team(rendered):
    _data, out, _ = rendered
    surveys = _summary(out, "survey")["surveys"]["surveys"]["student_voice"]
    assert [(a["administration"], a["n_respondents"]) for a in surveys["administrations"]] == [("fall 2025", 5)]
    favourable = {c["construct"]: c["first_pct_favourable"] for c in surveys["construct_changes"]}
    assert favourable == {"safety": 60.0, "belonging": 80.0, "support": 40.0}


def test_goal_setter_on_scale_scores(rendered):
    _data, out, _ = rendered
    map_goal = _summary(out, "map")["goal_setter"]
    assert {k: map_goal[k] for k in ("score_type", "baseline_window", "proficiency_cut_pct", "n_baseline",
                                     "baseline_pct_proficient", "students_to_cross", "status")} == {
        "score_type": "scale", "baseline_window": "fall 2024-2025", "proficiency_cut_pct": None, "n_baseline": 4,
        "baseline_pct_proficient": 50.0, "students_to_cross": 1, "status": "reachable"}
    assert map_goal["cut"] == "the fall 2024-2025 benchmark of each grade: RIT 188 (grade 3), 203 (grade 4)"
    html = (out / "map" / "13_goal_setter.html").read_text(encoding="utf-8")
    assert "RIT 188 (grade 3), 203 (grade 4)" in html and "no baseline" not in html.lower()
    star = _summary(out, "star")
    goal = star["goal_setter"]
    assert (goal["cut"], goal["n_baseline"], goal["baseline_pct_proficient"], goal["status"]) == (
        "Star scale score 900, the goal's cut_score", 3, 66.7, "out of reach")
    snapshot = star["data_driver"]
    assert (snapshot["goal"]["pre_pct_proficient"], snapshot["goal"]["post_pct_proficient"], snapshot["goal_met"]) == (
        66.7, 66.7, False)
    snapshot_html = (out / "star" / "20_data_driver_snapshot.html").read_text(encoding="utf-8")
    assert "at or above Star scale score 900" in snapshot_html
    assert "The goal's baseline in 13 Goal Setter, 66.7% proficient, counts all 3 students" in snapshot_html
