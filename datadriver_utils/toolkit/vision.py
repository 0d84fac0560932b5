"""The vision notebook (01): functions, barriers, the vision, and the team's meetings.

Activities 1.1-1.4 of the District Data Team Toolkit (Massachusetts ESE, Module 1; shared/seeds
004): who on the team covers each of the five functions (1.1), which of Ingram's (2004) seven
barriers -- cultural, technical, political -- weigh most (1.2), how the vision for data use
measures up to the hallmarks of a clear vision and how the draft connects to the district's
mission (1.3), and the norms, agenda and minutes of team meetings (1.4). The workshop
"Learning Together: What Is a Data-Driven Vision?" (shared/seeds 001) adds the table of vision
components against the people who act on them; groups may add components of their own.

The profiles are computed in :mod:`datadriver_utils.stats.ratings` (and who covers each function in
:mod:`datadriver_utils.stats.coverage`), the tables of the workshop
(top barriers, the draft against the mission, how far the components table is filled in) in
:mod:`datadriver_utils.stats.vision`; this module arranges the saved answers as results for the
notebook, builds the live widgets (``*_grid``, ``*_editor``, ``*_capture``) and publishes the
typed ``vision`` section of summary.json::

    barriers = vision.barriers(report)
    barriers                      # member grid (team only), chart, groups, the top three
    barriers.tables["top"]        # the three barriers rated highest

Privacy: members' own ratings, the names on the roster, the people who agreed the draft, the
"your own part" column and the minutes are shown to the team audience only
(:func:`~datadriver_utils.privacy.release.names_members`); profiles go further only when rated
by at least the district's staff minimum
(:func:`~datadriver_utils.privacy.release.profile_withheld`).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd
from pydantic import Field

from datadriver_utils.charts.profiles import profile_bar_figure
from datadriver_utils.core.quantities import Label, Summary
from datadriver_utils.notebook.html import render
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Fragment, Result
from datadriver_utils.privacy.release import member_limit, names_members, profile_withheld, staff_minimum_note
from datadriver_utils.stats.coverage import coverage_by_function, coverage_summary, describe_coverage
from datadriver_utils.stats.ratings import (
    barrier_profile,
    barrier_summary,
    describe_barriers,
    describe_vision_rubric,
    function_profile,
    function_summary,
    vision_rubric_profile,
    vision_rubric_summary,
)
from datadriver_utils.stats.vision import (
    components_fill,
    components_table,
    draft_text,
    function_overview,
    member_grid,
    mission_words,
    top_barriers,
    uncovered_functions,
)
from datadriver_utils.toolkit.alt_text import profile_alt
from datadriver_utils.toolkit.meetings import MINUTES_ACTIVITY, minutes, minutes_capture, published_minutes
from datadriver_utils.toolkit.orientation import SELF_ASSESSMENT_ACTIVITY
from datadriver_utils.toolkit.records import (
    BarrierProfileSummary,
    FunctionCoverage,
    MinutesSummary,
    NamedFunctionCoverage,
    RatedFunction,
    RatedHallmark,
)
from datadriver_utils.workshop.content import (
    BARRIER_SCALE,
    BARRIERS,
    RATING_SCALE,
    VISION_COMPONENTS,
    VISION_HALLMARKS,
    VISION_ROLES,
)
from datadriver_utils.workshop.live import redrawn_on_save
from datadriver_utils.workshop.sessions import (
    fill_table,
    fill_text,
    latest_saved,
    live_rating_session,
    resumable,
    saved_view,
)
from datadriver_utils.workshop.store import ResponseStore
from datadriver_utils.workshop.widgets import table_editor, text_capture

__all__ = [
    "BARRIERS_ACTIVITY", "COMPONENTS_ACTIVITY", "MINUTES_ACTIVITY", "RUBRIC_ACTIVITY", "STATEMENT_ACTIVITY",
    "VisionSummary", "barrier_grid", "barriers", "functions", "minutes", "minutes_capture", "publish",
    "rubric_grid", "summary", "vision_components", "vision_components_editor", "vision_rubric",
    "vision_statement", "vision_statement_capture",
]

BARRIERS_ACTIVITY = "barriers"
RUBRIC_ACTIVITY = "vision_rubric"
STATEMENT_ACTIVITY = "vision_statement"
COMPONENTS_ACTIVITY = "vision_components"
_SESSION = "vision workshop"
_LABELS = {
    "function": "Function", "mean": "Self-rating (1-4)", "min": "Lowest", "max": "Highest",
    "n_members": "Members who rated", "members": "Members covering it",
    "n_covering": "Members covering it", "covered": "Covered?", "rank": "Rank",
    "barrier": "Barrier", "category": "Group", "hallmark": "Hallmark",
    "strong": "What strong looks like", "spread": "Spread (max - min)", "component": "Component",
    "added": "Added by the group?", **{r.id: r.name for r in VISION_ROLES},
}


class VisionSummary(Summary):
    """Functions, who covers them, barriers and the vision rubric (notebook 01)."""

    section = "vision"
    functions: list[RatedFunction] | None = Field(description="the latest self-assessment (null: none saved)")
    coverage: list[NamedFunctionCoverage | FunctionCoverage] = Field(
        description="who on the roster covers each function; names for the team audience only")
    uncovered_functions: list[Label] = Field(description="ids of the functions nobody on the roster covers")
    barriers: BarrierProfileSummary | None = Field(description="the barriers profile (null: none saved)")
    vision_rubric: list[RatedHallmark] | None = Field(description="the hallmarks rubric (null: none saved)")
    minutes: MinutesSummary | None = Field(None, description="the meeting minutes as a record of actions followed "
                                                             "up (null: no structured minutes saved)")


def _kept_inside(report: Report, what: str) -> Result:
    return Result().note(staff_minimum_note(report.rules, f"The {what}"))


def _withheld(report: Report, n_members: Any) -> bool:
    return profile_withheld(int(n_members), report.rules, report.audience)


# -- the five functions and who covers them (1.1) ---------------------------------------------

def _function_table(report: Report, coverage: pd.DataFrame, ratings: pd.DataFrame | None) -> Result:
    result = Result()
    profile = None if ratings is None else function_profile(ratings)
    if profile is not None and _withheld(report, profile["n_members"].max()):
        result.add(_kept_inside(report, "self-rating"))
        profile = None
    table = function_overview(coverage, profile, names=names_members(report.audience))
    return result.add(report.tabulate(table, caption="The five functions: how the team rates itself, and who "
                                      "covers each", rename=_LABELS, name="functions"))


@redrawn_on_save(SELF_ASSESSMENT_ACTIVITY)
def functions(report: Report) -> Result:
    """Self-rating per function next to the members covering it; uncovered functions flagged.
    ``.frame`` is the table as the audience sees it; ``.value`` the coverage by function."""
    coverage = coverage_by_function(report.config.members)
    saved = saved_view(report, SELF_ASSESSMENT_ACTIVITY, lambda ratings: _function_table(report, coverage, ratings))
    result = Result(value=coverage).add(saved)
    if saved.data is None:  # nothing (readable) saved: coverage alone
        result.add(_function_table(report, coverage, None))
    result.note(describe_coverage(coverage), "good" if coverage["covered"].all() else "warning")
    idle = [m.name for m in report.config.members if not m.functions]
    if idle and names_members(report.audience):
        result.note(f"Members with no function yet: {', '.join(idle)}.")
    return result


# -- the seven barriers (1.2) -------------------------------------------------------------------

def _barrier_view(report: Report, ratings: pd.DataFrame) -> Result:
    profile = barrier_profile(ratings)
    result = Result(value=profile)
    if names_members(report.audience):
        result.add(report.tabulate(member_grid(ratings), caption="Each member's rating (1 = not a barrier "
                                   "here, 4 = a major barrier)", rename=_LABELS, name="members"))
    if _withheld(report, profile.barriers["n_members"].max()):
        return result.add(_kept_inside(report, "barrier profile"))
    chart = profile.barriers.assign(label=profile.barriers["barrier"] + " (" + profile.barriers["category"] + ")")
    result.add(Chart(profile_bar_figure(chart, "mean", "label", "Barriers to data use, team mean", scale=(1, 4)),
                     profile_alt(chart, "mean", "label", "the team's mean rating per barrier"), name="barriers"))
    result.add(report.tabulate(profile.categories.round(1), caption="Barriers by group (mean of all ratings in "
                               "the group)", rename={**_LABELS, "mean": "Mean (1-4)", "n": "Ratings"},
                               name="categories"))
    result.add(report.tabulate(top_barriers(profile).drop(columns="barrier_id").round(1), name="top",
                               caption="The three barriers rated highest", rename={**_LABELS, "mean": "Mean (1-4)"}))
    return result.note(describe_barriers(profile))


@redrawn_on_save(BARRIERS_ACTIVITY)
def barriers(report: Report) -> Result:
    """Ratings by member (team only), the team's profile chart, the groups, and the top three.
    ``.tables`` holds ``members`` (team only), ``categories`` and ``top``."""
    return saved_view(report, BARRIERS_ACTIVITY, lambda ratings: _barrier_view(report, ratings))


def barrier_grid(report: Report) -> w.VBox:
    """Live: each member rates the seven barriers; Save redraws the profile."""
    return live_rating_session(report, BARRIERS_ACTIVITY, BARRIERS, BARRIER_SCALE, _SESSION,
                               lambda ratings: _barrier_view(report, ratings))


# -- the vision: hallmarks rubric and the draft statement (1.3) --------------------------------

def _rubric_view(report: Report, ratings: pd.DataFrame) -> Result:
    profile = vision_rubric_profile(ratings)
    if _withheld(report, profile["n_members"].max()):
        return _kept_inside(report, "rubric profile")
    chart = Chart(profile_bar_figure(profile, "mean", "hallmark", "Our vision against the hallmarks, team mean",
                                     scale=(1, 4)),
                  profile_alt(profile, "mean", "hallmark", "the team's mean rating per hallmark"), name="rubric")
    columns = ["hallmark", "strong", "mean", "min", "max", "spread", "n_members"]
    table = report.tabulate(profile[columns].round(1), caption="Vision hallmarks rubric (1-4)",
                            rename={**_LABELS, "mean": "Mean (1-4)"}, name="rubric")
    return Result([chart, table], value=profile).note(describe_vision_rubric(profile))


@redrawn_on_save(RUBRIC_ACTIVITY)
def vision_rubric(report: Report) -> Result:
    """The hallmarks rubric: chart, table with the spread between members, and a reading."""
    return saved_view(report, RUBRIC_ACTIVITY, lambda ratings: _rubric_view(report, ratings))


def rubric_grid(report: Report) -> w.VBox:
    """Live: each member rates the five hallmarks."""
    return live_rating_session(report, RUBRIC_ACTIVITY, VISION_HALLMARKS, RATING_SCALE, _SESSION,
                               lambda ratings: _rubric_view(report, ratings))


def _statement_view(report: Report, record: dict[str, Any]) -> Result:
    mission = report.team.district.mission
    text = draft_text(record)
    version = f" (version {record['version']})" if record.get("version") else ""
    facts = [f"{len(text.split())} words."]
    agreed = record.get("agreed_by") or []
    if agreed and names_members(report.audience):
        facts.append(f"Agreed by: {', '.join(map(str, agreed))}.")
    shared = mission_words(mission, text)
    if mission:
        facts.append(f"Words it shares with the mission: {', '.join(shared)}." if shared else
                     "It shares no key word with the mission: how does it follow from it?")
    quote = Fragment(render("quote", inline=False, preformatted=False,
                            label=f"Our vision for data use{version}:", text=text), label="vision draft")
    return Result([quote], value={"draft": text, "mission_words": shared}).note(" ".join(facts))


@redrawn_on_save(STATEMENT_ACTIVITY)
def vision_statement(report: Report) -> Result:
    """The district mission, the team's latest draft, and the words that tie them together.
    ``.value`` holds the draft and the words it shares with the mission."""
    mission = report.team.district.mission
    result = Result()
    if mission:
        result.add(Fragment(render("quote", inline=True, preformatted=False, label="District mission:",
                                   text=mission), label="mission"))
    else:
        result.note("district.yml has no mission yet: add a line 'mission: ...' so the "
                    "vision can be read against it.", "warning")
    saved = saved_view(report, STATEMENT_ACTIVITY, lambda record: _statement_view(report, record))
    result.value = saved.value
    return result.add(saved)


def vision_statement_capture(report: Report) -> w.VBox:
    """Live: write or revise the draft; an earlier draft can be reloaded first."""
    store = ResponseStore(report.team.team_dir)
    box = text_capture(store, STATEMENT_ACTIVITY, "Our vision for data use: how will things look "
                       "when our data work succeeds, and how does it serve the district mission?",
                       session=_SESSION, on_saved=lambda record: _statement_view(report, record))
    return resumable(report, STATEMENT_ACTIVITY, box, fill_text)


# -- the workshop table: vision components × roles ----------------------------------------------

def _components_view(report: Report, table: pd.DataFrame) -> Result:
    team = names_members(report.audience)
    shown = components_table(table, personal=team)
    fill = components_fill(shown)
    result = Result([report.tabulate(shown, caption="Components of a data-driven vision and the steps for each "
                                     "role", rename=_LABELS, name="components")], value=fill)
    text = f"{fill.filled} of {fill.cells} cells filled; {fill.added} component(s) added by the group."
    if fill.empty:
        text += f" No steps yet for: {'; '.join(fill.empty)}."
    result.note(text)
    if not team:
        result.note("The column 'What is your own part?' stays inside the team.")
    return result


@redrawn_on_save(COMPONENTS_ACTIVITY)
def vision_components(report: Report) -> Result:
    """The components × roles table as saved, with the number of cells filled."""
    return saved_view(report, COMPONENTS_ACTIVITY, lambda table: _components_view(report, table))


def vision_components_editor(report: Report) -> w.VBox:
    """Live: the components × roles table; groups can add components; Save keeps a new copy."""
    store = ResponseStore(report.team.team_dir)
    editor = table_editor(store, COMPONENTS_ACTIVITY, VISION_COMPONENTS, VISION_ROLES,
                          row_header="component", session=_SESSION,
                          on_saved=lambda table: _components_view(report, table))
    return resumable(report, COMPONENTS_ACTIVITY, editor, lambda box, data: fill_table(box, data, "component"))


# -- meetings: minutes as a record of actions followed up (1.4) --------------------------------------
# The views live in :mod:`datadriver_utils.toolkit.meetings`; :func:`minutes` and
# :func:`minutes_capture` are imported above so the notebook calls ``vision.minutes(report)``.


# -- summary.json -----------------------------------------------------------------------------

def summary(report: Report) -> VisionSummary:
    """The ``vision`` section: functions, coverage, barriers and rubric (``None`` = not saved).

    Coverage names members only for the team audience; beyond it, ratings by fewer members
    than the district's staff minimum are ``null`` with ``"suppressed": true``.  Read
    fresh each time (not remembered): a live session may have just saved.
    """
    limit = member_limit(report.rules, report.audience)
    coverage = coverage_by_function(report.config.members)
    ratings = latest_saved(report, SELF_ASSESSMENT_ACTIVITY)
    rated_barriers = latest_saved(report, BARRIERS_ACTIVITY)
    rubric = latest_saved(report, RUBRIC_ACTIVITY)
    return VisionSummary.model_validate({
        "functions": None if ratings is None else
        function_summary(function_profile(ratings), min_group_size=limit)["functions"],
        "coverage": coverage_summary(coverage, include_members=names_members(report.audience))["coverage"],
        "uncovered_functions": uncovered_functions(coverage),
        "barriers": None if rated_barriers is None else
        barrier_summary(barrier_profile(rated_barriers), min_group_size=limit)["barriers"],
        "vision_rubric": None if rubric is None else
        vision_rubric_summary(vision_rubric_profile(rubric), min_group_size=limit)["vision_rubric"],
        "minutes": published_minutes(report),
    })


def publish(report: Report) -> VisionSummary:
    """Write the ``vision`` section of summary.json and return it."""
    found = summary(report)
    report.publish(found)
    return found
