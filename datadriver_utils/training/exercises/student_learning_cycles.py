"""Exercises for 30_student_learning_cycles: is every part there, does cycle 2 keep the rule, what moved?

Every answer is read from what the notebook shows: the check of each cycle's five parts
(``cycles.cycles(report).value``), the rule for the next cycle (``cycles.rule(report).value``),
the first and latest result on each teacher's question (``cycles.change(report).value``) and the
tally shares under the tools' charts (``cycles.tools(report).tables["tally shares"]``).  The
verdict names are the statistics module's own (:data:`~datadriver_utils.stats.slrc.RULE_FOLLOWED`
and its siblings), never restated.
"""

from __future__ import annotations

import pandas as pd

from datadriver_utils.leadership import student_learning_cycles as cycles
from datadriver_utils.notebook.report import Report
from datadriver_utils.stats import slrc
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import counted, joined, pct, table, traps_apart

__all__ = ["EXERCISES"]

NOTEBOOK = "30_student_learning_cycles"
_NEEDS = ("slrc_cycles",)
_VERDICTS = (slrc.RULE_FOLLOWED, slrc.RULE_BREAKS, slrc.RULE_PENDING)
TWO_COMPLETE = 2
"""Whole cycles the credential asks of each teacher (Focusing on Student Learning)."""


def _frame(found: object) -> pd.DataFrame | None:
    value = getattr(found, "value", None)
    return value if isinstance(value, pd.DataFrame) and not value.empty else None


def _two_complete(report: Report) -> Task | None:
    checked = _frame(cycles.cycles(report))
    if checked is None:
        return None
    per_teacher = checked.groupby("teacher")["complete"].sum()
    ready = sorted(per_teacher[per_teacher >= TWO_COMPLETE].index.astype(str))
    n_complete = int(checked["complete"].sum())
    gaps = "; ".join(f"{r.teacher}, cycle {r.cycle}, lacks {r.missing}" for r in checked[~checked["complete"]].itertuples())
    answer = float(cycles.summary(report).n_teachers_two_complete or 0)  # the summary's count: one definition
    return Task(
        prompt=f"{counted(len(per_teacher), 'teacher')} recorded {counted(len(checked), 'cycle')}. How many teachers have the "
               f"{TWO_COMPLETE} complete cycles (all five parts) that Focusing on Student Learning asks for?",
        answer=answer, tolerance=0.0,
        explanation=f"{len(ready)} of {len(per_teacher)}: {joined(ready) or 'nobody yet'}. {n_complete} of "
                    f"{len(checked)} cycles have all five parts"
                    + (f" ({gaps})" if gaps else "")
                    + ". A cycle without its considerations and next steps is data collected, not yet a cycle: "
                      "the learning happens when the teacher writes what she makes of it.",
        where="section 2, the table of cycles (columns 'Parts (of 5)' and 'Complete')",
        hint="Count, for each teacher, the rows marked complete; a teacher counts once she has two.",
        traps=traps_apart(answer, 0.0, [
            (float(n_complete), "that is the number of complete cycles; the credential counts teachers with two"),
            (float(len(per_teacher)), "that is every teacher with a cycle recorded, complete or not"),
            (float(len(checked)), "that is every cycle recorded")]))


def _move(judged: pd.DataFrame) -> pd.Series:
    """The move worth practising on: one that does not simply follow the rule, else the first."""
    unusual = judged[judged["verdict"] != slrc.RULE_FOLLOWED]
    return (unusual if len(unusual) else judged).iloc[0]


def _situation(move: pd.Series) -> str:
    felt = {True: "was satisfied with what cycle {f} showed", False: "was not yet satisfied with what cycle {f} showed",
            None: "did not write whether cycle {f} satisfied her"}[move["satisfied"]].format(f=move["from_cycle"])
    asked = "asks the same question again" if move["same_question"] else "asks a new question"
    return f"{move['teacher']} {felt}; cycle {move['to_cycle']} {asked}"


def _meaning(option: str, answer: str, situation: str) -> str:
    """Why ``option`` is not the verdict, given the right one."""
    if option == slrc.RULE_PENDING:
        return "both facts the rule needs are written: whether cycle 1 satisfied her, and whether the question changed"
    if answer == slrc.RULE_PENDING:
        return "the rule cannot be checked yet: it needs to know whether cycle 1 satisfied her"
    if option == slrc.RULE_FOLLOWED:
        return f"{situation}, the other way round from the rule: not yet satisfied asks the same question, satisfied a new one"
    return f"{situation}, which is what the rule asks: not yet satisfied asks the same question, satisfied a new one"


