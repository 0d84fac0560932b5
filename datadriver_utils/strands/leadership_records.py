"""The typed records of the ``leadership_moves`` section of summary.json (notebook 21).

Kept apart from the view module (:mod:`datadriver_utils.strands.leadership_moves`) so that the
view stays a readable list of views.  Kinds follow :mod:`datadriver_utils.core.quantities`:
shares of *students* (percent at the cut, belonging favourable) are :data:`Share` and coded for
the public; look-fors seen and feedback rates are shares of observations and notes, not of
people (:data:`Percent`); link means are :data:`Mean` because a scale score is not a
percentage.  Beyond the team, a row about fewer students than the minimum group size has
``null`` statistics and ``"suppressed": true``; the team's rows carry no such flag.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from pydantic import Field

from datadriver_utils.core.quantities import (
    Count,
    Difference,
    EffectSize,
    Flag,
    Label,
    Mean,
    Percent,
    Score,
    Share,
    Summary,
)
from datadriver_utils.notebook.report import Report
from datadriver_utils.privacy.release import hidden_rows

__all__ = [
    "BelongingAdministration", "FeedbackSummary", "LinkCheck", "LookFor", "MonthBeside", "WalkthroughSummary",
    "WeakestStandard",
]

_SUPPRESSED = "beyond the team only: fewer students than the minimum group size, statistics hidden"


class WeakestStandard(Summary):
    """A grade's weakest standard in the pattern window (the pattern the one-pager starts from)."""

    grade: Label = Field(description="grade level")
    standard: Label = Field(description="the standard with the lowest mean percent correct in the grade")
    n: Count = Field(description="students with a score on it")
    mean_pct: Share = Field(description="their mean percent correct; coded like a share for the public")
    gap: Difference = Field(description="mean percent correct minus the grade's mean over all standards, in points")
    suppressed: Flag = Field(None, description=_SUPPRESSED)


class LinkCheck(Summary):
    """One link of the one-pager checked on its check window (matched students of its grade)."""

    grade: Label = Field(description="grade level")
    standard: Label = Field(description="the standard the pattern is about (null: the whole assessment)")
    pattern_window: Label = Field(description="where the pattern was seen")
    check_window: Label = Field(description="where the micro-change is checked")
    score_kind: Label = Field(description="points (percent correct) or scale (scale score)")
    n_matched: Count = Field(description="students of the grade with a score in both windows")
    pattern_mean: Mean = Field(description="their mean in the pattern window (% correct, or scale points)")
    check_mean: Mean = Field(description="their mean in the check window")
    change: Difference = Field(description="check mean minus pattern mean (percentage points, or scale points)")
    others_change: Difference = Field(description="the same students' change on the grade's other standards")
    pattern_pct_at_cut: Share = Field(description="percent at or above the cut in the pattern window")
    check_pct_at_cut: Share = Field(description="percent at or above the cut in the check window")
    effect_size: EffectSize = Field(description="paired effect size d_z of the change")
    verdict: Label = Field(description="rose (d_z ≥ 0.2), fell (d_z ≤ −0.2), no clear change, or why not checked")
    suppressed: Flag = Field(None, description=_SUPPRESSED)


class LookFor(Summary):
    """One walkthrough look-for over every visit that looked for it."""

    look_for: Label = Field(description="the look-for as the team words it")
    n_observations: Count = Field(description="visits that looked for it")
    pct_seen: Percent = Field(description="visits where it was seen ÷ visits that looked for it × 100")


class MonthBeside(Summary):
    """One month: look-fors seen (process evidence) beside belonging (perception evidence)."""

    month: Label = Field(description="YYYY-MM")
    n_visits: Count = Field(description="classroom visits that month (null: none)")
    pct_seen: Percent = Field(description="look-for observations seen ÷ observations × 100 (all look-fors)")
    belonging_n_band: Label = Field(description="students answering the belonging survey that month, as shown")
    belonging_pct_favourable: Share = Field(description="belonging answers above the scale's midpoint, %")
    belonging_status: Label = Field(description="ok, too few responses, or null when not given that month")


class WalkthroughSummary(Summary):
    """Walkthrough look-fors: how often each was seen, and month by month beside belonging."""

    n_visits: Count = Field(description="classroom visits (a classroom on a date)")
    n_observations: Count = Field(description="visit × look-for rows")
    look_fors: list[LookFor] = Field(description="each look-for, in the order first recorded")
    by_month: list[MonthBeside] = Field(description="each month with visits or a belonging administration")


class BelongingAdministration(Summary):
    """One administration of the belonging micro-survey."""

    administration: Label = Field(description="the administration (YYYY-MM)")
    n_band: Label = Field(description="students who answered, as shown (a band when too few)")
    mean_score: Score = Field(description="mean of students' mean answers (1-4 scale): the construct score")
    pct_favourable: Share = Field(description="answers above the scale's midpoint, %")
    status: Label = Field(description="ok, or too few responses")


class FeedbackSummary(Summary):
    """The bite-size feedback log in numbers (who and what stay in the team's view)."""

    n_entries: Count = Field(description="feedback notes")
    n_teachers: Count = Field(description="teachers who received feedback")
    n_tools: Count = Field(description="different tools or practices looked at")
    pct_bite_size: Percent = Field(description="notes of at most 40 words ÷ notes × 100")
    pct_impact_known: Percent = Field(description="notes saying what the tool did (helped, hindered, no clear "
                                                  "effect) ÷ notes × 100")
    by_evidence: dict[str, Count] = Field(description="evidence source -> notes")
    by_impact: dict[str, Count] = Field(description="impact -> notes")


class LeadershipMovesSummary(Summary):
    """The one-pager's pattern and checks, look-fors beside belonging, and the feedback log (notebook 21)."""

    section = "leadership_moves"
    pattern_window: Label = Field(description="the window the grade-level pattern is read in")
    weakest: list[WeakestStandard] = Field(description="each grade's weakest standard in the pattern window")
    links: list[LinkCheck] | None = Field(description="each link of the one-pager, checked (null: no links yet)")
    walkthroughs: WalkthroughSummary | None = Field(description="look-fors (null: no walkthroughs yet)")
    belonging: list[BelongingAdministration] | None = Field(description="the belonging micro-survey (null: not given)")
    feedback: FeedbackSummary | None = Field(description="the feedback log (null: none yet)")
    self_check_questions: Count = Field(description="questions in the self-check")


def released_rows(report: Report, frame: pd.DataFrame, count: str, values: list[str]) -> list[dict[str, Any]]:
    """Rows of a summary list as the audience may see them: hidden rows keep their labels, lose their values."""
    hidden = hidden_rows(frame, count, report.rules, report.audience, value_cols=values)
    beyond = not report.for_team
    return [{**{k: (None if hide and k in values else v) for k, v in row.items()},
             "suppressed": bool(hide) if beyond else None}
            for row, hide in zip(frame.to_dict("records"), hidden, strict=True)]
