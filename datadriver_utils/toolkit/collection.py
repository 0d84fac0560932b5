"""What the data collection notebook (03) shows: the self-assessment and the data-quality audit.

Activity 1.6 of the District Data Team Toolkit (Massachusetts ESE, Module 1) asks how well
the district collects its data. Two views answer it here: what the team *thinks* of its
collection practices (the self-assessment, rated 1-4 and saved through
:class:`~datadriver_utils.workshop.store.ResponseStore`, profiled by
:func:`datadriver_utils.stats.ratings.collection_profile`), and what the team's own files *show*
(:func:`datadriver_utils.stats.quality.data_quality_audit`). Setting one beside the other is the
point: a team that rates its data as timely while a run chart starts before the cycle has
something to talk about.

Privacy: the rows behind the audit's flags name students only for the team audience; other
audiences see counts, and rows only of files that are not about people. The self-assessment is
shown as a profile (never one member's ratings); beyond the team it is withheld when fewer
members rated than the district's minimum group size.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import display
from matplotlib.figure import Figure

from datadriver_utils.charts.toolkit import profile_bar_figure
from datadriver_utils.errors import CaptureError
from datadriver_utils.notebook.report import Report
from datadriver_utils.privacy.rules import Audience
from datadriver_utils.stats.quality import (
    DIMENSIONS,
    PERSON_TABLES,
    QualityAudit,
    data_quality_audit,
    describe_quality,
    quality_summary,
)
from datadriver_utils.stats.ratings import collection_profile, collection_summary, describe_collection
from datadriver_utils.workshop.content import COLLECTION_SELF_ASSESSMENT, RATING_SCALE
from datadriver_utils.workshop.sessions import live_rating_session
from datadriver_utils.workshop.store import ResponseStore

__all__ = [
    "COLLECTION_ACTIVITY", "collection_ratings", "show_collection_self_assessment",
    "collection_rating_grid", "quality_audit", "quality_figure", "show_quality_scores",
    "show_column_completeness", "show_quality_flags", "show_quality_description",
    "collection_view_summary", "publish_collection",
]

COLLECTION_ACTIVITY = "collection_self_assessment"
"""The folder under ``responses/`` where the self-assessment ratings are saved."""
MAX_ROWS_SHOWN = 200
_LABELS = {
    "topic": "Topic", "statement": "Practice", "mean": "Mean (1-4)", "min": "Lowest", "max": "Highest",
    "n_members": "Members who rated", "file": "File", "n_rows": "Rows", "score": "Score",
    **{d: d.capitalize() for d in DIMENSIONS}, "n_flagged_rows": "Rows flagged", "column": "Column",
    "n_expected": "Cells expected", "n_filled": "Cells filled", "completeness_pct": "% complete",
    "below_threshold": "Below threshold?", "check": "Check", "row": "Row", "value": "Value",
    "person_id": "Student / respondent", "message": "What is wrong",
}


# -- the self-assessment (what people think) ------------------------------------------------

def collection_ratings(report: Report) -> pd.DataFrame | None:
    """The latest saved self-assessment ratings (``member, item, rating``), or None.

    A save that cannot be read is explained in a notice (the report goes on without it).
    """
    try:
        saved = ResponseStore(report.team.team_dir).latest(COLLECTION_ACTIVITY)
    except CaptureError as error:
        report.notice(str(error), "warning")
        return None
    return saved if isinstance(saved, pd.DataFrame) and not saved.empty else None


def _withheld(report: Report, profile: pd.DataFrame) -> bool:
    raters = int(profile["n_members"].max()) if len(profile) else 0
    return report.audience is not Audience.TEAM and raters < report.rules.min_group_size


def _show_profile(report: Report, ratings: pd.DataFrame) -> None:
    profile = collection_profile(ratings)
    if _withheld(report, profile):
        report.notice("The self-assessment profile is kept inside the team: fewer members rated it "
                      f"than the district's minimum group size ({report.rules.min_group_size}).", "info")
        return
    display(profile_bar_figure(profile, "mean", "statement", "How the team rates its data collection",
                               scale=(1, 4)))
    columns = ["topic", "statement", "mean", "min", "max", "n_members"]
    report.table(profile[columns].round(1), caption="Collection self-assessment, mean of members' ratings",
                 rename=_LABELS)
    report.notice(describe_collection(profile), "info")


def show_collection_self_assessment(report: Report) -> None:
    """The profile of the latest saved ratings, or how to record them."""
    ratings = collection_ratings(report)
    if ratings is None:
        report.notice("No collection self-assessment has been saved yet. In a live session, each member "
                      "rates every practice in the grid below and the facilitator presses Save.", "info")
        return
    _show_profile(report, ratings)


def collection_rating_grid(report: Report) -> w.VBox:
    """The live rating grid (one dropdown per member and practice); Save redraws the profile."""
    return live_rating_session(report, COLLECTION_ACTIVITY, COLLECTION_SELF_ASSESSMENT, RATING_SCALE,
                               "collection workshop", lambda ratings: _show_profile(report, ratings))


# -- the data-quality audit (what the files show) -------------------------------------------

def quality_audit(report: Report) -> QualityAudit:
    """The audit of every file the team has, against team.yml's grades and cycle."""
    config = report.config
    cycle = (config.cycle.start, config.cycle.end) if config.cycle else None
    return data_quality_audit(report.team.tables, grade_levels=config.grade_levels, cycle=cycle)


