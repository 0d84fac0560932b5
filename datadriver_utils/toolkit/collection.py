"""The data collection notebook (03): what the team thinks of its collection, and what its files show.

Activity 1.6 of the District Data Team Toolkit (Massachusetts ESE, Module 1) asks how well
the district collects its data. Two views answer it here: what the team *thinks* of its
collection practices (the self-assessment, rated 1-4 and saved through
:class:`~datadriver_utils.workshop.store.ResponseStore`, profiled by
:func:`datadriver_utils.stats.ratings.collection_profile`), and what the team's own files *show*
(:func:`datadriver_utils.stats.quality.data_quality_audit`). Setting one beside the other is the
point: a team that rates its data as timely while a run chart starts before the cycle has
something to talk about.

Privacy: the rows behind the audit's flags name students only for the team audience; other
audiences see counts, and rows only of files that are not about people
(:func:`~datadriver_utils.privacy.release.shareable_flag_rows`). The self-assessment is shown as
a profile (never one member's ratings); beyond the team it is withheld when fewer members rated
than the district's staff minimum (:func:`~datadriver_utils.privacy.release.profile_withheld`). Survey
respondent ids are never shown, not even to the team (:func:`~datadriver_utils.privacy.release.without_respondents`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import ipywidgets as w
import pandas as pd
from pydantic import Field

from datadriver_utils.charts.profiles import profile_bar_figure
from datadriver_utils.charts.quality import quality_figure
from datadriver_utils.core.quantities import Count, Kind, Label, Percent, Quantity, Share, Summary, Text
from datadriver_utils.errors import CaptureError
from datadriver_utils.notebook.needs import needs
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Result
from datadriver_utils.privacy.release import (
    member_limit,
    names_members,
    profile_withheld,
    shareable_flag_rows,
    staff_minimum_note,
    without_respondents,
)
from datadriver_utils.stats.quality import (
    DIMENSIONS,
    PERSON_TABLES,
    QualityAudit,
    columns_with_blanks,
    data_quality_audit,
    describe_quality,
    flag_counts,
    quality_summary,
)
from datadriver_utils.stats.ratings import collection_profile, collection_summary, describe_collection
from datadriver_utils.toolkit.alt_text import profile_alt
from datadriver_utils.toolkit.records import RatedPractice
from datadriver_utils.workshop.content import COLLECTION_SELF_ASSESSMENT, RATING_SCALE
from datadriver_utils.workshop.live import redrawn_on_save
from datadriver_utils.workshop.sessions import live_rating_session
from datadriver_utils.workshop.store import ResponseStore

__all__ = [
    "COLLECTION_ACTIVITY", "CollectionSummary", "FileQuality", "FlagCount", "IncompleteColumn", "MAX_ROWS_SHOWN",
    "PersonQualityFlag", "QualityFlag", "QualitySummary", "column_completeness", "publish", "quality_audit",
    "quality_description", "quality_flags", "quality_scores", "saved_ratings", "self_assessment",
    "self_assessment_grid", "summary",
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
    "person_id": "Student", "message": "What is wrong",
}
NOTHING_SAVED = ("No collection self-assessment has been saved yet. In a live session, each member "
                 "rates every practice in the grid below and the facilitator presses Save.")

CellValue = Annotated[str | int | float | None, Quantity(Kind.LABEL, meaning="the cell as read from the file")]


# -- summary.json: the typed ``collection`` section -------------------------------------------

class FileQuality(Summary):
    """One file's score on each dimension that applies to it (0-100; null: does not apply)."""

    file: Label = Field(description="the file's name")
    table: Label = Field(description="the table's key")
    n_rows: Count = Field(description="rows in the file")
    completeness: Percent = Field(description="completeness score, 0-100")
    validity: Percent = Field(description="validity score, 0-100")
    uniqueness: Percent = Field(description="uniqueness score, 0-100")
    timeliness: Percent = Field(description="timeliness score, 0-100")
    consistency: Percent = Field(description="consistency score, 0-100")
    score: Percent = Field(description="mean of the dimensions that apply")
    n_flagged_rows: Count = Field(description="rows flagged by any check")
    flags_by_check: dict[str, Count] = Field(description="check -> rows it flagged")


class IncompleteColumn(Summary):
    """A column filled in below the completeness threshold."""

    file: Label = Field(description="the file's name")
    column: Label = Field(description="the column")
    completeness_pct: Share = Field(description="share of expected cells filled (coded in public, as before)")


