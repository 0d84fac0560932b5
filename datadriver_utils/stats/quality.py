"""The data-quality audit: how complete, valid, unique, timely and consistent a team's files are.

The Toolkit's data collection activity (1.6) asks whether the data a team relies on are
complete, accurate and timely. The self-assessment asks *people*; this audit asks the *files*.
It reads the validated tables of one team (``students``, ``assessments``, ``processes``,
``run_chart``, ``pdsa``, ``surveys``, …) and measures five of the dimensions of the DAMA UK
Working Group, *The Six Primary Dimensions for Data Quality Assessment* (2013). The sixth,
accuracy, needs the real world to compare against and is left to the team.

For each file, every dimension is a percentage, 0 to 100 (``None`` where it does not apply):

* **completeness** = 100 × filled cells ÷ cells where a value is expected, over the file's
  contract columns. A blank that *is* an answer is not counted (:data:`BLANK_IS_AN_ANSWER`: no
  run-chart annotation, no use for an inventory element, no cadence = once), nor a ``school``
  for a district-wide inventory element, nor ``response``/``key`` on an item that is not
  multiple choice (both blank). DAMA's point: completeness is judged against what is needed.
  A column under :data:`COMPLETENESS_THRESHOLD` percent is reported as incomplete.
* **validity** = 100 × rows with no implausible value ÷ rows. Types and ranges (percentages
  0–100, points ≤ points possible) are already enforced when the team is loaded; the audit adds
  the checks that need context: a student's grade outside team.yml ``grade_levels``, a course
  grade that is neither a letter A–F nor 0–100, a PDSA cycle that ends before it starts, a
  survey answer outside its item's scale.
* **uniqueness** = 100 × rows that are not an exact copy of an earlier row ÷ rows.
* **timeliness** = 100 × dated rows inside the inquiry cycle (team.yml ``cycle.start`` to
  ``cycle.end``) ÷ dated rows: assessment dates, run-chart dates, PDSA start and end dates.
* **consistency** = 100 × rows that agree with the other files ÷ rows: every student on the
  roster has at least one assessment row; every student in processes.csv is on the roster and
  in the roster's section; every section in processes.csv exists in students.csv; every survey
  item is described in survey_items.csv.

The **file score** is the mean of the dimensions that apply to the file, each weighted
equally; the **overall score** is the mean of the file scores. Equal weights are a choice, not a
finding: they keep the score explainable in one sentence.

Each flag keeps its spreadsheet row (:func:`datadriver_utils.core.rows.spreadsheet_rows`: a validated
table is indexed by it) and, for files about people, the student id or respondent of the row. Those ids are for the
team only: :func:`quality_summary` leaves them out unless ``include_person_rows`` is set.
The checks that find each flag live in :mod:`datadriver_utils.stats.quality_checks`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from datadriver_utils.contract.teacher_leadership import TEACHER_LEADERSHIP_TABLES
from datadriver_utils.core.jsonable import to_jsonable
from datadriver_utils.stats.quality_checks import (
    BLANK_IS_AN_ANSWER,
    CONSISTENCY_PARTNERS,
    DATED_COLUMNS,
    FLAG_COLUMNS,
    cell_status,
    completeness_flags,
    consistency_flags,
    file_label,
    timeliness_flags,
    uniqueness_flags,
    validity_flags,
)

__all__ = [
    "QUALITY_SOURCE", "DIMENSIONS", "COMPLETENESS_THRESHOLD", "BLANK_IS_AN_ANSWER", "NOT_AUDITED", "PERSON_TABLES",
    "FLAG_COLUMNS", "QualityAudit", "column_completeness", "data_quality_audit", "quality_summary",
    "columns_with_blanks", "describe_quality", "file_label", "flag_counts",
]

QUALITY_SOURCE = (
    "DAMA UK Working Group on Data Quality Dimensions (2013). The Six Primary Dimensions for Data "
    "Quality Assessment; read with the District Data Team Toolkit, Module 1, activity 1.6."
)
DIMENSIONS: tuple[str, ...] = ("completeness", "validity", "uniqueness", "timeliness", "consistency")
COMPLETENESS_THRESHOLD = 95.0
"""A column with fewer than this percent of expected cells filled is reported as incomplete."""
PERSON_TABLES = frozenset({"students", "assessments", "processes", "surveys"})
"""Tables with one row per student or respondent: their flagged rows are for the team only."""
FILE_COLUMNS = ["table", "file", "n_rows", *DIMENSIONS, "score", "n_flagged_rows"]
NOT_AUDITED = frozenset(TEACHER_LEADERSHIP_TABLES)
"""The teacher-leadership records (notebooks 30-33): evidence a teacher is still writing, where a blank
means "not done yet" -- the credential portfolio (notebook 40) says what is missing, not this audit."""
MAX_FLAG_ROWS = 500
"""At most this many flagged rows go into summary.json (the notebook shows where the rest are)."""


def column_completeness(
    tables: Mapping[str, pd.DataFrame], threshold: float = COMPLETENESS_THRESHOLD,
) -> pd.DataFrame:
    """Per file and column: rows, cells expected, cells filled and percent complete.

    ``completeness_pct`` = 100 × ``n_filled`` ÷ ``n_expected`` (NaN when nothing is expected);
    ``counted`` is False for columns whose blanks are answers; ``below_threshold`` marks a
    counted column under ``threshold`` percent.
    """
    return _column_table(tables, {t: cell_status(t, f) for t, f in tables.items()}, threshold)


def _column_table(tables: Mapping[str, pd.DataFrame], cells: Mapping[str, tuple[pd.DataFrame, pd.DataFrame]],
                  threshold: float) -> pd.DataFrame:
    parts = [pd.DataFrame(columns=["table", "file", "column", "n_rows", "n_expected", "n_filled"])]
    for table, (blank, expected) in cells.items():
        parts.append(pd.DataFrame({
            "table": table, "file": file_label(table), "column": list(blank.columns), "n_rows": len(tables[table]),
            "n_expected": expected.sum().to_numpy(), "n_filled": (~blank & expected).sum().to_numpy(),
        }))
    out = pd.concat(parts, ignore_index=True).astype({"n_rows": int, "n_expected": int, "n_filled": int})
    pct = 100.0 * out["n_filled"] / out["n_expected"].where(out["n_expected"] > 0)
    counted = out["n_expected"] > 0
    return out.assign(completeness_pct=pct.astype(float), counted=counted, below_threshold=counted & pct.lt(threshold))


def _judged_rows(tables: Mapping[str, pd.DataFrame], table: str, cycle: tuple[dt.date, dt.date] | None
                 ) -> dict[str, int]:
    """Rows each row-based dimension judges; 0 means the dimension does not apply to the file."""
    frame = tables[table]
    dated = [c for c in DATED_COLUMNS.get(table, ()) if c in frame]
    return {"validity": len(frame), "uniqueness": len(frame),
            "timeliness": int(frame[dated].notna().any(axis=1).sum()) if cycle and dated else 0,
            "consistency": len(frame) if CONSISTENCY_PARTNERS.get(table) in tables else 0}


def _score_files(tables: Mapping[str, pd.DataFrame], columns: pd.DataFrame, flags: pd.DataFrame,
                 cycle: tuple[dt.date, dt.date] | None) -> pd.DataFrame:
    rows = []
    for table, frame in tables.items():
        counted = columns[(columns["table"] == table) & columns["counted"]]
        mine = flags[flags["table"] == table]
        expected = int(counted["n_expected"].sum())
        scores = {"completeness": 100.0 * counted["n_filled"].sum() / expected if expected else None}
        for dimension, judged in _judged_rows(tables, table, cycle).items():
            hit = mine.loc[mine["check"] == dimension, "row"].nunique()
            scores[dimension] = 100.0 * (judged - hit) / judged if judged else None
        present = [v for v in scores.values() if v is not None]
        rows.append({"table": table, "file": file_label(table), "n_rows": len(frame), **scores,
                     "score": float(np.mean(present)) if present else None,
                     "n_flagged_rows": int(mine["row"].nunique())})
    return pd.DataFrame(rows, columns=FILE_COLUMNS)


@dataclass(frozen=True)
class QualityAudit:
    """The audit of one team's files.

    ``files``: one row per file, :data:`FILE_COLUMNS` (dimension scores 0-100 or None);
    ``columns``: :func:`column_completeness`; ``flags``: one row per problem found,
    :data:`FLAG_COLUMNS` (``check`` is the dimension, ``row`` the spreadsheet row,
    ``person_id`` the student or respondent of the row: team audience only);
    ``threshold``: the completeness threshold used.
    """

    files: pd.DataFrame
    columns: pd.DataFrame
    flags: pd.DataFrame
    threshold: float = COMPLETENESS_THRESHOLD

    @property
    def overall_score(self) -> float | None:
        """Mean of the file scores (None when there are no files)."""
        scores = self.files["score"].dropna()
        return float(scores.mean()) if len(scores) else None

    def to_dict(self, include_person_rows: bool = False) -> dict[str, Any]:
        return quality_summary(self, include_person_rows=include_person_rows)


def data_quality_audit(
    tables: Mapping[str, pd.DataFrame], *, grade_levels: Sequence[str] | None = None,
    cycle: tuple[dt.date, dt.date] | None = None, threshold: float = COMPLETENESS_THRESHOLD,
) -> QualityAudit:
    """Audit a team's validated tables (key -> frame indexed by spreadsheet row).

    ``grade_levels`` and ``cycle`` (start, end) come from team.yml; without them the grade and
    timeliness checks are skipped. Formulas in the module docstring.
    """
    frames = {table: frame for table, frame in tables.items() if frame is not None and table not in NOT_AUDITED}
    cells = {table: cell_status(table, frame) for table, frame in frames.items()}
    columns = _column_table(frames, cells, threshold)
    parts = [flag for table, frame in frames.items()
             for flag in (*completeness_flags(table, frame, *cells[table]), *uniqueness_flags(table, frame))]
    parts += validity_flags(frames, grade_levels) + timeliness_flags(frames, cycle) + consistency_flags(frames)
    parts = [p for p in parts if not p.empty]
    flags = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=FLAG_COLUMNS)
    order = {check: i for i, check in enumerate(DIMENSIONS)}
    flags = flags.sort_values(["table", "row"], kind="stable").sort_values(
        "check", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    return QualityAudit(_score_files(frames, columns, flags, cycle), columns, flags, threshold)


def _round(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 1)


def flag_counts(audit: QualityAudit) -> pd.Series:
    """Distinct spreadsheet rows flagged per ``(file, check, column)``, in the order found.

    A row flagged twice by one check on one column counts once; a blank column (a check on
    the whole row) is kept as its own group.
    """
    return audit.flags.groupby(["file", "check", "column"], dropna=False, sort=False)["row"].nunique()


def columns_with_blanks(audit: QualityAudit) -> pd.DataFrame:
    """Columns counted for completeness with fewer filled cells than expected (any blank)."""
    columns = audit.columns
    return columns[columns["counted"] & (columns["n_filled"] < columns["n_expected"])]


def quality_summary(audit: QualityAudit, *, include_person_rows: bool = False,
                    max_rows: int = MAX_FLAG_ROWS) -> dict[str, Any]:
    """The audit as plain JSON-ready values for summary.json.

    Keys: ``source``, ``formula``, ``completeness_threshold``, ``overall_score``, ``files``
    (per file: scores, ``n_flagged_rows`` and ``flags_by_check``), ``incomplete_columns``,
    ``flag_counts`` (file, check, column, n_rows), ``flags``: the rows behind every flag of
    files that are not about people -- with ``include_person_rows`` (team audience only) the
    rows of every file, with ``person_id`` -- at most ``max_rows`` of them, and ``n_flags``
    (how many there were before that cut).
    """
    files = []
    for row in audit.files.to_dict("records"):
        mine = audit.flags[audit.flags["table"] == row["table"]]
        by_check = mine.groupby("check")["row"].nunique()
        files.append({"file": row["file"], "table": row["table"], "n_rows": int(row["n_rows"]),
                      **{d: _round(row[d]) for d in (*DIMENSIONS, "score")},
                      "n_flagged_rows": int(row["n_flagged_rows"]),
                      "flags_by_check": {str(k): int(v) for k, v in by_check.items()}})
    incomplete = audit.columns[audit.columns["below_threshold"]]
    counts = flag_counts(audit)
    shown = audit.flags if include_person_rows else audit.flags[~audit.flags["table"].isin(PERSON_TABLES)]
    keep = [c for c in FLAG_COLUMNS if c != "table" and (include_person_rows or c != "person_id")]
    return to_jsonable({
        "source": QUALITY_SOURCE,
        "formula": "file score = mean of the dimensions that apply (completeness, validity, uniqueness, "
                   "timeliness, consistency), each 0-100; overall score = mean of the file scores",
        "completeness_threshold": audit.threshold,
        "overall_score": _round(audit.overall_score),
        "files": files,
        "incomplete_columns": [{"file": r.file, "column": r.column, "completeness_pct": _round(r.completeness_pct)}
                               for r in incomplete.itertuples(index=False)],
        "flag_counts": [{"file": f, "check": c, "column": col, "n_rows": int(n)}
                        for (f, c, col), n in counts.items()],
        "flags": shown[keep].head(max_rows).to_dict("records"),
        "n_flags": int(len(shown)),
    })


_WORDING = (("timeliness", "dated outside the inquiry cycle"), ("uniqueness", "exact duplicates"),
            ("validity", "with an implausible value"), ("consistency", "that disagree with another file"))


def describe_quality(audit: QualityAudit) -> str:
    """The audit's findings in a few plain sentences (counts and files, never person ids)."""
    scored = audit.files.dropna(subset=["score"]).sort_values("score", kind="stable")
    if scored.empty:
        return "There are no data files to audit yet."
    lines = [f"Across {len(audit.files)} files the data-quality score is {audit.overall_score:.1f} of 100."]
    if scored["score"].iloc[0] < 100:
        lines.append(f"The lowest-scoring file is {scored['file'].iloc[0]} ({scored['score'].iloc[0]:.1f}).")
    incomplete = audit.columns[audit.columns["below_threshold"]]
    if not incomplete.empty:
        listed = "; ".join(f"{r.file} {r.column} ({r.completeness_pct:.1f}% filled)" for r in incomplete.itertuples())
        lines.append(f"Columns under {audit.threshold:g}% complete: {listed}.")
    for check, wording in _WORDING:
        hits = audit.flags[audit.flags["check"] == check].drop_duplicates(["table", "row"])
        if not hits.empty:
            where = ", ".join(f"{n} in {f}" for f, n in hits.groupby("file", sort=False).size().items())
            lines.append(f"Rows {wording}: {where}.")
    if audit.flags.empty:
        lines.append("No problems were found.")
    return " ".join(lines)
