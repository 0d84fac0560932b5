"""Write the import fixtures: for each source a file set in the vendor's documented layout
(``<source>/documented/``) and one carrying the known traps (``<source>/traps/``).

Synthetic students and scores; headers as documented in /work/shared/IMPORT_FORMATS.md and as
seen in the sample files of almartin82/mapvizieR (MAP), edanalytics/earthmover_edfi_bundles
(MAP, Star, i-Ready) and the OneRoster 1.1 CSV specification. The hand computations the tests
assert are written beside each fixture in tests/importers/. Run from the repository root:

    .venv/bin/python tests/data/imports/make_fixtures.py
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent


def write_csv(path: Path, header: list[str], rows: list[dict[str, object]], *, bom: bool = False,
              newline: str = "\n", blank_after: tuple[int, ...] = ()) -> None:
    """Rows as dicts (missing keys blank); ``blank_after`` inserts empty lines after those data rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(header)
    for i, row in enumerate(rows):
        writer.writerow(["" if row.get(h) is None else row.get(h) for h in header])
        if i in blank_after:
            buffer.write("," * (len(header) - 1) + newline)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))


# ----------------------------------------------------------------------------- NWEA MAP
MAP_GOALS = [f"Goal{n}{part}" for n in range(1, 9) for part in ("Name", "RitScore", "StdErr", "Range", "Adjective")]
MAP_RESULTS = ["TermName", "StudentID", "SchoolName", "MeasurementScale", "Discipline", "GrowthMeasureYN", "TestType",
               "TestName", "TestID", "TestStartDate", "TestDurationMinutes", "TestRITScore", "TestStandardError",
               "TestPercentile", "FallToFallProjectedGrowth", "FallToFallObservedGrowth",
               "FallToFallConditionalGrowthPercentile", "FallToSpringProjectedGrowth", *MAP_GOALS, "TestStartTime",
               "PercentCorrect", "ProjectedProficiency"]
MAP_STUDENTS = ["TermName", "DistrictName", "SchoolName", "StudentLastName", "StudentFirstName", "StudentMI",
                "StudentID", "StudentDateOfBirth", "StudentEthnicGroup", "StudentGender", "Grade"]
MAP_TERMS = {"fall": ("Fall 2024-2025", "9/10/2024"), "winter": ("Winter 2024-2025", "1/14/2025"),
             "spring": ("Spring 2024-2025", "5/6/2025")}


def _map_test(term: str, student: str, rit: int, goals: tuple[int, int], percentile: int, *, test_id: int,
              growth: str = "TRUE", se: str = "3.2", subject: str = "Mathematics") -> dict[str, object]:
    name, day = MAP_TERMS[term]
    row: dict[str, object] = {
        "TermName": name, "StudentID": student, "SchoolName": "Maple Elementary School", "MeasurementScale": subject,
        "Discipline": subject, "GrowthMeasureYN": growth, "TestType": "Survey With Goals",
        "TestName": f"Growth: {subject} 2-5 CCSS 2010", "TestID": test_id, "TestStartDate": day,
        "TestDurationMinutes": 48, "TestRITScore": rit, "TestStandardError": se, "TestPercentile": percentile,
        "TestStartTime": "9:05:00 AM", "PercentCorrect": 51, "ProjectedProficiency": "Proficient"}
    names = ("Operations and Algebraic Thinking", "Geometry") if subject == "Mathematics" else ("Literature", "Vocabulary")
    for n, (goal, score) in enumerate(zip(names, goals, strict=True), start=1):
        row.update({f"Goal{n}Name": goal, f"Goal{n}RitScore": score, f"Goal{n}StdErr": "6.1",
                    f"Goal{n}Range": f"{score - 6}-{score + 6}", f"Goal{n}Adjective": "Avg"})
    return row


def nwea_map() -> None:
    """Documented: four students, three terms (00102 and 00104 missed winter).

    Overall RIT fall / winter / spring: 00101 (gr 3) 190/195/200, 00102 (gr 3) 180/-/186,
    00103 (gr 4) 200/205/212, 00104 (gr 4) 210/-/214.
    """
    tests = [
        _map_test("fall", "00101", 190, (188, 192), 45, test_id=1001), _map_test("fall", "00102", 180, (178, 183), 22, test_id=1002),
        _map_test("fall", "00103", 200, (199, 201), 48, test_id=1003), _map_test("fall", "00104", 210, (212, 208), 70, test_id=1004),
        _map_test("winter", "00101", 195, (196, 194), 47, test_id=2001), _map_test("winter", "00103", 205, (204, 207), 50, test_id=2003),
        _map_test("spring", "00101", 200, (203, 197), 52, test_id=3001), _map_test("spring", "00102", 186, (185, 188), 25, test_id=3002),
        _map_test("spring", "00103", 212, (215, 210), 58, test_id=3003), _map_test("spring", "00104", 214, (216, 212), 66, test_id=3004),
    ]
    base = HERE / "nwea-map" / "documented"
    write_csv(base / "AssessmentResults.csv", MAP_RESULTS, tests)
    roster = []
    for term in ("Fall 2024-2025", "Spring 2024-2025"):
        for sid, grade, last, first, gender, ethnic in (
                ("00101", "3", "Lopez", "Ana", "F", "Hispanic or Latino"), ("00102", "3", "Smith", "Ben", "M", "White"),
                ("00103", "4", "Nguyen", "Cam", "F", "Asian"), ("00104", "4", "Okafor", "Dee", "M", "Black or African American")):
            roster.append({"TermName": term, "DistrictName": "Riverbend USD", "SchoolName": "Maple Elementary School",
                           "StudentLastName": last, "StudentFirstName": first, "StudentMI": "", "StudentID": sid,
                           "StudentDateOfBirth": "3/4/2015", "StudentEthnicGroup": ethnic, "StudentGender": gender,
                           "Grade": grade})
    write_csv(base / "StudentsBySchool.csv", MAP_STUDENTS, roster)
    _nwea_map_traps()


