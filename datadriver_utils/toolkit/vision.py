"""What the vision notebook (01) shows: functions, barriers, the vision, and the team's meetings.

Activities 1.1-1.4 of the District Data Team Toolkit (Massachusetts ESE, Module 1; shared/seeds
004): who on the team covers each of the five functions (1.1), which of Ingram's (2004) seven
barriers -- cultural, technical, political -- weigh most (1.2), how the vision for data use
measures up to the hallmarks of a clear vision and how the draft connects to the district's
mission (1.3), and the norms, agenda and minutes of team meetings (1.4). The workshop
"Learning Together: What Is a Data-Driven Vision?" (shared/seeds 001) adds the table of vision
components against the people who act on them; groups may add components of their own.

Every number is computed in :mod:`datadriver_utils.stats.ratings`; this module arranges the saved
answers for the notebook (``show_*``), builds the live widgets (``*_grid``, ``*_editor``,
``*_capture``) and publishes the ``vision`` section of summary.json.

Privacy: members' own ratings, the names on the roster, the people who agreed the draft, the
"your own part" column and the minutes are shown to the team audience only; profiles go
further only when rated by at least the district's minimum group size.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import ipywidgets as w
import pandas as pd
from IPython.display import HTML, display

from datadriver_utils.charts.profiles import profile_bar_figure
from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.notebook.report import Report
from datadriver_utils.stats.ratings import (
    BarrierProfile,
    barrier_profile,
    barrier_summary,
    coverage_by_function,
    coverage_summary,
    describe_barriers,
    describe_coverage,
    describe_vision_rubric,
    function_profile,
    function_summary,
    vision_rubric_profile,
    vision_rubric_summary,
)
from datadriver_utils.toolkit.orientation import SELF_ASSESSMENT_ACTIVITY
from datadriver_utils.workshop.content import (
    BARRIER_SCALE,
    BARRIERS,
    RATING_SCALE,
    VISION_COMPONENTS,
    VISION_HALLMARKS,
    VISION_ROLES,
)
from datadriver_utils.workshop.sessions import (
    fill_table,
    fill_text,
    is_team,
    latest_saved,
    live_rating_session,
    member_limit,
    resumable,
    show_saved,
    withheld,
)
from datadriver_utils.workshop.store import ResponseStore
from datadriver_utils.workshop.widgets import table_editor, text_capture

__all__ = [
    "BARRIERS_ACTIVITY", "COMPONENTS_ACTIVITY", "MINUTES_ACTIVITY", "RUBRIC_ACTIVITY",
    "STATEMENT_ACTIVITY", "barrier_grid", "components_table", "draft_text", "function_overview",
    "minutes_capture", "mission_words", "publish_vision", "rubric_grid", "show_barriers",
    "show_functions", "show_minutes", "show_vision_components", "show_vision_rubric",
    "show_vision_statement", "top_barriers", "uncovered_functions", "vision_components_editor",
    "vision_statement_capture", "vision_summary",
]

BARRIERS_ACTIVITY = "barriers"
RUBRIC_ACTIVITY = "vision_rubric"
STATEMENT_ACTIVITY = "vision_statement"
COMPONENTS_ACTIVITY = "vision_components"
MINUTES_ACTIVITY = "meeting_minutes"
_SESSION = "vision workshop"
_LABELS = {
    "function": "Function", "mean": "Self-rating (1-4)", "min": "Lowest", "max": "Highest",
    "n_members": "Members who rated", "members": "Members covering it",
    "n_covering": "Members covering it", "covered": "Covered?", "rank": "Rank",
    "barrier": "Barrier", "category": "Group", "hallmark": "Hallmark",
    "strong": "What strong looks like", "spread": "Spread (max - min)", "component": "Component",
    "added": "Added by the group?", **{r.id: r.name for r in VISION_ROLES},
}
#: Short words left out when comparing a vision draft with the mission.
_STOPWORDS = frozenset(
    "a an and are as at be by every for from get gets go in is it its of on or our so that the "
    "their them there they this to us we what when who will with".split())


def _group(report: Report) -> int:
    return int(report.rules.min_group_size)


def _kept_inside(report: Report, what: str) -> None:
    report.notice(f"The {what} stays inside the team: fewer members rated it than the district's "
                  f"minimum group size ({_group(report)}).")


# -- the five functions and who covers them (1.1) ---------------------------------------------

def uncovered_functions(report: Report) -> list[str]:
    """Ids of the functions nobody on the team.yml roster covers, in the toolkit's order."""
    coverage = coverage_by_function(report.config.members)
    return coverage.loc[~coverage["covered"], "function_id"].tolist()


