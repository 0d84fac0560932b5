"""Data Analyst views (notebook 12): results that show themselves, hand over their numbers and
respect the audience; the data_analyst section of summary.json."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.figure
import pandas as pd
import pytest

from datadriver_utils.charts.proficiency import HIDDEN_LABEL, band_chart_alt, band_chart_figure
from datadriver_utils.notebook.needs import MissingData
from datadriver_utils.notebook.report import open_report
from datadriver_utils.stats.discrepancy import DiscrepancyThresholds
from datadriver_utils.stats.proficiency import BANDS
from datadriver_utils.strands import analyst
from tests import analyst_data
from tests.analyst_data import ASSESSMENTS, PROCESSES, STUDENTS, row
from tests.conftest import DISTRICT, TEAM, write_team

data_dir = analyst_data.data_dir  # the shared fixture


def test_results_frame_holds_the_numbers(data_dir: Path):
    standards = analyst.results(open_report(data_dir, "t1", "team"), "standard")
    # S1: 80, 50, 100, 60 -> mean 72.5, 50% proficient
    assert row(standards.frame, "standard", "S1")[["n", "mean_pct", "pct_proficient"]].tolist() == [4, 72.5, 50.0]
    assert "Results by standard, post assessment (cut 70%)" in standards._repr_html_()
    assert "student learning" in standards._repr_html_()  # the evidence label


def test_cut_and_window_pass_through(data_dir: Path):
    report = open_report(data_dir, "t1", "team")
    # grade 8 is s4 alone at 65: not proficient at 70, proficient at 60
    assert row(analyst.results(report, "grade").frame, "grade", "8")["pct_proficient"] == 0.0
    assert row(analyst.results(report, "grade", cut_pct=60).frame, "grade", "8")["pct_proficient"] == 100.0
    # pre: s4 scored 3 of 10 on S1
    assert row(analyst.results(report, "grade", window="pre").frame, "grade", "8")["mean_pct"] == 30.0
    bubble = analyst.bubble(report, margin=25).frame
    assert list(bubble["student_id"]) == ["s4", "s2"]  # 65 and 50 are within 25 points of 70


def test_beyond_the_team_small_groups_are_hidden(data_dir: Path):
    district = open_report(data_dir, "t1", "district")
    grades = analyst.results(district, "grade").frame
    # min group size 2: grade 8 (n = 1) is hidden, and grade 7 with it (else 4 - 3 gives it away)
    assert grades["suppressed"].tolist() == [True, True] and grades["pct_proficient"].isna().all()
    bands = analyst.bands(district)
    assert bands.frame["suppressed"].all()
    drawn = _drawn_cells(bands.figure)
    assert len(drawn) == 2 * len(BANDS) and set(drawn.values()) == {HIDDEN_LABEL}  # every cell in its place, hidden
    assert "%" not in " ".join(t.get_text() for a in bands.figure.axes for t in a.texts)  # no more than the table
    assert "hidden" in bands.parts[-1].alt and "%" not in bands.parts[-1].alt.split("grade's students:")[1]
    assert "s1" not in analyst.results(district, "section")._repr_html_()


def test_bands_without_scores_in_the_window_say_what_they_need(data_dir: Path, tmp_path: Path):
    # the known bug: an empty window raised KeyError: 'grade' while drawing the chart
    report = open_report(data_dir, "t1", "team")
    for audience in ("team", "district", "public"):
        bands = analyst.bands(open_report(data_dir, "t1", audience), window="mid")
        assert bands.figure is None and bands.frame is None
        assert any('window "mid"' in n and "rows for: pre, post" in n for n in bands.notices)  # in time order
    # a team with only its first window reads that window (the Data Analyst session of a cycle's
    # first half), says so, and still says what an explicit post window needs
    first = {"students.csv": STUDENTS, "assessments.csv": "\n".join(ASSESSMENTS.splitlines()[:1] + [
        line for line in ASSESSMENTS.splitlines() if ",pre," in line]) + "\n"}
    write_team(tmp_path / "first", first)
    early = open_report(tmp_path / "first", "t1", "team")
    assert analyst.bands(early).figure is not None and analyst.results(early, "grade").frame is not None
    assert any("No student has a score in the post window yet, so these results are the pre window" in n
               for n in analyst.kind(early).notices)
    assert analyst.summary(early).window == "pre"
    for result in (analyst.bands(early, window="post"), analyst.results(early, "grade", window="post"),
                   analyst.subgroups(early, window="post"), analyst.bubble(early, window="post")):
        assert any("rows for: pre" in n and 'window "post"' in n for n in result.notices), result
    assert analyst.bands(report).figure is not None


def test_band_chart_draws_an_empty_window_without_error():
    empty = pd.DataFrame(columns=["grade", "band", "n", "pct"])
    figure = band_chart_figure(empty, [])
    assert isinstance(figure, matplotlib.figure.Figure)
    assert "No scores in this window" in [t.get_text() for t in figure.axes[0].texts]


def _drawn_cells(figure: matplotlib.figure.Figure) -> dict[tuple[str, int], object]:
    """(band, grade row) -> the bar's width, or HIDDEN_LABEL for a hatched hidden box."""
    cells: dict[tuple[str, int], object] = {}
    for axis in figure.axes:
        band = axis.get_title().split("\n")[0].lower()
        for bar in axis.patches:
            row_y = round(bar.get_y() + bar.get_height() / 2)
            cells[(band, row_y)] = HIDDEN_LABEL if bar.get_hatch() else round(bar.get_width(), 6)
    return cells


