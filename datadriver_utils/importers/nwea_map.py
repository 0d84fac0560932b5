"""NWEA MAP Growth: the Comprehensive Data File (AssessmentResults.csv + StudentsBySchool.csv) or
the Combined file (ComboStudentAssessment.csv).

What maps to what (IMPORT_FORMATS.md, "NWEA MAP Growth"; headers checked against the sample
files of almartin82/mapvizieR and edanalytics/earthmover_edfi_bundles):

* each test row gives an ``overall`` row (TestRITScore, score_type scale), one row per goal with
  a name and a score (GoalNName as the standard, GoalNRitScore as the score) and a
  ``percentile rank`` row (TestPercentile, score_type percentile);
* window = TermName ("Fall 2024-2025", lower-cased; renamed by ``windows:``), date =
  TestStartDate (month/day/year);
* one test per student, term and subject: the one with GrowthMeasureYN true, then the lowest
  TestStandardError, then the latest date (NWEA's own rule, as mapvizieR's ``dedupe_cdf`` applies it);
* grade from StudentsBySchool (or the Combined file's Grade); "K" or 13 means kindergarten;
  StudentGender → gender, StudentEthnicGroup → race_ethnicity; names and birth dates are dropped;
* a file with several subjects (Discipline) imports the one named by ``subject:`` or team.yml.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pandas as pd

from datadriver_utils.contract.schemas import OVERALL_STANDARD
from datadriver_utils.errors import ImportRefusedError, Problem
from datadriver_utils.importers.common import cell, choose_subject, read_date, score_row, student_rows
from datadriver_utils.importers.headers import Column
from datadriver_utils.importers.inputs import InputTable, read_inputs
from datadriver_utils.importers.mapping import MappingFile, TeamDefaults
from datadriver_utils.importers.plan import ImportPlan, PlanBuilder
from datadriver_utils.importers.registry import ImportContext, Source, register
from datadriver_utils.importers.values import parse_date, parse_number

__all__ = ["NweaMap", "PERCENTILE_STANDARD"]

PERCENTILE_STANDARD = "percentile rank"
GOALS = range(1, 9)
_ID = Column("StudentID", ("Student ID", "Student_ID"))
RESULT_COLUMNS = [
    Column("TermName", ("Term Name",)), _ID, Column("TestRITScore", ("Test RIT Score", "RIT Score")),
    Column("MeasurementScale", ("Course",), required=False), Column("Discipline", ("Subject",), required=False),
    Column("GrowthMeasureYN", ("Growth Measure YN",), required=False),
    Column("TestStandardError", ("Test Standard Error",), required=False),
    Column("TestPercentile", ("Test Percentile",), required=False),
    Column("TestStartDate", ("Test Start Date",), required=False), Column("Grade", required=False),
    Column("SchoolName", ("School Name",), required=False),
    Column("StudentGender", ("Gender",), required=False), Column("StudentEthnicGroup", ("Ethnicity",), required=False),
    *(Column(f"Goal{n}{part}", required=False) for n in GOALS for part in ("Name", "RitScore")),
]
STUDENT_COLUMNS = [Column("TermName", ("Term Name",)), _ID, Column("Grade"),
                   Column("StudentGender", ("Gender",), required=False),
                   Column("StudentEthnicGroup", ("Ethnicity",), required=False),
                   Column("SchoolName", ("School Name",), required=False)]
_KINDERGARTEN = ("K", "13")
_TRUE = {"true", "yes", "y", "1"}


def _id_alias(mapping: MappingFile) -> dict[str, str]:
    return {mapping.student_id_column: "StudentID", **mapping.columns} if mapping.student_id_column else dict(mapping.columns)


@register
class NweaMap(Source):
    """NWEA MAP Growth exports (docs/importing.md)."""

    name: ClassVar[str] = "nwea-map"
    title: ClassVar[str] = "NWEA MAP Growth"
    tables: ClassVar[tuple[str, ...]] = ("students", "assessments")
    mapping_keys: ClassVar[frozenset[str]] = frozenset(
        {"student_id_column", "columns", "subject", "assessment", "windows", "date_format", "standards", "grade"})

    def build(self, files: list[Path], mapping: MappingFile, context: ImportContext) -> ImportPlan:
        inputs = read_inputs(files)
        builder = PlanBuilder(self.name, self.title, [t.label for t in inputs])
        results = [t for t in inputs if t.has("TestRITScore") or t.has("Test RIT Score")]
        rosters = [t for t in inputs if t not in results]
        if not results:
            raise ImportRefusedError("No MAP assessment results among the files:", [Problem(
                t.label, "this file has no TestRITScore column: give AssessmentResults.csv (or the Combined file) "
                "from the MAP Comprehensive Data File.", row=1) for t in inputs])
        tests = pd.concat([self._tests(t, builder, mapping) for t in results], ignore_index=True)
        tests = self._one_subject(tests, mapping, context, results[0].label, builder)
        tests = builder.keep_one(tests, ["student", "window", "subject"], ["_growth", "_se", "_when"],
                                 [True, True, False], "GrowthMeasureYN true first, then the lowest standard error, "
                                 "then the latest test")
        for table in inputs:
            builder.rows_read[table.label] = len(table.frame)
            builder.unusable += table.problems
        builder.scores.append(pd.DataFrame(self._score_rows(tests, mapping)))
        term_dates = tests.groupby("window")["date"].min().to_dict()
        self._students(builder, rosters, results, mapping, term_dates)
        subject = next(iter(tests["subject"].dropna()), None)
        builder.team_defaults = TeamDefaults(
            name=(mapping.team.name if mapping.team else None),
            school=(mapping.team.school if mapping.team and mapping.team.school else next(iter(tests["school"].dropna()), None)),
            subject=(mapping.team.subject if mapping.team and mapping.team.subject else subject))
        return builder.finish(context.team_windows, context.known_students)

    def _tests(self, table: InputTable, builder: PlanBuilder, mapping: MappingFile) -> pd.DataFrame:
        """One row per test: the fields the rules need, with provenance."""
        cols = table.columns(RESULT_COLUMNS, _id_alias(mapping), self.title)
        records = []
        for number, row in table.frame.iterrows():
            student = cell(row, cols, "StudentID")
            rit, why = parse_number(cell(row, cols, "TestRITScore"))
            if student is None or pd.isna(student) or rit is None:
                reason = "this row has no student id" if student is None or pd.isna(student) else (
                    why or "this test has no TestRITScore (not finished or invalidated?)")
                builder.skip_at(table, int(number), reason, column=cols.get("TestRITScore"))
                continue
            term = cell(row, cols, "TermName")
            day = read_date(builder, table, int(number), cell(row, cols, "TestStartDate"), cols.get("TestStartDate", ""), mapping)
            se, _ = parse_number(cell(row, cols, "TestStandardError"))
            growth = str(cell(row, cols, "GrowthMeasureYN") or "").strip().lower() in _TRUE
            goals = {str(cell(row, cols, f"Goal{n}Name")).strip(): cell(row, cols, f"Goal{n}RitScore") for n in GOALS
                     if cell(row, cols, f"Goal{n}Name") is not None and not pd.isna(cell(row, cols, f"Goal{n}Name"))}
            records.append({
                "student": str(student).strip(), "window": mapping.window_for(str(term)), "rit": rit, "date": day,
                "subject": _text(cell(row, cols, "Discipline")) or _text(cell(row, cols, "MeasurementScale")),
                "scale": _text(cell(row, cols, "MeasurementScale")) or _text(cell(row, cols, "Discipline")),
                "percentile": parse_number(cell(row, cols, "TestPercentile"))[0], "goals": goals,
                "grade": cell(row, cols, "Grade"), "school": _text(cell(row, cols, "SchoolName")),
                "gender": cell(row, cols, "StudentGender"), "race": cell(row, cols, "StudentEthnicGroup"),
                "_growth": 0 if growth else 1, "_se": se, "_when": pd.to_datetime(day), "_file": table.label,
                "_row": int(number)})
        return pd.DataFrame(records)

    def _one_subject(self, tests: pd.DataFrame, mapping: MappingFile, context: ImportContext, label: str,
                     builder: PlanBuilder) -> pd.DataFrame:
        if tests.empty:
            return tests
        subject = choose_subject(tests["subject"].dropna(), mapping, context.team, label, "Discipline")
        if subject is None:
            return tests
        other = tests[tests["subject"] != subject]
        if len(other):
            builder.note(f"{len(other)} test(s) of other subjects ({', '.join(dict.fromkeys(other['subject'].dropna()))}) "
                         f"left out: this import is {subject}.")
        return tests[tests["subject"] == subject]

    @staticmethod
    def _score_rows(tests: pd.DataFrame, mapping: MappingFile) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        for test in tests.to_dict("records"):
            where = {"file": test["_file"], "row": test["_row"], "date": test["date"],
                     "assessment": mapping.assessment or f"MAP Growth {test['scale'] or ''}".strip()}
            student, window = test["student"], test["window"]
            rows.append(score_row(student, window, OVERALL_STANDARD, test["rit"], "scale", **where))
            for name, value in test["goals"].items():
                score, _ = parse_number(value)
                if name and score is not None:
                    rows.append(score_row(student, window, mapping.standards.get(name, name), score, "scale", **where))
            if test["percentile"] is not None and not pd.isna(test["percentile"]):
                rows.append(score_row(student, window, PERCENTILE_STANDARD, test["percentile"], "percentile", **where))
        return rows

    def _students(self, builder: PlanBuilder, rosters: list[InputTable], results: list[InputTable],
                  mapping: MappingFile, term_dates: dict[str, object]) -> None:
        """Roster rows from StudentsBySchool, else from the Combined file's Grade, else the mapping's grade."""
        wanted = {"student_id": "StudentID", "grade": "Grade", "gender": "StudentGender",
                  "race_ethnicity": "StudentEthnicGroup", "_date": "_date"}
        for table in rosters:
            cols = table.columns(STUDENT_COLUMNS, _id_alias(mapping), "MAP StudentsBySchool")
            frame = table.frame.assign(_date=table.frame[cols["TermName"]].map(
                lambda t: term_dates.get(mapping.window_for(str(t)))))
            columns = {name: cols.get(source, source) for name, source in wanted.items()}
            builder.students.append(student_rows(builder, table, frame, columns, _KINDERGARTEN, mapping.grade))
        if rosters:
            return
        for table in results:
            cols = table.columns(RESULT_COLUMNS, _id_alias(mapping), self.title)
            if "Grade" not in cols and mapping.grade is None:
                builder.note(f"{table.label} has no Grade column: add StudentsBySchool.csv from the same download "
                             "(or grade: in the mapping) so students.csv can be written.")
                continue
            dates = table.frame[cols["TestStartDate"]] if "TestStartDate" in cols else pd.Series(None, index=table.frame.index)
            frame = table.frame.assign(_date=dates.map(lambda v: parse_date(v, mapping.date_format)[0]))
            columns = {name: cols[source] for name, source in wanted.items() if source in cols}
            columns["_date"] = "_date"
            builder.students.append(student_rows(builder, table, frame, columns, _KINDERGARTEN, mapping.grade))


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value).strip()  # type: ignore[arg-type]
