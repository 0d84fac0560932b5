"""Shared reports leak no student and run no user text as code.

* The sample district rendered at ``district`` and ``public`` audiences: no exported file
  (HTML or JSON) contains any student id from the input; the team audience lists some, only in
  the reports docs/privacy.md names, which shows the search can find them.
* No report of any audience, the team's included, contains a survey respondent id
  (docs/analysis.md: respondent ids never appear).
* Public and district reports (district.yml left at its default) show no classroom section.
* User text with ``<script>`` and ``<img onerror>`` in a goal and a team name shows as text, in
  the parsed HTML and, where Chromium is installed, in a real browser.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup

from datadriver_utils.batch.runner import BatchOptions, run_batch
from datadriver_utils.contract.team import list_teams
from datadriver_utils.privacy.rules import Audience
from tests.conftest import SAMPLE_AS_OF, SAMPLE_DATA
from tests.rendered import render_sample

pytestmark = pytest.mark.notebooks
_IMAGES = re.compile(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=\s]+")


def all_student_ids(data_dir: Path) -> set[str]:
    ids: set[str] = set()
    for team_id in list_teams(data_dir):
        ids |= set(pd.read_csv(data_dir / "teams" / team_id / "students.csv", dtype=str)["student_id"])
    return ids


def all_respondent_ids(data_dir: Path) -> set[str]:
    ids: set[str] = set()
    for team_id in list_teams(data_dir):
        surveys = data_dir / "teams" / team_id / "surveys.csv"
        if surveys.is_file():
            ids |= set(pd.read_csv(surveys, dtype=str)["respondent"].dropna())
    return ids


def all_sections(data_dir: Path) -> set[str]:
    sections: set[str] = set()
    for team_id in list_teams(data_dir):
        students = pd.read_csv(data_dir / "teams" / team_id / "students.csv", dtype=str)
        sections |= set(students.get("section", pd.Series(dtype=str)).dropna())
    return sections


def exported_text(out: Path) -> dict[Path, str]:
    """Every exported file as text, with embedded images removed (base64 is not prose)."""
    return {
        path: _IMAGES.sub("", path.read_text(encoding="utf-8", errors="replace"))
        for path in out.rglob("*") if path.is_file() and path.suffix in {".html", ".json", ".csv", ".txt"}
    }


def ids_found(out: Path, ids: set[str]) -> dict[str, list[str]]:
    """Which exported files hold which of ``ids`` as a whole word (an id inside a longer token
    such as a file name does not count)."""
    found: dict[str, list[str]] = {}
    for path, text in exported_text(out).items():
        tokens = set(re.findall(r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*", text)) | set(re.findall(r"[A-Za-z0-9]+", text))
        hits = sorted(ids & tokens)
        if hits:
            found[str(path.relative_to(out))] = hits[:5]
    return found


TEAM_REPORTS_WITH_STUDENT_IDS = {"03_collection.html", "12_data_analyst.html", "20_data_driver_snapshot.html",
                                 "summary.json", "district-summary.json"}
"""The team-view outputs docs/privacy.md lists as naming students: rows behind data-quality
flags (03 and summary.json), students just below the cut (12), students without a post score (20)."""


@pytest.fixture(scope="module", params=[Audience.DISTRICT, Audience.PUBLIC], ids=lambda a: a.value)
def shared_export(request, tmp_path_factory) -> Path:
    out = render_sample(tmp_path_factory, request.param)
    assert (out / "index.html").is_file(), "the sample district did not render (see the batch's messages)"
    return out


@pytest.fixture(scope="module")
def team_export(tmp_path_factory) -> Path:
    return render_sample(tmp_path_factory, Audience.TEAM)


def test_shared_exports_contain_no_student_id(shared_export):
    assert ids_found(shared_export, all_student_ids(SAMPLE_DATA)) == {}


# -- teacher leadership (notebooks 30-33, 40): colleagues' names stay inside the team ----------------

LEADERSHIP_REPORTS = ("30_student_learning_cycles", "31_peer_classrooms", "32_scaling", "33_classroom_improvement",
                      "40_credential_portfolio")
LEADERSHIP_SECTIONS = ("student_learning_cycles", "peer_classrooms", "scaling", "classroom_improvement",
                       "credential_portfolio")


def leadership_names(data_dir: Path) -> set[str]:
    """Every teacher, visitor, host and leader named in the sample's teacher-leadership files."""
    names: set[str] = set()
    for path in (data_dir / "teams").glob("*/*.csv"):
        if path.stem in ("slrc_cycles", "visits", "meetings", "artifacts", "reflections", "student_work", "voice_plans"):
            frame = pd.read_csv(path, dtype=str)
            for column in ("teacher", "visitor", "host", "leader"):
                if column in frame:
                    names |= set(frame[column].dropna())
    return names


