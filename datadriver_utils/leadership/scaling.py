"""Notebook 32: scaling the cycle in the school -- the learning group of twelve.

From the "Scaling Powerful Student Learning in My School" micro-credentials (teacher
leadership, Teaching Matters; shared/seeds 003):

* **Building Will** -- the visit log (``visits.csv``) drawn as a network: the leader with four
  peers (blue dots), then those four with eight more (yellow dots);
* **Measuring Impact on Student Learning** -- the eight reflection sheets, cycles 1 and 2 of each
  blue dot, and whether student learning rose;
* **Considering Impact on Culture** -- the learning group's survey (``group_culture``) at the start
  and about six months later, with the gap checked, and the themes the group saw;
* **Building Skills in Others** -- agendas of the group of 5 and the group of 13
  (``meetings.csv``) and the end-of-year confidence survey (``group_confidence``);
* **Sharing Learning** -- the presentation's artifacts and its synopsis.

The statistics are :mod:`datadriver_utils.stats.scaling`; the network is drawn by
:mod:`datadriver_utils.charts.network`.  Names (and the network's labels) are for the team;
beyond it the views show counts.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
from pydantic import Field

from datadriver_utils.charts.network import visit_network_figure
from datadriver_utils.charts.slrc import cycle_change_figure
from datadriver_utils.core.quantities import Count, Day, Difference, Flag, Label, Summary
from datadriver_utils.leadership._shared import (
    answer_key,
    capture_note,
    counts_table,
    live_form,
    missing,
    read,
    self_check,
    survey_brief,
    survey_view,
    tabulate,
    team_view,
    without_source,
)
from datadriver_utils.leadership.records import SurveyBrief
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Chart, Result
from datadriver_utils.privacy.release import teacher_results_withheld
from datadriver_utils.stats import scaling as stats
from datadriver_utils.stats import slrc
from datadriver_utils.stats.evidence_rules import GROUP_CONFIDENCE_SURVEY, GROUP_CULTURE_SURVEY
from datadriver_utils.workshop.leadership_content import PROMPTS, SCALING_QUIZ

__all__ = [
    "ScalingSummary", "answers", "building_skills", "culture", "impact", "leader_of", "meeting_form", "network",
    "publish", "quiz", "sharing", "summary", "visit_form",
]

_LABELS = {"visitor": "Visitor", "host": "Host", "date": "Date", "round": "Round", "person": "Teacher",
           "dot": "Dot", "first_visit": "First visit", "peer": "Peer", "cycle": "Cycle",
           "question": "Student Learning Question", "has_data": "Data", "result_pct": "Result (%)",
           "sheet": "Sheet counts", "group": "Group", "n_meetings": "Meetings", "n_with_agenda": "With an agenda",
           "first_date": "First", "last_date": "Last", "attendees": "Attendees", "agenda": "Agenda",
           "kind": "Kind", "title": "Artifact", "location": "Where", "teacher": "Teacher"}


class ScalingSummary(Summary):
    """The learning group: visits, impact sheets, culture, meetings, confidence, sharing (notebook 32)."""

    section = "scaling"
    leader: Label = Field(description="the teacher leader (team audience only)")
    n_blue: Count = Field(description="peers in the leader's own visits (blue dots)")
    n_yellow: Count = Field(description="peers the blue dots visited (yellow dots)")
    n_round_1: Count = Field(description="visits of round 1 (the leader with a blue dot)")
    n_round_2: Count = Field(description="visits of round 2 (a blue dot visiting a yellow dot)")
    n_other_visits: Count = Field(description="other visits in the log")
    first_visit: Day = Field(description="the first visit")
    last_visit: Day = Field(description="the latest visit")
    n_sheets: Count = Field(description="reflection sheets of the first four peers with a question and data (8 asked)")
    n_peers_with_change: Count = Field(description="first four peers with results in two cycles on one question")
    n_peers_improved: Count = Field(description="of those, peers whose result rose")
    mean_change: Difference = Field(description="their mean change in points (null beyond the team when fewer "
                                                "peers than the minimum group size)")
    culture: SurveyBrief | None = Field(description="the learning group's culture survey (null: not given)")
    culture_months_apart: Count = Field(description="whole months between its first and latest administration")
    culture_about_six_months: Flag = Field(description="5 to 7 months apart (null: not labelled by month)")
    meetings_group_5: Count = Field(description="meetings of the group of 5 with an agenda")
    meetings_group_13: Count = Field(description="meetings of the group of 13 with an agenda")
    confidence: SurveyBrief | None = Field(description="the end-of-year confidence survey (null: not given)")
    n_presentation_artifacts: Count = Field(description="artifacts of the presentation")
    synopsis_written: Flag = Field(description="a synopsis of the presentation is written")


def leader_of(report: Report, leader: str = "") -> str | None:
    """``leader`` if given, else the leader with the most visits in the log (``None``: no visits)."""
    if leader:
        return leader
    visits = read(report, "visits").frame
    return None if visits.empty else str(visits["leader"].value_counts().sort_index().idxmax())


def _labels(report: Report, group: pd.DataFrame) -> dict[str, str] | None:
    """Names for the team; beyond it "Leader", "Blue 1", "Yellow 3" ..."""
    if team_view(report):
        return None
    counters: dict[str, int] = {}
    labels = {}
    for person, dot in group[["person", "dot"]].itertuples(index=False):
        counters[dot] = counters.get(dot, 0) + 1
        labels[person] = "Leader" if dot == stats.LEADER else f"{dot.capitalize()} {counters[dot]}"
    return labels


def network(report: Report, leader: str = "") -> Result:
    """Building Will: the learning group as a network, the visit log, and what is still to do."""
    absent = missing(report, "visits", then="Or log visits with the live form below.")
    if absent is not None:
        return absent
    who = leader_of(report, leader) or ""
    visits = without_source(read(report, "visits").frame)
    rounds, group = stats.visit_rounds(visits, who), stats.learning_group(visits, who)
    counts = stats.group_summary(visits, who)
    result = Result(value=rounds).add(capture_note(read(report, "visits")))
    result.add(Chart(visit_network_figure(group, rounds, _labels(report, group)),
                     f"Learning group network: the leader, {counts['n_blue']} blue dots and {counts['n_yellow']} "
                     f"yellow dots; {counts['n_round_1']} round-1 and {counts['n_round_2']} round-2 visits",
                     name="network"))
    if team_view(report):
        log = rounds.assign(date=rounds["date"].dt.strftime("%Y-%m-%d"))[["date", "visitor", "host", "round"]]
        result.add(tabulate(report, log, caption=f"Visit log of {who}'s learning group", rename=_LABELS,
                                   name="visits"))
    else:
        result.add(counts_table(report, {k: v for k, v in counts.items() if isinstance(v, int)},
                                "The learning group", "group"))
    result.note(f"Blue dots: {counts['n_blue']} of {stats.FIRST_ROUND_PEERS}; yellow dots: {counts['n_yellow']} of "
                f"{stats.SECOND_ROUND_PEERS}; visits from {counts['first_date']} to {counts['last_date']}.",
                "good" if counts["n_blue"] >= 4 and counts["n_yellow"] >= 8 else "warning")
    return result


def _first_four(report: Report, who: str) -> list[str]:
    group = stats.learning_group(read(report, "visits").frame, who)
    return group.loc[group["dot"] == stats.BLUE, "person"].head(stats.FIRST_ROUND_PEERS).tolist()


def _tool_keys(report: Report) -> set[tuple[str, int]]:
    return slrc.tool_keys(*(read(report, k).frame for k in ("tallies", "seating_maps", "scripts")))


def impact(report: Report, leader: str = "") -> Result:
    """Measuring Impact: the eight sheets (cycles 1 and 2 of each blue dot) and the change."""
    absent = missing(report, "visits", "slrc_cycles")
    if absent is not None:
        return absent
    who = leader_of(report, leader)
    peers = _first_four(report, who) if who else []
    if not peers:
        return Result().note("No blue dots yet: the sheets come from the leader's first four peers (visits.csv).")
    cycles = without_source(read(report, "slrc_cycles").frame)
    sheets = stats.impact_sheets(cycles, peers, _tool_keys(report))
    changes = stats.peer_changes(cycles, peers)
    known = changes[changes["change"].notna()]
    n_sheets = int(sheets["sheet"].sum())
    if not team_view(report):
        withheld = teacher_results_withheld(len(known), report.rules, report.audience)
        mean = "withheld (too few peers)" if withheld or known.empty else f"{known['change'].mean():+.1f} points"
        return counts_table(report, {"reflection sheets": n_sheets, "peers with two results": len(known)},
                            "Measuring impact", "impact").note(f"Mean change: {mean}.")
    shown = sheets.assign(has_data=sheets["has_data"].map({True: "yes", False: "no"}),
                          sheet=sheets["sheet"].map({True: "yes", False: "no"}))
    labels = [f"{p} (peer {i})" for i, p in enumerate(changes["teacher"], 1)]
    result = Result([tabulate(report, shown, caption=f"Reflection sheets: {n_sheets} of 8", rename=_LABELS,
                                     name="sheets", decimals={"result_pct": 0}),
                     Chart(cycle_change_figure(changes, labels), "Cycle 1 to cycle 2 per blue dot: " + "; ".join(
                         f"{r.teacher} {r.change:+.0f} points" for r in known.itertuples()) + "." if len(known)
                         else "No peer has two results on one question yet, so no change is drawn.",
                         name="impact chart")],
                    value=sheets)
    if len(known):
        result.note(f"Mean change over {len(known)} peer(s): {known['change'].mean():+.1f} points; "
                    f"{int((known['change'] > 0).sum())} rose.", "good" if known["change"].mean() > 0 else "warning")
    return result


def culture(report: Report) -> Result:
    """Considering Impact on Culture: the learning group's survey, its gap, and the themes."""
    result = survey_view(report, GROUP_CULTURE_SURVEY, "learning group's culture survey",
                         not_yet=f"surveys.csv has no '{GROUP_CULTURE_SURVEY}' survey yet: survey the twelve peers "
                                 "when the group starts and again about six months later.")
    brief = survey_brief(report, GROUP_CULTURE_SURVEY)
    if brief is not None and len(brief.administrations) >= 2:
        first, latest = brief.administrations[0].administration, brief.administrations[-1].administration
        gap, ok = stats.culture_gap(str(first), str(latest))
        text = (f"{first} to {latest}: {gap} months apart" if gap is not None
                else f"{first} and {latest} are not labelled YYYY-MM, so the gap cannot be checked")
        result.note(text + (" (about six months, as the credential asks)." if ok else
                            ": the credential asks for about six months (5 to 7)."), "good" if ok else "warning")
    themes = read(report, "reflections").frame
    themes = themes[themes["prompt"] == "culture_themes"]
    if team_view(report) and not themes.empty:
        result.add(tabulate(report, themes[["teacher", "text"]], caption=PROMPTS["culture_themes"],
                                   rename={"teacher": "Teacher", "text": "Trends and themes"}, name="themes"))
    elif themes.empty:
        result.note("No trends and themes written yet (reflections.csv, prompt culture_themes).")
    return result


