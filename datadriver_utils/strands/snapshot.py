"""The Data Driver snapshot: pre/post results by grade and standard, shown and published.

Draws on the Data Driver micro-credential (shared/seeds 000): overview answers, a table or
graph of grade-level averages from a pre and a post assessment, and the team's progress
rating. Numbers come from :mod:`datadriver_utils.stats.gains`; this module only arranges them for a
notebook and for ``summary.json``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from IPython.display import display
from matplotlib.figure import Figure

from datadriver_utils.charts.gains import grade_standard_means_figure
from datadriver_utils.notebook.report import Report
from datadriver_utils.privacy.rules import Audience
from datadriver_utils.privacy.suppression import suppress_with_complements
from datadriver_utils.stats.gains import GAIN_COLUMNS, GoalResult, goal_result, matched_gains

__all__ = [
    "grade_gains",
    "grade_standard_gains",
    "snapshot_goal",
    "snapshot_summary",
    "overview_rows",
    "show_overview",
    "show_grade_table",
    "show_standard_chart",
    "show_matching_caveat",
    "interpretation",
    "show_interpretation",
    "publish_snapshot",
]

_LABELS = {
    "grade": "Grade", "standard": "Standard", "n_pre": "Pre (n)", "n_post": "Post (n)",
    "n_matched": "Both (n)", "pre_mean_pct": "Pre mean", "post_mean_pct": "Post mean",
    "gain_pct_points": "Gain (points)", "pre_pct_proficient": "Pre % proficient",
    "post_pct_proficient": "Post % proficient", "effect_size": "Effect size",
}
_PCT = ["pre_mean_pct", "post_mean_pct", "pre_pct_proficient", "post_pct_proficient"]


def grade_gains(report: Report) -> pd.DataFrame:
    """Matched pre/post statistics per grade at the team's proficiency cut."""
    return report.memo("grade_gains", lambda: matched_gains(
        report.team.assessments, report.team.students, _cut(report), by=("grade",)))


def grade_standard_gains(report: Report) -> pd.DataFrame:
    """Matched pre/post statistics per grade and standard."""
    return report.memo("grade_standard_gains", lambda: matched_gains(
        report.team.assessments, report.team.students, _cut(report), by=("grade", "standard")))


def _cut(report: Report) -> float:
    goal = report.config.goal
    return goal.proficiency_cut_pct if goal else 70.0


def snapshot_goal(report: Report) -> GoalResult | None:
    """The goal measured on its standards, or None when team.yml states no goal."""
    goal = report.config.goal
    if goal is None:
        return None
    return report.memo("goal_result", lambda: goal_result(report.team.assessments, report.team.students, goal))


def overview_rows(report: Report) -> list[tuple[str, str]]:
    """The credential's five overview questions with answers from team.yml and the data."""
    config = report.config
    goal = config.goal
    result = snapshot_goal(report) if report.team.has("assessments") and report.team.has("students") else None
    rating = "—"
    if result is not None and result.progress_rating:
        rating = result.progress_rating
        if result.rating_overridden:
            rating += f" (the team's judgement; the data alone suggest: {result.suggested_rating})"
        elif goal is not None and goal.progress_rating is None:
            rating += " (suggested from the data: see the thresholds in the docs)"
    return [
        ("Subject area", config.subject),
        ("Grade level(s)", ", ".join(config.grade_levels)),
        ("Student learning goal", goal.statement if goal else "No goal in team.yml yet"),
        ("Standard(s) the goal addresses", ", ".join(goal.standards) if goal else "—"),
        ("Progress toward the goal", rating),
    ]


def show_overview(report: Report) -> None:
    """The credential's overview answers, filled from team.yml and the data."""
    rows = overview_rows(report)
    if report.config.overview:
        rows.append(("In the team's words", report.config.overview))
    report.table(pd.DataFrame(rows, columns=["Question", "Answer"]))


def _show_gain_table(report: Report, frame: pd.DataFrame, caption: str) -> None:
    value_cols = ["n_pre", "n_post", *[c for c in GAIN_COLUMNS if c not in {"n_pre", "n_post", "n_matched"}]]
    lines = frame.assign(_line="all")
    report.table(
        lines, count_col="n_matched", value_cols=value_cols, pct_cols=_PCT, caption=caption, rename=_LABELS,
        group_cols=["standard"] if "standard" in frame else ["_line"],
        int_cols=["n_pre", "n_post"], decimals={"effect_size": 2, "gain_pct_points": 1},
    )


def show_grade_table(report: Report) -> None:
    """Pre/post table by grade (matched students)."""
    _show_gain_table(report, grade_gains(report), "Grade-level results, students with both a pre and a post score")


def show_standard_table(report: Report) -> None:
    """Pre/post table by grade and standard (matched students)."""
    _show_gain_table(report, grade_standard_gains(report), "Results by grade and standard")


def _shareable(report: Report, frame: pd.DataFrame) -> pd.DataFrame:
    return frame[~hidden_rows(report, frame)]


def standard_chart(report: Report) -> Figure:
    """Grade-level means by standard, pre beside post, without groups too small to share."""
    return grade_standard_means_figure(_shareable(report, grade_standard_gains(report)), cut_pct=_cut(report))


def show_standard_chart(report: Report) -> None:
    """Display :func:`standard_chart`."""
    display(standard_chart(report))


