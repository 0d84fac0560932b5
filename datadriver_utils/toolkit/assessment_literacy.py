"""The assessment-literacy notebook (06): the glossary on the team's own data, a self-check, the catalog.

Activity 1.8 of the District Data Team Toolkit (Massachusetts ESE, Module 1; shared/seeds 004)
pairs an assessment glossary with a data-literacy training catalog.  Three views follow it:

* **the glossary** (:data:`~datadriver_utils.workshop.glossary.GLOSSARY`): every assessment
  term the workbook's reports use, in plain words, with the misreading to avoid and an example
  computed from the team's own files (:mod:`datadriver_utils.stats.glossary`) -- or the file
  that would give one;
* **the self-check** (:data:`~datadriver_utils.workshop.glossary.LITERACY_QUIZ`), whose
  explanations teach the rule each question checks;
* **the training catalog** (``trainings.csv`` joined with rows added in a session): who needs
  which training, by when, and whether it is done, judged as of the report's ``as_of`` date
  (the notebook parameter, ``datadriver run --as-of``, else the day it runs;
  :mod:`datadriver_utils.stats.trainings`), printed beside the judgement.

Privacy: people are named in the team view only; beyond it the catalog is counted per
training.  Examples beyond the team rest on at least the district's minimum group size, name no
counts of students, and code shares for the public as every other table does.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
import pandas as pd
from pydantic import Field

from datadriver_utils.charts.literacy import training_status_figure
from datadriver_utils.contract.captured import FILE_SOURCE
from datadriver_utils.contract.schemas import TRAININGS
from datadriver_utils.core.quantities import Count, Day, Flag, Label, Percent, Summary, Text
from datadriver_utils.notebook.html import render
from datadriver_utils.notebook.needs import MissingData
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Fragment, Result
from datadriver_utils.privacy.release import names_members, released_share, smallest_group
from datadriver_utils.stats.glossary import ExampleOptions, GlossaryData, WorkedExample, worked_examples
from datadriver_utils.stats.trainings import (
    STATUSES,
    catalog_as_of,
    overdue_trainings,
    people_overview,
    terms_without_training,
    training_overview,
    training_status,
)
from datadriver_utils.strands.analyst import team_cut
from datadriver_utils.workshop.entries import entry_log, fill_entries, joined_record
from datadriver_utils.workshop.glossary import GLOSSARY, LITERACY_QUIZ
from datadriver_utils.workshop.live import redrawn_on_save
from datadriver_utils.workshop.sessions import member_names, resumable
from datadriver_utils.workshop.store import ResponseStore
from datadriver_utils.workshop.widgets import quiz

__all__ = [
    "AssessmentLiteracySummary", "TRAINING_ACTIVITY", "catalog", "glossary", "publish", "self_check",
    "self_check_answers", "summary", "training_catalog", "training_entry",
]

TRAINING_ACTIVITY = "training_catalog"
"""Where rows added to the catalog in a session are saved (``responses/training_catalog``)."""
_SESSION = "assessment literacy workshop"
_LABELS = {"term": "Term", "plain": "In plain words", "watch_out": "Watch out", "example": "In our data",
           "used_in": "Notebooks", "person": "Person", "role": "Role", "training": "Training", "topic": "Covers",
           "due": "Due", "completed_on": "Completed", "status": "Status", "days_overdue": "Days overdue",
           "source": "From", "n": "People", "pct_done": "% done",
           **{f"n_{s.replace(' ', '_')}": s.capitalize() for s in STATUSES}}


# -- summary models ------------------------------------------------------------------------------

class GlossaryEntry(Summary):
    """One glossary term and whether the team's files gave it an example."""

    term_id: Label = Field(description="the term's id")
    term: Label = Field(description="the term")
    has_example: Flag = Field(description="an example was computed from the team's own files")
    needs: Text = Field(description="what would give an example (null when there is one)")


class TrainingRecord(Summary):
    """One training of the catalog: how many people need it and where they stand."""

    training: Label = Field(description="the training's name")
    n: Count = Field(description="people who need it")
    n_done: Count = Field(description="people who completed it")
    n_due_soon: Count = Field(description="not done, due within 30 days of the as-of date")
    n_open: Count = Field(description="not done, due later")
    n_overdue: Count = Field(description="not done, due before the as-of date")
    n_no_due_date: Count = Field(description="not done and no due date")
    pct_done: Percent = Field(description="completed ÷ people who need it × 100 (a share of assignments)")


class OverdueTraining(Summary):
    """A training past its due date and not done, as it may leave the team."""

    training: Label = Field(description="the training")
    due: Day = Field(description="when it was due")
    days_overdue: Count = Field(description="days between the due date and the as-of date")


class OverdueTrainingWithPerson(OverdueTraining):
    """:class:`OverdueTraining` with the person (team audience only)."""

    person: Label = Field(description="who still needs it")