class FlagCount(Summary):
    """How many rows one check flagged in one column of one file."""

    file: Label = Field(description="the file's name")
    check: Label = Field(description="the dimension checked")
    column: Label = Field(description="the column (null: the whole row)")
    n_rows: Count = Field(description="distinct rows flagged")


class QualityFlag(Summary):
    """One row behind a flag, in a file that is not about people."""

    file: Label = Field(description="the file's name")
    check: Label = Field(description="the dimension checked")
    column: Label = Field(description="the column (null: the whole row)")
    row: Count = Field(description="spreadsheet row (header = 1)")
    value: CellValue = Field(description="the value found")
    message: Text = Field(description="what is wrong, in words")


class PersonQualityFlag(Summary):
    """:class:`QualityFlag` with the student of the row (team audience only; never a survey respondent)."""

    file: Label = Field(description="the file's name")
    check: Label = Field(description="the dimension checked")
    column: Label = Field(description="the column (null: the whole row)")
    row: Count = Field(description="spreadsheet row (header = 1)")
    value: CellValue = Field(description="the value found")
    person_id: Label = Field(description="the student of the row (null for survey rows: respondents are never named)")
    message: Text = Field(description="what is wrong, in words")


class QualitySummary(Summary):
    """The data-quality audit (DAMA UK 2013 dimensions) of every file the team has."""

    source: Text = Field(description="where the dimensions come from")
    formula: Text = Field(description="how the scores are computed")
    completeness_threshold: Percent = Field(description="the % complete below which a column is flagged")
    overall_score: Percent = Field(description="mean of the file scores, 0-100")
    files: list[FileQuality] = Field(description="every file audited")
    incomplete_columns: list[IncompleteColumn] = Field(description="columns below the threshold")
    flag_counts: list[FlagCount] = Field(description="rows flagged per file, check and column")
    flags: list[PersonQualityFlag | QualityFlag] = Field(description="the rows behind the flags the audience may see")
    n_flags: Count = Field(description="how many such rows there were before the cut to the first ones")


class CollectionSummary(Summary):
    """What the team thinks of its data collection, and what its files show (notebook 03)."""

    section = "collection"
    self_assessment: list[RatedPractice] | None = Field(description="the latest self-assessment (null: none saved)")
    quality: QualitySummary


# -- the self-assessment (what people think) ------------------------------------------------

def saved_ratings(report: Report) -> pd.DataFrame | str | None:
    """The latest saved ratings (``member, item, rating``); None when none were saved; the
    reason in words when the save cannot be read (the report goes on without it)."""
    try:
        saved = ResponseStore(report.team.team_dir).latest(COLLECTION_ACTIVITY)
    except CaptureError as error:
        return str(error)
    return saved if isinstance(saved, pd.DataFrame) and not saved.empty else None


def _profile(report: Report, ratings: pd.DataFrame) -> Result:
    profile = collection_profile(ratings)
    raters = int(profile["n_members"].max()) if len(profile) else 0
    if profile_withheld(raters, report.rules, report.audience):
        return Result().note(staff_minimum_note(report.rules), "info")
    alt = profile_alt(profile, "mean", "statement", "the team's mean rating per collection practice")
    chart = Chart(profile_bar_figure(profile, "mean", "statement", "How the team rates its data collection",
                                     scale=(1, 4)), alt, name="self-assessment")
    columns = ["topic", "statement", "mean", "min", "max", "n_members"]
    table = report.tabulate(profile[columns].round(1), caption="Collection self-assessment, mean of members' "
                            "ratings", rename=_LABELS, name="self-assessment")
    return Result([chart, table], value=profile).note(describe_collection(profile), "info")


@redrawn_on_save(COLLECTION_ACTIVITY)
def self_assessment(report: Report) -> Result:
    """The profile of the latest saved ratings, or how to record them (read fresh each time:
    a live session may have just saved)."""
    ratings = saved_ratings(report)
    if isinstance(ratings, str):
        return Result().note(ratings, "warning")
    if ratings is None:
        return Result().note(NOTHING_SAVED, "info")
    return _profile(report, ratings)


def self_assessment_grid(report: Report) -> w.VBox:
    """The live rating grid (one dropdown per member and practice); Save redraws the profile."""
    return live_rating_session(report, COLLECTION_ACTIVITY, COLLECTION_SELF_ASSESSMENT, RATING_SCALE,
                               "collection workshop", lambda ratings: _profile(report, ratings))


