"""Reruns render only what changed; the index and district summary come from the stored results.

Issue 13: a rerun with unchanged inputs renders nothing and says so, a change to one team
renders that team only, ``force`` renders everything, and every notebook reads the team's
checked tables from the private cache the batch names in ``DATADRIVER_CACHE``. A small probe
notebook (it opens the report like every notebook and publishes what it saw) keeps this quick.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from datadriver_utils.batch.district import DISTRICT_SUMMARY
from datadriver_utils.batch.runner import BatchOptions, BatchResult, run_batch
from datadriver_utils.errors import ParameterError
from datadriver_utils.privacy.rules import Audience

pytestmark = pytest.mark.notebooks

TEAMS = ["maple-elementary-g3", "oak-middle-science"]
PROBE = "10_probe.ipynb"
PROBE_CODE = """
import os
from typing import ClassVar
import datadriver_utils as dd
from datadriver_utils.core.quantities import Summary

class Probe(Summary):
    section: ClassVar[str | None] = "probe"
    students: int
    cache: str

report = dd.open_report(data_dir, team_id, audience, summary_dir)
report.publish(Probe(students=len(report.team.students), cache=os.environ.get("DATADRIVER_CACHE", "")))
print("students:", len(report.team.students))
"""


@pytest.fixture
def notebook_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    notebook = new_notebook(cells=[
        new_markdown_cell("# Probe"),
        new_code_cell('data_dir = ""\nteam_id = ""\naudience = "team"\nsummary_dir = ""', metadata={"tags": ["parameters"]}),
        new_code_cell(PROBE_CODE),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / PROBE)
    return folder


def batch(data: Path, out: Path, notebook_dir: Path, tmp_path: Path, **options: Any) -> BatchResult:
    return run_batch(BatchOptions(**{
        "data_dir": data, "out_dir": out, "teams": TEAMS, "notebook_dir": notebook_dir, "jobs": 1,
        "cell_timeout": 120, "cache_dir": tmp_path / "cache", **options,
    }))


def rendered(result: BatchResult) -> list[str]:
    return [t.team_id for t in result.rendered]


def stamps(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.glob("*/*") if p.is_file()}


def test_reruns_render_only_what_changed(sample_copy: Path, tmp_path: Path, notebook_dir: Path) -> None:
    out = tmp_path / "out"
    first = batch(sample_copy, out, notebook_dir, tmp_path)
    assert first.ok and rendered(first) == TEAMS
    probe = json.loads((out / TEAMS[0] / "summary.json").read_text(encoding="utf-8"))["probe"]
    assert probe["cache"] == str(tmp_path / "cache")  # the notebooks were pointed at the cache ...
    assert len(list((tmp_path / "cache").glob("*/*"))) == len(TEAMS)  # ... which holds each team once
    before = stamps(out)

    again = batch(sample_copy, out, notebook_dir, tmp_path)
    assert again.ok and rendered(again) == [] and all(t.reused for t in again.teams)
    assert stamps(out) == before  # not a single report rewritten

    assessments = sample_copy / "teams" / TEAMS[1] / "assessments.csv"
    assessments.write_text(assessments.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a new export
    changed = batch(sample_copy, out, notebook_dir, tmp_path)
    assert rendered(changed) == [TEAMS[1]]
    assert stamps(out)[f"{TEAMS[0]}/10_probe.html"] == before[f"{TEAMS[0]}/10_probe.html"]

    forced = batch(sample_copy, out, notebook_dir, tmp_path, force=True)
    assert rendered(forced) == TEAMS


def test_notebooks_audience_and_parameters_are_inputs(sample_copy: Path, tmp_path: Path, notebook_dir: Path) -> None:
    out = tmp_path / "out"
    batch(sample_copy, out, notebook_dir, tmp_path)
    assert rendered(batch(sample_copy, out, notebook_dir, tmp_path, parameters={"as_of": "2026-01-31"})) == TEAMS
    assert rendered(batch(sample_copy, out, notebook_dir, tmp_path, parameters={"as_of": "2026-01-31"})) == []
    notebook = nbformat.read(notebook_dir / PROBE, as_version=4)
    notebook.cells[0].source += "\nEdited."
    nbformat.write(notebook, notebook_dir / PROBE)
    assert rendered(batch(sample_copy, out, notebook_dir, tmp_path, parameters={"as_of": "2026-01-31"})) == TEAMS
    shared = batch(sample_copy, out, notebook_dir, tmp_path, audience=Audience.DISTRICT,
                   parameters={"as_of": "2026-01-31"})
    assert rendered(shared) == TEAMS


def test_the_as_of_date_is_part_of_the_key_and_defaults_to_the_run_date(
    sample_copy: Path, tmp_path: Path, notebook_dir: Path,
) -> None:
    out = tmp_path / "out"
    assert rendered(batch(sample_copy, out, notebook_dir, tmp_path, as_of=dt.date(2026, 1, 15))) == TEAMS
    assert rendered(batch(sample_copy, out, notebook_dir, tmp_path, as_of=dt.date(2026, 1, 15))) == []
    assert rendered(batch(sample_copy, out, notebook_dir, tmp_path)) == TEAMS  # today: every report again
    assert rendered(batch(sample_copy, out, notebook_dir, tmp_path, as_of=dt.date.today())) == []  # same key
    options = BatchOptions(data_dir=sample_copy, out_dir=out, as_of=dt.date(2026, 1, 15))
    assert options.notebook_parameters(TEAMS[0], "")["as_of"] == "2026-01-15"
    assert BatchOptions(data_dir=sample_copy, out_dir=out).dated().as_of == dt.date.today()
    with pytest.raises(ParameterError, match="YYYY-MM-DD"):
        BatchOptions(data_dir=sample_copy, out_dir=out, parameters={"as_of": "15/01/2026"}).dated()


def test_a_missing_report_is_rendered_again(sample_copy: Path, tmp_path: Path, notebook_dir: Path) -> None:
    out = tmp_path / "out"
    batch(sample_copy, out, notebook_dir, tmp_path)
    (out / TEAMS[0] / "10_probe.html").unlink()
    assert rendered(batch(sample_copy, out, notebook_dir, tmp_path)) == [TEAMS[0]]


def test_index_and_district_summary_come_from_stored_results(
    sample_copy: Path, tmp_path: Path, notebook_dir: Path,
) -> None:
    out = tmp_path / "out"
    batch(sample_copy, out, notebook_dir, tmp_path, teams=[TEAMS[0]])
    second = batch(sample_copy, out, notebook_dir, tmp_path, teams=[TEAMS[1]])
    assert [t.team_id for t in second.teams] == [TEAMS[1]]
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in soup.find_all("a")}
    assert {f"{t}/summary.json" for t in TEAMS} <= links  # the team of the first run is still listed
    summary = json.loads((out / DISTRICT_SUMMARY).read_text(encoding="utf-8"))
    assert [t["team_id"] for t in summary["teams"]] == TEAMS
    counts = {t["team_id"]: t["sections"]["probe"]["students"] for t in summary["teams"]}
    for team_id in TEAMS:
        published = json.loads((out / team_id / "summary.json").read_text(encoding="utf-8"))
        assert counts[team_id] == published["probe"]["students"] > 0
    # A run for another audience does not list the team-audience reports as its own.
    batch(sample_copy, out, notebook_dir, tmp_path, teams=[TEAMS[1]], audience=Audience.DISTRICT)
    summary = json.loads((out / DISTRICT_SUMMARY).read_text(encoding="utf-8"))
    assert [t["team_id"] for t in summary["teams"]] == [TEAMS[1]] and summary["audience"] == "district"


def test_the_command_says_when_nothing_changed(sample_copy: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    def datadriver(*extra: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "datadriver_utils.cli", "run", "--data", str(sample_copy), "--out", str(tmp_path / "out"),
             "--team", TEAMS[1], "--notebook", "20_data_driver_snapshot.ipynb", "--jobs", "1", *extra],
            capture_output=True, text=True, timeout=600, env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")},
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert f"✓ {TEAMS[1]}" in datadriver()
    again = datadriver()
    assert f"= {TEAMS[1]}: unchanged since" in again and "Nothing changed since the last run" in again
    assert f"✓ {TEAMS[1]}" in datadriver("--force")
    assert list((tmp_path / "xdg" / "datadriver" / "teams").glob("*/*"))  # the default cache is used
