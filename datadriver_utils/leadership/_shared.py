"""What the teacher-leadership views share: reading records, live forms, self-checks, surveys.

Records are read fresh on every call (never remembered): a live form may have just saved.
Beyond the team audience these views show counts only -- each teacher's cycles, visits and
reflections name colleagues and describe one classroom, so they stay inside the team
(:func:`~datadriver_utils.privacy.release.names_members`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w
import pandas as pd

from datadriver_utils.charts.slrc import script_figure, seating_figure, tally_figure
from datadriver_utils.charts.surveys import diverging_bar_figure
from datadriver_utils.contract.schemas import TABLES
from datadriver_utils.contract.teacher_leadership import TEACHER_LEADERSHIP_TABLES
from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.errors import DataDriverError, DataProblemsError
from datadriver_utils.leadership.records import SurveyBrief
from datadriver_utils.notebook.html import render
from datadriver_utils.notebook.needs import MissingData
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Fragment, Result, Table
from datadriver_utils.privacy.release import names_members
from datadriver_utils.stats import slrc
from datadriver_utils.stats.survey_scoring import score_responses
from datadriver_utils.stats.surveys import (
    administration_status,
    construct_change,
    construct_scores,
    describe_survey_changes,
    item_distribution,
    min_respondents_for,
    response_counts,
)
from datadriver_utils.toolkit.alt_text import survey_items_alt
from datadriver_utils.workshop.content import QuizQuestion
from datadriver_utils.workshop.forms import fill_form, record_form
from datadriver_utils.workshop.records import SOURCE_COLUMN, Records, team_records
from datadriver_utils.workshop.sessions import resumable
from datadriver_utils.workshop.store import ResponseStore
from datadriver_utils.workshop.widgets import quiz

__all__ = [
    "TEAM_ONLY", "answer_key", "capture_note", "captures_fingerprint", "counts_table", "live_form", "missing", "read", "self_check",
    "survey_brief", "survey_view", "tabulate", "team_view", "tool_charts", "who", "without_source",
]

TEAM_ONLY = ("Each teacher's records name colleagues and describe one classroom, so they stay inside the team; "
             "this view shows counts only.")


def who(report: Report, teacher: str = "") -> str:
    """``teacher``, else the first member of team.yml (the live forms need a name to start from)."""
    return teacher or (report.config.members[0].name if report.config.members else "Teacher")


def captures_fingerprint(report: Report) -> tuple[str, ...]:
    """The names of every live capture of the teacher-leadership tables: a key that changes when a
    form saves, so a view may remember what it computed from the records until then."""
    root = report.team.team_dir / "responses"
    names: list[str] = []
    for key in TEACHER_LEADERSHIP_TABLES:
        folder = root / key
        if folder.is_dir():
            names += sorted(f"{key}/{p.name}" for p in folder.iterdir())
    return tuple(names)


def read(report: Report, key: str) -> Records:
    """The team's ``key`` table with its live captures (fresh: a form may have just saved)."""
    return team_records(report.team, key)


def without_source(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=[SOURCE_COLUMN], errors="ignore")


def missing(report: Report, *keys: str, then: str | None = None) -> MissingData | None:
    """:class:`MissingData` when none of ``keys`` has a row in a file or a capture."""
    if any(not read(report, k).empty for k in keys):
        return None
    return MissingData(list(keys), then or "Or capture one with the live form of this notebook.")


def capture_note(*records: Records) -> Result | None:
    """A warning naming captures left out because they break the contract (file, row, column)."""
    problems = [p for r in records for p in r.problems]
    if not problems:
        return None
    return Result().note("Some answers saved in a live session were left out because they do not meet the "
                         "data contract; correct them in the form and save again:", "warning",
                         [str(p) for p in problems[:10]])


def team_view(report: Report) -> bool:
    """True when the report may show each teacher's records (the team audience)."""
    return names_members(report.audience)


def tabulate(report: Report, frame: pd.DataFrame, **options: Any) -> Table:
    """:meth:`Report.tabulate`, with blank text cells shown as "—" (the contract reads blank text as
    missing, which a table would otherwise print as ``<NA>``); ``.frame`` keeps the values."""
    table = report.tabulate(frame, **options)
    shown = table.shown.astype(object)
    table.shown = shown.where(shown.notna(), "—")
    return table


