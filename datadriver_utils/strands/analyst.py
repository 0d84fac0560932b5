"""The Data Analyst strand (notebook 12): where exactly are our students, and do our other signals agree?

The Data Analyst micro-credential of the Data Driver strand (Teaching Matters; shared/seeds 000)
asks a team to look past one average: by standard, grade, section and student group, by how far
each student is from the cut, and against the school's own process data.  The numbers come from
:mod:`datadriver_utils.stats.proficiency` (percent correct, percent proficient, bands, bubble
students) and :mod:`datadriver_utils.stats.discrepancy` (completion and grades beside the
assessment); the chart from :mod:`datadriver_utils.charts.proficiency`.  This module only
arranges them into results for a notebook and for ``summary.json``::

    grades = analyst.results(report, "grade", cut_pct=60)
    grades              # the table the report shows
    grades.frame        # the numbers behind it, for this audience

Each view says which of Bernhardt's four sources of evidence it draws on -- demographics,
perceptions, student learning, school processes (FIELD_NOTES, "Evidence and goals"); only
school processes are changed directly by adults, which is why the discrepancy check sets them
beside learning.

Privacy: tables go through :meth:`Report.tabulate`; groups that partition the students
(grades, sections, the categories of one subgroup, the bands of one grade) use complementary
suppression, and coded percentages get complements of their own (NCES 2011-603; FIELD_NOTES,
"Disclosure avoidance"; :mod:`datadriver_utils.privacy.coding`); the chart and the summary hide
the same cells (:func:`~datadriver_utils.privacy.release.value_status`).  Standards overlap
(every student has each), so they use primary suppression only.  Results by section appear
beyond the team only where district.yml lets the district see them, never in public
(:func:`~datadriver_utils.privacy.release.shows_sections`).  The students just below the cut are
listed in the team view only.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from datadriver_utils.charts.proficiency import band_chart_alt, band_chart_figure
from datadriver_utils.notebook.html import render
from datadriver_utils.notebook.needs import needs
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Fragment, Result
from datadriver_utils.privacy.coding import SHOWN
from datadriver_utils.privacy.release import (
    SECTIONS_NOTE,
    released_share,
    shows_sections,
    value_status,
    withheld_cells,
)
from datadriver_utils.stats.discrepancy import (
    DISCREPANCY_COLUMNS,
    DISCREPANCY_PCT_COLUMNS,
    DiscrepancyResult,
    DiscrepancyThresholds,
    discrepancy_check,
    discrepancy_question,
)
from datadriver_utils.stats.proficiency import (
    DEFAULT_CUT_PCT,
    RESULT_COLUMNS,
    SUBGROUPS,
    band_distribution,
    bubble_students,
    results_by,
    student_scores,
    subgroup_results,
)
from datadriver_utils.stats.scale_scores import (
    SCALE_BANDS,
    SCALE_RESULT_COLUMNS,
    scale_band_distribution,
    scale_bubble_students,
    scale_results_by,
    scale_subgroup_results,
    student_scale_scores,
    with_cuts,
)
from datadriver_utils.strands.analyst_records import (
    AnalystSummary,
    DiscrepancyOverall,
    DiscrepancyRecord,
    DiscrepancySection,
    GradeResult,
    StandardResult,
    _GroupRow,
)
from datadriver_utils.strands.score_kinds import (
    analysis_window,
    cuts,
    kind_sentence,
    score_kind,
    team_windows,
    window_note,
)

__all__ = [
    "AnalystSummary", "DiscrepancyOverall", "DiscrepancyRecord", "DiscrepancySection", "EVIDENCE_SOURCES",
    "GradeResult", "StandardResult", "SUBGROUP_LABELS", "VIEW_EVIDENCE", "bands", "bubble", "discrepancy",
    "evidence", "kind", "publish", "results", "subgroups", "summary", "team_cut",
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

SUBGROUP_LABELS = {"ell": "English learner", "sped": "Special education", "frl": "Free/reduced lunch",
                   "gender": "Gender", "race_ethnicity": "Race/ethnicity"}
_LABELS = {"standard": "Standard", "grade": "Grade", "section": "Section", "group": "Student group",
           "category": "Value", "n": "Students (n)", "mean_pct": "Mean % correct",
           "pct_proficient": "% proficient", "band": "Band", "pct": "% of grade", "mean_score": "Mean score",
           "n_benchmarked": "With a benchmark (n)"}
_DISC_LABELS = {"section": "Section", "n": "Smallest count (n)", "n_assessed": "Assessed (n)",
                "n_records": "Process records (n)", "mean_completion_pct": "Completion",
                "ab_share_pct": "A or B grades", "mean_attendance_pct": "Attendance",
                "pct_proficient": "% proficient", "gap": "Gap"}
_DISC_VALUES = [c for c in DISCREPANCY_COLUMNS if c not in ("n", "flagged")]

# ----------------------------------------------------------------------------- shared steps


def team_cut(report: Report) -> float:
    """The team's proficiency cut from team.yml, or 70 when no goal is set."""
    goal = report.config.goal
    return goal.points_cut_pct if goal else DEFAULT_CUT_PCT


