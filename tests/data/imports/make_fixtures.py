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


if __name__ == "__main__":
    nwea_map()
