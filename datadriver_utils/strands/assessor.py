"""The Assessor strand (notebook 11): can the team trust its common assessment, question by question?

The Data Driver strand micro-credentials (Teaching Matters; shared/seeds 000 and 003) ask a
teacher leader to look at a common assessment by question and by standard before reading a
result from it.  The numbers come from :mod:`datadriver_utils.stats.items`,
:mod:`~datadriver_utils.stats.reliability` and :mod:`~datadriver_utils.stats.distractors` (classical
test theory: difficulty p, item-rest point-biserial, Kelley's upper-lower index, Ebel & Frisbie's
bands, Cronbach's alpha = KR-20 for 0/1 items; FIELD_NOTES, "Assessment item analysis"); this
module only arranges them into results for a notebook and for ``summary.json``::

    items = assessor.item_statistics(report, too_easy_above=0.85)
    items                       # the table the report shows
    items.frame                 # the numbers, to sort or filter in a workshop

Privacy: item statistics are aggregates over students.  Beyond the team, every statistic is
computed with the district's minimum group size
(:func:`~datadriver_utils.privacy.release.smallest_group`), so an item answered by fewer
students shows no numbers; the distractor table (who chose which option) is shown to the team
only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from pydantic import Field

from datadriver_utils.charts.items import item_map_figure
from datadriver_utils.contract.windows import order_windows
from datadriver_utils.core.quantities import Coefficient, Count, Label, Summary
from datadriver_utils.notebook.needs import needs
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Result
from datadriver_utils.privacy.release import smallest_group
from datadriver_utils.stats.distractors import distractor_table
from datadriver_utils.stats.items import item_statistics as compute_item_statistics
from datadriver_utils.stats.items import standard_blueprint
from datadriver_utils.stats.reliability import assessment_quality_summary, describe_assessment

__all__ = [
    "AssessorSummary", "ItemThresholds", "NEEDS_ITEMS", "assessor_window", "blueprint", "distractors",
    "item_map", "item_rows", "item_statistics", "publish", "reliability", "summary",
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


class ItemThresholds(Summary):
    """The cut-offs the item flags used (proportions of points, 0-1)."""

    too_easy_above: Coefficient = Field(description="difficulty p above which an item is flagged too easy")
    too_hard_below: Coefficient = Field(description="difficulty p below which an item is flagged too hard")
    negative_below: Coefficient = Field(description="discrimination r below which an item's key is checked")


class AssessorSummary(Summary):
    """How far the common assessment can be trusted (notebook 11)."""

    section = "assessor"
    window: Label = Field(description="the window analysed (post when it has items)")
    alpha: Coefficient = Field(description="Cronbach's alpha (KR-20 for 0/1 items); null when undefined or too few students")
    n_students: Count = Field(description="students who answered at least one item")
    n_students_alpha: Count = Field(description="students who answered every item (the listwise n behind alpha)")
    n_items: Count = Field(description="items in the window")
    thresholds: ItemThresholds
    flagged: dict[str, list[str]] = Field(description="flag (too_easy, too_hard, negative_discrimination) -> item ids")


def item_rows(report: Report) -> pd.DataFrame | None:
    """Assessment rows that name an item, or None when the team has no item-level data."""
    frame = report.team.assessments
    if "item_id" not in frame.columns:
        return None
    rows = frame[frame["item_id"].notna() & (frame["item_id"].astype(str).str.strip() != "")]
    return None if rows.empty else rows


def assessor_window(rows: pd.DataFrame, listed: Sequence[str] | None = None) -> str:
    """The window to analyse: ``post`` when it has items (the common assessment the
    credential asks about), otherwise the latest window in time order (team.yml's ``listed``
    order first; :func:`~datadriver_utils.contract.windows.order_windows`)."""
    windows = order_windows(pd.unique(rows["window"].astype(str)), listed)  # distinct first: a million rows
    return "post" if "post" in windows else windows[-1]


def _no_items() -> Result:
    return Result().note(NEEDS_ITEMS, "warning")


def _flags(stats: pd.DataFrame) -> pd.Series:
    words = pd.DataFrame({flag: stats[flag].map({True: word, False: ""})
                          for flag, word in _FLAG_WORDS.items()})
    return words.apply(lambda row: ", ".join(w for w in row if w), axis=1).astype(str)


def _statistics(report: Report, rows: pd.DataFrame, thresholds: dict[str, float]) -> pd.DataFrame:
    stats = compute_item_statistics(rows, assessor_window(rows, report.config.windows), min_group_size=smallest_group(report.rules, report.audience),
                                    **thresholds)
    return stats.assign(flags=_flags(stats) if len(stats) else pd.Series(dtype=str))


@needs("assessments")
def item_statistics(report: Report, *, too_easy_above: float = 0.90, too_hard_below: float = 0.30,
                    negative_below: float = 0.0) -> Result:
    """The item table: difficulty, discrimination, upper-lower index, quality band, flags.

    ``.frame`` holds every statistic unrounded (and the flag columns) for the items the
    audience may see; the thresholds pass through to the flags.
    """
    rows = item_rows(report)
    if rows is None:
        return _no_items()
    stats = _statistics(report, rows, {"too_easy_above": too_easy_above, "too_hard_below": too_hard_below,
                                       "negative_below": negative_below})
    table = report.tabulate(stats, caption=f"Item statistics, {assessor_window(rows, report.config.windows)} assessment",
                            rename=_ITEM_LABELS, name="items")
    table.shown = table.shown[list(_ITEM_LABELS.values())].round(
        {_ITEM_LABELS[c]: 2 for c in ("difficulty_p", "discrimination_r", "upper_lower_index")}
        | {_ITEM_LABELS["points_possible"]: 1})
    result = Result([table], value=stats)
    if not report.for_team:
        result.note(f"Statistics for items answered by fewer than {report.rules.min_group_size} "
                    "students are left blank.", "info")
    return result


@needs("assessments")
def item_map(report: Report, *, too_easy_above: float = 0.90, too_hard_below: float = 0.30) -> Result:
    """Difficulty against discrimination, one point per item."""
    rows = item_rows(report)
    if rows is None:
        return _no_items()
    stats = _statistics(report, rows, {"too_easy_above": too_easy_above, "too_hard_below": too_hard_below})
    flagged = stats.loc[stats["flags"] != "", "item_id"].tolist()
    alt = (f"Item map of {len(stats)} items: difficulty p across, discrimination r up. "
           + (f"Flagged: {', '.join(map(str, flagged))}." if flagged else "No item is flagged."))
    return Result([Chart(item_map_figure(stats, too_hard_below=too_hard_below, too_easy_above=too_easy_above),
                         alt, name="item map")], value=stats)


@needs("assessments")
def summary(report: Report, *, too_easy_above: float = 0.90, too_hard_below: float = 0.30,
            negative_below: float = 0.0) -> AssessorSummary | None:
    """The ``assessor`` section of summary.json (alpha, counts, flagged item ids), or None
    without items.  Alpha is read at two decimals: its rules of thumb are .60/.70/.80."""
    rows = item_rows(report)
    if rows is None:
        return None
    values: dict[str, Any] = assessment_quality_summary(
        rows, assessor_window(rows, report.config.windows), too_easy_above=too_easy_above, too_hard_below=too_hard_below,
        negative_below=negative_below, min_group_size=smallest_group(report.rules, report.audience))
    return AssessorSummary.model_validate(values)


@needs("assessments")
def reliability(report: Report) -> Result:
    """Cronbach's alpha and the flagged items in plain words (:func:`describe_assessment`)."""
    found = summary(report)
    if not isinstance(found, AssessorSummary):
        return _no_items()
    report.define("alpha")
    return Result(value=found).note(describe_assessment(found.model_dump()), "good")


