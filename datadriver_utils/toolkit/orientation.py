"""What the orientation notebook (00) shows: the inquiry cycle, the notebooks, the team self-check.

The District Data Team Toolkit (Massachusetts ESE; shared/seeds 004) walks a team through the
Data-Driven Inquiry and Action Cycle in six modules -- Getting Ready, Inquiry, Information,
Knowledge, Action and Results -- and suggests a team self-assessment (0.2.1T) before starting,
so the team knows which of the five functions it already fulfils. Notebook 00 places every
notebook of this workbook on that cycle (:data:`NOTEBOOK_MAP`), shows the team's saved
self-assessment as a profile by function, and ends with a short self-check quiz on Module 1.
Every view returns a :class:`~datadriver_utils.notebook.results.Result`; the live widgets
return their widget box.

The vision notebook (01) lives in :mod:`datadriver_utils.toolkit.vision`, the change
notebook (05) in :mod:`datadriver_utils.toolkit.change`; the reading of saved answers is
shared in :mod:`datadriver_utils.workshop.sessions`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import ipywidgets as w
import pandas as pd
from pydantic import Field

from datadriver_utils.charts.profiles import profile_bar_figure
from datadriver_utils.core.quantities import Summary, Text
from datadriver_utils.notebook.html import render
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Fragment, Result
from datadriver_utils.privacy.release import member_limit, profile_withheld, staff_minimum_note
from datadriver_utils.stats.ratings import describe_functions, function_profile, function_summary
from datadriver_utils.toolkit.alt_text import profile_alt
from datadriver_utils.toolkit.records import RatedFunction
from datadriver_utils.workshop.content import MODULE1_QUIZ, RATING_SCALE, TEAM_SELF_ASSESSMENT
from datadriver_utils.workshop.live import redrawn_on_save
from datadriver_utils.workshop.sessions import latest_saved, live_rating_session, saved_view
from datadriver_utils.workshop.widgets import quiz

__all__ = [
    "CYCLE_STAGES", "NOTEBOOK_MAP", "SELF_ASSESSMENT_ACTIVITY", "NotebookEntry", "OrientationSummary", "cycle",
    "cycle_table", "function_profile_view", "notebook_map", "notebooks", "publish", "quiz_answers", "quiz_key",
    "self_check_quiz", "summary", "team_self_assessment", "team_self_assessment_grid",
]

SELF_ASSESSMENT_ACTIVITY = "team_self_assessment"
"""The folder under ``responses/`` where the team self-assessment is saved."""

CYCLE_STAGES: tuple[tuple[str, str], ...] = (
    ("Getting ready", "Set the vision, form the team, take stock of the data, plan for change."),
    ("Inquiry", "Agree on a focusing question the data can answer."),
    ("Information", "Gather and organise the data that bear on the question."),
    ("Knowledge", "Make sense of the data: patterns, causes, what is surprising."),
    ("Action", "Choose a change, plan it, and carry it out."),
    ("Results", "Check whether the change worked, and start the next turn of the cycle."),
)
"""The six stages of the toolkit's inquiry cycle, each in one sentence of our own."""


@dataclass(frozen=True)
class NotebookEntry:
    """One notebook of the workbook: its file, its stage of the cycle, its source and question."""

    notebook: str
    stage: str
    source: str
    question: str