def counts_table(report: Report, counts: dict[str, int], caption: str, name: str) -> Result:
    """Counts as a two-column table, with the team-only notice (the view beyond the team)."""
    frame = pd.DataFrame({"what": list(counts), "count": [int(v) for v in counts.values()]})
    return Result([tabulate(report, frame, caption=caption, rename={"what": "What", "count": "Count"}, name=name)]
                  ).note(TEAM_ONLY)


def live_form(report: Report, key: str, *, fixed: dict[str, object] | None = None,
              columns: Sequence[str] | None = None, redraw: Callable[[pd.DataFrame], Any] | None = None,
              session: str = "teacher leadership") -> w.VBox:
    """A :func:`~datadriver_utils.workshop.forms.record_form` with "continue an earlier session"."""
    box = record_form(ResponseStore(report.team.team_dir), key, fixed=fixed, columns=columns, on_saved=redraw,
                      session=session)
    return resumable(report, key, box, fill_form)


def self_check(questions: Sequence[QuizQuestion]) -> w.VBox:
    """Live: the questions with a Check button each; feedback explains the rule (nothing saved)."""
    return quiz(questions)


def answer_key(questions: Sequence[QuizQuestion]) -> Result:
    """The self-check as static text for a report: options, the right answer, the reason."""
    markup = render("quiz_key", questions=list(questions))
    key = pd.DataFrame([{"number": n, "question": q.question, "answer": q.options[q.correct], "why": q.explanation}
                        for n, q in enumerate(questions, start=1)])
    return Result([Fragment(markup, label=f"answer key ({len(questions)} questions)")], value=key)


# -- the teacher-leadership surveys ---------------------------------------------------------------

