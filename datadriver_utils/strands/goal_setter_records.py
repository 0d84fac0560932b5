"""The typed records of the ``goal_setter`` section of summary.json (notebook 13).

Split from :mod:`datadriver_utils.strands.goal_setter`, which builds them; field descriptions
become docs/summary-schema.md.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from datadriver_utils.core.quantities import Count, Difference, Flag, Label, Percent, Share, Summary

__all__ = ["GoalSetterSummary", "SmartRecord", "StandardBaseline"]


class SmartRecord(Summary):
    """The SMART checklist of the goal statement: met, not yet (false) or cannot tell (null)."""

    specific: Flag = Field(description="names a goal or assessed standard code, or a skill in words")
    measurable: Flag = Field(description="states a percentage")
    attainable: Flag = Field(description="true only when the baseline check says reachable (ambitious, out of "
                                         "reach and already met are false); null beyond the team when too few "
                                         "students")
    relevant: Flag = Field(description="every goal standard is on the common assessment")
    time_bound: Flag = Field(description="names a date, a month, a number of weeks or the end of a named period "
                                         "('the end of the cycle' needs the cycle's dates in team.yml)")


class StandardBaseline(Summary):
    """One goal standard read on its own at the cut, pre window."""

    standard: Label = Field(description="the standard")
    n: Count = Field(description="students with a pre score on the standard")
    pct_proficient: Share = Field(description="percent of them at or above the cut on this standard alone")
    suppressed: Flag = Field(None, description="beyond the team only: too few students to show")

    @model_serializer(mode="wrap")
    def _team_has_no_suppressed_flag(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _without_team_flag(self, handler)


def _without_team_flag(model: Summary, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
    """The team view has no ``suppressed`` flag: drop it when it was not set."""
    data: dict[str, Any] = handler(model)
    if getattr(model, "suppressed", None) is None:
        data.pop("suppressed", None)
    return data


class GoalSetterSummary(Summary):
    """The goal against its baseline, and the SMART checklist (notebook 13)."""

    section = "goal_setter"
    standards: list[Label] | None = Field(description="the goal's standards that were assessed (all assessed "
                                                       "standards if none was); null without a goal")
    proficiency_cut_pct: Percent = Field(description="point scores: the goal's proficiency cut, percent correct "
                                                     "(a setting); null for scale scores")
    score_type: Label = Field(None, description="points, scale or percentile: what the baseline is read on")
    baseline_window: Label = Field(None, description="the window the baseline is read in (pre, or the first window)")
    cut: Label = Field(None, description="the cut in its units: '70% correct', 'RIT 210', or each grade's "
                                         "benchmark in the baseline window")
    baseline_pct_proficient: Share = Field(description="percent of students at or above the cut on the goal's "
                                                       "standards, pre window (all pre takers)")
    n_baseline: Count = Field(description="students with a pre score on the goal's standards")
    target_pct_proficient: Percent = Field(description="the goal's target percent proficient (a setting)")
    students_to_cross: Count = Field(description="more students who must reach the cut to meet the target")
    status: Label = Field(description="already met, reachable, ambitious or out of reach (docs/analysis.md)")
    smart: SmartRecord | None = Field(description="null without a goal")
    baseline_by_standard: list[StandardBaseline] | None = Field(
        None, description="each measured goal standard on its own (null without a goal)")
    pooled_gap_points: Difference = Field(
        None, description="highest minus lowest standard's percent proficient, in points (null with one standard, "
                          "or when a standard is hidden or coded)")
    pooled_standards: Flag = Field(
        None, description="the standards' percent proficient lie more than 25 points apart (ReachThresholds); "
                          "null when a standard is hidden")
    suppressed: Flag = Field(None, description="beyond the team only: too few students to show the baseline")

    @model_serializer(mode="wrap")
    def _team_has_no_suppressed_flag(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _without_team_flag(self, handler)
