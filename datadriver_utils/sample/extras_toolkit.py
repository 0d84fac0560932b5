"""Sample perception surveys, data inventory, dissemination schedule and workshop captures.

These follow the District Data Team Toolkit (Massachusetts ESE, Module 1): the inventory
sorts every element into Bernhardt's four data domains (demographics, perceptions, student
outcomes, school processes), the dissemination schedule says who sees what at which level of
detail, and the workshop activities (team self-assessment, barriers, collection
self-assessment, vision, concerns, managing change) are saved as captured responses. The
surveys follow the teacher-leadership micro-credentials: student voice before and after,
peer feedback from at least four colleagues, a culture survey six months apart.

Planted findings:

* district-data-team: daily attendance collected twice (two owners, two systems), an element
  nobody uses (blank ``use``), and a student-level list released to the school board.
* summit-high-algebra: no element in the perceptions domain.
* cedar-elementary-k2: only three peer-feedback respondents (fewer than the four required),
  and a collection self-assessment weakest on timeliness and completeness.
* Workshop captures: each team's own top barriers, weakest functions and collection practices,
  and a peak stage of concern (CBAM, Hall & Hord); the district team disagrees (ratings 1 to 4)
  on whether everyone tells the same story about the vision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from datadriver_utils.sample.profiles import TeamProfile
from datadriver_utils.workshop.content import (
    BARRIERS,
    CHANGE_ACTIONS,
    COLLECTION_SELF_ASSESSMENT,
    CONCERNS_ITEMS,
    TEAM_SELF_ASSESSMENT,
    VISION_COMPONENTS,
    VISION_HALLMARKS,
    VISION_ROLES,
)
from datadriver_utils.workshop.store import ResponseStore

__all__ = [
    "FEW_PEERS",
    "survey_tables",
    "inventory_elements",
    "dissemination_schedule",
    "write_responses",
    "ACTIVITIES",
]

FEW_PEERS: dict[str, int] = {"cedar-elementary-k2": 3}
"""Teams whose peer-feedback survey drew fewer than the four respondents it needs."""

# survey, item, construct, text, reverse scored, change from first to second administration
_SURVEY_ITEMS: tuple[tuple[str, str, str, str, bool, float], ...] = (
    ("student_voice", "SV1", "belonging", "I feel like I belong in this class.", False, 0.0),
    ("student_voice", "SV2", "belonging", "I often feel left out in this class.", True, 0.0),
    ("student_voice", "SV3", "belonging", "My classmates help me when I am stuck.", False, 0.0),
    ("student_voice", "SV4", "feedback", "My teacher's comments show me how to make my work better.", False, 0.7),
    ("student_voice", "SV5", "feedback", "After a quiz I know what to practise next.", False, 0.6),
    ("student_voice", "SV6", "challenge", "This class makes me think hard.", False, 0.35),
    ("student_voice", "SV7", "challenge", "My teacher expects me to explain my thinking.", False, 0.4),
    ("peer_feedback", "PF1", "facilitation", "Our meetings stay focused on student work.", False, 0.0),
    ("peer_feedback", "PF2", "facilitation", "Everyone on the team gets a chance to speak.", False, 0.0),
    ("peer_feedback", "PF3", "use of evidence", "Decisions we make are backed by data we looked at together.", False, 0.0),
    ("peer_feedback", "PF4", "use of evidence", "I can explain to a colleague what our data show.", False, 0.0),
    ("peer_feedback", "PF5", "collaboration", "I leave meetings with something I will try in my classroom.", False, 0.0),
    ("culture", "C1", "trust", "I can admit a lesson went badly without fear of blame.", False, 0.2),
    ("culture", "C2", "trust", "I worry that data will be used to judge me.", True, 0.3),
    ("culture", "C3", "collaboration", "Colleagues share materials and ideas freely.", False, 0.3),
    ("culture", "C4", "collaboration", "We plan lessons together at least once a month.", False, 0.25),
    ("culture", "C5", "data use", "I look at student results with colleagues to decide what to reteach.", False, 0.5),
    ("culture", "C6", "data use", "Our school's data are easy for me to get to.", False, 0.45),
)
_SURVEY_PLAN = {  # survey: (id prefix, administrations, mean of the 1-5 latent, chance of skipping an administration)
    "student_voice": ("S", ("pre", "post"), 3.2, 0.08),
    "peer_feedback": ("R", ("post",), 3.9, 0.0),
    "culture": ("T", ("2025-09", "2026-03"), 3.1, 0.07),
}


def _respondents(survey: str, profile: TeamProfile, rng: np.random.Generator) -> list[str]:
    prefix = _SURVEY_PLAN[survey][0]
    if survey == "student_voice":
        n, width = min(profile.n_students, int(rng.integers(26, 37))), 3
    elif survey == "peer_feedback":
        n, width = FEW_PEERS.get(profile.team_id, max(4, len(profile.members))), 1
    else:
        n, width = int(rng.integers(14, 21)), 2
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


def survey_tables(profile: TeamProfile, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``surveys.csv`` and ``survey_items.csv`` for the team's three surveys.

    A respondent's answer is the rounded sum of their own leaning, the item's change at the
    later administration and noise, kept on the 1-5 scale; a reverse-scored item is answered
    as 6 minus that, so scoring must flip it back. Belonging is built to stay flat while
    feedback, challenge and the culture constructs rise.
    """
    items = pd.DataFrame(_SURVEY_ITEMS, columns=["survey", "item", "construct", "item_text", "reverse", "change"])
    frames = []
    for survey, (_, administrations, mean, skip) in _SURVEY_PLAN.items():
        people = _respondents(survey, profile, rng)
        leaning = rng.normal(mean, 0.5, len(people))
        its = items[items["survey"] == survey]
        for order, administration in enumerate(administrations):
            present = rng.random(len(people)) >= skip
            for item in its.itertuples(index=False):
                raw = leaning[present] + order * item.change + rng.normal(0, 0.7, int(present.sum()))
                answer = np.clip(np.rint(raw), 1, 5)
                answer = np.where(item.reverse, 6 - answer, answer)
                answer = np.where(rng.random(len(answer)) < 0.02, np.nan, answer)
                frames.append(pd.DataFrame({
                    "survey": survey, "administration": administration,
                    "respondent": np.array(people)[present], "item": item.item, "response": answer,
                }))
    item_table = items.assign(scale_min=1, scale_max=5, reverse_scored=np.where(items["reverse"], "yes", "no"))
    columns = ["survey", "item", "construct", "item_text", "scale_min", "scale_max", "reverse_scored"]
    return pd.concat(frames, ignore_index=True), item_table[columns]


