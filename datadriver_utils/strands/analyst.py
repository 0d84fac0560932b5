"""The Data Analyst strand: where exactly are our students, and do our other signals agree?

The Data Analyst micro-credential of the Data Driver strand (Teaching Matters; shared/seeds 000)
asks a team to look past one average: by standard, grade, section and student group, by how far
each student is from the cut, and against the school's own process data.  Each view says which
of Bernhardt's four sources of evidence it draws on -- demographics, perceptions, student
learning, school processes (FIELD_NOTES, "Evidence and goals"); only school processes are
changed directly by adults, which is why the discrepancy check sets them beside learning.

Definitions (all percentages on the 0-100 scale):

* a student's **percent correct** in a window = Σ points ÷ Σ points possible × 100
  (:func:`datadriver_utils.stats.gains.student_percent_correct`), per standard for the standard view;
* **percent proficient** = share of students with percent correct ≥ the team's cut
  (``goal.proficiency_cut_pct`` in team.yml, 70 when there is no goal);
* **bands**: well below (< cut − 20), approaching (cut − 20 to < cut), proficient (cut to
  < cut + 15), advanced (≥ cut + 15);
* **bubble students**: cut − 10 ≤ percent correct < cut (team view only);
* **discrepancy check** (from practitioners who treat such a gap as a reason to inquire; shared/seeds 002): a gap is
  flagged when mean assignment completion ≥ 85% *or* the A/B share of course grades ≥ 60%,
  while fewer than 50% are proficient.  It is worded as a question for the team, never as blame.

Privacy: tables go through :meth:`Report.table`; groups that partition the students (grades,
sections, the categories of one subgroup, the bands of one grade) use complementary
suppression (NCES 2011-603; FIELD_NOTES, "Disclosure avoidance").  Standards overlap (every
student has each), so they use primary suppression only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import HTML, display
from matplotlib.figure import Figure

from datadriver_utils.contract.config import grade_sort_key
from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.notebook.report import Report
from datadriver_utils.privacy.rules import Audience
from datadriver_utils.privacy.suppression import suppress_small_groups, suppress_with_complements, top_bottom_code
from datadriver_utils.stats.gains import student_percent_correct

__all__ = [
    "BANDS", "EVIDENCE_SOURCES", "VIEW_EVIDENCE", "SUBGROUPS", "SUBGROUP_LABELS", "NOT_RECORDED",
    "DiscrepancyThresholds", "DiscrepancyResult",
    "team_cut", "student_scores", "results_by", "subgroup_results", "proficiency_band", "band_distribution",
    "bubble_students", "course_grade_is_ab", "discrepancy_check", "discrepancy_question", "band_chart_figure",
    "show_evidence", "show_results", "show_subgroups", "show_bands", "show_bubble", "show_discrepancy",
    "analyst_summary", "publish_analyst",
]

EVIDENCE_SOURCES: tuple[str, ...] = ("demographics", "perceptions", "student learning", "school processes")
"""Bernhardt's four sources of evidence (FIELD_NOTES, "Evidence and goals")."""

VIEW_EVIDENCE: dict[str, tuple[str, ...]] = {
    "standard": ("student learning",),
    "grade": ("student learning", "demographics"),
    "section": ("student learning", "school processes"),
    "subgroup": ("student learning", "demographics"),
    "bands": ("student learning",),
    "bubble": ("student learning",),
    "discrepancy": ("school processes", "student learning"),
}
"""Which sources of evidence each view draws on (a section is how the school organises classes)."""

SUBGROUPS: tuple[str, ...] = ("ell", "sped", "frl", "gender", "race_ethnicity")
SUBGROUP_LABELS = {"ell": "English learner", "sped": "Special education", "frl": "Free/reduced lunch",
                   "gender": "Gender", "race_ethnicity": "Race/ethnicity"}
