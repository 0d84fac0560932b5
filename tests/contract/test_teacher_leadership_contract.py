"""The teacher-leadership tables meet the same contract as every other file: the same messages
naming file, row and column, blank templates that open in Excel, and live captures checked alike."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from datadriver_utils.contract.captured import check_rows
from datadriver_utils.contract.schemas import TABLES
from datadriver_utils.contract.teacher_leadership import TEACHER_LEADERSHIP_TABLES
from datadriver_utils.contract.team import check_team, load_district, load_team
from datadriver_utils.sample.templates import write_templates
from datadriver_utils.workshop.records import SOURCE_COLUMN, team_records
from datadriver_utils.workshop.store import ResponseStore

CYCLES = ("teacher,cycle,question,tool,focus,visitor,date,student_learning_data,considerations,next_steps,satisfied\n"
          "Ana,1,How many explain?,tally,explains / not,Bo,2025-10-01,4 of 20,few,model it,no\n"
          "Ana,2,How many explain?,Tally,explains / not,Bo,2025-11-01,9 of 20,more,keep,yes\n")


def problems_for(data_dir: Path) -> list:
    district, _ = load_district(data_dir)
    _team, problems = check_team(data_dir, "t1", district)
    return problems


def test_every_leadership_table_has_an_excel_template(tmp_path: Path) -> None:
    write_templates(tmp_path)
    for key in TEACHER_LEADERSHIP_TABLES:
        raw = (tmp_path / TABLES[key].file).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
        assert raw[3:-2].decode().split(",") == [rule.name for rule in TABLES[key].columns]


def test_a_valid_cycles_file_loads_typed(make_team) -> None:
    team = load_team(make_team({"slrc_cycles.csv": CYCLES}), "t1")
    cycles = team.table("slrc_cycles")
    assert cycles["tool"].tolist() == ["tally", "tally"]  # allowed values are matched without case
    assert cycles["satisfied"].tolist() == [False, True]
    assert cycles["date"].dt.month.tolist() == [10, 11]


def test_bad_cells_are_named_by_file_row_and_column(make_team) -> None:
    bad = CYCLES.replace("2025-11-01", "01/11/2025").replace("Tally", "video").replace(",no\n", ",maybe\n")
    found = {(p.file, p.row, p.column) for p in problems_for(make_team({"slrc_cycles.csv": bad}))}
    assert {("slrc_cycles.csv", 3, "date"), ("slrc_cycles.csv", 3, "tool"), ("slrc_cycles.csv", 2, "satisfied")} <= found


def test_repeated_cycle_and_unknown_prompt(make_team) -> None:
    repeated = CYCLES + CYCLES.splitlines()[1] + "\n"
    reflections = "teacher,prompt,date,text\nAna,how_it_felt,,fine\n"
    problems = problems_for(make_team({"slrc_cycles.csv": repeated, "reflections.csv": reflections}))
    messages = {(p.file, p.row, p.column): p.message for p in problems}
    assert "repeats row 2" in messages[("slrc_cycles.csv", 4, None)]
    assert "expected one of" in messages[("reflections.csv", 2, "prompt")]


def test_check_rows_gives_the_files_messages_for_a_capture() -> None:
    rows = pd.DataFrame([{"leader": "L", "visitor": "A", "host": "B", "date": "2025-13-01"}])
    parsed, problems = check_rows(TABLES["visits"], rows)
    assert [(p.file, p.row, p.column) for p in problems] == [("visits.csv (rows added in a session)", 2, "date")]
    assert "YYYY-MM-DD" in problems[0].message
    parsed, problems = check_rows(TABLES["visits"], rows.assign(date="2025-12-01"))
    assert problems == [] and parsed is not None and parsed["date"].iloc[0] == pd.Timestamp("2025-12-01")


def test_captures_join_the_file_and_replace_its_row_with_the_same_key(make_team) -> None:
    data = make_team({"slrc_cycles.csv": CYCLES})
    team_dir = data / "teams" / "t1"
    update = pd.DataFrame([{"teacher": "Ana", "cycle": "2", "question": "How many explain?", "tool": "tally",
                            "changes": "sentence frames", "satisfied": "no"}])
    ResponseStore(team_dir).save_table("slrc_cycles", update)
    ResponseStore(team_dir).save_table("slrc_cycles", update.assign(cycle="3"))
    records = team_records(load_team(data, "t1"), "slrc_cycles")
    assert records.problems == []
    frame = records.frame.sort_values("cycle")
    assert frame["cycle"].tolist() == [1.0, 2.0, 3.0]
    assert frame["satisfied"].tolist() == [False, False, False]  # cycle 2 replaced by the capture
    assert frame[SOURCE_COLUMN].tolist()[0] == "slrc_cycles.csv"
    assert frame[SOURCE_COLUMN].str.startswith("captured").tolist() == [False, True, True]
