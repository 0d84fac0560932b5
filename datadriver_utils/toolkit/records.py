"""The typed records Module 1 sections of summary.json are made of.

Several notebooks publish the same kind of record -- the team's self-rating of the five
functions appears in ``orientation`` and in ``vision`` -- so the records live here, once, and
each notebook's view module assembles its section from them.  Every rating statistic is a
:data:`~datadriver_utils.core.quantities.Mean` (one decimal, on the 1-4 or 0-7 scale the field
names): ratings come from members of staff, not shares of people, so none is top/bottom
coded; a profile rated by too few members beyond the team is ``null`` with
``"suppressed": true`` instead (:func:`~datadriver_utils.privacy.release.member_limit`).

Where the team audience sees more than others (members' names, their own peaks), the record
seen beyond the team is the base model and the team's record a subclass that adds the names;
a section field accepts either, and the JSON holds exactly the keys of the one built.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from datadriver_utils.core.quantities import (
    Count,
    Day,
    Difference,
    Flag,
    Kind,
    Label,
    Mean,
    Percent,
    Quantity,
    Summary,
    Text,
)
from datadriver_utils.strands.survey_records import ConstructChange, SurveyAdministration

__all__ = [
    "ActionsSummary", "OverdueAction", "OverdueActionWithOwner", "BarrierCategory", "BarrierProfileSummary", "ConcernStage", "ConcernsSummary", "ConcernsWithMembers",
    "CultureSummary", "FunctionCoverage",
    "MemberConcerns", "NamedFunctionCoverage", "RatedBarrier", "RatedFunction", "RatedHallmark",
    "RatedPractice", "Stage", "MinutesSummary", "OverdueMinuteAction",
]

Stage = Annotated[int | None, Quantity(Kind.LABEL, meaning="a stage of concern, 0 (awareness) to 6 (refocusing)")]


class _Rated(Summary):
    """The statistics of one rated statement: a team mean, its range, and who rated it."""

    mean: Mean = Field(description="mean rating (null when nobody rated it or withheld)")
    min: Mean = Field(description="lowest rating")
    max: Mean = Field(description="highest rating")
    n: Count = Field(description="ratings given")
    n_members: Count = Field(description="members who rated it")


class RatedFunction(Summary):
    """The team's self-rating of one of the five functions of a data team (1-4)."""

    function_id: Label = Field(description="the function's id")
    function: Label = Field(description="the function's name")
    mean: Mean = Field(description="mean rating (null when nobody rated it or withheld)")
    min: Mean = Field(description="lowest rating")
    max: Mean = Field(description="highest rating")
    n: Count = Field(description="ratings given (several statements per function)")
    n_members: Count = Field(description="members who rated it")
    suppressed: Flag = Field(description="statistics withheld: fewer raters than the staff minimum (min_staff_group_size)")


class RatedPractice(Summary):
    """The team's rating of one data-collection practice (1-4); the statement is looked up by id."""

    item: Label = Field(description="the practice's id")
    topic: Label = Field(description="quality, practice, people or systems")
    mean: Mean = Field(description="mean rating (null when nobody rated it or withheld)")
    min: Mean = Field(description="lowest rating")
    max: Mean = Field(description="highest rating")
    n: Count = Field(description="ratings given")
    n_members: Count = Field(description="members who rated it")
    suppressed: Flag = Field(description="statistics withheld: fewer raters than the staff minimum (min_staff_group_size)")


class RatedBarrier(Summary):
    """How much one of Ingram's seven barriers weighs for the team (1 = not here, 4 = major)."""

    barrier_id: Label = Field(description="the barrier's id")
    barrier: Label = Field(description="the barrier's name")
    category: Label = Field(description="cultural, technical or political")
    mean: Mean = Field(description="mean rating (null when nobody rated it or withheld)")
    min: Mean = Field(description="lowest rating")
    max: Mean = Field(description="highest rating")
    n: Count = Field(description="ratings given")
    n_members: Count = Field(description="members who rated it")
    suppressed: Flag = Field(description="statistics withheld: fewer raters than the staff minimum (min_staff_group_size)")


class BarrierCategory(Summary):
    """The mean of every rating of the barriers in one category."""

    category: Label = Field(description="cultural, technical or political")
    mean: Mean = Field(description="mean of all ratings in the category (null when withheld)")
    n: Count = Field(description="ratings in the category")


class BarrierProfileSummary(Summary):
    """The barriers profile; with too few raters only the list of barriers survives."""

    barriers: list[RatedBarrier] = Field(description="the seven barriers in the toolkit's order")
    categories: list[BarrierCategory] = Field(description="the three categories")
    top: list[Label] = Field(description="ids of the (up to) three barriers rated highest; [] when withheld")
    suppressed: Flag = Field(description="the whole profile withheld")