def _nwea_map_traps() -> None:
    """Combined file with a BOM, CRLF, drifted header case, K as "K" and 13, retests, a Reading
    test, a blank row inside, a test without a score.

    Students (grade): 000201 (K, written 13), 000202 (K, written K), 000203 (1).
    Fall: 000201 two tests: GrowthMeasureYN FALSE 150 vs TRUE 145 -> keeps 145 (TRUE first);
          000202 two TRUE tests: SE 3.4 -> 152, SE 3.1 -> 149 -> keeps 149 (lowest SE);
          000203 160, and a Reading test 170 (left out: the team imports Mathematics).
    Spring: 000201 158, 000202 157, 000203 171; one more row without a RIT score.
    """
    header = [h.replace("FallToFall", "FalltoFall").replace("TermName", "Termname").replace("StudentID", "StudentId")
              .replace("RitScore", "RITScore").replace("TestRITScore", "TestRitScore") for h in MAP_RESULTS]
    header = [*header[:1], *header[1:], "Grade", "StudentGender", "StudentEthnicGroup", "StudentLastName"]
    renamed = dict(zip(MAP_RESULTS, header, strict=False))

    def combo(row: dict[str, object], grade: str, gender: str = "F") -> dict[str, object]:
        out = {renamed.get(k, k): v for k, v in row.items()}
        out.update({"Grade": grade, "StudentGender": gender, "StudentEthnicGroup": "White", "StudentLastName": "Doe"})
        return out

    rows = [
        combo(_map_test("fall", "000201", 150, (149, 151), 40, test_id=11, growth="FALSE", se="3.0"), "13"),
        combo(_map_test("fall", "000201", 145, (144, 146), 35, test_id=12, growth="TRUE", se="3.5"), "13"),
        combo(_map_test("fall", "000202", 152, (150, 154), 42, test_id=13, se="3.4"), "K", "M"),
        combo(_map_test("fall", "000202", 149, (148, 150), 38, test_id=14, se="3.1"), "K", "M"),
        combo(_map_test("fall", "000203", 160, (158, 162), 50, test_id=15), "1"),
        combo(_map_test("fall", "000203", 170, (169, 171), 60, test_id=16, subject="Reading"), "1"),
        combo(_map_test("spring", "000201", 158, (157, 159), 45, test_id=21), "13"),
        combo(_map_test("spring", "000202", 157, (155, 159), 44, test_id=22), "K", "M"),
        combo(_map_test("spring", "000203", 171, (170, 172), 55, test_id=23), "1"),
        combo({**_map_test("spring", "000204", 0, (0, 0), 0, test_id=24), "TestRITScore": ""}, "1"),
    ]
    write_csv(HERE / "nwea-map" / "traps" / "ComboStudentAssessment.csv", header, rows, bom=True, newline="\r\n",
              blank_after=(4,))


# ----------------------------------------------------------------------------- Renaissance Star
STAR_HEADER = ['RenaissanceClientID', 'SchoolYear', 'SchoolYearStartDate', 'SchoolYearEndDate',
    'StudentRenaissanceID', 'StudentSourcedID', 'StudentIdentifier', 'StudentUserID', 'StudentStateID',
    'StudentEmail', 'StudentFirstName', 'StudentMiddleName', 'StudentLastName', 'Gender', 'BirthDate', 'MultiRace',
    'HispanicOrLatino', 'AmericanIndianOrAlaskaNative', 'Asian', 'BlackOrAfricanAmerican',
    'NativeHawaiianOrOtherPacificIslander', 'White', 'CurrentGrade', 'EnrollmentStatus', 'DistrictRenaissanceID',
    'DistrictSourcedID', 'DistrictIdentifier', 'DistrictStateID', 'DistrictName', 'SchoolRenaissanceID',
    'SchoolSourcedID', 'SchoolIdentifier', 'SchoolStateID', 'SchoolName', 'CourseRenaissanceID', 'CourseSourcedID',
    'CourseCode', 'CourseName', 'ClassRenaissanceID', 'ClassSourcedID', 'ClassCode', 'GroupID', 'GroupOrClassName',
    'TeacherRenaissanceID', 'TeacherSourcedID', 'TeacherIdentifier', 'TeacherUserID', 'TeacherStateID',
    'TeacherEmail', 'TeacherFirstName', 'TeacherMiddleName', 'TeacherLastName', 'AssessmentID', 'LaunchDate',
    'CompletedDate', 'CompletedDateLocal', 'AssessmentNumber', 'AssessmentType', 'AssessmentStatus',
    'DeactivationReason', 'GradePlacement', 'Grade', 'ExtraTime', 'ScaledScore', 'StandardErrorOfMeasurement',
    'RaschScore', 'UnifiedScore', 'PartnershipForAssessmentOfReadinessForCollegeAndCareers',
    'SmarterBalancedAssessmentConsortium', 'OpenGrowthScore', 'GradeEquivalent', 'PercentileRank',
    'NormalCurveEquivalent', 'InstructionalReadingLevel', 'EstimatedOralReadingFluency',
    'LowerZoneOfProximalDevelopment', 'UpperZoneOfProximalDevelopment', 'Lexile',
    'LowerLexileZoneOfProximalDevelopment', 'UpperLexileZoneOfProximalDevelopment', 'TotalTimeInSeconds',
    'TotalCorrect', 'TotalPossible', 'Grade3_AssessmentAttempts', 'Grade3_PassingStatus', 'Grade3_PassingScore',
    'StudentGrowthPercentileFallFall', 'StudentGrowthPercentileFallSpring', 'StudentGrowthPercentileFallWinter',
    'StudentGrowthPercentileSpringFall', 'StudentGrowthPercentileSpringSpring',
    'StudentGrowthPercentileWinterSpring', 'ScreeningPeriodWindowName', 'ScreeningWindowStartDate',
    'ScreeningWindowEndDate', 'RenaissanceBenchmarkCategoryName', 'RenaissanceBenchmarkCategoryLevel',
    'RenaissanceBenchmarkCategoryNumberOfLevels', 'RenaissanceBenchmarkCategoryMinPercentileRank',
    'RenaissanceBenchmarkCategoryMaxPercentileRank', 'StateBenchmarkAssessmentName', 'StateBenchmarkCategoryName',
    'StateBenchmarkProficient', 'StateBenchmarkCategoryLevel', 'StateBenchmarkNumberOfCategoryLevels',
    'StateBenchmarkMinScaledScore', 'StateBenchmarkMaxScaledScore', 'DistrictBenchmarkCategoryName',
    'DistrictBenchmarkProficient', 'DistrictBenchmarkCategoryLevel', 'DistrictBenchmarkNumberOfCategoryLevels',
    'DistrictBenchmarkMinPercentileRank', 'DistrictBenchmarkMaxPercentileRank', 'SchoolBenchmarkCategoryName',
    'SchoolBenchmarkProficient', 'SchoolBenchmarkCategoryLevel', 'SchoolBenchmarkNumberOfCategoryLevels',
    'SchoolBenchmarkMinPercentileRank', 'SchoolBenchmarkMaxPercentileRank', 'CurrentSGP', 'TakenAt',
    'TakenAtByIPAddress', 'StudentDisplayID', 'TeacherDisplayID', 'SATBenchmarkCategory', 'ACTBenchmarkCategory']

