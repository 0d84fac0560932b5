"""OneRoster 1.1 CSV (IMS Global): roster and gradebook results into students.csv and assessments.csv.

Files, recognised by name: users, demographics, enrollments, classes, academicSessions,
lineItems, results (``.csv``; manifest, orgs and courses are not needed). What maps to what
(IMPORT_FORMATS.md, "Rostering and gradebooks"):

* students = users with role student (status tobedeleted skipped); the id is the ``identifier``
  column (the school's id) unless ``student_id_column`` names another users column (sourcedId,
  username); grade = the first of ``grades`` (CEDS codes: KG → K, 01-12);
* demographics by sourcedId: sex → gender, the race flags → race_ethnicity ("Two or more races"
  when several; hispanicOrLatinoEthnicity first); OneRoster carries no ELL, SPED or FRL;
* section = the title of the student's class (enrollments, role student): the class whose line
  items are imported first, else the first by title;
* each result = points (score − resultValueMin) out of (resultValueMax − resultValueMin), with
  the line item's title as ``item_id``; scoreStatus exempt or not submitted, a blank score or a
  line item without resultValueMax is skipped and reported;
* window = the title of the line item's grading period (academicSessions), else ``window:`` or
  ``window_dates`` by the due date; standard = ``standards:`` (line item title or sourcedId →
  standard): OneRoster 1.1 does not tie line items to standards, so an unmapped line item is its
  own standard (and the preview says so).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pandas as pd

from datadriver_utils.errors import ImportRefusedError, Problem
from datadriver_utils.importers.common import race_from_flags, read_date, score_row
from datadriver_utils.importers.headers import header_key
from datadriver_utils.importers.inputs import InputTable, read_inputs
from datadriver_utils.importers.mapping import MappingFile
from datadriver_utils.importers.plan import ImportPlan, PlanBuilder
from datadriver_utils.importers.registry import ImportContext, Source, register
from datadriver_utils.importers.values import clean_student_id, parse_grade, parse_number

__all__ = ["OneRoster"]

FILES = ("users", "demographics", "enrollments", "classes", "academicsessions", "lineitems", "results")
REQUIRED = ("users", "lineitems", "results")
RACE_FLAGS = {"American Indian or Alaska Native": "americanindianoralaskanative", "Asian": "asian",
              "Black or African American": "blackorafricanamerican",
              "Native Hawaiian or Other Pacific Islander": "nativehawaiianorotherpacificislander", "White": "white"}
_SKIPPED_STATUS = {"exempt": "the result is marked exempt, so it does not count",
                   "not submitted": "the work was not submitted, so there is no score"}


def _by_key(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns renamed to their header keys (OneRoster names are camelCase; files drift in case)."""
    return frame.rename(columns={c: header_key(c) for c in frame.columns})


def _active(frame: pd.DataFrame) -> pd.DataFrame:
    if "status" not in frame:
        return frame
    return frame[frame["status"].fillna("active").str.lower() != "tobedeleted"]