_INVENTORY_COLUMNS = ["element", "domain", "source_system", "owner", "frequency", "available", "access", "use", "scope", "school"]
# element, domain, source system, owner, frequency, access, use, scope ("school" rows get the team's school)
_SCHOOL_ELEMENTS: tuple[tuple[str, ...], ...] = (
    ("Enrollment and grade level", "demographics", "PowerSchool", "Registrar", "daily", "all staff", "class lists and staffing", "district"),
    ("English learner status", "demographics", "PowerSchool", "EL coordinator", "annually", "teachers", "language supports and grouping", "district"),
    ("Special education status", "demographics", "PowerSchool", "Special education office", "as updated", "case managers", "service planning", "district"),
    ("Student voice survey", "perceptions", "Google Forms", "{lead}", "twice a year", "data team", "how students experience feedback and challenge", "school"),
    ("Staff culture survey", "perceptions", "Google Forms", "{principal}", "twice a year", "data team", "tracking trust and collaboration", "school"),
    ("Family survey", "perceptions", "District survey platform", "Family engagement office", "annually", "principals", "school improvement plan", "district"),
    ("Common assessment results", "student outcomes", "Illuminate", "{lead}", "3 times a year", "teachers", "goal setting and reteaching", "school"),
    ("State test scores", "student outcomes", "State reporting portal", "Assessment office", "annually", "principals", "accountability and placement", "district"),
    ("Exit tickets", "student outcomes", "Teacher spreadsheet", "Classroom teachers", "daily", "teachers", "run chart and next-day groups", "school"),
    ("Benchmark screener", "student outcomes", "i-Ready", "Assessment office", "3 times a year", "teachers", "flagging students for intervention", "district"),
    ("Daily attendance", "school processes", "PowerSchool", "Attendance clerk", "daily", "all staff", "attendance follow-up", "school"),
    ("Assignment completion", "school processes", "Gradebook", "Classroom teachers", "weekly", "teachers", "checking completion against results", "school"),
    ("Course grades", "school processes", "Gradebook", "Classroom teachers", "each quarter", "counselors", "report cards and intervention", "school"),
    ("PDSA cycle log", "school processes", "Shared drive", "{lead}", "each cycle", "data team", "recording what we tried and learned", "school"),
)
_DISTRICT_ELEMENTS: tuple[tuple[str, ...], ...] = (
    ("Enrollment and grade level", "demographics", "PowerSchool", "Student information office", "daily", "all staff", "staffing and budget", "district", ""),
    ("English learner status", "demographics", "PowerSchool", "EL office", "annually", "principals", "language services", "district", ""),
    ("Free or reduced-price lunch eligibility", "demographics", "Nutrition services system", "Nutrition services", "annually", "data team", "funding and subgroup reports", "district", ""),
    ("Student voice survey", "perceptions", "Google Forms", "Jasmine Ortiz", "twice a year", "data team", "classroom climate", "school", "Maple Elementary School"),
    ("Staff culture survey", "perceptions", "District survey platform", "Dr. Alma Reyes", "twice a year", "principals", "tracking trust and collaboration", "district", ""),
    ("Family survey", "perceptions", "District survey platform", "Family engagement office", "annually", "principals", "school improvement plans", "district", ""),
    ("Fraction check results", "student outcomes", "Illuminate", "Priya Natarajan", "3 times a year", "teachers", "the fractions goal and reteaching", "district", ""),
    ("State test scores", "student outcomes", "State reporting portal", "Marcus Bell", "annually", "principals", "accountability and placement", "district", ""),
    ("Reading benchmark", "student outcomes", "i-Ready", "Cedar literacy team", "3 times a year", "teachers", "flagging students for intervention", "school", "Cedar Elementary School"),
    ("Algebra I common assessment", "student outcomes", "Illuminate", "Summit math department", "each unit", "teachers", "reteaching and placement", "school", "Summit High School"),
    ("Daily attendance", "school processes", "PowerSchool", "Attendance clerks", "daily", "all staff", "state reporting and truancy follow-up", "district", ""),
    ("Daily attendance", "school processes", "Teacher attendance spreadsheet", "Classroom teachers", "daily", "teachers", "calls home", "district", ""),
    ("Course grades", "school processes", "Gradebook", "River Middle teachers", "each quarter", "counselors", "report cards and intervention", "school", "River Middle School"),
    ("Discipline referrals", "school processes", "PowerSchool", "Oak Middle assistant principal", "daily", "principals", "behaviour supports", "school", "Oak Middle School"),
    ("Bus ridership counts", "school processes", "Transportation log", "Transportation office", "daily", "transportation staff", "", "district", ""),
    ("Professional development attendance", "school processes", "Birch Elementary sign-in sheets", "Lena Fischer", "each session", "principals", "planning coaching", "school", "Birch Elementary School"),
)


