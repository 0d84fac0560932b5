"""Notebook 31: the cycle in peers' classrooms.

From the "Advancing Powerful Student Learning in Peers' Classrooms" micro-credentials
(teacher leadership, Teaching Matters; shared/seeds 003):

* **Establishing a Common Aim** -- three Student Learning Questions, each with its data
  collection tool, crafted with a peer for her classroom: rows of ``slrc_cycles`` whose
  ``visitor`` is the candidate;
* **Collecting Data** -- three sets of data collected there (written, or in a tool table);
* **Facilitating Peer Reflection** -- two videos of the candidate facilitating the reflection
  (``artifacts.csv``, kind ``video``) and the three reflection questions (``reflections.csv``);
* **Soliciting Feedback from Peers** -- an anonymous survey of at least four peers on the
  cycle's impact in their own rooms (``surveys.csv``, survey ``peer_impact``).

Privacy: who visited whom and the reflections are for the team; the survey is hidden below
four respondents for every audience.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
from pydantic import Field

from datadriver_utils.core.quantities import Count, Label, Summary
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
    tool_charts,
    without_source,
)
from datadriver_utils.leadership.records import SurveyBrief
from datadriver_utils.notebook.report import Report
from datadriver_utils.notebook.results import Result
from datadriver_utils.stats import slrc
from datadriver_utils.stats.evidence_rules import PEER_IMPACT_SURVEY
from datadriver_utils.workshop.leadership_content import PEERS_QUIZ, PROMPTS

__all__ = [
    "FACILITATION_PROMPTS", "NEEDED_SETS", "PeerClassroomsSummary", "VisitorSets", "answers", "collecting",
    "common_aim", "facilitation", "facilitation_forms", "peer_feedback", "peer_set_form", "publish", "quiz", "reflection_form",
    "summary", "video_form",
]

NEEDED_SETS = 3
"""Question-and-tool sets, and data sets, each credential asks for."""
FACILITATION_PROMPTS = ("facilitation_easier", "facilitation_tricky", "facilitation_strikes")
_LABELS = {"visitor": "Visiting teacher", "teacher": "Host teacher", "cycle": "Cycle",
           "question": "Student Learning Question", "tool": "Tool", "crafted": "Question and tool",
           "collected": "Data collected", "n_crafted": "Sets crafted", "n_collected": "Data sets",
           "title": "Video", "date": "Date", "location": "Link", "prompt": "Question", "text": "Answer"}


class VisitorSets(Summary):
    """What one visiting teacher crafted and collected in peers' rooms (team audience only)."""

    visitor: Label = Field(description="the visiting teacher")
    n_crafted: Count = Field(description="question and tool sets crafted for a peer")
    n_collected: Count = Field(description="of those, sets with student learning data")


class PeerClassroomsSummary(Summary):
    """Common aim, collecting data, facilitating reflection and the peer survey (notebook 31)."""

    section = "peer_classrooms"
    n_visitors: Count = Field(description="teachers who crafted a question for a peer's classroom")
    n_crafted: Count = Field(description="question and tool sets crafted for peers")
    n_collected: Count = Field(description="data sets collected in peers' classrooms")
    n_visitors_three_sets: Count = Field(description="visiting teachers with at least three data sets")
    n_videos: Count = Field(description="facilitation videos listed in artifacts.csv")
    n_facilitation_answers: Count = Field(description="answers to the three facilitation questions")
    visitors: list[VisitorSets] | None = Field(description="each visiting teacher (team audience only)")
    peer_impact: SurveyBrief | None = Field(description="the peer survey on the cycle's impact (null: not given)")


def _sets(report: Report, visitor: str = "") -> pd.DataFrame:
    cycles = without_source(read(report, "slrc_cycles").frame)
    keys = slrc.tool_keys(*(read(report, k).frame for k in ("tallies", "seating_maps", "scripts")))
    sets = slrc.peer_sets(cycles, keys)
    return sets[sets["visitor"] == visitor] if visitor else sets


