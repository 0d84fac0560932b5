"""One number per quantity in the rendered sample district (issue 10, item 1).

River's baseline once read 38.2% in 13, 32.3% in the snapshot's grade table and 37.8% in
summary.json, and its effect size 0.14, 0.12 and 0.1; the culture score read 3.1 in 05 and
3.05 in 15.  These tests read the exported HTML (BeautifulSoup) and summary.json of the team
render and require every figure to read the same wherever it is shown, under one label.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from datadriver_utils.core.definitions import definition
from datadriver_utils.privacy.rules import Audience
from datadriver_utils.strands.goal_progress import GOAL_LABELS
from datadriver_utils.strands.goal_setter import BASELINE_LABEL
from tests.rendered import render_sample

pytestmark = pytest.mark.notebooks
TEAMS = ["river-middle-g7-math", "cedar-elementary-k2"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_sample(tmp_path_factory, Audience.TEAM)  # rendered once per session (tests/rendered.py)


def _soup(out: Path, team: str, report: str) -> BeautifulSoup:
    return BeautifulSoup((out / team / f"{report}.html").read_text(encoding="utf-8"), "html.parser")


def _table(soup: BeautifulSoup, first_header: str) -> list[dict[str, str]]:
    """The rows of the table whose first header cell is ``first_header``, as header -> text."""
    for table in soup.find_all("table"):
        rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]
        if rows and rows[0] and rows[0][0] == first_header:
            return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    raise AssertionError(f"no table starting with {first_header!r}")


def _summary(out: Path, team: str) -> dict:
    return json.loads((out / team / "summary.json").read_text(encoding="utf-8"))


def _text(soup: BeautifulSoup) -> str:
    return re.sub(r"\s+", " ", soup.get_text(" ", strip=True))


def _pct(value: float) -> str:
    return f"{value:.1f}%"


@pytest.mark.parametrize("team", TEAMS)
def test_the_baseline_reads_the_same_in_13_20_and_summary_json(out: Path, team: str):
    (row,) = _table(_soup(out, team, "13_goal_setter"), "Standards measured")
    published = _summary(out, team)["goal_setter"]
    assert row[BASELINE_LABEL] == _pct(published["baseline_pct_proficient"])
    assert row["Students (n)"] == str(published["n_baseline"])
    thread = {r["Strand"]: r for r in _table(_soup(out, team, "20_data_driver_snapshot"), "Strand")}
    assert (f"Baseline {row[BASELINE_LABEL]} proficient (all {row['Students (n)']} pre takers"
            in thread["Goal Setter"]["What the data show"])


@pytest.mark.parametrize("team", TEAMS)
def test_the_goal_progress_reads_the_same_in_20_and_summary_json(out: Path, team: str):
    soup = _soup(out, team, "20_data_driver_snapshot")
    (row,) = _table(soup, GOAL_LABELS["standards"])
    driver = _summary(out, team)["data_driver"]
    goal = driver["goal"]
    assert row[GOAL_LABELS["n_matched"]] == str(goal["n_matched"])
    assert row[GOAL_LABELS["pre"]] == _pct(goal["pre_pct_proficient"])
    assert row[GOAL_LABELS["post"]] == _pct(goal["post_pct_proficient"])
    assert row[GOAL_LABELS["change"]] == f"{goal['change_pct_points']:.1f}"
    assert row[GOAL_LABELS["effect_size"]] == f"{goal['effect_size']:.2f}"
    assert row[GOAL_LABELS["gap_closed"]] == f"{goal['gap_closed']:.2f}"
    assert row[GOAL_LABELS["rating"]].startswith(driver["progress_rating"])
    overview = {r["Question"]: r["Answer"] for r in _table(soup, "Question")}
    assert overview["Progress toward the goal"].startswith(driver["progress_rating"])
    text = _text(soup)
    assert f"went from {row[GOAL_LABELS['pre']]} to {row[GOAL_LABELS['post']]} proficient" in text
    assert f"paired effect size {row[GOAL_LABELS['effect_size']]};" in text  # the sentence quotes the table's 0.01 figure


@pytest.mark.parametrize("team", TEAMS)
def test_grade_effect_sizes_read_to_hundredths_in_the_table_and_summary_json(out: Path, team: str):
    rows = _table(_soup(out, team, "20_data_driver_snapshot"), "Grade")
    by_grade = _summary(out, team)["data_driver"]["by_grade"]
    shown = [r["Effect size, all standards"] for r in rows]
    assert shown == [f"{r['effect_size']:.2f}" for r in by_grade]
    assert all(re.fullmatch(r"-?\d+\.\d\d", s) for s in shown)
    assert [r["Pre % proficient, all standards"] for r in rows] == [_pct(r["pre_pct_proficient"]) for r in by_grade]


@pytest.mark.parametrize("team", TEAMS)
def test_construct_scores_read_the_same_in_05_15_and_summary_json(out: Path, team: str):
    in_05, in_15 = _culture_scores(out, team, "05_change"), _culture_scores(out, team, "15_surveys")
    assert in_05 and in_05 == in_15
    assert all(re.fullmatch(r"\d\.\d\d", score) for score in in_05.values())
    published = _summary(out, team)
    for block in (published["change"]["culture"], published["surveys"]["surveys"]["culture"]):
        for change in block["construct_changes"]:
            for when in ("first", "latest"):
                shown = in_05[(change[f"{when}_administration"], change["construct"])]
                assert shown == f"{change[f'{when}_mean_score']:.2f}"


def _culture_scores(out: Path, team: str, report: str) -> dict[tuple[str, str], str]:
    """The culture survey's construct scores as a report shows them: (administration, construct) -> text."""
    for box in _soup(out, team, report).find_all("div", class_="dd-table"):
        title = box.find("b")
        rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in box.find_all("tr")]
        if title and title.get_text(strip=True).lower().startswith("culture") and rows and \
                rows[0][:2] == ["Administration", "Construct"]:
            return {(r[0], r[1]): r[rows[0].index("Mean score")] for r in rows[1:]}
    raise AssertionError(f"{report} has no culture construct-score table")


@pytest.mark.parametrize(("report", "terms"), [
    ("13_goal_setter", ("baseline", "students_to_cross")),
    ("20_data_driver_snapshot", ("baseline", "goal_pre_pct", "goal_post_pct", "effect_size", "progress_rating")),
    ("05_change", ("construct_score", "pct_favourable")),
    ("15_surveys", ("construct_score", "pct_favourable")),
])
@pytest.mark.parametrize("team", TEAMS)
def test_each_report_ends_with_the_definitions_of_its_figures(out: Path, team: str, report: str, terms: tuple[str, ...]):
    soup = _soup(out, team, report)
    section = soup.find("section", class_="dd-definitions")
    assert section is not None, f"{report} has no Definitions"
    names = [dt.get_text(strip=True) for dt in section.find_all("dt")]
    for term in terms:
        assert definition(term).name in names
        assert definition(term).formula[1:] in section.get_text()  # the first letter is capitalised
    later = [el for el in section.find_all_next(["table", "h2", "img"]) if section not in el.parents]
    assert not later, f"{report}: something follows the Definitions"