def inventory_elements(profile: TeamProfile, rng: np.random.Generator) -> pd.DataFrame:
    """``inventory.csv``: the team's data inventory (Toolkit 1.5), 10-16 elements.

    The district team's list repeats daily attendance from two owners and two systems and has
    one element with no use; summit-high-algebra has no perceptions element at all.
    """
    if profile.level == "district":
        frame = pd.DataFrame(_DISTRICT_ELEMENTS, columns=[c for c in _INVENTORY_COLUMNS if c != "available"])
    else:
        names = {"lead": profile.members[0][0], "principal": _principal(profile)}
        rows = [tuple(cell.format(**names) for cell in row) for row in _SCHOOL_ELEMENTS]
        frame = pd.DataFrame(rows, columns=[c for c in _INVENTORY_COLUMNS if c not in ("available", "school")])
        frame["school"] = np.where(frame["scope"] == "school", profile.school, "")
        if profile.team_id == "summit-high-algebra":  # the planted gap: no perceptions data
            frame = frame[frame["domain"] != "perceptions"]
    frame["available"] = np.where(rng.random(len(frame)) < 0.85, "yes", "partly")
    frame = frame.replace("", None)
    return frame[_INVENTORY_COLUMNS].reset_index(drop=True)


def _principal(profile: TeamProfile) -> str:
    leaders = [name for name, role, _ in profile.members if "principal" in role.lower()]
    return leaders[0] if leaders else "Principal"


