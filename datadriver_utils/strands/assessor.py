"""The Assessor strand: can the team trust its common assessment, question by question?

The Data Driver strand micro-credentials (Teaching Matters; shared/seeds 000 and 003) ask a
teacher leader to look at a common assessment by question and by standard before reading a
result from it.  The numbers come from :mod:`datadriver_utils.stats.items` (classical test theory:
difficulty p, item-rest point-biserial, Kelley's upper-lower index, Ebel & Frisbie's bands,
Cronbach's alpha = KR-20 for 0/1 items; FIELD_NOTES, "Assessment item analysis"); this module
only arranges them for a notebook and for ``summary.json``.

Privacy: item statistics are aggregates over students.  Beyond the team, every statistic is
computed with the district's minimum group size, so an item answered by fewer students shows
no numbers; the distractor table (who chose which option) is shown to the team only.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from IPython.display import display
from matplotlib.figure import Figure

from datadriver_utils.charts.items import item_map_figure
from datadriver_utils.notebook.report import Report
from datadriver_utils.privacy.rules import Audience
from datadriver_utils.stats.items import (
    assessment_quality_summary,
    describe_assessment,
    distractor_table,
    item_statistics,
    standard_blueprint,
)

__all__ = [
    "NEEDS_ITEMS", "item_rows", "assessor_window", "assessor_min_group_size", "item_table",
    "item_map", "assessor_summary", "show_item_statistics", "show_reliability",
    "show_blueprint", "show_distractors", "show_item_map", "publish_assessor",
]

NEEDS_ITEMS = (
    "This section needs item-level rows: assessments.csv has no item_id column (or it is empty), "
    "so there is one row per standard, not one per question. Add an item_id column with one row "
    "per student, window and question (and, for the distractor table, the response chosen and "
    "the key) to see how each question behaved."
)
_ITEM_LABELS = {
    "item_id": "Item", "standard": "Standard", "n": "Students (n)",
    "points_possible": "Points possible", "difficulty_p": "Difficulty p",
    "discrimination_r": "Discrimination r", "upper_lower_index": "Upper-lower index",
    "quality": "Quality (Ebel & Frisbie)", "flags": "Flags",
}
_FLAG_WORDS = {"too_easy": "too easy", "too_hard": "too hard",
               "negative_discrimination": "negative: check key"}


def item_rows(report: Report) -> pd.DataFrame | None:
    """Assessment rows that name an item, or None when the team has no item-level data."""
    frame = report.team.assessments
    if "item_id" not in frame.columns:
        return None
    rows = frame[frame["item_id"].notna() & (frame["item_id"].astype(str).str.strip() != "")]
    return None if rows.empty else rows


def assessor_window(rows: pd.DataFrame) -> str:
    """The window to analyse: ``post`` when it has items (the common assessment the
    credential asks about), otherwise the last window listed."""
    windows = list(dict.fromkeys(rows["window"].astype(str)))
    return "post" if "post" in windows else windows[-1]


def assessor_min_group_size(report: Report) -> int:
    """1 for the team (every item shown); the district's minimum group size beyond it."""
    return 1 if report.audience is Audience.TEAM else report.rules.min_group_size


def _flags(stats: pd.DataFrame) -> pd.Series:
    words = pd.DataFrame({flag: stats[flag].map({True: word, False: ""})
                          for flag, word in _FLAG_WORDS.items()})
    return words.apply(lambda row: ", ".join(w for w in row if w), axis=1).astype(str)


def item_table(report: Report) -> pd.DataFrame | None:
    """:func:`~datadriver_utils.stats.items.item_statistics` for the window, flags in words."""
    rows = item_rows(report)
    if rows is None:
        return None
    stats = item_statistics(rows, assessor_window(rows),
                            min_group_size=assessor_min_group_size(report))
    return stats.assign(flags=_flags(stats) if len(stats) else pd.Series(dtype=str))