def building_skills(report: Report, leader: str = "") -> Result:
    """Building Skills in Others: agendas of the groups of 5 and 13, and the confidence survey."""
    result = Result()
    meetings = without_source(read(report, "meetings").frame)
    who = leader_of(report, leader) or (str(meetings["leader"].iloc[0]) if len(meetings) else None)
    if meetings.empty or who is None:
        result.add(missing(report, "meetings"))
    else:
        groups = stats.meetings_by_group(meetings, who)
        result.add(tabulate(report, groups, caption="Meetings of the group of 5 and the group of 13", rename=_LABELS,
                                   name="groups"))
        if team_view(report):
            own = meetings[meetings["leader"] == who].sort_values("date")
            result.add(tabulate(report, own.assign(date=own["date"].dt.strftime("%Y-%m-%d"))[
                ["date", "group", "attendees", "agenda"]], caption="Agendas", rename=_LABELS, name="agendas"))
        for row in groups[groups["n_with_agenda"] == 0].itertuples():
            result.note(f"No agenda of the group of {row.group} yet.", "warning")
    return result.add(survey_view(report, GROUP_CONFIDENCE_SURVEY, "end-of-year confidence survey",
                                  not_yet=f"surveys.csv has no '{GROUP_CONFIDENCE_SURVEY}' survey yet: at the end of "
                                          "the year, ask the whole group how confident they are observing student "
                                          "learning and facilitating peer reflection."))


