"""Writing into a team folder (refuse, append, replace, dry run), the command line, and mapping files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from datadriver_utils.cli import main
from datadriver_utils.errors import ImportRefusedError, MappingError, TeamFilesExistError, UnknownSourceError
from datadriver_utils.importers.headers import header_key
from datadriver_utils.importers.mapping import load_mapping
from datadriver_utils.importers.values import clean_student_id, parse_date, parse_grade
from tests.importers.helpers import digest, fixture, import_into, table

MAP = fixture("nwea-map", "documented", "AssessmentResults.csv", "StudentsBySchool.csv")


def test_values_as_vendors_write_them():
    assert parse_date("1/13/2026") == ("2026-01-13", None)
    assert parse_date("2023-08-21T13:07:55.097Z") == ("2023-08-21", None)
    assert parse_date("2025/09/15 10:02:11 AM GMT-4") == ("2025-09-15", None)
    assert parse_date("13/01/2026", "%d/%m/%Y") == ("2026-01-13", None)
    day, why = parse_date("13/01/2026")
    assert day is None and "date_format" in (why or "")
    assert [parse_grade(g, ("13",)) for g in ("K", "13", "07", "Grade 4", "PK")] == ["K", "K", "7", "4", None]
    assert clean_student_id("000123") == ("000123", None)
    assert clean_student_id("6.05E+05")[0] is None
    assert header_key("\ufeffFalltoFallProjectedGrowth ") == header_key("FallToFallProjectedGrowth")


def test_dry_run_writes_nothing_and_previews(tmp_path: Path):
    outcome = import_into(tmp_path, "nwea-map", MAP, dry_run=True)
    assert not outcome.written and not (tmp_path / "data").exists()
    assert {"students.csv", "assessments.csv", "team.yml"} <= set(outcome.writes.files)


def test_refuses_to_overwrite_then_appends_or_replaces(tmp_path: Path):
    import_into(tmp_path, "nwea-map", MAP)
    team_dir = tmp_path / "data" / "teams" / "t1"
    before = digest([team_dir])
    with pytest.raises(TeamFilesExistError, match="--append"):
        import_into(tmp_path, "nwea-map", MAP)
    assert digest([team_dir]) == before  # nothing written
    (team_dir / "students.csv").write_text("student_id,grade\n00101,4\n09999,3\n", encoding="utf-8")
    appended = import_into(tmp_path, "nwea-map", MAP, mode="append")
    students = table(appended, "students.csv").set_index("student_id")["grade"].to_dict()
    assert students == {"00101": "3", "09999": "3", "00102": "3", "00103": "4", "00104": "4"}
    assert [p.value for p in appended.writes.problems] == ["3"]  # 00101 was in grade 4: reported
    assert len(table(appended, "assessments.csv")) == 40  # the same keys: replaced, not doubled
    replaced = import_into(tmp_path, "nwea-map", MAP, mode="replace")
    assert "09999" not in set(table(replaced, "students.csv")["student_id"])


def test_a_workbook_table_is_never_shadowed(tmp_path: Path):
    team_dir = tmp_path / "data" / "teams" / "t1"
    team_dir.mkdir(parents=True)
    (team_dir / "students.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(TeamFilesExistError, match="workbook"):
        import_into(tmp_path, "nwea-map", MAP, mode="replace")


def test_an_input_inside_the_team_folder_is_not_overwritten(tmp_path: Path):
    team_dir = tmp_path / "data" / "teams" / "t1"
    team_dir.mkdir(parents=True)
    sheet = team_dir / "assessments.csv"
    sheet.write_bytes(fixture("item-sheet", "documented", "answers_pre.csv")[0].read_bytes())
    mapping = tmp_path / "m.yml"
    mapping.write_text("window: pre\n", encoding="utf-8")
    with pytest.raises(ImportRefusedError):
        import_into(tmp_path, "item-sheet", [fixture("item-sheet", "documented", "key.csv")[0], sheet], mapping,
                    mode="replace")
    assert sheet.read_bytes() == fixture("item-sheet", "documented", "answers_pre.csv")[0].read_bytes()


def test_existing_team_yml_gets_the_new_windows_in_time_order(tmp_path: Path):
    team_dir = tmp_path / "data" / "teams" / "t1"
    team_dir.mkdir(parents=True)
    (team_dir / "team.yml").write_text("name: Grade 3-4 math  # our team\nschool: Maple\nsubject: Math\n"
                                       "grade_levels: [3, 4]\nwindows:\n- spring 2024-2025\nmembers: []\n",
                                       encoding="utf-8")
    outcome = import_into(tmp_path, "nwea-map", MAP)
    text = (team_dir / "team.yml").read_text(encoding="utf-8")
    assert "# our team" in text and "members: []" in text  # the rest of the file as written
    assert yaml.safe_load(text)["windows"] == ["fall 2024-2025", "winter 2024-2025", "spring 2024-2025"]
    assert any("windows added" in action for action in outcome.writes.actions)


def test_mapping_problems_name_the_key(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text("scale: agreement-9\ndate_format: \"%Y\"\nwindow_dates:\n"
                   "  - {window: fall, start: 2025-11-01, end: 2025-09-01}\nsubjct: Math\n", encoding="utf-8")
    with pytest.raises(MappingError) as caught:
        load_mapping(bad)
    columns = {p.column for p in caught.value.problems}
    assert {"scale", "date_format", "window_dates.0", "subjct"} <= columns
    unused = tmp_path / "unused.yml"
    unused.write_text("source: nwea-map\nsurvey: student_voice\n", encoding="utf-8")
    with pytest.raises(MappingError, match="does not read this key"):
        import_into(tmp_path, "nwea-map", MAP, unused)
    with pytest.raises(UnknownSourceError, match="nwea-map"):
        import_into(tmp_path, "nwea_maps", MAP)


def test_cli_import_previews_and_check_reports_mapping_problems(tmp_path: Path):
    runner = CliRunner()
    team_dir = tmp_path / "data" / "teams" / "traps"
    mapping = tmp_path / "map.yml"
    mapping.write_text("subject: Mathematics\n", encoding="utf-8")
    args = ["import", "nwea-map", str(fixture("nwea-map", "traps", "ComboStudentAssessment.csv")[0]),
            "--team", str(team_dir), "--map", str(mapping)]
    result = runner.invoke(main, [*args, "--dry-run"], terminal_width=200)
    assert result.exit_code == 0, result.output
    for shown in ("students", "3", "fall 2024-2025 → spring 2024-2025", "ComboStudentAssessment.csv", "12",
                  "TestRitScore", "dry run: nothing was written"):
        assert shown in result.output
    assert not team_dir.exists()
    assert runner.invoke(main, args).exit_code == 0
    refused = runner.invoke(main, args)
    assert refused.exit_code == 2 and "Traceback" not in refused.output and "--replace" in refused.output
    check = runner.invoke(main, ["check", "--data", str(tmp_path / "data")])
    assert check.exit_code == 0, check.output
    (team_dir / "mappings" / "nwea-map.yml").write_text("subject: Mathematics\nwindows: {Fall 2024-2025: autumn}\n",
                                                        encoding="utf-8")
    check = runner.invoke(main, ["check", "--data", str(tmp_path / "data")])
    assert check.exit_code == 1
    assert "mappings/nwea-map.yml, column 'windows'" in check.output and "'autumn'" in check.output


def test_the_worked_example_of_docs_importing(tmp_path: Path):
    text = (Path(__file__).parents[2] / "docs" / "importing.md").read_text(encoding="utf-8")
    example = text.split("`grade34-math.yml`:\n\n```yaml\n", 1)[1].split("```", 1)[0]
    mapping = tmp_path / "grade34-math.yml"
    mapping.write_text(example, encoding="utf-8")
    outcome = import_into(tmp_path, "nwea-map", MAP, mapping, team="grade34-math")
    assert outcome.plan.windows == ["pre", "winter 2024-2025", "post"]
    assert set(table(outcome, "assessments.csv")["standard"]) == {"overall", "3.OA", "3.G", "percentile rank"}
    team = yaml.safe_load((outcome.team_dir / "team.yml").read_text(encoding="utf-8"))
    assert (team["name"], team["school"], team["windows"]) == (
        "Grade 3-4 Math Team", "Maple Elementary", ["pre", "winter 2024-2025", "post"])
    result = CliRunner().invoke(main, ["check", "--data", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output


def test_cli_append_and_replace_together_is_a_usage_error(tmp_path: Path):
    runner = CliRunner()
    team_dir = tmp_path / "data" / "teams" / "map"
    args = ["import", "nwea-map", *map(str, MAP), "--team", str(team_dir)]
    assert runner.invoke(main, args).exit_code == 0
    before = {p.name: p.read_bytes() for p in team_dir.glob("*.csv")}
    for order in (["--append", "--replace"], ["--replace", "--append"]):
        both = runner.invoke(main, [*args, *order], terminal_width=200)
        assert both.exit_code == 2 and "Traceback" not in both.output, both.output
        assert "--append and --replace cannot be used together" in both.output and "Choose one" in both.output
    assert {p.name: p.read_bytes() for p in team_dir.glob("*.csv")} == before  # nothing was written
    assert runner.invoke(main, [*args, "--append"]).exit_code == 0
    assert runner.invoke(main, [*args, "--replace"]).exit_code == 0
