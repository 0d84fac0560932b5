"""The surveys strand (notebook 15): student voice, peer feedback and culture/trust, first against latest.

Perceptions are one of Bernhardt's four data domains.  The Data Driver strand micro-credentials
(Teaching Matters; shared/seeds 000 and 003) ask for a student voice survey before and after an
action plan, an anonymous peer feedback survey with at least four respondents, and a
culture/trust survey repeated six months later.  The answers are scored in
:mod:`datadriver_utils.stats.survey_scoring` and summarised in :mod:`datadriver_utils.stats.surveys`;
this module arranges them into results, one table per survey::

    scores = surveys.construct_scores(report, min_respondents=12)
    scores                          # a table per survey, as the report shows them
    scores.tables["student_voice"]  # the numbers behind one of them

Privacy: respondent ids never leave the scored rows (:func:`scored_surveys`), which are only
aggregated.  Every audience, the team included, sees an administration only when it has at
least ``min_respondents_for(survey, min_group_size)`` respondents (4 for peer feedback),
because a small survey lets readers guess who answered what; ``min_respondents`` may raise
that minimum for every survey, never lower it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from pydantic import Field

from datadriver_utils.charts.surveys import diverging_bar_figure
from datadriver_utils.core.definitions import SURVEY_TERMS
from datadriver_utils.core.quantities import Summary
from datadriver_utils.notebook.needs import needs
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Result
from datadriver_utils.stats.survey_scoring import score_responses
from datadriver_utils.stats.surveys import (
    administration_status,
    construct_change,
    describe_survey_changes,
    item_distribution,
    survey_summary,
)
from datadriver_utils.stats.surveys import (
    construct_scores as score_constructs,
)
from datadriver_utils.stats.surveys import (
    response_counts as count_responses,
)
from datadriver_utils.stats.surveys import (
    survey_minimums as minimums_of,
)
from datadriver_utils.strands.survey_records import ConstructChange, SurveyAdministration
from datadriver_utils.toolkit.alt_text import survey_items_alt

__all__ = [
    "ConstructChange", "SurveyAdministration", "SurveyRecord", "SurveysSummary", "construct_changes",
    "construct_scores", "publish", "response_counts", "scored_surveys", "summary", "survey_administrations",
    "survey_changes", "survey_chart", "survey_description", "survey_minimums", "survey_scores",
]

_ADMIN_LABELS = {"survey": "Survey", "administration": "Administration",
                 "n_band": "Respondents", "status": "Status"}
_SCORE_LABELS = {"administration": "Administration", "construct": "Construct",
                 "n_band": "Respondents", "mean_score": "Mean score",
                 "pct_favourable": "% favourable", "status": "Status"}
_CHANGE_LABELS = {"construct": "Construct", "first_administration": "First",
                  "first_pct_favourable": "First % favourable", "latest_administration": "Latest",
                  "latest_pct_favourable": "Latest % favourable",
                  "pct_favourable_change": "Change (points)", "mean_change": "Mean change",
                  "status": "Status"}


# ----------------------------------------------------------------------------- summary models


class SurveyRecord(Summary):
    """One survey: its administrations and the change in each construct."""

    administrations: list[SurveyAdministration] = Field(description="every administration, first to latest")
    construct_changes: list[ConstructChange] = Field(description="first against latest, per construct")


class SurveysSummary(Summary):
    """Perception surveys, first against latest administration (notebook 15); no respondent ids."""

    section = "surveys"
    surveys: dict[str, SurveyRecord] = Field(description="survey (student_voice, peer_feedback, culture, ...) -> record")


# ----------------------------------------------------------------------------- the numbers, once


def survey_minimums(report: Report, min_respondents: int | None = None) -> dict[str, int]:
    """Survey -> minimum respondents (4 for peer feedback, the district minimum otherwise),
    raised to ``min_respondents`` when that is larger."""
    return minimums_of(report.team.table("surveys")["survey"].astype(str), report.rules.min_group_size,
                       at_least=min_respondents)


def scored_surveys(report: Report) -> pd.DataFrame:
    """Row-level scored answers, once per report (keeps respondent ids: never shown, only aggregated)."""
    return report.memo("surveys.scored", lambda: score_responses(report.team.table("surveys"),
                                                                 report.team.table("survey_items")))


def _once(report: Report, name: str, min_respondents: int | None, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    return report.memo(("surveys." + name, min_respondents), compute)


def survey_administrations(report: Report, min_respondents: int | None = None) -> pd.DataFrame:
    """Respondents per administration, suppressed below each survey's minimum."""
    return _once(report, "administrations", min_respondents, lambda: administration_status(
        count_responses(report.team.table("surveys")), survey_minimums(report, min_respondents)))


