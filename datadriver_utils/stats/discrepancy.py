"""The discrepancy check: do the school's own process data tell the same story as the assessment?

Bernhardt's four sources of evidence (FIELD_NOTES, "Evidence and goals") put school processes
beside student learning because only processes are changed directly by adults.  Practitioners
treat a gap between them as a reason to inquire (shared/seeds 002): a gap is flagged when mean
assignment completion ≥ 85% *or* the A/B share of course grades ≥ 60%, while fewer than 50%
are proficient (:class:`DiscrepancyThresholds`).  The result is worded as a question for the
team (:func:`discrepancy_question`), never as blame.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from datadriver_utils.core.jsonable import rounded
from datadriver_utils.stats.proficiency import NOT_RECORDED, student_scores

__all__ = [
    "DISCREPANCY_COLUMNS", "DISCREPANCY_PCT_COLUMNS", "DiscrepancyResult", "DiscrepancyThresholds",
    "course_grade_is_ab", "discrepancy_check", "discrepancy_question",
]

DISCREPANCY_COLUMNS: list[str] = ["n", "n_assessed", "n_records", "mean_completion_pct", "ab_share_pct",
                                  "mean_attendance_pct", "pct_proficient", "flagged"]
"""The columns of each row of the check (after the ``section`` key)."""

DISCREPANCY_PCT_COLUMNS: list[str] = ["mean_completion_pct", "ab_share_pct", "mean_attendance_pct",
                                      "pct_proficient"]
"""The percentages among them (coded near 0 and 100 for the public, in tables and sentences alike)."""


@dataclass(frozen=True)
class DiscrepancyThresholds:
    """When process evidence and the common assessment disagree enough to ask about it.

    A gap: ``completion_min`` ≤ mean completion, or ``ab_share_min`` ≤ A/B share, while
    percent proficient < ``proficient_below``.  A numeric course grade counts as A or B at
    ``numeric_ab_min`` or more (the usual 90/80 US scale).  These are our documented defaults,
    shaped by the practitioner example (92% completion, mostly A/B, 46% proficient; shared/seeds
    002), not a published norm.
    """

    completion_min: float = 85.0
    ab_share_min: float = 60.0
    proficient_below: float = 50.0
    numeric_ab_min: float = 80.0


def course_grade_is_ab(grades: pd.Series, numeric_ab_min: float = 80.0) -> pd.Series:
    """1.0 for an A or B (letters A-F with +/-, or 0-100 ≥ ``numeric_ab_min``), 0.0 for another
    grade, NaN when blank or unreadable."""
    text = grades.astype(object).where(grades.notna(), "").astype(str).str.strip().str.upper()
    letter = text.str.extract(r"^([A-F])[+-]?$", expand=False)
    number = pd.to_numeric(text, errors="coerce")
    number = number.where((number >= 0) & (number <= 100))
    from_letter = letter.isin(["A", "B"]).astype(float).where(letter.notna())
    from_number = (number >= numeric_ab_min).astype(float).where(number.notna())
    return from_letter.fillna(from_number).astype(float)


@dataclass(frozen=True)
class DiscrepancyResult:
    """Per-section and overall process evidence beside percent proficient, and the question.

    ``sections`` is unrounded (one row per section, :data:`DISCREPANCY_COLUMNS`); ``overall``
    holds the published values (floats at 0.1), from which the question is worded.
    """

    sections: pd.DataFrame
    overall: dict[str, Any]
    flagged: bool
    question: str

    def to_dict(self) -> dict[str, Any]:
        return {"flagged": self.flagged, "sections": self.sections.to_dict("records"),
                "overall": self.overall, "question": self.question}


def _student_sections(students: pd.DataFrame, processes: pd.DataFrame) -> pd.Series:
    """Section of each student: students.csv first, else processes.csv."""
    frames = [f[["student_id", "section"]] for f in (students, processes) if {"student_id", "section"} <= set(f)]
    if not frames:
        return pd.Series(dtype=object)
    both = pd.concat(frames).dropna()
    return both.drop_duplicates("student_id").set_index("student_id")["section"]


def _discrepancy_stats(proc: pd.DataFrame, scores: pd.DataFrame, keys: list[str], cut_pct: float,
                       t: DiscrepancyThresholds) -> pd.DataFrame:
    attendance = proc["attendance_pct"] if "attendance_pct" in proc else pd.Series(np.nan, index=proc.index)
    proc = proc.assign(_ab=course_grade_is_ab(proc["course_grade"], t.numeric_ab_min) * 100, _att=attendance)
    left = proc.groupby(keys, dropna=False).agg(
        n_records=("_ab", "size"), mean_completion_pct=("assignment_completion_pct", "mean"),
        ab_share_pct=("_ab", "mean"), mean_attendance_pct=("_att", "mean"))
    flag = scores["proficient"] if "proficient" in scores else (scores["pct_correct"] >= cut_pct) * 100.0
    right = scores.assign(_p=flag).groupby(keys, dropna=False).agg(
        n_assessed=("_p", "size"), pct_proficient=("_p", "mean"))
    out = left.join(right, how="outer").reset_index()
    for col in ("n_records", "n_assessed"):
        out[col] = out[col].fillna(0).astype(int)
    out["n"] = out[["n_records", "n_assessed"]].min(axis=1)
    busy = (out["mean_completion_pct"] >= t.completion_min) | (out["ab_share_pct"] >= t.ab_share_min)
    out["flagged"] = (busy & (out["pct_proficient"] < t.proficient_below)).astype(bool)
    return out[[*keys, *DISCREPANCY_COLUMNS]]


def _published(value: Any) -> Any:
    """A plain value of the overall row: bools and ints kept, floats at 0.1, missing as None."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if value is None or pd.isna(value):
        return None
    return rounded(value, 1)


