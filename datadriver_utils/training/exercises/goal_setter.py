"""Exercises for 13_goal_setter: set a goal from the baseline, and read the checks that judge it.

Every answer is read from what the notebook shows: the baseline check's typed summary
(``goal_setter.baseline_check(report).value``), its table by standard, and the SMART checklist
(``goal_setter.smart(report).value``).  The reach rule's cut-offs are the view's own
(:class:`~datadriver_utils.stats.goals.ReachThresholds` defaults), so the explanation quotes the
rule the notebook applied.  A team without a goal, or whose baseline is hidden, gets ``None``.
"""

from __future__ import annotations

import math

from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.goals import STATUSES, ReachThresholds
from datadriver_utils.strands import goal_setter
from datadriver_utils.strands.goal_setter import GoalSetterSummary
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import joined, pct, traps_apart

__all__ = ["EXERCISES"]

NOTEBOOK = "13_goal_setter"
_NEEDS = ("students", "assessments")
_RULE = ReachThresholds()
_NONE_FAILS = "none: all five are met"


class _Baseline:
    """The figures of the baseline check as the table shows them, and what follows from them."""

    def __init__(self, found: GoalSetterSummary) -> None:
        assert found.n_baseline and found.baseline_pct_proficient is not None and found.students_to_cross is not None
        self.summary = found
        self.n = int(found.n_baseline)
        self.pct = float(found.baseline_pct_proficient)
        self.target = float(found.target_pct_proficient or 0)
        self.cut = (f"{found.proficiency_cut_pct:g}% correct" if found.proficiency_cut_pct is not None
                    else str(found.cut or "the benchmark"))
        """The cut in its unit: percent correct for point scores, e.g. "RIT 210" for scale scores."""
        self.to_cross = int(found.students_to_cross)
        self.proficient = round(self.pct * self.n / 100)
        self.below = self.n - self.proficient
        self.share = self.to_cross / self.below if self.below else 0.0
        self.standards = ", ".join(str(s) for s in found.standards or [])


def _baseline(report: Report) -> _Baseline | None:
    found = goal_setter.baseline_check(report).value
    if not isinstance(found, GoalSetterSummary) or not found.n_baseline or found.status is None:
        return None
    if found.baseline_pct_proficient is None or found.students_to_cross is None:
        return None
    return _Baseline(found)


def _start(report: Report) -> Task | None:
    base = _baseline(report)
    if base is None:
        return None
    answer = round(base.pct, 1)
    rows = [s for s in base.summary.baseline_by_standard or [] if s.pct_proficient is not None]
    shares = [float(s.pct_proficient or 0) for s in rows]
    averaged = sum(shares) / len(shares) if len(shares) > 1 else None
    pooling = ("" if averaged is None else
               " On their own the standards read " + joined([f"{s.standard} {pct(v)}" for s, v in zip(rows, shares, strict=True)])
               + ": the pooled figure is not their average, because a student can reach the cut on one standard "
                 "and still fall short over all of them, or the other way round.")
    return Task(
        prompt=f"Where do the students start? On the pre assessment, what percent of students are proficient on the "
               f"goal's standards ({base.standards}) taken together, at the cut of {base.cut}?",
        answer=answer, unit="%", tolerance=0.15,
        explanation=f"{base.proficient} of {base.n} students ({pct(base.pct)}) reach {base.cut} on the "
                    "goal's standards in the pre window. The baseline takes each student's percent correct over the "
                    "goal's standards, then counts the students at or above the cut: a goal about students needs a "
                    "count of students, not a mean score." + pooling,
        where="section 2, the baseline table (column 'Baseline: % proficient (all pre takers)')",
        hint="Read the baseline column in the first table of section 2, not the table by standard.",
        traps=traps_apart(answer, 0.15, [
            (None if averaged is None else round(averaged, 1),
             "that is the average of the standards' own percents; the baseline reads each student's percent "
             "correct over all the goal's standards at once, then counts students at the cut"),
            (base.target, "that is the target, where the team wants to be, not where the students start")]))


def _to_cross(report: Report) -> Task | None:
    base = _baseline(report)
    if base is None:
        return None
    exact = base.target * base.n / 100
    needed = math.ceil(round(exact, 9))
    traps = [(float(needed), f"that is how many students must be proficient in all; {base.proficient} already are"),
             *((value, "that is the increase in percentage points, not a number of students")
               for value in (round(base.target - base.pct, 1), float(round(base.target - base.pct))))]
    if needed != exact:
        traps.append((float(math.floor(exact) - base.proficient),
                      f"{base.target:g}% of {base.n} is {exact:.1f} students: part of a student cannot reach the "
                      f"cut, so the target needs {needed}, rounded up"))
    return Task(
        prompt=f"The target is {base.target:g}% proficient. How many more students must cross the cut of "
               f"{base.cut} to meet it?",
        answer=float(base.to_cross), tolerance=0.0,
        explanation=f"{base.target:g}% of {base.n} students is {exact:.1f}, rounded up to {needed}. {base.proficient} "
                    f"are proficient now, so {base.to_cross} more must cross the cut. Counting students, not "
                    "points, tells the team how many children the plan has to reach.",
        where="section 2, the baseline table (column 'Students to cross') and the check in words under it",
        hint="Work out target × students ÷ 100, round up to a whole student, and take away those already at the cut.",
        traps=traps_apart(float(base.to_cross), 0.0, traps))


