"""The typed records of the ``data_analyst`` section of summary.json (notebook 12).

Each row about a group of students declares what its fields are (count, share, mean, label),
so rounding and public coding follow the type; beyond the team a row says whether it is hidden.
Split from :mod:`datadriver_utils.strands.analyst`, which builds them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from datadriver_utils.core.quantities import Count, Flag, Label, Mean, Percent, Share, Summary, Text

__all__ = ["AnalystSummary", "DiscrepancyOverall", "DiscrepancyRecord", "DiscrepancySection", "GradeResult",
           "StandardResult"]

_MEAN_CODED = ("; coded like a share for the public, as the public table codes it (a mean near 0 or 100 "
               "says how nearly every student did)")




class _GroupRow(Summary):
    """A row about a group of students: its key first, and beyond the team whether it is hidden."""

    key: ClassVar[str | None] = None

    @model_serializer(mode="wrap")
    def _as_released(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        for name in _ONE_KIND:  # a row carries the fields of its score kind only
            if name in data and name not in self.model_fields_set:
                data.pop(name)
        if self.key is not None:
            data = {self.key: data.pop(self.key), **data}
        suppressed = data.pop("suppressed", None)
        if getattr(self, "suppressed", None) is not None:  # the team view has no such flag
            data["suppressed"] = suppressed
        return data


_ONE_KIND = ("mean_pct", "mean_score", "n_benchmarked")
_SUPPRESSED = "beyond the team only: the group (or its complement) is too small to show"


class StandardResult(_GroupRow):
    """Results of one standard in the window."""

    key = "standard"
    standard: Label = Field(description="the standard")
    n: Count = Field(description="students with a score on the standard")
    mean_pct: Share = Field(None, description="points only: mean percent correct on the standard" + _MEAN_CODED)
    mean_score: Mean = Field(None, description="scale and percentile scores only: mean score on the standard")
    pct_proficient: Share = Field(description="percent of students at or above the cut (benchmark) on the standard")
    n_benchmarked: Count = Field(None, description="scale scores only: students whose grade and window have a benchmark")
    suppressed: Flag = Field(None, description=_SUPPRESSED)


class GradeResult(_GroupRow):
    """Results of one grade in the window."""

    key = "grade"
    grade: Label = Field(description="grade level")
    n: Count = Field(description="students with a score")
    mean_pct: Share = Field(None, description="points only: mean percent correct" + _MEAN_CODED)
    mean_score: Mean = Field(None, description="scale and percentile scores only: mean score")
    pct_proficient: Share = Field(description="percent of students at or above the cut (benchmark)")
    n_benchmarked: Count = Field(None, description="scale scores only: students whose grade and window have a benchmark")
    suppressed: Flag = Field(None, description=_SUPPRESSED)


class DiscrepancyOverall(_GroupRow):
    """School processes beside the assessment for all students."""

    n: Count = Field(description="the smaller of students assessed and process records (decides suppression)")
    n_assessed: Count = Field(description="students with a score in the window")
    n_records: Count = Field(description="rows of processes.csv")
    mean_completion_pct: Share = Field(description="mean assignment completion" + _MEAN_CODED)
    ab_share_pct: Share = Field(description="percent of course grades that are A or B")
    mean_attendance_pct: Share = Field(description="mean attendance" + _MEAN_CODED)
    pct_proficient: Share = Field(description="percent of assessed students at or above the cut")
    flagged: Flag = Field(description="completion or A/B grades high while few are proficient (docs/analysis.md)")


class DiscrepancySection(DiscrepancyOverall):
    """School processes beside the assessment for one section."""

    model_config = ConfigDict(serialize_by_alias=True, validate_by_name=True, validate_by_alias=True)
    key = "section"
    class_section: Label = Field(alias="section", description="the section (class)")
    suppressed: Flag = Field(None, description=_SUPPRESSED)


class DiscrepancyRecord(Summary):
    """The discrepancy check: do completion and grades agree with the assessment?"""

    flagged: Flag = Field(description="a gap is flagged overall or in a section the audience may see")
    sections: list[DiscrepancySection]
    overall: DiscrepancyOverall
    question: Text = Field(description="the check worded as a question for the team, from what the audience may see")


class AnalystSummary(Summary):
    """Results by standard and grade, and the discrepancy check (notebook 12)."""

    section = "data_analyst"
    window: Label = Field(description="the assessment window analysed")
    score_type: Label = Field(description="points (percent correct), scale or percentile: what the means are")
    proficiency_cut_pct: Percent = Field(description="points only: the team's proficiency cut (team.yml; 70 without a goal)")
    by_standard: list[StandardResult]
    by_grade: list[GradeResult]
    discrepancy: DiscrepancyRecord | None = Field(description="null without processes.csv")