def dissemination_schedule(profile: TeamProfile, rng: np.random.Generator) -> pd.DataFrame:
    """``dissemination.csv`` (Toolkit 1.7): who receives which data, when, at what detail.

    Student-level rows go only to teachers, counselors or the data team, except the district
    team's planted row: a student-level list sent to the school board.
    """
    lead = profile.members[0][0]
    principal = _principal(profile)
    goal = ", ".join(profile.goal_standards)
    rows = [
        ("Common assessment results by student and standard", "teachers", "heat map", "October", "3 times a year", "student-level", lead),
        ("Common assessment summary by section", "principals", "bar chart", "October", "3 times a year", "aggregate", lead),
        (f"Progress toward the goal on {goal}", "district leaders", "one-page summary", "2026-02-06", "twice a year", "aggregate", principal),
        ("Weekly run chart of the team measure", "data team", "annotated run chart", "September", "weekly", "aggregate", lead),
        ("Student voice survey results", "teachers", "construct bar chart", "2026-02-13", "twice a year", "aggregate", lead),
        ("Students needing intervention", "counselors", "class list", "November", "each quarter", "student-level", lead),
        ("School progress newsletter", "families", "short chart with text", "January", "each semester", "aggregate", principal),
        ("School results dashboard", "public", "web dashboard", "2026-03-02", "annually", "aggregate", principal),
    ]
    if profile.level == "district":
        rows[2] = ("District fraction results by school", "district leaders", "table by school", "December", "3 times a year", "aggregate", "Marcus Bell")
        rows.append(("Fraction check results by school", "school board", "slide deck", "2026-01-20", "twice a year", "aggregate", "Dr. Alma Reyes"))
        rows.append(("Fraction check list of students below 70%", "school board", "spreadsheet", "2026-02-17", "once", "student-level", "Marcus Bell"))
    keep = np.sort(rng.choice(np.arange(1, 8), size=int(rng.integers(5, 8)), replace=False))  # row 0 always kept
    chosen = [rows[0], *(rows[i] for i in keep), *rows[8:]]
    columns = ["element", "audience", "display", "release", "cadence", "access_level", "owner"]
    return pd.DataFrame(chosen, columns=columns)


ACTIVITIES = (
    "team_self_assessment", "barriers", "collection_self_assessment", "vision_components",
    "vision_rubric", "vision_statement", "concerns", "change_actions",
)
"""The workshop activities saved for every team that has ``responses`` in its files."""

@dataclass(frozen=True)
class _Emphasis:
    """What a team's workshop answers stress: ids rated as heavy barriers or weak practices,
    and the stage of concern (CBAM, Hall & Hord) its members voice most."""

    barriers: tuple[str, ...] = ()
    collection: tuple[str, ...] = ()
    hallmarks: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    stage: int = 3


