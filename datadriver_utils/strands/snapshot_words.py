"""The snapshot's words for a gain and for the students it leaves out (notebook 20).

A gain is named by the rule of :func:`datadriver_utils.stats.growth.read_gain` (flat, fell,
uneven, broad; docs/analysis.md "Reading a gain"), never by a word picked for comfort, and the
sentence says why. Missing post scores are reported by section with their share
(:func:`~datadriver_utils.stats.growth.missing_post_by_section`) and the students without a post
score are compared with the matched ones on the pre test before anything is said about whether
they change the story. Sections stay in the team view unless the district opts in
(:func:`~datadriver_utils.privacy.release.shows_sections`); beyond the team the table keeps its
team row only and names no student.
"""

from __future__ import annotations

from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Result
from datadriver_utils.privacy.release import SECTIONS_NOTE, shows_sections, too_small_to_share
from datadriver_utils.stats.growth import (
    FLAT_EFFECT_SIZE,
    GainReading,
    missing_post_by_section,
    missing_post_check,
    students_missing_post,
)

__all__ = ["DIFFERENT_PRE_POINTS", "gain_words", "grade_direction", "missing_post_view"]

DIFFERENT_PRE_POINTS = 5.0
"""Pre-test means of the missing and the matched students this many points apart (or more) are
read as different: the gains may not speak for the students who missed the post test."""

_LABELS = {"section": "Section", "n_students": "Students", "n_missing_post": "No post score",
           "pct_missing_post": "Share with no post score (%)", "n_missing_pre": "No pre score",
           "n_matched": "Both (in the gains)", "student_id": "Student", "pre_pct_correct": "Pre % correct"}


def _interval(reading: GainReading) -> str:
    if reading.ci_low is None or reading.ci_high is None:
        return ""
    return f"95% interval of the gain {reading.ci_low:+.1f} to {reading.ci_high:+.1f} points"


def gain_words(reading: GainReading) -> str:
    """The paired effect size and what the rule calls the gain, with the reason."""
    if reading.kind == "unknown" or reading.effect_size is None or reading.gain is None:
        return ""
    head = f"The mean gain in percent correct is {reading.gain:+.1f} points (paired effect size {reading.effect_size:.2f}; {_interval(reading)}): "
    if reading.kind == "flat":
        why = [f"the effect size is below {FLAT_EFFECT_SIZE}" if abs(reading.effect_size) < FLAT_EFFECT_SIZE else "",
               "the interval includes 0" if reading.interval_includes_zero is not False else ""]
        return head + f"flat — {' and '.join(w for w in why if w)}, so the scores did not move in a way that can be " \
                      "told from ordinary variation."
    if reading.kind == "fell":
        return head + "scores fell, and the whole interval lies below 0."
    if reading.kind == "broad":
        return head + "growth was broad across students."
    return head + "a real rise, but uneven: many students did not share it; look at which students did not grow."


def grade_direction(reading: GainReading, gain: float) -> str:
    """The verb for a grade's average: flat by the rule, else rose or fell."""
    if reading.kind == "flat":
        return "was flat, going"
    if reading.kind == "unknown":
        return "rose" if gain > 0.5 else "fell" if gain < -0.5 else "held steady"
    return "fell" if reading.kind == "fell" else "rose"


def _check_note(report: Report, pre: str, post: str) -> str | None:
    check = missing_post_check(report.team.assessments, pre, post)
    if not check.n_missing or check.difference is None or check.pre_mean_missing is None:
        return None
    if too_small_to_share(check.n_missing, report.rules, report.audience):
        return (f"Fewer than {report.rules.min_group_size} students with a pre score have no post score: their pre "
                "scores are compared with the others' in the team view only.")
    differ = abs(check.difference) >= DIFFERENT_PRE_POINTS
    return (f"The {check.n_missing} students with a pre score and no post score averaged {check.pre_mean_missing:.1f}% "
            f"on the pre assessment, against {check.pre_mean_matched:.1f}% for the {check.n_matched} matched students "
            f"({check.difference:+.1f} points). "
            + (f"That is {DIFFERENT_PRE_POINTS:.0f} points or more apart: the gains may not speak for them."
               if differ else f"Less than {DIFFERENT_PRE_POINTS:.0f} points apart on the pre test, so leaving them out "
               "is unlikely to move the averages much; still ask why they missed the post test."))


def missing_post_view(report: Report, pre: str, post: str) -> Result:
    """Missing post scores by section (team row only beyond the team), the pre-test check, and
    (team view) the students without a post score."""
    table = missing_post_by_section(report.team.assessments, report.team.students, pre, post)
    sections = shows_sections(report.rules, report.audience)
    shown = table if sections else table[table["section"] == "All"]
    result = Result([report.tabulate(shown.round({"pct_missing_post": 1}), count_col="n_students",
                                     value_cols=["n_missing_post", "pct_missing_post", "n_missing_pre", "n_matched"],
                                     pct_cols=["pct_missing_post"], group_cols=["section"] if sections else None,
                                     caption=f"Missing scores by section: no {post} score, no {pre} score",
                                     rename=_LABELS, int_cols=["n_missing_post", "n_missing_pre", "n_matched"],
                                     name="missing by section")])
    if not sections and len(table) > 1:
        result.note(SECTIONS_NOTE)
    checked = _check_note(report, pre, post)
    if checked:
        result.note(checked, "info")
    if report.for_team:
        missing = students_missing_post(report.team.assessments, report.team.students, pre, post)
        if len(missing):
            result.add(report.tabulate(missing.round({"pre_pct_correct": 1}), rename=_LABELS,
                                       caption=f"Team view only — students with no {post} score",
                                       name="students without a post score"))
    return result