# -- the data-quality audit (what the files show) -------------------------------------------

def quality_audit(report: Report) -> QualityAudit:
    """The audit of every file the team has, against team.yml's grades and cycle (once per report),
    with no survey respondent id in its flags (for every audience)."""
    def audit() -> QualityAudit:
        config = report.config
        cycle = (config.cycle.start, config.cycle.end) if config.cycle else None
        found = data_quality_audit(report.team.tables, grade_levels=config.grade_levels, cycle=cycle)
        return replace(found, flags=without_respondents(found.flags))
    return report.memo((__name__, "quality_audit"), audit)


def _scores_alt(audit: QualityAudit) -> str:
    scored = audit.files.dropna(subset=["score"]).sort_values("score", kind="stable")
    if scored.empty:
        return "The audit found no file to score."
    lowest = scored.iloc[0]
    return (f"Heatmap of data-quality scores (0-100) for {len(scored)} file(s) on five dimensions; "
            f"overall {audit.overall_score:.1f}. Lowest: {lowest['file']} at {lowest['score']:.1f}.")


@needs("students")
def quality_scores(report: Report) -> Result:
    """The score of every file, as a heatmap and a table."""
    audit = quality_audit(report)
    return Result([Chart(quality_figure(audit), _scores_alt(audit), name="quality scores"),
                   report.tabulate(audit.files.drop(columns="table").round(1), name="scores",
                                   caption="Data-quality scores (0-100) by file", rename=_LABELS)])


@needs("students")
def column_completeness(report: Report) -> Result:
    """Columns with blank cells where a value is expected; those under the threshold marked."""
    audit = quality_audit(report)
    gaps = columns_with_blanks(audit)
    if gaps.empty:
        return Result().note("Every cell where a value is expected is filled in.", "good")
    shown = gaps.assign(below_threshold=gaps["below_threshold"].map({True: "yes", False: "no"}))
    columns = ["file", "column", "n_expected", "n_filled", "completeness_pct", "below_threshold"]
    table = report.tabulate(shown[columns].round(1), rename=_LABELS, name="blanks",
                            caption=f"Columns with blank cells (threshold: {audit.threshold:g}% complete)")
    return Result([table]).note("All other columns are complete.", "info")


@needs("students")
def quality_flags(report: Report) -> Result:
    """How many rows each check flagged, then the rows behind the flags the audience may see."""
    audit = quality_audit(report)
    if audit.flags.empty:
        return Result().note("The audit found no problem in any file.", "good")
    result = Result([report.tabulate(flag_counts(audit).rename("n_rows").reset_index(), name="counts",
                                     caption="Rows flagged by each check", rename={**_LABELS, "n_rows": "Rows flagged"})])
    rows = shareable_flag_rows(audit.flags, report.audience, PERSON_TABLES).drop(columns="table")
    if not names_members(report.audience):
        result.note("Rows of files about students and survey respondents are listed in the team view only.")
    if rows.empty:
        return result
    caption = "The rows behind the flags (spreadsheet row numbers)"
    if len(rows) > MAX_ROWS_SHOWN:
        caption += f": the first {MAX_ROWS_SHOWN} of {len(rows)}"
    return result.add(report.tabulate(rows.head(MAX_ROWS_SHOWN), caption=caption, rename=_LABELS, name="rows"))


@needs("students")
def quality_description(report: Report) -> Result:
    """The audit in a few plain sentences."""
    return Result().note(describe_quality(quality_audit(report)), "info")


@needs("students", memo=False)
def summary(report: Report) -> CollectionSummary:
    """The ``collection`` section: the self-assessment profile (or None) and the audit."""
    ratings = saved_ratings(report)
    self_rated = None
    if isinstance(ratings, pd.DataFrame):
        limit = member_limit(report.rules, report.audience)
        self_rated = collection_summary(collection_profile(ratings), min_group_size=limit)["collection"]
    quality = quality_summary(quality_audit(report), include_person_rows=names_members(report.audience))
    return CollectionSummary.model_validate({"self_assessment": self_rated, "quality": quality})


def publish(report: Report) -> CollectionSummary | None:
    """Write the ``collection`` section of summary.json and return it (None without students.csv)."""
    found = summary(report)
    if not isinstance(found, CollectionSummary):
        return None
    report.publish(found)
    return found
