"""Notebook 30: Student Learning Reflection Cycles in a teacher's own classroom.

Focusing on Student Learning (teacher-leadership micro-credentials, Teaching Matters;
shared/seeds 003): two whole cycles per teacher -- question, tool, data, considerations, next
steps -- and the rule for cycle 2 (same question after a classroom change when cycle 1 did not
satisfy, a new question when it did).  The figures come from :mod:`datadriver_utils.stats.slrc`,
the charts of what the tools collected from :mod:`datadriver_utils.charts.slrc`; the records are
``slrc_cycles.csv`` and the three tool tables, merged with what the live forms captured.

Privacy: each teacher's cycles (names, questions, results for one class) are for the team
audience; beyond it the views show counts and the summary no teacher rows.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
from pydantic import Field

from datadriver_utils.charts.slrc import cycle_change_figure
from datadriver_utils.core.quantities import Count, Difference, Label, Share, Summary
from datadriver_utils.leadership._shared import (
    answer_key,
    capture_note,
    counts_table,
    live_form,
    missing,
    read,
    self_check,
    tabulate,
    team_view,
    tool_charts,
    who,
    without_source,
)
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Result
from datadriver_utils.privacy.release import teacher_results_withheld
from datadriver_utils.stats import slrc
from datadriver_utils.workshop.forms import seat_map, tally_counter
from datadriver_utils.workshop.leadership_content import CYCLE_STEPS, CYCLES_QUIZ, QUESTION_CRITERIA
from datadriver_utils.workshop.store import ResponseStore

__all__ = [
    "CyclesSummary", "TeacherCycles", "answers", "change", "collection_tools", "cycle_form", "cycles", "protocol", "publish", "quiz",
    "rule", "scripting_form", "seating_chart", "summary", "tally_sheet", "tools",
]

_LABELS = {
    "teacher": "Teacher", "cycle": "Cycle", "visitor": "Data collected by", "question": "Student Learning Question",
    "tool": "Tool", "n_parts": "Parts (of 5)", "complete": "Complete", "missing": "Missing",
    "from_cycle": "From cycle", "to_cycle": "To cycle", "satisfied": "Satisfied after it", "same_question":
    "Same question", "verdict": "Rule for the next cycle", "reason": "Why", "first_cycle": "First cycle",
    "first_pct": "First result (%)", "latest_cycle": "Latest cycle", "latest_pct": "Latest result (%)",
    "change": "Change (points)", "improved": "Rose", "part": "Part", "what": "What it holds",
    "criterion": "Criterion", "meaning": "What it means", "category": "Category", "count": "Tallies",
    "pct": "% of tallies", "n_seats": "Seats mapped", "n_seen": "Seats seen", "pct_seen": "% of seats seen",
    "notes_teacher": "Teacher notes", "notes_student": "Student notes", "notes_group": "Group notes",
    "pct_student": "% from students",
}


class TeacherCycles(Summary):
    """One teacher's cycles (team audience only)."""

    teacher: Label = Field(description="the teacher, as named in team.yml")
    n_cycles: Count = Field(description="cycles recorded")
    n_complete: Count = Field(description="cycles with all five parts")
    rule: Label = Field(description="the move from cycle 1 to 2: follows the rule, breaks the rule, cannot tell yet "
                                    "(null: one cycle)")
    first_pct: Share = Field(description="result of the first cycle on the first question (% of students)")
    latest_pct: Share = Field(description="result of the latest cycle on that question")
    change: Difference = Field(description="latest minus first result, in points (null: fewer than two results)")