def sharing(report: Report, leader: str = "") -> Result:
    """Sharing Learning: the presentation's artifacts and its synopsis."""
    absent = missing(report, "artifacts", "reflections")
    if absent is not None:
        return absent
    shared = without_source(read(report, "artifacts").frame)
    shared = shared[shared["credential"] == "sharing_learning"]
    synopsis = read(report, "reflections").frame
    synopsis = synopsis[synopsis["prompt"] == "presentation_synopsis"]
    if leader:
        shared, synopsis = shared[shared["teacher"] == leader], synopsis[synopsis["teacher"] == leader]
    if not team_view(report):
        return counts_table(report, {"presentation artifacts": len(shared), "synopses": len(synopsis)},
                            "Sharing learning", "sharing")
    result = Result([tabulate(report, shared[["teacher", "kind", "title", "location"]],
                                     caption="Artifacts of the presentation", rename=_LABELS, name="artifacts")])
    if synopsis.empty:
        return result.note("No synopsis yet: write one with the reflection form (prompt presentation_synopsis).",
                           "warning")
    return result.add(tabulate(report, synopsis[["teacher", "text"]], caption="Synopsis",
                                      rename={"teacher": "Teacher", "text": "Synopsis"}, name="synopsis"))


# -- live ----------------------------------------------------------------------------------------

