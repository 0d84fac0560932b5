"""The district index compares teams (issue 10, item 7), and district_summary.csv says the same.

Small hand-made export folders pin the rules (colours, absent values, public codes, escaping,
the CSV equal to the table, the sorting markup); the rendered sample district pins that every
cell equals the team's summary.json and that Oak, with files still missing, is amber.  Where
Chromium and Playwright are installed, a click on a heading sorts the rows in a real browser.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from bs4 import BeautifulSoup

from datadriver_utils.batch.comparison import (
    ABSENT,
    COLUMNS,
    CSV_FIELDS,
    DistrictRow,
    State,
    district_csv,
    district_rows,
)
from datadriver_utils.batch.index import render_index
from datadriver_utils.batch.outcomes import NotebookOutcome, TeamOutcome
from datadriver_utils.batch.titles import report_title, report_titles
from tests.conftest import NOTEBOOKS

STEMS = ("12_data_analyst", "13_goal_setter", "14_researcher", "20_data_driver_snapshot")


def _summary(audience: str, pre: Any, post: Any, rating: str | None = "some progress",
             quality: Any = 97.25, headline: str | None = "No sign of change yet: ordinary variation so far",
             statement: str | None = "By June, 70% of grade 7 students proficient on ratios.") -> dict[str, Any]:
    return {
        "team_id": "x", "audience": audience, "reports": {},
        "data_driver": {"progress_rating": rating, "goal": {"statement": statement, "pre_pct_proficient": pre,
                                                            "post_pct_proficient": post, "n_matched": 40}},
        "researcher": {"verdict": {"headline": headline, "sentence": f"{headline}. More words."}},
        "collection": {"quality": {"overall_score": quality}},
    }


def _outcome(team_id: str, name: str, *, missing: tuple[str, ...] = (), failed: str | None = None,
             problems: bool = False) -> TeamOutcome:
    outcome = TeamOutcome(team_id, name, missing_files=list(missing))
    if problems:
        from datadriver_utils.errors import Problem

        outcome.problems = [Problem("students.csv", "row 3: grade 'x' is not a grade")]
        return outcome
    outcome.notebooks = [NotebookOutcome(team_id, stem, stem != failed, None if stem == failed else f"{stem}.html",
                                         "a cell raised ValueError (cell 4)" if stem == failed else "")
                         for stem in STEMS]
    return outcome


def _export(out: Path, audience: str, summaries: dict[str, dict[str, Any]]) -> None:
    for team_id, summary in summaries.items():
        (out / team_id).mkdir(parents=True, exist_ok=True)
        (out / team_id / "summary.json").write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def district(tmp_path: Path) -> tuple[list[DistrictRow], Path]:
    """Five public teams: complete, files missing, a failed report, not rendered, and one whose
    summary.json was written for the team audience (so it must not be shown)."""
    out = tmp_path / "exports"
    _export(out, "public", {
        "ash": _summary("public", 41.3, 78.0, "met goal", quality=100.0),
        "oak": _summary("public", "≤5%", 12.5, "little or no progress", quality=None, headline=None),
        "elm": _summary("public", 30.0, None, None),
        "yew": _summary("team", 3.1, 50.0),
    })
    outcomes = [
        _outcome("ash", "Ash School"),
        _outcome("oak", "Oak School", missing=("processes", "pdsa", "surveys")),
        _outcome("elm", "Elm School", failed="13_goal_setter"),
        _outcome("fir", "Fir School", problems=True),
        _outcome("yew", "Yew School"),
    ]
    return district_rows(out, "public", outcomes, NOTEBOOKS), out


def _by_id(rows: list[DistrictRow]) -> dict[str, DistrictRow]:
    return {r.team_id: r for r in rows}


# -- rows: colours, values, what is absent ------------------------------------------------------

def test_green_only_when_every_report_rendered_and_no_file_missing(district) -> None:
    rows = _by_id(district[0])
    assert rows["ash"].state is State.GREEN and rows["yew"].state is State.GREEN
    assert rows["oak"].state is State.AMBER
    assert rows["oak"].text("files_missing") == "3" and rows["oak"].text("missing_files") == "processes; pdsa; surveys"
    assert rows["oak"].status_detail == "all 4 reports rendered; 3 files not yet supplied"
    assert rows["elm"].state is State.RED and "failed: 13_goal_setter" in rows["elm"].status_detail
    assert rows["fir"].state is State.RED and rows["fir"].status_detail.startswith("not rendered")
    assert "grade 'x'" not in rows["fir"].status_detail  # the index never quotes a data value


def test_rows_read_summary_json_and_show_dashes_for_what_is_absent(district) -> None:
    rows = _by_id(district[0])
    ash = rows["ash"]
    assert [ash.text(k) for k in ("baseline_pct_proficient", "post_pct_proficient", "progress_rating",
                                  "data_quality_score")] == ["41.3", "78.0", "met goal", "100.0"]
    assert ash.text("goal") == "By June, 70% of grade 7 students proficient on ratios."
    assert ash.text("run_chart_signal") == "No sign of change yet: ordinary variation so far"
    oak = rows["oak"]
    assert oak.text("baseline_pct_proficient") == "≤5%"  # coded in summary.json: coded here
    assert oak.text("run_chart_signal") == ABSENT and oak.text("data_quality_score") == ABSENT
    assert rows["elm"].text("post_pct_proficient") == ABSENT and rows["elm"].text("progress_rating") == ABSENT
    fir = rows["fir"]
    assert all(fir.text(k) == ABSENT for k in ("goal", "baseline_pct_proficient", "run_chart_signal"))
    yew = rows["yew"]  # a team-view summary.json never feeds a shared index
    assert yew.text("baseline_pct_proficient") == ABSENT and yew.text("goal") == ABSENT


def test_unexpected_shapes_in_summary_json_read_as_absent(tmp_path: Path) -> None:
    out = tmp_path / "exports"
    _export(out, "team", {"odd": {"audience": "team", "data_driver": ["not", "a", "record"],
                                  "researcher": {"verdict": None}, "collection": {"quality": "n/a"}}})
    (row,) = district_rows(out, "team", [_outcome("odd", "Odd")], NOTEBOOKS)
    assert {k: row.text(k) for k in ("goal", "baseline_pct_proficient", "run_chart_signal", "data_quality_score")} \
        == dict.fromkeys(("goal", "baseline_pct_proficient", "run_chart_signal", "data_quality_score"), ABSENT)


def test_reports_are_linked_by_the_notebooks_own_titles(district) -> None:
    rows = _by_id(district[0])
    assert [r.title for r in rows["ash"].reports] == ["Data Analyst", "Goal Setter", "Researcher",
                                                      "Inquiry Cycle Snapshot"]
    assert rows["ash"].reports[0].href == "ash/12_data_analyst.html"
    assert rows["ash"].reports[0].full_title == "Data Analyst: where exactly are our students?"
    assert rows["elm"].text("reports").split("; ")[1] == "Goal Setter (failed)"


def test_every_report_is_titled_by_the_header_it_prints(tmp_path: Path) -> None:
    """One place for a title: the text each notebook passes to report.header()."""
    titles = report_titles(NOTEBOOKS)
    assert len(titles) >= 19
    for stem, title in titles.items():
        source = "\n".join(c.source for c in nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4).cells
                           if c.cell_type == "code")
        assert f'report.header("{title.full}")' in source, stem
        assert title.short and ":" not in title.short
    assert titles["13_goal_setter"].short == "Goal Setter"
    assert report_title(NOTEBOOKS, "99_gone").short == "Gone"  # a report whose notebook is not at hand
    plain = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Probe: a notebook without a header")])
    nbformat.write(plain, tmp_path / "50_probe.ipynb")
    assert report_title(tmp_path, "50_probe").short == "Probe"


def test_rows_are_ordered_needing_attention_first(district) -> None:
    assert [r.team_id for r in district[0]] == ["elm", "fir", "oak", "ash", "yew"]


# -- the page and the CSV ------------------------------------------------------------------------

def table_records(html: str) -> list[dict[str, str]]:
    """The index's table read back into CSV records (what a reader sees in each cell)."""
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("table", id="district-table")
    assert [th["data-column"] for th in table.thead.find_all("th")] == [c.key for c in COLUMNS]
    records = []
    for tr in table.tbody.find_all("tr"):
        cell = {c["data-column"]: c for c in tr.find_all(["th", "td"], recursive=False)}
        missing = cell["files_missing"]
        reports = [li.get_text(" ", strip=True) for li in cell["reports"].select("ul.reports > li")
                   if not li.find("a", class_="summary")]
        records.append({
            "team": cell["team"].find(class_="team-name").get_text(), "team_id": cell["team"].find(class_="team-id").get_text(),
            **{k: cell[k].get_text(strip=True) for k in ("goal", "baseline_pct_proficient", "post_pct_proficient",
                                                         "progress_rating", "run_chart_signal", "data_quality_score")},
            "files_missing": missing.find(class_="count").get_text(),
            "missing_files": "; ".join(li.get_text() for li in missing.select("ul.missing li")),
            "status": cell["status"].find(class_="badge").get_text(),
            "status_detail": cell["status"].find(class_="status-detail").get_text(),
            "reports": "; ".join(reports),
        })
    return records


