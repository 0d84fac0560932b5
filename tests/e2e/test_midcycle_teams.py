"""Every notebook renders mid-cycle, and says what each empty section waits for.

Four synthetic teams derived from River Middle (tests/e2e/midcycle_teams.py) are rendered once for
the module through the real batch (papermill + nbconvert, jobs=2): one with only its pre window,
one with BOY/MOY/EOY windows, one where every student has the same score, and one with three
students (also rendered for the district, where three students are too few to show).  The tests
read the HTML text a coach sees and the summary.json the notebooks published, and compare the
numbers with the package computed directly on the same folders.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from datadriver_utils.batch.runner import BatchOptions, BatchResult, default_notebooks
from datadriver_utils.contract.team import load_team
from datadriver_utils.privacy.rules import Audience
from datadriver_utils.stats.gains import matched_gains
from datadriver_utils.stats.goals import baseline
from tests.conftest import NOTEBOOKS
from tests.e2e.midcycle_teams import BUILDERS, build_midcycle_district

pytestmark = pytest.mark.notebooks
TEAMS = list(BUILDERS)
ALL_NOTEBOOKS = [p.name for p in default_notebooks(NOTEBOOKS)]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[BatchResult]]:
    from datadriver_utils.batch.runner import run_batch

    root = tmp_path_factory.mktemp("midcycle")
    data = build_midcycle_district(root / "data")
    out = root / "exports"
    team = run_batch(BatchOptions(data_dir=data, out_dir=out / "team", jobs=2, cell_timeout=180, cache_dir=None))
    district = run_batch(BatchOptions(data_dir=data, out_dir=out / "district", teams=["three-students"],
                                      audience=Audience.DISTRICT, jobs=2, cell_timeout=180, cache_dir=None))
    return data, out, [team, district]


def _text(out: Path, team: str, notebook: str, audience: str = "team") -> str:
    """The words of a rendered report, as a reader sees them (no scripts or styles)."""
    soup = BeautifulSoup((out / audience / team / f"{notebook}.html").read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())


def _summary(out: Path, team: str, audience: str = "team") -> dict:
    return json.loads((out / audience / team / "summary.json").read_text(encoding="utf-8"))


def test_every_notebook_renders_for_every_midcycle_team(rendered):
    _data, out, results = rendered
    for result in results:
        assert result.ok, [(t.team_id, [(n.notebook, n.message) for n in t.notebooks if not n.ok])
                           for t in result.teams]
    assert len(ALL_NOTEBOOKS) == 19
    for audience, teams in (("team", TEAMS), ("district", ["three-students"])):
        for team in teams:
            for notebook in ALL_NOTEBOOKS:
                text = _text(out, team, notebook.removesuffix(".ipynb"), audience)
                assert "Traceback" not in text and " nan" not in text.lower() and " inf " not in text, (
                    team, notebook)


def test_pre_only_team_reads_its_pre_window_and_says_what_post_will_fill(rendered):
    data, out, _ = rendered
    team = load_team(data, "pre-only")
    analyst = _summary(out, "pre-only")["data_analyst"]
    assert analyst["window"] == "pre" and analyst["by_grade"][0]["n"] == 136
    assert "No student has a score in the post window yet, so these results are the pre window" in _text(
        out, "pre-only", "12_data_analyst")
    goal = _summary(out, "pre-only")["goal_setter"]
    expected = baseline(team.assessments, team.config.goal.standards, 70.0, "pre")
    assert (goal["n_baseline"], goal["baseline_pct_proficient"]) == (136, round(expected.pct_proficient, 1))
    snapshot = _text(out, "pre-only", "20_data_driver_snapshot")
    for waits in ("not rated yet: the rating needs students with a score in both the pre and the post window",
                  "No student has a score in the post window yet: the post, gain and effect-size columns fill in",
                  "No student has a post score yet: the comparison fills in when the post rows are added",
                  "this fills in when students with a pre score also have a post score"):
        assert waits in snapshot
    assert "400000" not in snapshot  # no list of every student "missing" a post score that nobody has yet
    assert _summary(out, "pre-only")["data_driver"]["progress_rating"] is None
    assert "Too few points to tell yet (2 useful of the 15 needed)" in _text(out, "pre-only", "14_researcher")
    assert "there is no later administration to compare with yet" in _text(out, "pre-only", "15_surveys")
    assert "not yet: no scores in the check window" in _text(out, "pre-only", "21_leadership_moves")
    assert "no post results yet" in _text(out, "pre-only", "40_credential_portfolio")
    assert "scores for the same students in two windows" in _text(out, "pre-only", "06_assessment_literacy")
    assert _summary(out, "pre-only")["assessor"]["window"] == "pre"


def test_three_windows_keep_team_order_and_compare_first_with_last(rendered):
    data, out, _ = rendered
    summary = _summary(out, "three-windows")
    snapshot = summary["data_driver"]
    assert (snapshot["pre_window"], snapshot["post_window"]) == ("boy", "eoy")  # never alphabetical (eoy < moy)
    team = load_team(data, "three-windows")
    want = matched_gains(team.assessments, team.students, 70.0, by=("grade",), pre="boy", post="eoy").iloc[0]
    assert snapshot["by_grade"][0]["n_matched"] == want["n_matched"]
    assert snapshot["by_grade"][0]["gain_pct_points"] == pytest.approx(round(want["gain_pct_points"], 1))
    goal = summary["goal_setter"]  # the baseline is the first window, not a "pre" the team does not have
    expected = baseline(team.assessments, team.config.goal.standards, 70.0, "boy")
    assert (goal["baseline_window"], goal["n_baseline"], goal["baseline_pct_proficient"]) == (
        "boy", expected.n, round(expected.pct_proficient, 1))
    assert "Baseline (boy window: every student with a boy score" in _text(out, "three-windows", "13_goal_setter")
    assert (summary["data_analyst"]["window"], summary["assessor"]["window"]) == ("eoy", "eoy")
    assert "Pre is the boy window, post the eoy window" in _text(out, "three-windows", "20_data_driver_snapshot")
    assert "not yet: no scores in the check window" not in _text(out, "three-windows", "21_leadership_moves")


def test_same_score_for_everyone_leaves_spreads_empty_and_says_why(rendered):
    _data, out, _ = rendered
    summary = _summary(out, "same-score")
    grade = summary["data_driver"]["by_grade"][0]
    assert grade["pre_mean_pct"] == grade["post_mean_pct"] and grade["gain_pct_points"] == 0.0
    assert grade["effect_size"] is None  # every gain is 0: no spread to divide by, never inf or nan
    assert "every matched student gained exactly the same (there is no spread of gains to divide by)" in _text(
        out, "same-score", "20_data_driver_snapshot")
    assert summary["assessor"]["alpha"] is None
    assert "Alpha could not be computed" in _text(out, "same-score", "11_assessor")
    assert summary["data_analyst"]["by_grade"][0]["pct_proficient"] in (0.0, 100.0)


def test_three_students_show_in_the_team_view_and_are_suppressed_beyond_it(rendered):
    _data, out, _ = rendered
    team = _summary(out, "three-students")
    assert team["data_driver"]["by_grade"][0]["n_matched"] == 3 and team["goal_setter"]["n_baseline"] == 3
    district = _summary(out, "three-students", "district")
    grade = district["data_driver"]["by_grade"][0]
    assert grade["n_matched"] is None and grade["post_pct_proficient"] is None and grade["effect_size"] is None
    goal = district["goal_setter"]
    assert (goal["n_baseline"], goal["baseline_pct_proficient"], goal["status"], goal["suppressed"]) == (
        None, None, None, True)
    assert all(row["pct_proficient"] is None for row in district["data_analyst"]["by_grade"])
    students = [row.split(",")[0] for row in (_data_dir(rendered) / "students.csv").read_text().splitlines()[1:]]
    for notebook in ALL_NOTEBOOKS:
        text = _text(out, "three-students", notebook.removesuffix(".ipynb"), "district")
        assert not any(student in text for student in students), notebook
    assert "Too few students to chart beyond the team" in _text(out, "three-students", "13_goal_setter", "district")


def _data_dir(rendered: tuple[Path, Path, list[BatchResult]]) -> Path:
    return rendered[0] / "teams" / "three-students"
