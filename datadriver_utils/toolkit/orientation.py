"""What the orientation notebook (00) shows: the inquiry cycle, the notebooks, the team self-check.

The District Data Team Toolkit (Massachusetts ESE; shared/seeds 004) walks a team through the
Data-Driven Inquiry and Action Cycle in six modules -- Getting Ready, Inquiry, Information,
Knowledge, Action and Results -- and suggests a team self-assessment (0.2.1T) before starting,
so the team knows which of the five functions it already fulfils. Notebook 00 places every
notebook of this workbook on that cycle (:data:`NOTEBOOK_MAP`), shows the team's saved
self-assessment as a profile by function, and ends with a short self-check quiz on Module 1.

The vision notebook (01) lives in :mod:`datadriver_utils.toolkit.vision`, the change
notebook (05) in :mod:`datadriver_utils.toolkit.change`; the reading of saved answers is
shared in :mod:`datadriver_utils.workshop.sessions`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import ipywidgets as w
import pandas as pd
from IPython.display import HTML, display

from datadriver_utils.charts.profiles import profile_bar_figure
from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.ratings import describe_functions, function_profile, function_summary
from datadriver_utils.workshop.content import MODULE1_QUIZ, RATING_SCALE, TEAM_SELF_ASSESSMENT
from datadriver_utils.workshop.sessions import (
    latest_saved,
    live_rating_session,
    member_limit,
    show_saved,
    withheld,
)
from datadriver_utils.workshop.widgets import quiz

__all__ = [
    "CYCLE_STAGES", "NOTEBOOK_MAP", "SELF_ASSESSMENT_ACTIVITY", "NotebookEntry", "cycle_table",
    "notebook_map", "orientation_summary", "publish_orientation", "quiz_key", "self_check_quiz",
    "show_cycle", "show_function_profile", "show_notebook_map", "show_quiz_key",
    "show_team_self_assessment", "team_self_assessment_grid",
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
)
"""Every notebook, where it sits on the cycle, what it draws on, and the question it answers."""

_LABELS = {
    "notebook": "Notebook", "stage": "Stage of the cycle", "source": "Draws on",
    "question": "Question it answers", "what": "What happens", "notebooks": "Notebooks",
    "function": "Function", "mean": "Mean (1-4)", "min": "Lowest", "max": "Highest",
    "n_members": "Members who rated",
}


# -- the cycle and the notebooks --------------------------------------------------------------

def notebook_map() -> pd.DataFrame:
    """:data:`NOTEBOOK_MAP` as a table: ``notebook, stage, source, question``."""
    return pd.DataFrame([asdict(entry) for entry in NOTEBOOK_MAP])


def cycle_table() -> pd.DataFrame:
    """The six stages in order, what happens in each, and the notebooks that serve it."""
    books = notebook_map().groupby("stage")["notebook"].agg(", ".join)
    table = pd.DataFrame(CYCLE_STAGES, columns=["stage", "what"])
    return table.assign(notebooks=table["stage"].map(books).fillna(""))


def show_cycle(report: Report) -> None:
    """The inquiry cycle as a table of stages with the notebooks for each."""
    report.table(cycle_table(), caption="The inquiry cycle and the notebooks for each stage",
                 rename=_LABELS)


def show_notebook_map(report: Report) -> None:
    """Every notebook with its stage, source and question."""
    report.table(notebook_map(), caption="The notebooks of this workbook", rename=_LABELS)


# -- the team self-assessment ---------------------------------------------------------------

def show_function_profile(report: Report, ratings: pd.DataFrame) -> pd.DataFrame | None:
    """Chart and table of the self-assessment by function; withheld beyond the team if too few.

    Returns the profile, or ``None`` when it stays inside the team.
    """
    profile = function_profile(ratings)
    if withheld(report, int(profile["n_members"].max())):
        report.notice("The self-assessment profile stays inside the team: fewer members rated it "
                      f"than the district's minimum group size ({report.rules.min_group_size}).")
        return None
    display(profile_bar_figure(profile, "mean", "function", "How the team rates itself on the "
                               "five functions", scale=(1, 4)))
    columns = ["function", "mean", "min", "max", "n_members"]
    report.table(profile[columns].round(1), caption="Team self-assessment by function "
                 "(1 = not yet in place, 4 = fully in place)", rename=_LABELS)
    report.notice(describe_functions(profile))
    return profile


def show_team_self_assessment(report: Report) -> None:
    """The latest saved self-assessment as a profile, or how to capture it."""
    show_saved(report, SELF_ASSESSMENT_ACTIVITY, lambda r: show_function_profile(report, r))


def team_self_assessment_grid(report: Report) -> w.VBox:
    """Live: reload an earlier session, rate each statement per member, Save redraws."""
    return live_rating_session(report, SELF_ASSESSMENT_ACTIVITY, TEAM_SELF_ASSESSMENT, RATING_SCALE,
                               "orientation", lambda r: show_function_profile(report, r))


# -- the self-check quiz ----------------------------------------------------------------------

def quiz_key() -> pd.DataFrame:
    """Each quiz question with its right answer and why: ``number, question, answer, why``."""
    return pd.DataFrame([{"number": n, "question": q.question, "answer": q.options[q.correct],
                          "why": q.explanation} for n, q in enumerate(MODULE1_QUIZ, start=1)])


def show_quiz_key(report: Report) -> None:
    """The quiz as static text for a report: options, the right answer, the explanation."""
    blocks = []
    for n, question in enumerate(MODULE1_QUIZ, start=1):
        options = "".join(f"<li>{'<b>' if i == question.correct else ''}{escape_text(o)}"
                          f"{' ✓</b>' if i == question.correct else ''}</li>"
                          for i, o in enumerate(question.options))
        blocks.append(f"<p><b>{n}. {escape_text(question.question)}</b></p><ul>{options}</ul>"
                      f"<p><i>Why:</i> {escape_text(question.explanation)}</p>")
    display(HTML("".join(blocks)))


def self_check_quiz() -> w.VBox:
    """Live: the Module 1 quiz with a Check button and feedback per question (nothing saved)."""
    return quiz(MODULE1_QUIZ)


# -- summary.json -----------------------------------------------------------------------------

def orientation_summary(report: Report) -> dict[str, Any]:
    """``{"functions": [...] | None, "description": str | None}`` for the ``orientation`` section.

    Beyond the team, statistics of functions rated by fewer members than the district's
    minimum group size are ``null`` with ``"suppressed": true``.
    """
    ratings = latest_saved(report, SELF_ASSESSMENT_ACTIVITY)
    if not isinstance(ratings, pd.DataFrame):
        return {"functions": None, "description": None}
    profile = function_profile(ratings)
    functions = function_summary(profile, min_group_size=member_limit(report))["functions"]
    hidden = all(row["suppressed"] for row in functions)
    return {"functions": functions, "description": None if hidden else describe_functions(profile)}


def publish_orientation(report: Report) -> dict[str, Any]:
    """Write the ``orientation`` section of summary.json and return it."""
    summary = orientation_summary(report)
    report.publish(summary, "orientation")
    return summary