NOT_RECORDED = "not recorded"
BANDS: tuple[str, ...] = ("well below", "approaching", "proficient", "advanced")
BAND_COLOURS = ("#deebf7", "#9ecae1", "#4292c6", "#08519c")  # light to dark: reads in greyscale too
_RESULT = ["n", "mean_pct", "pct_proficient"]
_LABELS = {"standard": "Standard", "grade": "Grade", "section": "Section", "group": "Student group",
           "category": "Value", "n": "Students (n)", "mean_pct": "Mean % correct",
           "pct_proficient": "% proficient", "band": "Band", "pct": "% of grade"}


def team_cut(report: Report) -> float:
    """The team's proficiency cut from team.yml, or 70 when no goal is set."""
    goal = report.config.goal
    return float(goal.proficiency_cut_pct) if goal else 70.0


def student_scores(assessments: pd.DataFrame, window: str = "post", by_standard: bool = False) -> pd.DataFrame:
    """Each student's percent correct in one window (``student_id``, [``standard``], ``pct_correct``)."""
    scores = student_percent_correct(assessments, by_standard=by_standard)
    keep = ["student_id", *(["standard"] if by_standard else []), "pct_correct"]
    return scores.loc[scores["window"] == window, keep].reset_index(drop=True)


def _summarise(scores: pd.DataFrame, keys: list[str], cut_pct: float) -> pd.DataFrame:
    """n, mean percent correct and percent proficient per group of ``keys``."""
    cols = [*keys, *_RESULT]
    if scores.empty:
        return pd.DataFrame(columns=cols)
    flagged = scores.assign(_prof=(scores["pct_correct"] >= cut_pct) * 100.0)
    out = flagged.groupby(keys, dropna=False, sort=False).agg(
        n=("pct_correct", "count"), mean_pct=("pct_correct", "mean"), pct_proficient=("_prof", "mean"))
    return out.reset_index()[cols]


def _with_student_column(scores: pd.DataFrame, students: pd.DataFrame, column: str) -> pd.DataFrame:
    values = students.set_index("student_id")[column] if column in students else pd.Series(dtype=object)
    labels = scores["student_id"].map(values).astype(object)
    return scores.assign(**{column: labels.where(labels.notna(), NOT_RECORDED).astype(str)})


def results_by(assessments: pd.DataFrame, students: pd.DataFrame, cut_pct: float, by: str,
               window: str = "post") -> pd.DataFrame:
    """Results of one window by ``standard``, ``grade``, ``section`` or a subgroup column.

    Students with no value in the column are counted as "not recorded", so the groups always
    add up to every student with a score (complementary suppression relies on it).
    """
    if by == "standard":
        result = _summarise(student_scores(assessments, window, by_standard=True), ["standard"], cut_pct)
    else:
        result = _summarise(_with_student_column(student_scores(assessments, window), students, by), [by], cut_pct)
    key = (lambda c: c.map(grade_sort_key)) if by == "grade" else (lambda c: c.astype(str))
    return result.sort_values(by, key=key).reset_index(drop=True)


def subgroup_results(assessments: pd.DataFrame, students: pd.DataFrame, cut_pct: float, window: str = "post",
                     columns: Sequence[str] = SUBGROUPS) -> pd.DataFrame:
    """One long table (``group``, ``category``, n, mean_pct, pct_proficient) for every subgroup
    column present in students.csv."""
    parts = [results_by(assessments, students, cut_pct, col, window).rename(columns={col: "category"})
             .assign(group=col) for col in columns if col in students.columns]
    if not parts:
        return pd.DataFrame(columns=["group", "category", *_RESULT])
    return pd.concat(parts, ignore_index=True)[["group", "category", *_RESULT]]


