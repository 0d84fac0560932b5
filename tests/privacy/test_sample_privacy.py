"""The privacy fixes of issue 10 pinned on the sample district, in process (no papermill).

* Cedar's public subgroup table: the "≤5%" of 18 English learners that said "none" is hidden,
  with its complement; the district still sees the numbers; summary.json and charts agree with
  the tables cell by cell.
* Classroom sections: team only, unless district.yml opts the district in; never public.
* Survey respondent ids: in no audience's data-quality flags.
* Staff self-ratings: the District Data Team's Module 1 profiles reach the district and the public
  under the staff minimum (3), and stay inside the team when it is raised above the raters.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from datadriver_utils.notebook.report import open_report
from datadriver_utils.privacy.coding import COMPLEMENT, SHOWN, WITHHELD
from datadriver_utils.privacy.release import SECTIONS_NOTE, summary_context, value_status
from datadriver_utils.stats.proficiency import RESULT_COLUMNS, subgroup_results
from datadriver_utils.strands import analyst, snapshot
from datadriver_utils.toolkit import collection, orientation, vision
from tests.conftest import SAMPLE_DATA

CEDAR, RIVER, DDT = "cedar-elementary-k2", "river-middle-g7-math", "district-data-team"


def subgroup_table(audience: str) -> pd.DataFrame:
    result = analyst.subgroups(open_report(SAMPLE_DATA, CEDAR, audience))
    return next(p for p in result.parts if hasattr(p, "shown")).shown.set_index(["Student group", "Value"])


def test_cedar_english_learners_are_no_longer_recoverable_in_public() -> None:
    public = subgroup_table("public")
    # before: Y 18 "≤5%" beside N 98 "19.4%" (and 19 proficient in all): 0 recovered
    assert public.loc[("English learner", "Y")].tolist() == ["18", "45.9%", "*"]
    assert public.loc[("English learner", "N")].tolist() == ["98", "55.6%", "*"]
    assert public.loc[("Race/ethnicity", "Asian"), "% proficient"] == "*"  # 0 of 11: "≤5%" said none
    assert public.loc[("Special education", "Y"), "% proficient"] == "5.3%"  # 1 of 19: nothing to hide
    district = subgroup_table("district")
    assert district.loc[("English learner", "Y"), "% proficient"] == "0.0%"
    assert district.loc[("English learner", "N"), "% proficient"] == "19.4%"


def test_cedar_statuses_say_why() -> None:
    report = open_report(SAMPLE_DATA, CEDAR, "public")
    team = report.team
    frame = subgroup_results(team.assessments, team.students, analyst.team_cut(report))
    status = value_status(frame, "n", RESULT_COLUMNS[1:], report.rules, "public", group_cols=["group"])
    el = frame["group"].eq("ell").to_numpy()
    assert dict(zip(frame.loc[el, "category"], status.loc[el, "pct_proficient"])) == {"N": COMPLEMENT, "Y": WITHHELD}
    assert (status.loc[el, "mean_pct"] == SHOWN).all()


@pytest.mark.parametrize("team_id", [CEDAR, RIVER, "summit-high-algebra", "maple-elementary-g3", DDT])
@pytest.mark.parametrize("audience", ["district", "public"])
def test_summary_json_releases_what_the_tables_release(team_id: str, audience: str) -> None:
    report = open_report(SAMPLE_DATA, team_id, audience)
    published = analyst.summary(report).to_json(summary_context(report.rules, audience))
    table = next(p for p in analyst.results(report, "grade").parts if hasattr(p, "shown")).shown
    for record, (_, row) in zip(published["by_grade"], table.iterrows(), strict=True):
        for field, column in (("pct_proficient", "% proficient"), ("mean_pct", "Mean % correct")):
            shown, value = row[column], record[field]
            if shown == "*":
                assert value is None
            elif shown.startswith(("≤", "≥")):
                assert value == shown
            else:
                assert f"{value:.1f}%" == shown
    gains = snapshot.summary(report).to_json(summary_context(report.rules, audience))
    grade_table = next(p for p in snapshot.grade_table(report).parts if hasattr(p, "shown")).shown
    for record, (_, row) in zip(gains["by_grade"], grade_table.iterrows(), strict=True):
        assert (record["gain_pct_points"] is None) == (row["Gain (points)"] == "*")


def with_district(sample_copy: Path, **settings: object) -> Path:
    path = sample_copy / "district.yml"
    district = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**district, **settings}), encoding="utf-8")
    return sample_copy


def section_names(report) -> set[str]:
    return set(report.team.students["section"].dropna())


def test_sections_stay_with_the_team_unless_the_district_opts_in(sample_copy: Path) -> None:
    for audience in ("district", "public"):
        report = open_report(SAMPLE_DATA, CEDAR, audience)
        html = analyst.results(report, "section")._repr_html_() + analyst.discrepancy(report)._repr_html_()
        assert SECTIONS_NOTE in html and not any(s in html for s in section_names(report))  # 1-Rm4 ...
        assert analyst.summary(report).discrepancy.sections == []
    team = open_report(SAMPLE_DATA, CEDAR, "team")
    assert "1-Rm4" in analyst.results(team, "section")._repr_html_()
    opted = with_district(sample_copy, show_sections_to_district=True)
    district = open_report(opted, CEDAR, "district")
    assert "1-Rm4" in analyst.results(district, "section")._repr_html_()
    assert [s.class_section for s in analyst.summary(district).discrepancy.sections][:1] == ["1-Rm3"]
    public = open_report(opted, CEDAR, "public")
    assert "1-Rm4" not in analyst.results(public, "section")._repr_html_()  # never public


def test_no_respondent_id_in_data_quality_flags_of_any_audience() -> None:
    respondents = set(pd.read_csv(SAMPLE_DATA / "teams" / CEDAR / "surveys.csv", dtype=str)["respondent"])
    for audience in ("team", "district", "public"):
        report = open_report(SAMPLE_DATA, CEDAR, audience)
        html = collection.quality_flags(report)._repr_html_()
        found = collection.summary(report).to_json()["quality"]["flags"]
        assert not {r for r in respondents if f">{r}<" in html}
        assert not respondents & {f.get("person_id") for f in found} and not respondents & {f["value"] for f in found}
    team = collection.summary(open_report(SAMPLE_DATA, CEDAR, "team")).to_json()["quality"]["flags"]
    survey_rows = [f for f in team if f["file"] == "surveys.csv"]
    assert survey_rows and all(f["person_id"] is None for f in survey_rows)  # the row number finds it
    assert any(f["person_id"] for f in team if f["file"] == "students.csv")  # students stay, for the team


def test_the_district_data_team_self_ratings_reach_the_district(sample_copy: Path) -> None:
    for audience in ("district", "public"):
        report = open_report(SAMPLE_DATA, DDT, audience)
        functions = orientation.summary(report).to_json()["functions"]
        assert not any(f["suppressed"] for f in functions) and functions[0]["mean"] is not None
        assert "functions" in orientation.team_self_assessment(report).tables
        assert vision.summary(report).to_json()["barriers"]["suppressed"] is False
        assert collection.summary(report).to_json()["self_assessment"][0]["suppressed"] is False
    cautious = with_district(sample_copy, min_staff_group_size=10)
    report = open_report(cautious, DDT, "district")
    assert all(f["suppressed"] for f in orientation.summary(report).to_json()["functions"])
    assert "fewer than 10 members rated it" in orientation.team_self_assessment(report)._repr_html_()