class TrainingCatalogSummary(Summary):
    """The catalog judged as of one date (never the wall clock)."""

    as_of: Day = Field(description="the date overdue is judged at (null: no date known)")
    basis: Text = Field(description="where the as-of date comes from")
    n_rows: Count = Field(description="person × training rows (file and session together)")
    n_people: Count = Field(description="people in the catalog")
    n_added_in_session: Count = Field(description="rows added or updated in a live session")
    by_status: dict[str, Count] = Field(description="status (done, due soon, open, overdue, no due date) -> rows")
    by_training: list[TrainingRecord] = Field(description="each training, in the catalog's order")
    terms_without_training: list[Label] = Field(description="ids of glossary terms no training's topic covers")
    overdue: list[OverdueTrainingWithPerson | OverdueTraining] = Field(description="overdue rows, most overdue first")


class AssessmentLiteracySummary(Summary):
    """The glossary's coverage by the team's data, the training catalog and the self-check (notebook 06)."""

    section = "assessment_literacy"
    n_terms: Count = Field(description="terms in the glossary")
    n_with_example: Count = Field(description="terms the team's files gave an example for, for this audience")
    terms: list[GlossaryEntry] = Field(description="every term, in the glossary's order")
    trainings: TrainingCatalogSummary | None = Field(description="the training catalog (null: none yet)")
    self_check_questions: Count = Field(description="questions in the self-check")


# -- the glossary ------------------------------------------------------------------------------

def _share_text(report: Report) -> Callable[[float], str]:
    def show(value: float) -> str:
        coded = released_share(value, report.rules, report.audience)
        return coded if isinstance(coded, str) else f"{coded:.1f}%"
    return show


def _examples(report: Report) -> dict[str, WorkedExample]:
    team = report.team
    data = GlossaryData(team.tables.get("assessments"), team.tables.get("students"), team_cut(report),
                        report.config.windows, report.rules.min_group_size)
    options = ExampleOptions(smallest_group(report.rules, report.audience), report.for_team, _share_text(report))
    return report.memo(("literacy.examples",), lambda: worked_examples(data, [t.id for t in GLOSSARY], options))


def glossary(report: Report) -> Result:
    """Every term with its plain meaning, the misreading to avoid, and the team's own example.
    ``.frame`` is the glossary table; ``.value`` maps term ids to their worked examples."""
    examples = _examples(report)
    rows = [{"term": t.term, "plain": t.plain, "watch_out": t.watch_out,
             "example": examples[t.id].text or f"Needs {examples[t.id].needs}.", "used_in": t.used_in}
            for t in GLOSSARY]
    table = report.tabulate(pd.DataFrame(rows), caption="The assessment terms of this workbook", rename=_LABELS,
                            name="glossary")
    result = Result([table], value=examples)
    missing = [t.term for t in GLOSSARY if not examples[t.id].has_example]
    have = len(GLOSSARY) - len(missing)
    result.note(f"{have} of {len(GLOSSARY)} terms have an example from the team's own data."
                + (" The others say which file or column would give one." if missing else ""),
                "good" if not missing else "info", items=missing)
    return result


# -- the training catalog ----------------------------------------------------------------------

def _catalog(report: Report, as_of: str | None) -> tuple[pd.DataFrame | None, pd.Timestamp, str, list[str]]:
    file_rows = report.team.tables.get("trainings")
    joined, problems = joined_record(file_rows, report.team.team_dir, TRAINING_ACTIVITY, TRAININGS,
                                     key=("person", "training"))
    day, basis = catalog_as_of(as_of, report.as_of)
    return (None if joined is None else training_status(joined, day)), day, basis, problems


def catalog(report: Report, as_of: str | None = None) -> pd.DataFrame | None:
    """The judged catalog (file and session rows, ``status`` and ``days_overdue`` per row), or
    ``None`` when there is none yet. Team-level data: it names people."""
    return _catalog(report, as_of)[0]


def _catalog_view(report: Report, as_of: str | None) -> Result:
    judged, day, basis, problems = _catalog(report, as_of)
    if judged is None:
        return MissingData(["trainings"], then="Or add the first rows live with the form below.")
    overview = training_overview(judged)
    result = Result(value=judged)
    label = f"{day:%Y-%m-%d}"
    if names_members(report.audience):
        rows = judged.assign(source=judged["_source"], due=judged["due"].dt.strftime("%Y-%m-%d"),
                             completed_on=judged["completed_on"].dt.strftime("%Y-%m-%d"),
                             days_overdue=judged["days_overdue"].astype(object).fillna(""))
        rows = rows.reindex(columns=["person", "role", "training", "due", "completed_on", "status", "days_overdue",
                                     "source"]).fillna("")
        rows["source"] = rows["source"].replace({FILE_SOURCE: TRAININGS.file})
        result.add(report.tabulate(rows, caption=f"Who needs which training (as of {label})", rename=_LABELS, name="catalog"),
                   report.tabulate(people_overview(judged).round(1), caption="By person",
                                   rename={**_LABELS, "n": "Trainings"}, name="people"))
    result.add(report.tabulate(overview.round(1), caption=f"By training (overdue as of {label})", rename=_LABELS, name="trainings"),
               Chart(training_status_figure(overview, label), _catalog_alt(overview, label), name="catalog"))
    late = int((judged["status"] == "overdue").sum())
    result.note(f"Overdue as of {label} ({basis}): {late} training(s) past their due date and not done.",
                "warning" if late else "good")
    uncovered = _uncovered(judged)
    if uncovered:
        result.note("Glossary terms no training in the catalog covers (its topic column):", items=uncovered)
    if problems:
        result.note("Some rows added in a session could not be read as the contract expects:", "warning",
                    items=problems)
    if not names_members(report.audience):
        result.note("People are named in the team view only.")
    return result