def quality_figure(audit: QualityAudit) -> Figure:
    """Files × dimensions heatmap of scores (0-100); a hatched cell means "does not apply".

    Perfect cells are pale and problems dark (one sequential hue, so the order survives
    greyscale); scores under 100 are printed with one decimal so 99.6 never reads as 100.
    """
    scores = audit.files.set_index("file")[[*DIMENSIONS, "score"]].astype(float)
    if scores.empty:
        return profile_bar_figure(pd.DataFrame({"file": [], "score": []}), "score", "file",
                                  "Data-quality score by file and dimension", scale=(0, 100))
    figure, axis = plt.subplots(figsize=(9, 1.4 + 0.45 * max(len(scores), 1)))
    axis.patch.set(facecolor="white", hatch="//", edgecolor="0.75")
    labels = scores.map(lambda v: "" if pd.isna(v) else "100" if v >= 100 else f"{v:.1f}")
    sns.heatmap(scores, annot=labels, fmt="", cmap="Blues_r", vmin=80, vmax=100, linewidths=1,
                linecolor="white", cbar_kws={"label": "Score (80 or lower: darkest)"}, ax=axis)
    axis.set_xticklabels([t.get_text().capitalize() for t in axis.get_xticklabels()], rotation=0)
    axis.set_xlabel("Dimension of data quality (DAMA UK 2013)")
    axis.set_ylabel("File")
    axis.set_title("Data-quality score by file and dimension")
    figure.text(0.01, 0.01, "Hatched cell: the dimension does not apply to that file", fontsize=8, color="0.3")
    figure.tight_layout(rect=(0, 0.04, 1, 1))
    plt.close(figure)
    return figure


def show_quality_scores(report: Report) -> None:
    """The score of every file, as a heatmap and a table."""
    audit = quality_audit(report)
    display(quality_figure(audit))
    report.table(audit.files.drop(columns="table").round(1), caption="Data-quality scores (0-100) by file",
                 rename=_LABELS)


def show_column_completeness(report: Report) -> None:
    """Columns with blank cells where a value is expected; those under the threshold marked."""
    audit = quality_audit(report)
    gaps = audit.columns[audit.columns["counted"] & (audit.columns["n_filled"] < audit.columns["n_expected"])]
    if gaps.empty:
        report.notice("Every cell where a value is expected is filled in.", "good")
        return
    shown = gaps.assign(below_threshold=gaps["below_threshold"].map({True: "yes", False: "no"}))
    columns = ["file", "column", "n_expected", "n_filled", "completeness_pct", "below_threshold"]
    report.table(shown[columns].round(1), rename=_LABELS,
                 caption=f"Columns with blank cells (threshold: {audit.threshold:g}% complete)")
    report.notice("All other columns are complete.", "info")


def _shareable_flags(report: Report, audit: QualityAudit) -> pd.DataFrame:
    flags = audit.flags
    if report.audience is Audience.TEAM:
        return flags
    return flags[~flags["table"].isin(PERSON_TABLES)].drop(columns="person_id")


def show_quality_flags(report: Report) -> None:
    """How many rows each check flagged, then the rows behind the flags the audience may see."""
    audit = quality_audit(report)
    if audit.flags.empty:
        report.notice("The audit found no problem in any file.", "good")
        return
    counts = audit.flags.groupby(["file", "check", "column"], dropna=False, sort=False)["row"].nunique()
    report.table(counts.rename("n_rows").reset_index(), caption="Rows flagged by each check",
                 rename={**_LABELS, "n_rows": "Rows flagged"})
    rows = _shareable_flags(report, audit).drop(columns="table")
    if report.audience is not Audience.TEAM:
        report.notice("Rows of files about students and survey respondents are listed in the team view only.")
    if rows.empty:
        return
    caption = "The rows behind the flags (spreadsheet row numbers)"
    if len(rows) > MAX_ROWS_SHOWN:
        caption += f": the first {MAX_ROWS_SHOWN} of {len(rows)}"
    report.table(rows.head(MAX_ROWS_SHOWN), caption=caption, rename=_LABELS)


def show_quality_description(report: Report) -> None:
    """The audit in a few plain sentences."""
    report.notice(describe_quality(quality_audit(report)), "info")


def collection_view_summary(report: Report) -> dict[str, Any]:
    """The ``collection`` section: the self-assessment profile (or None) and the audit."""
    ratings = collection_ratings(report)
    self_assessment = None
    if ratings is not None:
        limit = None if report.audience is Audience.TEAM else report.rules.min_group_size
        self_assessment = collection_summary(collection_profile(ratings), min_group_size=limit)["collection"]
    return {
        "self_assessment": self_assessment,
        "quality": quality_summary(quality_audit(report), include_person_rows=report.audience is Audience.TEAM),
    }


def publish_collection(report: Report) -> dict[str, Any]:
    """Write the ``collection`` section of summary.json and return it."""
    summary = collection_view_summary(report)
    report.publish(summary, "collection")
    return summary
