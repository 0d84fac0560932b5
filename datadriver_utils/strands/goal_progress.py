"""The goal's pre → post table of the Data Driver snapshot (notebook 20): what drives the rating.

The progress rating is read on the goal's standards over the students with both a pre and a
post score (:func:`datadriver_utils.stats.gains.goal_result`): their pre and post percent
proficient, the change, the share of the gap to the target it closed and the effect size.
This module shows those figures in one table, so the numbers behind the rating are on the page,
and says how they differ from the two other figures a reader meets:

* the **baseline** of 13 Goal Setter (:func:`datadriver_utils.stats.goals.baseline`) counts every
  pre taker, matched or not, so it can differ from the matched pre % proficient here;
* the **grade table** reads all standards, not only the goal's.

Privacy: the row is one group of students, released by :meth:`Report.tabulate` like every
table (small groups hidden, extreme shares coded for the public); the change and the gap closed
are arithmetic on the two shares and go with them.
"""

from __future__ import annotations

import pandas as pd
from pydantic import Field

from datadriver_utils.core.quantities import Coefficient, Count, Difference, EffectSize, Percent, Share, Summary, Text
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Result, Table
from datadriver_utils.privacy.release import too_small_to_share
from datadriver_utils.stats.gains import GoalResult

__all__ = ["GOAL_LABELS", "GoalRecord", "goal_progress_table", "goal_record", "shown_row"]

GOAL_LABELS = {
    "standards": "Goal standards", "n_matched": "Both (n)", "pre": "Pre % proficient (matched)",
    "post": "Post % proficient (matched)", "change": "Change (points)", "target": "Target",
    "gap_closed": "Gap closed", "effect_size": "Effect size", "rating": "Progress rating",
}
_DERIVED = {"change": ["pre", "post"], "gap_closed": ["pre", "post"]}
"""The change and the gap closed give the shares back by arithmetic: shown only with both."""
TERMS = ("n_matched", "goal_pre_pct", "goal_post_pct", "goal_change", "gap_closed", "effect_size",
         "progress_rating")


class GoalRecord(Summary):
    """The goal measured on its own standards."""

    statement: Text = Field(None, description="the goal as the team wrote it in team.yml (shown in the district index)")
    standards: list[str] = Field(description="the goal's standards that were assessed (all standards if none was)")
    target_pct_proficient: Percent = Field(description="the goal's target percent proficient (a setting)")
    pre_pct_proficient: Share = Field(description="percent of matched students proficient on the goal's standards, pre "
                                                  "(not the baseline: that counts every pre taker, see goal_setter)")
    post_pct_proficient: Share = Field(description="the same, post")
    n_matched: Count = Field(description="matched students on the goal's standards (null beyond the team when too few)")
    change_pct_points: Difference = Field(None, description="post minus pre percent proficient on the goal's standards, "
                                                            "in points (null when either share is coded or hidden)")
    gap_closed: Coefficient = Field(None, description="(post - pre) / (target - pre): the share of the way to the "
                                                      "target covered (null when either share is coded or hidden)")
    effect_size: EffectSize = Field(None, description="paired effect size d_z on the goal's standards, matched "
                                                      "students (what the rating's steady-gain test reads)")


def _rating(goal: GoalResult) -> str:
    if not goal.progress_rating:
        return "—"
    if goal.rating_overridden:
        return f"{goal.progress_rating} (the team's judgement; the data suggest {goal.suggested_rating})"
    return goal.progress_rating


def _frame(goal: GoalResult) -> pd.DataFrame:
    return pd.DataFrame([{
        "standards": ", ".join(goal.measured_standards), "n_matched": goal.n_matched,
        "pre": goal.pre_pct_proficient, "post": goal.post_pct_proficient, "change": goal.pct_proficient_change,
        "target": f"{goal.target_pct_proficient:g}%", "gap_closed": goal.gap_closed,
        "effect_size": goal.effect_size, "rating": _rating(goal),
    }])


def goal_progress_table(report: Report, goal: GoalResult, baseline: tuple[str, str] | None) -> Result:
    """The goal standards' pre → post table and a note on the baseline it is not.

    ``baseline`` is the goal's baseline as this audience's 13 Goal Setter shows it (percent, n),
    or None when that notebook has none to show.
    """
    report.define(*TERMS)
    table = report.tabulate(
        _frame(goal), count_col="n_matched", value_cols=list(GOAL_LABELS)[2:], pct_cols=["pre", "post"],
        caption="The goal's standards, students with both a pre and a post score: the figures the progress "
                "rating is read from", rename=GOAL_LABELS, int_cols=(), name="goal",
        decimals={"change": 1, "gap_closed": 2, "effect_size": 2}, derived=_DERIVED)
    result = Result([table], value=goal)
    if baseline is not None:
        report.define("baseline")
        pct, n = baseline
        result.note(f"The goal's baseline in 13 Goal Setter, {pct} proficient, counts all {n} students with a pre "
                    "score on the goal's standards; this table counts only the students who also have a post "
                    "score, so its pre % proficient can differ. The grade table below reads all standards, "
                    "not only the goal's.", "info")
    return result


def shown_row(result: Result) -> dict[str, str]:
    """The goal table's cells as shown (labels → text), for sentences that quote them."""
    table = next(p for p in result.parts if isinstance(p, Table))
    return {str(k): str(v) for k, v in table.shown.iloc[0].items()}


def goal_record(report: Report, goal: GoalResult) -> GoalRecord:
    """The goal as the goal table releases it: a hidden group shows no figure, and the change and gap
    closed go with the shares they are arithmetic on."""
    data = goal_progress_table(report, goal, None).frame
    row = data.iloc[0] if data is not None and len(data) else pd.Series(dtype=object)
    small = too_small_to_share(goal.n_matched, report.rules, report.audience)
    exact = report.for_team or not (bool(row.get("suppressed", False)) or small)
    shares = report.for_team or not small  # a share of too few students is withheld with their count
    return GoalRecord(
        statement=report.config.goal.statement if report.config.goal else None,
        standards=goal.measured_standards, target_pct_proficient=goal.target_pct_proficient,
        pre_pct_proficient=goal.pre_pct_proficient if shares else None,
        post_pct_proficient=goal.post_pct_proficient if shares else None,
        n_matched=None if small else goal.n_matched,
        change_pct_points=_released(row, "change") if exact else None,
        gap_closed=_released(row, "gap_closed") if exact else None,
        effect_size=goal.effect_size if exact else None)


def _released(row: pd.Series, column: str) -> float | None:
    """A number of the released goal row, or None when the audience's rules withheld it."""
    value = row.get(column)
    return None if value is None or isinstance(value, str) or pd.isna(value) else float(value)
