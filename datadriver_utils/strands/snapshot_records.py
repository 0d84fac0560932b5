"""The typed records of the ``data_driver`` section of summary.json (notebook 20).

Split from :mod:`datadriver_utils.strands.snapshot`, which builds them; field descriptions
become docs/summary-schema.md.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from datadriver_utils.core.quantities import Count, Difference, EffectSize, Flag, Label, Mean, Share, Summary
from datadriver_utils.strands.goal_progress import GoalRecord

__all__ = ["DataDriverSummary", "GainRecord", "GradeStandardGainRecord"]

_ONE_KIND = ("pre_mean_pct", "post_mean_pct", "gain_pct_points", "pre_mean_score", "post_mean_score",
             "gain_score_points", "n_benchmarked")


class GainRecord(Summary):
    """Matched pre/post statistics of one grade."""

    grade: Label = Field(description="grade level")
    n_pre: Count = Field(description="students with a pre score")
    n_post: Count = Field(description="students with a post score")
    n_matched: Count = Field(description="students with both; every statistic below uses only them")
    pre_mean_pct: Mean = Field(None, description="points only: mean percent correct on the pre assessment")
    post_mean_pct: Mean = Field(None, description="points only: mean percent correct on the post assessment")
    gain_pct_points: Difference = Field(None, description="points only: post mean - pre mean, in percentage points")
    pre_mean_score: Mean = Field(None, description="scale/percentile only: mean score on the pre assessment")
    post_mean_score: Mean = Field(None, description="scale/percentile only: mean score on the post assessment")
    gain_score_points: Difference = Field(None, description="scale/percentile only: post mean - pre mean, in scale points")
    pre_pct_proficient: Share = Field(description="percent of matched students at or above the cut (benchmark), pre")
    post_pct_proficient: Share = Field(description="percent of matched students at or above the cut (benchmark), post")
    effect_size: EffectSize = Field(description="paired effect size: mean of differences / SD of differences")
    n_benchmarked: Count = Field(None, description="scale only: matched students with a benchmark in both windows")
    suppressed: Flag = Field(None, description="beyond the team only: the group (or its complement) is too small to show")

    @model_serializer(mode="wrap")
    def _team_has_no_suppressed_flag(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if self.suppressed is None:
            data.pop("suppressed", None)
        for name in _ONE_KIND:  # a record carries the fields of its score kind only
            if name not in self.model_fields_set:
                data.pop(name, None)
        return data


class GradeStandardGainRecord(GainRecord):
    """Matched pre/post statistics of one grade on one standard."""

    standard: Label = Field(description="the standard")


class DataDriverSummary(Summary):
    """Pre/post results by grade and standard, the goal and the progress rating (notebook 20)."""

    section = "data_driver"
    score_type: Label = Field(description="points (percent correct), scale or percentile: what the means are")
    pre_window: Label = Field(description="the window compared as pre (pre, else the earliest)")
    post_window: Label = Field(description="the window compared as post (post, else the latest)")
    by_grade: list[GainRecord]
    by_grade_standard: list[GradeStandardGainRecord]
    goal_met: Flag = Field(description="post percent proficient on the goal's standards >= target")
    progress_rating: Label = Field(description="the team's rating if set in team.yml, else the suggestion")
    suggested_progress_rating: Label = Field(description="the rating the data suggest (thresholds in docs/analysis.md)")
    goal: GoalRecord | None = Field(description="null when team.yml states no goal")