STAR_STANDARDS = ["RenaissanceClientID", "SchoolYear", "StudentRenaissanceID", "StudentSourcedID", "StudentIdentifier",
                  "StudentUserID", "StudentStateID", "AssessmentID", "LaunchDate", "CompletedDate", "CompletedDateLocal",
                  "DomainGroup", "DomainName", "DomainPercentMastery", "DomainConfidenceLevel", "DomainMasteryLevel",
                  "StandardName", "StandardDescription", "StandardPercentMastery", "StandardConfidenceLevel",
                  "StandardMasteryLevel"]
STAR_WINDOWS = {"Fall": "2023-09-12", "Winter": "2024-01-16", "Spring": "2024-05-07"}


def _star_test(student: str, state_id: str, grade: str, window: str | None, day: str, unified: object, pr: int, test: str,
               **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "RenaissanceClientID": 100, "SchoolYear": "2023-2024", "StudentRenaissanceID": f"guid-{student}",
        "StudentIdentifier": student, "StudentStateID": state_id, "StudentFirstName": "First", "StudentLastName": "Last",
        "StudentEmail": f"{student}@students.example.org", "Gender": "F" if int(student[-1]) % 2 else "M",
        "HispanicOrLatino": "No", "White": "Yes", "Asian": "No", "BlackOrAfricanAmerican": "No", "CurrentGrade": grade,
        "Grade": grade, "SchoolName": "Cedar Elementary School", "GroupOrClassName": "Room 12", "AssessmentID": test,
        "CompletedDate": f"{day}T14:30:00.000Z", "CompletedDateLocal": f"{day}T10:30:00.000Z", "AssessmentStatus": "Active",
        "ScaledScore": "", "UnifiedScore": unified, "PercentileRank": pr, "ScreeningPeriodWindowName": window or "",
        "TotalCorrect": 20, "TotalPossible": 34}
    row.update(extra)
    return row


def renaissance_star() -> None:
    """Documented: Unified scores fall / winter / spring 2023-2024 --
    0701 (gr 4) 900/930/960, 0702 (gr 4) 850/-/870, 0703 (gr 5) 1000/1010/1040."""
    tests = []
    for student, grade, scores in (("0701", "4", (900, 930, 960)), ("0702", "4", (850, None, 870)),
                                   ("0703", "5", (1000, 1010, 1040))):
        for (window, day), score in zip(STAR_WINDOWS.items(), scores, strict=True):
            if score is not None:
                tests.append(_star_test(student, f"9{student}", grade, window, day, score, score // 20,
                                        f"t-{student}-{window}"))
    base = HERE / "renaissance-star" / "documented"
    write_csv(base / "SR_v2.csv", STAR_HEADER, tests)
    standards = []
    for test in tests:
        if test["ScreeningPeriodWindowName"] == "Winter":
            continue
        for name, offset in (("4.RL.1", 0), ("4.RL.2", 10)):
            standards.append({"RenaissanceClientID": 100, "SchoolYear": "2023-2024", "StudentIdentifier": test["StudentIdentifier"],
                              "AssessmentID": test["AssessmentID"], "CompletedDate": test["CompletedDate"],
                              "DomainGroup": "Reading Literature", "DomainName": "Key Ideas", "DomainPercentMastery": 70,
                              "StandardName": name, "StandardDescription": "Refer to details and examples in a text.",
                              "StandardPercentMastery": int(test["UnifiedScore"]) // 20 + offset,
                              "StandardConfidenceLevel": "Medium", "StandardMasteryLevel": "Developing"})
    write_csv(base / "SR_Dashboard_Standards_v2.csv", STAR_STANDARDS, standards)
    _star_traps()


