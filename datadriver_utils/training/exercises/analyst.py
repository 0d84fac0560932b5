"""Exercises for 12_data_analyst: where exactly are students, and do the signals agree?"""

from __future__ import annotations

import pandas as pd

from datadriver_utils.notebook.report import Report
from datadriver_utils.strands import analyst
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import options_with, pct, traps_apart

NOTEBOOK = "12_data_analyst"
_NEEDS = ("students", "assessments")


def _frame(found: object) -> pd.DataFrame | None:
    frame = getattr(found, "frame", None)
    return frame if isinstance(frame, pd.DataFrame) and not frame.empty else None


def _weakest_standard(report: Report) -> Task | None:
    table = _frame(analyst.results(report, "standard"))
    if table is None:
        return None
    table = table.dropna(subset=["pct_proficient"])
    if table.empty:
        return None
    row = table.loc[table["pct_proficient"].idxmin()]
    cut = analyst.team_cut(report)
    return Task(
        prompt=f"On the post assessment, what percent of students were proficient (at or above {cut:g}% correct) "
               f"on {row['standard']}, the standard with the fewest proficient students?",
        answer=round(float(row["pct_proficient"]), 1), unit="%", tolerance=0.15,
        explanation=f"{pct(row['pct_proficient'])} of the {int(row['n'])} students reached the cut on {row['standard']}. "
                    f"Their mean percent correct is {pct(row['mean_pct'])}: "
                    + ("a mean above the cut still leaves many students below it" if row["mean_pct"] >= cut else
                       "the mean says how far the group is from the cut, not how many students reached it")
                    + ", which is why the team's goal counts students, not points.",
        where="section 1, results by standard (column 'Proficient (%)')",
        hint="Read the proficiency column, not the mean: the goal is about how many students reach the cut.",
        traps=((round(float(row["mean_pct"]), 1), "that is the mean percent correct on the standard, not the "
                "share of students at or above the cut"),))


def _lowest_group(report: Report) -> Task | None:
    table = _frame(analyst.subgroups(report))
    if table is None:
        return None
    table = table.dropna(subset=["pct_proficient"])
    table = table[table["n"] >= report.rules.min_group_size]
    if len(table) < 2:
        return None
    labels = table["group"].astype(str) + ": " + table["category"].astype(str)
    lowest = table["pct_proficient"].idxmin()
    answer = str(labels[lowest])
    row = table.loc[lowest]
    highest = table.loc[table["pct_proficient"].idxmax()]
    tempting = [labels[table["pct_proficient"].idxmax()], *labels[table["pct_proficient"].sort_values().index]]
    return Task(
        prompt=f"Among student groups of at least {report.rules.min_group_size} students, which group has the lowest "
               "percent proficient on the post assessment?",
        answer=answer, kind="choice", options=options_with(answer, tempting),
        explanation=f"{answer}: {pct(row['pct_proficient'])} of {int(row['n'])} students, against "
                    f"{pct(highest['pct_proficient'])} for {highest['group']}: {highest['category']}. With groups this "
                    "size, a difference of a few students moves the percentage by several points: treat it as a "
                    "question to look into, not a finding.",
        where="section 2, results by student group",
        hint="Compare the 'Proficient (%)' column across every group row, ignoring groups below the minimum size.")


def _bubble(report: Report) -> Task | None:
    if not report.for_team:
        return None
    found = analyst.bubble(report)
    table = found.frame
    if table is None:
        return None
    cut = analyst.team_cut(report)
    n = len(table)
    return Task(
        prompt=f"How many students scored within 10 points below the cut ({cut - 10:g}% to just under {cut:g}%) on "
               "the post assessment?",
        answer=float(n), tolerance=0.0,
        explanation=f"{n} students are within reach of the cut. They are the ones a short, targeted reteach is "
                    "most likely to move across it; the list is for the team only.",
        where="section 3, the students within reach of the cut (team view)",
        hint="Count the rows of the 'students within reach' table.")


def _discrepancy(report: Report) -> Task | None:
    table = _frame(analyst.discrepancy(report))
    if table is None or "gap" not in table.columns:
        return None
    asked = table[table["gap"] == "ask"]
    n = len(asked)
    return Task(
        prompt="In how many sections does the discrepancy check raise a question (completion or A/B grades high "
               "while fewer than half of the students are proficient)?",
        answer=float(n), tolerance=0.0,
        explanation=f"{n} of {len(table)} sections: "
                    + (", ".join(f"{r.section} ({r.mean_completion_pct:.0f}% completion, {r.pct_proficient:.0f}% "
                                 "proficient)" for r in asked.itertuples()) or "none")
                    + ". When completion and grades say 'fine' and the assessment says 'not yet', the team asks what "
                      "the assignments and grades reward (seed 002's discrepancy check).",
        where="section 4, the discrepancy table (column 'gap')",
        hint="Count the section rows whose gap column reads 'ask'.")


def _near_or_far(report: Report) -> Task | None:
    table = _frame(analyst.bands(report))
    if table is None or not {"well below", "approaching"} <= set(table["band"]):
        return None
    counts = table.groupby("band")["n"].sum()
    far, near = int(counts["well below"]), int(counts["approaching"])
    if far + near == 0:
        return None
    answer = round(100 * near / (far + near), 1)
    everyone = int(counts.sum())
    return Task(
        prompt="Of the students below the cut on the post assessment (the 'well below' and 'approaching' bands, all "
               "grades together), what percent are approaching it?",
        answer=answer, unit="%", tolerance=0.15,
        explanation=f"{near} approaching and {far} well below: {near} of {near + far} = {pct(answer)}. "
                    + ("Most students below the cut are near it, so a targeted reteach can move many of them across."
                       if near > far else
                       "Most students below the cut are well below it: a short reteach for those near the cut cannot "
                       "carry the goal alone, and the plan needs deeper support for the rest."),
        where="section 5, students by band (column 'Students (n)')",
        hint="Add the 'approaching' students of every grade, and divide by the 'approaching' plus 'well below' ones.",
        traps=traps_apart(answer, 0.15, [
            (round(100 * near / everyone, 1), "that is the approaching share of every student; the question asks "
                                              "about those below the cut only"),
            (round(100 * far / (far + near), 1), "that is the share well below the cut, the other part"),
            (float(near), "that is the number approaching; the question asks for a percent")]))


EXERCISES = (
    Exercise("12.1", NOTEBOOK, "Students, not points", "percent proficient versus mean percent correct",
             _weakest_standard, needs=_NEEDS),
    Exercise("12.2", NOTEBOOK, "Which group is furthest behind", "subgroup tables and small groups",
             _lowest_group, needs=_NEEDS),
    Exercise("12.3", NOTEBOOK, "Within reach of the cut", "finding the students a reteach can move",
             _bubble, needs=_NEEDS),
    Exercise("12.4", NOTEBOOK, "When the signals disagree", "setting school processes beside learning",
             _discrepancy, needs=(*_NEEDS, "processes")),
    Exercise("12.5", NOTEBOOK, "Near the cut or far below it", "reading the bands below the cut", _near_or_far,
             needs=_NEEDS),
)