def csv_records(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_csv_says_exactly_what_the_table_says(district) -> None:
    rows, _out = district
    csv_text = district_csv(rows)
    assert csv_text.splitlines()[0].split(",") == list(CSV_FIELDS)
    assert table_records(render_index("Test District", "public", rows)) == csv_records(csv_text)
    oak = next(r for r in csv_records(csv_text) if r["team_id"] == "oak")
    assert oak["status"] == "Files missing" and oak["files_missing"] == "3"


def test_amber_and_red_rows_are_marked_in_colour_and_in_words(district) -> None:
    soup = BeautifulSoup(render_index("Test District", "public", district[0]), "html.parser")
    row = {tr["data-team"]: tr for tr in soup.select("#district-table tbody tr")}
    assert "state-amber" in row["oak"]["class"] and row["oak"].find(class_="badge-amber").get_text() == "Files missing"
    assert "state-green" in row["ash"]["class"] and "state-red" in row["fir"]["class"]
    assert "state-red" in row["elm"]["class"]
    details = row["oak"].find("details")
    assert details["title"] == "processes; pdsa; surveys" and details.summary.get_text(" ", strip=True).startswith("3")


def test_the_table_is_sortable_without_outside_scripts_and_readable_without_any(district) -> None:
    html = render_index("Test District", "public", district[0])
    soup = BeautifulSoup(html, "html.parser")
    headings = soup.select("#district-table thead th")
    sortable = {th["data-column"]: th["data-sort-type"] for th in headings if th.has_attr("data-sort-type")}
    assert sortable["baseline_pct_proficient"] == "number" and sortable["team"] == "text"
    assert "reports" not in sortable
    assert [th["data-column"] for th in headings if th.has_attr("aria-sort")] == ["status"]  # the printed order
    assert not soup.select("thead button")  # buttons only when the script runs
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and not scripts[0].has_attr("src") and "aria-sort" in scripts[0].string
    assert not re.findall(r"(?:src|href)=[\"']https?:", html)
    cells = soup.select("#district-table tbody tr")[0].find_all(["th", "td"], recursive=False)
    assert all(c.has_attr("data-sort") for c, column in zip(cells, COLUMNS, strict=True) if column.sort)


def test_user_text_is_escaped(tmp_path: Path) -> None:
    out = tmp_path / "exports"
    attack = "<script>document.title='PWNED'</script>"
    _export(out, "team", {"t": _summary("team", 1.0, 2.0, statement=f"Grow {attack} & more")})
    rows = district_rows(out, "team", [_outcome("t", "<img src=x onerror=alert(1)>")], NOTEBOOKS)
    html = render_index("<b>District</b>", "team", rows)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("img") and not soup.find("b", string="District")
    assert [s for s in soup.find_all("script") if "PWNED" in (s.string or "")] == []
    assert f"Grow {attack} & more" in soup.get_text()
    assert "'=1+1" in district_csv([dataclasses.replace(rows[0], goal="=1+1")])  # no formula for Excel


# -- the rendered sample district ----------------------------------------------------------------

def _expected(summary: dict[str, Any]) -> dict[str, Any]:
    goal = (summary.get("data_driver") or {}).get("goal") or {}
    verdict = (summary.get("researcher") or {}).get("verdict") or {}
    return {
        "goal": goal.get("statement"), "baseline_pct_proficient": goal.get("pre_pct_proficient"),
        "post_pct_proficient": goal.get("post_pct_proficient"),
        "progress_rating": (summary.get("data_driver") or {}).get("progress_rating"),
        "run_chart_signal": verdict.get("headline"),
        "data_quality_score": ((summary.get("collection") or {}).get("quality") or {}).get("overall_score"),
    }


def _as_shown(value: Any) -> str:
    if value is None:
        return ABSENT
    return f"{value:.1f}" if isinstance(value, float) else str(value)


@pytest.fixture(scope="module", params=["team", "public"])
def sample_export(request, tmp_path_factory) -> Path:
    """The sample district's export folder (the shared render; DATADRIVER_TEST_EXPORTS reads another)."""
    from datadriver_utils.privacy.rules import Audience
    from tests.rendered import render_sample

    out = render_sample(tmp_path_factory, Audience(request.param))
    assert (out / "index.html").is_file(), "the sample district did not render (see the batch's messages)"
    return out


@pytest.mark.notebooks
def test_sample_index_rows_equal_each_teams_summary_json(sample_export) -> None:
    from datadriver_utils.contract.team import list_teams
    from tests.conftest import SAMPLE_DATA

    out = sample_export
    records = table_records((out / "index.html").read_text(encoding="utf-8"))
    assert sorted(r["team_id"] for r in records) == sorted(list_teams(SAMPLE_DATA))
    for record in records:
        summary = json.loads((out / record["team_id"] / "summary.json").read_text(encoding="utf-8"))
        expected = {k: _as_shown(v) for k, v in _expected(summary).items()}
        assert {k: record[k] for k in expected} == expected, record["team_id"]
        assert record["baseline_pct_proficient"] != ABSENT and record["goal"] != ABSENT  # the sample has goals
    assert any(r["run_chart_signal"] != ABSENT for r in records)
    assert any(r["data_quality_score"] != ABSENT for r in records)


@pytest.mark.notebooks
def test_sample_oak_is_amber_with_its_missing_files(sample_export) -> None:
    from datadriver_utils.contract.team import load_team
    from tests.conftest import SAMPLE_DATA

    out = sample_export
    missing = list(load_team(SAMPLE_DATA, "oak-middle-science").missing)
    assert len(missing) >= 5
    records = {r["team_id"]: r for r in table_records((out / "index.html").read_text(encoding="utf-8"))}
    oak = records["oak-middle-science"]
    assert oak["status"] == "Files missing" and oak["files_missing"] == str(len(missing))
    assert oak["missing_files"] == "; ".join(missing)
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "state-amber" in soup.find("tr", attrs={"data-team": "oak-middle-science"})["class"]
    complete = [r for r in records.values() if r["files_missing"] == "0"]
    assert complete and all(r["status"] == "Complete" for r in complete)
    assert "Data Analyst" in oak["reports"].split("; ") and "Goal Setter" in oak["reports"].split("; ")


@pytest.mark.notebooks
def test_sample_csv_equals_the_index(sample_export) -> None:
    out = sample_export
    raw = (out / "district_summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the dashes and codes as UTF-8
    assert csv_records(raw.decode("utf-8")) == table_records((out / "index.html").read_text(encoding="utf-8"))


# -- a real browser ------------------------------------------------------------------------------

@pytest.mark.browser
def test_clicking_a_heading_sorts_the_rows(district, tmp_path: Path) -> None:
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e .[test])")
    from playwright.sync_api import sync_playwright

    from datadriver_utils.batch.pdf import CHROMIUM_ARGS, CHROMIUM_ENV, find_chromium

    chromium = find_chromium()
    if chromium is None:
        pytest.skip(f"Chromium is not installed (apt-get install chromium, or set {CHROMIUM_ENV})")
    page_file = tmp_path / "index.html"
    page_file.write_text(render_index("Test District", "public", district[0]), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())

            def order() -> list[str]:
                return page.eval_on_selector_all("#district-table tbody tr", "rows => rows.map(r => r.dataset.team)")

            assert order() == ["elm", "fir", "oak", "ash", "yew"]
            baseline = page.locator("th[data-column=baseline_pct_proficient] button")
            baseline.click()  # ≤5% sorts at 5; teams without a value last, whichever the direction
            assert order() == ["oak", "elm", "ash", "fir", "yew"]
            assert page.get_attribute("th[data-column=baseline_pct_proficient]", "aria-sort") == "ascending"
            baseline.click()
            assert order() == ["ash", "elm", "oak", "fir", "yew"]
            assert page.get_attribute("th[data-column=baseline_pct_proficient]", "aria-sort") == "descending"
            assert page.get_attribute("th[data-column=status]", "aria-sort") is None
            page.locator("th[data-column=team] button").click()
            assert order() == ["ash", "elm", "fir", "oak", "yew"]
            assert "Sorted by Team" in page.inner_text("#sort-status")
            page.locator("th[data-column=team] button").focus()
            page.keyboard.press("Enter")  # a button: the keyboard sorts too
            assert order() == ["yew", "oak", "fir", "elm", "ash"]
            plain = browser.new_context(java_script_enabled=False).new_page()
            plain.goto(page_file.as_uri())  # without scripts: the printed order, no dead buttons
            assert plain.locator("thead button").count() == 0 and not plain.locator("#sort-hint").is_visible()
            assert plain.eval_on_selector_all("#district-table tbody tr", "rows => rows.map(r => r.dataset.team)") \
                == ["elm", "fir", "oak", "ash", "yew"]
        finally:
            browser.close()