def visit_form(report: Report, leader: str = "") -> w.VBox:
    """Live: one visit (leader, visitor, host, date); Save redraws the network."""
    return live_form(report, "visits", fixed={"leader": leader} if leader else None,
                     redraw=lambda _rows: network(report, leader), session="visit log")


def meeting_form(report: Report, leader: str = "") -> w.VBox:
    """Live: a meeting's date, group (5 or 13), attendees and agenda."""
    return live_form(report, "meetings", fixed={"leader": leader} if leader else None,
                     redraw=lambda _rows: building_skills(report, leader), session="meetings")


def quiz() -> w.VBox:
    """Live: the self-check on scaling the cycle (nothing saved)."""
    return self_check(SCALING_QUIZ)


def answers(report: Report) -> Result:
    """The self-check with the right answers and the reasons."""
    return answer_key(SCALING_QUIZ)


# -- summary.json ----------------------------------------------------------------------------------

def _impact_numbers(report: Report, who: str | None) -> dict[str, object]:
    peers = _first_four(report, who) if who else []
    cycles = without_source(read(report, "slrc_cycles").frame)
    sheets = stats.impact_sheets(cycles, peers, _tool_keys(report))
    known = stats.peer_changes(cycles, peers).dropna(subset=["change"])
    withheld = teacher_results_withheld(len(known), report.rules, report.audience)
    return {"n_sheets": int(sheets["sheet"].sum()), "n_peers_with_change": int(len(known)),
            "n_peers_improved": int((known["change"] > 0).sum()),
            "mean_change": None if known.empty or withheld else float(known["change"].mean())}


def summary(report: Report, leader: str = "") -> ScalingSummary:
    """The ``scaling`` section (read fresh)."""
    who = leader_of(report, leader)
    visits = without_source(read(report, "visits").frame)
    counts = stats.group_summary(visits, who) if who else dict.fromkeys(
        ["n_blue", "n_yellow", "n_round_1", "n_round_2", "n_other", "first_date", "last_date"], None)
    brief = survey_brief(report, GROUP_CULTURE_SURVEY)
    gap, about_six = (None, None)
    if brief is not None and len(brief.administrations) >= 2:
        gap, about_six = stats.culture_gap(str(brief.administrations[0].administration),
                                           str(brief.administrations[-1].administration))
    groups = stats.meetings_by_group(without_source(read(report, "meetings").frame), who or "")
    shared = read(report, "artifacts").frame
    synopsis = read(report, "reflections").frame
    return ScalingSummary.model_validate({
        "leader": who if team_view(report) else None, "n_blue": counts["n_blue"], "n_yellow": counts["n_yellow"],
        "n_round_1": counts["n_round_1"], "n_round_2": counts["n_round_2"], "n_other_visits": counts["n_other"],
        "first_visit": counts["first_date"], "last_visit": counts["last_date"], **_impact_numbers(report, who),
        "culture": brief, "culture_months_apart": gap, "culture_about_six_months": about_six,
        "meetings_group_5": int(groups.loc[groups["group"] == "5", "n_with_agenda"].sum()),
        "meetings_group_13": int(groups.loc[groups["group"] == "13", "n_with_agenda"].sum()),
        "confidence": survey_brief(report, GROUP_CONFIDENCE_SURVEY),
        "n_presentation_artifacts": int((shared["credential"] == "sharing_learning").sum()),
        "synopsis_written": bool((synopsis["prompt"] == "presentation_synopsis").any()),
    })


def publish(report: Report, leader: str = "") -> ScalingSummary:
    """Write the ``scaling`` section of summary.json and return it."""
    found = summary(report, leader)
    report.publish(found)
    return found