def test_band_chart_draws_hidden_cells_in_their_own_band_without_their_size():
    dist = pd.DataFrame({"grade": ["6"] * 4 + ["7"] * 4, "band": list(BANDS) * 2, "n": [10, 5, 5, 0, 8, 9, 7, 6],
                         "pct": [50.0, 25.0, 25.0, 0.0, 26.7, 30.0, 23.3, 20.0]})
    hidden = [False, True, True, False] + [False] * 4
    cells = _drawn_cells(band_chart_figure(dist, hidden=hidden))
    # grade 6 (row 0): approaching and proficient are hidden where they belong, between the shown bands
    assert cells[("approaching", 0)] == cells[("proficient", 0)] == HIDDEN_LABEL
    assert cells[("well below", 0)] == 50.0 and cells[("advanced", 0)] == 0.0
    assert [cells[(band, 1)] for band in BANDS] == [26.7, 30.0, 23.3, 20.0]
    # the hidden boxes look the same whatever the hidden values are
    other = dist.assign(pct=[50.0, 10.0, 40.0, 0.0, 26.7, 30.0, 23.3, 20.0])
    assert _drawn_cells(band_chart_figure(other, hidden=hidden)) == cells
    texts = [t.get_text() for a in band_chart_figure(dist, hidden=hidden).axes for t in a.texts]
    assert "25.0%" not in texts and texts.count(HIDDEN_LABEL) == 2
    alt = band_chart_alt(dist, hidden)
    assert "grade 6: well below 50.0%, approaching hidden, proficient hidden, advanced 0.0%" in alt
    assert "25.0" not in alt and band_chart_alt(other, hidden) == alt


def test_bubble_list_never_leaves_the_team(data_dir: Path):
    public = analyst.bubble(open_report(data_dir, "t1", "public"))
    assert public.frame is None
    assert "s4" not in public._repr_html_() and "team view only" in public._repr_html_()
    assert "s4" in analyst.bubble(open_report(data_dir, "t1", "team"))._repr_html_()


def test_every_view_renders_for_every_audience(data_dir: Path):
    for audience in ("team", "district", "public"):
        report = open_report(data_dir, "t1", audience)
        views = [analyst.results(report, by) for by in ("standard", "grade", "section")]
        views += [analyst.subgroups(report), analyst.bands(report), analyst.bubble(report),
                  analyst.discrepancy(report)]
        for view in views:
            assert view._repr_html_() and "dd-evidence" in view._repr_html_()


def test_discrepancy_view_thresholds_pass_through(data_dir: Path):
    report = open_report(data_dir, "t1", "team")
    default = analyst.discrepancy(report)
    assert not default.value.flagged and "do not show the gap" in default.notices[-1]
    strict = analyst.discrepancy(report, thresholds=DiscrepancyThresholds(proficient_below=60))
    assert strict.value.flagged and strict.tables["by section"].set_index("section").loc["A", "gap"] == "ask"
    assert row(strict.frame, "section", "A")["mean_completion_pct"] == 95.0


def test_without_processes_the_check_says_which_file_it_needs(tmp_path: Path):
    write_team(tmp_path / "d", {"students.csv": STUDENTS, "assessments.csv": ASSESSMENTS})
    report = open_report(tmp_path / "d", "t1", "team")
    check = analyst.discrepancy(report)
    assert isinstance(check, MissingData) and check.missing == ["processes"]
    assert "processes.csv" in check._repr_html_()
    assert analyst.summary(report).discrepancy is None


