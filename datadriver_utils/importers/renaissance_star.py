"""Renaissance Star (Reading, Math, Early Literacy): the ``SR_v2`` / ``SM_v2`` / ``SEL_v2`` export and the
``*_Dashboard_Standards_v2`` file.

What maps to what (IMPORT_FORMATS.md, "Renaissance Star"; headers checked against the sample
files of edanalytics/earthmover_edfi_bundles):

* student id = ``student_id_column`` from the mapping (default StudentIdentifier, the district's
  id; StudentStateID or StudentRenaissanceID are the other choices);
* window = ScreeningPeriodWindowName + SchoolYear ("fall 2023-2024"); a test outside every
  screening window takes its window from ``window_dates`` in the mapping, or is reported;
* date = CompletedDateLocal (the school's day), else CompletedDate;
* score = UnifiedScore (score_type scale), falling back to ScaledScore for older tests (they are
  on different scales: the preview says so); PercentileRank as a ``percentile rank`` row;
* deactivated tests (AssessmentStatus or a DeactivationReason) are skipped;
* **retests**: the latest completed test in a window is kept (a stated rule of ours -- we
  believe Star's screening report does the same, but have not verified it);
* the standards file: StandardName as the standard, StandardPercentMastery as points out of
  100 (score_type percent), kept only for tests kept above (linked by AssessmentID).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pandas as pd

from datadriver_utils.contract.schemas import OVERALL_STANDARD
from datadriver_utils.errors import ImportRefusedError, Problem
from datadriver_utils.importers.common import (
    cell,
    choose_subject,
    race_from_flags,
    read_date,
    score_row,
    window_by_date,
)
from datadriver_utils.importers.headers import Column
from datadriver_utils.importers.inputs import InputTable, read_inputs
from datadriver_utils.importers.mapping import MappingFile, TeamDefaults
from datadriver_utils.importers.nwea_map import PERCENTILE_STANDARD
from datadriver_utils.importers.plan import ImportPlan, PlanBuilder
from datadriver_utils.importers.registry import ImportContext, Source, register
from datadriver_utils.importers.values import clean_student_id, parse_grade, parse_number

__all__ = ["RenaissanceStar"]

RACE_FLAGS = {"American Indian or Alaska Native": "AmericanIndianOrAlaskaNative", "Asian": "Asian",
              "Black or African American": "BlackOrAfricanAmerican",
              "Native Hawaiian or Other Pacific Islander": "NativeHawaiianOrOtherPacificIslander", "White": "White"}
TEST_COLUMNS = [
    Column("SchoolYear", ("School Year",)), Column("CompletedDate", ("Completed Date",)),
    Column("CompletedDateLocal", required=False), Column("ScreeningPeriodWindowName", ("Screening Period Window Name",), required=False),
    Column("UnifiedScore", ("Unified Score",), required=False), Column("ScaledScore", ("Scaled Score",), required=False),
    Column("PercentileRank", ("Percentile Rank", "PR"), required=False), Column("AssessmentID", required=False),
    Column("AssessmentStatus", required=False), Column("DeactivationReason", required=False),
    Column("Grade", required=False), Column("CurrentGrade", required=False), Column("Gender", required=False),
    Column("HispanicOrLatino", required=False), Column("GroupOrClassName", required=False),
    Column("SchoolName", required=False), *(Column(c, required=False) for c in RACE_FLAGS.values()),
]
STANDARD_COLUMNS = [Column("AssessmentID"), Column("CompletedDate", ("Completed Date",)), Column("StandardName"),
                    Column("StandardPercentMastery"), Column("SchoolYear", required=False)]
_DEACTIVATED = {"deactivated", "invalid", "deleted", "inactive"}
_PRODUCTS = {"sr": "Star Reading", "sm": "Star Math", "sel": "Star Early Literacy"}


def _id_column(mapping: MappingFile) -> Column:
    return Column(mapping.student_id_column or "StudentIdentifier", ("Student Identifier",))


def _product(table: InputTable, mapping: MappingFile) -> str:
    if mapping.assessment:
        return mapping.assessment
    prefix = table.path.stem.split("_")[0].lower()
    return _PRODUCTS.get(prefix, "Star")


@register
class RenaissanceStar(Source):
    """Renaissance Star exports (docs/importing.md)."""

    name: ClassVar[str] = "renaissance-star"
    title: ClassVar[str] = "Renaissance Star"
    tables: ClassVar[tuple[str, ...]] = ("students", "assessments")
    mapping_keys: ClassVar[frozenset[str]] = frozenset(
        {"student_id_column", "columns", "subject", "assessment", "windows", "window_dates", "date_format", "standards",
         "grade"})

    def build(self, files: list[Path], mapping: MappingFile, context: ImportContext) -> ImportPlan:
        inputs = read_inputs(files)
        builder = PlanBuilder(self.name, self.title, [t.label for t in inputs])
        standards = [t for t in inputs if t.has("StandardPercentMastery")]
        tests_files = [t for t in inputs if t not in standards and (t.has("UnifiedScore") or t.has("ScaledScore"))]
        other = [t for t in inputs if t not in standards and t not in tests_files]
        if other or not inputs:
            raise ImportRefusedError("These files are not Star exports:", [Problem(
                t.label, "no UnifiedScore, ScaledScore or StandardPercentMastery column: give SR_v2.csv / SM_v2.csv "
                "(and optionally the Dashboard Standards file).", row=1) for t in other])
        for table in inputs:
            builder.rows_read[table.label] = len(table.frame)
            builder.unusable += table.problems
        tests = pd.concat([self._tests(t, builder, mapping) for t in tests_files] or [pd.DataFrame()], ignore_index=True)
        if len(tests):
            product = choose_subject(tests["product"], mapping, context.team, tests_files[0].label, "product")
            tests = tests[tests["product"] == product]
            tests = builder.keep_one(tests, ["student", "window"], ["_when"], [False],
                                     "the latest completed test in the window")
            builder.scores.append(pd.DataFrame(self._score_rows(tests)))
            builder.students.append(pd.DataFrame(list(tests["roster"])))
            builder.team_defaults = TeamDefaults(
                name=mapping.team.name if mapping.team else None,
                school=(mapping.team.school if mapping.team and mapping.team.school else next(iter(tests["school"].dropna()), None)),
                subject=(mapping.team.subject if mapping.team and mapping.team.subject else product))
        kept = {str(t): (s, w) for t, s, w in zip(tests.get("test_id", []), tests.get("student", []),
                                                  tests.get("window", []), strict=True) if t}
        for table in standards:
            builder.scores.append(pd.DataFrame(self._standard_rows(table, builder, mapping, kept if len(tests) else None)))
        return builder.finish(context.team_windows, context.known_students)

    def _tests(self, table: InputTable, builder: PlanBuilder, mapping: MappingFile) -> pd.DataFrame:
        id_column = _id_column(mapping)
        cols = table.columns([id_column, *TEST_COLUMNS], mapping.columns, self.title)
        if "UnifiedScore" not in cols and "ScaledScore" not in cols:
            raise ImportRefusedError(f"{table.label} has no score column.", [Problem(table.label, "expected UnifiedScore "
                                     "or ScaledScore.", row=1)])
        records, fallback = [], 0
        for number, row in table.frame.iterrows():
            at = int(number)
            student, why = clean_student_id(cell(row, cols, id_column.name))
            if student is None:
                builder.skip_at(table, at, f"{why}; choose another id column with student_id_column: in the mapping",
                                column=cols[id_column.name])
                continue
            status = str(cell(row, cols, "AssessmentStatus") or "").strip().lower()
            reason = cell(row, cols, "DeactivationReason")
            if status in _DEACTIVATED or (reason is not None and not pd.isna(reason)):
                builder.skip_at(table, at, "this test was deactivated in Star, so it does not count.",
                                column=cols.get("AssessmentStatus"), value=reason if reason is not None else status)
                continue
            score, why = parse_number(cell(row, cols, "UnifiedScore"))
            if score is None:
                score, why = parse_number(cell(row, cols, "ScaledScore"))
                fallback += score is not None
            if score is None:
                builder.skip_at(table, at, why or "this test has no UnifiedScore or ScaledScore.", column=cols.get("UnifiedScore"))
                continue
            day = read_date(builder, table, at, cell(row, cols, "CompletedDateLocal") or cell(row, cols, "CompletedDate"),
                            cols.get("CompletedDate", ""), mapping)
            window = self._window(builder, table, at, row, cols, mapping, day)
            if window is None:
                continue
            grade = parse_grade(cell(row, cols, "Grade")) or parse_grade(cell(row, cols, "CurrentGrade")) or mapping.grade
            race = race_from_flags({k: cell(row, cols, v) for k, v in RACE_FLAGS.items()}, cell(row, cols, "HispanicOrLatino"))
            roster = {"student_id": student, "grade": grade, "gender": _text(cell(row, cols, "Gender")),
                      "race_ethnicity": race, "section": _text(cell(row, cols, "GroupOrClassName")), "_date": day,
                      "_file": table.label, "_row": at}
            if grade is None:
                builder.skip_at(table, at, "the grade is not K or 1-12 (or is blank): this student cannot join "
                                "students.csv.", column=cols.get("Grade"), value=cell(row, cols, "Grade"))
                continue
            records.append({"student": student, "window": window, "score": score, "date": day, "_when": pd.to_datetime(day),
                            "percentile": parse_number(cell(row, cols, "PercentileRank"))[0],
                            "test_id": _text(cell(row, cols, "AssessmentID")), "product": _product(table, mapping),
                            "school": _text(cell(row, cols, "SchoolName")), "roster": roster, "_file": table.label, "_row": at})
        if fallback:
            builder.note(f"{fallback} test(s) have no UnifiedScore and use ScaledScore: Star's scales changed in "
                         "2022-23, so do not compare those scores with Unified scores.")
        return pd.DataFrame(records)

    @staticmethod
    def _window(builder: PlanBuilder, table: InputTable, at: int, row: pd.Series, cols: dict[str, str],
                mapping: MappingFile, day: str | None) -> str | None:
        name, year = _text(cell(row, cols, "ScreeningPeriodWindowName")), _text(cell(row, cols, "SchoolYear"))
        if name:
            return mapping.window_for(f"{name} {year}" if year else name)
        found = window_by_date(builder, table, at, day, mapping, "screening window (ScreeningPeriodWindowName is blank)")
        return None if found is None else mapping.window_for(found)

    @staticmethod
    def _score_rows(tests: pd.DataFrame) -> list[dict[str, object]]:
        rows = []
        for test in tests.to_dict("records"):
            where = {"file": test["_file"], "row": test["_row"], "date": test["date"], "assessment": test["product"]}
            rows.append(score_row(test["student"], test["window"], OVERALL_STANDARD, test["score"], "scale", **where))
            if test["percentile"] is not None and not pd.isna(test["percentile"]):
                rows.append(score_row(test["student"], test["window"], PERCENTILE_STANDARD, test["percentile"],
                                      "percentile", **where))
        return rows

    def _standard_rows(self, table: InputTable, builder: PlanBuilder, mapping: MappingFile,
                       kept: dict[str, tuple[str, str]] | None) -> list[dict[str, object]]:
        id_column = _id_column(mapping)
        cols = table.columns([id_column, *STANDARD_COLUMNS], mapping.columns, f"{self.title} Dashboard Standards")
        rows = []
        for number, row in table.frame.iterrows():
            at = int(number)
            test_id = _text(cell(row, cols, "AssessmentID"))
            mastery, why = parse_number(cell(row, cols, "StandardPercentMastery"))
            if mastery is None:
                builder.skip_at(table, at, why or "no StandardPercentMastery.", column=cols["StandardPercentMastery"])
                continue
            student: str | None
            if kept is not None:
                if test_id not in kept:
                    builder.skip_at(table, at, "this standard belongs to a test that was not used (a retest, or a test "
                                    "left out above).", column=cols["AssessmentID"], value=test_id)
                    continue
                student, window = kept[test_id]
            else:
                student = clean_student_id(cell(row, cols, id_column.name))[0]
                day = read_date(builder, table, at, cell(row, cols, "CompletedDate"), cols["CompletedDate"], mapping)
                found = window_by_date(builder, table, at, day, mapping, "window (give the SR/SM file too)")
                if student is None or found is None:
                    continue
                window = mapping.window_for(found)
            name = str(cell(row, cols, "StandardName")).strip()
            rows.append(score_row(student, window, mapping.standards.get(name, name), mastery, "percent", possible=100.0,
                                  file=table.label, row=at, assessment=mapping.assessment or "Star standards mastery"))
        return rows


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value).strip()  # type: ignore[arg-type]
