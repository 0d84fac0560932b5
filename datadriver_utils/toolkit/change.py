"""What the change notebook (05) shows: concerns, the change-actions tracker, the culture survey.

Activity 1.9 of the District Data Team Toolkit (Massachusetts ESE, Module 1; shared/seeds 004)
treats resistance as a normal part of change and offers a framework of steps (build
awareness, understand concerns, model, manage and monitor the process, build capacity,
celebrate). Three views follow it here:

* **Stages of concern.** Members answer our own short concerns items; the raw-score profile
  (:func:`datadriver_utils.stats.ratings.concerns_profile`) shows where the team's concerns peak on
  the seven stages of the Concerns-Based Adoption Model (Hall & Hord; FIELD_NOTES "Stages of
  concern (CBAM)"). Each stage points to the step of the framework that tends to help
  (:data:`STAGE_TO_STEP`).
* **The tracker.** The team's change actions (``step, action, owner, due, status``) with the
  overdue ones flagged. "Overdue" is judged as of the moment the tracker was last saved -- the
  latest date at which the statuses are known -- or, if that is unknown, the end of the cycle;
  never the wall clock, so a report says the same thing each time it is run.
* **The culture/trust survey,** given at the start and about six months later (teacher
  leadership micro-credentials; shared/seeds 003), read with :mod:`datadriver_utils.stats.surveys`.

Privacy: per-member peaks and action owners are shown to the team audience only; the team's
concerns profile goes further only with at least the district's minimum group size; survey
administrations below their minimum number of respondents are hidden for every audience.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display
from matplotlib.figure import Figure

from datadriver_utils.charts.surveys import diverging_bar_figure
from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.ratings import ConcernsProfile, concerns_profile, concerns_summary, describe_concerns
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
from datadriver_utils.workshop.content import CHANGE_ACTIONS, CONCERNS_ITEMS, CONCERNS_SCALE, Label
from datadriver_utils.workshop.sessions import (
    fill_table,
    is_team,
    latest_save,
    latest_saved,
    live_rating_session,
    member_limit,
    resumable,
    show_saved,
    withheld,
)
from datadriver_utils.workshop.store import ResponseStore
from datadriver_utils.workshop.widgets import table_editor

__all__ = [
    "ACTIONS_ACTIVITY", "CONCERNS_ACTIVITY", "CULTURE_SURVEY", "DONE_WORDS", "STAGE_TO_STEP",
    "action_tracker", "change_actions_editor", "change_framework", "change_summary", "concerns_figure", "concerns_grid",
    "culture_changes", "culture_scores", "months_apart", "publish_change", "show_change_actions",
    "show_change_framework", "show_concerns", "show_culture_survey", "tracker_as_of",
]

CONCERNS_ACTIVITY = "concerns"
ACTIONS_ACTIVITY = "change_actions"
CULTURE_SURVEY = "culture"
DONE_WORDS = frozenset({"done", "complete", "completed", "finished"})
#: The step of the toolkit's change framework that tends to help at each stage of concern.
STAGE_TO_STEP: dict[int, str] = {0: "build_awareness", 1: "build_awareness",
                                 2: "understand_concerns", 3: "manage_process",
                                 4: "monitor_process", 5: "build_capacity", 6: "celebrate"}
_STEP_NAMES = {a.id: a.name for a in CHANGE_ACTIONS}
_STEP_IDS = {**{a.name.lower(): a.id for a in CHANGE_ACTIONS}, **{a.id: a.id for a in CHANGE_ACTIONS}}
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


# -- the framework ------------------------------------------------------------------------------

def change_framework() -> pd.DataFrame:
    """The seven steps of the change framework and the stages of concern each tends to answer."""
    rows = [(a.name, a.description, ", ".join(str(n) for n, step in STAGE_TO_STEP.items()
                                              if step == a.id)) for a in CHANGE_ACTIONS]
    return pd.DataFrame(rows, columns=["step_name", "description", "stages"])


def show_change_framework(report: Report) -> None:
    """The framework as a table: step, what it involves, the stages of concern it answers."""
    report.table(change_framework(), caption="Steps for managing the change to data use",
                 rename={**_LABELS, "description": "What it involves",
                         "stages": "Helps most at stage(s) of concern"})


# -- stages of concern --------------------------------------------------------------------------

def concerns_figure(profile: ConcernsProfile) -> Figure:
    """The team's raw score per stage, in stage order (the shape is the finding).

    Bars, not sorted: a CBAM profile is read left to right, early (self) to late (impact)
    concerns. The peak is dark and hatched, the second stage mid-tone, so both survive grey.
    """
    team = profile.team
    figure, axis = plt.subplots(figsize=(8, 3.6))
    colours = ["#1f4e79" if s == profile.team_peak else "#6f9fc8" if s == profile.team_second
               else "#c9d9e8" for s in team["stage"]]
    bars = axis.bar(team["stage"], team["score"].fillna(0), color=colours, edgecolor="0.3")
    for bar, stage in zip(bars, team["stage"], strict=True):
        bar.set_hatch("//" if stage == profile.team_peak else "")
    axis.set_xticks(team["stage"], [f"{s}\n{n.split(' (')[0]}" for s, n in
                                    zip(team["stage"], team["stage_name"], strict=True)], fontsize=8)
    axis.set_ylim(0, 7)
    axis.set_ylabel("Mean score (0 = does not apply, 7 = very true)")
    axis.set_xlabel("Stage of concern")
    axis.set_title("Where the team's concerns stand (dark, hatched: peak; mid-tone: second)")
    figure.tight_layout()
    plt.close(figure)
    return figure


def show_concerns(report: Report) -> None:
    """Team profile chart and table; each member's peak and second stage for the team only."""
    def render(responses: pd.DataFrame) -> None:
        profile = concerns_profile(responses)
        if withheld(report, int(profile.team["n_members"].max())):
            report.notice("The concerns profile stays inside the team: fewer members answered than "
                          f"the district's minimum group size ({report.rules.min_group_size}).")
            return
        display(concerns_figure(profile))
        report.table(profile.team.round(1), caption="Team stage scores (raw means, no norms)",
                     rename=_LABELS)
        if is_team(report):
            report.table(profile.members, caption="Each member's highest and second-highest stage",
                         rename=_LABELS)
        report.notice(describe_concerns(profile))

    show_saved(report, CONCERNS_ACTIVITY, render)