def _per_visitor(sets: pd.DataFrame) -> pd.DataFrame:
    return sets.groupby("visitor").agg(n_crafted=("crafted", "sum"), n_collected=("collected", "sum")).reset_index()


def _sets_view(report: Report, visitor: str, column: str, caption: str, name: str) -> Result:
    absent = missing(report, "slrc_cycles", then="Or craft a question with a peer in the live form below.")
    if absent is not None:
        return absent
    sets = _sets(report, visitor)
    if sets.empty:
        return Result().note("No cycle names a visiting teacher yet: write the visitor's name in the visitor "
                             "column of slrc_cycles.csv for cycles crafted or collected in a peer's room.")
    per = _per_visitor(sets)
    if not team_view(report):
        return counts_table(report, {"visiting teachers": len(per), "sets": int(sets[column].sum())}, caption, name)
    shown = sets.assign(**{c: sets[c].map({True: "yes", False: "no"}) for c in ("crafted", "collected")})
    result = Result([tabulate(report, shown, caption=caption, rename=_LABELS, name=name),
                     tabulate(report, per, caption="Sets per visiting teacher (3 needed)", rename=_LABELS,
                                     name=f"{name} per visitor")], value=sets)
    for row in per[per[f"n_{column}"] < NEEDED_SETS].itertuples():
        result.note(f"{row.visitor}: {getattr(row, f'n_{column}')} of {NEEDED_SETS}.", "warning")
    return result


def common_aim(report: Report, visitor: str = "") -> Result:
    """Question-and-tool sets crafted for peers' classrooms, per visiting teacher."""
    return _sets_view(report, visitor, "crafted", "Student Learning Questions crafted for a peer's classroom",
                      "common aim")


def collecting(report: Report, visitor: str = "", charts: bool = False) -> Result:
    """Data sets collected in peers' rooms; with ``charts`` also the charts of what the tools
    recorded there (notebook 30 draws them for every cycle, so the report leaves them out)."""
    result = _sets_view(report, visitor, "collected", "Student learning data collected in a peer's classroom",
                        "collecting")
    sets = result.value if isinstance(result.value, pd.DataFrame) else None
    if charts and sets is not None and team_view(report):
        keys = {(str(t), int(c)) for t, c in sets.loc[sets["collected"], ["teacher", "cycle"]].itertuples(index=False)}
        result.add(tool_charts(report, lambda t, c: (t, c) in keys))
    return result


def facilitation(report: Report, teacher: str = "") -> Result:
    """The two facilitation videos and the answers to the three reflection questions."""
    absent = missing(report, "artifacts", "reflections")
    if absent is not None:
        return absent
    videos = without_source(read(report, "artifacts").frame)
    videos = videos[(videos["credential"] == "facilitating_peer_reflection") & (videos["kind"] == "video")]
    answers_ = without_source(read(report, "reflections").frame)
    answers_ = answers_[answers_["prompt"].isin(FACILITATION_PROMPTS)]
    if teacher:
        videos, answers_ = videos[videos["teacher"] == teacher], answers_[answers_["teacher"] == teacher]
    result = Result().add(capture_note(read(report, "artifacts"), read(report, "reflections")))
    if not team_view(report):
        return result.add(counts_table(report, {"videos": len(videos), "answers": len(answers_)},
                                       "Facilitating peer reflection", "facilitation"))
    shown = videos.sort_values(["teacher", "date"])[["teacher", "title", "date", "location"]]
    result.add(tabulate(report, shown.assign(date=shown["date"].dt.strftime("%Y-%m-%d")),
                               caption="Facilitation videos (first, then after more practice)", rename=_LABELS,
                               name="videos"))
    prompts = answers_.assign(prompt=answers_["prompt"].map(PROMPTS))[["teacher", "prompt", "text"]]
    result.add(tabulate(report, prompts, caption="The three reflection questions", rename=_LABELS, name="reflection"))
    for person in sorted(set(videos["teacher"]) | set(answers_["teacher"])):
        own = answers_[answers_["teacher"] == person]
        gaps = [PROMPTS[p] for p in FACILITATION_PROMPTS if p not in set(own["prompt"])]
        n_videos = int((videos["teacher"] == person).sum())
        if gaps or n_videos < 2:
            result.note(f"{person}: {n_videos} of 2 videos; still to answer: " + (" ".join(gaps) or "nothing."),
                        "warning")
    return result