def function_overview(coverage: pd.DataFrame, profile: pd.DataFrame | None, *,
                      names: bool) -> pd.DataFrame:
    """One row per function: self-rating (if any), who covers it, and whether anyone does.

    ``names=False`` gives the number of members covering each function instead of their names.
    """
    table = coverage[["function_id", "function"]].copy()
    if profile is not None:
        stats = profile.set_index("function_id")[["mean", "min", "max", "n_members"]]
        table = table.join(stats.round(1), on="function_id")
    if names:
        table["members"] = coverage["members"].map(", ".join)
    else:
        table["n_covering"] = coverage["n_members"]
    table["covered"] = coverage["covered"].map({True: "yes", False: "NO: gap"})
    return table.drop(columns="function_id")


def show_functions(report: Report) -> None:
    """Self-rating per function next to the members covering it; uncovered functions flagged."""
    coverage = coverage_by_function(report.config.members)

    def render(ratings: pd.DataFrame) -> None:
        profile = function_profile(ratings)
        if withheld(report, int(profile["n_members"].max())):
            _kept_inside(report, "self-rating")
            profile = None
        _function_table(report, coverage, profile)

    if show_saved(report, SELF_ASSESSMENT_ACTIVITY, render) is None:
        _function_table(report, coverage, None)
    report.notice(describe_coverage(coverage), "good" if coverage["covered"].all() else "warning")
    idle = [m.name for m in report.config.members if not m.functions]
    if idle and is_team(report):
        report.notice(f"Members with no function yet: {', '.join(idle)}.")


def _function_table(report: Report, coverage: pd.DataFrame, profile: pd.DataFrame | None) -> None:
    report.table(function_overview(coverage, profile, names=is_team(report)),
                 caption="The five functions: how the team rates itself, and who covers each",
                 rename=_LABELS)


# -- the seven barriers (1.2) -------------------------------------------------------------------

def top_barriers(profile: BarrierProfile) -> pd.DataFrame:
    """The (up to) three barriers with the highest mean: ``rank, barrier, category, mean, ...``."""
    table = profile.barriers.set_index("barrier_id").loc[list(profile.top)].reset_index()
    table.insert(0, "rank", range(1, len(table) + 1))
    return table[["rank", "barrier_id", "barrier", "category", "mean", "min", "max", "n_members"]]


def _member_grid(ratings: pd.DataFrame) -> pd.DataFrame:
    """Barriers down (grouped by category), members across, each cell one member's rating."""
    order = [b.id for b in BARRIERS]
    wide = ratings.pivot_table(index="item", columns="member", values="rating", aggfunc="last")
    wide = wide.reindex(order)[list(dict.fromkeys(ratings["member"].astype(str)))]
    front = pd.DataFrame({"category": [b.category for b in BARRIERS],
                          "barrier": [b.name for b in BARRIERS]}, index=order)
    return front.join(wide).reset_index(drop=True)


def show_barriers(report: Report) -> None:
    """Ratings by member (team only), the team's profile chart, the groups, and the top three."""
    def render(ratings: pd.DataFrame) -> None:
        profile = barrier_profile(ratings)
        if is_team(report):
            report.table(_member_grid(ratings), caption="Each member's rating (1 = not a barrier "
                         "here, 4 = a major barrier)", rename=_LABELS)
        if withheld(report, int(profile.barriers["n_members"].max())):
            _kept_inside(report, "barrier profile")
            return
        chart = profile.barriers.assign(label=profile.barriers["barrier"] + " ("
                                        + profile.barriers["category"] + ")")
        display(profile_bar_figure(chart, "mean", "label", "Barriers to data use, team mean",
                                   scale=(1, 4)))
        report.table(profile.categories.round(1), caption="Barriers by group (mean of all "
                     "ratings in the group)", rename={**_LABELS, "mean": "Mean (1-4)",
                                                       "n": "Ratings"})
        report.table(top_barriers(profile).drop(columns="barrier_id").round(1),
                     caption="The three barriers rated highest", rename={**_LABELS, "mean": "Mean (1-4)"})
        report.notice(describe_barriers(profile))

    show_saved(report, BARRIERS_ACTIVITY, render)


