"""The change notebook (05): concerns, the change-actions tracker, the culture survey.

Activity 1.9 of the District Data Team Toolkit (Massachusetts ESE, Module 1; shared/seeds 004)
treats resistance as a normal part of change and offers a framework of steps (build
awareness, understand concerns, model, manage and monitor the process, build capacity,
celebrate). Three views follow it here:

* **Stages of concern.** Members answer our own short concerns items; the raw-score profile
  (:func:`datadriver_utils.stats.concerns.concerns_profile`) shows where the team's concerns peak on
  the seven stages of the Concerns-Based Adoption Model (Hall & Hord; FIELD_NOTES "Stages of
  concern (CBAM)"). Each stage points to the step of the framework that tends to help
  (:data:`~datadriver_utils.stats.change.STAGE_TO_STEP`).
* **The tracker.** The team's change actions (``step, action, owner, due, status``) with the
  overdue ones flagged (:func:`datadriver_utils.stats.change.action_tracker`), judged as of the
  report's ``as_of`` date (the notebook parameter, ``datadriver run --as-of``, else the day it
  runs), printed beside the judgement; the discussion asks about overdue actions only when
  there are some.
* **The culture/trust survey,** given at the start and about six months later (teacher
  leadership micro-credentials; shared/seeds 003), read with :mod:`datadriver_utils.stats.surveys`.

Every view returns a :class:`~datadriver_utils.notebook.results.Result`; the live widgets return
their widget box.  Privacy: per-member peaks and action owners are shown to the team audience
only (:func:`~datadriver_utils.privacy.release.names_members`); the team's concerns profile goes
further only with at least the district's staff minimum (``min_staff_group_size``;
:func:`~datadriver_utils.privacy.release.profile_withheld`); survey administrations below their
minimum number of respondents are hidden for every audience.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
from pydantic import Field

from datadriver_utils.charts.profiles import concerns_figure
from datadriver_utils.charts.surveys import diverging_bar_figure
from datadriver_utils.core.definitions import SURVEY_TERMS
from datadriver_utils.core.quantities import Summary
from datadriver_utils.notebook.needs import needs
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Result
from datadriver_utils.privacy.release import member_limit, names_members, profile_withheld, staff_minimum_note
from datadriver_utils.stats.change import (
    STAGE_TO_STEP,
    STEP_NAMES,
    action_tracker,
    actions_summary,
    change_framework,
    missing_steps,
    months_apart,
)
from datadriver_utils.stats.concerns import ConcernsProfile, concerns_profile, concerns_summary, describe_concerns
from datadriver_utils.stats.surveys import (
    administration_status,
    construct_change,
    construct_scores,
    describe_survey_changes,
    item_distribution,
    response_counts,
    survey_summary,
)
from datadriver_utils.strands.surveys import scored_surveys, survey_minimums
from datadriver_utils.toolkit.alt_text import concerns_alt, survey_items_alt
from datadriver_utils.toolkit.records import ActionsSummary, ConcernsSummary, ConcernsWithMembers, CultureSummary
from datadriver_utils.workshop.content import CHANGE_ACTIONS, CONCERNS_ITEMS, CONCERNS_SCALE, Label
from datadriver_utils.workshop.live import redrawn_on_save
from datadriver_utils.workshop.sessions import (
    fill_table,
    latest_save,
    latest_saved,
    live_rating_session,
    resumable,
    saved_view,
)
from datadriver_utils.workshop.store import ResponseStore
from datadriver_utils.workshop.widgets import table_editor

__all__ = [
    "ACTIONS_ACTIVITY", "CONCERNS_ACTIVITY", "CULTURE_SURVEY", "ChangeSummary", "change_actions",
    "change_actions_editor", "concerns", "concerns_grid", "culture_changes", "culture_scores", "culture_survey",
    "framework", "publish", "summary", "tracker",
]

CONCERNS_ACTIVITY = "concerns"
ACTIONS_ACTIVITY = "change_actions"
CULTURE_SURVEY = "culture"
_TRACKER_COLUMNS = (Label("action", "Action"), Label("owner", "Owner"),
                    Label("due", "Due (YYYY-MM-DD)"), Label("status", "Status (not started, in progress, done)"))
_SESSION = "change workshop"
_LABELS = {
    "stage": "Stage", "stage_name": "Stage of concern", "score": "Score (0-7)",
    "n_members": "Members", "member": "Member", "peak_stage": "Peak", "peak_name": "Peak stage",
    "second_stage": "Second", "second_name": "Second stage", "step_name": "Step",
    "action": "Action", "owner": "Owner", "due": "Due", "status": "Status", "flag": "Flag",
    "days_overdue": "Days overdue", "administration": "Administration", "construct": "Construct",
    "n_band": "Respondents", "mean_score": "Mean score", "pct_favourable": "% favourable",
    "first_administration": "First", "first_pct_favourable": "First % favourable",
    "latest_administration": "Latest", "latest_pct_favourable": "Latest % favourable",
    "pct_favourable_change": "Change (points)",
}


class ChangeSummary(Summary):
    """Concerns, the change-actions tracker and the culture survey (notebook 05)."""

    section = "change"
    concerns: ConcernsWithMembers | ConcernsSummary | None = Field(
        description="the stages-of-concern profile (null: none saved); members' peaks for the team only")
    actions: ActionsSummary | None = Field(description="the change-actions tracker (null: none saved)")
    culture: CultureSummary | None = Field(description="the culture/trust survey (null: not given)")


# -- the framework ------------------------------------------------------------------------------

def framework(report: Report) -> Result:
    """The framework as a table: step, what it involves, the stages of concern it answers."""
    return Result([report.tabulate(change_framework(), caption="Steps for managing the change to data use",
                                   rename={**_LABELS, "description": "What it involves",
                                           "stages": "Helps most at stage(s) of concern"}, name="framework")])


# -- stages of concern --------------------------------------------------------------------------

def _withheld(report: Report, profile: ConcernsProfile) -> bool:
    return profile_withheld(int(profile.team["n_members"].max()), report.rules, report.audience)


def _concerns_profile(report: Report, responses: pd.DataFrame) -> Result:
    profile = concerns_profile(responses)
    if _withheld(report, profile):
        return Result().note(staff_minimum_note(report.rules, "The concerns profile"))
    result = Result([Chart(concerns_figure(profile), concerns_alt(profile), name="concerns"),
                     report.tabulate(profile.team.round(1), caption="Team stage scores (raw means, no norms)",
                                     rename=_LABELS, name="stages")], value=profile)
    if names_members(report.audience):
        result.add(report.tabulate(profile.members, caption="Each member's highest and second-highest stage",
                                   rename=_LABELS, name="members"))
    return result.note(describe_concerns(profile))


@redrawn_on_save(CONCERNS_ACTIVITY)
def concerns(report: Report) -> Result:
    """Team profile chart and table; each member's peak and second stage for the team only.
    ``.value`` is the :class:`~datadriver_utils.stats.concerns.ConcernsProfile`."""
    return saved_view(report, CONCERNS_ACTIVITY, lambda responses: _concerns_profile(report, responses))


def concerns_grid(report: Report) -> w.VBox:
    """Live: each member answers the fourteen concerns items (0-7); Save redraws the profile."""
    return live_rating_session(report, CONCERNS_ACTIVITY, CONCERNS_ITEMS, CONCERNS_SCALE, _SESSION,
                               lambda responses: _concerns_profile(report, responses))


# -- the change-actions tracker -----------------------------------------------------------------

def tracker(report: Report, actions: pd.DataFrame) -> tuple[pd.DataFrame, pd.Timestamp]:
    """The judged tracker and the date it is judged at (the report's ``as_of``)."""
    cycle = report.config.cycle
    as_of = pd.Timestamp(report.as_of)
    return action_tracker(actions, as_of, cycle.end if cycle else None), as_of


def _saved_note(report: Report) -> str:
    saved = latest_save(report, ACTIONS_ACTIVITY)
    if saved is None or saved.saved_at is None:
        return ""
    return f" The statuses were last saved on {saved.saved_at:%Y-%m-%d}: update them if work has moved since."


def _tracker_view(report: Report, actions: pd.DataFrame) -> Result:
    judged, as_of = tracker(report, actions)
    columns = ["step_name", "action", "owner", "due", "status", "flag", "days_overdue"]
    team = names_members(report.audience)
    shown = judged[columns if team else [c for c in columns if c != "owner"]]
    shown = shown.assign(due=shown["due"].dt.strftime("%Y-%m-%d"),
                         days_overdue=shown["days_overdue"].astype(object).fillna(""))
    result = Result([report.tabulate(shown, caption=f"Change actions (overdue as of {as_of:%Y-%m-%d})",
                                     rename=_LABELS, name="actions")], value=judged)
    late = judged[judged["flag"] == "overdue"]
    result.note(f"Overdue as of {as_of:%Y-%m-%d} (the report's as-of date): {len(late)} action(s) past their due "
                f"date and not done.{_saved_note(report)}", "warning" if len(late) else "good")
    if len(late):
        names = "; ".join(f"'{a}' (due {d:%Y-%m-%d})" for a, d in zip(late["action"], late["due"]))
        result.note(f"For discussion: what stopped the overdue action(s) -- {names}? Is the obstacle one of "
                    "the barriers from notebook 01?")
    missing = [STEP_NAMES[s] for s in missing_steps(judged)]
    if missing:
        result.note(f"No action yet under: {', '.join(missing)}.")
    result.add(_link_to_concerns(report, judged))
    if not team:
        result.note("Action owners are named in the team view only.")
    return result


def _link_to_concerns(report: Report, judged: pd.DataFrame) -> Result | None:
    """Does the tracker hold an action under the step that helps at the team's peak concern?"""
    responses = latest_saved(report, CONCERNS_ACTIVITY)
    if not isinstance(responses, pd.DataFrame):
        return None
    profile = concerns_profile(responses)
    if profile.team_peak is None or _withheld(report, profile):
        return None
    step = STAGE_TO_STEP[profile.team_peak]
    has = step in set(judged["step"])
    return Result().note(f"The team's concerns peak at stage {profile.team_peak}; the step that tends to "
                         f"help is '{STEP_NAMES[step]}', and the tracker "
                         f"{'has an' if has else 'has no'} action under it.", "good" if has else "warning")


@redrawn_on_save(ACTIONS_ACTIVITY, CONCERNS_ACTIVITY)
def change_actions(report: Report) -> Result:
    """The tracker (owners for the team only), overdue actions, and the steps with no action.
    ``.frame`` is the tracker as shown; ``.value`` the judged tracker with dates."""
    return saved_view(report, ACTIONS_ACTIVITY, lambda actions: _tracker_view(report, actions))


def change_actions_editor(report: Report) -> w.VBox:
    """Live: one row per change step (more can be added): action, owner, due date, status."""
    store = ResponseStore(report.team.team_dir)
    editor = table_editor(store, ACTIONS_ACTIVITY, CHANGE_ACTIONS, _TRACKER_COLUMNS,
                          row_header="step", session=_SESSION,
                          on_saved=lambda actions: _tracker_view(report, actions))
    return resumable(report, ACTIONS_ACTIVITY, editor,
                     lambda box, data: fill_table(box, data, "step", STEP_NAMES))


# -- the culture/trust survey ---------------------------------------------------------------------

def _culture(report: Report) -> pd.DataFrame:
    scored = scored_surveys(report)
    return scored[scored["survey"] == CULTURE_SURVEY]


def _has_culture(report: Report) -> bool:
    return bool((report.team.table("surveys")["survey"] == CULTURE_SURVEY).any())


def culture_scores(report: Report) -> pd.DataFrame:
    """Construct scores per administration of the culture survey (small ones suppressed)."""
    return construct_scores(_culture(report), survey_minimums(report))


def culture_changes(report: Report) -> pd.DataFrame:
    """First against latest administration of the culture survey, per construct."""
    return construct_change(culture_scores(report))


def _administrations(report: Report) -> pd.DataFrame:
    surveys = report.team.table("surveys")
    counts = response_counts(surveys[surveys["survey"] == CULTURE_SURVEY])
    return administration_status(counts, survey_minimums(report))


@needs("surveys", "survey_items")
def culture_survey(report: Report) -> Result:
    """Respondents, construct scores, first-to-latest change, chart and a plain reading.
    ``.tables`` holds ``respondents``, ``scores`` and ``change``."""
    if not _has_culture(report):
        return Result().note("surveys.csv has no culture survey yet: give it at the start of the work and "
                             "again about six months later, with survey = 'culture'.")
    admins = _administrations(report)
    changes = culture_changes(report)
    distribution = item_distribution(_culture(report), survey_minimums(report))
    result = Result([
        report.tabulate(admins[["administration", "n_band", "status"]], name="respondents",
                        caption="Culture survey: respondents per administration", rename=_LABELS),
        report.tabulate(culture_scores(report)[["administration", "construct", "n_band", "mean_score",
                                                "pct_favourable", "status"]],
                        caption="Culture survey: construct scores", rename=_LABELS, name="scores",
                        terms=SURVEY_TERMS),
        report.tabulate(changes[["construct", "first_administration", "first_pct_favourable",
                                 "latest_administration", "latest_pct_favourable",
                                 "pct_favourable_change", "status"]],
                        caption="Culture survey: first against latest", rename=_LABELS, name="change"),
        Chart(diverging_bar_figure(distribution, report.team.table("survey_items")),
              survey_items_alt(distribution, "culture survey", report.team.table("survey_items")), name="items"),
    ])
    for paragraph in filter(None, describe_survey_changes(changes, admins).split("\n\n")):
        result.note(paragraph, "good")
    labels = admins.sort_values("administration_order")["administration"].tolist()
    gap = months_apart(labels[0], labels[-1]) if len(labels) > 1 else None
    if gap is not None:
        result.note(f"The first and latest administrations are {gap} months apart (about six "
                    "is what the culture survey asks for).")
    return result


# -- summary.json -------------------------------------------------------------------------------

def summary(report: Report) -> ChangeSummary:
    """The ``change`` section: concerns, actions tracker and culture survey (``None`` = none).

    Read fresh each time (not remembered): a live session may have just saved.
    """
    responses = latest_saved(report, CONCERNS_ACTIVITY)
    actions = latest_saved(report, ACTIONS_ACTIVITY)
    team = names_members(report.audience)
    concerned = None if not isinstance(responses, pd.DataFrame) else concerns_summary(
        concerns_profile(responses), include_members=team,
        min_group_size=member_limit(report.rules, report.audience))["concerns"]
    tracked = None
    if isinstance(actions, pd.DataFrame):
        judged, as_of = tracker(report, actions)
        tracked = actions_summary(judged, as_of, with_owner=team)
    culture = None
    if report.team.has("surveys") and report.team.has("survey_items") and _has_culture(report):
        culture = survey_summary(_administrations(report), culture_changes(report))["surveys"].get(CULTURE_SURVEY)
    return ChangeSummary.model_validate({"concerns": concerned, "actions": tracked, "culture": culture})


def publish(report: Report) -> ChangeSummary:
    """Write the ``change`` section of summary.json and return it."""
    found = summary(report)
    report.publish(found)
    return found