class CyclesSummary(Summary):
    """Student Learning Reflection Cycles and the rule for cycle 2 (notebook 30)."""

    section = "student_learning_cycles"
    n_teachers: Count = Field(description="teachers with at least one cycle")
    n_cycles: Count = Field(description="cycles recorded (file and live captures)")
    n_complete_cycles: Count = Field(description="cycles with question, tool, data, considerations and next steps")
    n_teachers_two_complete: Count = Field(description="teachers with at least two complete cycles")
    rule_followed: Count = Field(description="teachers whose cycle 2 follows the rule")
    rule_broken: Count = Field(description="teachers whose cycle 2 breaks the rule")
    rule_pending: Count = Field(description="teachers whose cycle 2 cannot be judged yet")
    n_teachers_improved: Count = Field(description="teachers whose latest result on the first question is higher")
    mean_change: Difference = Field(description="mean change over teachers with two results, in points (null "
                                                "beyond the team when fewer teachers than the minimum group size)")
    tool_cycles: dict[str, Count] = Field(description="cycles with tool data: tally, seating map, scripting")
    captures_left_out: Count = Field(description="live captures left out because they break the contract")
    teachers: list[TeacherCycles] | None = Field(description="each teacher (team audience only; null beyond it)")


def _cycles(report: Report, teacher: str = "") -> pd.DataFrame:
    frame = without_source(read(report, "slrc_cycles").frame)
    return frame[frame["teacher"] == teacher] if teacher else frame


def _tool_keys(report: Report) -> set[tuple[str, int]]:
    return slrc.tool_keys(*(read(report, k).frame for k in ("tallies", "seating_maps", "scripts")))


# -- the protocol ----------------------------------------------------------------------------------

def protocol(report: Report) -> Result:
    """The cycle's five parts in our words, and our own criteria for a Student Learning Question."""
    steps = pd.DataFrame(CYCLE_STEPS, columns=["part", "what"])
    criteria = pd.DataFrame(QUESTION_CRITERIA, columns=["criterion", "meaning"])
    return Result([tabulate(report, steps, caption="The five parts of a Student Learning Reflection Cycle",
                                   rename=_LABELS, name="parts"),
                   tabulate(report, criteria, caption="Our criteria for a Student Learning Question", rename=_LABELS,
                                   name="criteria")]).note(
        "These criteria are our own. The credential refers to a Student Learning Rubric, which this workbook "
        "does not have: use the rubric if your programme gives it to you.")


# -- the cycles ----------------------------------------------------------------------------------

def cycles(report: Report, teacher: str = "") -> Result:
    """Each cycle with its five parts checked; what is missing.  ``.frame`` is the check."""
    absent = missing(report, "slrc_cycles")
    if absent is not None:
        return absent
    table = slrc.cycle_completeness(_cycles(report, teacher), _tool_keys(report))
    result = Result(value=table).add(capture_note(read(report, "slrc_cycles")))
    if not team_view(report):
        return result.add(counts_table(report, {"teachers": table["teacher"].nunique(), "cycles": len(table),
                                                "complete cycles": int(table["complete"].sum())},
                                       "Student Learning Reflection Cycles", "cycles"))
    shown = table[["teacher", "cycle", "visitor", "question", "tool", "n_parts", "complete", "missing"]]
    result.add(tabulate(report, shown.assign(complete=shown["complete"].map({True: "yes", False: "no"})),
                               caption="Cycles and their five parts", rename=_LABELS, name="cycles"))
    for row in table[~table["complete"]].itertuples():
        result.note(f"{row.teacher}, cycle {row.cycle}: add {row.missing}.", "warning")
    done = table.groupby("teacher")["complete"].sum()
    ready = ", ".join(done[done >= 2].index) or "nobody yet"
    return result.note(f"Two complete cycles (the evidence Focusing on Student Learning asks for): {ready}.", "good")


def rule(report: Report, teacher: str = "") -> Result:
    """Every move from one cycle to the next, judged by the rule for cycle 2."""
    absent = missing(report, "slrc_cycles")
    if absent is not None:
        return absent
    judged = slrc.cycle_rule(_cycles(report, teacher))
    if judged.empty:
        return Result().note("No teacher has a second cycle yet: the rule applies once cycle 2 is planned.")
    if not team_view(report):
        counts = judged.drop_duplicates("teacher")["verdict"].value_counts().to_dict()
        return counts_table(report, {str(k): int(v) for k, v in counts.items()}, "The rule for cycle 2", "rule")
    shown = judged.assign(satisfied=judged["satisfied"].map({True: "yes", False: "no", None: "not said"}),
                          same_question=judged["same_question"].map({True: "yes", False: "no"}))
    result = Result([tabulate(report, shown, caption="The rule for the next cycle", rename=_LABELS, name="rule")],
                    value=judged)
    for row in judged[judged["verdict"] != slrc.RULE_FOLLOWED].itertuples():
        result.note(f"{row.teacher}, cycle {row.to_cycle}: {row.verdict} — {row.reason}.", "warning")
    return result