def _survey_parts(report: Report, survey: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None:
    if not (report.team.has("surveys") and report.team.has("survey_items")):
        return None
    surveys, items = report.team.table("surveys"), report.team.table("survey_items")
    own = surveys[surveys["survey"] == survey]
    if own.empty:
        return None
    minimum = {survey: min_respondents_for(survey, report.rules.min_group_size)}
    admins = administration_status(response_counts(own), minimum)
    scored = score_responses(own, items[items["survey"] == survey])
    return admins, construct_change(construct_scores(scored, minimum)), item_distribution(scored, minimum)


def survey_brief(report: Report, survey: str) -> SurveyBrief | None:
    """The survey's administrations and first-to-latest change per construct (``None``: not given)."""
    try:
        parts = _survey_parts(report, survey)
    except DataProblemsError:
        return None
    if parts is None:
        return None
    admins, changes, _ = parts
    return SurveyBrief.from_frames(survey, admins, changes)


def survey_view(report: Report, survey: str, what: str, *, not_yet: str) -> Result:
    """Respondents, first-to-latest change per construct, the item chart and a plain reading.

    Administrations below the survey's minimum number of respondents are hidden for every
    audience (4 for ``peer_impact``, the district's minimum group size otherwise).
    """
    if not (report.team.has("surveys") and report.team.has("survey_items")):
        return MissingData(["surveys", "survey_items"], f"Add the {what} with survey = '{survey}'.")
    try:
        parts = _survey_parts(report, survey)
    except DataProblemsError as error:
        return Result().note(f"The {what} cannot be read: {error}", "warning")
    if parts is None:
        return Result().note(not_yet)
    admins, changes, distribution = parts
    labels = {"administration": "Administration", "n_band": "Respondents", "status": "Status",
              "construct": "Construct", "first_pct_favourable": "First % favourable",
              "latest_pct_favourable": "Latest % favourable", "pct_favourable_change": "Change (points)",
              "first_administration": "First", "latest_administration": "Latest"}
    change_columns = ["construct", "first_administration", "first_pct_favourable", "latest_administration",
                      "latest_pct_favourable", "pct_favourable_change", "status"]
    result = Result([
        tabulate(report, admins[["administration", "n_band", "status"]], caption=f"{what.capitalize()}: respondents",
                        rename=labels, name="respondents"),
        tabulate(report, changes[change_columns].round(1), caption=f"{what.capitalize()}: % favourable by construct",
                        rename=labels, name="constructs"),
        Chart(diverging_bar_figure(distribution, report.team.table("survey_items")),
              survey_items_alt(distribution, what, report.team.table("survey_items")), name="items"),
    ], value=changes)
    for paragraph in filter(None, describe_survey_changes(changes, admins).split("\n\n")):
        result.note(paragraph, "good")
    return result


# -- what the data collection tools collected ------------------------------------------------------

Keep = Callable[[str, int], bool]
TOOL_LABELS = {
    "teacher": "Teacher", "cycle": "Cycle", "category": "Category", "count": "Tallies", "pct": "% of tallies",
    "n_seats": "Seats mapped", "n_seen": "Seats seen", "pct_seen": "% of seats seen", "notes_teacher": "Teacher notes",
    "notes_student": "Student notes", "notes_group": "Group notes", "pct_student": "% from students",
}


def _kept(frame: pd.DataFrame, keep: Keep) -> pd.DataFrame:
    if frame.empty:
        return frame
    mask = [bool(keep(str(t), int(c))) for t, c in frame[["teacher", "cycle"]].itertuples(index=False)]
    return frame[mask]


def _tally_part(report: Report, keep: Keep) -> Result | None:
    tallies = _kept(read(report, "tallies").frame, keep)
    if tallies.empty:
        return None
    keys = tallies[["teacher", "cycle"]].drop_duplicates().itertuples(index=False)
    sheets = [(f"{t}, cycle {int(c)}", slrc.tally_table(tallies, t, int(c))) for t, c in keys]
    shares = slrc.tally_shares(tallies).round(1)
    return Result([Chart(tally_figure(sheets), _tally_alt(shares), name="tallies"),
                   tabulate(report, shares, caption="Tallies by category", rename=TOOL_LABELS, name="tally shares")])


def _tally_alt(shares: pd.DataFrame) -> str:
    """The tally panels in words: each teacher and cycle with every category's share of its tallies."""
    panels = "; ".join(
        f"{teacher}, cycle {cycle}: " + ", ".join(f"{row.category} " + (f"{row.pct:.1f}%" if pd.notna(row.pct) else "—")
                                                    for row in part.itertuples())
        for (teacher, cycle), part in shares.groupby(["teacher", "cycle"], sort=False))
    return ("Tally sheets, one panel per teacher and cycle: times each category was seen per interval of the "
            f"lesson. Share of each panel's tallies: {panels}.")


def _seat_part(report: Report, keep: Keep) -> Result | None:
    maps = _kept(read(report, "seating_maps").frame, keep)
    if maps.empty:
        return None
    coverage = slrc.seat_coverage(maps)
    panels = [(f"{r.teacher}, cycle {r.cycle}", slrc.seat_grid(maps, r.teacher, r.cycle), r.pct_seen)
              for r in coverage.itertuples()]
    return Result([Chart(seating_figure(panels), "Seating-chart maps as heat maps, front of the room at the top; "
                         + "; ".join(f"{t}: {p:.0f}% of seats seen" for t, _, p in panels), name="seating"),
                   tabulate(report, coverage.round(1), caption="Seats seen", rename=TOOL_LABELS, name="seat coverage")])


def _script_part(report: Report, keep: Keep) -> Result | None:
    scripts = _kept(read(report, "scripts").frame, keep)
    if scripts.empty:
        return None
    counts = slrc.script_counts(scripts)
    return Result([Chart(script_figure(counts), "Scripted notes by speaker per cycle: "
                         + "; ".join(f"{r.teacher} cycle {r.cycle}: {r.pct_student:.0f}% from students"
                                     for r in counts.itertuples()), name="scripts"),
                   tabulate(report, counts.round(1), caption="Scripting notes by speaker", rename=TOOL_LABELS,
                                   name="script counts")])


def tool_charts(report: Report, keep: Keep) -> Result:
    """Charts and tables of the tally sheets, seating maps and scripts of the cycles ``keep``
    accepts (``keep(teacher, cycle)``)."""
    return Result().add(_tally_part(report, keep), _seat_part(report, keep), _script_part(report, keep))


def table_names(keys: Sequence[str]) -> str:
    return ", ".join(TABLES[k].file for k in keys)


def action_button(description: str, icon: str, key: str, failed: str, act: Callable[[], str]) -> w.VBox:
    """Live: a button that writes something (a share package, packets) and says what it wrote.

    ``act`` returns the sentence for the status line; one of our errors is shown after
    ``failed`` ("Not exported:") instead of a traceback, so a coach can fix it and press again.
    """
    button, status = w.Button(description=description, icon=icon), w.HTML()

    def on_click(_: object) -> None:
        try:
            done = act()
        except DataDriverError as error:
            status.value = f"<b>{escape_text(failed)}</b> {escape_text(error)}"
            return
        status.value = escape_text(done)

    button.on_click(on_click)
    box = w.VBox([button, status])
    box.controls, box.status = {key: button}, status
    return box