def barrier_grid(report: Report) -> w.VBox:
    """Live: each member rates the seven barriers; Save redraws the profile."""
    return live_rating_session(report, BARRIERS_ACTIVITY, BARRIERS, BARRIER_SCALE, _SESSION,
                               lambda r: show_barriers(report))


# -- the vision: hallmarks rubric and the draft statement (1.3) --------------------------------

def show_vision_rubric(report: Report) -> None:
    """The hallmarks rubric: chart, table with the spread between members, and a reading."""
    def render(ratings: pd.DataFrame) -> None:
        profile = vision_rubric_profile(ratings)
        if withheld(report, int(profile["n_members"].max())):
            _kept_inside(report, "rubric profile")
            return
        display(profile_bar_figure(profile, "mean", "hallmark", "Our vision against the "
                                   "hallmarks, team mean", scale=(1, 4)))
        columns = ["hallmark", "strong", "mean", "min", "max", "spread", "n_members"]
        report.table(profile[columns].round(1), caption="Vision hallmarks rubric (1-4)",
                     rename={**_LABELS, "mean": "Mean (1-4)"})
        report.notice(describe_vision_rubric(profile))

    show_saved(report, RUBRIC_ACTIVITY, render)


def rubric_grid(report: Report) -> w.VBox:
    """Live: each member rates the five hallmarks."""
    return live_rating_session(report, RUBRIC_ACTIVITY, VISION_HALLMARKS, RATING_SCALE, _SESSION,
                               lambda r: show_vision_rubric(report))


def draft_text(record: Mapping[str, Any]) -> str:
    """The draft in a saved record: ``text`` (the live widget) or ``draft`` (earlier saves)."""
    value = record.get("text") or record.get("draft") or ""
    return str(value).strip()


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOPWORDS and len(w) > 2]


def mission_words(mission: str | None, draft: str) -> list[str]:
    """Content words the draft shares with the mission (plural ``s`` ignored), mission order.

    A rough thread, not a score: the toolkit asks that a vision for data use grow out of the
    district's mission, and shared words are the first visible sign that it does.
    """
    stems = {w.rstrip("s") for w in _words(draft)}
    return list(dict.fromkeys(w for w in _words(mission or "") if w.rstrip("s") in stems))


def show_vision_statement(report: Report) -> None:
    """The district mission, the team's latest draft, and the words that tie them together."""
    mission = report.team.district.mission
    if mission:
        display(HTML(f"<p><b>District mission:</b> <i>{escape_text(mission)}</i></p>"))
    else:
        report.notice("district.yml has no mission yet: add a line 'mission: ...' so the "
                      "vision can be read against it.", "warning")

    def render(record: dict[str, Any]) -> None:
        text = draft_text(record)
        version = f" (version {record['version']})" if record.get("version") else ""
        display(HTML(f"<p><b>Our vision for data use{escape_text(version)}:</b></p>"
                     f"<blockquote>{escape_text(text) or '—'}</blockquote>"))
        facts = [f"{len(text.split())} words."]
        agreed = record.get("agreed_by") or []
        if agreed and is_team(report):
            facts.append(f"Agreed by: {', '.join(map(str, agreed))}.")
        if mission:
            shared = mission_words(mission, text)
            facts.append(f"Words it shares with the mission: {', '.join(shared)}." if shared else
                         "It shares no key word with the mission: how does it follow from it?")
        report.notice(" ".join(facts))

    show_saved(report, STATEMENT_ACTIVITY, render)


def vision_statement_capture(report: Report) -> w.VBox:
    """Live: write or revise the draft; an earlier draft can be reloaded first."""
    store = ResponseStore(report.team.team_dir)
    box = text_capture(store, STATEMENT_ACTIVITY, "Our vision for data use: how will things look "
                       "when our data work succeeds, and how does it serve the district mission?",
                       session=_SESSION, on_saved=lambda r: show_vision_statement(report))
    return resumable(report, STATEMENT_ACTIVITY, box, fill_text)


# -- the workshop table: vision components × roles ----------------------------------------------