def discrepancy_check(processes: pd.DataFrame, students: pd.DataFrame, assessments: pd.DataFrame,
                      cut_pct: float, window: str = "post",
                      thresholds: DiscrepancyThresholds = DiscrepancyThresholds(),
                      proficient: pd.DataFrame | None = None) -> DiscrepancyResult:
    """Completion, A/B share and attendance (processes.csv) beside percent proficient, per section
    and overall; see :class:`DiscrepancyThresholds` for when a gap is flagged.

    ``proficient`` (``student_id``, ``proficient`` 100/0) replaces percent correct ≥ ``cut_pct`` for
    scale scores, judged against benchmark cuts (:func:`datadriver_utils.stats.scale_scores.with_cuts`);
    students without a benchmark are left out of percent proficient.

    Process rows may be one per student (``student_id``) or one per section; ``n`` is the
    smaller of students assessed and process rows, the count that decides suppression.
    """
    sections = _student_sections(students, processes)
    proc = processes.copy()
    if "student_id" in proc:
        mapped = proc["student_id"].map(sections)
        proc["section"] = proc["section"].fillna(mapped) if "section" in proc else mapped
    scores = student_scores(assessments, window) if proficient is None else (
        proficient.dropna(subset=["proficient"])[["student_id", "proficient"]])
    scores = scores.assign(section=scores["student_id"].map(sections))
    has_sections = "section" in proc and (proc["section"].notna().any() or scores["section"].notna().any())
    by_section = pd.DataFrame(columns=["section", *DISCREPANCY_COLUMNS])
    if has_sections:
        label = lambda s: s.astype(object).where(s.notna(), NOT_RECORDED).astype(str)  # noqa: E731
        by_section = _discrepancy_stats(proc.assign(section=label(proc["section"])),
                                        scores.assign(section=label(scores["section"])), ["section"], cut_pct,
                                        thresholds).sort_values("section").reset_index(drop=True)
    overall_frame = _discrepancy_stats(proc.assign(_all=1), scores.assign(_all=1), ["_all"], cut_pct, thresholds)
    overall = {k: _published(v) for k, v in overall_frame.drop(columns="_all").iloc[0].items()}
    flagged = bool(overall["flagged"]) or bool(by_section["flagged"].any())
    shown = list(by_section.loc[by_section["flagged"].astype(bool), "section"])
    return DiscrepancyResult(by_section, overall, flagged, discrepancy_question(overall, shown, thresholds))


def _pct(value: Any) -> str:
    """A percentage for a sentence; text (an already coded "≥95%") is kept as it is."""
    if isinstance(value, str):
        return value
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.0f}%"


def discrepancy_question(overall: Mapping[str, Any], flagged_sections: Sequence[str] = (),
                         thresholds: DiscrepancyThresholds = DiscrepancyThresholds()) -> str:
    """The check worded as a question for the team: data that lights up a question, never a verdict.

    ``overall`` may hold coded text ("≥95%") in place of a percentage; it is quoted as it is.
    """
    completion, ab, prof = (overall.get(k) for k in ("mean_completion_pct", "ab_share_pct", "pct_proficient"))
    if overall.get("n") is None and not flagged_sections:
        return "Too few students to share these figures beyond the team; discuss them in the team view."
    if overall.get("flagged"):
        text = (f"Assignments are {_pct(completion)} complete and {_pct(ab)} of course grades are A or B, yet "
                f"{_pct(prof)} of students are proficient on the common assessment. What might our grades and "
                "assignments be rewarding that the assessment does not measure, and what does the assessment "
                "ask that our daily work does not?")
        attendance = overall.get("mean_attendance_pct")
        if isinstance(attendance, (int, float)) and not math.isnan(attendance) and attendance >= 88:
            text += f" (Attendance averages {_pct(attendance)}, so absence alone is unlikely to explain it.)"
        return text
    if flagged_sections:
        return (f"In {', '.join(flagged_sections)}, completion or A/B grades are high while fewer than "
                f"{thresholds.proficient_below:g}% are proficient. What do grades there capture that the common "
                "assessment does not, and what could those classrooms learn from each other?")
    return (f"Completion ({_pct(completion)}), A/B grades ({_pct(ab)}) and proficiency ({_pct(prof)}) do not show "
            "the gap this check looks for. Which students still get good grades without reaching the cut?")