def proficiency_band(pct_correct: pd.Series, cut_pct: float, below_margin: float = 20.0,
                     advanced_margin: float = 15.0) -> pd.Series:
    """Band of each percent correct: [−∞, cut−20) well below, [cut−20, cut) approaching,
    [cut, cut+15) proficient, [cut+15, ∞) advanced (margins are keyword settings)."""
    edges = [-np.inf, cut_pct - below_margin, cut_pct, cut_pct + advanced_margin, np.inf]
    return pd.cut(pct_correct, edges, right=False, labels=list(BANDS))


def band_distribution(assessments: pd.DataFrame, students: pd.DataFrame, cut_pct: float,
                      window: str = "post", **margins: float) -> pd.DataFrame:
    """Students per grade and band (``grade``, ``band``, ``n``, ``pct`` of the grade), every band listed."""
    scores = _with_student_column(student_scores(assessments, window), students, "grade")
    if scores.empty:
        return pd.DataFrame(columns=["grade", "band", "n", "pct"])
    scores = scores.assign(band=proficiency_band(scores["pct_correct"], cut_pct, **margins))
    counts = pd.crosstab(scores["grade"], scores["band"]).reindex(columns=list(BANDS), fill_value=0)
    counts = counts.loc[sorted(counts.index, key=grade_sort_key)]
    long = counts.stack().rename("n").reset_index()
    long["band"] = long["band"].astype(str)
    long["n"] = long["n"].astype(int)
    return long.assign(pct=long["n"] / long.groupby("grade")["n"].transform("sum") * 100)


def bubble_students(assessments: pd.DataFrame, students: pd.DataFrame, cut_pct: float, window: str = "post",
                    margin: float = 10.0) -> pd.DataFrame:
    """Students with cut − ``margin`` ≤ percent correct < cut, closest to the cut first.

    Student rows: for the team only (callers check the audience).
    """
    scores = student_scores(assessments, window)
    near = scores[(scores["pct_correct"] >= cut_pct - margin) & (scores["pct_correct"] < cut_pct)]
    for column in ("grade", "section"):
        near = _with_student_column(near, students, column)
    return near[["student_id", "grade", "section", "pct_correct"]].sort_values(
        ["pct_correct", "student_id"], ascending=[False, True]).reset_index(drop=True)


# ----------------------------------------------------------------------------- discrepancy check


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
    """Per-section and overall process evidence beside percent proficient, and the question."""

    sections: pd.DataFrame
    overall: dict[str, Any]
    flagged: bool
    question: str

    def to_dict(self) -> dict[str, Any]:
        return {"flagged": self.flagged, "sections": self.sections.to_dict("records"),
                "overall": self.overall, "question": self.question}


_DISC = ["n", "n_assessed", "n_records", "mean_completion_pct", "ab_share_pct", "mean_attendance_pct",
         "pct_proficient", "flagged"]
_DISC_PCT = ["mean_completion_pct", "ab_share_pct", "mean_attendance_pct", "pct_proficient"]


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
    right = scores.assign(_p=(scores["pct_correct"] >= cut_pct) * 100.0).groupby(keys, dropna=False).agg(
        n_assessed=("_p", "size"), pct_proficient=("_p", "mean"))
    out = left.join(right, how="outer").reset_index()
    for col in ("n_records", "n_assessed"):
        out[col] = out[col].fillna(0).astype(int)
    out["n"] = out[["n_records", "n_assessed"]].min(axis=1)
    busy = (out["mean_completion_pct"] >= t.completion_min) | (out["ab_share_pct"] >= t.ab_share_min)
    out["flagged"] = (busy & (out["pct_proficient"] < t.proficient_below)).astype(bool)
    return out[[*keys, *_DISC]]