def concerns_grid(report: Report) -> w.VBox:
    """Live: each member answers the fourteen concerns items (0-7)."""
    return live_rating_session(report, CONCERNS_ACTIVITY, CONCERNS_ITEMS, CONCERNS_SCALE, _SESSION,
                               lambda r: show_concerns(report))


# -- the change-actions tracker -----------------------------------------------------------------

def tracker_as_of(saved_at: dt.datetime | None, cycle_end: dt.date | None) -> pd.Timestamp | None:
    """The date overdue is judged at: when the tracker was saved, else the cycle's end."""
    if saved_at is not None:
        return pd.Timestamp(saved_at.date())
    return None if cycle_end is None else pd.Timestamp(cycle_end)


def _flag(tracker: pd.DataFrame, as_of: pd.Timestamp | None, cycle_end: dt.date | None) -> pd.Series:
    due, never = tracker["due"], pd.Series(False, index=tracker.index)
    late = due.lt(as_of) if as_of is not None else never
    after = due.gt(pd.Timestamp(cycle_end)) if cycle_end is not None else never
    conditions = [tracker["status"].isin(DONE_WORDS), due.isna(), late, after]
    return pd.Series(np.select(conditions, ["done", "no readable due date", "overdue",
                                            "due after the cycle ends"], "open"), index=tracker.index)