NOTEBOOK_MAP: tuple[NotebookEntry, ...] = (
    NotebookEntry("00_orientation", "Getting ready", "Toolkit Module 1: team self-assessment",
                  "Which functions does our team already fulfil, and how do these sessions run?"),
    NotebookEntry("01_vision", "Getting ready", "Toolkit Module 1: functions, barriers, vision, "
                  "meetings (1.1-1.4)", "Why do we use data, what is in the way, and who does what?"),
    NotebookEntry("02_inventory", "Getting ready", "Toolkit Module 1: data inventory (1.5)",
                  "What data do we hold in each of the four domains, and what is missing?"),
    NotebookEntry("03_collection", "Getting ready", "Toolkit Module 1: data collection (1.6)",
                  "Are our data complete, accurate and on time?"),
    NotebookEntry("04_dissemination", "Getting ready", "Toolkit Module 1: dissemination (1.7)",
                  "Who receives which data, when, and in how much detail?"),
    NotebookEntry("05_change", "Getting ready", "Toolkit Module 1: managing change (1.9)",
                  "What worries colleagues, are our change actions on track, has trust grown?"),
    NotebookEntry("06_assessment_literacy", "Getting ready", "Toolkit Module 1: assessment literacy (1.8)",
                  "What do the terms in our reports mean on our data, and who needs which training?"),
    NotebookEntry("11_assessor", "Information", "Data Driver strand: Assessor",
                  "Can we trust our common assessment, item by item?"),
    NotebookEntry("12_data_analyst", "Knowledge", "Data Driver strand: Data Analyst",
                  "Where exactly are our students, by standard, group and student?"),
    NotebookEntry("13_goal_setter", "Inquiry", "Data Driver strand: Goal Setter",
                  "Is our student learning goal reachable and checkable?"),
    NotebookEntry("14_researcher", "Action", "Data Driver strand: Researcher",
                  "What did we try, and did our process measure really move?"),
    NotebookEntry("15_surveys", "Results", "Data Driver strand: surveys",
                  "How do students and colleagues experience the work, before and after?"),
    NotebookEntry("20_data_driver_snapshot", "Results", "Data Driver capstone",
                  "Did our students grow toward the goal, and how much?"),
    NotebookEntry("21_leadership_moves", "Action", "Leaders modelling data use (practitioner article)",
                  "Which micro-change followed a benchmark pattern, and what do walkthroughs, students and feedback say?"),
    # teacher leadership (shared/seeds 003) and the credential portfolio
    NotebookEntry("30_student_learning_cycles", "Inquiry", "Teacher leadership: Focusing on Student Learning",
                  "What did we want to see in our students, what did we see, and what comes next?"),
    NotebookEntry("31_peer_classrooms", "Information", "Teacher leadership: peers' classrooms",
                  "Can we craft questions with peers, collect their data and facilitate their reflection?"),
    NotebookEntry("32_scaling", "Results", "Teacher leadership: scaling in the school",
                  "Did the cycle spread to twelve colleagues, raise learning and change our culture?"),
    NotebookEntry("33_classroom_improvement", "Action", "Teacher leadership: my classroom",
                  "Did we act on student voice and student work, test changes, and share what worked?"),
    NotebookEntry("40_credential_portfolio", "Results", "Data Driver and teacher-leadership credentials",
                  "Which evidence do we hold for each credential, and what is still missing?"),
)
"""Every notebook, where it sits on the cycle, what it draws on, and the question it answers."""

_LABELS = {
    "notebook": "Notebook", "stage": "Stage of the cycle", "source": "Draws on",
    "question": "Question it answers", "what": "What happens", "notebooks": "Notebooks",
    "function": "Function", "mean": "Mean (1-4)", "min": "Lowest", "max": "Highest",
    "n_members": "Members who rated",
}




class OrientationSummary(Summary):
    """The team's self-assessment of the five functions before it starts (notebook 00)."""

    section = "orientation"
    functions: list[RatedFunction] | None = Field(description="the latest self-assessment (null: none saved)")
    description: Text = Field(description="the profile in a sentence (null when none saved or all withheld)")


# -- the cycle and the notebooks --------------------------------------------------------------

def notebook_map() -> pd.DataFrame:
    """:data:`NOTEBOOK_MAP` as a table: ``notebook, stage, source, question``."""
    return pd.DataFrame([asdict(entry) for entry in NOTEBOOK_MAP])


def cycle_table() -> pd.DataFrame:
    """The six stages in order, what happens in each, and the notebooks that serve it."""
    rows = [(stage, what, ", ".join(e.notebook for e in NOTEBOOK_MAP if e.stage == stage))
            for stage, what in CYCLE_STAGES]
    return pd.DataFrame(rows, columns=["stage", "what", "notebooks"])