# -- what the tools collected -------------------------------------------------------------------

def tools(report: Report, teacher: str = "") -> Result:
    """Charts and tables of what the tally sheets, seating maps and scripts collected."""
    absent = missing(report, "tallies", "seating_maps", "scripts",
                     then="Or collect data with the live tally sheet or seating chart of this notebook.")
    if absent is not None:
        return absent
    if not team_view(report):
        keys = {k: len(read(report, k).frame[["teacher", "cycle"]].drop_duplicates())
                for k in ("tallies", "seating_maps", "scripts")}
        return counts_table(report, {"cycles with a tally sheet": keys["tallies"], "cycles with a seating map":
                                     keys["seating_maps"], "cycles with scripting notes": keys["scripts"]},
                            "What the tools collected", "tools")
    result = Result().add(capture_note(*(read(report, k) for k in ("tallies", "seating_maps", "scripts"))))
    result.add(tool_charts(report, lambda t, _c: not teacher or t == teacher))
    return result if result.parts else result.note(f"No tool data for {teacher} yet.")


def change(report: Report, teacher: str = "") -> Result:
    """First and latest result on each teacher's first question, as a table and a chart."""
    absent = missing(report, "slrc_cycles")
    if absent is not None:
        return absent
    changes = slrc.cycle_change(_cycles(report, teacher))
    known = changes[changes["change"].notna()]
    if not team_view(report):
        withheld = teacher_results_withheld(len(known), report.rules, report.audience)
        mean = "withheld (too few teachers)" if withheld or known.empty else f"{known['change'].mean():+.1f} points"
        return counts_table(report, {"teachers with two results": len(known),
                                     "teachers whose result rose": int((known["change"] > 0).sum())},
                            "Change in student learning", "change").note(f"Mean change: {mean}.")
    shown = changes.assign(improved=changes["improved"].map({True: "yes", False: "no", None: "—"}))
    result = Result([tabulate(report, shown, caption="Change on the same question", rename=_LABELS, name="change",
                                     decimals={"first_pct": 0, "latest_pct": 0, "change": 0}),
                     Chart(cycle_change_figure(changes), "First and latest result per teacher (% of students): "
                           + "; ".join(f"{r.teacher} {r.first_pct:.0f}% to {r.latest_pct:.0f}%" for r in known.itertuples())
                           + "." if len(known) else "No teacher has two results on one question yet, so no change "
                           "is drawn.", name="change chart")], value=changes)
    if len(known) < len(changes):
        result.note("Teachers without a result in two cycles on the same question are not compared: a new "
                    "question measures something else.")
    return result


# -- live ----------------------------------------------------------------------------------------

def cycle_form(report: Report, teacher: str = "") -> w.VBox:
    """Live: one cycle (all five parts, satisfied, changes); Save checks it and redraws the table."""
    return live_form(report, "slrc_cycles", fixed={"teacher": teacher} if teacher else None,
                     redraw=lambda _rows: cycles(report, teacher))


def tally_sheet(report: Report, teacher: str = "", cycle: int = 1,
                categories: tuple[str, ...] = ("shows the learning", "does not yet"), interval_minutes: int = 10
                ) -> w.VBox:
    """Live: a tally sheet for a lesson (``teacher`` defaults to the first member); Save writes the
    tallies and redraws the charts."""
    return tally_counter(ResponseStore(report.team.team_dir), who(report, teacher), cycle, list(categories),
                         interval_minutes=interval_minutes, on_saved=lambda _rows: tools(report, teacher),
                         session="tally sheet")


def seating_chart(report: Report, teacher: str = "", cycle: int = 1, seat_rows: int = 4, seat_columns: int = 5
                  ) -> w.VBox:
    """Live: a seating chart to click during the lesson; Save writes the map and redraws."""
    return seat_map(ResponseStore(report.team.team_dir), who(report, teacher), cycle, seat_rows=seat_rows,
                    seat_columns=seat_columns, on_saved=lambda _rows: tools(report, teacher), session="seating map")


