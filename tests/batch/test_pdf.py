"""``datadriver run --pdf`` and :func:`write_pdf`: reports on paper, printed by the system Chromium.

The PDF's own text (pypdf) is read back: the team's name and a figure from its summary.json
must be there; a table that fits on a page is not split; a table longer than a page repeats
its header row on every page; parts of a packet each start on a new page; nothing is fetched
from outside. Where Chromium is absent those tests are skipped, and one test checks that
``--pdf`` then fails clearly for the PDF step while the HTML reports still land.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
import yaml
from nbformat.v4 import new_code_cell, new_notebook

from datadriver_utils.batch.export import notebook_to_html
from datadriver_utils.batch.pdf import CHROMIUM_ENV, PdfPrinter, PdfWritten, find_chromium, write_pdf
from datadriver_utils.batch.runner import BatchOptions, run_batch

pytestmark = pytest.mark.notebooks
TEAM = "river-middle-g7-math"
SNAPSHOT = "20_data_driver_snapshot"


@pytest.fixture(scope="module")
def chromium() -> Path:
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e .[test])")
    found = find_chromium()
    if found is None:
        pytest.skip(f"Chromium is not installed (apt-get install chromium, or set {CHROMIUM_ENV})")
    return found


@pytest.fixture(scope="module")
def printer(chromium: Path):
    with PdfPrinter(chromium) as shared:
        yield shared


def pdf_pages(path: Path) -> list[str]:
    """Each page's text, whitespace squeezed (pypdf breaks lines where the page does)."""
    from pypdf import PdfReader

    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(path).pages]


def page_of(pages: list[str], text: str) -> list[int]:
    return [n for n, page in enumerate(pages) if text in page]


