"""``--submission`` and ``--packet`` on the sample district: forms a credential reviewer can be sent.

* Every report of every sample team has a submission form (the district render of
  tests/rendered.py asks for them) that a reviewer reads without a timing, a file name, a
  discussion prompt or a student id -- checked against a list of markers of its own here, not
  only the module's -- and the snapshot's form follows the credential's parts in order.
* A team-audience run still makes its forms from a district rendering (the team view of the
  snapshot lists student ids; the form must not).
* The credential packet (Chromium; skipped with the reason where it is absent) is one PDF per
  team whose parts start pages in the credential's order, numbered through, tables whole.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from datadriver_utils.batch.credential_packet import PACKET_SECTIONS
from datadriver_utils.batch.outcomes import PACKET_FILE, SUBMISSION_SUFFIX
from datadriver_utils.batch.pdf import CHROMIUM_ENV, find_chromium
from datadriver_utils.batch.runner import BatchOptions, run_batch
from datadriver_utils.contract.team import list_teams
from datadriver_utils.privacy.rules import Audience
from tests.conftest import SAMPLE_DATA
from tests.rendered import render_sample

pytestmark = pytest.mark.notebooks
TEAM = "river-middle-g7-math"
SNAPSHOT = "20_data_driver_snapshot"
ASSESSOR = "11_assessor"

FORBIDDEN = {
    "timing": re.compile(r"Time:|\b\d+\s*minutes\b|\b\d+\s*[–-]\s*\d+\s*min\b"),
    "file name": re.compile(r"\.(?:yml|yaml|csv|md|ipynb)\b"),
    "discussion prompt": re.compile(r"\bDiscussion\b|What to notice|Facilitator notes|Who it is for"),
    "exercise": re.compile(r"With training = |exercises below check"),
    "agenda": re.compile(r"\bTime (?:Activity|Part)\b"),
    "live instruction": re.compile(r"In a live session|press Save", re.I),
}
"""What a reviewer must not meet, written out here independently of the module's own list."""
CREDENTIAL_HEADINGS = ("Part 1. Overview questions", "Part 2. Evidence and artifacts", "1. Inquiry Cycle Snapshot",
                       "2. Common assessment", "3. Pre and post: grade-level averages")
"""The Data Driver credential's parts (shared/seeds 000), in its order."""


