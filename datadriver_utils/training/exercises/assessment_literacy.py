"""Exercises for 06_assessment_literacy: use the glossary's worked examples, and read the catalog.

The glossary's examples are computed from the team's own files; ``literacy.glossary(report)``
returns them as ``.value`` (term id -> worked example with its sentence and headline number),
and the exercises read those.  The SEM exercise also reads the SD and alpha the example's
sentence quotes, since that is what the learner has in front of them.  The training catalog is
read from the notebook's typed summary (``literacy.summary(report)``), judged as of the same
date the notebook's catalog uses (the report's ``as_of``).
"""

from __future__ import annotations

import math
import re

from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.glossary import WorkedExample
from datadriver_utils.toolkit import assessment_literacy as literacy
from datadriver_utils.toolkit.assessment_literacy import TrainingRecord
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import joined, pct, traps_apart

__all__ = ["EXERCISES"]

NOTEBOOK = "06_assessment_literacy"
_GLOSSARY = "section 1, the glossary"
NONE_OVERDUE = "none is overdue"
_SEM_INPUTS = re.compile(r"SD (\d+(?:\.\d+)?) points and alpha is (-?\d+(?:\.\d+)?)")
_WINDOW = re.compile(r"on the (.+?) assessment")


def _example(report: Report, term: str) -> WorkedExample | None:
    found = literacy.glossary(report).value
    example = found.get(term) if isinstance(found, dict) else None
    return example if isinstance(example, WorkedExample) and example.value is not None else None


def _window(example: WorkedExample) -> str:
    found = _WINDOW.search(example.text or "")
    return found.group(1) if found else "latest"


def _standard_error(report: Report) -> Task | None:
    example = _example(report, "standard_error")
    inputs = _SEM_INPUTS.search(example.text or "") if example else None
    if example is None or example.value is None or inputs is None:
        return None
    sd, alpha = float(inputs.group(1)), float(inputs.group(2))
    answer = round(float(example.value), 1)
    return Task(
        prompt=f"Total scores on the {_window(example)} assessment spread with a standard deviation of {sd:g} points, "
               f"and Cronbach's alpha is {alpha:.2f}. What is the standard error of measurement (SEM), in points?",
        answer=answer, unit=" points", tolerance=0.15,
        explanation=f"SEM = SD × √(1 − alpha) = {sd:g} × √(1 − {alpha:.2f}) ≈ {answer:g} points. A student's total is "
                    f"best read as a range of about ±{answer:g} points: two totals closer than that are within the "
                    "test's own noise. A more reliable test (higher alpha) narrows the range.",
        where=f"{_GLOSSARY}, the row 'Standard error of measurement (SEM)'",
        hint="Take one minus alpha, its square root, and multiply by the SD.",
        traps=traps_apart(answer, 0.15, [
            (round(sd * (1 - alpha), 1), "that multiplies by 1 − alpha without taking its square root"),
            (round(sd * math.sqrt(max(alpha, 0.0)), 1), "that takes the square root of alpha, not of 1 − alpha"),
            (sd, "that is the SD: how much students' totals differ from each other, not how uncertain one "
                 "student's total is")]))


def _percentile(report: Report) -> Task | None:
    example, proficient = _example(report, "percentile"), _example(report, "percent_proficient")
    cut = _example(report, "proficiency_cut")
    if example is None or example.value is None or proficient is None or proficient.value is None or cut is None:
        return None
    rank, share = float(example.value), float(proficient.value)
    answer = float(round(rank))
    return Task(
        prompt=f"Among this team's students, what is the percentile rank of a student who scored exactly the cut "
               f"({cut.value:g}% correct) on the {_window(example)} assessment? (A whole number.)",
        answer=answer, tolerance=0.5,
        explanation=f"About {answer:g}: PR = 100 × (students below the score + half of those exactly at it) ÷ all "
                    f"students. {pct(share)} of the students are at or above the cut, so roughly {pct(100 - share)} "
                    "are below it, plus half of those who scored exactly the cut. A vendor's percentile compares with "
                    "a national norm group instead, so the two can differ a lot for the same student.",
        where=f"{_GLOSSARY}, the row 'Percentile rank'",
        hint="A percentile rank counts the students below a score (and half of those at it), out of all students.",
        traps=traps_apart(answer, 0.5, [
            (round(share, 1), "that is the percent proficient, the share at or above the cut; a percentile rank "
                              "counts those below"),
            (float(cut.value or 0), "that is the cut itself, a score in percent correct; a percentile rank is a "
                                    "position among students"),
            (round(100 - share, 1), "that counts everyone below the cut but leaves out half of those exactly at it")]))


