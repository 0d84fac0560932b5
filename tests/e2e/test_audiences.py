"""Shared reports leak no student and run no user text as code.

* The sample district rendered at ``district`` and ``public`` audiences: no exported file
  (HTML or JSON) contains any student id from the input; the team audience does list some,
  which shows the search can find them.
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
from tests.conftest import SAMPLE_DATA

pytestmark = pytest.mark.notebooks
_IMAGES = re.compile(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=\s]+")


def all_student_ids(data_dir: Path) -> set[str]:
    ids: set[str] = set()
    for team_id in list_teams(data_dir):
        ids |= set(pd.read_csv(data_dir / "teams" / team_id / "students.csv", dtype=str)["student_id"])
    return ids


def exported_text(out: Path) -> dict[Path, str]:
    """Every exported file as text, with embedded images removed (base64 is not prose)."""
    return {
        path: _IMAGES.sub("", path.read_text(encoding="utf-8", errors="replace"))
        for path in out.rglob("*") if path.is_file() and path.suffix in {".html", ".json", ".csv", ".txt"}
    }


def ids_found(out: Path, ids: set[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path, text in exported_text(out).items():
        tokens = set(re.findall(r"\d{3,}", text))
        hits = sorted(ids & tokens)
        if hits:
            found[str(path.relative_to(out))] = hits[:5]
    return found


@pytest.fixture(scope="module", params=[Audience.DISTRICT, Audience.PUBLIC], ids=lambda a: a.value)
def shared_export(request, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp(f"exports-{request.param.value}")
    result = run_batch(BatchOptions(data_dir=SAMPLE_DATA, out_dir=out, audience=request.param, jobs=2, cell_timeout=180))
    assert result.ok, [(t.team_id, t.status_line) for t in result.teams]
    return out


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
    for team_dir in (p for p in shared_export.iterdir() if p.is_dir()):
        texts = [_IMAGES.sub("", (team_dir / f"{n}.html").read_text(encoding="utf-8")) for n in LEADERSHIP_REPORTS]
        summary = json.loads((team_dir / "summary.json").read_text(encoding="utf-8"))
        texts += [json.dumps(summary.get(section)) for section in LEADERSHIP_SECTIONS]
        leaked = sorted(n for n in names if any(n in t for t in texts))
        assert leaked == [], f"{team_dir.name}: {leaked}"


def test_team_export_does_list_students(tmp_path):
    """The same search finds ids in the team view, so it is able to fail."""
    out = tmp_path / "team"
    run_batch(BatchOptions(data_dir=SAMPLE_DATA, out_dir=out, teams=["river-middle-g7-math"],
                           notebooks=["20_data_driver_snapshot.ipynb"], jobs=1))
    assert ids_found(out, all_student_ids(SAMPLE_DATA))


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
                                    notebooks=["20_data_driver_snapshot.ipynb"], jobs=1))
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