def _uncovered(judged: pd.DataFrame) -> list[str]:
    names = {t.id: t.term for t in GLOSSARY}
    return [names[i] for i in terms_without_training(judged, [(t.id, t.term) for t in GLOSSARY])]


def _catalog_alt(overview: pd.DataFrame, label: str) -> str:
    parts = "; ".join(f"{row['training']}: {row['n']} people, {row['n_done']} done, {row['n_overdue']} overdue"
                      for row in overview.to_dict("records"))
    return f"Stacked bars, one per training, of people by status as of {label}: {parts}."


@redrawn_on_save(TRAINING_ACTIVITY)
def training_catalog(report: Report, as_of: str | None = None) -> Result:
    """The catalog (people for the team only), by training, its chart, and what is overdue as of
    ``as_of`` (ISO date; default: the report's as-of date). Read fresh: a session may have just saved."""
    return _catalog_view(report, as_of or None)


def training_entry(report: Report, as_of: str | None = None) -> w.VBox:
    """Live: add catalog rows (a new need, or a training marked done); Save redraws the catalog."""
    file_rows = report.team.tables.get("trainings")
    trainings = [] if file_rows is None else list(dict.fromkeys(file_rows["training"].astype(str)))
    store = ResponseStore(report.team.team_dir)
    form = entry_log(store, TRAINING_ACTIVITY, TRAININGS, columns=["person", "role", "training", "topic", "due",
                                                                   "completed_on"],
                     choices={"person": member_names(report), "training": trainings}, session=_SESSION,
                     on_saved=lambda _rows: _catalog_view(report, as_of or None))
    return resumable(report, TRAINING_ACTIVITY, form, fill_entries)


# -- the self-check ----------------------------------------------------------------------------

def self_check() -> w.VBox:
    """Live: the assessment-literacy quiz with feedback that explains each rule (nothing saved)."""
    return quiz(LITERACY_QUIZ)


def self_check_answers(report: Report) -> Result:
    """The quiz as static text for a report: options, the right answer and why."""
    markup = render("quiz_key", questions=list(LITERACY_QUIZ))
    return Result([Fragment(markup, label=f"self-check key ({len(LITERACY_QUIZ)} questions)")])


# -- summary.json ------------------------------------------------------------------------------

def _trainings_summary(report: Report, as_of: str | None) -> TrainingCatalogSummary | None:
    judged, day, basis, _problems = _catalog(report, as_of)
    if judged is None:
        return None
    overview = training_overview(judged)
    return TrainingCatalogSummary.model_validate({
        "as_of": f"{day:%Y-%m-%d}", "basis": basis, "n_rows": len(judged),
        "n_people": judged["person"].astype(str).nunique(),
        "n_added_in_session": int((judged["_source"] != "file").sum()),
        "by_status": {s: int((judged["status"] == s).sum()) for s in STATUSES},
        "by_training": overview.to_dict("records"),
        "terms_without_training": terms_without_training(judged, [(t.id, t.term) for t in GLOSSARY]),
        "overdue": overdue_trainings(judged, with_person=names_members(report.audience))})


def summary(report: Report, as_of: str | None = None) -> AssessmentLiteracySummary:
    """The ``assessment_literacy`` section: glossary coverage, the catalog, the self-check."""
    examples = _examples(report)
    terms = [GlossaryEntry(term_id=t.id, term=t.term, has_example=examples[t.id].has_example,
                           needs=examples[t.id].needs) for t in GLOSSARY]
    return AssessmentLiteracySummary(n_terms=len(terms), n_with_example=sum(bool(t.has_example) for t in terms),
                                     terms=terms, trainings=_trainings_summary(report, as_of or None),
                                     self_check_questions=len(LITERACY_QUIZ))


def publish(report: Report, as_of: str | None = None) -> AssessmentLiteracySummary:
    """Write the ``assessment_literacy`` section of summary.json and return it."""
    found = summary(report, as_of)
    report.publish(found)
    return found
