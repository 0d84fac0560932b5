"""Exercises for 33_classroom_improvement: the action's window, the focus area, the run chart, the package.

Every answer is read from what the notebook shows: the action plans with their checked timelines
(``improvement.student_voice(report).value``) and the focus area's results (its ``"focus"``
table), the run chart's points (``improvement.run_chart(report).value``, notebook 14's
:class:`~datadriver_utils.stats.runchart_reading.RunChartReading`) and the share package's
manifest (``improvement.share_package(report).value``).  The credential's minimum of points is the
run-chart module's own :data:`~datadriver_utils.stats.runchart.MIN_USEFUL_POINTS`.
"""

from __future__ import annotations

import pandas as pd

from datadriver_utils.batch.share_package import ShareManifest
from datadriver_utils.leadership import classroom_improvement as improvement
from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.runchart import MIN_USEFUL_POINTS
from datadriver_utils.stats.runchart_reading import RunChartReading
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import counted, joined, pct, points, table, traps_apart

__all__ = ["EXERCISES"]

NOTEBOOK = "33_classroom_improvement"
INSIDE = "yes: it sits between the two administrations"
EARLY = "no: it starts before the first results arrived"
LATE = "no: it ends on or after the second administration"
WINDOW = (INSIDE, EARLY, LATE)


def _day(value: object) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _timeline(report: Report) -> pd.DataFrame | None:
    value = improvement.student_voice(report).value
    if not isinstance(value, pd.DataFrame) or value.empty:
        return None
    dated = value.dropna(subset=["results_received", "start", "end", "second_administration"])
    return dated[dated["ordered"] & (dated["after_results"] | dated["before_second"])]  # one clear answer each


def _window(report: Report) -> Task | None:
    timeline = _timeline(report)
    if timeline is None or timeline.empty:
        return None
    outside = timeline[~timeline["in_window"]]
    row = (outside if len(outside) else timeline).iloc[0]
    answer = INSIDE if row["in_window"] else (EARLY if not row["after_results"] else LATE)
    dates = (f"the first results arrived {_day(row['results_received'])}, the action ran {_day(row['start'])} to "
             f"{_day(row['end'])}, and students answered again {_day(row['second_administration'])}")
    return Task(
        prompt=f"{row['teacher']}'s plan for '{row['construct']}': {dates}. Does the action sit where the second "
               "survey can show what it did?",
        answer=answer, kind="choice", options=WINDOW,
        explanation=f"{answer[0].upper()}{answer[1:]}. In the plan, {dates}. The action answers the first results, so it starts "
                    "after they arrive, and it must be over before students answer again, or the second survey "
                    "measures a plan still under way.",
        where="section 1, the action plans and their timeline chart",
        hint="Set the start after the date the results arrived, and the end before the second administration.",
        traps=tuple((o, dates) for o in WINDOW if o != answer))


def _focus_change(report: Report) -> Task | None:
    focus = table(improvement.student_voice(report), "focus")
    if focus is None:
        return None
    focus = focus.dropna(subset=["pct_favourable_change"])
    if focus.empty:
        return None
    row = focus.iloc[0]
    answer = round(float(row["pct_favourable_change"]), 1)
    return Task(
        prompt=f"By how many points did the share of favourable answers on {row['teacher']}'s focus area, "
               f"'{row['construct']}', change from the {row['first_administration']} to the "
               f"{row['latest_administration']} student survey?",
        answer=answer, unit=" points", tolerance=0.15,
        explanation=f"{pct(row['first_pct_favourable'])} → {pct(row['latest_pct_favourable'])}: {points(answer)}. "
                    "Set it beside the constructs the plan did not target: a focus area that moved more than the "
                    "rest is the students telling the teacher the action reached them.",
        where="section 1, the table of the focus area in the first and the second administration",
        hint="Subtract the first % favourable from the latest one.",
        traps=traps_apart(answer, 0.15, [
            (round(float(row["latest_pct_favourable"]), 1), "that is the latest share favourable, not the change"),
            (round(float(row["first_pct_favourable"]), 1), "that is the first share favourable"),
            (-answer, "the sign is reversed: latest minus first")]))


def _points_short(report: Report) -> Task | None:
    reading = improvement.run_chart(report).value
    if not isinstance(reading, RunChartReading) or not reading.n_points:
        return None
    have = reading.n_points
    short = max(MIN_USEFUL_POINTS - have, 0)
    return Task(
        prompt=f"Using Improvement Methods asks for an annotated run chart of at least {MIN_USEFUL_POINTS} points. "
               "How many more points does this team's chart need?",
        answer=float(short), tolerance=0.0,
        explanation=f"{short}: the chart has {counted(have, 'point')}. "
                    + ("Enough for the credential's minimum; the signal note beside the chart says whether the "
                       "rules can read it (points on the median do not count)." if short == 0 else
                       f"Until it has {MIN_USEFUL_POINTS}, 'no signal' means 'not known yet': keep measuring on the "
                       "same schedule rather than stopping to judge."),
        where="section 3, the note under the run chart (points and annotations)",
        hint=f"Count the points with a value and subtract from {MIN_USEFUL_POINTS}; a chart with more needs none.",
        traps=traps_apart(float(short), 0.0, [
            (float(have), "that is the number of points the chart has"),
            (float(MIN_USEFUL_POINTS), "that is the minimum the credential asks for, not what is missing")]))


def _left_out(report: Report) -> Task | None:
    manifest = improvement.share_package(report).value
    if not isinstance(manifest, ShareManifest) or not manifest.items:
        return None
    out = [i for i in manifest.items if not i.included]
    answer = float(len(out))
    return Task(
        prompt=f"The share package lists {counted(len(manifest.items), 'file')}. How many stay out of the package?",
        answer=answer, tolerance=0.0,
        explanation=f"{len(out)}"
                    + (": " + joined([f"{i.name} ({i.reason})" for i in out]) + ". " if out else ". ")
                    + "Everything that leaves the school is checked against the team's student ids; the plan and "
                      "do notes of the PDSA tracker are dropped because they name colleagues. Files the check "
                      "cannot read (PDFs, photos) are left for a person to check.",
        where="section 4, the share package table (column 'Included')",
        hint="Count the rows whose 'Included' column reads no.",
        traps=traps_apart(answer, 0.0, [
            (float(manifest.n_included), "that is the number of files included"),
            (float(len(manifest.items)), "that is every file listed")]))


EXERCISES = (
    Exercise("33.1", NOTEBOOK, "The action's window", "an action between two survey administrations", _window,
             needs=("voice_plans",)),
    Exercise("33.2", NOTEBOOK, "Did the focus area move", "reading the student survey's change", _focus_change,
             needs=("voice_plans", "surveys", "survey_items")),
    Exercise("33.3", NOTEBOOK, "Enough points", "when a run chart can speak", _points_short, needs=("run_chart",)),
    Exercise("33.4", NOTEBOOK, "What stays home", "nothing that identifies a student leaves the school",
             _left_out, needs=("pdsa",)),
)