def _star_traps() -> None:
    """SM_v2 with a BOM, drifted header case, ids in StudentStateID (chosen in the mapping), a retest
    (00801 fall 700 then 720: the later is kept), a deactivated test, a fall test outside any
    screening window (window_dates), a ScaledScore-only test, a row without the chosen id, a blank row.

    Kept: 00801 fall 720 / spring 760; 00802 fall 690 / spring 740 (winter deactivated);
    00803 fall 710 (by date) / spring 730; 00804 fall 500 (ScaledScore) only.
    """
    header = [h.replace("StudentStateID", "StudentStateId").replace("UnifiedScore", "Unifiedscore")
              .replace("SchoolYear", "schoolyear") for h in STAR_HEADER]
    renamed = dict(zip(STAR_HEADER, header, strict=True))
    rows = [
        _star_test("0801", "00801", "3", "Fall", "2023-09-12", 700, 30, "m1"),
        _star_test("0801", "00801", "3", "Fall", "2023-09-20", 720, 34, "m2"),
        _star_test("0802", "00802", "3", "Fall", "2023-09-12", 690, 28, "m3"),
        _star_test("0802", "00802", "3", "Winter", "2024-01-16", 300, 2, "m4", DeactivationReason="Test time exceeded",
                   AssessmentStatus="Deactivated"),
        _star_test("0803", "00803", "3", None, "2023-10-30", 710, 31, "m5"),
        _star_test("0804", "00804", "3", "Fall", "2023-09-12", "", 20, "m6", ScaledScore=500),
        _star_test("0805", "", "3", "Fall", "2023-09-12", 650, 15, "m7"),
        _star_test("0801", "00801", "3", "Spring", "2024-05-07", 760, 40, "m8"),
        _star_test("0802", "00802", "3", "Spring", "2024-05-07", 740, 36, "m9"),
        _star_test("0803", "00803", "3", "Spring", "2024-05-07", 730, 33, "m10"),
    ]
    write_csv(HERE / "renaissance-star" / "traps" / "SM_v2.csv", header,
              [{renamed[k]: v for k, v in r.items()} for r in rows], bom=True, blank_after=(3,))
    (HERE / "renaissance-star" / "traps" / "star.yml").write_text(
        "source: renaissance-star\nstudent_id_column: StudentStateID\nwindow_dates:\n"
        "  - {window: Fall 2023-2024, start: 2023-08-01, end: 2023-11-15}\n", encoding="utf-8")


# ----------------------------------------------------------------------------- i-Ready
IREADY_ELA_HEADER = ['Last Name', 'First Name', 'Student ID', 'Student Grade', 'Academic Year', 'School', 'Enrolled',
    'District State ID', 'Account State ID', 'School State ID', 'Student State ID', 'User Name', 'Sex',
    'Hispanic or Latino', 'Race', 'English Language Learner', 'Special Education', 'Economically Disadvantaged',
    'Migrant', 'Class(es)', 'Class Teacher(s)', 'Report Group(s)', 'Start Date', 'Completion Date', 'Norming Window',
    'Baseline Diagnostic (Y/N)', 'Most Recent Diagnostic YTD (Y/N)', 'Duration (min)', 'Rush Flag', 'Read Aloud',
    'Overall Scale Score', 'Overall Placement', 'Overall Relative Placement', 'Percentile', 'Grouping',
    'Lexile Measure', 'Lexile Range', 'Phonological Awareness Scale Score', 'Phonological Awareness Placement',
    'Phonological Awareness Relative Placement', 'Phonics Scale Score', 'Phonics Placement',
    'Phonics Relative Placement', 'High-Frequency Words Scale Score', 'High-Frequency Words Placement',
    'High-Frequency Words Relative Placement', 'Vocabulary Scale Score', 'Vocabulary Placement',
    'Vocabulary Relative Placement', 'Comprehension: Overall Scale Score', 'Comprehension: Overall Placement',
    'Comprehension: Overall Relative Placement', 'Comprehension: Literature Scale Score',
    'Comprehension: Literature Placement', 'Comprehension: Literature Relative Placement',
    'Comprehension: Informational Text Scale Score', 'Comprehension: Informational Text Placement',
    'Comprehension: Informational Text Relative Placement', 'Diagnostic Gain', 'Annual Typical Growth Measure',
    'Annual Stretch Growth Measure', 'Percent Progress to Annual Typical Growth (%)',
    'Percent Progress to Annual Stretch Growth (%)', 'Mid On Grade Level Scale Score',
    'Reading Difficulty Indicator (Y/N)']
IREADY_MATH_HEADER = ['Last Name', 'First Name', 'Student ID', 'Student Grade', 'Academic Year', 'School',
    'Enrolled', 'District State ID', 'Account State ID', 'School State ID', 'Student State ID', 'User Name', 'Sex',
    'Hispanic or Latino', 'Race', 'English Language Learner', 'Special Education', 'Economically Disadvantaged',
    'Migrant', 'Class(es)', 'Class Teacher(s)', 'Report Group(s)', 'Start Date', 'Completion Date', 'Norming Window',
    'Baseline Diagnostic (Y/N)', 'Most Recent Diagnostic YTD (Y/N)', 'Duration (min)', 'Rush Flag', 'Read Aloud',
    'Overall Scale Score', 'Overall Placement', 'Overall Relative Placement', 'Percentile', 'Grouping',
    'Quantile Measure', 'Quantile Range', 'Number and Operations Scale Score', 'Number and Operations Placement',
    'Number and Operations Relative Placement', 'Algebra and Algebraic Thinking Scale Score',
    'Algebra and Algebraic Thinking Placement', 'Algebra and Algebraic Thinking Relative Placement',
    'Measurement and Data Scale Score', 'Measurement and Data Placement', 'Measurement and Data Relative Placement',
    'Geometry Scale Score', 'Geometry Placement', 'Geometry Relative Placement', 'Diagnostic Gain',
    'Annual Typical Growth Measure', 'Annual Stretch Growth Measure',
    'Percent Progress to Annual Typical Growth (%)', 'Percent Progress to Annual Stretch Growth (%)',
    'Mid On Grade Level Scale Score', 'Proficiency if Student Shows No Additional Growth',
    'Projection if Student Achieves Typical Growth', 'Projection if Student Achieves Stretch Growth']

IREADY_NORMING = {"winter": "Winter (November 16 - March 1)", "spring": "Spring (March 2 - End of Year)"}
ELA_DOMAINS = ["Phonological Awareness", "Phonics", "High-Frequency Words", "Vocabulary", "Comprehension: Overall",
               "Comprehension: Literature", "Comprehension: Informational Text"]