def _rule(report: Report) -> Task | None:
    judged = _frame(cycles.rule(report))
    if judged is None:
        return None
    move = _move(judged)
    answer = str(move["verdict"])
    situation = _situation(move)
    return Task(
        prompt=f"{situation}. What does the rule for cycle 2 say about this move?",
        answer=answer, kind="choice", options=_VERDICTS,
        explanation=f"'{answer}': {move['reason']}. Not yet satisfied, the teacher changes something in her "
                    "classroom and asks the same question, so the two cycles measure the same thing before and "
                    "after the change; satisfied, she moves to a new question.",
        where="section 3, the table of the rule for the next cycle",
        hint="First read whether cycle 1 satisfied her, then whether the question stayed the same.",
        traps=tuple((o, _meaning(o, answer, situation)) for o in _VERDICTS if o != answer))


def _largest_rise(report: Report) -> Task | None:
    changes = _frame(cycles.change(report))
    if changes is None:
        return None
    known = changes[changes["change"].notna()].astype({"change": float})
    if len(known) < 2 or (known["change"] == known["change"].max()).sum() > 1:
        return None
    row = known.loc[known["change"].idxmax()]
    answer = str(row["teacher"])

    def said(r: pd.Series) -> str:
        return f"{r['teacher']}: {r['first_pct']:.0f}% to {r['latest_pct']:.0f}%, {r['change']:+.0f} points"

    highest = known.loc[known["latest_pct"].astype(float).idxmax()]
    return Task(
        prompt="On the same question, whose result rose the most from the first to the latest cycle?",
        answer=answer, kind="choice", options=tuple(sorted(known["teacher"].astype(str))),
        explanation=f"{said(row)}. "
                    + (f"{highest['teacher']} ends highest ({highest['latest_pct']:.0f}%) but rose less: the question "
                       "is the change, not the last result. " if highest["teacher"] != answer else "")
                    + "A rise on the same question after a classroom change is evidence, not proof: a different "
                      "lesson, day or group of students present could move it as well.",
        where="section 5, the table and chart of change on the same question",
        hint="Compare the 'Change (points)' column, not the latest result.",
        traps=tuple((str(r["teacher"]), said(r)) for _, r in known.iterrows() if str(r["teacher"]) != answer))


def _tally_share(report: Report) -> Task | None:
    shares = table(cycles.tools(report), "tally shares")
    if shares is None:
        return None
    first = shares.iloc[0]
    sheet = shares[(shares["teacher"] == first["teacher"]) & (shares["cycle"] == first["cycle"])]
    total = float(sheet["count"].sum())
    if total <= 0:
        return None
    count = float(first["count"])
    answer = round(float(first["pct"]), 1)  # the view's own share
    return Task(
        prompt=f"On {first['teacher']}'s tally sheet for cycle {first['cycle']}, what percent of all the tallies "
               f"were '{first['category']}'?",
        answer=answer, unit="%", tolerance=0.15,
        explanation=f"{count:.0f} of the {total:.0f} tallies, {pct(answer)}. "
                    + "; ".join(f"'{r.category}' {r.count:.0f}" for r in sheet.itertuples())
                    + ". A share of tallies counts moments seen, not students: the chart by interval shows when in "
                      "the lesson the learning appeared.",
        where="section 4, the table 'Tallies by category' under the tally charts",
        hint=f"Divide the '{first['category']}' tallies by all the tallies of that teacher and cycle.",
        traps=traps_apart(answer, 0.15, [
            (count, "that is the number of tallies; the question asks for their share"),
            (round(100 - answer, 1), "that is the share of the other categories")]))


EXERCISES = (
    Exercise("30.1", NOTEBOOK, "Two whole cycles", "checking the five parts of each cycle", _two_complete,
             needs=_NEEDS),
    Exercise("30.2", NOTEBOOK, "The rule for cycle 2", "same question when not yet satisfied, a new one when satisfied",
             _rule, needs=_NEEDS),
    Exercise("30.3", NOTEBOOK, "Whose students moved most", "change on the same question, not the last result",
             _largest_rise, needs=_NEEDS),
    Exercise("30.4", NOTEBOOK, "Reading a tally sheet", "shares of what a data collection tool counted",
             _tally_share, needs=("tallies",)),
)
