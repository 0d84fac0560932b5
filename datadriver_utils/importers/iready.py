"""Curriculum Associates i-Ready Diagnostic Results (the ELA and Math files).

What maps to what (IMPORT_FORMATS.md, "i-Ready Diagnostic"; headers checked against the sample
files of edanalytics/earthmover_edfi_bundles):

* student = Student ID (or ``student_id_column``), grade = Student Grade; Sex, Hispanic or Latino
  and Race, English Language Learner, Special Education, Economically Disadvantaged and the first
  of Class(es) become gender, race_ethnicity, ell, sped, frl and section; names are dropped;
* window = the season of Norming Window + Academic Year ("winter 2025-2026"); older files
  without Norming Window take it from ``window_dates`` by Completion Date; with
  ``windows_from: flags`` the Baseline Diagnostic (Y/N) becomes ``pre`` and Most Recent
  Diagnostic YTD (Y/N) ``post``;
* Overall Scale Score → an ``overall`` row (score_type scale); each "<Domain> Scale Score"
  column → a row with the domain as the standard (not "Mid On Grade Level Scale Score", which is
  a reference point, not the student's score); Percentile → a ``percentile rank`` row;
* a cell reading "Not Assessed" (the domain was not tested) or "Max Score" writes no row and
  is counted; **retests**: the latest Completion Date in a window is kept;
* "Reading Comprehension: X" (older files) is read as "Comprehension: X", so standards match
  across years; ``standards:`` renames further.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd

from datadriver_utils.contract.schemas import OVERALL_STANDARD
from datadriver_utils.importers.common import cell, choose_subject, read_date, score_row, window_by_date
from datadriver_utils.importers.headers import Column, header_key
from datadriver_utils.importers.inputs import InputTable, read_inputs
from datadriver_utils.importers.mapping import MappingFile, TeamDefaults
from datadriver_utils.importers.nwea_map import PERCENTILE_STANDARD
from datadriver_utils.importers.plan import ImportPlan, PlanBuilder
from datadriver_utils.importers.registry import ImportContext, Source, register
from datadriver_utils.importers.values import NOT_A_SCORE, clean_student_id, parse_grade, parse_number, yes_no

__all__ = ["IReady", "domain_name"]

COLUMNS = [
    Column("Student Grade", ("Grade",)), Column("Academic Year"), Column("Completion Date"),
    Column("Overall Scale Score"), Column("Norming Window", required=False),
    Column("Baseline Diagnostic (Y/N)", ("Baseline Diagnostic",), required=False),
    Column("Most Recent Diagnostic YTD (Y/N)", ("Most Recent Diagnostic YTD", "Most Recent Diagnostic (Y/N)"), required=False),
    Column("Percentile", required=False), Column("Sex", ("Gender",), required=False),
    Column("Hispanic or Latino", required=False), Column("Race", required=False),
    Column("English Language Learner", required=False), Column("Special Education", required=False),
    Column("Economically Disadvantaged", required=False), Column("Class(es)", ("Classes",), required=False),
    Column("School", required=False),
]
_SCALE_SUFFIX = re.compile(r"\s*scale score\s*$", re.IGNORECASE)
_NOT_DOMAINS = {header_key("Overall Scale Score"), header_key("Mid On Grade Level Scale Score")}
_DRIFT = {"reading comprehension:": "Comprehension:"}
_SEASON = re.compile(r"^\s*(fall|winter|spring|summer)\b", re.IGNORECASE)
_MATH_WORDS = ("number and operations", "algebra", "geometry", "measurement")


def domain_name(header: str) -> str:
    """"Reading Comprehension: Literature Scale Score" → "Comprehension: Literature"."""
    name = _SCALE_SUFFIX.sub("", header).strip()
    for old, new in _DRIFT.items():
        if name.lower().startswith(old):
            name = new + name[len(old):]
    return name


def _subject(table: InputTable, domains: list[str]) -> str:
    stem = table.path.stem.lower()
    if "math" in stem or any(d.lower().startswith(_MATH_WORDS) for d in domains):
        return "Math"
    return "Reading"


@register
class IReady(Source):
    """i-Ready Diagnostic Results exports (docs/importing.md)."""

    name: ClassVar[str] = "iready"
    title: ClassVar[str] = "i-Ready Diagnostic"
    tables: ClassVar[tuple[str, ...]] = ("students", "assessments")
    mapping_keys: ClassVar[frozenset[str]] = frozenset(
        {"student_id_column", "columns", "subject", "assessment", "windows", "window_dates", "windows_from",
         "date_format", "standards", "grade"})

    def build(self, files: list[Path], mapping: MappingFile, context: ImportContext) -> ImportPlan:
        inputs = read_inputs(files)
        builder = PlanBuilder(self.name, self.title, [t.label for t in inputs])
        diagnostics = pd.concat([self._diagnostics(t, builder, mapping) for t in inputs], ignore_index=True)
        if diagnostics.empty:
            return builder.finish(context.team_windows, context.known_students)
        subject = choose_subject(diagnostics["subject"], mapping, context.team, inputs[0].label, "subject (file)")
        other = diagnostics[diagnostics["subject"] != subject]
        if len(other):
            builder.note(f"{len(other)} diagnostic(s) of {', '.join(dict.fromkeys(other['subject']))} left out: this "
                         f"import is {subject}.")
        diagnostics = diagnostics[diagnostics["subject"] == subject]
        diagnostics = builder.keep_one(diagnostics, ["student", "window"], ["_when"], [False],
                                       "the latest Completion Date in the window")
        builder.scores.append(pd.DataFrame([r for rows in diagnostics["scores"] for r in rows]))
        builder.students.append(pd.DataFrame(list(diagnostics["roster"])))
        team = mapping.team
        builder.team_defaults = TeamDefaults(
            name=team.name if team else None,
            school=(team.school if team and team.school else next(iter(diagnostics["school"].dropna()), None)),
            subject=(team.subject if team and team.subject else subject))
        return builder.finish(context.team_windows, context.known_students)

    def _diagnostics(self, table: InputTable, builder: PlanBuilder, mapping: MappingFile) -> pd.DataFrame:
        id_column = Column(mapping.student_id_column or "Student ID", ("StudentID",))
        cols = table.columns([id_column, *COLUMNS], mapping.columns, self.title)
        builder.rows_read[table.label] = len(table.frame)
        builder.unusable += table.problems
        domains = {c: domain_name(table.typed(c)) for c in table.frame.columns
                   if _SCALE_SUFFIX.search(table.typed(c)) and header_key(table.typed(c)) not in _NOT_DOMAINS}
        subject = _subject(table, list(domains.values()))
        assessment = mapping.assessment or f"i-Ready Diagnostic {subject}"
        records: list[dict[str, object]] = []
        counts: dict[str, int] = {}
        for number, row in table.frame.iterrows():
            at = int(number)
            student, why = clean_student_id(cell(row, cols, id_column.name))
            if student is None:
                builder.skip_at(table, at, why or "no student id", column=cols[id_column.name])
                continue
            grade = parse_grade(cell(row, cols, "Student Grade")) or mapping.grade
            if grade is None:
                builder.skip_at(table, at, "the grade is not K or 1-12 (or is blank): this student cannot join "
                                "students.csv.", column=cols["Student Grade"], value=cell(row, cols, "Student Grade"))
                continue
            day = read_date(builder, table, at, cell(row, cols, "Completion Date"), cols["Completion Date"], mapping)
            window = self._window(builder, table, at, row, cols, mapping, day)
            overall, why = parse_number(cell(row, cols, "Overall Scale Score"))
            if window is None:
                continue
            if overall is None:
                builder.skip_at(table, at, why or "this diagnostic has no Overall Scale Score.",
                                column=cols["Overall Scale Score"])
                continue
            where: dict[str, Any] = {"file": table.label, "row": at, "date": day, "assessment": assessment}
            scores = [score_row(student, window, OVERALL_STANDARD, overall, "scale", **where)]
            scores += self._domain_rows(builder, table, at, row, domains, student, window, where, mapping, counts)
            percentile = parse_number(cell(row, cols, "Percentile"))[0]
            if percentile is not None:
                scores.append(score_row(student, window, PERCENTILE_STANDARD, percentile, "percentile", **where))
            records.append({"student": student, "window": window, "subject": subject, "scores": scores,
                            "_when": pd.to_datetime(day), "school": _text(cell(row, cols, "School")),
                            "roster": self._roster(row, cols, student, grade, day, table.label, at),
                            "_file": table.label, "_row": at})
        for word, count in counts.items():
            builder.note(f"{table.label}: {count} domain cell(s) write no row because {NOT_A_SCORE[word]}.")
        return pd.DataFrame(records)

    @staticmethod
    def _window(builder: PlanBuilder, table: InputTable, at: int, row: pd.Series, cols: dict[str, str],
                mapping: MappingFile, day: str | None) -> str | None:
        if mapping.windows_from == "flags":
            if yes_no(cell(row, cols, "Baseline Diagnostic (Y/N)")) == "Y":
                return mapping.window_for("pre")
            if yes_no(cell(row, cols, "Most Recent Diagnostic YTD (Y/N)")) == "Y":
                return mapping.window_for("post")
            builder.skip_at(table, at, "neither the baseline nor the most recent diagnostic of the year (windows_from: "
                            "flags keeps only those two).", column=cols.get("Baseline Diagnostic (Y/N)"))
            return None
        norming = _text(cell(row, cols, "Norming Window"))
        season = _SEASON.match(norming) if norming else None
        if season:
            year = _text(cell(row, cols, "Academic Year"))
            return mapping.window_for(f"{season[1]} {year}" if year else season[1])
        found = window_by_date(builder, table, at, day, mapping, "Norming Window")
        return None if found is None else mapping.window_for(found)

    @staticmethod
    def _domain_rows(builder: PlanBuilder, table: InputTable, at: int, row: pd.Series, domains: dict[str, str],
                     student: str, window: str, where: dict[str, Any], mapping: MappingFile,
                     counts: dict[str, int]) -> list[dict[str, object]]:
        rows = []
        for column, domain in domains.items():
            value = row.get(column)
            score, why = parse_number(value)
            if score is not None:
                rows.append(score_row(student, window, mapping.standards.get(domain, domain), score, "scale", **where))
            elif why is not None and str(value).strip().lower() not in NOT_A_SCORE:
                builder.skip_at(table, at, why, column=column, value=value)
            elif why is not None:
                word = str(value).strip().lower()
                counts[word] = counts.get(word, 0) + 1
        return rows

    @staticmethod
    def _roster(row: pd.Series, cols: dict[str, str], student: str, grade: str, day: str | None, file: str,
                at: int) -> dict[str, object]:
        race = _text(cell(row, cols, "Race"))
        if yes_no(cell(row, cols, "Hispanic or Latino")) == "Y":
            race = "Hispanic or Latino"
        classes = _text(cell(row, cols, "Class(es)"))
        return {"student_id": student, "grade": grade, "gender": _text(cell(row, cols, "Sex")), "race_ethnicity": race,
                "ell": yes_no(cell(row, cols, "English Language Learner")),
                "sped": yes_no(cell(row, cols, "Special Education")),
                "frl": yes_no(cell(row, cols, "Economically Disadvantaged")),
                "section": re.split(r"[;,]", classes)[0].strip() if classes else None,
                "_date": day, "_file": file, "_row": at}


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value).strip()  # type: ignore[arg-type]

