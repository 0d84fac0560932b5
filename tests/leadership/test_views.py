"""Views of notebooks 30-33 and 40 on the sample district: the figures they publish, what they show
to whom, and their live forms.

The figures are the sample's planted stories (datadriver_utils/sample/teacher_leadership.py), worked out by
hand: maple's five teachers each have two complete cycles, rising by 25, 29, 12, 14 and 25 points
(mean 105 / 5 = 21.0); the four blue dots rise by 25, 14, 25 and 12 (mean 76 / 4 = 19.0); the
learning group's trust is favourable in 8 of 24 answers in 2025-09 (33.3%) and 13 of 22 in 2026-03
(59.1%); six peers answer the peer survey (student learning 10 of 12 = 83.3%, practice 16 of 18 =
88.9%).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd
import pytest

from datadriver_utils.batch import packets as packet_module
from datadriver_utils.batch.packets import PacketFormatError, register_packet_converter, write_packets
from datadriver_utils.batch.share_package import export_share_package
from datadriver_utils.contract.team import load_team
from datadriver_utils.leadership import (
    classroom_improvement,
    credential_portfolio,
    peer_classrooms,
    scaling,
    student_learning_cycles,
)
from datadriver_utils.notebook.needs import MissingData
from datadriver_utils.notebook.report import Report, open_report
from datadriver_utils.privacy.release import summary_context
from datadriver_utils.workshop.records import team_records
from tests.conftest import SAMPLE_DATA

MAPLE, RIVER, CEDAR, OAK = "maple-elementary-g3", "river-middle-g7-math", "cedar-elementary-k2", "oak-middle-science"
NAMES = ("Jasmine", "Ortiz", "Ben Carter", "Mei Chen", "Tariq", "Daniel Brooks", "Aisha", "Grace Kim")


def report(team: str = MAPLE, audience: str = "team", data: Path = SAMPLE_DATA) -> Report:
    """A report on the team; on the committed sample (never written to) each is opened once."""
    return _sample_report(team, audience) if data == SAMPLE_DATA else open_report(data, team, audience, None)


@functools.cache
def _sample_report(team: str, audience: str) -> Report:
    return open_report(SAMPLE_DATA, team, audience, None)


def published(module, rep: Report) -> dict:
    return module.summary(rep).to_json(summary_context(rep.rules, rep.audience))


def test_cycles_summary_for_maple_and_beyond_the_team() -> None:
    found = published(student_learning_cycles, report())
    assert (found["n_teachers"], found["n_cycles"], found["n_complete_cycles"], found["n_teachers_two_complete"]) \
        == (5, 10, 10, 5)
    assert (found["rule_followed"], found["rule_broken"], found["rule_pending"]) == (5, 0, 0)
    assert found["mean_change"] == 21.0 and found["n_teachers_improved"] == 5
    assert found["tool_cycles"] == {"tally": 4, "seating map": 4, "scripting": 2}
    jasmine = next(t for t in found["teachers"] if t["teacher"] == "Jasmine Ortiz")
    assert (jasmine["first_pct"], jasmine["latest_pct"], jasmine["change"]) == (42.0, 71.0, 29.0)
    district = published(student_learning_cycles, report(audience="district"))
    assert district["teachers"] is None and district["mean_change"] is None  # 5 teachers < 10


def test_river_counts_the_live_capture_and_cedar_breaks_the_rule() -> None:
    river = published(student_learning_cycles, report(RIVER))
    assert (river["n_cycles"], river["n_complete_cycles"], river["captures_left_out"]) == (4, 2, 0)
    assert river["rule_followed"] == 2 and river["rule_pending"] == 0  # both cycle 2s keep their question
    cedar = published(student_learning_cycles, report(CEDAR))
    assert cedar["rule_broken"] == 1 and cedar["mean_change"] is None  # a new question is not compared
    shown = student_learning_cycles.rule(report(CEDAR))
    assert any("breaks the rule" in n for n in shown.notices)


def test_peer_classrooms_summary() -> None:
    found = published(peer_classrooms, report())
    assert (found["n_visitors"], found["n_crafted"], found["n_collected"], found["n_visitors_three_sets"]) \
        == (5, 10, 10, 1)
    assert (found["n_videos"], found["n_facilitation_answers"]) == (2, 3)
    shares = {c["construct"]: c["first_pct_favourable"] for c in found["peer_impact"]["constructs"]}
    assert shares == {"student learning": 83.3, "practice": 88.9}
    river = published(peer_classrooms, report(RIVER))
    assert river["peer_impact"]["administrations"][0]["n_band"] == "fewer than 4"
    assert all(c["first_pct_favourable"] is None for c in river["peer_impact"]["constructs"])


def test_scaling_summary() -> None:
    found = published(scaling, report())
    assert found["leader"] == "Jasmine Ortiz"
    assert [found[k] for k in ("n_blue", "n_yellow", "n_round_1", "n_round_2", "n_other_visits")] == [4, 8, 6, 8, 1]
    assert (found["first_visit"], found["last_visit"]) == ("2025-09-23", "2026-02-10")
    assert (found["n_sheets"], found["n_peers_with_change"], found["mean_change"]) == (8, 4, 19.0)
    trust = next(c for c in found["culture"]["constructs"] if c["construct"] == "trust")
    assert (trust["first_pct_favourable"], trust["latest_pct_favourable"], trust["pct_favourable_change"]) \
        == (33.3, 59.1, 25.8)
    assert (found["culture_months_apart"], found["culture_about_six_months"]) == (6, True)
    assert (found["meetings_group_5"], found["meetings_group_13"]) == (2, 2)
    confidence = {c["construct"]: c["first_pct_favourable"] for c in found["confidence"]["constructs"]}
    assert confidence == {"observing student learning": 79.2, "facilitating peer reflection": 41.7}
    assert (found["n_presentation_artifacts"], found["synopsis_written"]) == (2, False)
    public = published(scaling, report(audience="public"))
    assert public["leader"] is None and public["mean_change"] is None and public["n_blue"] == 4


def test_classroom_improvement_summary() -> None:
    found = published(classroom_improvement, report())
    assert (found["n_plans"], found["n_plans_in_window"]) == (1, 1)
    assert found["plans"][0]["construct"] == "feedback" and found["plans"][0]["reflection_written"] is True
    assert (found["n_presenting"], found["n_facilitating"], found["n_pdsa_tests"], found["n_complete_tests"]) \
        == (1, 1, 2, 2)
    assert (found["run_chart_points"], found["run_chart_annotated"]) == (24, True)
    assert (found["share_files"], found["share_left_out"]) == (6, 1)
    cedar = published(classroom_improvement, report(CEDAR))
    assert (cedar["n_plans"], cedar["n_plans_in_window"], cedar["run_chart_points"]) == (1, 0, 11)


def test_portfolio_summary() -> None:
    found = published(credential_portfolio, report())
    assert (found["n_candidates"], found["n_credentials"], found["captures_left_out"]) == (3, 16, 0)
    jasmine = next(c for c in found["candidates"] if c["candidate"] == "Jasmine Ortiz")
    assert (jasmine["n_complete"], jasmine["n_partial"], jasmine["n_not_started"]) == (15, 1, 0)
    assert jasmine["credentials"]["sharing_learning"] == "partial"
    counts = {c["credential_id"]: c for c in found["by_credential"]}
    assert counts["focusing_on_student_learning"]["complete"] == 3
    district = published(credential_portfolio, report(audience="district"))
    assert district["candidates"] is None and district["by_credential"] is None  # 3 candidates < 10


VIEWS = [
    (student_learning_cycles, ("cycles", "rule", "tools", "change")),
    (peer_classrooms, ("common_aim", "collecting", "facilitation", "peer_feedback")),
    (scaling, ("network", "impact", "culture", "building_skills", "sharing")),
    (classroom_improvement, ("student_voice", "student_work", "pdsa", "run_chart", "share_package")),
    (credential_portfolio, ("registry", "overview", "evidence", "packets")),
]


def test_no_teacher_name_leaves_the_team() -> None:
    """Every view and summary for the district (the public reports are checked end to end in
    tests/e2e/test_audiences.py)."""
    audience = "district"
    for team in (MAPLE, RIVER):
        rep = report(team, audience)
        for module, views in VIEWS:
            for name in views:
                html = getattr(module, name)(rep)._repr_html_()
                html = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", html)
                leaked = [n for n in NAMES if n in html]
                assert not leaked, f"{module.__name__}.{name} shows {leaked} to {audience}"
            text = str(module.summary(rep).to_json(summary_context(rep.rules, rep.audience)))
            assert not [n for n in NAMES if n in text], module.__name__


def test_oak_says_what_each_view_needs() -> None:
    rep = report(OAK)
    needs = {name: getattr(module, name)(rep) for module, views in VIEWS for name in views}
    for name in ("cycles", "rule", "tools", "change", "common_aim", "network", "student_voice", "pdsa",
                 "share_package"):
        assert isinstance(needs[name], MissingData), name
    assert needs["tools"].missing == ["tallies", "seating_maps", "scripts"]


def test_the_team_sees_the_network_and_the_timeline() -> None:
    network = scaling.network(report())
    assert network.figure is not None and network.tables["visits"]["round"].tolist().count(2) == 8
    voice = classroom_improvement.student_voice(report(CEDAR))
    assert voice.tables["plans"]["in_window"].tolist() == ["no"]
    assert any("ends (2026-02-13) on or after the second administration" in n for n in voice.notices)


# -- live forms ------------------------------------------------------------------------------------

def test_the_cycle_form_refuses_a_bad_record_and_saves_a_good_one(sample_copy: Path) -> None:
    rep = report(OAK, data=sample_copy)
    box = student_learning_cycles.cycle_form(rep, "Ruth Adeyemi").controls["box"]
    fields = box.controls
    fields["cycle"].value, fields["question"].value, fields["date"].value = "1", "Who explains?", "2025-31-12"
    fields["save"].click()
    assert "Not saved" in box.status.value and "column &#x27;date&#x27;" in box.status.value
    assert not (sample_copy / "teams" / OAK / "responses").exists()
    fields["date"].value, fields["tool"].value = "2025-12-01", "tally"
    fields["save"].click()
    assert "Saved 1 row" in box.status.value
    assert published(student_learning_cycles, rep)["n_cycles"] == 1


def test_tally_sheet_and_seating_chart_save_rows(sample_copy: Path) -> None:
    rep = report(OAK, data=sample_copy)
    tally = student_learning_cycles.tally_sheet(rep, "Ruth Adeyemi", 1, ("explains", "not yet"), 5)
    for name in ("explains", "explains", "not yet"):
        tally.controls[name].click()
    tally.controls["next"].click()
    tally.controls["explains"].click()
    tally.controls["save"].click()
    assert "Saved 4 row(s)" in tally.status.value
    seats = student_learning_cycles.seating_chart(rep, "Ruth Adeyemi", 1, seat_rows=2, seat_columns=2)
    seats.controls[(1, 1)].click()
    seats.controls[(2, 2)].click()
    seats.controls[(2, 2)].click()
    seats.controls["save"].click()
    team = load_team(sample_copy, OAK)
    tallies = team_records(team, "tallies").frame
    assert tallies.groupby(["minute", "category"])["count"].sum().to_dict() == {
        (0, "explains"): 2, (0, "not yet"): 1, (5, "explains"): 1, (5, "not yet"): 0}
    assert team_records(team, "seating_maps").frame["count"].tolist() == [1, 0, 0, 2]
    shown = student_learning_cycles.tools(rep)
    assert shown.tables["seat coverage"]["pct_seen"].tolist() == [50.0]


# -- exports -------------------------------------------------------------------------------------------

def student_ids(team_id: str) -> set[str]:
    return set(pd.read_csv(SAMPLE_DATA / "teams" / team_id / "students.csv", dtype=str)["student_id"])


def test_the_share_package_holds_no_student_identifier(tmp_path: Path) -> None:
    folder = export_share_package(load_team(SAMPLE_DATA, MAPLE), tmp_path)
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["README.txt", "evidence-routine.txt", "exit-ticket.txt", "lessons-learned.txt", "pdsa.csv",
                     "run_chart.csv", "run_chart.png"]
    text = " ".join(p.read_text(errors="replace") for p in folder.iterdir() if p.suffix != ".png")
    assert not student_ids(MAPLE) & set(re.findall(r"\d{3,}", text))
    assert "grouping-list.csv (student work): has a column that identifies students" in (folder / "README.txt").read_text()
    assert "plan" not in pd.read_csv(folder / "pdsa.csv").columns
    export_share_package(load_team(SAMPLE_DATA, MAPLE), tmp_path)  # a second export replaces the first
    assert [p.name for p in tmp_path.iterdir()] == ["share-package"]


def test_packets_hold_one_credential_each(tmp_path: Path) -> None:
    written = write_packets(load_team(SAMPLE_DATA, MAPLE), tmp_path, people=["Jasmine Ortiz"])
    assert len(written) == 16 and {p.status for p in written} == {"complete", "partial"}
    page = (tmp_path / MAPLE / "packets" / "jasmine-ortiz" / "sharing_learning.html").read_text()
    assert "Draft" in page and "presentation_synopsis" in page and "Riverbend teaching conference" in page
    assert "Eight reflection sheets" not in page and "Student Learning Question" not in page
    for packet in written:
        text = packet.files[0].read_text()
        assert not student_ids(MAPLE) & set(re.findall(r"\d{3,}", text)), packet.credential_id


def test_packets_hide_small_grades_and_take_other_formats(sample_copy: Path, tmp_path: Path) -> None:
    district = sample_copy / "district.yml"
    district.write_text(district.read_text().replace("min_group_size: 10", "min_group_size: 100"))
    team = load_team(sample_copy, OAK)
    with pytest.raises(PacketFormatError, match="docx"):
        write_packets(team, tmp_path, formats=("html", "docx"))
    assert not (tmp_path / OAK).exists()
    register_packet_converter("txt", lambda html: html.with_suffix(".txt"))
    try:
        written = write_packets(team, tmp_path, formats=("html", "txt"))
    finally:
        packet_module.PACKET_CONVERTERS.pop("txt")
    assert [(p.credential_id, [f.suffix for f in p.files]) for p in written] == [("data_driver", [".html", ".txt"])]
    page = written[0].files[0].read_text()
    assert "* hidden: fewer than 100 students" in page


def test_pdf_packets_are_printed_by_the_batch_pdf_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The "pdf" format hands each written HTML packet to batch.pdf.write_pdf (Chromium is faked here;
    tests/batch covers real printing)."""
    from datadriver_utils.batch import pdf

    printed: list[Path] = []

    def fake_write_pdf(parts, out_path):  # noqa: ANN001, ANN202
        assert all(Path(p).is_file() for p in parts)  # the HTML is on disk before it is printed
        printed.append(out_path)
        out_path.write_bytes(b"%PDF-1.7")
        return pdf.PdfWritten(out_path, 1)

    monkeypatch.setattr(pdf, "write_pdf", fake_write_pdf)
    written = write_packets(load_team(SAMPLE_DATA, OAK), tmp_path, formats=("html", "pdf"))
    assert [p.files[1].name for p in written] == ["data_driver.pdf"] and printed == [written[0].files[1]]


def test_an_action_button_says_what_it_wrote_or_why_not() -> None:
    from datadriver_utils.errors import DataDriverError
    from datadriver_utils.leadership._shared import action_button

    box = action_button("Build", "file", "build", "Not built:", lambda: "2 packet(s) written <here>.")
    box.controls["build"].click()
    assert box.status.value == "2 packet(s) written &lt;here&gt;."

    def refuse() -> str:
        raise DataDriverError("the folder <x> is read-only")

    box = action_button("Build", "file", "build", "Not built:", refuse)
    box.controls["build"].click()
    assert box.status.value == "<b>Not built:</b> the folder &lt;x&gt; is read-only"