def test_summary_for_team_and_district(data_dir: Path, tmp_path: Path):
    team = open_report(data_dir, "t1", "team", tmp_path / "sum")
    summary = analyst.publish(team)
    written = json.loads((tmp_path / "sum" / "data_analyst.json").read_text(encoding="utf-8"))
    assert written == summary.to_json()
    assert written["proficiency_cut_pct"] == 70.0 and written["window"] == "post"
    assert written["by_standard"][0] == {"standard": "S1", "n": 4, "mean_pct": 72.5, "pct_proficient": 50.0}
    assert written["by_grade"][0]["mean_pct"] == 71.7  # 215 / 3, at 0.1
    assert written["discrepancy"]["flagged"] is False
    assert list(written["discrepancy"]["sections"][0])[:2] == ["section", "n"]
    assert "suppressed" not in written["discrepancy"]["sections"][0]
    district = analyst.summary(open_report(data_dir, "t1", "district")).to_json()
    assert [g["suppressed"] for g in district["by_grade"]] == [True, True]
    assert district["by_grade"][0]["pct_proficient"] is None
    assert all(not s["suppressed"] for s in district["by_standard"])  # standards overlap: n = 4 each
    assert "s1" not in json.dumps(district)


def test_team_cut_defaults_to_70(tmp_path: Path):
    no_goal = {k: v for k, v in TEAM.items() if k != "goal"}
    write_team(tmp_path / "d", {"students.csv": STUDENTS, "assessments.csv": ASSESSMENTS}, team=no_goal)
    assert analyst.team_cut(open_report(tmp_path / "d", "t1", "team")) == 70.0


def times(csv: str, copies: int) -> str:
    """The rows of ``csv`` repeated ``copies`` times, each copy's students renamed (s1 -> s1_2)."""
    header, *rows = csv.strip().split("\n")
    return "\n".join([header, *(r.replace(",", f"_{k},", 1) for k in range(copies) for r in rows)]) + "\n"


def test_public_summary_and_question_keep_top_coding(tmp_path: Path):
    all_a = PROCESSES.replace(",B+,", ",A,").replace(",C,", ",A,").replace(",85,", ",A,")  # A/B share 100%
    # five copies of the four students: "≥95%" of 20 records allows 19 or 20, so it is coded
    files = {"students.csv": times(STUDENTS, 5), "assessments.csv": times(ASSESSMENTS, 5),
             "processes.csv": times(all_a, 5)}
    write_team(tmp_path / "d", files, district={**DISTRICT, "min_group_size": 2})
    team_view = analyst.summary(open_report(tmp_path / "d", "t1", "team")).to_json()["discrepancy"]
    public_report = open_report(tmp_path / "d", "t1", "public", tmp_path / "sum")
    analyst.publish(public_report)
    public = json.loads((tmp_path / "sum" / "data_analyst.json").read_text(encoding="utf-8"))["discrepancy"]
    assert "A/B grades (100%)" in team_view["question"]
    assert "A/B grades (≥95%)" in public["question"] and "100%" not in public["question"]
    assert public["overall"]["ab_share_pct"] == "≥95%" and team_view["overall"]["ab_share_pct"] == 100.0
    assert "≥95%" in analyst.discrepancy(public_report).notices[-1]


def test_public_hides_a_near_100_share_of_fewer_than_20(tmp_path: Path):
    # four records all A or B: "≥95%" of 4 can only mean all 4, so the share is hidden, not coded
    all_a = PROCESSES.replace(",B+,", ",A,").replace(",C,", ",A,").replace(",85,", ",A,")
    write_team(tmp_path / "d", {"students.csv": STUDENTS, "assessments.csv": ASSESSMENTS, "processes.csv": all_a},
               district={**DISTRICT, "min_group_size": 2})
    public = analyst.summary(open_report(tmp_path / "d", "t1", "public")).to_json()["discrepancy"]
    assert public["overall"]["ab_share_pct"] is None and public["overall"]["n"] == 4
    assert "A/B grades (*)" in public["question"] and "100%" not in public["question"]


@pytest.mark.parametrize("by", ["cohort"])
def test_results_by_an_unknown_column_is_refused(data_dir: Path, by: str):
    with pytest.raises(ValueError, match="standard, grade or section"):
        analyst.results(open_report(data_dir, "t1", "team"), by)