def discrepancy_check(processes: pd.DataFrame, students: pd.DataFrame, assessments: pd.DataFrame,
                      cut_pct: float, window: str = "post",
                      thresholds: DiscrepancyThresholds = DiscrepancyThresholds()) -> DiscrepancyResult:
    """Completion, A/B share and attendance (processes.csv) beside percent proficient, per section
    and overall; see :class:`DiscrepancyThresholds` for when a gap is flagged.

    Process rows may be one per student (``student_id``) or one per section; ``n`` is the
    smaller of students assessed and process rows, the count that decides suppression.
    """
    sections = _student_sections(students, processes)
    proc = processes.copy()
    if "student_id" in proc:
        mapped = proc["student_id"].map(sections)
        proc["section"] = proc["section"].fillna(mapped) if "section" in proc else mapped
    scores = student_scores(assessments, window)
    scores = scores.assign(section=scores["student_id"].map(sections))
    has_sections = "section" in proc and (proc["section"].notna().any() or scores["section"].notna().any())
    by_section = pd.DataFrame(columns=["section", *_DISC])
    if has_sections:
        label = lambda s: s.astype(object).where(s.notna(), NOT_RECORDED).astype(str)  # noqa: E731
        by_section = _discrepancy_stats(proc.assign(section=label(proc["section"])),
                                        scores.assign(section=label(scores["section"])), ["section"], cut_pct,
                                        thresholds).sort_values("section").reset_index(drop=True)
    overall_frame = _discrepancy_stats(proc.assign(_all=1), scores.assign(_all=1), ["_all"], cut_pct, thresholds)
    overall = {k: _plain(v) for k, v in overall_frame.drop(columns="_all").iloc[0].items()}
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
    """The check worded as a question for the team: data that lights up a question, never a verdict."""
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


def _plain(value: Any) -> Any:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if value is None or pd.isna(value):
        return None
    return round(float(value), 1)


# ----------------------------------------------------------------------------- chart


def band_chart_figure(distribution: pd.DataFrame, hidden: Sequence[bool] | None = None) -> Figure:
    """Stacked bars: share of each grade in each band; hidden (small) cells drawn as one grey
    "not shown" segment, so the chart tells no more than the table."""
    frame = distribution.assign(hidden=list(hidden) if hidden is not None else False)
    grades = list(dict.fromkeys(frame["grade"]))
    figure, axis = plt.subplots(figsize=(9, 1.4 + 0.6 * max(len(grades), 1)))
    left = np.zeros(len(grades))
    for band, colour in zip([*BANDS, "not shown (small group)"], [*BAND_COLOURS, "#bbbbbb"], strict=True):
        if band in BANDS:
            part = frame[(frame["band"] == band) & ~frame["hidden"]]
        else:
            part = frame[frame["hidden"]]
        widths = part.groupby("grade")["pct"].sum().reindex(grades, fill_value=0).to_numpy(dtype=float)
        if band not in BANDS and not widths.any():
            continue
        axis.barh([f"Grade {g}" for g in grades], widths, left=left, color=colour, edgecolor="#333",
                  hatch="//" if band not in BANDS else None, label=band)
        for row, (start, width) in enumerate(zip(left, widths, strict=True)):
            if width >= 6 and band in BANDS:
                axis.text(start + width / 2, row, f"{width:.0f}%", ha="center", va="center", fontsize=8,
                          color="white" if band in BANDS[2:] else "black")
        left += widths
    axis.set_xlim(0, 100)
    axis.set_xlabel("Percent of students in the grade")
    axis.set_title("How far students are from the cut, by grade")
    axis.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    if not grades:
        axis.text(50, 0, "No scores in this window", ha="center", va="center")
    figure.tight_layout()
    plt.close(figure)
    return figure


# ----------------------------------------------------------------------------- notebook views


def show_evidence(view: str) -> None:
    """A small label naming the sources of evidence a view draws on."""
    used = VIEW_EVIDENCE[view]
    parts = [f"<b>{escape_text(s)}</b>" if s in used else f"<span style='color:#999'>{escape_text(s)}</span>"
             for s in EVIDENCE_SOURCES]
    display(HTML(f"<p class='dd-evidence'><small>Sources of evidence: {' · '.join(parts)}</small></p>"))


