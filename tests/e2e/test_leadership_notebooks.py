"""Notebooks 01 (minutes), 06 and 21 on every sample team through the real batch, read back from summary.json.

The batch runs these three notebooks once per audience for the module; the tests compare what the
notebooks published with the package computed directly, pin the sample district's stories, and check
that shared reports name no member of staff.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from datadriver_utils.batch.runner import BatchOptions, BatchResult, run_batch
from datadriver_utils.contract.team import list_teams, load_team
from datadriver_utils.notebook.report import open_report
from datadriver_utils.privacy.release import summary_context
from datadriver_utils.privacy.rules import Audience
from datadriver_utils.strands import leadership_moves as moves
from datadriver_utils.toolkit import assessment_literacy as literacy
from datadriver_utils.toolkit import vision
from tests.conftest import SAMPLE_AS_OF, SAMPLE_DATA

pytestmark = pytest.mark.notebooks
TEAMS = list_teams(SAMPLE_DATA)
RUN = ["01_vision.ipynb", "06_assessment_literacy.ipynb", "21_leadership_moves.ipynb"]
_IMAGES = re.compile(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=\s]+")


def _run(tmp_path_factory: pytest.TempPathFactory, audience: Audience, notebooks: list[str]) -> tuple[BatchResult, Path]:
    out = tmp_path_factory.mktemp(f"leadership-{audience.value}")
    return run_batch(BatchOptions(data_dir=SAMPLE_DATA, out_dir=out, audience=audience, notebooks=notebooks, jobs=2,
                                  cell_timeout=180, as_of=SAMPLE_AS_OF)), out


@pytest.fixture(scope="module")
def team_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[BatchResult, Path]:
    return _run(tmp_path_factory, Audience.TEAM, RUN)


@pytest.fixture(scope="module")
def public_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[BatchResult, Path]:
    return _run(tmp_path_factory, Audience.PUBLIC, RUN[1:])


def published(out: Path, team_id: str) -> dict:
    return json.loads((out / team_id / "summary.json").read_text(encoding="utf-8"))


def expected(team_id: str, audience: str, section: str) -> dict:
    report = open_report(SAMPLE_DATA, team_id, audience, None, as_of=SAMPLE_AS_OF)  # as the batch judged it
    model = {"assessment_literacy": literacy.summary, "leadership_moves": moves.summary, "vision": vision.summary}
    return model[section](report).to_json(summary_context(report.rules, report.audience))


def test_every_team_renders_the_three_notebooks(team_run) -> None:
    result, out = team_run
    assert result.ok, [(t.team_id, t.status_line) for t in result.teams]
    for team_id in TEAMS:
        for notebook in RUN:
            assert (out / team_id / notebook.replace(".ipynb", ".html")).is_file()
    oak = next(t for t in result.teams if t.team_id == "oak-middle-science")
    assert all(name in oak.status_line for name in ("trainings", "benchmark_links", "walkthroughs", "feedback_log"))


@pytest.mark.parametrize("team_id", TEAMS)
@pytest.mark.parametrize("section", ["assessment_literacy", "leadership_moves", "vision"])
def test_published_sections_equal_the_package(team_run, team_id: str, section: str) -> None:
    _result, out = team_run
    assert published(out, team_id)[section] == expected(team_id, "team", section)


def test_published_sample_figures(team_run) -> None:
    _result, out = team_run
    river = published(out, "river-middle-g7-math")
    trainings = river["assessment_literacy"]["trainings"]
    assert river["assessment_literacy"]["n_with_example"] == 19
    assert trainings["as_of"] == "2026-01-30"
    assert trainings["by_status"] == {"done": 3, "due soon": 2, "open": 0, "overdue": 2, "no due date": 0}
    assert [(o["person"], o["days_overdue"]) for o in trainings["overdue"]] == [("Kevin O'Neil", 91),
                                                                                ("Rosa Delgado", 91)]
    link = river["leadership_moves"]["links"][0]
    assert (link["grade"], link["standard"], link["n_matched"]) == ("7", "7.EE.B.4", 127)
    assert (link["pattern_mean"], link["check_mean"], link["change"], link["others_change"]) == (48.5, 49.9, 1.4, 2.1)
    assert link["verdict"] == "no clear change"
    assert river["leadership_moves"]["feedback"]["pct_bite_size"] == 66.7
    assert river["vision"]["minutes"]["followed_up_next_pct"] == 75.0
    assert river["vision"]["minutes"]["n_carried_over"] == 1
    maple = published(out, "maple-elementary-g3")
    months = maple["leadership_moves"]["walkthroughs"]["by_month"]
    assert [m["pct_seen"] for m in months] == [33.3, 50.0, 66.7, 91.7]
    assert [m["belonging_pct_favourable"] for m in months] == [39.3, None, 68.1, 93.9]
    assert maple["vision"]["minutes"]["followed_up_next_pct"] == 100.0
    assert maple["assessment_literacy"]["trainings"]["by_status"]["overdue"] == 0
    cedar = published(out, "cedar-elementary-k2")
    assert [b["status"] for b in cedar["leadership_moves"]["belonging"]] == ["ok", "too few responses", "ok"]
    oak = published(out, "oak-middle-science")
    assert oak["assessment_literacy"]["trainings"] is None and oak["vision"]["minutes"] is None
    assert oak["leadership_moves"]["links"] is None
    assert oak["leadership_moves"]["weakest"][0]["standard"] == "MS-PS1-2"


@pytest.mark.parametrize("team_id", TEAMS)
def test_public_reports_name_no_member_of_staff(public_run, team_id: str) -> None:
    result, out = public_run
    assert result.ok
    names = [m.name for m in load_team(SAMPLE_DATA, team_id).config.members]
    for notebook in RUN[1:]:
        text = _IMAGES.sub("", (out / team_id / notebook.replace(".ipynb", ".html")).read_text(encoding="utf-8"))
        assert not [n for n in names if n in text], notebook
    section = published(out, team_id)
    assert section["assessment_literacy"] == expected(team_id, "public", "assessment_literacy")
    assert section["leadership_moves"] == expected(team_id, "public", "leadership_moves")
    overdue = (section["assessment_literacy"]["trainings"] or {}).get("overdue", [])
    assert all("person" not in o for o in overdue)