def peer_feedback(report: Report) -> Result:
    """The anonymous peer survey on the cycle's impact (hidden below four respondents)."""
    return survey_view(report, PEER_IMPACT_SURVEY, "peer survey on the cycle's impact",
                       not_yet=f"surveys.csv has no '{PEER_IMPACT_SURVEY}' survey yet: ask at least four peers, "
                               "anonymously, whether the cycle changed learning and practice in their rooms.")


# -- live ----------------------------------------------------------------------------------------

def peer_set_form(report: Report, visitor: str = "") -> w.VBox:
    """Live: a question and tool crafted with a peer (host teacher, cycle, question, tool, focus)."""
    return live_form(report, "slrc_cycles", fixed={"visitor": visitor} if visitor else None,
                     redraw=lambda _rows: common_aim(report, visitor), session="common aim")


def video_form(report: Report, teacher: str = "") -> w.VBox:
    """Live: a facilitation video's title, date and link."""
    fixed: dict[str, object] = {"credential": "facilitating_peer_reflection", "kind": "video"}
    if teacher:
        fixed["teacher"] = teacher
    return live_form(report, "artifacts", fixed=fixed, columns=["teacher", "title", "date", "location", "note"],
                     redraw=lambda _rows: facilitation(report, teacher), session="facilitation videos")


def reflection_form(report: Report, teacher: str = "") -> w.VBox:
    """Live: an answer to one of the reflection questions (choose the prompt)."""
    return live_form(report, "reflections", fixed={"teacher": teacher} if teacher else None,
                     redraw=lambda _rows: facilitation(report, teacher), session="facilitation reflection")


def facilitation_forms(report: Report, teacher: str = "") -> w.Tab:
    """Live: the video links and the reflection answers, one tab each."""
    tabs = w.Tab(children=[video_form(report, teacher), reflection_form(report, teacher)])
    tabs.set_title(0, "Videos")
    tabs.set_title(1, "Reflection questions")
    return tabs


def quiz() -> w.VBox:
    """Live: the self-check on working in peers' classrooms (nothing saved)."""
    return self_check(PEERS_QUIZ)


def answers(report: Report) -> Result:
    """The self-check with the right answers and the reasons."""
    return answer_key(PEERS_QUIZ)


# -- summary.json ----------------------------------------------------------------------------------

def summary(report: Report) -> PeerClassroomsSummary:
    """The ``peer_classrooms`` section (read fresh)."""
    sets = _sets(report)
    per = _per_visitor(sets)
    artifacts = read(report, "artifacts").frame
    reflections = read(report, "reflections").frame
    return PeerClassroomsSummary.model_validate({
        "n_visitors": int(len(per)), "n_crafted": int(sets["crafted"].sum()),
        "n_collected": int(sets["collected"].sum()),
        "n_visitors_three_sets": int((per["n_collected"] >= NEEDED_SETS).sum()),
        "n_videos": int(((artifacts["credential"] == "facilitating_peer_reflection")
                         & (artifacts["kind"] == "video")).sum()),
        "n_facilitation_answers": int(reflections["prompt"].isin(FACILITATION_PROMPTS).sum()),
        "visitors": per.to_dict("records") if team_view(report) else None,
        "peer_impact": survey_brief(report, PEER_IMPACT_SURVEY),
    })


def publish(report: Report) -> PeerClassroomsSummary:
    """Write the ``peer_classrooms`` section of summary.json and return it."""
    found = summary(report)
    report.publish(found)
    return found