_EMPHASIS: dict[str, _Emphasis] = {
    "district-data-team": _Emphasis(("political_use", "no_time"), ("tools", "secure"), ("same_story",),
                                    ("professional_development",), 4),
    "maple-elementary-g3": _Emphasis(("no_time",), ("documented",), ("strategy",), ("communication",), 5),
    "cedar-elementary-k2": _Emphasis(("important_data_missing", "no_time"), ("timely", "complete"),
                                     ("what_matters",), ("data_management",), 3),
    "river-middle-g7-math": _Emphasis(("results_kept_apart", "personal_yardstick"), ("accurate",),
                                      ("real_challenges",), ("analysis",), 2),
    "summit-high-algebra": _Emphasis(("judgement_over_evidence",), ("purpose", "trained"), ("ownership",),
                                     ("communication", "vision"), 1),
}


def _grid(profile: TeamProfile, items: list[str]) -> pd.DataFrame:
    """Every member against every item: the long ``member, item`` frame of a workshop rating."""
    members = [name for name, _, _ in profile.members]
    return pd.MultiIndex.from_product([members, items], names=["member", "item"]).to_frame(index=False)


def _ratings(profile: TeamProfile, items: list[str], weak: tuple[str, ...], centre: float,
             rng: np.random.Generator) -> pd.DataFrame:
    """Long ``member, item, rating`` on the 1-4 scale; ``weak`` items rate about a point lower."""
    grid = _grid(profile, items)
    raw = centre - 1.2 * grid["item"].isin(weak).to_numpy() + rng.normal(0, 0.35, len(grid))
    return grid.assign(rating=np.clip(np.rint(raw), 1, 4).astype(int))


def _concerns(profile: TeamProfile, peak: int, rng: np.random.Generator) -> pd.DataFrame:
    """Concerns items 0-7: highest at the team's peak stage, lower the further a stage is from it."""
    grid = _grid(profile, [item.id for item in CONCERNS_ITEMS])
    stage = grid["item"].map({item.id: item.stage for item in CONCERNS_ITEMS})
    raw = 6.5 - 1.6 * (stage - peak).abs() + rng.normal(0, 0.6, len(grid))
    return grid.assign(rating=np.clip(np.rint(raw), 0, 7).astype(int))


def _vision_components(profile: TeamProfile) -> pd.DataFrame:
    """Components x roles with two filled cells and one component the group added."""
    table = pd.DataFrame({"component": [c.name for c in VISION_COMPONENTS],
                          **{role.id: "" for role in VISION_ROLES}})
    subject = profile.subject.lower()
    table.loc[0, "administration"] = f"Say plainly that {subject} exit-ticket data will never be used in evaluations."
    table.loc[2, "teachers"] = "Keep one team meeting a week for looking at student work together."
    added = {"component": "Families as partners",
             "schoolwide": f"Share the {subject} goal and our progress at conferences."}
    return pd.concat([table, pd.DataFrame([added])], ignore_index=True).fillna("")


def _change_actions(profile: TeamProfile, rng: np.random.Generator) -> pd.DataFrame:
    """Change tracker (Toolkit 1.9): one concrete action for five of the seven steps."""
    steps = [CHANGE_ACTIONS[i] for i in sorted(rng.choice(len(CHANGE_ACTIONS), 5, replace=False))]
    members = [name for name, _, _ in profile.members]
    goal = ", ".join(profile.goal_standards)
    actions = {
        "build_awareness": f"Open each staff meeting with one slide on the {goal} goal.",
        "understand_concerns": "Run a ten-minute concerns check-in at the October meeting.",
        "model_process": "Share our own data overview with the staff before asking others for theirs.",
        "manage_process": "Update the data inventory and the dissemination schedule.",
        "monitor_process": "Review each section's run chart every other week.",
        "build_capacity": "Coach two colleagues through their first item analysis.",
        "celebrate": "Name one gain from the run chart in the family newsletter.",
    }
    due = [dt.date(2025, 10, 10) + dt.timedelta(weeks=3 * i) for i in range(len(steps))]
    status = ["done", "done", "in progress", "in progress", "not started"]
    return pd.DataFrame({
        "step": [step.id for step in steps], "action": [actions[step.id] for step in steps],
        "owner": [members[i % len(members)] for i in range(len(steps))],
        "due": pd.to_datetime(due), "status": status,
    })