def evidence(view: str) -> Fragment:
    """A small label naming the sources of evidence a view draws on (keys of :data:`VIEW_EVIDENCE`)."""
    used = VIEW_EVIDENCE[view]
    return Fragment(render("evidence", sources=[(s, s in used) for s in EVIDENCE_SOURCES]),
                    label="sources of evidence: " + ", ".join(used))


def _cut(report: Report, cut_pct: float | None) -> float:
    return team_cut(report) if cut_pct is None else float(cut_pct)


@needs("assessments")
def kind(report: Report) -> Result:
    """A note saying which kind of score the results are (points, scale or percentile), and which
    window the sections read when the post window has no scores yet."""
    result = Result().note(kind_sentence(report), "info")
    note = window_note(report)
    return result if note is None else result.note(note, "info")


def _no_scores(report: Report, window: str) -> str:
    """What a view needs next when nobody has a score in ``window``."""
    windows = team_windows(report)
    has = f"it has rows for: {', '.join(windows)}" if windows else "it has no scored rows yet"
    return (f"No student has a score in the {window} window yet ({has}). This section needs assessments.csv "
            f"rows with window \"{window}\": add them when the assessment has been given, or run the "
            "notebook with a window the file already has.")


def _has_scores(report: Report, window: str) -> bool:
    team, scale = report.team, score_kind(report) != "points"
    return not report.memo(("analyst.scores", window), lambda: (
        student_scale_scores(team.assessments, score_kind(report), window) if scale
        else student_scores(team.assessments, window))).empty


def _columns(report: Report) -> tuple[list[str], list[str], list[str]]:
    """Value columns, percentage columns (coded for the public) and count columns of the results."""
    if score_kind(report) == "points":
        return RESULT_COLUMNS[1:], RESULT_COLUMNS[1:], []
    return SCALE_RESULT_COLUMNS[1:], ["pct_proficient"], ["n_benchmarked"]


def _results(report: Report, by: str, window: str, cut: float) -> pd.DataFrame:
    team, kind_ = report.team, score_kind(report)
    if kind_ != "points":
        return report.memo(("analyst.scale_results_by", by, window), lambda: scale_results_by(
            team.assessments, team.students, cuts(report), by, window, kind_))
    return report.memo(("analyst.results_by", by, window, cut),
                       lambda: results_by(team.assessments, team.students, cut, by, window))


def _discrepancy(report: Report, window: str, cut: float, thresholds: DiscrepancyThresholds) -> DiscrepancyResult:
    team, kind_ = report.team, score_kind(report)

    def check() -> DiscrepancyResult:
        proficient = None if kind_ == "points" else with_cuts(
            student_scale_scores(team.assessments, kind_, window), team.students, cuts(report))
        return discrepancy_check(team.table("processes"), team.students, team.assessments, cut, window, thresholds,
                                 proficient=proficient)
    return report.memo(("analyst.discrepancy", window, cut, thresholds), check)


