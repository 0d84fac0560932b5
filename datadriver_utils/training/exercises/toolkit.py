"""Exercises for Module 1 (notebooks 00-05): read the team's self-ratings, inventory, files and plans.

Every answer is read from the result the notebook shows (a saved rating profile, the
inventory summary, the data-quality audit, the dissemination schedule, the change tracker)
on the team's data, and ``None`` is returned where the team's folder gives nothing to read.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from datadriver_utils.notebook.report import Report
from datadriver_utils.toolkit import change, collection, dissemination, inventory, orientation, vision
from datadriver_utils.training.exercise import Exercise, Task
from datadriver_utils.training.exercises.choices import options_with

__all__ = ["EXERCISES"]


def _table(result: Any, name: str) -> pd.DataFrame | None:
    table = getattr(result, "tables", {}).get(name)
    return table if isinstance(table, pd.DataFrame) and not table.empty else None


def _n(value: int | None) -> float:
    """A count from a typed summary (``None`` reads as 0)."""
    return float(value or 0)


def _names(values: list[str] | list[str | None]) -> str:
    return ", ".join(str(v) for v in values if v) or "none"


def _single(frame: pd.DataFrame, column: str, label: str, *, lowest: bool) -> tuple[pd.Series, str] | None:
    """The one row with the lowest (or highest) ``column``; ``None`` on a tie."""
    ranked = frame.dropna(subset=[column]).sort_values(column, ascending=lowest)
    if ranked.empty or (len(ranked) > 1 and ranked.iloc[0][column] == ranked.iloc[1][column]):
        return None
    return ranked.iloc[0], str(ranked.iloc[0][label])


# -- 00 orientation -----------------------------------------------------------------------------

def _weakest_function(report: Report) -> Task | None:
    table = _table(orientation.team_self_assessment(report), "functions")
    found = None if table is None else _single(table, "mean", "function", lowest=True)
    if found is None:
        return None
    row, answer = found
    assert table is not None
    strongest = table.loc[table["mean"].idxmax()]
    return Task(
        prompt="In the team's self-assessment, which of the five functions did members rate weakest on average?",
        answer=answer, kind="choice", options=tuple(table["function"]),  # type: ignore[index]
        explanation=f"{answer}: mean {row['mean']:.1f} of 4 (ratings from {int(row['min'])} to {int(row['max'])}). "
                    f"The strongest is {strongest['function']} ({strongest['mean']:.1f}). The weakest function is where "
                    "the team's first working sessions can help most.",
        where="section 3, the self-assessment profile by function",
        hint="Read the bar chart or the 'mean' column; the shortest bar is the answer.",
        traps=((str(strongest["function"]), "that is the function rated strongest, not weakest"),))


def _widest_spread(report: Report) -> Task | None:
    table = _table(orientation.team_self_assessment(report), "functions")
    if table is None:
        return None
    table = table.assign(spread=table["max"] - table["min"])
    found = _single(table, "spread", "function", lowest=False)
    if found is None:
        return None
    row, answer = found
    return Task(
        prompt="On which function do members disagree most (the widest gap between the lowest and highest rating)?",
        answer=answer, kind="choice", options=tuple(table["function"]),
        explanation=f"{answer}: ratings from {int(row['min'])} to {int(row['max'])} (mean {row['mean']:.1f}). "
                    "A wide spread is a conversation, not an average: ask the highest and lowest raters what each sees.",
        where="section 3, the self-assessment table (columns 'min' and 'max')",
        hint="Subtract each function's lowest rating from its highest and take the largest difference.")


def _functions_below(report: Report) -> Task | None:
    table = _table(orientation.team_self_assessment(report), "functions")
    if table is None:
        return None
    below = table[table["mean"].round(1) < 2.5]
    return Task(
        prompt="On a 1-4 scale, how many of the five functions does the team rate below 2.5 on average?",
        answer=float(len(below)), tolerance=0.0,
        explanation=f"{len(below)}: {', '.join(below['function']) or 'none'}. Below the middle of the scale means most "
                    "members see the function as not yet in place: a candidate for the team's first working sessions.",
        where="section 3, the self-assessment profile by function",
        hint="Count the bars (or 'mean' values) under 2.5.")


# -- 01 vision ------------------------------------------------------------------------------------

def _top_barrier(report: Report) -> Task | None:
    top = _table(vision.barriers(report), "top")
    found = None if top is None else _single(top, "mean", "barrier", lowest=False)
    if found is None:
        return None
    row, answer = found
    return Task(
        prompt="Which barrier to data use did the team rate as weighing most?",
        answer=answer, kind="choice", options=options_with(answer, top["barrier"]),  # type: ignore[index]
        explanation=f"{answer} ({row['category']}, {row['mean']:.1f} of 4, rated by {int(row['n_members'])}). Before "
                    "proposing a fix, ask what the team would see if it were gone: a barrier is often a symptom.",
        where="section 2, the top barriers table and the barrier chart",
        hint="The top-barriers table ranks them; rank 1 is the answer.")


def _barrier_category(report: Report) -> Task | None:
    categories = _table(vision.barriers(report), "categories")
    found = None if categories is None else _single(categories, "mean", "category", lowest=False)
    if found is None:
        return None
    row, answer = found
    return Task(
        prompt="Taken together, which kind of barrier weighs most for this team: cultural, technical or political?",
        answer=answer, kind="choice", options=("cultural", "political", "technical"),
        explanation=f"The {answer} barriers average {row['mean']:.1f} of 4 ({int(row['n'])} ratings). The kind "
                    "matters for the remedy: technical barriers call for tools and time, cultural ones for norms "
                    "and trust, political ones for how data are used by those in charge.",
        where="section 2, the barrier categories table",
        hint="Compare the mean of each category, not the single highest barrier.")


def _weakest_hallmark(report: Report) -> Task | None:
    rubric = _table(vision.vision_rubric(report), "rubric")
    found = None if rubric is None else _single(rubric, "mean", "hallmark", lowest=True)
    if found is None:
        return None
    row, answer = found
    return Task(
        prompt="Against the hallmarks of a clear vision for data use, where did the team rate itself weakest?",
        answer=answer, kind="choice", options=tuple(rubric["hallmark"]),  # type: ignore[index]
        explanation=f"{answer}: {row['mean']:.1f} of 4. The vision draft should say how the team will change that.",
        where="section 3, the vision rubric",
        hint="Read the 'mean' column of the rubric table for the lowest value.")


# -- 02 inventory ---------------------------------------------------------------------------------

def _unused(report: Report) -> Task | None:
    found = inventory.summary(report)
    if not isinstance(found, inventory.InventorySummary):
        return None
    n = len(found.unused_elements)
    return Task(
        prompt="How many data elements does the inventory list with no use written down?",
        answer=float(n), tolerance=0.0,
        explanation=f"{n}: {_names(found.unused_elements)}. For each, the team decides to use it (name "
                    "the meeting where it will be read) or stop collecting it.",
        where="section 3, elements collected but not used",
        hint="Count the rows of the 'not used' table (an empty table means none).")


def _redundant(report: Report) -> Task | None:
    found = inventory.summary(report)
    if not isinstance(found, inventory.InventorySummary):
        return None
    names = [str(g.element) for g in found.redundant_groups]
    rows = int(sum(_n(g.n_listed) for g in found.redundant_groups))
    return Task(
        prompt="How many data elements look collected more than once (redundant collections)?",
        answer=float(len(names)), tolerance=0.0,
        explanation=f"{len(names)}: {', '.join(names) or 'none'}. For each, agree which copy is the one of record.",
        where="section 3, redundant collections",
        hint="Count the groups in the redundant-collections table, not its rows: each group is one element.",
        traps=((float(rows), "that counts the rows; each group of rows is one element collected twice"),)
        if rows != len(names) else ())


def _intersections(report: Report) -> Task | None:
    found = inventory.summary(report)
    if not isinstance(found, inventory.InventorySummary) or not found.n_intersections:
        return None
    n, total = int(_n(found.n_analysable_intersections)), int(_n(found.n_intersections))
    missing = _names(found.missing_domains)
    return Task(
        prompt=f"Of the {total} places where two or more of Bernhardt's domains meet, how many can the team analyse "
               "with the data it holds?",
        answer=float(n), tolerance=0.0,
        explanation=f"{n} of {total}. Domains with no element ({missing}) close off every intersection that needs them; "
                    "perceptions × student outcomes, for example, needs both a survey and an assessment.",
        where="section 4, the domain intersections table",
        hint="Count the intersections marked as possible; an intersection needs every domain it names.")


# -- 03 collection --------------------------------------------------------------------------------

def _weakest_practice(report: Report) -> Task | None:
    table = _table(collection.self_assessment(report), "self-assessment")
    found = None if table is None else _single(table, "mean", "statement", lowest=True)
    if found is None:
        return None
    row, answer = found
    return Task(
        prompt="Which collection practice did the team rate lowest?",
        answer=answer, kind="choice", options=options_with(answer, table["statement"]),  # type: ignore[index]
        explanation=f"\"{answer}\": {row['mean']:.1f} of 4. Set it beside the audit: does the file show the same "
                    "weakness?",
        where="section 1, the self-assessment table",
        hint="Find the lowest value in the 'mean' column.")


def _lowest_score_file(report: Report) -> Task | None:
    scores = _table(collection.quality_scores(report), "scores")
    found = None if scores is None else _single(scores, "score", "file", lowest=True)
    if found is None:
        return None
    row, answer = found
    return Task(
        prompt="Which of the team's files has the lowest overall data-quality score in the audit?",
        answer=answer, kind="choice", options=options_with(answer, scores["file"]),  # type: ignore[index]
        explanation=f"{answer}: {row['score']:.1f} with {int(row['n_flagged_rows'])} flagged row(s). The score "
                    "averages the dimensions the audit could judge for that file; blanks count only where a value "
                    "is expected.",
        where="section 2, the quality scores by file",
        hint="Read the 'score' column of the quality table.")


def _blank_cells(report: Report) -> Task | None:
    blanks = _table(collection.column_completeness(report), "blanks")
    if blanks is None:
        return None
    blanks = blanks.assign(n_blank=blanks["n_expected"] - blanks["n_filled"])
    found = _single(blanks, "n_blank", "column", lowest=False)
    if found is None:
        return None
    row, _ = found
    n = int(row["n_blank"])
    return Task(
        prompt=f"How many cells of '{row['column']}' in {row['file']} are blank where a value is expected?",
        answer=float(n), tolerance=0.0,
        explanation=f"{int(row['n_expected'])} expected, {int(row['n_filled'])} filled: {n} blank "
                    f"({row['completeness_pct']:.1f}% complete). Ask the person who enters it why before proposing a fix.",
        where="section 3, column completeness",
        hint="Subtract 'filled' from 'expected' in that column's row.",
        traps=((float(row["completeness_pct"]), "that is the percent complete, not the number of blank cells"),))


# -- 04 dissemination ----------------------------------------------------------------------------

def _violations(report: Report) -> Task | None:
    found = dissemination.summary(report)
    if not isinstance(found, dissemination.DisseminationSummary):
        return None
    n = len(found.violations)
    return Task(
        prompt="How many rows of the schedule send student-level data to an audience that should receive aggregates?",
        answer=float(n), tolerance=0.0,
        explanation=f"{n}: " + ("; ".join(f"row {v.row}, {v.element} to {v.audience}" for v in found.violations)
                                or "none") + ". The fix is usually an aggregate, or each family only its own child.",
        where="section 3, the audience matrix (⚠ cells) and the violations table",
        hint="Count the ⚠ cells, or the rows of the violations table.",
        traps=((_n(found.n_student_level_rows), "that counts every student-level release, including the ones "
                "to staff who work with those students"),) if found.n_student_level_rows != n else ())


def _busiest_month(report: Report) -> Task | None:
    found = dissemination.summary(report)
    if not isinstance(found, dissemination.DisseminationSummary) or not found.releases_per_month:
        return None
    counts = pd.Series(found.releases_per_month).rename_axis("month").reset_index(name="n")
    single = _single(counts, "n", "month", lowest=False)
    if single is None:
        return None
    row, answer = single
    return Task(
        prompt="In which month (YYYY-MM) does the schedule send out the most releases?",
        answer=answer, kind="choice", options=options_with(answer, counts.sort_values("n")["month"]),
        explanation=f"{answer}, with {int(row['n'])} releases. Reports landing together compete for attention: "
                    "could one move?",
        where="section 2, the release calendar",
        hint="Count the markers per month on the calendar.")


def _releases(report: Report) -> Task | None:
    found = dissemination.summary(report)
    if not isinstance(found, dissemination.DisseminationSummary):
        return None
    return Task(
        prompt="Counting repeats (a monthly report is 10 releases a year), how many releases does the schedule "
               "send over the school year?",
        answer=_n(found.n_releases), tolerance=0.0,
        explanation=f"{found.n_releases} releases from {found.n_rows} rows of the schedule: cadence turns one row "
                    "into several releases.",
        where="section 1, the overview sentence, and the calendar",
        hint="The overview sentence gives the total; the calendar shows each release.",
        traps=((_n(found.n_rows), "that is the number of rows in the schedule, before cadence repeats them"),)
        if found.n_rows != found.n_releases else ())


# -- 05 change ------------------------------------------------------------------------------------

def _peak_stage(report: Report) -> Task | None:
    stages = _table(change.concerns(report), "stages")
    found = None if stages is None else _single(stages, "score", "stage_name", lowest=False)
    if found is None:
        return None
    row, answer = found
    return Task(
        prompt="At which stage of concern does the team's profile peak?",
        answer=answer, kind="choice", options=tuple(stages["stage_name"]),  # type: ignore[index]
        explanation=f"Stage {int(row['stage'])}, {answer} ({row['score']:.1f} of 7). Early stages call for "
                    "information and listening; later ones for evidence of effect and shared work.",
        where="section 1, the stages-of-concern profile",
        hint="Find the highest point of the profile.")


def _overdue(report: Report) -> Task | None:
    found = change.summary(report)
    actions = getattr(found, "actions", None)
    if actions is None or not actions.n_actions:
        return None
    n = len(actions.overdue)
    return Task(
        prompt=f"As of {actions.as_of}, how many change actions are overdue (past their due date and not done)?",
        answer=float(n), tolerance=0.0,
        explanation=f"{n} of {actions.n_actions}: "
                    + ("; ".join(f"{o.action} (due {o.due})" for o in actions.overdue) or "none")
                    + f". Overdue is judged as of {actions.as_of}, the report's as-of date printed in its header "
                      "(the as_of parameter, else the day it runs): the same tracker read a month later has more "
                      "overdue actions.",
        where="section 2, the change actions tracker (column 'flag')",
        hint=f"Count the actions whose due date is before {actions.as_of} and whose status is not done.")


def _culture_rise(report: Report) -> Task | None:
    changes = _table(change.culture_survey(report), "change")
    found = None if changes is None else _single(changes, "pct_favourable_change", "construct", lowest=False)
    if found is None:
        return None
    row, answer = found
    return Task(
        prompt="Between the first and the latest culture survey, which construct's favourable share rose most?",
        answer=answer, kind="choice", options=tuple(changes["construct"]),  # type: ignore[index]
        explanation=f"{answer}: {row['first_pct_favourable']:.1f}% → {row['latest_pct_favourable']:.1f}% favourable "
                    f"({row['pct_favourable_change']:+.1f} points). Check that about the same people answered both "
                    "times before crediting the work.",
        where="section 3, the culture survey change table",
        hint="Compare the change column, in percentage points.")


EXERCISES = (
    Exercise("00.1", "00_orientation", "The weakest function", "reading a self-assessment profile",
             _weakest_function),
    Exercise("00.2", "00_orientation", "Where members disagree", "spread, not only the mean", _widest_spread),
    Exercise("00.3", "00_orientation", "Functions not yet in place", "reading a profile against its scale",
             _functions_below),
    Exercise("01.1", "01_vision", "The heaviest barrier", "ranking barriers to data use", _top_barrier),
    Exercise("01.2", "01_vision", "Which kind of barrier", "cultural, technical and political barriers",
             _barrier_category),
    Exercise("01.3", "01_vision", "The weakest hallmark", "the vision rubric", _weakest_hallmark),
    Exercise("02.1", "02_inventory", "Collected, never used", "use it or stop collecting it", _unused,
             needs=("inventory",)),
    Exercise("02.2", "02_inventory", "Collected twice", "redundant collections and the copy of record",
             _redundant, needs=("inventory",)),
    Exercise("02.3", "02_inventory", "Questions the data allow", "where Bernhardt's domains meet", _intersections,
             needs=("inventory",)),
    Exercise("03.1", "03_collection", "The practice rated lowest", "the collection self-assessment",
             _weakest_practice),
    Exercise("03.2", "03_collection", "The weakest file", "the data-quality audit", _lowest_score_file,
             needs=("students",)),
    Exercise("03.3", "03_collection", "Blank cells", "completeness where a value is expected", _blank_cells,
             needs=("students",)),
    Exercise("04.1", "04_dissemination", "Names to the wrong audience", "access levels by audience", _violations,
             needs=("dissemination",)),
    Exercise("04.2", "04_dissemination", "The busiest month", "the release calendar", _busiest_month,
             needs=("dissemination",)),
    Exercise("04.3", "04_dissemination", "Releases in a year", "cadence turns rows into releases", _releases,
             needs=("dissemination",)),
    Exercise("05.1", "05_change", "Where concerns peak", "stages of concern", _peak_stage),
    Exercise("05.2", "05_change", "What is overdue", "judging actions at a stated date", _overdue),
    Exercise("05.3", "05_change", "What moved in six months", "reading a repeated culture survey", _culture_rise,
             needs=("surveys", "survey_items")),
)