def action_tracker(actions: pd.DataFrame, as_of: pd.Timestamp | None,
                   cycle_end: dt.date | None = None) -> pd.DataFrame:
    """The change actions with a ``flag`` and ``days_overdue`` each.

    ``actions``: ``step`` (a change step id or name, or the group's own words), ``action``,
    ``owner``, ``due`` (ISO date text or datetime), ``status``. Rows without an action are
    left out (the live editor saves every step, filled or not). ``flag`` is, in this order:
    "done" (status done/complete/finished), "no readable due date", "overdue" (due before
    ``as_of``), "due after the cycle ends", else "open". ``days_overdue = as_of - due``.
    """
    table = actions.reindex(columns=["step", "action", "owner", "due", "status"]).astype(
        {"step": object, "action": object, "owner": object, "status": object})
    table = table[table["action"].fillna("").astype(str).str.strip() != ""].copy()
    step = table["step"].fillna("").astype(str).str.strip()
    table["step"] = step.map(lambda s: _STEP_IDS.get(s.lower(), s))
    table.insert(1, "step_name", table["step"].map(lambda s: _STEP_NAMES.get(s, s)))
    table["due"] = pd.to_datetime(table["due"], errors="coerce", format="mixed")
    table["status"] = table["status"].fillna("").astype(str).str.strip().str.lower()
    table["flag"] = _flag(table, as_of, cycle_end)
    overdue = table["flag"] == "overdue"
    days = (as_of - table["due"]).dt.days if as_of is not None else pd.Series(np.nan, table.index)
    table["days_overdue"] = days.where(overdue).astype("Int64")
    return table.reset_index(drop=True)


def _tracker(report: Report, actions: pd.DataFrame) -> tuple[pd.DataFrame, pd.Timestamp | None, str]:
    """The tracker, the date it is judged at, and where that date comes from (in words)."""
    cycle = report.config.cycle
    saved = latest_save(report, ACTIONS_ACTIVITY)
    as_of = tracker_as_of(saved.saved_at if saved else None, cycle.end if cycle else None)
    basis = "the day the tracker was last saved" if saved else "the end of the cycle"
    return action_tracker(actions, as_of, cycle.end if cycle else None), as_of, basis


def _missing_steps(tracker: pd.DataFrame) -> list[str]:
    return [a.id for a in CHANGE_ACTIONS if a.id not in set(tracker["step"])]


def show_change_actions(report: Report) -> None:
    """The tracker (owners for the team only), overdue actions, and the steps with no action."""
    def render(actions: pd.DataFrame) -> None:
        tracker, as_of, basis = _tracker(report, actions)
        columns = ["step_name", "action", "owner", "due", "status", "flag", "days_overdue"]
        shown = tracker[columns if is_team(report) else [c for c in columns if c != "owner"]]
        report.table(shown.assign(due=shown["due"].dt.strftime("%Y-%m-%d"),
                                  days_overdue=shown["days_overdue"].astype(object).fillna("")),
                     caption="Change actions", rename=_LABELS)
        late = tracker[tracker["flag"] == "overdue"]
        when = "no known date" if as_of is None else f"{as_of:%Y-%m-%d}, {basis}"
        report.notice(f"Overdue is judged as of {when}; not today's date, so the report reads the "
                      f"same each time it runs. {len(late)} action(s) overdue.",
                      "warning" if len(late) else "good")
        missing = [_STEP_NAMES[s] for s in _missing_steps(tracker)]
        if missing:
            report.notice(f"No action yet under: {', '.join(missing)}.")
        _link_to_concerns(report, tracker)
        if not is_team(report):
            report.notice("Action owners are named in the team view only.")

    show_saved(report, ACTIONS_ACTIVITY, render)


def _link_to_concerns(report: Report, tracker: pd.DataFrame) -> None:
    """Does the tracker hold an action under the step that helps at the team's peak concern?"""
    responses = latest_saved(report, CONCERNS_ACTIVITY)
    if not isinstance(responses, pd.DataFrame):
        return
    profile = concerns_profile(responses)
    if profile.team_peak is None or withheld(report, int(profile.team["n_members"].max())):
        return
    step = STAGE_TO_STEP[profile.team_peak]
    has = step in set(tracker["step"])
    report.notice(f"The team's concerns peak at stage {profile.team_peak}; the step that tends to "
                  f"help is '{_STEP_NAMES[step]}', and the tracker "
                  f"{'has an' if has else 'has no'} action under it.", "good" if has else "warning")


def change_actions_editor(report: Report) -> w.VBox:
    """Live: one row per change step (more can be added): action, owner, due date, status."""
    store = ResponseStore(report.team.team_dir)
    editor = table_editor(store, ACTIONS_ACTIVITY, CHANGE_ACTIONS, _TRACKER_COLUMNS,
                          row_header="step", session=_SESSION,
                          on_saved=lambda t: show_change_actions(report))
    return resumable(report, ACTIONS_ACTIVITY, editor,
                     lambda box, data: fill_table(box, data, "step", _STEP_NAMES))