def survey_scores(report: Report, min_respondents: int | None = None) -> pd.DataFrame:
    """Mean score and percent favourable per survey, administration and construct."""
    return _once(report, "scores", min_respondents, lambda: score_constructs(
        scored_surveys(report), survey_minimums(report, min_respondents)))


def survey_changes(report: Report, min_respondents: int | None = None) -> pd.DataFrame:
    """First against latest administration per survey and construct."""
    return _once(report, "changes", min_respondents,
                 lambda: construct_change(survey_scores(report, min_respondents)))


# ----------------------------------------------------------------------------- views


def _title(survey: object) -> str:
    return str(survey).replace("_", " ").capitalize()


def _per_survey(report: Report, frame: pd.DataFrame, labels: dict[str, str], caption: str) -> Result:
    """One table per survey, named after it; ``.value`` holds every survey's rows.  Scores and
    percentages get the decimals of their definitions (as in 05's culture tables)."""
    result = Result(value=frame)
    for survey, part in frame.groupby("survey", sort=False):
        result.add(report.tabulate(part[[c for c in labels if c in part.columns]],
                                   caption=f"{_title(survey)}: {caption}", rename=labels, name=str(survey),
                                   terms=SURVEY_TERMS))
    return result


@needs("surveys", "survey_items")
def response_counts(report: Report, *, min_respondents: int | None = None) -> Result:
    """How many answered each administration, and whether it can be reported."""
    admins = survey_administrations(report, min_respondents)
    minimums = survey_minimums(report, min_respondents)
    listed = ", ".join(f"{s.replace('_', ' ')}: {k}" for s, k in minimums.items())
    return Result([report.tabulate(admins[list(_ADMIN_LABELS)], caption="Responses per administration",
                                   rename=_ADMIN_LABELS, name="respondents")], value=admins).note(
        f"An administration is reported only with enough respondents ({listed}); "
        "otherwise its numbers are hidden in every view.", "info")


@needs("surveys", "survey_items")
def construct_scores(report: Report, *, min_respondents: int | None = None) -> Result:
    """Construct scores per administration, one table per survey."""
    return _per_survey(report, survey_scores(report, min_respondents), _SCORE_LABELS, "construct scores")


@needs("surveys", "survey_items")
def construct_changes(report: Report, *, min_respondents: int | None = None) -> Result:
    """First against latest administration, one table per survey."""
    return _per_survey(report, survey_changes(report, min_respondents), _CHANGE_LABELS,
                       "change from first to latest")


@needs("surveys", "survey_items")
def survey_chart(report: Report, *, min_respondents: int | None = None) -> Result:
    """Diverging bars of answers per item and administration, one panel per survey (small
    administrations marked, not drawn)."""
    distribution = item_distribution(scored_surveys(report), survey_minimums(report, min_respondents))
    items = report.team.table("survey_items")
    alt = " ".join(survey_items_alt(part, f"{_title(survey).lower()} survey", items)
                   for survey, part in distribution.groupby("survey", sort=False))
    figure = diverging_bar_figure(distribution, report.team.table("survey_items"))
    return Result([Chart(figure, alt or "No survey responses to show yet.", name="answers")], value=distribution)


@needs("surveys", "survey_items")
def survey_description(report: Report, *, min_respondents: int | None = None) -> Result:
    """The changes in plain sentences, one note per survey."""
    text = describe_survey_changes(survey_changes(report, min_respondents),
                                   survey_administrations(report, min_respondents))
    result = Result()
    for paragraph in filter(None, text.split("\n\n")):
        result.note(paragraph, "good")
    return result


# ----------------------------------------------------------------------------- summary.json


@needs("surveys", "survey_items")
def summary(report: Report, *, min_respondents: int | None = None) -> SurveysSummary:
    """The ``surveys`` section of summary.json (already suppressed; no respondent ids)."""
    values: dict[str, Any] = survey_summary(survey_administrations(report, min_respondents),
                                            survey_changes(report, min_respondents))
    return SurveysSummary.model_validate(values)


def publish(report: Report, *, min_respondents: int | None = None) -> SurveysSummary | None:
    """Write the ``surveys`` section for summary.json and return it (None without the files)."""
    found = summary(report, min_respondents=min_respondents)
    if isinstance(found, SurveysSummary):
        report.publish(found)
        return found
    return None
