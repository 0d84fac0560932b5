"""Item answer sheets: one row per student, one column per question (letters or points), and a key.

The key is a file with one row per item -- ``item_id``, the correct answer (``key``) and/or the
points it is worth (``points_possible``), and its ``standard`` -- or a row of the sheet whose
student id reads KEY (then each item is worth 1 point and its standard comes from
``standards:`` in the mapping). IMPORT_FORMATS.md, "Item-level answer sheets"; Illuminate's own
report headers are not verified.

Each answer becomes an assessments.csv row with ``item_id``, ``response`` and ``key``, so the
Assessor's distractor analysis works: a letter earns the item's points when it matches the key
(several correct answers may be written ``A|C``), else 0; a number is points earned. A blank
answer scores 0 (``blank_answers: skip`` leaves it out instead). The window comes from
``window:`` in the mapping (a sheet does not say); students.csv is written when the sheet has a
grade column or the mapping gives ``grade:``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

import pandas as pd

from datadriver_utils.errors import ImportRefusedError, Problem
from datadriver_utils.importers.common import cell, read_date, score_row
from datadriver_utils.importers.headers import Column, find_columns, header_key
from datadriver_utils.importers.inputs import InputTable, read_inputs
from datadriver_utils.importers.mapping import MappingFile
from datadriver_utils.importers.plan import ImportPlan, PlanBuilder
from datadriver_utils.importers.registry import ImportContext, Source, register
from datadriver_utils.importers.values import clean_student_id, parse_grade, parse_number

__all__ = ["ItemSheet", "Item"]

KEY_COLUMNS = [Column("item_id", ("item", "question", "question number", "q", "item number")),
               Column("key", ("answer", "correct", "correct answer", "answer key"), required=False),
               Column("points_possible", ("points", "max points", "points possible", "value", "max"), required=False),
               Column("standard", ("standard code", "standards"), required=False)]
SHEET_COLUMNS = [Column("grade", ("student grade", "grade level"), required=False),
                 Column("section", ("class", "period", "class section"), required=False),
                 Column("date", ("test date", "date taken"), required=False)]
_ID = Column("student_id", ("student id", "studentid", "id", "student number", "student_number", "local id"))
_KEY_WORDS = {"key", "answer key", "answerkey", "answers", "correct"}
_LETTER = re.compile(r"^[A-Za-z](\s*[|/]\s*[A-Za-z])*$")


class Item:
    """One question: the correct answer(s) (or None for a points column), its points and standard."""

    def __init__(self, item_id: str, correct: str | None, possible: float, standard: str) -> None:
        self.item_id, self.possible, self.standard = item_id, possible, standard
        self.correct = None if correct is None else {a.strip().upper() for a in re.split(r"[|/]", correct)}
        self.key_text = correct

    def score(self, answer: str) -> tuple[float | None, str | None]:
        """Points for an answer, or ``(None, reason)``."""
        if self.correct is not None:
            return (self.possible if answer.strip().upper() in self.correct else 0.0), None
        points, why = parse_number(answer)
        if points is None:
            return None, why or "expected points"
        if not 0 <= points <= self.possible:
            return None, f"points must be between 0 and {self.possible:g} for this item"
        return points, None


@register
class ItemSheet(Source):
    """Item-level answer sheets with a key (docs/importing.md)."""

    name: ClassVar[str] = "item-sheet"
    title: ClassVar[str] = "item answer sheet"
    tables: ClassVar[tuple[str, ...]] = ("students", "assessments")
    mapping_keys: ClassVar[frozenset[str]] = frozenset(
        {"student_id_column", "columns", "assessment", "window", "windows", "date_format", "standards", "grade",
         "blank_answers"})

    def build(self, files: list[Path], mapping: MappingFile, context: ImportContext) -> ImportPlan:
        inputs = read_inputs(files)
        builder = PlanBuilder(self.name, self.title, [t.label for t in inputs])
        keys = [t for t in inputs if find_columns(list(t.frame.columns), KEY_COLUMNS[:1])[1] == []
                and not find_columns(list(t.frame.columns), [self._id(mapping)])[0]]
        sheets = [t for t in inputs if t not in keys]
        if len(keys) > 1 or not sheets:
            raise ImportRefusedError("Give one answer sheet (a student id column and one column per item) and at most one "
                                     "key file (item_id, key or points_possible, standard):", [
                                         Problem(t.label, "read as a key file" if t in keys else "read as an answer sheet")
                                         for t in inputs])
        if not mapping.window:
            raise ImportRefusedError("An answer sheet does not say which window it is:", [Problem(
                "mapping", "add window: (for example  window: pre) to the mapping file (--map).", column="window")])
        for table in inputs:
            builder.rows_read[table.label] = len(table.frame)
            builder.unusable += table.problems
        for sheet in sheets:
            items = self._items(keys[0] if keys else None, sheet, mapping)
            self._answers(builder, sheet, items, mapping)
        return builder.finish(context.team_windows, context.known_students)

    @staticmethod
    def _id(mapping: MappingFile) -> Column:
        return Column(mapping.student_id_column, ()) if mapping.student_id_column else _ID

    def _items(self, key_file: InputTable | None, sheet: InputTable, mapping: MappingFile) -> list[Item]:
        if key_file is not None:
            return self._items_from_file(key_file, mapping)
        id_column = sheet.columns([self._id(mapping)], mapping.columns, self.title)[self._id(mapping).name]
        rows = sheet.frame[sheet.frame[id_column].astype("string").str.strip().str.lower().isin(_KEY_WORDS)]
        if rows.empty:
            raise ImportRefusedError(f"{sheet.label} has no answer key:", [Problem(sheet.label, "give a key file (item_id, "
                                     "key, points_possible, standard) or a row whose student id reads KEY.")])
        key_row = rows.iloc[0]
        items, missing = [], []
        for column in sheet.frame.columns:
            answer = key_row.get(column)
            if column == id_column or answer is None or pd.isna(answer):
                continue
            name = sheet.typed(column)
            standard = mapping.standards.get(name)
            if standard is None:
                missing.append(Problem(sheet.label, f"item {name} has no standard: add  \"{name}\": <standard>  under "
                                       "standards: in the mapping (or use a key file).", row=int(key_row.name), column=name))
            items.append(Item(name, str(answer).strip(), 1.0, standard or ""))
        if missing:
            raise ImportRefusedError("Standards are missing for the key row's items:", missing)
        return items

    def _items_from_file(self, table: InputTable, mapping: MappingFile) -> list[Item]:
        cols = table.columns(KEY_COLUMNS, mapping.columns, "answer key")
        items, problems = [], []
        for number, row in table.frame.iterrows():
            item_id = str(cell(row, cols, "item_id")).strip()
            answer = cell(row, cols, "key")
            answer = None if answer is None or pd.isna(answer) or not str(answer).strip() else str(answer).strip()
            possible, why = parse_number(cell(row, cols, "points_possible"))
            standard = cell(row, cols, "standard")
            standard = mapping.standards.get(item_id) or (None if standard is None or pd.isna(standard) else str(standard).strip())
            if answer is not None and not _LETTER.match(answer):
                problems.append(Problem(table.label, "the key must be a letter (or letters like A|C); leave it blank "
                                        "when the sheet holds points.", row=int(number), column=cols.get("key"), value=answer))
            if possible is None and answer is None:
                problems.append(Problem(table.label, why or "each item needs a correct answer or its points_possible.",
                                        row=int(number), column=cols.get("points_possible")))
            if not standard:
                problems.append(Problem(table.label, "each item needs a standard (or standards: in the mapping).",
                                        row=int(number), column=cols.get("standard", "standard")))
            items.append(Item(item_id, answer, possible if possible is not None else 1.0, standard or ""))
        if problems:
            raise ImportRefusedError(f"The key {table.label} has problems:", problems)
        return items

    def _answers(self, builder: PlanBuilder, sheet: InputTable, items: list[Item], mapping: MappingFile) -> None:
        id_col = sheet.columns([self._id(mapping)], mapping.columns, self.title)[self._id(mapping).name]
        extra, _ = find_columns(list(sheet.frame.columns), SHEET_COLUMNS, mapping.columns)
        by_key = {header_key(sheet.typed(c)): c for c in sheet.frame.columns}
        found = {item.item_id: by_key.get(header_key(item.item_id)) for item in items}
        absent = [i for i, c in found.items() if c is None]
        if absent:
            raise ImportRefusedError(f"{sheet.label} has no column for some items of the key:", [Problem(
                sheet.label, "no column for this item: check the item ids in the key against row 1 of the sheet.",
                row=1, column=i) for i in absent])
        used = {id_col, *found.values(), *extra.values()}
        ignored = [sheet.typed(c) for c in sheet.frame.columns if c not in used]
        if ignored:
            builder.note(f"{sheet.label}: columns not imported: {', '.join(ignored)} (names are never imported).")
        window, assessment = mapping.window_for(mapping.window or ""), mapping.assessment or sheet.path.stem
        answers: list[dict[str, object]] = []
        roster: list[dict[str, object]] = []
        for number, row in sheet.frame.iterrows():
            at = int(number)
            raw_id = cell(row, {"id": id_col}, "id")
            if str(raw_id).strip().lower() in _KEY_WORDS:
                continue
            student, why = clean_student_id(raw_id)
            if student is None:
                builder.skip_at(sheet, at, why or "no student id", column=id_col)
                continue
            day = read_date(builder, sheet, at, cell(row, extra, "date"), extra.get("date", ""), mapping)
            roster += self._roster(builder, sheet, at, row, extra, mapping, student)
            for item in items:
                answers += self._answer(builder, sheet, at, row.get(found[item.item_id]), item, student, window,
                                        assessment, day, mapping, found[item.item_id] or "")
        builder.scores.append(pd.DataFrame(answers))
        if roster:
            builder.students.append(pd.DataFrame(roster))

    @staticmethod
    def _roster(builder: PlanBuilder, sheet: InputTable, at: int, row: pd.Series, extra: dict[str, str],
                mapping: MappingFile, student: str) -> list[dict[str, object]]:
        raw = cell(row, extra, "grade")
        if raw is None and mapping.grade is None:
            builder.note("No grade column and no grade: in the mapping, so students.csv was not written (the team's "
                         "own students.csv must list these students).")
            return []
        grade = parse_grade(raw) if raw is not None and not pd.isna(raw) else mapping.grade
        if grade is None:
            builder.skip_at(sheet, at, "the grade is not K or 1-12: this student cannot join students.csv.",
                            column=extra.get("grade"), value=raw)
            return []
        section = cell(row, extra, "section")
        return [{"student_id": student, "grade": grade, "_file": sheet.label, "_row": at,
                 "section": None if section is None or pd.isna(section) else str(section)}]

    @staticmethod
    def _answer(builder: PlanBuilder, sheet: InputTable, at: int, value: object, item: Item, student: str, window: str,
                assessment: str, day: str | None, mapping: MappingFile, column: str) -> list[dict[str, object]]:
        blank = value is None or pd.isna(value) or not str(value).strip()  # type: ignore[arg-type]
        if blank and mapping.blank_answers == "skip":
            return []
        points, why = (0.0, None) if blank else item.score(str(value))
        if points is None:
            builder.skip_at(sheet, at, f"{why}; this answer was left out.", column=column, value=value)
            return []
        response = None if blank or item.correct is None else str(value).strip().upper()
        return [score_row(student, window, item.standard, points, "points", possible=item.possible, item_id=item.item_id,
                          response=response, key=item.key_text, file=sheet.label, row=at, assessment=assessment, date=day)]