# -- the culture/trust survey ---------------------------------------------------------------------

def _culture(report: Report) -> pd.DataFrame:
    scored = scored_surveys(report)
    return scored[scored["survey"] == CULTURE_SURVEY]


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


def months_apart(first: str, latest: str) -> int | None:
    """Whole months between two ``YYYY-MM`` labels (``None`` if either is not one)."""
    try:
        a, b = (dt.datetime.strptime(str(x)[:7], "%Y-%m") for x in (first, latest))
    except ValueError:
        return None
    return (b.year - a.year) * 12 + b.month - a.month


def show_culture_survey(report: Report) -> None:
    """Respondents, construct scores, first-to-latest change, chart and a plain reading."""
    if not (report.team.table("surveys")["survey"] == CULTURE_SURVEY).any():
        report.notice("surveys.csv has no culture survey yet: give it at the start of the work and "
                      "again about six months later, with survey = 'culture'.")
        return
    admins = _administrations(report)
    report.table(admins[["administration", "n_band", "status"]], caption="Culture survey: "
                 "respondents per administration", rename=_LABELS)
    report.table(culture_scores(report)[["administration", "construct", "n_band", "mean_score",
                                         "pct_favourable", "status"]].round(1),
                 caption="Culture survey: construct scores", rename=_LABELS)
    changes = culture_changes(report)
    report.table(changes[["construct", "first_administration", "first_pct_favourable",
                          "latest_administration", "latest_pct_favourable",
                          "pct_favourable_change", "status"]].round(1),
                 caption="Culture survey: first against latest", rename=_LABELS)
    distribution = item_distribution(_culture(report), survey_minimums(report))
    display(diverging_bar_figure(distribution, report.team.table("survey_items")))
    for paragraph in filter(None, describe_survey_changes(changes, admins).split("\n\n")):
        report.notice(paragraph, "good")
    labels = admins.sort_values("administration_order")["administration"].tolist()
    gap = months_apart(labels[0], labels[-1]) if len(labels) > 1 else None
    if gap is not None:
        report.notice(f"The first and latest administrations are {gap} months apart (about six "
                      "is what the culture survey asks for).")


# -- summary.json -------------------------------------------------------------------------------

def _actions_summary(report: Report, actions: pd.DataFrame) -> dict[str, Any]:
    tracker, as_of, _basis = _tracker(report, actions)
    late = tracker[tracker["flag"] == "overdue"]
    keep = ["step", "action", "due", "days_overdue"] + (["owner"] if is_team(report) else [])
    overdue = [{k: (None if pd.isna(v) else v.strftime("%Y-%m-%d") if k == "due" else
                    int(v) if k == "days_overdue" else str(v)) for k, v in row.items()}
               for row in late[keep].to_dict("records")]
    return {"as_of": None if as_of is None else as_of.strftime("%Y-%m-%d"),
            "n_actions": int(len(tracker)),
            "by_flag": {str(k): int(v) for k, v in tracker["flag"].value_counts().sort_index().items()},
            "overdue": overdue, "steps_without_action": _missing_steps(tracker)}


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def change_summary(report: Report) -> dict[str, Any]:
    """The ``change`` section: concerns, actions tracker and culture survey (``None`` = none)."""
    responses = latest_saved(report, CONCERNS_ACTIVITY)
    actions = latest_saved(report, ACTIONS_ACTIVITY)
    concerns = None if not isinstance(responses, pd.DataFrame) else concerns_summary(
        concerns_profile(responses), include_members=is_team(report),
        min_group_size=member_limit(report))["concerns"]
    culture = None
    if report.team.has("surveys") and report.team.has("survey_items") and \
            (report.team.table("surveys")["survey"] == CULTURE_SURVEY).any():
        surveys = survey_summary(_administrations(report), culture_changes(report))["surveys"]
        culture = _rounded(surveys.get(CULTURE_SURVEY))
    return {"concerns": concerns,
            "actions": None if not isinstance(actions, pd.DataFrame) else _actions_summary(report, actions),
            "culture": culture}


def publish_change(report: Report) -> dict[str, Any]:
    """Write the ``change`` section of summary.json and return it."""
    summary = change_summary(report)
    report.publish(summary, "change")
    return summary