def scripting_form(report: Report, teacher: str = "", cycle: int = 1) -> w.VBox:
    """Live: one scripted note at a time (minute, speaker, what was said); no names."""
    return live_form(report, "scripts", fixed={"teacher": who(report, teacher), "cycle": cycle},
                     columns=["minute", "speaker", "note"], session="scripting")


def collection_tools(report: Report, teacher: str = "", cycle: int = 1) -> w.Tab:
    """Live: the three data collection tools for one lesson, one tab each (tally sheet, seating
    chart, scripting notes); each saves on its own."""
    tabs = w.Tab(children=[tally_sheet(report, teacher, cycle), seating_chart(report, teacher, cycle),
                           scripting_form(report, teacher, cycle)])
    for index, title in enumerate(("Tally sheet", "Seating chart", "Scripting notes")):
        tabs.set_title(index, title)
    return tabs


def quiz() -> w.VBox:
    """Live: the self-check on the cycle and its rule (nothing saved)."""
    return self_check(CYCLES_QUIZ)


def answers(report: Report) -> Result:
    """The self-check with the right answers and the reasons."""
    return answer_key(CYCLES_QUIZ)


# -- summary.json ----------------------------------------------------------------------------------

def _teacher_rows(table: pd.DataFrame, judged: pd.DataFrame, changes: pd.DataFrame) -> list[dict[str, object]]:
    first_move = judged.drop_duplicates("teacher").set_index("teacher")["verdict"]
    by_teacher = changes.set_index("teacher")
    return [{"teacher": t, "n_cycles": int(len(part)), "n_complete": int(part["complete"].sum()),
             "rule": first_move.get(t), "first_pct": by_teacher.at[t, "first_pct"],
             "latest_pct": by_teacher.at[t, "latest_pct"], "change": by_teacher.at[t, "change"]}
            for t, part in table.groupby("teacher", sort=True)]


def summary(report: Report) -> CyclesSummary:
    """The ``student_learning_cycles`` section (read fresh: a live form may have just saved)."""
    records = read(report, "slrc_cycles")
    frame = without_source(records.frame)
    tools_read = {k: read(report, k) for k in ("tallies", "seating_maps", "scripts")}
    left_out = len(records.problems) + sum(len(r.problems) for r in tools_read.values())
    tool_cycles = {name: int(len(tools_read[k].frame[["teacher", "cycle"]].drop_duplicates()))
                   for name, k in (("tally", "tallies"), ("seating map", "seating_maps"), ("scripting", "scripts"))}
    table = slrc.cycle_completeness(frame, _tool_keys(report))
    judged, changes = slrc.cycle_rule(frame), slrc.cycle_change(frame)
    verdicts = judged.drop_duplicates("teacher")["verdict"]
    known = changes[changes["change"].notna()]
    withheld = teacher_results_withheld(len(known), report.rules, report.audience)
    per_teacher = table.groupby("teacher")["complete"].sum() if len(table) else pd.Series(dtype=int)
    return CyclesSummary.model_validate({
        "n_teachers": int(table["teacher"].nunique()), "n_cycles": int(len(table)),
        "n_complete_cycles": int(table["complete"].sum()), "n_teachers_two_complete": int((per_teacher >= 2).sum()),
        "rule_followed": int((verdicts == slrc.RULE_FOLLOWED).sum()),
        "rule_broken": int((verdicts == slrc.RULE_BREAKS).sum()),
        "rule_pending": int((verdicts == slrc.RULE_PENDING).sum()),
        "n_teachers_improved": int((known["change"] > 0).sum()),
        "mean_change": None if known.empty or withheld else float(known["change"].mean()),
        "tool_cycles": tool_cycles, "captures_left_out": left_out,
        "teachers": _teacher_rows(table, judged, changes) if team_view(report) else None,
    })


def publish(report: Report) -> CyclesSummary:
    """Write the ``student_learning_cycles`` section of summary.json and return it."""
    found = summary(report)
    report.publish(found)
    return found