def _gain_spread(report: Report) -> Task | None:
    growth, effect = _example(report, "growth"), _example(report, "effect_size")
    if growth is None or effect is None or growth.value is None or effect.value is None or abs(effect.value) < 0.05:
        return None
    gain, d = float(growth.value), float(effect.value)
    exact = gain / d
    from_shown = round(gain, 1) / round(d, 2)
    answer = round(exact, 1)
    tolerance = round(max(0.15, abs(from_shown - exact) + 0.1), 2)
    return Task(
        prompt=f"The glossary gives a gain of {gain:+.1f} percentage points for matched students and an effect size "
               f"d_z = {d:.2f}. About how many points did students' gains typically vary (the standard deviation of "
               "the gains)?",
        answer=answer, unit=" points", tolerance=tolerance,
        explanation=f"d_z = mean gain ÷ SD of the gains, so the SD is {gain:+.1f} ÷ {d:.2f} ≈ {answer:g} points. "
                    "d_z says how consistently students grew, not how much: the same mean gain with gains that vary "
                    "less gives a larger d_z.",
        where=f"{_GLOSSARY}, the rows 'Growth (gain)' and 'Effect size (d_z)'",
        hint="Rearrange d_z = gain ÷ SD: the SD is the gain divided by d_z.",
        traps=traps_apart(answer, tolerance, [
            (round(gain * d, 1), "that multiplies the gain by d_z; d_z is the gain divided by the SD"),
            (round(gain, 1), "that is the mean gain itself; the SD is how much students' gains spread around it")]))


def _standing(record: TrainingRecord) -> str:
    """Where one training stands, in the catalog's own counts."""
    overdue = int(record.n_overdue or 0)
    return (f"{record.training}: {int(record.n_done or 0)} of {int(record.n or 0)} done, {int(record.n_due_soon or 0)} "
            f"due soon, {int(record.n_open or 0)} due later, " + (f"{overdue} overdue: fewer" if overdue else
                                                                  "none overdue"))


def _overdue(report: Report) -> Task | None:
    catalog = literacy.summary(report).trainings
    if catalog is None or not catalog.by_training or catalog.as_of is None:
        return None
    records = catalog.by_training
    late = sorted((r for r in records if r.n_overdue), key=lambda r: -int(r.n_overdue or 0))
    if len(late) > 1 and late[0].n_overdue == late[1].n_overdue:
        return None
    answer = str(late[0].training) if late else NONE_OVERDUE
    names = {str(r.training) for r in records}
    if NONE_OVERDUE in names:
        return None
    rows = [o for o in catalog.overdue if str(o.training) == answer]
    who = joined([str(p) for o in rows if (p := getattr(o, "person", None))])
    detail = (f"{answer}: {len(rows)} of {late[0].n} people have not done it, due {rows[0].due} "
              f"({rows[0].days_overdue} days before the as-of date)" + (f": {who}" if who else "")
              if late else "No training is past its due date without being done")

    traps = [(str(r.training), _standing(r)) for r in records if str(r.training) != answer]
    if late:
        traps.append((NONE_OVERDUE, f"the catalog counts {late[0].n_overdue} overdue for {answer}"))
    return Task(
        prompt=f"As of {catalog.as_of}, which training has the most people overdue (not done, and the due date has "
               "passed)?",
        answer=answer, kind="choice", options=(*(str(r.training) for r in records), NONE_OVERDUE),
        explanation=f"{detail}. Overdue is judged as of {catalog.as_of} ({catalog.basis}), the date printed in the "
                    "report's header, not the day you happen to read it."
                    + (" Ask whether it blocks something the team does now." if late else ""),
        where="section 2, the training catalog (the 'By training' table, column 'Overdue')",
        hint=f"Read the 'Overdue' column of the 'By training' table; 'due soon' is not yet overdue on {catalog.as_of}.",
        traps=tuple(traps))


EXERCISES = (
    Exercise("06.1", NOTEBOOK, "How precise is one score", "the standard error of measurement", _standard_error,
             needs=("assessments",)),
    Exercise("06.2", NOTEBOOK, "Where the cut sits among students", "the local percentile rank", _percentile,
             needs=("assessments",)),
    Exercise("06.3", NOTEBOOK, "What an effect size divides by", "effect size d_z = gain ÷ SD of the gains",
             _gain_spread, needs=("students", "assessments")),
    Exercise("06.4", NOTEBOOK, "Which training is overdue", "judging the catalog at a stated date", _overdue,
             needs=("trainings",)),
)
