"""Notebook 33: improving learning in one's own classroom, and sharing what worked.

From the "Advancing Powerful Student Learning in My Classroom" micro-credentials (teacher
leadership, Teaching Matters; shared/seeds 003):

* **Listening to Student Voice** -- the focus area read from the first survey's results, the
  action plan (what, which students, a timeline that must sit between the first results and
  the second administration) and the reflection on the second (``voice_plans.csv`` with the
  ``student_voice`` rows of ``surveys.csv``);
* **Looking at Student Work** -- a discussion presented and one facilitated, each with its
  protocol's name, reflections and next steps (``student_work.csv``);
* **Understanding Improvement** and **Using Improvement Methods** -- two complete PDSA tests
  and the annotated run chart (``pdsa.csv``, ``run_chart.csv``, as in notebook 14);
* **Sharing Improvement Strategies** -- the share package, exported as one folder with no
  student identifiers (:mod:`datadriver_utils.batch.share_package`).

Statistics: :mod:`datadriver_utils.stats.improvement`, :mod:`datadriver_utils.stats.runchart`.
Plans, discussions and reflections are the team's; beyond it the views show counts.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pandas as pd
from pydantic import ConfigDict, Field

from datadriver_utils.batch.share_package import ShareManifest, export_share_package, share_manifest
from datadriver_utils.charts.slrc import voice_timeline_figure
from datadriver_utils.core.quantities import Count, Difference, Flag, Label, Share, Summary
from datadriver_utils.errors import DataProblemsError
from datadriver_utils.leadership._shared import (
    action_button,
    answer_key,
    capture_note,
    captures_fingerprint,
    counts_table,
    live_form,
    missing,
    read,
    self_check,
    tabulate,
    team_view,
    without_source,
)
from datadriver_utils.notebook.needs import MissingData
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Result
from datadriver_utils.stats import improvement
from datadriver_utils.stats.runchart import MIN_USEFUL_POINTS
from datadriver_utils.stats.survey_scoring import score_responses
from datadriver_utils.stats.surveys import construct_change, construct_scores, min_respondents_for
from datadriver_utils.strands import researcher
from datadriver_utils.workshop.leadership_content import CLASSROOM_QUIZ

__all__ = [
    "ImprovementSummary", "VoicePlanBrief", "answers", "export_form", "pdsa", "publish", "quiz", "run_chart",
    "share_package", "student_voice", "student_work", "student_work_form", "summary", "voice_plan_form",
]

_LABELS = {"teacher": "Teacher", "construct": "Focus area", "action": "Action", "students": "Which students",
           "start": "Start", "end": "End", "results_received": "First results", "second_administration":
           "Second administration", "in_window": "Between the two", "problem": "What to change",
           "first_administration": "First", "first_pct_favourable": "First % favourable",
           "latest_administration": "Second", "latest_pct_favourable": "Second % favourable",
           "pct_favourable_change": "Change (points)", "status": "Status", "role": "Role", "date": "Date",
           "protocol": "Protocol", "complete": "Complete", "missing": "Missing", "cycle": "Cycle",
           "question": "Question", "change_idea": "Change idea", "file": "File", "kind": "Kind", "from": "From",
           "included": "In the package", "reason": "Why not", "guiding_question": "Guiding question",
           "student_work": "Student work", "reflection": "Reflection", "next_steps": "Next steps"}


class VoicePlanBrief(Summary):
    """One student-voice action plan (team audience only)."""

    model_config = ConfigDict(validate_by_alias=True, validate_by_name=True, serialize_by_alias=True)

    teacher: Label = Field(description="the teacher")
    construct_name: Label = Field(alias="construct", description="the focus area (a construct of the survey)")
    in_window: Flag = Field(description="the timeline falls between the first results and the second administration")
    first_pct_favourable: Share = Field(description="the focus area's % favourable at the first administration")
    latest_pct_favourable: Share = Field(description="... at the second administration")
    change: Difference = Field(description="second minus first, in points (null: not reportable)")
    reflection_written: Flag = Field(description="a reflection on the second administration is written")


class ImprovementSummary(Summary):
    """Student voice plans, Looking at Student Work, PDSA tests, run chart and share package (notebook 33)."""

    section = "classroom_improvement"
    n_plans: Count = Field(description="student-voice action plans")
    n_plans_in_window: Count = Field(description="plans whose timeline falls between the two administrations")
    plans: list[VoicePlanBrief] | None = Field(description="each plan (team audience only)")
    n_presenting: Count = Field(description="Looking at Student Work discussions presented")
    n_facilitating: Count = Field(description="discussions facilitated")
    n_pdsa_tests: Count = Field(description="PDSA cycles in pdsa.csv")
    n_complete_tests: Count = Field(description="PDSA cycles with question, prediction, measure and results")
    run_chart_points: Count = Field(description="run-chart points with a value (15 asked)")
    run_chart_annotated: Flag = Field(description="the run chart has at least one annotation")
    share_files: Count = Field(description="files and links the share package would hold")
    share_left_out: Count = Field(description="files the share package leaves out (identifiers, unreadable)")


# -- Listening to Student Voice ---------------------------------------------------------------------

def _plans(report: Report, teacher: str) -> pd.DataFrame:
    plans = without_source(read(report, "voice_plans").frame)
    return plans[plans["teacher"] == teacher] if teacher else plans


def _survey_changes(report: Report, surveys: list[str]) -> pd.DataFrame | None:
    if not (report.team.has("surveys") and report.team.has("survey_items")):
        return None
    responses = report.team.table("surveys")
    responses = responses[responses["survey"].isin(surveys)]
    if responses.empty:
        return None
    minimums = {s: min_respondents_for(s, report.rules.min_group_size) for s in surveys}
    scored = score_responses(responses, report.team.table("survey_items"))
    return construct_change(construct_scores(scored, minimums))


def student_voice(report: Report, teacher: str = "") -> Result:
    """Each action plan: focus area with its first and second results, the timeline checked."""
    absent = missing(report, "voice_plans", then="Or write the plan in the live form below.")
    if absent is not None:
        return absent
    plans = _plans(report, teacher)
    timeline = improvement.voice_timeline(plans)
    result = Result(value=timeline).add(capture_note(read(report, "voice_plans")))
    if not team_view(report):
        return result.add(counts_table(report, {"action plans": len(timeline), "timelines between the two "
                                                "administrations": int(timeline["in_window"].sum())},
                                       "Listening to student voice", "voice"))
    try:
        changes = _survey_changes(report, sorted(set(plans["survey"])))
    except DataProblemsError as error:
        changes = None
        result.note(f"The survey cannot be read: {error}", "warning")
    if changes is not None:
        focus = improvement.focus_results(plans, changes)
        columns = ["teacher", "construct", "first_administration", "first_pct_favourable", "latest_administration",
                   "latest_pct_favourable", "pct_favourable_change", "status"]
        result.add(tabulate(report, focus[columns].round(1), caption="The focus area in the first and the second "
                                   "administration", rename=_LABELS, name="focus"))
    else:
        result.add(MissingData(["surveys", "survey_items"], "The plan's results come from the student_voice survey."))
    shown = timeline.assign(**{c: timeline[c].dt.strftime("%Y-%m-%d") for c in
                               ("results_received", "start", "end", "second_administration")},
                            in_window=timeline["in_window"].map({True: "yes", False: "no"}))
    result.add(tabulate(report, shown[["teacher", "construct", "action", "students", "results_received", "start",
                                      "end", "second_administration", "in_window", "problem"]],
                               caption="Action plans and their timelines", rename=_LABELS, name="plans"),
               Chart(voice_timeline_figure(timeline), "Each plan's action from start to end between the first "
                     "results and the second administration: " + "; ".join(
                         f"{r.teacher} ({r.construct}): action {r.start} to {r.end}, "
                         f"{'inside' if r.in_window == 'yes' else 'outside'} the window from {r.results_received} "
                         f"to {r.second_administration}" for r in shown.itertuples()) + ".",
                     name="timeline"))
    for row in timeline[~timeline["in_window"]].itertuples():
        result.note(f"{row.teacher}: {row.problem}. The action must start after the first results arrive and end "
                    "before students answer again, or the second survey cannot show what it did.", "warning")
    for row in plans[plans["reflection"].isna()].itertuples():
        result.note(f"{row.teacher}: no reflection on the second administration yet.")
    return result


# -- Looking at Student Work -------------------------------------------------------------------------

def student_work(report: Report, teacher: str = "") -> Result:
    """Discussions presented and facilitated: protocol, guiding question, reflections, next steps."""
    absent = missing(report, "student_work", then="Or record a discussion in the live form below.")
    if absent is not None:
        return absent
    records = without_source(read(report, "student_work").frame)
    records = records[records["teacher"] == teacher] if teacher else records
    roles = improvement.student_work_roles(records, teacher or None)
    result = Result(value=roles).add(capture_note(read(report, "student_work")))
    if not team_view(report):
        return result.add(counts_table(report, {"discussions presented": int((records["role"] == "presenting").sum()),
                                                "discussions facilitated": int((records["role"] == "facilitating")
                                                                               .sum())},
                                       "Looking at student work", "student work"))
    shown = roles.assign(complete=roles["complete"].map({True: "yes", False: "no"}))
    result.add(tabulate(report, shown, caption="Both roles, latest discussion each", rename=_LABELS, name="roles"))
    detail = records.sort_values(["teacher", "date"]).assign(date=records["date"].dt.strftime("%Y-%m-%d"))
    result.add(tabulate(report, detail[["teacher", "role", "date", "protocol", "guiding_question", "student_work",
                                       "reflection", "next_steps"]], caption="The discussions", rename=_LABELS,
                               name="discussions"))
    return result.note("The workbook records the name of the protocol each group used; it does not supply a "
                       "Looking at Student Work protocol of its own.")


# -- PDSA tests and run chart ------------------------------------------------------------------------

def pdsa(report: Report) -> Result:
    """The PDSA cycles as tests: question, prediction, measure and results present or not."""
    if not report.team.has("pdsa"):
        return MissingData(["pdsa"], "Understanding Improvement asks for two complete PDSA tests.")
    tests = improvement.pdsa_tests(report.team.table("pdsa"))
    shown = tests[["cycle", "question", "change_idea", "complete", "missing"]]
    result = Result([tabulate(report, shown.assign(complete=shown["complete"].map({True: "yes", False: "no"})),
                                     caption="PDSA tests", rename=_LABELS, name="tests")], value=tests)
    n = int(tests["complete"].sum())
    return result.note(f"{n} complete test(s); the credential asks for two.", "good" if n >= 2 else "warning")


def run_chart(report: Report) -> Result:
    """The annotated run chart exactly as notebook 14 reads it, and whether it has the 15 points asked for."""
    if not report.team.has("run_chart"):
        return MissingData(["run_chart"], "Using Improvement Methods asks for an annotated run chart of 15 points.")
    chart = report.team.table("run_chart")
    points = int(chart["value"].notna().sum())
    notes = int(chart["annotation"].notna().sum()) if "annotation" in chart else 0
    result = researcher.run_chart(report)
    enough = points >= MIN_USEFUL_POINTS and notes > 0
    return result.note(f"{points} points and {notes} annotation(s): the credential asks for at least "
                       f"{MIN_USEFUL_POINTS} points with the changes annotated.", "good" if enough else "warning")


# -- the share package ----------------------------------------------------------------------------------

def _manifest(report: Report, teacher: str = "") -> ShareManifest:
    key = ("share_manifest", teacher, captures_fingerprint(report))
    return report.memo(key, lambda: share_manifest(report.team, teacher or None))


def share_package(report: Report, teacher: str = "") -> Result:
    """What the share package would hold and what it leaves out (nothing is written here)."""
    manifest = _manifest(report, teacher)
    if manifest.n_included == 0:
        return MissingData(["pdsa", "run_chart", "artifacts"], "The share package holds the PDSA tracker, the run "
                           "chart and the artifacts listed for sharing_improvement_strategies.")
    if not team_view(report):
        return counts_table(report, {"files and links in the package": manifest.n_included,
                                     "files left out": manifest.n_excluded}, "The share package", "share")
    frame = manifest.frame.assign(included=manifest.frame["included"].map({True: "yes", False: "no"}))
    result = Result([tabulate(report, frame, caption="The share package", rename=_LABELS, name="package")],
                    value=manifest)
    if manifest.n_excluded:
        result.note(f"{manifest.n_excluded} item(s) stay out of the package; the reason is beside each.", "warning")
    return result.note("Export the folder with the live button below or `datadriver portfolio --out`; every file "
                       "in it is checked against the team's student ids.")


# -- live ----------------------------------------------------------------------------------------

def voice_plan_form(report: Report, teacher: str = "") -> w.VBox:
    """Live: the focus area, action, students and timeline; Save checks dates and redraws."""
    fixed: dict[str, object] = {"survey": "student_voice"}
    if teacher:
        fixed["teacher"] = teacher
    return live_form(report, "voice_plans", fixed=fixed, redraw=lambda _rows: student_voice(report, teacher),
                     session="student voice plan")


def student_work_form(report: Report, teacher: str = "") -> w.VBox:
    """Live: one Looking at Student Work discussion (role, protocol, guiding question, reflections)."""
    return live_form(report, "student_work", fixed={"teacher": teacher} if teacher else None,
                     redraw=lambda _rows: student_work(report, teacher), session="looking at student work")


def export_form(report: Report, out_dir: str = "../exports", teacher: str = "") -> w.VBox:
    """Live: export the share package into ``out_dir/<team_id>/share-package``."""
    def export() -> str:
        folder = export_share_package(report.team, Path(out_dir) / report.team.team_id, teacher or None)
        return f"Exported to {folder}."

    return action_button("Export the share package", "download", "export", "Not exported:", export)


def quiz() -> w.VBox:
    """Live: the self-check on student voice, student work, PDSA and sharing (nothing saved)."""
    return self_check(CLASSROOM_QUIZ)


def answers(report: Report) -> Result:
    """The self-check with the right answers and the reasons."""
    return answer_key(CLASSROOM_QUIZ)


# -- summary.json ----------------------------------------------------------------------------------

def _plan_briefs(report: Report, plans: pd.DataFrame, timeline: pd.DataFrame) -> list[dict[str, object]]:
    try:
        changes = _survey_changes(report, sorted(set(plans["survey"])))
    except DataProblemsError:
        changes = None
    focus = improvement.focus_results(plans, changes) if changes is not None else None
    briefs = []
    for i, row in enumerate(timeline.itertuples()):
        read_row = focus.iloc[i] if focus is not None else None
        briefs.append({"teacher": row.teacher, "construct": row.construct, "in_window": bool(row.in_window),
                       "first_pct_favourable": None if read_row is None else read_row["first_pct_favourable"],
                       "latest_pct_favourable": None if read_row is None else read_row["latest_pct_favourable"],
                       "change": None if read_row is None else read_row["pct_favourable_change"],
                       "reflection_written": bool(pd.notna(row.reflection))})
    return briefs


def summary(report: Report) -> ImprovementSummary:
    """The ``classroom_improvement`` section (read fresh)."""
    plans = _plans(report, "")
    timeline = improvement.voice_timeline(plans)
    records = read(report, "student_work").frame
    tests = improvement.pdsa_tests(report.team.table("pdsa")) if report.team.has("pdsa") else None
    chart = report.team.table("run_chart") if report.team.has("run_chart") else None
    manifest = _manifest(report)
    return ImprovementSummary.model_validate({
        "n_plans": int(len(timeline)), "n_plans_in_window": int(timeline["in_window"].sum()),
        "plans": _plan_briefs(report, plans, timeline) if team_view(report) else None,
        "n_presenting": int((records["role"] == "presenting").sum()),
        "n_facilitating": int((records["role"] == "facilitating").sum()),
        "n_pdsa_tests": None if tests is None else int(len(tests)),
        "n_complete_tests": None if tests is None else int(tests["complete"].sum()),
        "run_chart_points": None if chart is None else int(chart["value"].notna().sum()),
        "run_chart_annotated": None if chart is None else bool(chart.get("annotation", pd.Series()).notna().any()),
        "share_files": manifest.n_included, "share_left_out": manifest.n_excluded,
    })


def publish(report: Report) -> ImprovementSummary:
    """Write the ``classroom_improvement`` section of summary.json and return it."""
    found = summary(report)
    report.publish(found)
    return found