def cycle(report: Report) -> Result:
    """The inquiry cycle as a table of stages with the notebooks for each."""
    return Result([report.tabulate(cycle_table(), caption="The inquiry cycle and the notebooks for each stage",
                                   rename=_LABELS, name="cycle")])


def notebooks(report: Report) -> Result:
    """Every notebook with its stage, source and question."""
    return Result([report.tabulate(notebook_map(), caption="The notebooks of this workbook", rename=_LABELS,
                                   name="notebooks")])


# -- the team self-assessment ---------------------------------------------------------------

def function_profile_view(report: Report, ratings: pd.DataFrame) -> Result:
    """Chart and table of the self-assessment by function; withheld beyond the team if too few.

    ``.value`` is the profile, or ``None`` when it stays inside the team.
    """
    profile = function_profile(ratings)
    if profile_withheld(int(profile["n_members"].max()), report.rules, report.audience):
        return Result().note(staff_minimum_note(report.rules))
    chart = Chart(profile_bar_figure(profile, "mean", "function", "How the team rates itself on the five functions",
                                     scale=(1, 4)),
                  profile_alt(profile, "mean", "function", "the team's mean self-rating per function"),
                  name="function profile")
    columns = ["function", "mean", "min", "max", "n_members"]
    table = report.tabulate(profile[columns].round(1), caption="Team self-assessment by function "
                            "(1 = not yet in place, 4 = fully in place)", rename=_LABELS, name="functions")
    return Result([chart, table], value=profile).note(describe_functions(profile))


@redrawn_on_save(SELF_ASSESSMENT_ACTIVITY)
def team_self_assessment(report: Report) -> Result:
    """The latest saved self-assessment as a profile, or how to capture it (read fresh each
    time: a live session may have just saved)."""
    return saved_view(report, SELF_ASSESSMENT_ACTIVITY, lambda ratings: function_profile_view(report, ratings))


def team_self_assessment_grid(report: Report) -> w.VBox:
    """Live: reload an earlier session, rate each statement per member, Save redraws."""
    return live_rating_session(report, SELF_ASSESSMENT_ACTIVITY, TEAM_SELF_ASSESSMENT, RATING_SCALE,
                               "orientation", lambda ratings: function_profile_view(report, ratings))


# -- the self-check quiz ----------------------------------------------------------------------

def quiz_key() -> pd.DataFrame:
    """Each quiz question with its right answer and why: ``number, question, answer, why``."""
    return pd.DataFrame([{"number": n, "question": q.question, "answer": q.options[q.correct],
                          "why": q.explanation} for n, q in enumerate(MODULE1_QUIZ, start=1)])


def quiz_answers(report: Report) -> Result:
    """The quiz as static text for a report: options, the right answer, the explanation."""
    markup = render("quiz_key", questions=list(MODULE1_QUIZ))
    return Result([Fragment(markup, label=f"quiz key ({len(MODULE1_QUIZ)} questions)")], value=quiz_key())


def self_check_quiz() -> w.VBox:
    """Live: the Module 1 quiz with a Check button and feedback per question (nothing saved)."""
    return quiz(MODULE1_QUIZ)


# -- summary.json -----------------------------------------------------------------------------

def summary(report: Report) -> OrientationSummary:
    """The ``orientation`` section.

    Beyond the team, statistics of functions rated by fewer members than the district's
    staff minimum are ``null`` with ``"suppressed": true``.
    """
    ratings = latest_saved(report, SELF_ASSESSMENT_ACTIVITY)
    if not isinstance(ratings, pd.DataFrame):
        return OrientationSummary(functions=None, description=None)
    profile = function_profile(ratings)
    functions = function_summary(profile, min_group_size=member_limit(report.rules, report.audience))["functions"]
    hidden = all(row["suppressed"] for row in functions)
    return OrientationSummary.model_validate(
        {"functions": functions, "description": None if hidden else describe_functions(profile)})


def publish(report: Report) -> OrientationSummary:
    """Write the ``orientation`` section of summary.json and return it."""
    found = summary(report)
    report.publish(found)
    return found