def _hidden(report: Report, frame: pd.DataFrame, value_cols: list[str],
            group_cols: list[str] | None) -> np.ndarray:
    """Rows hidden for this audience (never any for the team)."""
    if report.audience is Audience.TEAM or frame.empty:
        return np.zeros(len(frame), dtype=bool)
    if group_cols is None:
        shown = suppress_small_groups(frame, "n", value_cols, report.rules, report.audience)
    else:
        shown = suppress_with_complements(frame, "n", value_cols, group_cols, report.rules, report.audience)
    return shown["suppressed"].to_numpy(dtype=bool)


def show_results(report: Report, by: str, window: str = "post") -> None:
    """Results of the window by ``standard``, ``grade`` or ``section``."""
    show_evidence(by)
    if by == "section" and "section" not in report.team.students:
        report.notice("students.csv has no section column, so results cannot be shown by section.", "info")
        return
    frame = results_by(report.team.assessments, report.team.students, team_cut(report), by, window)
    report.table(frame, count_col="n", value_cols=_RESULT[1:], group_cols=None if by == "standard" else [],
                 caption=f"Results by {by}, {window} assessment (cut {team_cut(report):g}%)", rename=_LABELS)


def show_subgroups(report: Report, window: str = "post") -> None:
    """Results by every subgroup column of students.csv, small groups protected within each."""
    show_evidence("subgroup")
    frame = subgroup_results(report.team.assessments, report.team.students, team_cut(report), window)
    if frame.empty:
        report.notice("students.csv has none of the subgroup columns (ell, sped, frl, gender, race_ethnicity).")
        return
    report.table(frame.assign(group=frame["group"].map(SUBGROUP_LABELS)), count_col="n",
                 value_cols=_RESULT[1:], group_cols=["group"], caption=f"Results by student group, {window}",
                 rename=_LABELS)


def _bands(report: Report, window: str) -> tuple[pd.DataFrame, np.ndarray]:
    frame = band_distribution(report.team.assessments, report.team.students, team_cut(report), window)
    return frame, _hidden(report, frame, ["pct"], ["grade"])


def show_bands(report: Report, window: str = "post") -> None:
    """Band table (bands of one grade protected together) and the stacked bar chart."""
    show_evidence("bands")
    frame, hidden = _bands(report, window)
    report.table(frame, count_col="n", value_cols=["pct"], group_cols=["grade"],
                 caption=f"Students by band, {window} assessment", rename=_LABELS)
    display(band_chart_figure(frame, None if hidden is None else list(hidden)))


def show_bubble(report: Report, window: str = "post", margin: float = 10.0) -> None:
    """Team view only: the students just below the cut, by student id."""
    show_evidence("bubble")
    if report.audience is not Audience.TEAM:
        report.notice("The list of students just below the cut is shown in the team view only.")
        return
    frame = bubble_students(report.team.assessments, report.team.students, team_cut(report), window, margin)
    report.table(frame.round({"pct_correct": 1}), caption=f"Within {margin:g} points below the cut ({len(frame)})",
                 rename={"student_id": "Student", "grade": "Grade", "section": "Section",
                         "pct_correct": "% correct"})


def _discrepancy(report: Report, window: str) -> tuple[DiscrepancyResult, np.ndarray]:
    result = discrepancy_check(report.team.table("processes"), report.team.students, report.team.assessments,
                               team_cut(report), window)
    value_cols = [c for c in _DISC if c != "n"]
    return result, _hidden(report, result.sections, value_cols, [])