@register
class OneRoster(Source):
    """OneRoster 1.1 CSV files (docs/importing.md)."""

    name: ClassVar[str] = "oneroster"
    title: ClassVar[str] = "OneRoster 1.1 CSV"
    tables: ClassVar[tuple[str, ...]] = ("students", "assessments")
    mapping_keys: ClassVar[frozenset[str]] = frozenset(
        {"student_id_column", "assessment", "window", "windows", "window_dates", "date_format", "standards"})

    def build(self, files: list[Path], mapping: MappingFile, context: ImportContext) -> ImportPlan:
        expanded = [p for f in files for p in (sorted(f.glob("*.csv")) if f.is_dir() else [f])]
        inputs = {header_key(t.path.stem): t for t in read_inputs(expanded) if header_key(t.path.stem) in FILES}
        missing = [name for name in REQUIRED if name not in inputs]
        if missing:
            raise ImportRefusedError("Some OneRoster files are missing:", [Problem(
                f"{name}.csv", "needed: give users.csv, lineItems.csv and results.csv (and enrollments, classes, "
                "academicSessions, demographics for sections, windows and groups), or the folder holding them.")
                for name in missing])
        builder = PlanBuilder(self.name, self.title, [t.label for t in inputs.values()])
        for table in inputs.values():
            builder.rows_read[table.label] = len(table.frame)
            builder.unusable += table.problems
        frames = {name: _active(_by_key(table.frame)) for name, table in inputs.items()}
        ids = self._students(builder, inputs["users"], frames, mapping)
        items = self._line_items(frames, mapping, builder)
        self._sections(builder, frames, ids, items)
        self._results(builder, inputs["results"], frames["results"], ids, items, mapping)
        return builder.finish(context.team_windows, context.known_students)

    def _students(self, builder: PlanBuilder, table: InputTable, frames: dict[str, pd.DataFrame],
                  mapping: MappingFile) -> dict[str, str]:
        """sourcedId → student id; roster rows added to the builder."""
        users = frames["users"]
        id_key = header_key(mapping.student_id_column or "identifier")
        if id_key not in users:
            raise ImportRefusedError("users.csv has no such id column:", [Problem(
                table.label, "choose an existing column with student_id_column: (identifier, sourcedId or username).",
                row=1, column=mapping.student_id_column or "identifier")])
        demographics = frames.get("demographics", pd.DataFrame()).set_index("sourcedid") if "demographics" in frames else None
        ids, rows = {}, []
        for number, user in users[users.get("role", pd.Series("student", index=users.index)).str.lower() == "student"].iterrows():
            student, why = clean_student_id(user.get(id_key))
            if student is None:
                builder.skip_at(table, int(number), f"{why}; choose another id with student_id_column: in the mapping",
                                column=mapping.student_id_column or "identifier")
                continue
            raw = str(user.get("grades") or "").split(",")[0].strip()
            grade = parse_grade(raw, ("KG",))
            if grade is None:
                builder.skip_at(table, int(number), "the grade is not K or 1-12 (PK, UG or blank), so this student cannot "
                                "join students.csv.", column="grades", value=raw)
                continue
            ids[str(user["sourcedid"])] = student
            demo = demographics.loc[user["sourcedid"]] if demographics is not None and user["sourcedid"] in demographics.index else {}
            race = race_from_flags({k: _get(demo, v) for k, v in RACE_FLAGS.items()}, _get(demo, "hispanicorlatinoethnicity"))
            if race is None and str(_get(demo, "demographicracetwoormoreraces")).lower() == "true":
                race = "Two or more races"
            rows.append({"student_id": student, "grade": grade, "gender": _get(demo, "sex"), "race_ethnicity": race,
                         "_file": table.label, "_row": int(number)})
        builder.students.append(pd.DataFrame(rows))
        return ids

    @staticmethod
    def _line_items(frames: dict[str, pd.DataFrame], mapping: MappingFile, builder: PlanBuilder) -> pd.DataFrame:
        items = frames["lineitems"].copy()
        sessions = frames.get("academicsessions")
        titles = sessions.set_index("sourcedid")["title"] if sessions is not None and "title" in sessions else pd.Series(dtype=str)
        items["window"] = items.get("gradingperiodsourcedid", pd.Series(index=items.index, dtype=str)).map(titles)
        repeated = items["title"].duplicated(keep=False)
        items["item_id"] = items["title"].where(~repeated, items["title"] + " (" + items["sourcedid"] + ")")
        items["standard"] = [mapping.standards.get(t) or mapping.standards.get(s) or t
                             for t, s in zip(items["title"], items["sourcedid"], strict=True)]
        unmapped = [t for t, s in zip(items["title"], items["sourcedid"], strict=True)
                    if t not in mapping.standards and s not in mapping.standards]
        if unmapped:
            builder.note(f"{len(unmapped)} line item(s) have no standard under standards: in the mapping and stand for "
                         f"themselves: {', '.join(unmapped[:8])}{' …' if len(unmapped) > 8 else ''}.")
        return items.set_index("sourcedid")

    @staticmethod
    def _sections(builder: PlanBuilder, frames: dict[str, pd.DataFrame], ids: dict[str, str], items: pd.DataFrame) -> None:
        if "enrollments" not in frames or "classes" not in frames or not builder.students:
            return
        classes = frames["classes"].set_index("sourcedid")["title"]
        enrolled = frames["enrollments"]
        enrolled = enrolled[enrolled.get("role", pd.Series("student", index=enrolled.index)).str.lower() == "student"]
        graded = set(items.get("classsourcedid", pd.Series(dtype=str)).dropna())
        enrolled = enrolled.assign(_graded=~enrolled["classsourcedid"].isin(graded),
                                   _title=enrolled["classsourcedid"].map(classes))
        first = enrolled.sort_values(["_graded", "_title"]).drop_duplicates("usersourcedid")
        section = {ids[u]: t for u, t in zip(first["usersourcedid"], first["_title"], strict=True) if u in ids}
        roster = builder.students[-1]
        builder.students[-1] = roster.assign(section=roster["student_id"].map(section))

    def _results(self, builder: PlanBuilder, table: InputTable, results: pd.DataFrame, ids: dict[str, str],
                 items: pd.DataFrame, mapping: MappingFile) -> None:
        rows = []
        for number, result in results.iterrows():
            at = int(number)
            status = str(result.get("scorestatus") or "").strip().lower()
            if status in _SKIPPED_STATUS:
                builder.skip_at(table, at, _SKIPPED_STATUS[status] + ".", column="scoreStatus", value=status)
                continue
            item_key = result.get("lineitemsourcedid")
            if item_key not in items.index:
                builder.skip_at(table, at, "no line item in lineItems.csv has this lineItemSourcedId.",
                                column="lineItemSourcedId", value=item_key)
                continue
            item = items.loc[item_key]
            student = ids.get(str(result.get("studentsourcedid")))
            score, why = parse_number(result.get("score"))
            low, _ = parse_number(item.get("resultvaluemin"))
            high, _ = parse_number(item.get("resultvaluemax"))
            problem = ("this student is not a usable student in users.csv" if student is None else
                       (why or "the score is blank") if score is None else
                       "its line item has no resultValueMax, so the points possible are unknown" if high is None else None)
            if problem:
                builder.skip_at(table, at, problem + ".", column="score", value=result.get("score"))
                continue
            day = read_date(builder, table, at, result.get("scoredate") or item.get("duedate"), "scoreDate", mapping)
            window = self._window(builder, table, at, item, mapping, day)
            if window is None or student is None or score is None or high is None:
                continue
            rows.append(score_row(student, window, str(item["standard"]), score - (low or 0.0), "points",
                                  possible=high - (low or 0.0), item_id=str(item["item_id"]), file=table.label, row=at,
                                  date=day, assessment=mapping.assessment or "OneRoster gradebook"))
        builder.scores.append(pd.DataFrame(rows))

    @staticmethod
    def _window(builder: PlanBuilder, table: InputTable, at: int, item: pd.Series, mapping: MappingFile,
                day: str | None) -> str | None:
        period = item.get("window")
        if period is not None and not pd.isna(period):
            return mapping.window_for(str(period))
        if mapping.window:
            return mapping.window_for(mapping.window)
        found = mapping.window_on(day)
        if found is None:
            builder.skip_at(table, at, "the line item has no grading period in academicSessions.csv: give window: or "
                            "window_dates: in the mapping.", column="lineItemSourcedId")
            return None
        return mapping.window_for(found)


def _get(record: object, key: str) -> str | None:
    value = record.get(key) if hasattr(record, "get") else None
    return None if value is None or pd.isna(value) else str(value)
