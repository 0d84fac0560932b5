"""The micro-credentials the workbook tracks, and the evidence each asks for: declared as data.

Every micro-credential of shared/seeds 000 (Data Driver) and 003 (teacher leadership, Teaching
Matters) is a :class:`Credential`; each piece of evidence it asks for is an :class:`Evidence`
naming, in our own words, what is asked, where the team's folder holds it (the files, or the
``responses/`` folder the live forms save into), and the **rule** that says whether it is
complete -- a key of :data:`datadriver_utils.stats.portfolio.RULES`, so a rule is one small
function and the registry stays a table anyone can read (notebook 40 shows it).

Nothing here decides anything; :mod:`datadriver_utils.stats.portfolio` applies the rules.  A
requirement no file can show (agreeing to answer other teachers' questions, a passing
evaluation) is left out and said so in notebook 40.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["CREDENTIALS", "Credential", "Evidence", "by_credential", "registry_table"]


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: what is asked, which files hold it, and the rule that checks it."""

    id: str
    asks: str
    sources: tuple[str, ...]
    rule: str
    team_level: bool = False
    """True when the file has no teacher column and counts for every candidate of the team."""


@dataclass(frozen=True)
class Credential:
    """A micro-credential: its name, the seed it comes from, its stack and level, its evidence."""

    id: str
    name: str
    seed: str
    stack: str
    level: str
    evidence: tuple[Evidence, ...]


_CLASSROOM = "Advancing powerful student learning in my classroom"
_PEERS = "Advancing powerful student learning in peers' classrooms"
_SCHOOL = "Scaling powerful student learning in my school"
_CYCLES = ("slrc_cycles.csv", "tallies.csv", "seating_maps.csv", "scripts.csv")