def components_table(table: pd.DataFrame, *, personal: bool = True) -> pd.DataFrame:
    """The saved components table with blanks as "", and a column marking group-added rows.

    ``personal=False`` leaves out the "your own part" column (kept inside the team).
    """
    roles = [r.id for r in VISION_ROLES if personal or r.id != "your_role"]
    shown = table.reindex(columns=["component", *roles]).astype(object)
    shown = shown.where(shown.notna(), "")
    known = {c.name for c in VISION_COMPONENTS}
    added = shown["component"].map(lambda name: "" if name in known else "yes")
    return shown.assign(added=added)


def show_vision_components(report: Report) -> None:
    """The components × roles table as saved, with the number of cells filled."""
    def render(table: pd.DataFrame) -> None:
        shown = components_table(table, personal=is_team(report))
        report.table(shown, caption="Components of a data-driven vision and the steps for each "
                     "role", rename=_LABELS)
        roles = [c for c in shown.columns if c not in ("component", "added")]
        filled = int((shown[roles] != "").to_numpy().sum())
        empty = shown.loc[(shown[roles] == "").all(axis=1), "component"].tolist()
        text = f"{filled} of {shown[roles].size} cells filled; {int((shown['added'] == 'yes').sum())} " \
               "component(s) added by the group."
        if empty:
            text += f" No steps yet for: {'; '.join(empty)}."
        report.notice(text)
        if not is_team(report):
            report.notice("The column 'What is your own part?' stays inside the team.")

    show_saved(report, COMPONENTS_ACTIVITY, render)


def vision_components_editor(report: Report) -> w.VBox:
    """Live: the components × roles table; groups can add components; Save keeps a new copy."""
    store = ResponseStore(report.team.team_dir)
    editor = table_editor(store, COMPONENTS_ACTIVITY, VISION_COMPONENTS, VISION_ROLES,
                          row_header="component", session=_SESSION,
                          on_saved=lambda t: show_vision_components(report))
    return resumable(report, COMPONENTS_ACTIVITY, editor,
                     lambda box, data: fill_table(box, data, "component"))


# -- meetings: minutes (1.4) ------------------------------------------------------------------

def show_minutes(report: Report) -> None:
    """The latest saved minutes (team audience only: minutes name people and decisions)."""
    if not is_team(report):
        report.notice("Meeting minutes stay inside the team.")
        return
    show_saved(report, MINUTES_ACTIVITY, lambda record: display(HTML(
        f"<pre style='white-space:pre-wrap'>{escape_text(draft_text(record))}</pre>")))


def minutes_capture(report: Report) -> w.VBox:
    """Live: type the minutes into the template and save them."""
    store = ResponseStore(report.team.team_dir)
    box = text_capture(store, MINUTES_ACTIVITY, "Minutes: date, who came, decisions, actions "
                       "(who, what, by when), items for next time.", session=_SESSION)
    return resumable(report, MINUTES_ACTIVITY, box, fill_text)


# -- summary.json -----------------------------------------------------------------------------

def vision_summary(report: Report) -> dict[str, Any]:
    """The ``vision`` section: functions, coverage, barriers and rubric (``None`` = not saved).

    Coverage names members only for the team audience; beyond it, ratings by fewer members
    than the district's minimum group size are ``null`` with ``"suppressed": true``.
    """
    limit = member_limit(report)
    coverage = coverage_by_function(report.config.members)
    ratings = latest_saved(report, SELF_ASSESSMENT_ACTIVITY)
    barriers = latest_saved(report, BARRIERS_ACTIVITY)
    rubric = latest_saved(report, RUBRIC_ACTIVITY)
    return {
        "functions": None if ratings is None else
        function_summary(function_profile(ratings), min_group_size=limit)["functions"],
        "coverage": coverage_summary(coverage, include_members=is_team(report))["coverage"],
        "uncovered_functions": coverage.loc[~coverage["covered"], "function_id"].tolist(),
        "barriers": None if barriers is None else
        barrier_summary(barrier_profile(barriers), min_group_size=limit)["barriers"],
        "vision_rubric": None if rubric is None else
        vision_rubric_summary(vision_rubric_profile(rubric), min_group_size=limit)["vision_rubric"],
    }


def publish_vision(report: Report) -> dict[str, Any]:
    """Write the ``vision`` section of summary.json and return it."""
    summary = vision_summary(report)
    report.publish(summary, "vision")
    return summary
