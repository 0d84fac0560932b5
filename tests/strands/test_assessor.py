"""Notebook 11 (Assessor): item table, item map, reliability and distractors on a four-student team."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import pytest

import datadriver_utils as dd
from datadriver_utils.errors import DataProblemsError
from datadriver_utils.notebook.report import Report
from datadriver_utils.strands import assessor as strand_assessor
from tests.conftest import SAMPLE_DATA

# Four students, three 1-point items on the post test (0/1 scores):
#   001: Q1=1 Q2=1 Q3=1 (total 3)   002: 1 1 0 (2)   003: 1 0 0 (1)   004: 0 0 0 (0)
# difficulty p: Q1 3/4 = .75, Q2 2/4 = .50, Q3 1/4 = .25 (< .30: too hard)
# alpha: item variances (ddof 1) .25 + 1/3 + .25 = 5/6; totals 3,2,1,0 -> variance 5/3;
#        alpha = 3/2 * (1 - (5/6)/(5/3)) = 1.5 * .5 = .75
STUDENTS = "student_id,grade\n001,7\n002,7\n003,7\n004,7\n"
_SCORES = {"001": (1, 1, 1), "002": (1, 1, 0), "003": (1, 0, 0), "004": (0, 0, 0)}
_KEYS = ("A", "B", "C")
ITEMS = "student_id,window,standard,item_id,points,points_possible,response,key\n" + "".join(
    f"{sid},post,S1,Q{i + 1},{score},1,{_KEYS[i] if score else 'D'},{_KEYS[i]}\n"
    for sid, scores in _SCORES.items() for i, score in enumerate(scores)
)


def _html(*results: Any) -> str:
    return "\n".join(result._repr_html_() for result in results)


def _open(data_dir: Path, audience: str = "team") -> Report:
    return dd.open_report(data_dir, "t1", audience, data_dir / "summary")


# --- assessor ---------------------------------------------------------------------------

def test_item_table_difficulty_and_flags(make_team: Any) -> None:
    report = _open(make_team({"students.csv": STUDENTS, "assessments.csv": ITEMS}))
    items = strand_assessor.item_statistics(report)
    table = items.frame.set_index("item_id")
    assert table["difficulty_p"].tolist() == pytest.approx([0.75, 0.50, 0.25])
    assert table.loc["Q3", "flags"] == "too hard"
    assert table.loc["Q1", "flags"] == ""


def test_publish_assessor_alpha(make_team: Any) -> None:
    data_dir = make_team({"students.csv": STUDENTS, "assessments.csv": ITEMS})
    summary = strand_assessor.publish(_open(data_dir))
    assert summary.alpha == pytest.approx(0.75)
    assert (summary.n_items, summary.n_students) == (3, 4)
    assert summary.flagged["too_hard"] == ["Q3"]
    written = json.loads((data_dir / "summary" / "assessor.json").read_text(encoding="utf-8"))
    assert written["alpha"] == pytest.approx(0.75)


def test_public_assessor_hides_statistics_of_small_groups(make_team: Any) -> None:
    # district minimum group size is 10 and only 4 students answered: nothing computable is shown
    report = _open(make_team({"students.csv": STUDENTS, "assessments.csv": ITEMS}), "public")
    assert strand_assessor.summary(report).alpha is None
    assert strand_assessor.item_statistics(report).frame["difficulty_p"].isna().all()
    distractors = strand_assessor.distractors(report)
    assert distractors.frame is None and "team view only" in distractors.notices[0]
    assert "Chose it" not in _html(distractors)


def test_team_sees_distractors(make_team: Any) -> None:
    report = _open(make_team({"students.csv": STUDENTS, "assessments.csv": ITEMS}))
    distractors = strand_assessor.distractors(report)
    # Q3: only 001 chose the key C; 002, 003 and 004 scored 0 and chose D
    q3 = distractors.frame.set_index(["item_id", "option"]).loc["Q3"]
    assert q3.loc["C", "count"] == 1 and q3.loc["D", "count"] == 3 and bool(q3.loc["C", "is_key"])
    item_map = strand_assessor.item_map(report)
    assert "Chose it (n)" in _html(distractors)
    assert isinstance(item_map.figure, matplotlib.figure.Figure)
    assert "Item map of 3 items" in _html(item_map) and "Q3" in item_map.parts[0].alt


def test_without_item_id_says_item_rows_are_needed(make_team: Any) -> None:
    data_dir = make_team()  # standard-level rows only
    report = _open(data_dir)
    assert _html(strand_assessor.item_statistics(report), strand_assessor.item_map(report)).count("item-level rows") == 2
    assert strand_assessor.publish(report) is None
    assert not (data_dir / "summary" / "assessor.json").exists()


def test_item_thresholds_pass_through_to_flags_and_summary(make_team: Any) -> None:
    # Q1's difficulty is .75: not too easy at the default .90, too easy once the cut is .70
    report = _open(make_team({"students.csv": STUDENTS, "assessments.csv": ITEMS}))
    assert strand_assessor.item_statistics(report).frame.set_index("item_id").loc["Q1", "flags"] == ""
    lowered = strand_assessor.item_statistics(report, too_easy_above=0.70).frame.set_index("item_id")
    assert lowered.loc["Q1", "flags"] == "too easy"
    assert strand_assessor.summary(report, too_easy_above=0.70).flagged["too_easy"] == ["Q1"]


# --- a corrected answer key (key_corrections.csv) ---------------------------------------------

# Q2 of the four-student team, scored against a wrong key: the two strongest chose C (scored 0)
# and the two weakest B (scored 1). Corrected to C, the item points the right way.
_WRONG = {"001": ("C", 0), "002": ("C", 0), "003": ("B", 1), "004": ("B", 1)}
WRONG_KEY_ITEMS = "".join(
    line for line in ITEMS.splitlines(keepends=True) if ",Q2," not in line
) + "".join(f"{sid},post,S1,Q2,{points},1,{chosen},B\n" for sid, (chosen, points) in _WRONG.items())
CORRECTED = "item_id,window,key,corrected_on,note\nQ2,,C,2026-01-28,the scanner key had the wrong letter\n"


def test_a_corrected_key_rescores_the_item_and_shows_its_flags_before_and_after(make_team: Any) -> None:
    data_dir = make_team({"students.csv": STUDENTS, "assessments.csv": WRONG_KEY_ITEMS,
                          "key_corrections.csv": CORRECTED})
    report = _open(data_dir)
    shown = strand_assessor.rescores(report)
    row = shown.tables["before-after"].set_index("item_id").loc["Q2"]
    assert (row["flags_before"], row["flags_after"]) == ("negative discrimination", "none")
    assert row["discrimination_before"] < 0 < row["discrimination_after"]
    assert shown.tables["corrections"]["n_changed"].tolist() == [4]
    assert shown.notices[0].startswith("Q2: flags negative discrimination before the correction, none after")
    items = strand_assessor.item_statistics(report).frame.set_index("item_id")
    assert "negative" not in items.loc["Q2", "flags"]  # every table reads the rescored item
    summary = strand_assessor.summary(report)
    assert summary is not None and summary.flagged["negative_discrimination"] == []
    [rescored] = summary.rescored
    assert (rescored.old_key, rescored.new_key, rescored.corrected_on) == ("B", "C", "2026-01-28")
    assert (rescored.flags_before, rescored.flags_after) == ("negative discrimination", "none")
    assert report.team.missing.count("key_corrections") == 0


def test_without_a_correction_the_item_is_flagged_and_nothing_is_missing(make_team: Any) -> None:
    report = _open(make_team({"students.csv": STUDENTS, "assessments.csv": WRONG_KEY_ITEMS}))
    assert "negative" in strand_assessor.item_statistics(report).frame.set_index("item_id").loc["Q2", "flags"]
    shown = strand_assessor.rescores(report)
    assert not shown.tables and "No answer key was corrected" in shown.notices[0]
    assert "key_corrections" not in report.team.missing  # a record kept only when something happened
    assert strand_assessor.summary(report).rescored == []  # type: ignore[union-attr]


def test_a_correction_naming_no_item_is_a_clear_problem(make_team: Any) -> None:
    data_dir = make_team({"students.csv": STUDENTS, "assessments.csv": WRONG_KEY_ITEMS,
                          "key_corrections.csv": "item_id,window,key\nQ7,post,C\n"})
    with pytest.raises(DataProblemsError, match=r"key_corrections.csv, row 2, column 'item_id': .*no item Q7"):
        strand_assessor.item_statistics(_open(data_dir))


def test_rivers_rescored_item_no_longer_points_the_wrong_way() -> None:
    """River's thread says the key was corrected and the item rescored: 11 now agrees."""
    report = dd.open_report(SAMPLE_DATA, "river-middle-g7-math", "team")
    row = strand_assessor.rescores(report).tables["before-after"].set_index("item_id").loc["7.RP.A.2-Q2"]
    assert (round(row["discrimination_before"], 2), round(row["discrimination_after"], 2)) == (-0.31, 0.24)
    assert (row["flags_before"], row["flags_after"]) == ("negative discrimination", "too hard")
    summary = strand_assessor.summary(report)
    assert summary is not None and summary.flagged["negative_discrimination"] == []
    assert "7.RP.A.2-Q2" in summary.flagged["too_hard"]
    public = strand_assessor.rescores(dd.open_report(SAMPLE_DATA, "river-middle-g7-math", "public"))
    assert "n_changed" not in public.tables["corrections"].columns  # counts of students: team view only