def _vision_statement(profile: TeamProfile) -> dict[str, object]:
    draft = (f"At {profile.school}, we look at evidence together every week so that each student "
             f"in {profile.subject} gets the next lesson they need. We use data to ask better "
             "questions about our teaching, never to blame, and we share what we learn with "
             "students and families.")
    return {"draft": draft, "version": 2, "agreed_by": [name for name, _, _ in profile.members]}


def write_responses(folder: Path, profile: TeamProfile, rng: np.random.Generator) -> list[Path]:
    """Save every workshop activity of :data:`ACTIVITIES` under ``folder`` (the team's ``responses``).

    Ratings follow :mod:`datadriver_utils.stats.ratings` (long ``member, item, rating``); the scales
    are those of :mod:`datadriver_utils.workshop.content` (1-4, concerns 0-7). Saves go through
    :class:`~datadriver_utils.workshop.store.ResponseStore`, so the files look like a real workshop's.
    Save times are fixed workshop times (one activity every 20 minutes from 3:30 pm on
    2025-10-01) and file-name suffixes come from ``rng``, so a second run reproduces the
    files byte for byte.
    """
    times = iter(
        dt.datetime(2025, 10, 1, 15, 30, tzinfo=dt.UTC) + dt.timedelta(minutes=20 * i)
        for i in range(len(ACTIVITIES))
    )
    store = ResponseStore(folder.parent, clock=lambda: next(times),
                          suffix=lambda: f"{int(rng.integers(0, 16**6)):06x}")
    stress = _EMPHASIS.get(profile.team_id, _Emphasis())
    self_weak = tuple(s.id for s in TEAM_SELF_ASSESSMENT if s.group in stress.functions)
    tables = {
        "team_self_assessment": _ratings(profile, [s.id for s in TEAM_SELF_ASSESSMENT], self_weak, 3.0, rng),
        "barriers": _ratings(profile, [b.id for b in BARRIERS], (), 1.8, rng),
        "collection_self_assessment": _ratings(
            profile, [s.id for s in COLLECTION_SELF_ASSESSMENT], stress.collection, 3.0, rng),
        "vision_components": _vision_components(profile),
        "vision_rubric": _ratings(profile, [h.id for h in VISION_HALLMARKS], stress.hallmarks, 2.9, rng),
        "concerns": _concerns(profile, stress.stage, rng),
        "change_actions": _change_actions(profile, rng),
    }
    barriers = tables["barriers"]  # the team's own barriers weigh heavier (1 = not a barrier here)
    heavy = barriers["item"].isin(stress.barriers)
    barriers.loc[heavy, "rating"] = np.clip(barriers.loc[heavy, "rating"] + 2, 1, 4)
    if "same_story" in stress.hallmarks:  # members tell very different stories about the vision
        rubric = tables["vision_rubric"]
        split = rubric["item"] == "same_story"
        rubric.loc[split, "rating"] = np.resize([1, 4, 2, 3], int(split.sum()))
    session, facilitator = f"{profile.team_id} workshop", profile.members[0][0]
    paths = []
    for activity in ACTIVITIES:
        if activity == "vision_statement":
            path = store.save_record(activity, _vision_statement(profile), session=session, facilitator=facilitator)
        else:
            path = store.save_table(activity, tables[activity], session=session, facilitator=facilitator)
        paths.append(path)
    return paths