def test_run_pdf_prints_the_snapshot_beside_its_html(chromium: Path, sample_copy: Path, tmp_path: Path,
                                                     printer: PdfPrinter) -> None:
    out = tmp_path / "exports"
    run = subprocess.run([sys.executable, "-m", "datadriver_utils.cli", "run", "--data", str(sample_copy),
                          "--out", str(out), "--team", TEAM, "--notebook", f"{SNAPSHOT}.ipynb", "--jobs", "1", "--pdf"],
                         capture_output=True, text=True, timeout=600, env={**_env(), CHROMIUM_ENV: str(chromium)})
    assert run.returncode == 0, run.stdout + run.stderr
    html, pdf = out / TEAM / f"{SNAPSHOT}.html", out / TEAM / f"{SNAPSHOT}.pdf"
    assert html.is_file() and pdf.read_bytes().startswith(b"%PDF-")
    pages = pdf_pages(pdf)
    text = " ".join(pages)
    assert len(pages) >= 2
    name = yaml.safe_load((sample_copy / "teams" / TEAM / "team.yml").read_text(encoding="utf-8"))["name"]
    assert re.sub(r"\s+", " ", name) in text
    grade = json.loads((out / TEAM / "summary.json").read_text(encoding="utf-8"))["data_driver"]["by_grade"][0]
    for figure in (f"{grade['pre_mean_pct']:.1f}%", f"{grade['post_mean_pct']:.1f}%", str(grade["n_matched"])):
        assert figure in text, figure
    assert "page 1 of" in pages[0]  # the footer numbers the pages

    again = write_pdf([html], tmp_path / "again.pdf", printer=printer)
    assert again.blocked == ()  # the report asks for nothing outside its own file


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def _document(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>test</title></head><body>{body}</body></html>"


def _table(rows: int, marker: str) -> str:
    head = "<thead><tr><th>Student group</th><th>Percent proficient</th></tr></thead>"
    body = "".join(f"<tr><td>{marker}{n:03d}</td><td>{n % 100}%</td></tr>" for n in range(rows))
    return f"<table>{head}<tbody>{body}</tbody></table>"


def test_a_long_table_repeats_its_header_on_every_page(printer: PdfPrinter, tmp_path: Path) -> None:
    written = write_pdf([_document(_table(150, "ROW"))], tmp_path / "long.pdf", printer=printer)
    pages = pdf_pages(written.path)
    assert written.pages == len(pages) >= 3
    for page in pages:
        assert "Student group" in page and "Percent proficient" in page and "ROW" in page


def test_a_table_that_fits_moves_whole_to_the_next_page(printer: PdfPrinter, tmp_path: Path) -> None:
    filler = "".join(f"<p>Paragraph {n} of the narrative before the table.</p>" for n in range(20))
    written = write_pdf([_document(filler + _table(20, "KEEP"))], tmp_path / "fits.pdf", printer=printer)
    pages = pdf_pages(written.path)
    assert written.pages >= 2
    where = {n for row in range(20) for n in page_of(pages, f"KEEP{row:03d}")}
    assert len(where) == 1 and where != {0}, "the table was split (or the filler did not push it)"


def _text_runs(path: Path) -> list[tuple[float, float, str]]:
    """Each piece of text on the first page: where it starts (points from the left), its size, the text."""
    from pypdf import PdfReader

    runs: list[tuple[float, float, str]] = []
    PdfReader(path).pages[0].extract_text(
        visitor_text=lambda text, cm, tm, font, size: runs.append((cm[4] + tm[4] * cm[0], size * cm[0], text.strip())))
    return [r for r in runs if r[2]]


def test_a_table_wider_than_the_page_is_set_smaller_not_cut_off(printer: PdfPrinter, tmp_path: Path) -> None:
    words = "students correct on the daily proportional reasoning exit ticket while the team tries it".split()
    head = "".join(f"<th>Heading {c}</th>" for c in range(15)) + "<th>Act</th>"
    rows = "".join("<tr>" + "".join(f"<td>{' '.join(words[(r + c) % 5:])}</td>" for c in range(15))
                   + "<td>Adopt it.</td></tr>" for r in range(3))
    wide = _text_runs(write_pdf([_document(f"<p>Intro.</p><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"
                                           "</table>")], tmp_path / "wide.pdf", printer=printer).path)
    plain = _text_runs(write_pdf([_document("<p>Intro.</p>")], tmp_path / "plain.pdf", printer=printer).path)
    right_margin = 8.5 * 72 - 0.55 * 72
    assert [s for x, s, t in wide if t == "Intro."] == [s for x, s, t in plain if t == "Intro."]  # page not shrunk
    assert len([t for x, s, t in wide if t.startswith("Adopt")]) == 3  # the last column is on the page
    assert max(x for x, s, t in wide) < right_margin


def test_a_packet_joins_its_parts_each_from_a_new_page(printer: PdfPrinter, tmp_path: Path) -> None:
    part_file = tmp_path / "blueprint.html"
    part_file.write_text(_document("<h1>Common assessment blueprint</h1>"), encoding="utf-8")
    parts: list[Path | str] = [_document("<h1>Inquiry Cycle Snapshot</h1>"), part_file,
                               _document("<h1>Pre and post results</h1>")]
    written = write_pdf(parts, tmp_path / "packet.pdf", printer=printer)
    pages = pdf_pages(written.path)
    assert written.pages == 3
    assert [page_of(pages, t) for t in ("Inquiry Cycle Snapshot", "Common assessment blueprint",
                                        "Pre and post results")] == [[0], [1], [2]]


def test_outside_requests_are_blocked_and_listed(printer: PdfPrinter, tmp_path: Path) -> None:
    page = _document('<script src="https://cdn.jsdelivr.net/npm/requirejs/require.js"></script>'
                     '<img src="http://example.invalid/logo.png" alt="logo"><p>Printed offline.</p>')
    written = write_pdf([page], tmp_path / "offline.pdf", printer=printer)
    assert "Printed offline." in " ".join(pdf_pages(written.path))
    assert sorted(written.blocked) == ["http://example.invalid/logo.png",
                                       "https://cdn.jsdelivr.net/npm/requirejs/require.js"]


def test_write_pdf_works_from_inside_a_kernels_event_loop(chromium: Path, tmp_path: Path) -> None:
    async def in_a_notebook_cell() -> PdfWritten:
        return write_pdf([_document("<p>Printed from a notebook.</p>")], tmp_path / "from-kernel.pdf")

    # A thread of its own: Playwright's sync API (the module's printer) already runs a loop here.
    with ThreadPoolExecutor(max_workers=1) as kernel:
        written = kernel.submit(asyncio.run, in_a_notebook_cell()).result()
    assert written.pages == 1 and "Printed from a notebook." in pdf_pages(written.path)[0]


def test_the_report_template_loads_no_script_and_carries_the_print_rules() -> None:
    node = new_notebook(cells=[new_code_cell("1", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": "<table><thead><tr><th>a</th></tr></thead></table>"})])])
    html = notebook_to_html(node, "t")
    assert not re.findall(r"<script[^>]+src=|<link[^>]+href=[\"']https?:", html)
    assert "break-inside: avoid" in html and "table-header-group" in html


def test_without_chromium_the_pdf_step_fails_clearly_and_the_html_lands(
        sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-chromium-here"))
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    tiny = new_notebook(cells=[
        new_code_cell('data_dir = ""\nteam_id = ""\naudience = ""\nsummary_dir = ""', metadata={"tags": ["parameters"]}),
        new_code_cell("print('rendered for', team_id)"),
    ])
    tiny.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(tiny, notebooks / "30_tiny.ipynb")
    out = tmp_path / "exports"
    (out / TEAM).mkdir(parents=True)
    (out / TEAM / "30_tiny.pdf").write_bytes(b"%PDF- last week's, no longer matching the report")
    result = run_batch(BatchOptions(data_dir=sample_copy, out_dir=out, teams=[TEAM], notebook_dir=notebooks,
                                    jobs=1, pdf=True))
    [team] = result.teams
    by_name = {n.notebook: n for n in team.notebooks}
    assert by_name["30_tiny"].ok and (out / TEAM / "30_tiny.html").is_file()
    assert not by_name["PDF"].ok and not (out / TEAM / "30_tiny.pdf").exists()
    assert by_name["PDF"].details is None  # no work folder to look into: the message says it all
    assert "Chromium was not found" in by_name["PDF"].message and "HTML reports are written" in by_name["PDF"].message and "apt-get install chromium" in by_name["PDF"].message
    assert not result.ok
