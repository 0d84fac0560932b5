"""Exercises for 20_data_driver_snapshot: read pre/post gains the way a credential reviewer does."""

from __future__ import annotations

import pandas as pd

from datadriver_utils.contract.config import PROGRESS_RATINGS
from datadriver_utils.notebook.report import Report
from datadriver_utils.strands import snapshot
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import points

NOTEBOOK = "20_data_driver_snapshot"
_NEEDS = ("students", "assessments")
_EFFECT_WORDS = (
    (0.8, "large (0.8 or more)"),
    (0.5, "medium (0.5 to 0.79)"),
    (0.2, "small (0.2 to 0.49)"),
    (float("-inf"), "negligible (below 0.2)"),
)
_SMALL = _EFFECT_WORDS[2][0]


def _grades(report: Report) -> pd.DataFrame | None:
    frame = snapshot.grade_table(report).frame
    if frame is None or frame.empty or frame["n_matched"].fillna(0).sum() == 0:
        return None
    return frame.dropna(subset=["gain_pct_points"])


def _largest_grade(frame: pd.DataFrame) -> pd.Series:
    return frame.loc[frame["n_matched"].idxmax()]


def _gain(report: Report) -> Task | None:
    frame = _grades(report)
    if frame is None or frame.empty:
        return None
    row = _largest_grade(frame)
    gain = round(float(row["gain_pct_points"]), 1)
    return Task(
        prompt=f"Grade {row['grade']}: by how many percentage points did the mean percent correct of matched students "
               "change from the pre to the post assessment? (Use a minus sign for a fall.)",
        answer=gain, unit=" points", tolerance=0.15,
        explanation=f"{row['pre_mean_pct']:.1f}% → {row['post_mean_pct']:.1f}%, {points(gain)} for the "
                    f"{int(row['n_matched'])} students with both scores. Only matched students count, so a student "
                    "who joined after the pre test cannot pass for growth.",
        where="the grade table of the snapshot (columns 'Pre mean', 'Post mean', 'Gain')",
        hint="Subtract the pre mean from the post mean in the grade's row; both are already for matched students.",
        traps=((-gain, "the sign is reversed: the gain is post minus pre"),) if gain else ())


def _missing_post(report: Report) -> Task | None:
    frame = _grades(report)
    if frame is None:
        return None
    n_pre, n_post, n_matched = (int(frame[c].sum()) for c in ("n_pre", "n_post", "n_matched"))
    missing = n_pre - n_matched
    traps = []
    if n_pre - n_post != missing:
        traps.append((float(n_pre - n_post), "that is pre takers minus post takers; some post takers had no pre "
                      "score, so it undercounts who is missing"))
    return Task(
        prompt="How many students have a pre score but no post score (and so are left out of every gain)?",
        answer=float(missing), tolerance=0.0,
        explanation=f"{n_pre} took the pre test, {n_post} the post, {n_matched} both: {missing} have a pre score only. "
                    "Before trusting the gains, ask who they are: if they were mostly the lowest scorers, the "
                    "gains look better than the cohort's.",
        where="the note on matched students under the tables",
        hint="Take the students with a pre score and remove those with both scores (n pre − n matched).",
        traps=tuple(traps))


def _effect(report: Report) -> Task | None:
    frame = _grades(report)
    if frame is None:
        return None
    row = _largest_grade(frame)
    size = row["effect_size"]
    if pd.isna(size):
        return None
    answer = next(label for floor, label in _EFFECT_WORDS if round(float(size), 2) >= floor)
    return Task(
        prompt=f"Grade {row['grade']}'s paired effect size is {float(size):.2f}. How would you describe it?",
        answer=answer, kind="choice", options=tuple(label for _, label in _EFFECT_WORDS),
        explanation=f"d_z = mean gain ÷ standard deviation of the gains = {float(size):.2f}: {answer}. It says how "
                    "consistently students grew, not how much; a small gain that nearly every student made can "
                    "have a larger d_z than a big gain made by a few.",
        where="the grade table, column 'Effect size, all standards'",
        hint="Rough reading: 0.2 small, 0.5 medium, 0.8 large.")