# ----------------------------------------------------------------------------- views


@needs("students", "assessments")
def results(report: Report, by: str = "standard", *, window: str | None = None, cut_pct: float | None = None) -> Result:
    """Results of the window by ``standard``, ``grade`` or ``section``: n, mean (% correct or scale
    score), % proficient.

    ``cut_pct`` tries another cut than the team's (a workshop "what if"; points only). ``window``
    defaults to post (or the latest window, :func:`~datadriver_utils.strands.score_kinds.analysis_window`).
    """
    if by not in ("standard", "grade", "section"):
        raise ValueError(f"results are by standard, grade or section, not {by!r}")
    window = analysis_window(report, window)
    result = Result([evidence(by)])
    if by == "section" and not shows_sections(report.rules, report.audience):
        return result.note(SECTIONS_NOTE, "info")
    if by == "section" and "section" not in report.team.students:
        return result.note("students.csv has no section column, so results cannot be shown by section.", "info")
    if not _has_scores(report, window):
        return result.note(_no_scores(report, window), "info")
    cut = _cut(report, cut_pct)
    values, pcts, ints = _columns(report)
    against = f"cut {cut:g}%" if score_kind(report) == "points" else f"{score_kind(report)} scores, benchmark cuts"
    if score_kind(report) == "points":
        report.define("percent_correct", "pct_proficient_window")
    table = report.tabulate(_results(report, by, window, cut), count_col="n", value_cols=values, pct_cols=pcts,
                            int_cols=ints, group_cols=None if by == "standard" else [], rename=_LABELS,
                            name=f"by {by}", caption=f"Results by {by}, {window} assessment ({against})")
    return result.add(table)


@needs("students", "assessments")
def subgroups(report: Report, *, window: str | None = None, cut_pct: float | None = None) -> Result:
    """Results by every subgroup column of students.csv, small groups protected within each."""
    window = analysis_window(report, window)
    result = Result([evidence("subgroup")])
    team, kind_ = report.team, score_kind(report)
    frame = report.memo(("analyst.subgroups", window, _cut(report, cut_pct)), lambda: subgroup_results(
        team.assessments, team.students, _cut(report, cut_pct), window) if kind_ == "points" else
        scale_subgroup_results(team.assessments, team.students, cuts(report), window, SUBGROUPS, kind_))
    if frame.empty and not _has_scores(report, window):
        return result.note(_no_scores(report, window), "info")
    if frame.empty:
        return result.note("students.csv has none of the subgroup columns (ell, sped, frl, gender, race_ethnicity).")
    values, pcts, ints = _columns(report)
    table = report.tabulate(frame.assign(group=frame["group"].map(SUBGROUP_LABELS)), count_col="n",
                            value_cols=values, pct_cols=pcts, int_cols=ints, group_cols=["group"], rename=_LABELS,
                            caption=f"Results by student group, {window}", name="by student group")
    return result.add(table)