CREDENTIALS: tuple[Credential, ...] = (
    Credential("data_driver", "Data Driver", "000", "Data Driver strand", "Capstone", (
        Evidence("overview", "Part 1: subject, grades, goal, standard, progress rating and the team's own "
                 "paragraph", ("team.yml",), "dd_overview", True),
        Evidence("snapshot", "Inquiry Cycle Snapshot: each strand's next steps and what happened, with pre/post "
                 "gains", ("team.yml", "assessments.csv"), "dd_snapshot", True),
        Evidence("common_assessment", "The common assessment given at the end of the cycle",
                 ("assessments.csv",), "dd_common_assessment", True),
        Evidence("pre_post_table", "Grade-level averages from a pre and a post assessment",
                 ("assessments.csv", "students.csv"), "dd_pre_post_table", True),
    )),
    Credential("focusing_on_student_learning", "Focusing on Student Learning", "003", _CLASSROOM, "Building skills", (
        Evidence("two_cycles", "Two whole cycles in the teacher's own classroom: question, tool, data, "
                 "considerations, next steps", _CYCLES, "slrc_own_cycles"),
        Evidence("cycle_two_rule", "Cycle 2 keeps the question when cycle 1 did not satisfy, takes a new one "
                 "when it did", ("slrc_cycles.csv",), "slrc_cycle_rule"),
    )),
    Credential("listening_to_student_voice", "Listening to Student Voice", "003", _CLASSROOM, "Building skills", (
        Evidence("focus_area", "The focus area, with its results from the first administration",
                 ("voice_plans.csv", "surveys.csv"), "voice_focus"),
        Evidence("action_plan", "What, for which students, and a timeline between the two administrations",
                 ("voice_plans.csv",), "voice_plan"),
        Evidence("reflection", "A reflection with the second administration's data",
                 ("voice_plans.csv", "surveys.csv"), "voice_reflection"),
    )),
    Credential("looking_at_student_work", "Looking at Student Work", "003", _CLASSROOM, "Building skills", (
        Evidence("presenting", "Work the teacher presented: protocol, reflections, next steps",
                 ("student_work.csv",), "lasw_presenting"),
        Evidence("facilitating", "A discussion the teacher facilitated: protocol, guiding question, reflections",
                 ("student_work.csv",), "lasw_facilitating"),
    )),
    Credential("understanding_improvement", "Understanding Improvement", "003", _CLASSROOM, "Building skills", (
        Evidence("two_tests", "Two complete PDSA tests: question, prediction, measure, results",
                 ("pdsa.csv",), "pdsa_two_tests", True),
    )),
    Credential("using_improvement_methods", "Using Improvement Methods to Advance Student Learning", "003",
               _CLASSROOM, "Demonstrating impact", (
        Evidence("run_chart", "An annotated run chart with at least 15 data points",
                 ("run_chart.csv",), "run_chart_15", True),
    )),
    Credential("sharing_improvement_strategies", "Sharing Improvement Strategies", "003", _CLASSROOM,
               "Leading learning", (
        Evidence("pdsa_and_run_chart", "The PDSA tracker and the run chart", ("pdsa.csv", "run_chart.csv"),
                 "share_pdsa_run_chart", True),
        Evidence("artifacts", "Related artifacts and the lessons learned", ("artifacts.csv", "reflections.csv"),
                 "share_artifacts"),
    )),
    Credential("establishing_a_common_aim", "Establishing a Common Aim", "003", _PEERS, "Building skills", (
        Evidence("three_sets", "Three Student Learning Questions with their tools, crafted for a peer's classroom",
                 ("slrc_cycles.csv",), "common_aim_sets"),
    )),
    Credential("collecting_data", "Collecting Data", "003", _PEERS, "Building skills", (
        Evidence("three_data_sets", "Three sets of student learning data from a peer's classroom, with their "
                 "questions", _CYCLES, "collected_sets"),
    )),
    Credential("facilitating_peer_reflection", "Facilitating Peer Reflection", "003", _PEERS, "Building skills", (
        Evidence("first_video", "A video of the teacher facilitating the reflection protocol", ("artifacts.csv",),
                 "video_first"),
        Evidence("second_video", "A second video, after more practice", ("artifacts.csv",), "video_second"),
        Evidence("reflection", "Answers to the three reflection questions", ("reflections.csv",),
                 "facilitation_reflection"),
    )),
    Credential("soliciting_feedback_from_peers", "Soliciting Feedback from Peers", "003", _PEERS,
               "Demonstrating impact", (
        Evidence("peer_survey", "An anonymous survey of at least four peers on the cycle's impact in their rooms",
                 ("surveys.csv",), "peer_survey", True),
    )),
    Credential("building_will", "Building Will", "003", _SCHOOL, "Building skills", (
        Evidence("first_four", "Names and dates of cycle visits with four peers", ("visits.csv",), "will_first_four"),
        Evidence("eight_more", "Names and dates of those four visiting eight more peers", ("visits.csv",),
                 "will_eight_more"),
    )),
    Credential("measuring_impact", "Measuring Impact on Student Learning", "003", _SCHOOL, "Demonstrating impact", (
        Evidence("eight_sheets", "Eight reflection sheets: two cycles for each of the four peers",
                 ("visits.csv", *_CYCLES), "impact_sheets"),
        Evidence("increase", "The cycles show student learning increasing", ("visits.csv", "slrc_cycles.csv"),
                 "impact_increase"),
    )),
    Credential("considering_impact_on_culture", "Considering Impact on Culture", "003", _SCHOOL,
               "Demonstrating impact", (
        Evidence("two_surveys", "The learning group surveyed at the start and about six months later",
                 ("surveys.csv",), "culture_two_surveys", True),
        Evidence("themes", "Trends and themes the group finds significant", ("reflections.csv",), "culture_themes"),
    )),
    Credential("building_skills_in_others", "Building Skills in Others", "003", _SCHOOL, "Leading learning", (
        Evidence("agendas", "Agendas of the group of 5 and of the group of 13", ("meetings.csv",), "agendas"),
        Evidence("confidence_survey", "End-of-year survey of the group's confidence in observing and facilitating",
                 ("surveys.csv",), "confidence_survey", True),
    )),
    Credential("sharing_learning", "Sharing Learning", "003", _SCHOOL, "Leading learning", (
        Evidence("presentation_artifacts", "Artifacts of the presentation (description, photos, agenda)",
                 ("artifacts.csv",), "presentation_artifacts"),
        Evidence("synopsis", "A synopsis of the presentation", ("reflections.csv",), "presentation_synopsis"),
    )),
)
"""Every tracked micro-credential, Data Driver first, then seed 003 in its order."""


def by_credential() -> dict[str, Credential]:
    """:data:`CREDENTIALS` by id."""
    return {c.id: c for c in CREDENTIALS}


def registry_table() -> pd.DataFrame:
    """The registry as a table: ``credential, stack, evidence, asks, sources, rule, team_level``."""
    return pd.DataFrame([{"credential_id": c.id, "credential": c.name, "seed": c.seed, "stack": c.stack,
                          "level": c.level, "evidence_id": e.id, "asks": e.asks, "sources": ", ".join(e.sources),
                          "rule": e.rule, "team_level": e.team_level}
                         for c in CREDENTIALS for e in c.evidence])