def _rating(report: Report) -> Task | None:
    found = snapshot.summary(report)
    suggested = getattr(found, "suggested_progress_rating", None)
    goal = getattr(found, "goal", None)
    if suggested is None or goal is None:
        return None
    return Task(
        prompt="Which of the credential's four progress ratings does the data suggest for the team's goal?",
        answer=str(suggested), kind="choice", options=PROGRESS_RATINGS,
        explanation=f"On the goal's standards, {goal.pre_pct_proficient:.1f}% → {goal.post_pct_proficient:.1f}% "
                    f"proficient against a target of {goal.target_pct_proficient:g}%: '{suggested}'. The rating "
                    "compares the share of the gap to the target that was closed (docs/analysis.md); the team may "
                    "override it in team.yml, and the report shows both.",
        where="the snapshot's overview and the goal's pre → post figures",
        hint="Work out (post − pre) ÷ (target − pre): 0.5 or more is good progress, 0.2 or more some progress.")


def _flattest(report: Report) -> Task | None:
    frame = snapshot.standard_table(report).frame
    if frame is None or frame.empty or frame["n_matched"].fillna(0).sum() == 0:
        return None
    grade = _largest_grade(frame.groupby("grade", as_index=False)["n_matched"].max())["grade"]
    part = frame[frame["grade"] == grade].dropna(subset=["gain_pct_points"])
    ranked = part.sort_values("gain_pct_points", kind="stable")
    if len(ranked) < 2 or ranked.iloc[0]["gain_pct_points"] == ranked.iloc[1]["gain_pct_points"]:
        return None
    row = ranked.iloc[0]
    answer = str(row["standard"])
    lowest = part.loc[part["post_mean_pct"].idxmin()]
    traps = [(str(r["standard"]), f"{r['standard']} "
              + (f"is the lowest now ({r['post_mean_pct']:.1f}%), but it " if r["standard"] == lowest["standard"] else "")
              + f"gained {points(r['gain_pct_points'])}") for _, r in part.iterrows() if str(r["standard"]) != answer]
    return Task(
        prompt=f"Grade {grade}: on which standard did matched students gain least from pre to post?",
        answer=answer, kind="choice", options=tuple(part["standard"].astype(str)),
        explanation=f"{answer}: {row['pre_mean_pct']:.1f}% → {row['post_mean_pct']:.1f}%, {points(row['gain_pct_points'])} "
                    f"for {int(row['n_matched'])} matched students (effect size {row['effect_size']:.2f}"
                    + (f", below {_SMALL:g}: flat)" if abs(row["effect_size"]) < _SMALL else ")")
                    + ". The standard that gained least is the first question for the next cycle: was it taught in "
                      "this window, and did the team's change reach it? The lowest post mean is a different question: "
                      "where students are, not what moved.",
        where="Part 2, item 3: the standard table (column 'Gain (points)') and the chart by standard",
        hint="Compare 'Gain (points)' across the grade's standards, not the post means.",
        traps=tuple(traps))


EXERCISES = (
    Exercise("20.1", NOTEBOOK, "Gain of matched students", "pre/post gains on matched students",
             _gain, needs=_NEEDS),
    Exercise("20.2", NOTEBOOK, "Who is not in the gains", "matched students and who is missing",
             _missing_post, needs=_NEEDS),
    Exercise("20.3", NOTEBOOK, "How consistent was the growth", "reading a paired effect size",
             _effect, needs=_NEEDS),
    Exercise("20.4", NOTEBOOK, "The progress rating", "the credential's four-level rating from the data",
             _rating, needs=_NEEDS),
    Exercise("20.5", NOTEBOOK, "The standard that gained least", "gains by standard, not post means", _flattest,
             needs=_NEEDS),
)
