"""Typed records the teacher-leadership sections of summary.json are made of.

A survey brief (administrations, first-to-latest change per construct) appears in three
sections (peer impact in 31, the learning group's culture and confidence in 32), so it lives
here once.  Percentages of favourable answers are :data:`~datadriver_utils.core.quantities.Share`
(shares of people, coded for the public); administrations below their minimum number of
respondents arrive already hidden from :mod:`datadriver_utils.stats.surveys`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from pydantic import ConfigDict, Field

from datadriver_utils.core.quantities import Difference, Label, Share, Summary

__all__ = ["ConstructBrief", "SurveyAdministrationBrief", "SurveyBrief"]


class SurveyAdministrationBrief(Summary):
    """One administration of a survey and whether it may be reported."""

    administration: Label = Field(description="the administration's label (YYYY-MM, pre, post)")
    n_band: Label = Field(description="respondents as shown: the number, or 'fewer than k' when hidden")
    status: Label = Field(description="ok, or too few responses")


class ConstructBrief(Summary):
    """One construct of a survey, first administration against the latest."""

    model_config = ConfigDict(validate_by_alias=True, validate_by_name=True, serialize_by_alias=True)

    construct_name: Label = Field(alias="construct", description="the construct (survey_items.csv)")
    first_administration: Label = Field(description="the first administration")
    first_pct_favourable: Share = Field(description="% favourable answers at the first administration")
    latest_administration: Label = Field(description="the latest administration")
    latest_pct_favourable: Share = Field(description="% favourable answers at the latest administration")
    pct_favourable_change: Difference = Field(description="latest minus first, in points (null: one administration)")
    status: Label = Field(description="ok, one administration, or too few responses")


class SurveyBrief(Summary):
    """A teacher-leadership survey: its administrations and each construct's change."""

    survey: Label = Field(description="the survey key in surveys.csv")
    administrations: list[SurveyAdministrationBrief] = Field(description="every administration in order")
    constructs: list[ConstructBrief] = Field(description="first against latest, per construct")

    @classmethod
    def from_frames(cls, survey: str, admins: pd.DataFrame, changes: pd.DataFrame) -> SurveyBrief:
        """From :func:`~datadriver_utils.stats.surveys.administration_status` and
        :func:`~datadriver_utils.stats.surveys.construct_change` (already suppressed)."""
        def plain(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
            part = frame[columns].astype(object)
            return part.where(part.notna(), None).to_dict("records")  # type: ignore[return-value]
        ordered = admins.sort_values("administration_order")
        constructs = plain(changes, ["construct", "first_administration", "first_pct_favourable",
                                     "latest_administration", "latest_pct_favourable", "pct_favourable_change",
                                     "status"])
        return cls.model_validate({"survey": survey,
                                   "administrations": plain(ordered, ["administration", "n_band", "status"]),
                                   "constructs": constructs})