def test_shared_leadership_reports_name_no_colleague(shared_export):
    names = leadership_names(SAMPLE_DATA)
    assert len(names) >= 15
    for team_dir in (p for p in shared_export.iterdir() if p.is_dir() and not p.name.startswith(".")):
        texts = [_IMAGES.sub("", (team_dir / f"{n}.html").read_text(encoding="utf-8")) for n in LEADERSHIP_REPORTS]
        summary = json.loads((team_dir / "summary.json").read_text(encoding="utf-8"))
        texts += [json.dumps(summary.get(section)) for section in LEADERSHIP_SECTIONS]
        leaked = sorted(n for n in names if any(n in t for t in texts))
        assert leaked == [], f"{team_dir.name}: {leaked}"



def test_no_export_of_any_audience_names_a_survey_respondent(shared_export, team_export):
    respondents = all_respondent_ids(SAMPLE_DATA)
    assert len(respondents) > 50  # students (S012), teachers (T08), peers (R1) across the teams
    assert ids_found(shared_export, respondents) == {}
    assert ids_found(team_export, respondents) == {}


def test_team_export_lists_students_only_where_documented(team_export):
    """The same search finds ids in the team view (so it is able to fail), in the documented reports only."""
    found = ids_found(team_export, all_student_ids(SAMPLE_DATA))
    assert {name.split("/")[-1] for name in found} == TEAM_REPORTS_WITH_STUDENT_IDS


def test_shared_exports_show_no_classroom_section(shared_export):
    sections = all_sections(SAMPLE_DATA)
    assert {"1-Rm4", "7-4", "3A"} <= sections
    for path, text in exported_text(shared_export).items():
        if path.suffix != ".html":
            continue
        soup = BeautifulSoup(text, "html.parser")
        cells = {cell.get_text(strip=True) for table in soup.find_all("table") for cell in table.find_all(["td", "th"])}
        assert not cells & sections, (path.name, sorted(cells & sections)[:5])
    summaries = [json.loads(p.read_text(encoding="utf-8")) for p in shared_export.glob("*/summary.json")]
    assert summaries and all(s["data_analyst"]["discrepancy"]["sections"] == [] for s in summaries
                             if (s.get("data_analyst") or {}).get("discrepancy"))


PAYLOAD_SCRIPT = "<script>document.title='PWNED'</script>"
PAYLOAD_IMG = "<img src=x onerror=\"document.title='PWNED'\">"


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(SAMPLE_DATA, data)
    team_yml = data / "teams" / "maple-elementary-g3" / "team.yml"
    config = yaml.safe_load(team_yml.read_text(encoding="utf-8"))
    config["name"] = f"Maple {PAYLOAD_IMG}"
    config["goal"]["statement"] = f"Grow reading {PAYLOAD_SCRIPT} and \"quotes\" & ampersands"
    team_yml.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    out = data.parent / "out"
    result = run_batch(BatchOptions(data_dir=data, out_dir=out, teams=["maple-elementary-g3"],
                                    notebooks=["20_data_driver_snapshot.ipynb"], jobs=1, as_of=SAMPLE_AS_OF))
    assert result.ok, result.teams[0].notebooks
    return out / "maple-elementary-g3" / "20_data_driver_snapshot.html"


def test_user_text_is_escaped_in_html(hostile_export):
    soup = BeautifulSoup(hostile_export.read_text(encoding="utf-8"), "html.parser")
    assert not [s for s in soup.find_all("script") if "PWNED" in (s.string or "")]
    assert not soup.find_all("img", attrs={"onerror": True})
    text = soup.get_text()
    assert PAYLOAD_SCRIPT in text and "Maple <img src=x" in text
    assert '"quotes" & ampersands' in text


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed (apt-get install chromium)")
def test_user_text_does_not_run_in_a_browser(hostile_export, tmp_path):
    result = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=2000", "--dump-dom",
         hostile_export.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert "<body" in result.stdout, result.stderr[-500:]
    title = BeautifulSoup(result.stdout, "html.parser").title
    assert title is not None and "PWNED" not in title.get_text()
    assert "document.title='PWNED'" in BeautifulSoup(result.stdout, "html.parser").get_text()