def _iready_row(student: str, grade: str, window: str | None, day: str, overall: int, domains: dict[str, object],
                *, baseline: str, recent: str, header_domains: list[str] = ELA_DOMAINS) -> dict[str, object]:
    row: dict[str, object] = {
        "Last Name": f"Last {student[-1]}", "First Name": f"First {student[-1]}", "Student ID": student,
        "Student Grade": grade, "Academic Year": "2025-2026", "School": "Oak Elementary", "Enrolled": "Enrolled",
        "Student State ID": f"S{student}", "User Name": f"AUTO_{student}", "Sex": "female" if int(student[-1]) % 2 else "male",
        "Hispanic or Latino": "N", "Race": "White", "English Language Learner": "Y" if student.endswith("2") else "N",
        "Special Education": "N", "Economically Disadvantaged": "Y", "Class(es)": "Class 3A", "Class Teacher(s)": "Teacher 1",
        "Start Date": day, "Completion Date": day, "Norming Window": IREADY_NORMING.get(window or "", ""),
        "Baseline Diagnostic (Y/N)": baseline, "Most Recent Diagnostic YTD (Y/N)": recent, "Duration (min)": 45,
        "Rush Flag": "", "Read Aloud": "Off", "Overall Scale Score": overall, "Overall Placement": "Grade 2",
        "Overall Relative Placement": "1 Grade Level Below", "Percentile": overall // 10, "Grouping": 2,
        "Mid On Grade Level Scale Score": 545}
    for domain in header_domains:
        value = domains.get(domain, overall)
        row[f"{domain} Scale Score"] = value
        row[f"{domain} Placement"] = "Not Assessed" if value in ("", "Not Assessed") else "Grade 2"
        row[f"{domain} Relative Placement"] = "Not Assessed" if value in ("", "Not Assessed") else "1 Grade Level Below"
    return row


def iready() -> None:
    """Documented ELA file (BOM, as the vendor writes it): overall winter / spring 2025-2026 --
    605011 (gr 3) 424/468, 605012 (gr 3) 480/500, 605013 (gr 4) 520/545; Phonological Awareness
    blank ("Not Assessed" placement) for 605013."""
    rows = [
        _iready_row("605011", "3", "winter", "1/13/2026", 424, {"Phonics": 403, "Vocabulary": 415}, baseline="Y", recent="N"),
        _iready_row("605012", "3", "winter", "1/14/2026", 480, {"Phonics": 470}, baseline="Y", recent="N"),
        _iready_row("605013", "4", "winter", "1/14/2026", 520, {"Phonological Awareness": ""}, baseline="Y", recent="N"),
        _iready_row("605011", "3", "spring", "5/19/2026", 468, {"Phonics": 481, "Vocabulary": 464}, baseline="N", recent="Y"),
        _iready_row("605012", "3", "spring", "5/20/2026", 500, {"Phonics": 495}, baseline="N", recent="Y"),
        _iready_row("605013", "4", "spring", "5/20/2026", 545, {"Phonological Awareness": ""}, baseline="N", recent="Y"),
    ]
    write_csv(HERE / "iready" / "documented" / "diagnostic_results_ela.csv", IREADY_ELA_HEADER, rows, bom=True)
    _iready_traps()


def _iready_traps() -> None:
    """An older ELA file without Norming Window (windows by date in the mapping), with "Reading
    Comprehension" headers, drifted header case, "Not Assessed" and "Max Score" in scale-score
    cells, a retest, K written "K", a blank row; and a Math file the mapping leaves out.

    Kept overall: 000611 (K) winter 380 (retest 1/20 over 1/12's 360) / spring 400;
    000612 (K) winter 390 / spring 410. Domains: 000611 winter Phonics "Not Assessed";
    000612 spring Phonics "Max Score".
    """
    old = ["Reading Comprehension: " + d.split(": ")[1] if d.startswith("Comprehension") else d for d in ELA_DOMAINS]
    header = [h for h in IREADY_ELA_HEADER if h != "Norming Window"]
    drift = {"Student ID": "student id", "Overall Scale Score": "OVERALL SCALE SCORE"}
    header = [drift.get(h, "Reading " + h if h.startswith("Comprehension") else h) for h in header]
    renamed = {**{h: h for h in header}, "Student ID": "student id", "Overall Scale Score": "OVERALL SCALE SCORE"}
    rows = [
        _iready_row("000611", "K", None, "1/12/2026", 360, {}, baseline="Y", recent="N", header_domains=old),
        _iready_row("000611", "K", None, "1/20/2026", 380, {"Phonics": "Not Assessed"}, baseline="N", recent="N",
                    header_domains=old),
        _iready_row("000612", "K", None, "1/14/2026", 390, {}, baseline="Y", recent="N", header_domains=old),
        _iready_row("000611", "K", None, "5/19/2026", 400, {}, baseline="N", recent="Y", header_domains=old),
        _iready_row("000612", "K", None, "5/20/2026", 410, {"Phonics": "Max Score"}, baseline="N", recent="Y",
                    header_domains=old),
    ]
    base = HERE / "iready" / "traps"
    write_csv(base / "diagnostic_results_ela_2026.csv", header, [{renamed.get(k, k): v for k, v in r.items()} for r in rows],
              bom=True, newline="\r\n", blank_after=(2,))
    math_domains = ["Number and Operations", "Algebra and Algebraic Thinking", "Measurement and Data", "Geometry"]
    math = [_iready_row("000611", "K", "winter", "1/15/2026", 350, {}, baseline="Y", recent="Y",
                        header_domains=math_domains)]
    write_csv(base / "diagnostic_results_math.csv", IREADY_MATH_HEADER, math, bom=True)
    (base / "iready.yml").write_text(
        "source: iready\nsubject: Reading\nwindow_dates:\n"
        "  - {window: winter 2025-2026, start: 2025-11-16, end: 2026-03-01}\n"
        "  - {window: spring 2025-2026, start: 2026-03-02, end: 2026-06-30}\n", encoding="utf-8")