def show_item_statistics(report: Report) -> None:
    """The item table: difficulty, discrimination, upper-lower index, quality band, flags."""
    stats = item_table(report)
    if stats is None:
        report.notice(NEEDS_ITEMS, "warning")
        return
    shown = stats[list(_ITEM_LABELS)].round({"difficulty_p": 2, "discrimination_r": 2,
                                             "upper_lower_index": 2, "points_possible": 1})
    window = assessor_window(item_rows(report))  # type: ignore[arg-type]
    report.table(shown, caption=f"Item statistics, {window} assessment", rename=_ITEM_LABELS)
    if report.audience is not Audience.TEAM:
        report.notice(f"Statistics for items answered by fewer than {report.rules.min_group_size} "
                      "students are left blank.", "info")


def assessor_summary(report: Report) -> dict[str, Any] | None:
    """The ``assessor`` section of summary.json (alpha, counts, flagged item ids), or None.

    Alpha is rounded to two decimals, not the 0.1 used elsewhere in summary.json: its rules of
    thumb (.60/.70/.80) are read at that precision.
    """
    rows = item_rows(report)
    if rows is None:
        return None
    summary = assessment_quality_summary(rows, assessor_window(rows),
                                         min_group_size=assessor_min_group_size(report))
    if summary["alpha"] is not None:
        summary["alpha"] = round(summary["alpha"], 2)
    return summary


def show_reliability(report: Report) -> None:
    """Cronbach's alpha and the flagged items in plain words (:func:`describe_assessment`)."""
    rows = item_rows(report)
    if rows is None:
        report.notice(NEEDS_ITEMS, "warning")
        return
    summary = assessment_quality_summary(rows, assessor_window(rows),
                                         min_group_size=assessor_min_group_size(report))
    report.notice(describe_assessment(summary), "good")


def show_blueprint(report: Report) -> None:
    """Items and points per standard: does the test weigh the standards as intended?"""
    rows = item_rows(report)
    if rows is None:
        report.notice(NEEDS_ITEMS, "warning")
        return
    blueprint = standard_blueprint(rows, assessor_window(rows))
    blueprint["share_of_points"] = (100 * blueprint["share_of_points"]).round(1)
    report.table(blueprint, caption="Blueprint: items and points per standard", rename={
        "standard": "Standard", "n_items": "Items", "total_points": "Points",
        "share_of_points": "Share of points (%)"})


def show_distractors(report: Report) -> None:
    """Per item and option: how many chose it (team audience only)."""
    if report.audience is not Audience.TEAM:
        report.notice("The option-by-option table is shown in the team view only: a wrong "
                      "answer chosen by one or two students could point to who they are.", "info")
        return
    rows = item_rows(report)
    if rows is None:
        report.notice(NEEDS_ITEMS, "warning")
        return
    table = distractor_table(rows, assessor_window(rows))
    if table is None:
        report.notice("No responses were recorded (add a response column with the option each "
                      "student chose) so there is no distractor table.", "info")
        return
    table = table.assign(proportion=(100 * table["proportion"]).round(1),
                         mean_total_proportion=(100 * table["mean_total_proportion"]).round(1))
    report.table(table, caption="Which options students chose", rename={
        "item_id": "Item", "standard": "Standard", "option": "Option", "is_key": "Key?",
        "count": "Chose it (n)", "proportion": "Chose it (%)",
        "mean_total_proportion": "Their mean total (%)"})


def item_map(report: Report) -> Figure | None:
    """Difficulty against discrimination, one point per item (None without items)."""
    stats = item_table(report)
    return None if stats is None else item_map_figure(stats)


def show_item_map(report: Report) -> None:
    """Display :func:`item_map`, or say that item-level rows are needed."""
    figure = item_map(report)
    if figure is None:
        report.notice(NEEDS_ITEMS, "warning")
        return
    display(figure)


def publish_assessor(report: Report) -> dict[str, Any] | None:
    """Write the ``assessor`` section for summary.json and return it (None without items)."""
    summary = assessor_summary(report)
    if summary is not None:
        report.publish(summary, "assessor")
    return summary