def _status_meaning(status: str, base: _Baseline) -> str:
    """What a status would need, set against this team's share of students to cross."""
    share = f"here {base.to_cross} of the {base.below} below the cut must cross ({base.share:.0%})"
    return {
        "already met": f"'already met' means the {base.proficient} students at the cut now are already "
                       f"{base.target:g}% or more; they are {pct(base.pct)}",
        "reachable": f"'reachable' means at most {_RULE.ambitious_share:.0%} of the students below the cut must "
                     f"cross it; {share}",
        "ambitious": f"'ambitious' means more than {_RULE.ambitious_share:.0%} and at most "
                     f"{_RULE.out_of_reach_share:.0%} of them must cross; {share}",
        "out of reach": f"'out of reach' means more than {_RULE.out_of_reach_share:.0%} of them must cross; {share}",
    }[status]


def _attainable(report: Report) -> Task | None:
    base = _baseline(report)
    if base is None or base.summary.status not in STATUSES:
        return None
    answer = str(base.summary.status)
    return Task(
        prompt=f"The team's target is {base.target:g}% proficient from a baseline of {pct(base.pct)}. What does the "
               "baseline check say about the target?",
        answer=answer, kind="choice", options=STATUSES,
        explanation=f"{base.to_cross} of the {base.below} students below the cut must cross it, {base.share:.0%} of "
                    f"them: '{answer}'. The rule counts students, not points: above "
                    f"{_RULE.ambitious_share:.0%} of those below the cut is ambitious, above "
                    f"{_RULE.out_of_reach_share:.0%} out of reach for one cycle (our documented defaults; a district "
                    "may set its own).",
        where="section 2, the baseline check in words and its 'Status' column",
        hint="Divide the students to cross by the students below the cut (students − those proficient now), and "
             f"compare with {_RULE.ambitious_share:.0%} and {_RULE.out_of_reach_share:.0%}.",
        traps=tuple((s, _status_meaning(s, base)) for s in STATUSES if s != answer))


def _smart(report: Report) -> Task | None:
    checklist = goal_setter.smart(report).value
    items = getattr(checklist, "items", None)
    if not items or any(i.met is None for i in items):
        return None
    failing = [i for i in items if i.met is False]
    if len(failing) > 1:
        return None
    label = {i.criterion: i.criterion.replace("_", "-") for i in items}
    answer = label[failing[0].criterion] if failing else _NONE_FAILS
    reading = (f"{answer.capitalize()} says no. {failing[0].explanation}" if failing else
               "Every criterion says yes. " + " ".join(f"{label[i.criterion].capitalize()}: {i.explanation}"
                                                       for i in items))
    traps = [(label[i.criterion], f"{label[i.criterion]} is met: {i.explanation}") for i in items if i.met]
    if failing:
        traps.append((_NONE_FAILS, f"{answer} says no; read the 'Met' column of the checklist"))
    return Task(
        prompt="Read the goal statement against the SMART checklist. Which criterion does it fail?",
        answer=answer, kind="choice", options=(*label.values(), _NONE_FAILS),
        explanation=reading + " Each criterion can say no and says what would make it "
                    "yes; attainable is the baseline check itself, so the two never disagree.",
        where="section 3, the SMART checklist (columns 'Met' and 'Why')",
        hint="Look for a 'no' in the Met column; attainable follows the baseline check's status.",
        traps=tuple(traps))


def _pooled(report: Report) -> Task | None:
    base = _baseline(report)
    rows = [] if base is None else [r for r in base.summary.baseline_by_standard or [] if r.pct_proficient is not None]
    if base is None or len(rows) < 2 or base.summary.pooled_standards is None:
        return None
    gap = float(base.summary.pooled_gap_points or 0)
    low = min(rows, key=lambda r: float(r.pct_proficient or 0))
    high = max(rows, key=lambda r: float(r.pct_proficient or 0))
    limit = _RULE.pooled_gap_points
    yes = f"yes: the standards lie more than {limit:g} points apart; set a target for each"
    no = f"no: the standards lie within {limit:g} points; one target can serve them"
    unknown = "cannot tell: the pooled figure is all the notebook shows"
    answer = yes if base.summary.pooled_standards else no
    split = (f"{high.standard} {pct(float(high.pct_proficient or 0))} and {low.standard} "
             f"{pct(float(low.pct_proficient or 0))} proficient on their own, {gap:.1f} points apart")
    return Task(
        prompt=f"The goal pools {joined([str(r.standard) for r in rows])} into one baseline of {pct(base.pct)}. Does "
               "pooling hide a standard few students have?",
        answer=answer, kind="choice", options=(yes, no, unknown),
        explanation=f"{split}. " + (f"More than {limit:g} points apart: the pooled figure hides that students start "
                                    f"far lower on {low.standard}; give it its own target, or aim the goal at it."
                                    if answer == yes else
                                    f"Within {limit:g} points: one target for the pooled standards says what the "
                                    "team means."),
        where="section 2, the baseline by standard (each standard on its own, at the same cut)",
        hint=f"Subtract the lowest standard's '% proficient now (all pre takers)' from the highest's and compare with {limit:g} points.",
        traps=((unknown, "the table by standard reads each standard on its own at the same cut"),
               (no if answer == yes else yes,
                f"{gap:.1f} points apart is {'more than' if answer == yes else 'within'} the {limit:g}-point rule")))


EXERCISES = (
    Exercise("13.1", NOTEBOOK, "Where students start", "reading the pooled baseline at the cut", _start,
             needs=_NEEDS),
    Exercise("13.2", NOTEBOOK, "Students to cross the cut", "turning a target into a number of students",
             _to_cross, needs=_NEEDS),
    Exercise("13.3", NOTEBOOK, "Is the goal attainable", "the reach rule: share of students below the cut",
             _attainable, needs=_NEEDS),
    Exercise("13.4", NOTEBOOK, "Which SMART criterion fails", "reading a goal statement against SMART", _smart,
             needs=_NEEDS),
    Exercise("13.5", NOTEBOOK, "Do pooled standards hide a weak one", "the baseline by standard", _pooled,
             needs=_NEEDS),
)
