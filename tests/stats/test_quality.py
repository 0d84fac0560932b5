"""Tests for the data-quality audit: hand-computed scores, every check, privacy, the sample district.

Frames are indexed by spreadsheet row (header = row 1, first data row = 2), as validated tables are.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from datadriver_utils.contract.team import list_teams, load_team
from datadriver_utils.stats.quality import (
    data_quality_audit,
    describe_quality,
    quality_summary,
)
from tests.conftest import SAMPLE_DATA

CYCLE = (dt.date(2025, 9, 1), dt.date(2026, 1, 31))
NA = np.nan


def _rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Indexed as the contract indexes a loaded table: by spreadsheet row, index named "row"."""
    return frame.set_axis(pd.RangeIndex(2, len(frame) + 2, name="row"), axis=0)


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    students = _rows(pd.DataFrame({
        "student_id": ["001", "002", "003", "004"],
        "grade": ["7", "7", "8", "7"],          # row 4: grade 8, the team teaches 7
        "section": ["A", "A", "B", "B"],        # row 5: 004 has no assessment
    }))
    assessments = _rows(pd.DataFrame({
        "student_id": ["001", "002", "003", "001"], "window": ["pre", "pre", "pre", "post"],
        "standard": ["S1"] * 4, "points": [5.0, 6.0, 7.0, 8.0], "points_possible": [10.0] * 4,
        "date": pd.to_datetime(["2025-09-10", "2025-08-20", None, "2026-01-20"]),  # row 3 early, row 4 blank
    }))
    processes = _rows(pd.DataFrame({
        "student_id": ["001", "009", "002", "002", None],   # row 3 unknown student; row 6 blank id
        "section": ["A", "A", "B", "B", "C"],               # rows 4-5: 002 is in A; row 6: no section C
        "assignment_completion_pct": [90.0, 80.0, 70.0, 70.0, 85.0],
        "course_grade": ["B", "C", "Z", "Z", "88"],         # rows 4-5: Z is not a grade
        "attendance_pct": [95.0, NA, 90.0, 90.0, 97.0],     # row 5 copies row 4 exactly
    }))
    run_chart = _rows(pd.DataFrame({
        "date": pd.to_datetime(["2025-08-25", "2025-09-05", "2025-09-12"]),  # row 2 before the cycle
        "value": [50.0, 55.0, 60.0], "annotation": [None, None, None],
    }))
    return {"students": students, "assessments": assessments, "processes": processes, "run_chart": run_chart}


@pytest.fixture
def audit(tables: dict[str, pd.DataFrame]):
    return data_quality_audit(tables, grade_levels=["7"], cycle=CYCLE)


def _scores(audit, table: str) -> dict[str, float | None]:
    row = audit.files.set_index("table").loc[table]
    return {k: (None if pd.isna(row[k]) else float(row[k]))
            for k in ("completeness", "validity", "uniqueness", "timeliness", "consistency", "score")}


def test_students_scores(audit) -> None:
    # 3 columns x 4 rows all filled: 100; grade 8 on 1 of 4 rows: 75; 004 untested: 75
    # score = (100 + 75 + 100 + 75) / 4 = 87.5 (no dates: timeliness does not apply)
    assert _scores(audit, "students") == {"completeness": 100.0, "validity": 75.0, "uniqueness": 100.0,
                                          "timeliness": None, "consistency": 75.0, "score": 87.5}


def test_assessments_scores(audit) -> None:
    # 6 columns x 4 rows = 24 cells, 1 blank date: 23/24 = 95.833; 1 of 3 dated rows early: 66.667
    # score = (95.833 + 100 + 100 + 66.667) / 4 = 90.625; consistency compares students, not assessments
    got = _scores(audit, "assessments")
    assert got["completeness"] == pytest.approx(100 * 23 / 24)
    assert got["timeliness"] == pytest.approx(100 * 2 / 3)
    assert got["consistency"] is None
    assert got["score"] == pytest.approx(90.625)


def test_processes_scores(audit) -> None:
    # 5 columns x 5 rows = 25 cells, blanks at (3, attendance) and (6, student_id): 23/25 = 92
    # invalid grade on rows 4, 5: 60; row 5 repeats row 4: 80; rows 3, 4, 5, 6 disagree with the roster: 20
    # score = (92 + 60 + 80 + 20) / 4 = 63
    assert _scores(audit, "processes") == {"completeness": 92.0, "validity": 60.0, "uniqueness": 80.0,
                                           "timeliness": None, "consistency": 20.0, "score": 63.0}