@needs("assessments")
def blueprint(report: Report) -> Result:
    """Items and points per standard: does the test weigh the standards as intended?"""
    rows = item_rows(report)
    if rows is None:
        return _no_items()
    table = standard_blueprint(rows, assessor_window(rows, report.config.windows))
    shown = table.assign(share_of_points=(100 * table["share_of_points"]).round(1))
    return Result([report.tabulate(shown, caption="Blueprint: items and points per standard", name="blueprint",
                                   rename={"standard": "Standard", "n_items": "Items", "total_points": "Points",
                                           "share_of_points": "Share of points (%)"})])


@needs("assessments")
def distractors(report: Report) -> Result:
    """Per item and option: how many chose it (team audience only)."""
    if not report.for_team:
        return Result().note("The option-by-option table is shown in the team view only: a wrong "
                             "answer chosen by one or two students could point to who they are.", "info")
    rows = item_rows(report)
    if rows is None:
        return _no_items()
    table = distractor_table(rows, assessor_window(rows, report.config.windows))
    if table is None:
        return Result().note("No responses were recorded (add a response column with the option each "
                             "student chose) so there is no distractor table.", "info")
    shown = table.assign(proportion=(100 * table["proportion"]).round(1),
                         mean_total_proportion=(100 * table["mean_total_proportion"]).round(1))
    return Result([report.tabulate(shown, caption="Which options students chose", name="distractors", rename={
        "item_id": "Item", "standard": "Standard", "option": "Option", "is_key": "Key?",
        "count": "Chose it (n)", "proportion": "Chose it (%)",
        "mean_total_proportion": "Their mean total (%)"})])


def publish(report: Report) -> AssessorSummary | None:
    """Write the ``assessor`` section for summary.json and return it (None without items)."""
    found = summary(report)
    if isinstance(found, AssessorSummary):
        report.publish(found)
        return found
    return None