# ----------------------------------------------------------------------------- item sheet
KEY_ROWS = [("Q1", "A", 1, "7.RP.1"), ("Q2", "C", 1, "7.RP.1"), ("Q3", "B", 1, "7.RP.2"), ("Q4", "D", 1, "7.RP.2"),
            ("Q5", "", 2, "7.RP.2")]


def item_sheet() -> None:
    """Documented: key.csv (Q5 is a 2-point constructed response written as points) and a pre and a
    post sheet. Points pre -> post: 0901 6/6 -> 6/6, 0902 3 -> 5, 0903 2 -> 4, 0904 5 -> 5 (of 6)."""
    base = HERE / "item-sheet" / "documented"
    write_csv(base / "key.csv", ["item_id", "key", "points_possible", "standard"],
              [dict(zip(["item_id", "key", "points_possible", "standard"], r, strict=True)) for r in KEY_ROWS])
    header = ["Student ID", "Last Name", "First Name", "Grade", "Q1", "Q2", "Q3", "Q4", "Q5"]
    answers = {"pre": [("0901", "A C B D 2"), ("0902", "A B B A 1"), ("0903", "B C C D 0"), ("0904", "A C B _ 2")],
               "post": [("0901", "A C B D 2"), ("0902", "A C B A 2"), ("0903", "A C C D 1"), ("0904", "A C B D 1")]}
    for window, sheet in answers.items():
        rows = []
        for student, given in sheet:
            row: dict[str, object] = {"Student ID": student, "Last Name": "Last", "First Name": "First", "Grade": "7"}
            row.update({f"Q{i}": "" if a == "_" else a for i, a in enumerate(given.split(), start=1)})
            rows.append(row)
        write_csv(base / f"answers_{window}.csv", header, rows)
    _item_sheet_traps()


def _item_sheet_traps() -> None:
    """One sheet with a KEY row (standards from the mapping), a BOM, lower-case headers, lower-case
    answers, a blank answer (blank_answers: skip), a grade the contract cannot read ("7th"), a
    row without an id, a blank row. Key: Q1 B, Q2 D, Q3 A.

    Kept: 01001 b,d,a -> 3/3; 01002 B,A,(blank) -> 1/2 answered; 01003 is refused (grade "7th")."""
    rows = [{"student id": "KEY", "grade": "", "q1": "B", "q2": "D", "q3": "A"},
            {"student id": "01001", "grade": "07", "q1": "b", "q2": "d", "q3": "a"},
            {"student id": "01002", "grade": "7", "q1": "B", "q2": "A", "q3": ""},
            {"student id": "01003", "grade": "7th", "q1": "C", "q2": "D", "q3": "A"},
            {"student id": "", "grade": "7", "q1": "B", "q2": "D", "q3": "A"}]
    base = HERE / "item-sheet" / "traps"
    write_csv(base / "scanner_export.csv", ["student id", "grade", "q1", "q2", "q3"], rows, bom=True, blank_after=(1,))
    (base / "sheet.yml").write_text(
        "source: item-sheet\nwindow: pre\nblank_answers: skip\nassessment: Unit 3 check\n"
        "standards: {q1: 7.RP.1, q2: 7.RP.1, q3: 7.RP.2}\n", encoding="utf-8")


# ----------------------------------------------------------------------------- surveys
SURVEY_QUESTIONS = ["I feel safe at school.", "My teachers care about me.", "How often do you get help when you need it?",
                    "What would make school better?"]


def forms_survey() -> None:
    """Documented: a Google Forms CSV (downloaded through Sheets: US timestamps), fall 2025.
    q1 (agreement-5): SA, A, N, D, A -> 5, 4, 3, 2, 4 (mean 3.6); q2 (agreement-5, reverse-keyed in the
    mapping only as an example): A, SA, A, A, SD -> 4, 5, 4, 4, 1; q3 (frequency-5): Always, Often,
    Sometimes, Rarely, Never -> 5, 4, 3, 2, 1; q4 free text (not imported)."""
    answers = [("ana@school.example.org", "9/15/2025 10:02:11", "Strongly agree", "Agree", "Always", "More clubs"),
               ("ben@school.example.org", "9/15/2025 10:04:40", "Agree", "Strongly agree", "Often", "Longer lunch"),
               ("cam@school.example.org", "9/16/2025 8:15:03", "Neither agree nor disagree", "Agree", "Sometimes", ""),
               ("dee@school.example.org", "9/16/2025 8:20:59", "Disagree", "Agree", "Rarely", "Quieter halls"),
               ("eli@school.example.org", "9/17/2025 13:01:00", "Agree", "Strongly disagree", "Never", "Help")]
    header = ["Timestamp", "Email Address", *SURVEY_QUESTIONS]
    rows = [dict(zip(["Email Address", "Timestamp", *SURVEY_QUESTIONS], a, strict=True)) for a in answers]
    base = HERE / "forms-survey" / "documented"
    write_csv(base / "Student voice (Responses) - Form Responses 1.csv", header, rows)
    (base / "survey.yml").write_text(
        "source: forms-survey\nsurvey: student_voice\nscale: agreement-5\nteam: {grade_levels: [6, 7, 8]}\n"
        "questions:\n"
        "  \"I feel safe at school.\": {item: sv1, construct: safety}\n"
        "  \"My teachers care about me.\": {item: sv2, construct: belonging}\n"
        "  \"How often do you get help when you need it?\": {item: sv3, construct: support, scale: frequency-5}\n",
        encoding="utf-8")
    _forms_traps()