def test_run_chart_annotation_not_counted_and_overall(audit) -> None:
    # annotation blanks are answers: date + value 6/6 = 100; 1 of 3 dates early: 66.667
    # score = (100 + 100 + 100 + 66.667) / 4 = 91.667; overall = (87.5 + 90.625 + 63 + 91.667) / 4 = 83.198
    assert _scores(audit, "run_chart")["completeness"] == 100.0
    assert _scores(audit, "run_chart")["score"] == pytest.approx(275 / 3)
    assert audit.overall_score == pytest.approx((87.5 + 90.625 + 63 + 275 / 3) / 4)


def test_every_flag_with_its_row(audit) -> None:
    got = {(f.table, f.check, f.column, f.row) for f in audit.flags.itertuples()}
    assert got == {
        ("assessments", "completeness", "date", 4), ("processes", "completeness", "attendance_pct", 3),
        ("processes", "completeness", "student_id", 6), ("processes", "uniqueness", None, 5),
        ("students", "validity", "grade", 4), ("processes", "validity", "course_grade", 4),
        ("processes", "validity", "course_grade", 5), ("assessments", "timeliness", "date", 3),
        ("run_chart", "timeliness", "date", 2), ("students", "consistency", "student_id", 5),
        ("processes", "consistency", "student_id", 3), ("processes", "consistency", "section", 4),
        ("processes", "consistency", "section", 5), ("processes", "consistency", "section", 6),
    }
    duplicate = audit.flags[audit.flags["check"] == "uniqueness"].iloc[0]
    assert "row 4" in duplicate["message"] and duplicate["person_id"] == "002"
    moved = audit.flags[(audit.flags["check"] == "consistency") & (audit.flags["row"] == 4)].iloc[0]
    assert "section A" in moved["message"]


def test_incomplete_columns_use_the_threshold(audit) -> None:
    # assessments.date 3/4 = 75, processes.student_id 4/5 = 80, processes.attendance_pct 4/5 = 80
    low = audit.columns[audit.columns["below_threshold"]]
    assert set(zip(low["file"], low["column"], low["completeness_pct"], strict=True)) == {
        ("assessments.csv", "date", 75.0), ("processes.csv", "student_id", 80.0),
        ("processes.csv", "attendance_pct", 80.0)}
    strict = data_quality_audit({"students": _rows(pd.DataFrame({"student_id": ["1"] * 19 + [None]}))}, threshold=96)
    assert strict.columns["below_threshold"].tolist() == [True]  # 19/20 = 95 < 96


def test_summary_keeps_person_rows_for_the_team_only(audit) -> None:
    shared = quality_summary(audit)
    assert [(f["file"], f["row"]) for f in shared["flags"]] == [("run_chart.csv", 2)]
    assert all("person_id" not in f for f in shared["flags"])
    text = json.dumps(shared) + describe_quality(audit)
    assert not any(i in text for i in ("001", "002", "004", "009"))
    team = quality_summary(audit, include_person_rows=True)
    assert team["n_flags"] == 14 and len(team["flags"]) == 14
    assert {f["person_id"] for f in team["flags"] if f["file"] == "students.csv"} == {"003", "004"}
    assert len(quality_summary(audit, include_person_rows=True, max_rows=3)["flags"]) == 3
    by_file = {f["file"]: f for f in shared["files"]}
    assert by_file["processes.csv"]["flags_by_check"] == {"completeness": 2, "consistency": 4, "uniqueness": 1,
                                                          "validity": 2}
    assert shared["overall_score"] == pytest.approx(83.2)


def test_describe_names_files_and_counts(audit) -> None:
    text = describe_quality(audit)
    assert "83.2 of 100" in text and "processes.csv (63.0)" in text
    assert "Rows dated outside the inquiry cycle: 1 in assessments.csv, 1 in run_chart.csv." in text


def test_blanks_that_are_answers_and_conditional_columns() -> None:
    inventory = _rows(pd.DataFrame({
        "element": ["A", "B", "C"], "domain": ["demographics"] * 3, "use": [None, "x", "y"],
        "scope": ["district", "school", "school"], "school": [None, "  ", "Oak"],  # row 3: spaces = blank
    }))
    assessments = _rows(pd.DataFrame({
        "student_id": ["1", "1", "1"], "window": ["pre"] * 3, "standard": ["S"] * 3, "points": [1.0] * 3,
        "points_possible": [1.0] * 3, "response": [None, None, "B"], "key": [None, "C", "B"],
    }))
    audit = data_quality_audit({"inventory": inventory, "assessments": assessments})
    cols = audit.columns.set_index(["table", "column"])
    assert not cols.loc[("inventory", "use"), "counted"]              # a blank use is an answer
    assert cols.loc[("inventory", "school"), "n_expected"] == 2        # district-wide row 2 not expected
    assert cols.loc[("inventory", "school"), "n_filled"] == 1
    assert cols.loc[("assessments", "response"), "n_expected"] == 2   # row 2: not multiple choice
    assert cols.loc[("assessments", "response"), "n_filled"] == 1     # row 3 blank answer, key C
    assert pd.isna(audit.files.set_index("table").loc["inventory", "timeliness"])