def visible_text(path: Path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup.find_all(["style", "script", "title"]):
        hidden.decompose()
    return re.sub(r"\s+", " ", (soup.body or soup).get_text(" "))


def headings(path: Path) -> list[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [re.sub(r"\s+", " ", h.get_text()).strip().rstrip("¶").strip() for h in soup.find_all(["h1", "h2", "h3"])]


def student_ids(team_id: str) -> set[str]:
    return set(pd.read_csv(SAMPLE_DATA / "teams" / team_id / "students.csv", dtype=str)["student_id"].dropna())


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_sample(tmp_path_factory, Audience.DISTRICT)


@pytest.mark.parametrize("team_id", list_teams(SAMPLE_DATA))
def test_every_report_has_a_submission_form_with_nothing_of_the_workshop(district: Path, team_id: str) -> None:
    reports = sorted(p for p in (district / team_id).glob("*.html") if not p.name.endswith(SUBMISSION_SUFFIX))
    forms = sorted((district / team_id).glob(f"*{SUBMISSION_SUFFIX}"))
    if not forms and district.parent.name != "rendered-sample":
        pytest.skip("DATADRIVER_TEST_EXPORTS points at an export made without --submission")
    assert [f.name.removesuffix(SUBMISSION_SUFFIX) for f in forms] == [r.stem for r in reports]
    ids = student_ids(team_id)
    for form in forms:
        text = visible_text(form)
        for kind, pattern in FORBIDDEN.items():
            assert not pattern.search(text), f"{form.name}: {kind}: {pattern.search(text)}"
        tokens = set(re.findall(r"[A-Za-z0-9]+", text))
        assert not ids & tokens, f"{form.name} shows student ids"
    team_report = (district / team_id / f"{SNAPSHOT}.html")
    assert FORBIDDEN["timing"].search(visible_text(team_report))  # the report itself keeps the workshop


@pytest.mark.parametrize("team_id", list_teams(SAMPLE_DATA))
def test_the_snapshot_form_follows_the_credentials_parts(district: Path, team_id: str) -> None:
    form = district / team_id / f"{SNAPSHOT}{SUBMISSION_SUFFIX}"
    if not form.exists() and district.parent.name != "rendered-sample":
        pytest.skip("DATADRIVER_TEST_EXPORTS points at an export made without --submission")
    found = [h for h in headings(form) if h.startswith(CREDENTIAL_HEADINGS)]
    assert found == list(CREDENTIAL_HEADINGS)
    assert not [h for h in headings(form) if h.startswith("Part 3")]  # the seed's Part 2 has the three items


def _chromium() -> Path:
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e .[test])")
    found = find_chromium()
    if found is None:
        pytest.skip(f"Chromium is not installed (apt-get install chromium, or set {CHROMIUM_ENV}): no packet to print")
    return found


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    # NFKC: the PDF's fonts set "fi" and "ff" as ligatures
    return [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", page.extract_text() or "")) for page in PdfReader(path).pages]


def first_pages(pages: list[str], titles: list[str]) -> list[int]:
    """The page each title first heads (the text of a page starts with its first heading)."""
    return [next((n for n, page in enumerate(pages) if page.strip().startswith(title)), -1) for title in titles]


def test_a_team_run_with_pdf_submits_forms_and_a_packet_from_the_district_view(sample_copy: Path, tmp_path: Path) -> None:
    chromium = _chromium()
    out = tmp_path / "exports"
    run = subprocess.run([sys.executable, "-m", "datadriver_utils.cli", "run", "--data", str(sample_copy), "--out",
                          str(out), "--team", TEAM, "--notebook", f"{ASSESSOR}.ipynb", "--notebook", f"{SNAPSHOT}.ipynb",
                          "--jobs", "1", "--submission", "--pdf"],
                         capture_output=True, text=True, timeout=900, env={**_env(), CHROMIUM_ENV: str(chromium)})
    assert run.returncode == 0, run.stdout + run.stderr
    ids = student_ids(TEAM)
    team_view = set(re.findall(r"[A-Za-z0-9]+", visible_text(out / TEAM / f"{SNAPSHOT}.html")))
    assert ids & team_view  # the team's own report names the students without a post score
    for stem in (ASSESSOR, SNAPSHOT):
        form = visible_text(out / TEAM / f"{stem}{SUBMISSION_SUFFIX}")
        assert "District view" in form and not ids & set(re.findall(r"[A-Za-z0-9]+", form))
    title = BeautifulSoup((out / TEAM / f"{SNAPSHOT}{SUBMISSION_SUFFIX}").read_text(encoding="utf-8"), "html.parser").title
    assert title is not None and title.get_text() == "Data Driver: the Inquiry Cycle Snapshot — River Middle School Grade 7 Math PLC"

    for stem in (ASSESSOR, SNAPSHOT):  # --pdf prints each report and each form beside it
        assert (out / TEAM / f"{stem}.pdf").is_file() and (out / TEAM / f"{stem}.submission.pdf").is_file()
    form_pages = pdf_pages(out / TEAM / f"{SNAPSHOT}.submission.pdf")
    assert "Data Driver: the Inquiry Cycle Snapshot — River Middle School Grade 7 Math PLC" in form_pages[0]

    pages = pdf_pages(out / TEAM / PACKET_FILE)
    text = " ".join(pages)
    titles = [s.title for s in PACKET_SECTIONS]
    starts = first_pages(pages, ["Data Driver micro-credential: evidence packet", *titles])
    assert starts[0] == 0 and all(a < b for a, b in zip(starts, starts[1:], strict=False)), starts
    assert len(pages) >= len(titles) + 1 and f"page 1 of {len(pages)}" in pages[0]
    for kind, pattern in FORBIDDEN.items():
        assert not pattern.search(text), f"packet: {kind}"
    blueprint = next(n for n, page in enumerate(pages) if "Blueprint: items and points per standard" in page)
    assert all(standard in pages[blueprint] for standard in ("7.EE.B.4", "7.NS.A.3", "7.RP.A.2", "7.RP.A.3"))
    grades = next(n for n, page in enumerate(pages) if "Grade-level results on all standards" in page)
    assert "Effect size" in pages[grades] and "127" in pages[grades]  # the table and its row on one page


def test_every_sample_team_gets_a_packet_in_the_credentials_order(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CHROMIUM_ENV, str(_chromium()))
    result = run_batch(BatchOptions(data_dir=SAMPLE_DATA, out_dir=tmp_path / "exports", audience=Audience.DISTRICT,
                                    notebooks=[f"{ASSESSOR}.ipynb", f"{SNAPSHOT}.ipynb"], packet=True, jobs=2,
                                    cell_timeout=180, cache_dir=None))
    titles = [s.title for s in PACKET_SECTIONS]
    for team in result.teams:
        assert team.ok, (team.team_id, team.status_line, [n.message for n in team.notebooks if not n.ok])
        pages = pdf_pages(tmp_path / "exports" / team.team_id / PACKET_FILE)
        starts = first_pages(pages, titles)
        assert -1 not in starts and starts == sorted(starts) and starts[0] >= 1, (team.team_id, starts)
        assert team.name.split()[0] in pages[0]


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "DATADRIVER_TEST_EXPORTS"}


def test_a_run_without_the_snapshot_leaves_the_last_packet_alone(sample_copy: Path, tmp_path: Path) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    tiny = new_notebook(cells=[
        new_code_cell('data_dir = ""\nteam_id = ""\naudience = ""\nsummary_dir = ""', metadata={"tags": ["parameters"]}),
        new_markdown_cell("**Who it is for.** The team. **Time:** about 5 minutes."),
        new_code_cell("print('rendered for', team_id)"),
    ])
    tiny.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(tiny, notebooks / "30_tiny.ipynb")
    out = tmp_path / "exports"
    (out / TEAM).mkdir(parents=True)
    (out / TEAM / PACKET_FILE).write_bytes(b"%PDF- last week's packet")
    result = run_batch(BatchOptions(data_dir=sample_copy, out_dir=out, teams=[TEAM], notebook_dir=notebooks,
                                    audience=Audience.DISTRICT, jobs=1, packet=True, submission=True))
    assert result.ok, [n.message for t in result.teams for n in t.notebooks]
    assert (out / TEAM / PACKET_FILE).read_bytes() == b"%PDF- last week's packet"
    form = visible_text(out / TEAM / f"30_tiny{SUBMISSION_SUFFIX}")
    assert f"rendered for {TEAM}" in form and "Time" not in form and "Who it is for" not in form
