"""Each source, imported from its documented fixture and its trap fixture, row by row against the
hand computations written in tests/data/imports/make_fixtures.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from datadriver_utils.errors import ImportRefusedError
from tests.importers.helpers import digest, fixture, import_into, scores, table

F24, W24, S24 = "fall 2024-2025", "winter 2024-2025", "spring 2024-2025"


def _reasons(outcome) -> list[tuple[str, int | None, str | None]]:
    return [(p.file, p.row, p.column) for p in outcome.plan.unusable]


# ----------------------------------------------------------------------------- NWEA MAP
def test_map_documented(tmp_path: Path):
    files = fixture("nwea-map", "documented", "AssessmentResults.csv", "StudentsBySchool.csv")
    before = digest(files)
    outcome = import_into(tmp_path, "nwea-map", files)
    assert digest(files) == before  # inputs never touched
    assert scores(outcome) == {
        ("00101", F24): 190, ("00101", W24): 195, ("00101", S24): 200, ("00102", F24): 180, ("00102", S24): 186,
        ("00103", F24): 200, ("00103", W24): 205, ("00103", S24): 212, ("00104", F24): 210, ("00104", S24): 214}
    assert scores(outcome, "Geometry")[("00104", F24)] == 208
    assert scores(outcome, "percentile rank")[("00102", S24)] == 25
    rows = table(outcome, "assessments.csv")
    assert set(rows["score_type"]) == {"scale", "percentile"} and set(rows["points_possible"]) == {""}
    assert len(rows) == 10 * 4  # overall, two goals, percentile per test
    assert rows.loc[0, "date"] == "2024-09-10" and rows.loc[0, "assessment"] == "MAP Growth Mathematics"
    students = table(outcome, "students.csv")
    assert list(students["student_id"]) == ["00101", "00102", "00103", "00104"]  # leading zeros kept
    assert list(students["grade"]) == ["3", "3", "4", "4"] and "Lopez" not in students.to_csv()
    assert outcome.plan.windows == [F24, W24, S24]
    assert not outcome.plan.unusable and not outcome.plan.grade_conflicts


def test_map_traps(tmp_path: Path):
    files = fixture("nwea-map", "traps", "ComboStudentAssessment.csv")
    with pytest.raises(ImportRefusedError, match="several subjects") as refused:
        import_into(tmp_path, "nwea-map", files)
    assert "subject: Mathematics" in str(refused.value)
    mapping = tmp_path / "map.yml"
    mapping.write_text("subject: math\n", encoding="utf-8")
    outcome = import_into(tmp_path, "nwea-map", files, mapping)
    # retests: GrowthMeasureYN TRUE (145) beats a FALSE test with a lower SE; then the lowest SE (149)
    assert scores(outcome) == {("000201", F24): 145, ("000202", F24): 149, ("000203", F24): 160,
                               ("000201", S24): 158, ("000202", S24): 157, ("000203", S24): 171}
    assert scores(outcome, "Geometry")[("000201", F24)] == 146  # drifted Goal1RITScore header read
    students = table(outcome, "students.csv").set_index("student_id")["grade"].to_dict()
    assert students == {"000201": "K", "000202": "K", "000203": "1"}  # 13 and K both mean kindergarten
    # BOM, CRLF, blank row 7: row numbers stay those a spreadsheet shows
    assert _reasons(outcome) == [("ComboStudentAssessment.csv", 2, None), ("ComboStudentAssessment.csv", 4, None),
                                 ("ComboStudentAssessment.csv", 12, "TestRitScore")]
    assert any("Reading" in note for note in outcome.plan.notes)


# ----------------------------------------------------------------------------- Renaissance Star
def test_star_documented(tmp_path: Path):
    files = fixture("renaissance-star", "documented", "SR_v2.csv", "SR_Dashboard_Standards_v2.csv")
    outcome = import_into(tmp_path, "renaissance-star", files)
    fall, winter, spring = "fall 2023-2024", "winter 2023-2024", "spring 2023-2024"
    assert scores(outcome) == {("0701", fall): 900, ("0701", winter): 930, ("0701", spring): 960,
                               ("0702", fall): 850, ("0702", spring): 870, ("0703", fall): 1000,
                               ("0703", winter): 1010, ("0703", spring): 1040}
    mastery = table(outcome, "assessments.csv")
    mastery = mastery[mastery["score_type"] == "percent"]
    assert len(mastery) == 12 and set(mastery["points_possible"]) == {"100"}
    assert scores(outcome, "4.RL.2")[("0702", spring)] == 870 // 20 + 10
    students = table(outcome, "students.csv")
    assert list(students["grade"]) == ["4", "4", "5"] and "@students" not in students.to_csv()
    assert outcome.plan.windows == [fall, winter, spring]


def test_star_traps(tmp_path: Path):
    files = fixture("renaissance-star", "traps", "SM_v2.csv")
    outcome = import_into(tmp_path, "renaissance-star", files, fixture("renaissance-star", "traps", "star.yml")[0])
    fall, spring = "fall 2023-2024", "spring 2023-2024"
    assert scores(outcome) == {("00801", fall): 720, ("00802", fall): 690, ("00803", fall): 710, ("00804", fall): 500,
                               ("00801", spring): 760, ("00802", spring): 740, ("00803", spring): 730}
    assert _reasons(outcome) == [("SM_v2.csv", 2, None), ("SM_v2.csv", 5, "AssessmentStatus"),
                                 ("SM_v2.csv", 9, "StudentStateId")]
    assert any("ScaledScore" in note for note in outcome.plan.notes)
    assert (outcome.team_dir / "mappings" / "renaissance-star.yml").is_file()


# ----------------------------------------------------------------------------- i-Ready
def test_iready_documented(tmp_path: Path):
    outcome = import_into(tmp_path, "iready", fixture("iready", "documented", "diagnostic_results_ela.csv"))
    winter, spring = "winter 2025-2026", "spring 2025-2026"
    assert scores(outcome) == {("605011", winter): 424, ("605012", winter): 480, ("605013", winter): 520,
                               ("605011", spring): 468, ("605012", spring): 500, ("605013", spring): 545}
    assert scores(outcome, "Phonics")[("605011", spring)] == 481
    assert ("605013", winter) not in scores(outcome, "Phonological Awareness")  # blank: not assessed
    assert "Mid On Grade Level" not in set(table(outcome, "assessments.csv")["standard"])
    students = table(outcome, "students.csv").set_index("student_id")
    assert students.loc["605012", "ell"] == "Y" and students.loc["605011", "section"] == "Class 3A"
    assert outcome.plan.windows == [winter, spring]


def test_iready_traps(tmp_path: Path):
    files = fixture("iready", "traps", "diagnostic_results_ela_2026.csv", "diagnostic_results_math.csv")
    outcome = import_into(tmp_path, "iready", files, fixture("iready", "traps", "iready.yml")[0])
    winter, spring = "winter 2025-2026", "spring 2025-2026"
    assert scores(outcome) == {("000611", winter): 380, ("000612", winter): 390, ("000611", spring): 400,
                               ("000612", spring): 410}  # the 1/20 retest beats 1/12; the Math file left out
    phonics = scores(outcome, "Phonics")
    assert ("000611", winter) not in phonics and ("000612", spring) not in phonics  # Not Assessed, Max Score
    assert scores(outcome, "Comprehension: Overall")[("000612", winter)] == 390  # "Reading Comprehension" drift
    assert table(outcome, "students.csv")["grade"].tolist() == ["K", "K"]
    assert _reasons(outcome) == [("diagnostic_results_ela_2026.csv", 2, None)]
    notes = " ".join(outcome.plan.notes)
    assert "Not Assessed" in notes and "Max Score" in notes and "Math left out" in notes


def test_iready_flags_give_pre_and_post(tmp_path: Path):
    mapping = tmp_path / "flags.yml"
    mapping.write_text("windows_from: flags\n", encoding="utf-8")
    outcome = import_into(tmp_path, "iready", fixture("iready", "documented", "diagnostic_results_ela.csv"), mapping)
    assert scores(outcome)[("605011", "pre")] == 424 and scores(outcome)[("605011", "post")] == 468


# ----------------------------------------------------------------------------- item sheet
def test_item_sheet_documented_pre_then_post_appended(tmp_path: Path):
    key, pre, post = fixture("item-sheet", "documented", "key.csv", "answers_pre.csv", "answers_post.csv")
    for window, sheet, mode in (("pre", pre, "refuse"), ("post", post, "append")):
        mapping = tmp_path / f"{window}.yml"
        mapping.write_text(f"window: {window}\nassessment: Ratios unit test\n", encoding="utf-8")
        outcome = import_into(tmp_path, "item-sheet", [key, sheet], mapping, mode=mode)
    rows = table(outcome, "assessments.csv")
    rows["points"] = rows["points"].astype(float)
    totals = rows.groupby(["student_id", "window"])["points"].sum().to_dict()
    assert totals == {("0901", "pre"): 6, ("0902", "pre"): 3, ("0903", "pre"): 2, ("0904", "pre"): 5,
                      ("0901", "post"): 6, ("0902", "post"): 5, ("0903", "post"): 4, ("0904", "post"): 5}
    blank = rows[(rows["student_id"] == "0904") & (rows["window"] == "pre") & (rows["item_id"] == "Q4")].iloc[0]
    assert (blank["points"], blank["response"], blank["key"]) == (0, "", "D")  # a blank answer scores 0
    wrong = rows[(rows["student_id"] == "0902") & (rows["window"] == "pre") & (rows["item_id"] == "Q2")].iloc[0]
    assert (wrong["response"], wrong["key"], wrong["points"]) == ("B", "C", 0)
    points_item = rows[(rows["item_id"] == "Q5") & (rows["student_id"] == "0903") & (rows["window"] == "post")].iloc[0]
    assert (points_item["points"], points_item["points_possible"], points_item["response"]) == (1, "2", "")
    assert len(table(outcome, "students.csv")) == 4 and len(rows) == 2 * 4 * 5


def test_item_sheet_traps(tmp_path: Path):
    files = fixture("item-sheet", "traps", "scanner_export.csv")
    outcome = import_into(tmp_path, "item-sheet", files, fixture("item-sheet", "traps", "sheet.yml")[0])
    rows = table(outcome, "assessments.csv")
    got = {(r.student_id, r.item_id): (r.response, r.points) for r in rows.itertuples()}
    assert got == {("01001", "q1"): ("B", "1"), ("01001", "q2"): ("D", "1"), ("01001", "q3"): ("A", "1"),
                   ("01002", "q1"): ("B", "1"), ("01002", "q2"): ("A", "0")}  # blank q3 skipped
    assert set(rows["standard"]) == {"7.RP.1", "7.RP.2"} and set(rows["assessment"]) == {"Unit 3 check"}
    assert _reasons(outcome) == [("scanner_export.csv", 6, "grade"), ("scanner_export.csv", 6, "student_id"),
                                 ("scanner_export.csv", 7, "student id")]


def test_item_sheet_needs_a_window(tmp_path: Path):
    with pytest.raises(ImportRefusedError, match="which window"):
        import_into(tmp_path, "item-sheet", fixture("item-sheet", "documented", "key.csv", "answers_pre.csv"))


# ----------------------------------------------------------------------------- surveys
def test_google_forms_documented(tmp_path: Path):
    files = fixture("forms-survey", "documented", "Student voice (Responses) - Form Responses 1.csv")
    outcome = import_into(tmp_path, "forms-survey", files, fixture("forms-survey", "documented", "survey.yml")[0])
    answers = table(outcome, "surveys.csv")
    by_item = {item: [int(v) for v in group["response"]] for item, group in answers.groupby("item")}
    assert by_item == {"sv1": [5, 4, 3, 2, 4], "sv2": [4, 5, 4, 4, 1], "sv3": [5, 4, 3, 2, 1]}
    assert set(answers["administration"]) == {"fall 2025"} and set(answers["survey"]) == {"student_voice"}
    text = "\n".join(p.read_text(encoding="utf-8") for p in outcome.team_dir.rglob("*.csv"))
    assert "@school" not in text and "ana" not in text  # no email is ever written
    assert answers["respondent"].str.fullmatch(r"r-[0-9a-f]{12}").all() and answers["respondent"].nunique() == 5
    items = table(outcome, "survey_items.csv").set_index("item")
    assert items.loc["sv3", "construct"] == "support" and items.loc["sv1", "scale_max"] == "5"
    assert "What would make school better?" not in set(items["item_text"])  # free text is not imported


def test_respondent_ids_are_stable_across_imports_of_the_same_team(tmp_path: Path):
    files = fixture("forms-survey", "documented", "Student voice (Responses) - Form Responses 1.csv")
    mapping = fixture("forms-survey", "documented", "survey.yml")[0]
    first = table(import_into(tmp_path, "forms-survey", files, mapping), "surveys.csv")
    again = table(import_into(tmp_path, "forms-survey", files, mapping, mode="replace"), "surveys.csv")
    other = table(import_into(tmp_path, "forms-survey", files, mapping, team="t2"), "surveys.csv")
    assert list(first["respondent"]) == list(again["respondent"])  # the team's key is reused
    assert set(first["respondent"]).isdisjoint(other["respondent"])  # another team, another key


def test_microsoft_forms_traps(tmp_path: Path):
    files = fixture("forms-survey", "traps", "Peer feedback(1-5).xlsx")
    outcome = import_into(tmp_path, "forms-survey", files, fixture("forms-survey", "traps", "peer.yml")[0])
    answers = table(outcome, "surveys.csv")
    assert list(answers["response"].astype(int)) == [2, 3, 3, 1]  # t2 "Disagree.", t1's later "Agree", anonymous
    assert list(answers["respondent"].str[:7]) == ["r-" + answers["respondent"][0][2:7], answers["respondent"][1][:7],
                                                   "spring_", "spring_"]
    assert set(answers["administration"]) == {"spring 2026"} and set(answers["item"]) == {"pf1"}
    assert ("Peer feedback(1-5).xlsx", 1, "Our team meetings use data.") in _reasons(outcome)  # 4 or 5 points?
    assert ("Peer feedback(1-5).xlsx", 2, "Email") in _reasons(outcome)  # answered again later
    assert "Teacher One" not in answers.to_csv()


# ----------------------------------------------------------------------------- OneRoster
def test_oneroster_documented(tmp_path: Path):
    folder = fixture("oneroster", "documented", "")[0]
    outcome = import_into(tmp_path, "oneroster", [folder], fixture("oneroster", "documented", "oneroster.yml")[0])
    rows = table(outcome, "assessments.csv")
    rows[["points", "points_possible"]] = rows[["points", "points_possible"]].astype(float)
    totals = rows.groupby(["student_id", "window"])[["points", "points_possible"]].sum()
    percent = (totals["points"] / totals["points_possible"] * 100).round(2).to_dict()
    assert percent == {("1001", "quarter 1"): 60, ("1001", "quarter 3"): 90, ("1002", "quarter 1"): 50,
                       ("1002", "quarter 3"): 70, ("1003", "quarter 1"): 80, ("1003", "quarter 3"): 83.33,
                       ("1004", "quarter 1"): 40, ("1004", "quarter 3"): 60}
    assert set(rows["standard"]) == {"5.NF.1", "5.NBT.3"} and outcome.plan.windows == ["quarter 1", "quarter 3"]
    students = table(outcome, "students.csv").set_index("student_id")
    assert students.loc["1003", "race_ethnicity"] == "Two or more races"
    assert students.loc["1004", "race_ethnicity"] == "Hispanic or Latino"
    assert set(students["section"]) == {"Math 5 - Room 14"} and "T1" not in students.index  # no teachers


def test_oneroster_traps(tmp_path: Path):
    folder = fixture("oneroster", "traps", "")[0]
    outcome = import_into(tmp_path, "oneroster", [folder], fixture("oneroster", "traps", "oneroster.yml")[0])
    rows = table(outcome, "assessments.csv")
    got = {(r.student_id, r.window, r.item_id): (r.points, r.points_possible) for r in rows.itertuples()}
    assert got == {("02001", "quarter 1", "Quiz"): ("40", "50"),  # 90 on a 50-100 scale
                   ("02001", "quarter 3", "Test"): ("8", "10"), ("02002", "quarter 3", "Test"): ("6", "10")}
    assert _reasons(outcome) == [("results.csv", 3, "scoreStatus"), ("results.csv", 6, "scoreStatus"),
                                 ("results.csv", 7, "lineItemSourcedId"), ("users.csv", 5, "Grades")]
    assert table(outcome, "students.csv").set_index("student_id")["grade"].to_dict() == {"02001": "3", "02002": "K"}


def test_a_student_on_many_rows_is_one_row_and_disagreeing_grades_are_reported(tmp_path: Path):
    results, roster = fixture("nwea-map", "documented", "AssessmentResults.csv", "StudentsBySchool.csv")
    lines = roster.read_text(encoding="utf-8").splitlines()
    # 00103 is in grade 4 in the fall roster and grade 5 in the spring one (rows 4 and 8)
    changed = [line.replace(",4", ",5") if line.startswith("Spring") and ",00103," in line else line for line in lines]
    edited = tmp_path / "StudentsBySchool.csv"
    edited.write_text("\n".join(changed) + "\n", encoding="utf-8")
    outcome = import_into(tmp_path, "nwea-map", [results, edited])
    students = table(outcome, "students.csv")
    assert students["student_id"].tolist() == ["00101", "00102", "00103", "00104"]  # 8 roster rows, 4 students
    assert students.set_index("student_id").loc["00103", "grade"] == "5"  # the latest record (spring)
    [conflict] = outcome.plan.grade_conflicts
    assert (conflict.file, conflict.row, conflict.column) == ("StudentsBySchool.csv", 8, "grade")
    assert "grade 4 in StudentsBySchool.csv row 4" in conflict.message
