"""The typed records of a perception survey in summary.json: its administrations and the change
in each construct, first administration against the latest.

One definition for every survey the workbook reads: the surveys of notebook 15 and the culture
survey of 05_change publish the same records, computed by :mod:`datadriver_utils.stats.surveys`.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from datadriver_utils.core.quantities import Count, Difference, Label, Score, ScoreChange, Share, Summary

__all__ = ["ConstructChange", "SurveyAdministration"]


class SurveyAdministration(Summary):
    """One administration of a survey and whether it may be reported."""

    administration: Label = Field(description="pre, post, a date or the label used")
    n_respondents: Count = Field(description="respondents who answered at least one item (null when too few to say)")
    n_band: Label = Field(description="respondents as shown: the number, or 'fewer than k' when too few")
    n_invited: Count = Field(description="people invited, when known")
    response_rate_pct: Share = Field(description="respondents as a percentage of those invited")
    status: Label = Field(description="ok, or why the administration is hidden")


class ConstructChange(Summary):
    """One construct of a survey, first administration against the latest.

    The construct is held as ``construct_name`` (``construct`` is a pydantic method) and read
    and written as ``construct``.
    """

    model_config = ConfigDict(validate_by_alias=True, validate_by_name=True, serialize_by_alias=True)

    construct_name: Label = Field(alias="construct", description="the construct the items measure")
    first_administration: Label = Field(description="the first administration")
    first_n_respondents: Count = Field(description="its respondents")
    first_n_band: Label = Field(description="its respondents as shown")
    first_mean_score: Score = Field(description="its mean of respondents' construct means, on the items' scale")
    first_pct_favourable: Share = Field(description="its percentage of answers above the scale's midpoint")
    first_status: Label = Field(description="ok, or why it is hidden")
    latest_administration: Label = Field(description="the latest administration")
    latest_n_respondents: Count = Field(description="its respondents")
    latest_n_band: Label = Field(description="its respondents as shown")
    latest_mean_score: Score = Field(description="its mean score")
    latest_pct_favourable: Share = Field(description="its percentage of favourable answers")
    latest_status: Label = Field(description="ok, or why it is hidden")
    mean_change: ScoreChange = Field(description="latest minus first mean score")
    pct_favourable_change: Difference = Field(description="latest minus first % favourable, in points")
    status: Label = Field(description="ok, one administration, or too few responses")