def show_matching_caveat(report: Report) -> None:
    """Who is in the comparison and who is not, and why that matters."""
    gains = grade_gains(report)
    n_pre, n_post, n_matched = (int(gains[c].sum()) for c in ("n_pre", "n_post", "n_matched"))
    report.notice(
        f"{n_pre} students have a pre score and {n_post} a post score; {n_matched} have both. "
        "Averages, percent proficient and gains use only those with both, so students who "
        "joined, left or missed a test do not change the story. Look at who is missing: if "
        "they differ from the rest (attendance, new arrivals), the gains may not speak for them.",
        "info",
    )
    if report.audience is Audience.TEAM:
        scores = report.team.assessments.groupby("student_id")["window"].agg(set)
        missing_post = sorted(s for s, windows in scores.items() if "pre" in windows and "post" not in windows)
        if missing_post:
            report.notice(
                "Team view only — students with a pre score but no post score: " + ", ".join(missing_post),
                "warning",
            )


def interpretation(report: Report) -> str:
    """A short reading of the numbers, written from them (no judgement of people)."""
    gains = _shareable(report, grade_gains(report))
    sentences = []
    for row in gains.itertuples(index=False):
        if pd.isna(row.gain_pct_points):
            continue
        direction = "rose" if row.gain_pct_points > 0.5 else "fell" if row.gain_pct_points < -0.5 else "held steady"
        sentences.append(
            f"In grade {row.grade}, the average of the {row.n_matched} matched students {direction} from "
            f"{row.pre_mean_pct:.1f}% to {row.post_mean_pct:.1f}% ({row.gain_pct_points:+.1f} points); "
            f"{row.post_pct_proficient:.1f}% reached the cut on the post assessment, up from {row.pre_pct_proficient:.1f}%."
        )
    result = snapshot_goal(report)
    if result is not None and result.post_pct_proficient is not None:
        verdict = "met" if result.goal_met else "did not meet"
        sentences.append(
            f"On the goal's standard(s) ({', '.join(result.measured_standards)}), {result.post_pct_proficient:.1f}% "
            f"of matched students were proficient against a target of {result.target_pct_proficient:.0f}%: the team "
            f"{verdict} its goal. Suggested rating: {result.suggested_rating}."
        )
        if result.effect_size is not None:
            sentences.append(
                f"The paired effect size is {result.effect_size:.2f} (mean gain ÷ spread of gains): "
                + ("growth was broad across students." if result.effect_size >= 0.5 else
                   "growth was uneven; look at which students did not grow.")
            )
    if not sentences:
        return "There are not yet enough matched students to describe growth."
    return " ".join(sentences)


def show_interpretation(report: Report) -> None:
    """Display :func:`interpretation` as a note."""
    report.notice(interpretation(report), "good")


def _rounded(value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, (int,)) and not isinstance(value, bool):
        return value
    return round(float(value), 1)


def hidden_rows(report: Report, frame: pd.DataFrame) -> pd.Series:
    """Which rows the audience may not see: small groups and their complements.

    The grades of a team add up to the team's total (which the matched-students note and the
    goal publish), and the grades within one standard add up to that standard's total; so a
    lone small grade is protected by hiding the next smallest too (complementary suppression,
    :func:`~datadriver_utils.privacy.suppression.suppress_with_complements`).
    """
    if report.audience is Audience.TEAM or frame.empty:
        return pd.Series(False, index=frame.index)
    lines = frame.assign(_line="all")
    group = ["standard"] if "standard" in frame else ["_line"]
    flagged = suppress_with_complements(lines, "n_matched", [], group, report.rules, report.audience)
    return flagged["suppressed"].astype(bool)


def _records(report: Report, frame: pd.DataFrame, keys: list[str]) -> list[dict[str, Any]]:
    records = []
    hide = report.audience is not Audience.TEAM
    hidden = hidden_rows(report, frame)
    for index, row in zip(frame.index, frame.to_dict("records")):
        small = bool(hidden.loc[index])
        record: dict[str, Any] = {key: str(row[key]) for key in keys}
        for column in GAIN_COLUMNS:
            value = row[column]
            if column in ("n_pre", "n_post", "n_matched"):
                record[column] = None if small else int(value)
            else:
                record[column] = None if small else _rounded(value)
        if hide:
            record["suppressed"] = bool(small)
        records.append(record)
    return records


def snapshot_summary(report: Report) -> dict[str, Any]:
    """The ``data_driver`` section of summary.json (schema in docs/summary-schema.md)."""
    result = snapshot_goal(report)
    return {
        "by_grade": _records(report, grade_gains(report), ["grade"]),
        "by_grade_standard": _records(report, grade_standard_gains(report), ["grade", "standard"]),
        "goal_met": None if result is None else result.goal_met,
        "progress_rating": None if result is None else result.progress_rating,
        "suggested_progress_rating": None if result is None else result.suggested_rating,
        "goal": None if result is None else {
            "standards": result.measured_standards,
            "target_pct_proficient": _rounded(result.target_pct_proficient),
            "pre_pct_proficient": _rounded(result.pre_pct_proficient),
            "post_pct_proficient": _rounded(result.post_pct_proficient),
            "n_matched": result.n_matched if report.audience is Audience.TEAM or result.n_matched >= report.rules.min_group_size else None,
        },
    }


def publish_snapshot(report: Report) -> dict[str, Any]:
    """Write the data_driver section for summary.json and return it."""
    summary = snapshot_summary(report)
    report.publish(summary, "data_driver")
    return summary