@needs("students", "assessments")
def bands(report: Report, *, window: str | None = None, cut_pct: float | None = None, below_margin: float = 20.0,
          advanced_margin: float = 15.0) -> Result:
    """Students by band and grade (the bands of one grade protected together), and their chart.

    Scale scores have two bands, below and at or above the benchmark (margins in percentage
    points mean nothing on a scale). Without scores in the window the result is a notice.
    """
    window = analysis_window(report, window)
    result = Result([evidence("bands")])
    team, kind_ = report.team, score_kind(report)
    if kind_ == "points":
        frame = band_distribution(team.assessments, team.students, _cut(report, cut_pct), window,
                                  below_margin=below_margin, advanced_margin=advanced_margin)
    else:
        frame = scale_band_distribution(team.assessments, team.students, cuts(report), window, kind_)
        if frame.empty and _has_scores(report, window):
            return result.note(kind_sentence(report), "info")
    if frame.empty:
        return result.note(_no_scores(report, window), "info")
    hidden = value_status(frame, "n", ["pct"], report.rules, report.audience, group_cols=["grade"])["pct"] != SHOWN
    table = report.tabulate(frame, count_col="n", value_cols=["pct"], group_cols=["grade"], rename=_LABELS,
                            caption=f"Students by band, {window} assessment", name="bands")
    names = list(SCALE_BANDS) if kind_ != "points" else None
    return result.add(table, Chart(band_chart_figure(frame, list(hidden), bands=names),
                                   band_chart_alt(frame, list(hidden), bands=names), name="bands by grade"))


@needs("students", "assessments")
def bubble(report: Report, *, window: str | None = None, margin: float = 10.0, cut_pct: float | None = None) -> Result:
    """Team view only: the students within ``margin`` points below the cut (percentage points, or
    scale points below the benchmark for scale scores), by student id."""
    window = analysis_window(report, window)
    result = Result([evidence("bubble")])
    if not report.for_team:
        return result.note("The list of students just below the cut is shown in the team view only.")
    if not _has_scores(report, window):
        return result.note(_no_scores(report, window), "info")
    team, kind_ = report.team, score_kind(report)
    if kind_ == "points":
        frame = bubble_students(team.assessments, team.students, _cut(report, cut_pct), window, margin)
        unit = "points below the cut"
    else:
        frame = scale_bubble_students(team.assessments, team.students, cuts(report), window, margin, kind_)
        unit = f"{kind_} points below the benchmark"
    table = report.tabulate(frame, caption=f"Within {margin:g} {unit} ({len(frame)})", name="bubble students",
                            rename={"student_id": "Student", "grade": "Grade", "section": "Section",
                                    "pct_correct": "% correct", "score": "Score", "cut": "Benchmark"})
    table.shown = table.shown.round({"% correct": 1, "Score": 1})
    return result.add(table)


def _released(report: Report, found: DiscrepancyResult, thresholds: DiscrepancyThresholds) -> DiscrepancyRecord:
    """The check as this audience may see it: hidden sections blanked, a small team's overall
    blanked, and the question written only from what remains (coded as the numbers are)."""
    beyond = not report.for_team
    shown = found.sections if shows_sections(report.rules, report.audience) else found.sections.iloc[:0]
    withheld = withheld_cells(shown, "n", ["n", *_DISC_VALUES], report.rules, report.audience, group_cols=[],
                              pct_cols=DISCREPANCY_PCT_COLUMNS)
    sections = [DiscrepancySection.model_validate({
        "section": str(row["section"]), **{c: None if hide[c] else row[c] for c in ["n", *_DISC_VALUES]},
        "flagged": None if hide["n"] else row["flagged"], "suppressed": hide["n"] if beyond else None})
        for row, hide in zip(shown.to_dict("records"), withheld.to_dict("records"), strict=True)]
    whole = withheld_cells(pd.DataFrame([found.overall]), "n", ["n", *_DISC_VALUES], report.rules, report.audience,
                           pct_cols=DISCREPANCY_PCT_COLUMNS).iloc[0]
    small = bool(whole["n"])
    overall = {k: (None if k != "flagged" and whole.get(k, False) else v) for k, v in found.overall.items()}
    overall["flagged"] = bool(found.overall["flagged"]) and not small
    flagged_sections = [s.class_section or "" for s in sections if s.flagged]
    worded = {k: released_share(v, report.rules, report.audience) if k in DISCREPANCY_PCT_COLUMNS else v
              for k, v in overall.items()}
    worded.update({k: report.rules.marker for k in DISCREPANCY_PCT_COLUMNS if whole[k] and not small})
    return DiscrepancyRecord(flagged=overall["flagged"] or bool(flagged_sections), sections=sections,
                             overall=DiscrepancyOverall.model_validate(overall),
                             question=discrepancy_question(worded, flagged_sections, thresholds))


