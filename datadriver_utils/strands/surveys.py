"""The surveys strand: student voice, peer feedback and culture/trust, first against latest.

Perceptions are one of Bernhardt's four data domains.  The Data Driver strand micro-credentials
(Teaching Matters; shared/seeds 000 and 003) ask for a student voice survey before and after an
action plan, an anonymous peer feedback survey with at least four respondents, and a
culture/trust survey repeated six months later.  The numbers come from
:mod:`datadriver_utils.stats.surveys`; this module shows them per survey and publishes the summary.

Privacy: respondent ids never leave :func:`~datadriver_utils.stats.surveys.score_responses`.  Every
audience, the team included, sees an administration only when it has at least
``min_respondents_for(survey, min_group_size)`` respondents (4 for peer feedback), because
a small survey lets readers guess who answered what.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from IPython.display import display
from matplotlib.figure import Figure

from datadriver_utils.charts.surveys import diverging_bar_figure
from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.surveys import (
    administration_status,
    construct_change,
    construct_scores,
    describe_survey_changes,
    item_distribution,
    min_respondents_for,
    response_counts,
    survey_summary,
)
from datadriver_utils.stats.survey_scoring import score_responses

__all__ = [
    "survey_minimums", "scored_surveys", "survey_administrations", "survey_scores",
    "survey_changes", "survey_chart", "survey_strand_summary", "show_response_counts",
    "show_construct_scores", "show_construct_changes", "show_survey_chart",
    "show_survey_description", "publish_surveys",
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


def survey_minimums(report: Report) -> dict[str, int]:
    """Survey -> minimum respondents (4 for peer feedback, the district minimum otherwise)."""
    surveys = dict.fromkeys(report.team.table("surveys")["survey"].astype(str))
    return {s: min_respondents_for(s, report.rules.min_group_size) for s in surveys}


def scored_surveys(report: Report) -> pd.DataFrame:
    """Row-level scored answers (keeps respondent ids: never shown, only aggregated)."""
    return score_responses(report.team.table("surveys"), report.team.table("survey_items"))


def survey_administrations(report: Report) -> pd.DataFrame:
    """Respondents per administration, suppressed below each survey's minimum."""
    counts = response_counts(report.team.table("surveys"))
    return administration_status(counts, survey_minimums(report))


def survey_scores(report: Report) -> pd.DataFrame:
    """Mean score and percent favourable per survey, administration and construct."""
    return construct_scores(scored_surveys(report), survey_minimums(report))


def survey_changes(report: Report) -> pd.DataFrame:
    """First against latest administration per survey and construct."""
    return construct_change(survey_scores(report))


def _per_survey(report: Report, frame: pd.DataFrame, labels: dict[str, str], caption: str,
                rounding: dict[str, int]) -> None:
    for survey, part in frame.groupby("survey", sort=False):
        shown = part[[c for c in labels if c in part.columns]].round(rounding)
        report.table(shown, caption=f"{str(survey).replace('_', ' ').capitalize()}: {caption}",
                     rename=labels)


def show_response_counts(report: Report) -> None:
    """How many answered each administration, and whether it can be reported."""
    admins = survey_administrations(report)
    report.table(admins[list(_ADMIN_LABELS)], caption="Responses per administration",
                 rename=_ADMIN_LABELS)
    minimums = ", ".join(f"{s.replace('_', ' ')}: {k}" for s, k in survey_minimums(report).items())
    report.notice(f"An administration is reported only with enough respondents ({minimums}); "
                  "otherwise its numbers are hidden in every view.", "info")


def show_construct_scores(report: Report) -> None:
    """Construct scores per administration, one table per survey."""
    _per_survey(report, survey_scores(report), {k: v for k, v in _SCORE_LABELS.items()},
                "construct scores", {"mean_score": 2, "pct_favourable": 1})


def show_construct_changes(report: Report) -> None:
    """First against latest administration, one table per survey."""
    _per_survey(report, survey_changes(report), _CHANGE_LABELS, "change from first to latest",
                {"first_pct_favourable": 1, "latest_pct_favourable": 1,
                 "pct_favourable_change": 1, "mean_change": 2})


def survey_chart(report: Report) -> Figure:
    """Diverging bars of answers per item and administration (small groups hidden)."""
    distribution = item_distribution(scored_surveys(report), survey_minimums(report))
    return diverging_bar_figure(distribution, report.team.table("survey_items"))


def show_survey_chart(report: Report) -> None:
    """Display :func:`survey_chart`."""
    display(survey_chart(report))


def show_survey_description(report: Report) -> None:
    """The changes in plain sentences, one note per survey."""
    text = describe_survey_changes(survey_changes(report), survey_administrations(report))
    for paragraph in filter(None, text.split("\n\n")):
        report.notice(paragraph, "good")


def _round_floats(value: Any, digits: int = 1) -> Any:
    """Every float in nested dicts/lists rounded (summary.json numbers are rounded to 0.1)."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {k: _round_floats(v, digits) for k, v in value.items()}
    if isinstance(value, list):
        return [_round_floats(v, digits) for v in value]
    return value


def survey_strand_summary(report: Report) -> dict[str, Any]:
    """The ``surveys`` section of summary.json (already suppressed; no respondent ids).

    :func:`~datadriver_utils.stats.surveys.survey_summary` with every number rounded to 0.1, as
    docs/summary-schema.md promises.
    """
    return _round_floats(survey_summary(survey_administrations(report), survey_changes(report)))


def publish_surveys(report: Report) -> dict[str, Any]:
    """Write the ``surveys`` section for summary.json and return it."""
    summary = survey_strand_summary(report)
    report.publish(summary, "surveys")
    return summary