def _safe_discrepancy(report: Report, window: str) -> dict[str, Any]:
    """The discrepancy published or shown for this audience: hidden sections blanked, the
    question written only from what remains."""
    result, hidden = _discrepancy(report, window)
    small = report.audience is not Audience.TEAM and result.overall["n"] < report.rules.min_group_size
    overall = {k: (None if small and k != "flagged" else v) for k, v in result.overall.items()}
    overall["flagged"] = bool(result.overall["flagged"]) and not small
    sections = _records(report, result.sections, "section", _DISC, hidden)
    flagged_sections = [r["section"] for r in sections if r["flagged"]]
    worded = dict(overall)
    if report.audience is Audience.PUBLIC:  # the sentence must not undo top/bottom coding
        keys = [k for k in _DISC_PCT if worded.get(k) is not None]
        coded = top_bottom_code(pd.Series([worded[k] for k in keys], dtype=float), report.rules, report.audience)
        worded.update(zip(keys, coded.tolist()))
    return {"flagged": overall["flagged"] or bool(flagged_sections), "sections": sections, "overall": overall,
            "question": discrepancy_question(worded, flagged_sections)}


_DISC_LABELS = {"section": "Section", "n": "Smallest count (n)", "n_assessed": "Assessed (n)",
                "n_records": "Process records (n)", "mean_completion_pct": "Completion",
                "ab_share_pct": "A or B grades", "mean_attendance_pct": "Attendance",
                "pct_proficient": "% proficient", "gap": "Gap"}
def _discrepancy_table(report: Report, frame: pd.DataFrame, caption: str, group_cols: list[str] | None) -> None:
    table = frame.assign(gap=frame["flagged"].map({True: "ask", False: ""}).astype(object))
    for col in ("n_assessed", "n_records"):
        table[col] = table[col].astype(int).astype(str)
    report.table(table.drop(columns="flagged"), count_col="n",
                 value_cols=["n_assessed", "n_records", *_DISC_PCT, "gap"], pct_cols=_DISC_PCT,
                 group_cols=group_cols, caption=caption, rename=_DISC_LABELS)


def show_discrepancy(report: Report, window: str = "post") -> None:
    """Process evidence beside proficiency per section and overall, and the question to discuss.

    The section table is suppressed exactly as the published summary is (same frame, same
    lines), so the two releases together reveal nothing that either hides.
    """
    show_evidence("discrepancy")
    result, _ = _discrepancy(report, window)
    if len(result.sections):
        _discrepancy_table(report, result.sections, f"School processes beside the {window} assessment, by section", [])
    overall = pd.DataFrame([{"section": "All students", **result.overall}])
    _discrepancy_table(report, overall, "All students", None)
    safe = _safe_discrepancy(report, window)
    report.notice(safe["question"], "warning" if safe["flagged"] else "info")


def _records(report: Report, frame: pd.DataFrame, key: str, columns: Sequence[str],
             hidden: np.ndarray) -> list[dict[str, Any]]:
    """Plain JSON rows; hidden rows have ``None`` values and, beyond the team, ``suppressed``."""
    records = []
    for row, hide in zip(frame.to_dict("records"), hidden, strict=True):
        record = {key: str(row[key]), **{c: None if hide else _plain(row[c]) for c in columns}}
        if report.audience is not Audience.TEAM:
            record["suppressed"] = bool(hide)
        records.append(record)
    return records


def analyst_summary(report: Report, window: str = "post") -> dict[str, Any]:
    """The ``data_analyst`` section of summary.json: aggregates only, suppression respected."""
    team, cut = report.team, team_cut(report)
    summary: dict[str, Any] = {"window": window, "proficiency_cut_pct": cut}
    for by, lines in (("standard", None), ("grade", [])):
        frame = results_by(team.assessments, team.students, cut, by, window)
        summary[f"by_{by}"] = _records(report, frame, by, _RESULT, _hidden(report, frame, _RESULT[1:], lines))
    summary["discrepancy"] = _safe_discrepancy(report, window) if team.has("processes") else None
    return summary


def publish_analyst(report: Report, window: str = "post") -> dict[str, Any]:
    """Write the data_analyst section for summary.json and return it."""
    summary = analyst_summary(report, window)
    report.publish(summary, "data_analyst")
    return summary