def _discrepancy_table(report: Report, frame: pd.DataFrame, caption: str, group_cols: list[str] | None,
                       name: str) -> Any:
    table = frame.assign(gap=frame["flagged"].map({True: "ask", False: ""}).astype(object))
    table = table.astype({"n_assessed": int, "n_records": int})
    return report.tabulate(table.drop(columns="flagged"), count_col="n",
                           value_cols=["n_assessed", "n_records", *DISCREPANCY_PCT_COLUMNS, "gap"],
                           pct_cols=DISCREPANCY_PCT_COLUMNS, int_cols=["n_assessed", "n_records"],
                           group_cols=group_cols, caption=caption, rename=_DISC_LABELS, name=name)


@needs("students", "assessments", "processes")
def discrepancy(report: Report, *, window: str | None = None, cut_pct: float | None = None,
                thresholds: DiscrepancyThresholds = DiscrepancyThresholds()) -> Result:
    """Process evidence beside proficiency per section and overall, and the question to discuss.

    The section table is suppressed exactly as the published summary is (same frame, same
    lines), so the two releases together reveal nothing that either hides.  ``.value`` is the
    check as published for this audience (a :class:`DiscrepancyRecord`).
    """
    window = analysis_window(report, window)
    found = _discrepancy(report, window, _cut(report, cut_pct), thresholds)
    released = _released(report, found, thresholds)
    result = Result([evidence("discrepancy")], value=released)
    if len(found.sections) and not shows_sections(report.rules, report.audience):
        result.note(SECTIONS_NOTE, "info")
    elif len(found.sections):
        result.add(_discrepancy_table(report, found.sections, f"School processes beside the {window} assessment, "
                                      "by section", [], "by section"))
    overall = pd.DataFrame([{"section": "All students", **found.overall}])
    result.add(_discrepancy_table(report, overall, "All students", None, "all students"))
    return result.note(released.question or "", "warning" if released.flagged else "info")


# ----------------------------------------------------------------------------- summary.json


def _rows(report: Report, by: str, window: str, cut: float, model: type[_GroupRow]) -> list[Any]:
    frame = _results(report, by, window, cut)
    values, pcts, _ints = _columns(report)
    withheld = withheld_cells(frame, "n", ["n", *values], report.rules, report.audience,
                              group_cols=None if by == "standard" else [], pct_cols=pcts)
    return [model.model_validate({by: str(row[by]), **{c: None if hide[c] else row[c] for c in ["n", *values]},
                                  "suppressed": None if report.for_team else bool(hide["n"])})
            for row, hide in zip(frame.to_dict("records"), withheld.to_dict("records"), strict=True)]


@needs("students", "assessments")
def summary(report: Report, *, window: str | None = None) -> AnalystSummary:
    """The ``data_analyst`` section of summary.json: aggregates only, at the team's cut, suppression respected."""
    window = analysis_window(report, window)
    cut, thresholds = team_cut(report), DiscrepancyThresholds()
    found = _discrepancy(report, window, cut, thresholds) if report.team.has("processes") else None
    return AnalystSummary(
        window=window, score_type=score_kind(report), proficiency_cut_pct=cut if score_kind(report) == "points" else None,
        by_standard=_rows(report, "standard", window, cut, StandardResult),
        by_grade=_rows(report, "grade", window, cut, GradeResult),
        discrepancy=None if found is None else _released(report, found, thresholds))


def publish(report: Report, *, window: str | None = None) -> AnalystSummary | None:
    """Write the ``data_analyst`` section for summary.json and return it (None without the files)."""
    found = summary(report, window=window)
    if isinstance(found, AnalystSummary):
        report.publish(found)
        return found
    return None