def test_survey_scale_items_and_pdsa_dates() -> None:
    surveys = _rows(pd.DataFrame({"survey": ["s"] * 3, "administration": ["pre"] * 3, "respondent": ["R1", "R2", "R3"],
                                  "item": ["Q1", "Q1", "Q9"], "response": [3.0, 7.0, 2.0]}))
    items = _rows(pd.DataFrame({"survey": ["s"], "item": ["Q1"], "construct": ["c"], "item_text": ["t"],
                                "scale_min": [1.0], "scale_max": [5.0], "reverse_scored": [False]}))
    pdsa = _rows(pd.DataFrame({"cycle": [1.0], "question": ["q"], "change_idea": ["c"],  # ends before it starts
                               "start_date": pd.to_datetime(["2025-10-10"]),
                               "end_date": pd.to_datetime(["2025-10-01"])}))
    audit = data_quality_audit({"surveys": surveys, "survey_items": items, "pdsa": pdsa}, cycle=CYCLE)
    got = {(f.table, f.check, f.row, f.person_id) for f in audit.flags.itertuples()}
    assert got == {("surveys", "validity", 3, "R2"), ("surveys", "consistency", 4, "R3"),
                   ("pdsa", "validity", 2, None)}
    assert "1 to 5" in audit.flags.loc[audit.flags["row"] == 3, "message"].iloc[0]
    # surveys: validity 2/3 = 66.667, consistency 2/3; pdsa dates inside the cycle: timeliness 100
    files = audit.files.set_index("table")
    assert files.loc["surveys", "validity"] == pytest.approx(200 / 3)
    assert files.loc["surveys", "consistency"] == pytest.approx(200 / 3)
    assert files.loc["pdsa", "timeliness"] == 100.0 and files.loc["pdsa", "validity"] == 0.0


def test_edge_cases_empty_one_row_and_no_config() -> None:
    empty = data_quality_audit({})
    assert empty.files.empty and empty.flags.empty and empty.overall_score is None
    assert describe_quality(empty) == "There are no data files to audit yet."
    assert quality_summary(empty)["files"] == []
    point = _rows(pd.DataFrame({"date": pd.to_datetime(["2020-01-01"]), "value": [NA]}))
    one = data_quality_audit({"run_chart": point})
    row = one.files.iloc[0]
    assert row["completeness"] == 50.0 and pd.isna(row["timeliness"])   # no cycle given: not judged
    assert row["score"] == pytest.approx((50 + 100 + 100) / 3)
    same = _rows(pd.DataFrame({"student_id": ["1", "1", "1"], "grade": ["7"] * 3}))
    dupes = data_quality_audit({"students": same})                      # all equal rows: 2 copies of row 2
    assert dupes.flags["row"].tolist() == [3, 4]
    built = data_quality_audit({"students": same.reset_index(drop=True)})  # 0-based, built in code: row = index + 2
    assert built.flags["row"].tolist() == [3, 4] and "row 2" in built.flags["message"].iloc[0]
    assert "No problems" in describe_quality(data_quality_audit({"students": same.iloc[:1]}))


# -- the sample district (seed 2026): the planted findings, and nothing more ----------------

@pytest.fixture(scope="module")
def sample_audits():
    audits = {}
    for team_id in list_teams(SAMPLE_DATA):
        team = load_team(SAMPLE_DATA, team_id)
        cycle = (team.config.cycle.start, team.config.cycle.end)
        audits[team_id] = data_quality_audit(team.tables, grade_levels=team.config.grade_levels, cycle=cycle)
    return audits


def test_sample_cedar_blank_processes_and_early_run_chart_date(sample_audits) -> None:
    for team_id, audit in sample_audits.items():
        summary = quality_summary(audit)
        incomplete = {(c["file"], c["column"]) for c in summary["incomplete_columns"]}
        timeliness = [(f["file"], f["row"], f["value"]) for f in summary["flags"] if f["check"] == "timeliness"]
        if team_id == "cedar-elementary-k2":
            assert incomplete == {("processes.csv", "assignment_completion_pct"), ("processes.csv", "course_grade")}
            assert timeliness == [("run_chart.csv", 2, "2025-09-12")]
        else:
            assert incomplete == set(), team_id
            assert timeliness == [], team_id
        # no team has duplicates or implausible values; only blanks and roster/assessment gaps
        assert set(audit.flags["check"]) <= {"completeness", "consistency", "timeliness"}, team_id