def _forms_traps() -> None:
    """A Microsoft Forms quiz workbook: quiz columns, a respondent who answered twice (the later kept),
    two anonymous responses, answers in odd case and with a full stop, and a 5-point question where
    nobody chose the middle (fits agreement-4 and -5: left out until the mapping names the scale)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", "Total points", "Quiz feedback",
                  "We learn from each other's feedback.", "Points - We learn from each other's feedback.",
                  "Feedback - We learn from each other's feedback.", "Our team meetings use data."])
    import datetime as dt
    stamp = dt.datetime(2026, 3, 10, 15, 0)
    for number, (email, name, first, second) in enumerate([
            ("t1@school.example.org", "Teacher One", "strongly AGREE", "Agree"),
            ("t2@school.example.org", "Teacher Two", "Disagree.", "Strongly agree"),
            ("t1@school.example.org", "Teacher One", "Agree", "Disagree"),
            ("anonymous", "", "Agree", "Agree"),
            ("anonymous", "", "Strongly disagree", "Strongly disagree")], start=1):
        done = stamp + dt.timedelta(minutes=10 * number)
        sheet.append([number, done - dt.timedelta(minutes=3), done, email, name, 0, "", first, 0, "", second])
    path = HERE / "forms-survey" / "traps" / "Peer feedback(1-5).xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    (path.parent / "peer.yml").write_text(
        "source: forms-survey\nsurvey: peer_feedback\nteam: {name: Peer circle, grade_levels: [9]}\nquestions:\n"
        "  \"We learn from each other's feedback.\": {item: pf1, construct: feedback, scale: agreement-4}\n",
        encoding="utf-8")


# ----------------------------------------------------------------------------- OneRoster
OR_USERS = ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds",
            "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades",
            "password"]
OR_DEMOGRAPHICS = ["sourcedId", "status", "dateLastModified", "birthDate", "sex", "americanIndianOrAlaskaNative", "asian",
                   "blackOrAfricanAmerican", "nativeHawaiianOrOtherPacificIslander", "white",
                   "demographicRaceTwoOrMoreRaces", "hispanicOrLatinoEthnicity", "countryOfBirthCode",
                   "stateOfBirthAbbreviation", "cityOfBirth", "publicSchoolResidenceStatus"]
OR_ENROLLMENTS = ["sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId", "role",
                  "primary", "beginDate", "endDate"]
OR_CLASSES = ["sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode", "classType",
              "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"]
OR_SESSIONS = ["sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId",
               "schoolYear"]
OR_LINEITEMS = ["sourcedId", "status", "dateLastModified", "title", "description", "assignDate", "dueDate",
                "classSourcedId", "categorySourcedId", "gradingPeriodSourcedId", "resultValueMin", "resultValueMax"]
OR_RESULTS = ["sourcedId", "status", "dateLastModified", "lineItemSourcedId", "studentSourcedId", "scoreStatus", "score",
              "scoreDate", "comment"]


def _oneroster_files(base: Path, users: list[dict[str, object]], demographics: list[dict[str, object]],
                     line_items: list[dict[str, object]], results: list[dict[str, object]], *, bom: bool = False,
                     newline: str = "\n", upper_first: bool = False) -> None:
    def head(names: list[str]) -> list[str]:
        return [n[0].upper() + n[1:] for n in names] if upper_first else names

    def rows(names: list[str], data: list[dict[str, object]]) -> list[dict[str, object]]:
        return [{h: r.get(n) for n, h in zip(names, head(names), strict=True)} for r in data]

    students = [u for u in users if u["role"] == "student"]
    enrollments = [{"sourcedId": f"e{u['sourcedId']}", "status": "active", "classSourcedId": "c1", "schoolSourcedId": "org1",
                    "userSourcedId": u["sourcedId"], "role": "student", "primary": "false"} for u in students]
    classes = [{"sourcedId": "c1", "status": "active", "title": "Math 5 - Room 14", "grades": "05", "courseSourcedId": "m5",
                "classCode": "M5-14", "classType": "scheduled", "schoolSourcedId": "org1", "termSourcedIds": "y2526"}]
    sessions = [{"sourcedId": "q1", "status": "active", "title": "Quarter 1", "type": "gradingPeriod",
                 "startDate": "2025-08-20", "endDate": "2025-10-31", "parentSourcedId": "y2526", "schoolYear": "2026"},
                {"sourcedId": "q3", "status": "active", "title": "Quarter 3", "type": "gradingPeriod",
                 "startDate": "2026-01-20", "endDate": "2026-03-31", "parentSourcedId": "y2526", "schoolYear": "2026"}]
    for name, names, data in (("users", OR_USERS, users), ("demographics", OR_DEMOGRAPHICS, demographics),
                              ("enrollments", OR_ENROLLMENTS, enrollments), ("classes", OR_CLASSES, classes),
                              ("academicSessions", OR_SESSIONS, sessions), ("lineItems", OR_LINEITEMS, line_items),
                              ("results", OR_RESULTS, results)):
        write_csv(base / f"{name}.csv", head(names), rows(names, data), bom=bom, newline=newline)
    (base / "manifest.csv").write_text("propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n",
                                       encoding="utf-8")


def oneroster() -> None:
    """Documented: four grade-5 students, two quizzes in Quarter 1 and two tests in Quarter 3.
    Points (fractions /10 + decimals /20): 1001 6+12 -> 9+18, 1002 5+10 -> 7+14, 1003 8+16 -> 8+17,
    1004 4+8 -> 6+12."""
    users = [{"sourcedId": f"u{n}", "status": "active", "enabledUser": "true", "orgSourcedIds": "org1", "role": "student",
              "username": f"s{n}", "givenName": "Given", "familyName": "Family", "identifier": f"{n}", "grades": "05",
              "email": f"s{n}@school.example.org"} for n in (1001, 1002, 1003, 1004)]
    users.append({"sourcedId": "t1", "status": "active", "role": "teacher", "identifier": "T1", "grades": "",
                  "givenName": "Teach", "familyName": "Er"})
    demographics = [{"sourcedId": f"u{n}", "status": "active", "sex": sex, "white": white, "asian": asian,
                     "hispanicOrLatinoEthnicity": hisp}
                    for n, sex, white, asian, hisp in ((1001, "female", "true", "false", "false"),
                                                       (1002, "male", "false", "true", "false"),
                                                       (1003, "female", "true", "true", "false"),
                                                       (1004, "male", "false", "false", "true"))]
    line_items = [
        {"sourcedId": "li1", "status": "active", "title": "Fractions quiz", "assignDate": "2025-09-22",
         "dueDate": "2025-09-29", "classSourcedId": "c1", "categorySourcedId": "cat1", "gradingPeriodSourcedId": "q1",
         "resultValueMin": "0", "resultValueMax": "10"},
        {"sourcedId": "li2", "status": "active", "title": "Decimals quiz", "assignDate": "2025-10-06",
         "dueDate": "2025-10-13", "classSourcedId": "c1", "categorySourcedId": "cat1", "gradingPeriodSourcedId": "q1",
         "resultValueMin": "0", "resultValueMax": "20"},
        {"sourcedId": "li3", "status": "active", "title": "Fractions test", "assignDate": "2026-02-02",
         "dueDate": "2026-02-09", "classSourcedId": "c1", "categorySourcedId": "cat2", "gradingPeriodSourcedId": "q3",
         "resultValueMin": "0", "resultValueMax": "10"},
        {"sourcedId": "li4", "status": "active", "title": "Decimals test", "assignDate": "2026-03-02",
         "dueDate": "2026-03-09", "classSourcedId": "c1", "categorySourcedId": "cat2", "gradingPeriodSourcedId": "q3",
         "resultValueMin": "0", "resultValueMax": "20"}]
    scores = {1001: (6, 12, 9, 18), 1002: (5, 10, 7, 14), 1003: (8, 16, 8, 17), 1004: (4, 8, 6, 12)}
    results = [{"sourcedId": f"r{n}-{i}", "status": "active", "lineItemSourcedId": f"li{i}", "studentSourcedId": f"u{n}",
                "scoreStatus": "fully graded", "score": score, "scoreDate": line_items[i - 1]["dueDate"]}
               for n, values in scores.items() for i, score in enumerate(values, start=1)]
    _oneroster_files(HERE / "oneroster" / "documented", users, demographics, line_items, results)
    (HERE / "oneroster" / "documented" / "oneroster.yml").write_text(
        "source: oneroster\nstandards:\n  Fractions quiz: 5.NF.1\n  Fractions test: 5.NF.1\n"
        "  Decimals quiz: 5.NBT.3\n  Decimals test: 5.NBT.3\n", encoding="utf-8")
    _oneroster_traps()


def _oneroster_traps() -> None:
    """BOM, CRLF, capitalised headers (SourcedId ...), a user to be deleted, a PK student, an exempt
    and a not-submitted result, a line item scored 50-100 (points = score - 50 out of 50), a line
    item without a grading period (window by due date from the mapping), a result for an unknown
    line item.

    Kept: 2001 quiz 40/50 (90 on 50-100) in quarter 1, test 8/10 in quarter 3 (by date);
    2002 quiz exempt, test 6/10."""
    users = [{"sourcedId": "a", "status": "active", "role": "student", "identifier": "02001", "grades": "03"},
             {"sourcedId": "b", "status": "active", "role": "student", "identifier": "02002", "grades": "KG"},
             {"sourcedId": "c", "status": "tobedeleted", "role": "student", "identifier": "02003", "grades": "03"},
             {"sourcedId": "d", "status": "active", "role": "student", "identifier": "02004", "grades": "PK"}]
    line_items = [
        {"sourcedId": "q", "status": "active", "title": "Quiz", "dueDate": "2025-09-29", "classSourcedId": "c1",
         "gradingPeriodSourcedId": "q1", "resultValueMin": "50", "resultValueMax": "100"},
        {"sourcedId": "t", "status": "active", "title": "Test", "dueDate": "2026-02-09", "classSourcedId": "c1",
         "gradingPeriodSourcedId": "", "resultValueMin": "0", "resultValueMax": "10"}]
    results = [
        {"sourcedId": "r1", "status": "active", "lineItemSourcedId": "q", "studentSourcedId": "a", "scoreStatus": "fully graded", "score": 90, "scoreDate": "2025-09-29"},
        {"sourcedId": "r2", "status": "active", "lineItemSourcedId": "q", "studentSourcedId": "b", "scoreStatus": "exempt", "score": "", "scoreDate": ""},
        {"sourcedId": "r3", "status": "active", "lineItemSourcedId": "t", "studentSourcedId": "a", "scoreStatus": "fully graded", "score": 8, "scoreDate": "2026-02-09"},
        {"sourcedId": "r4", "status": "active", "lineItemSourcedId": "t", "studentSourcedId": "b", "scoreStatus": "fully graded", "score": 6, "scoreDate": "2026-02-10"},
        {"sourcedId": "r5", "status": "active", "lineItemSourcedId": "t", "studentSourcedId": "c", "scoreStatus": "not submitted", "score": "", "scoreDate": ""},
        {"sourcedId": "r6", "status": "active", "lineItemSourcedId": "zz", "studentSourcedId": "a", "scoreStatus": "fully graded", "score": 3, "scoreDate": "2026-02-10"}]
    base = HERE / "oneroster" / "traps"
    _oneroster_files(base, users, [], line_items, results, bom=True, newline="\r\n", upper_first=True)
    (base / "oneroster.yml").write_text(
        "source: oneroster\nstandards: {Quiz: 3.OA.1, Test: 3.OA.1}\nwindow_dates:\n"
        "  - {window: quarter 3, start: 2026-01-20, end: 2026-03-31}\n", encoding="utf-8")


if __name__ == "__main__":
    nwea_map()
    renaissance_star()
    iready()
    item_sheet()
    forms_survey()
    oneroster()
