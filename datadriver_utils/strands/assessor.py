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

A corrected answer key (``key_corrections.csv``) is applied before anything is computed: the
item is rescored from the responses (:mod:`datadriver_utils.stats.rescore`), so every table
here reads the corrected item, and :func:`rescores` shows its statistics and flags before and
after the correction.

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
from datadriver_utils.core.quantities import Coefficient, Count, Day, Label, Summary, Text
from datadriver_utils.notebook.needs import needs
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Result
from datadriver_utils.privacy.release import smallest_group
from datadriver_utils.stats.distractors import distractor_table
from datadriver_utils.stats.items import item_statistics as compute_item_statistics
from datadriver_utils.stats.items import standard_blueprint
from datadriver_utils.stats.reliability import assessment_quality_summary, describe_assessment
from datadriver_utils.stats.rescore import Rescore, apply_key_corrections, rescore_comparison

__all__ = [
    "AssessorSummary", "ItemThresholds", "NEEDS_ITEMS", "RescoredItem", "assessor_window", "blueprint", "distractors",
    "item_map", "item_rows", "item_statistics", "publish", "reliability", "rescores", "summary",
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
    flagged: dict[str, list[str]] = Field(description="flag (too_easy, too_hard, negative_discrimination) -> item ids, "
                                          "after any corrected key (key_corrections.csv) was applied")
    rescored: list[RescoredItem] = Field(default_factory=list,
                                         description="items rescored with a corrected key, in the analysed window")


class RescoredItem(Summary):
    """An item rescored with a corrected answer key (key_corrections.csv), before and after."""

    item_id: Label = Field(description="the item")
    old_key: Label = Field(description="the key in assessments.csv")
    new_key: Label = Field(description="the corrected key")
    corrected_on: Day = Field(description="when the team corrected it (null: not recorded)")
    discrimination_before: Coefficient = Field(description="item-rest r from the file's points")
    discrimination_after: Coefficient = Field(description="item-rest r from the rescored points")
    flags_before: Text = Field(description="its flags from the file's points (none: no flag)")
    flags_after: Text = Field(description="its flags from the rescored points (none: no flag)")


AssessorSummary.model_rebuild()


def _file_item_rows(report: Report) -> pd.DataFrame | None:
    frame = report.team.assessments
    if "item_id" not in frame.columns:
        return None
    rows = frame[frame["item_id"].notna() & (frame["item_id"].astype(str).str.strip() != "")]
    return None if rows.empty else rows


def _rescore(report: Report) -> Rescore | None:
    rows = _file_item_rows(report)
    if rows is None:
        return None
    corrections = report.team.tables.get("key_corrections")
    return report.memo(("assessor", "rescore"), lambda: apply_key_corrections(rows, corrections))


def item_rows(report: Report) -> pd.DataFrame | None:
    """Assessment rows that name an item, with any corrected key applied (the item rescored from
    the responses), or None when the team has no item-level data."""
    found = _rescore(report)
    return None if found is None else found.rows


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
    compared, log = _comparison(report)
    if compared is not None and len(compared):
        keys = log.set_index("item_id")
        values["rescored"] = [{
            "item_id": r.item_id, "old_key": keys.loc[r.item_id, "old_key"], "new_key": keys.loc[r.item_id, "new_key"],
            "corrected_on": keys.loc[r.item_id, "corrected_on"], "discrimination_before": r.discrimination_before,
            "discrimination_after": r.discrimination_after, "flags_before": r.flags_before,
            "flags_after": r.flags_after} for r in compared.itertuples(index=False)]
    return AssessorSummary.model_validate(values)


def _comparison(report: Report) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    """The corrected items of the analysed window, before and after, and the corrections' log
    for that window (``None`` and an empty log when nothing was corrected)."""
    found = _rescore(report)
    if found is None or found.log.empty:
        return None, pd.DataFrame() if found is None else found.log
    window = assessor_window(found.rows, report.config.windows)
    log = found.log[found.log["window"] == window]
    if log.empty:
        return None, log
    options: dict[str, Any] = {"min_group_size": smallest_group(report.rules, report.audience)}
    before = compute_item_statistics(_file_item_rows(report), window, **options)  # type: ignore[arg-type]
    after = compute_item_statistics(found.rows, window, **options)
    return rescore_comparison(before, after, log["item_id"].tolist()), log


_RESCORE_LABELS = {
    "item_id": "Item", "old_key": "Key in the file", "new_key": "Corrected key", "corrected_on": "Corrected on",
    "n_responses": "Responses rescored", "n_changed": "Scores changed",
    "difficulty_before": "Difficulty p before", "difficulty_after": "Difficulty p after",
    "discrimination_before": "Discrimination r before", "discrimination_after": "Discrimination r after",
    "quality_before": "Quality before", "quality_after": "Quality after",
    "flags_before": "Flags before", "flags_after": "Flags after",
}


def _r(value: float) -> str:
    return "not shown" if pd.isna(value) else f"{value:.2f}"


@needs("assessments")
def rescores(report: Report) -> Result:
    """Items rescored with a corrected key (key_corrections.csv): the correction, and the
    item's statistics and flags before and after. ``.frame`` is the before/after table."""
    found = _rescore(report)
    if found is None:
        return _no_items()
    if found.log.empty:
        return Result().note("No answer key was corrected (key_corrections.csv). When an item's discrimination is "
                             "negative and the key turns out to be wrong, record the corrected key there: the item "
                             "is rescored from the responses and shown here before and after.", "info")
    compared, log = _comparison(report)
    corrections = found.log[["item_id", "window", "old_key", "new_key", "corrected_on"]
                            + (["n_responses", "n_changed"] if report.for_team else [])]
    result = Result([report.tabulate(corrections.fillna(""), caption="Corrected answer keys (key_corrections.csv)",
                                     rename={**_RESCORE_LABELS, "window": "Window"}, name="corrections")])
    if compared is not None:
        shown = compared.round({c: 2 for c in compared.columns if c.startswith(("difficulty", "discrimination"))})
        result.add(report.tabulate(shown, caption=f"Before and after the correction, "
                                   f"{assessor_window(found.rows, report.config.windows)} assessment",
                                   rename=_RESCORE_LABELS, name="before-after"))
        for r in compared.itertuples(index=False):
            result.note(f"{r.item_id}: flags {r.flags_before.replace('_', ' ')} before the correction, "
                        f"{r.flags_after.replace('_', ' ')} after (discrimination r {_r(r.discrimination_before)} → "
                        f"{_r(r.discrimination_after)}).", "good" if "negative" not in r.flags_after else "warning")
    result.value = compared
    return result.note("Every table in this notebook reads the rescored item. The results by student and standard "
                       "(notebooks 12 to 20) read the points in assessments.csv as exported: re-export them with "
                       "the corrected key so those results follow.")


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
