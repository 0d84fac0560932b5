"""The command line end to end on a temporary copy of the sample data."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.notebooks
SNAPSHOT = "20_data_driver_snapshot.ipynb"


def datadriver(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "datadriver_utils.cli", *args], capture_output=True, text=True, timeout=600,
    )


def break_team(data_dir: Path, team_id: str) -> None:
    """Points above the maximum on row 2, a score typed as a word on row 4."""
    path = data_dir / "teams" / team_id / "assessments.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, "points"] = "9"
    frame.loc[2, "points"] = "five"
    frame.to_csv(path, index=False)


def test_check_passes_on_the_sample(sample_copy):
    result = datadriver("check", "--data", str(sample_copy))
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stdout


def test_run_with_a_broken_team_renders_the_others(sample_copy, tmp_path):
    break_team(sample_copy, "cedar-elementary-k2")
    before = (sample_copy / "teams" / "cedar-elementary-k2" / "assessments.csv").read_bytes()
    out = tmp_path / "exports"
    result = datadriver("run", "--data", str(sample_copy), "--out", str(out), "--notebook", SNAPSHOT, "--jobs", "2")
    assert result.returncode == 1
    assert "assessments.csv, row 2, column 'points'" in result.stderr
    assert "more than points_possible" in result.stderr
    assert "assessments.csv, row 4, column 'points'" in result.stderr and "'five'" in result.stderr
    assert "Traceback" not in result.stderr
    assert (sample_copy / "teams" / "cedar-elementary-k2" / "assessments.csv").read_bytes() == before
    assert not (out / "cedar-elementary-k2" / "summary.json").exists()
    for team_id in ("maple-elementary-g3", "river-middle-g7-math", "summit-high-algebra"):
        assert (out / team_id / "20_data_driver_snapshot.html").is_file()
        assert json.loads((out / team_id / "summary.json").read_text())["data_driver"]["by_grade"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "cedar-elementary-k2" in index and "not rendered" in index
    assert "five" not in index  # the index never quotes data values


def test_check_lists_every_problem_and_exits_non_zero(sample_copy):
    break_team(sample_copy, "maple-elementary-g3")
    result = datadriver("check", "--data", str(sample_copy), "--team", "maple-elementary-g3")
    assert result.returncode == 1
    assert result.stderr.count("assessments.csv, row") == 2


def test_unsafe_team_id_is_refused_without_traceback(sample_copy):
    result = datadriver("check", "--data", str(sample_copy), "--team", "../etc")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_new_team_scaffolds_from_templates(tmp_path):
    target = tmp_path / "data" / "teams" / "grade7-math"
    result = datadriver("new-team", str(target))
    assert result.returncode == 0, result.stderr
    assert (target / "team.yml").is_file() and (target / "assessments.csv").is_file()
    assert (tmp_path / "data" / "district.yml").is_file()
    assert (target / "students.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    again = datadriver("new-team", str(target))
    assert again.returncode != 0


def test_export_folder_inside_the_data_is_refused(sample_copy):
    result = datadriver("run", "--data", str(sample_copy), "--out", str(sample_copy / "teams" / "out"))
    assert result.returncode == 2 and "overlaps the data folder" in result.stderr
    assert not (sample_copy / "teams" / "out").exists()


def test_notebook_name_cannot_leave_the_notebook_folder(sample_copy, tmp_path):
    result = datadriver("run", "--data", str(sample_copy), "--out", str(tmp_path / "o"), "--notebook", "../README.md")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_symlink_out_of_the_team_folder_is_refused(sample_copy, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("student_id,grade\nX,7\n", encoding="utf-8")
    students = sample_copy / "teams" / "maple-elementary-g3" / "students.csv"
    students.unlink()
    students.symlink_to(secret)
    result = datadriver("check", "--data", str(sample_copy), "--team", "maple-elementary-g3")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "students.csv" in result.stderr


# -- teacher leadership: the credential portfolio ------------------------------------------------------

def test_portfolio_prints_the_evidence_table_and_writes_packets(tmp_path):
    result = datadriver("portfolio", "--data", "sample_data", "--team", "river-middle-g7-math",
                        "--candidate", "Daniel Brooks", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Daniel Brooks" in result.stdout and "Soliciting Feedback from" in result.stdout
    assert "peer_survey" in result.stdout and "partial" in result.stdout and "Traceback" not in result.stderr
    packets = sorted(p.stem for p in (tmp_path / "river-middle-g7-math" / "packets" / "daniel-brooks").glob("*.html"))
    assert "focusing_on_student_learning" in packets and "building_will" not in packets  # not started: no packet
    assert len(packets) == 11


def test_portfolio_explains_a_wrong_team_or_format():
    result = datadriver("portfolio", "--data", "sample_data", "--team", "no-such-team")
    assert result.returncode == 2 and "team.yml" in result.stderr and "Traceback" not in result.stderr
    result = datadriver("portfolio", "--data", "sample_data", "--team", "oak-middle-science", "--out", "/tmp/x",
                        "--format", "docx")
    assert result.returncode == 2 and "No converter for packet format(s) docx" in result.stderr


def test_as_of_must_be_a_date(sample_copy, tmp_path):
    result = datadriver("run", "--data", str(sample_copy), "--out", str(tmp_path / "out"), "--as-of", "15/01/2026")
    assert result.returncode == 2
    assert "Invalid value for '--as-of'" in result.stderr and "write it as YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_as_of_judges_rivers_change_actions(sample_copy, tmp_path):
    """`--as-of` reaches the notebook: River's action due 2026-01-02 is overdue on 2026-01-30, not on 2025-12-01."""
    def render(day: str) -> str:
        out = tmp_path / day
        result = datadriver("run", "--data", str(sample_copy), "--out", str(out), "--team", "river-middle-g7-math",
                            "--notebook", "05_change.ipynb", "--jobs", "1", "--as-of", day)
        assert result.returncode == 0, result.stderr
        return html.unescape((out / "river-middle-g7-math" / "05_change.html").read_text(encoding="utf-8"))

    january = render("2026-01-30")
    assert "Overdue as of 2026-01-30 (the report's as-of date): 3 action(s)" in january
    assert "Review each section's run chart every other week." in january.split("For discussion")[1]
    december = render("2025-12-01")
    assert "Overdue as of 2025-12-01 (the report's as-of date): 1 action(s)" in december
    assert "every other week.' (due 2026-01-02)" not in december