class RatedHallmark(Summary):
    """The team's rating of its vision against one hallmark of a clear vision (1-4)."""

    hallmark_id: Label = Field(description="the hallmark's id")
    hallmark: Label = Field(description="the hallmark in words")
    mean: Mean = Field(description="mean rating (null when nobody rated it or withheld)")
    min: Mean = Field(description="lowest rating")
    max: Mean = Field(description="highest rating")
    n: Count = Field(description="ratings given")
    n_members: Count = Field(description="members who rated it")
    spread: Difference = Field(description="highest minus lowest rating: how differently members see it")
    suppressed: Flag = Field(description="statistics withheld: fewer raters than the staff minimum (min_staff_group_size)")


class FunctionCoverage(Summary):
    """Whether anyone on the team.yml roster covers a function (beyond the team: how many)."""

    function_id: Label = Field(description="the function's id")
    function: Label = Field(description="the function's name")
    n_members: Count = Field(description="members covering it")
    covered: Flag = Field(description="at least one member covers it")


class NamedFunctionCoverage(Summary):
    """:class:`FunctionCoverage` with the members' names (team audience only)."""

    function_id: Label = Field(description="the function's id")
    function: Label = Field(description="the function's name")
    members: list[Label] = Field(description="names of the members covering it")
    n_members: Count = Field(description="members covering it")
    covered: Flag = Field(description="at least one member covers it")


class ConcernStage(Summary):
    """The team's raw score on one stage of concern (CBAM, 0-7; no norms)."""

    stage: Stage = Field(description="the stage, 0-6")
    stage_name: Label = Field(description="the stage's name")
    score: Mean = Field(description="mean of members' stage scores, 0-7 (null when withheld)")
    n_members: Count = Field(description="members who answered the stage's items")


class MemberConcerns(Summary):
    """One member's highest and second-highest stage (team audience only)."""

    member: Label = Field(description="the member's name")
    peak_stage: Stage = Field(description="highest stage")
    peak_name: Label = Field(description="its name")
    second_stage: Stage = Field(description="second-highest stage")
    second_name: Label = Field(description="its name")


class ConcernsSummary(Summary):
    """The stages-of-concern profile as it may leave the team."""

    team: list[ConcernStage] = Field(description="the seven stages in order")
    team_peak: Stage = Field(description="the stage with the highest score (null when withheld)")
    team_second: Stage = Field(description="the second-highest stage (null when withheld)")
    n_members: Count = Field(description="members who answered")
    suppressed: Flag = Field(description="scores withheld: fewer members than the staff minimum (min_staff_group_size)")
    scoring: Text = Field(description="how the scores were computed")


class ConcernsWithMembers(ConcernsSummary):
    """:class:`ConcernsSummary` with each member's peaks (team audience only)."""

    members: list[MemberConcerns] = Field(description="each member's peak and second stage")


class CultureSummary(Summary):
    """The culture/trust survey: its administrations and the change in each construct."""

    administrations: list[SurveyAdministration] = Field(description="every administration in order")
    construct_changes: list[ConstructChange] = Field(description="first against latest, per construct")


class OverdueAction(Summary):
    """A change action past its due date and not done, as it may leave the team."""

    step: Label = Field(description="the change step's id (or the group's own words)")
    action: Text = Field(description="the action as written")
    due: Day = Field(description="when it was due")
    days_overdue: Count = Field(description="days between the due date and the day the tracker is judged at")


class OverdueActionWithOwner(OverdueAction):
    """:class:`OverdueAction` with the member who owns it (team audience only)."""

    owner: Label = Field(description="who owns the action")


class ActionsSummary(Summary):
    """The change-actions tracker, judged as of the day it was last saved (never the wall clock)."""

    as_of: Day = Field(description="the report's as-of date: the day overdue is judged at")
    n_actions: Count = Field(description="actions in the tracker (rows without an action left out)")
    by_flag: dict[str, Count] = Field(description="flag (done, open, overdue, ...) -> actions")
    overdue: list[OverdueActionWithOwner | OverdueAction] = Field(description="the overdue actions")
    steps_without_action: list[Label] = Field(description="ids of the framework's steps with no action")


# -- meeting minutes (notebook 01, activity 1.4) ------------------------------------------------------

class OverdueMinuteAction(Summary):
    """An action from the minutes past its due date and not closed (team audience only)."""

    action: Text = Field(description="the action as minuted")
    owner: Label = Field(description="who owns it")
    due: Day = Field(description="when it was due")
    days_overdue: Count = Field(description="days between the due date and the report's as-of date")


class MinutesSummary(Summary):
    """The minutes as a record of actions followed up, judged at the report's as-of date."""

    as_of: Day = Field(description="the report's as-of date: the day flags are judged at")
    latest_meeting: Day = Field(description="the latest meeting on or before the as-of date (null: none yet)")
    n_meetings: Count = Field(description="meetings with structured minutes on or before the as-of date")
    n_actions: Count = Field(description="actions raised in them")
    by_flag: dict[str, Count] = Field(description="flag (done, dropped, open, overdue, no due date) -> actions")
    followed_up_next_pct: Percent = Field(
        description="actions whose status the next meeting recorded ÷ actions raised before the latest meeting × 100")
    n_carried_over: Count = Field(description="actions still open at two or more later meetings")
    overdue: list[OverdueMinuteAction] | None = Field(description="overdue actions (team audience only; null beyond)")
