"""The optional files of a sample team: processes, PDSA cycles, run chart, and what they planted.

:func:`write_extras` writes every optional file a :class:`TeamProfile` lists in ``files`` and
returns the ``next_steps`` / ``actions`` entries of team.yml (the four Data Driver strands:
assessor, data analyst, goal setter, researcher). Surveys, the data inventory, the
dissemination schedule and the workshop captures come from :mod:`.extras_toolkit`.

Planted findings (each one is checked in ``tests/sample/test_sample_extras.py``):

* river-middle-g7-math: high assignment completion and mostly A/B grades against low
  proficiency on the common assessment, the discrepancy check of the practitioner article in
  /work/shared/seeds (Bernhardt's school-processes domain set against student learning); and a
  run chart with no signal under the Anhøj rules (qicharts2) or the IHI rules (Perla, Provost
  & Murray 2011), built from runs of one or two points so no run, shift or trend can form.
* maple-elementary-g3: a run chart whose points after the change all sit above the baseline,
  a real shift by either rule set.
* cedar-elementary-k2: a run chart with fewer than the 15 points the rules need, one of them
  dated before the cycle (timeliness), and many blank grades and completion rates
  (completeness).

All randomness comes from the generator passed in, so a seed reproduces every file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from datadriver_utils.sample.core import CYCLE_END, CYCLE_START, CoreData
from datadriver_utils.sample.extras_toolkit import (
    dissemination_schedule,
    inventory_elements,
    survey_tables,
    write_responses,
)
from datadriver_utils.sample.profiles import TeamProfile

__all__ = [
    "STRANDS",
    "write_extras",
    "processes_table",
    "pdsa_table",
    "run_chart_table",
    "strand_notes",
    "school_days",
]

WriteCsv = Callable[[Path, pd.DataFrame], None]
STRANDS = ("assessor", "data_analyst", "goal_setter", "researcher")
BREAKS = ((dt.date(2025, 11, 24), dt.date(2025, 11, 28)), (dt.date(2025, 12, 22), dt.date(2026, 1, 2)))
"""Thanksgiving week and winter break: no lessons, so no run-chart points or cycle starts."""
_LETTERS = ((90, "A"), (80, "B"), (70, "C"), (60, "D"), (-1, "F"))
_CHART_SIZES = {"shift": (10, 14), "flat": (8, 14), "drift": (5, 13)}
"""Run-chart points before and after the change; even counts keep each phase of a paired
series half above and half below its median (see :func:`_paired_values`)."""
_HICCUPS = (
    "two lessons were lost to a fire drill and an assembly",
    "a substitute covered three days and skipped the routine",
    "state testing practice took one week",
    "it ran as planned in most sections",
    "one section started a week late after a schedule change",
)


@dataclass(frozen=True)
class Cycle:
    """One PDSA cycle as the team wrote it up."""

    question: str
    change_idea: str
    prediction: str
    study: str
    act: str


@dataclass(frozen=True)
class Story:
    """What a team is trying and measuring; ``chart_cycle`` is the cycle the run chart annotates."""

    measure: str
    cycles: tuple[Cycle, ...]
    chart: str
    chart_cycle: int = 0
    target: float | None = None
    """The value the team aims for on the run chart (from its first cycle's prediction); None: no target."""


STORIES: dict[str, Story] = {
    "district-data-team": Story(
        "% of grade 4-6 classrooms entering fraction check results within a week",
        (
            Cycle("Will one shared entry template shorten the time from giving the fraction check to seeing results?",
                  "One district entry template with drop-down scores",
                  "On-time entry reaches 80% of classrooms by November.",
                  "On-time entry climbed from about 60% into the high 70s; two schools kept their own spreadsheets.",
                  "Adopt the template and retire the school-made spreadsheets."),
            Cycle("If principals bring fraction results to their monthly walkthrough debriefs, do small groups become more targeted?",
                  "Fraction results on the agenda of monthly principal debriefs",
                  "Most debriefs end with a named small-group change.",
                  "Five of seven principals named a change; notes from the other two were missing.",
                  "Adapt: add a one-line debrief form so every school reports back."),
            Cycle("Can attendance be entered once and shared, instead of collected twice?",
                  "Single attendance feed from the student information system to the teacher log",
                  "Teachers spend less time on attendance and the two counts stop disagreeing.",
                  "Pilot schools cut duplicate entry, but the feed broke twice in December.",
                  "Adapt: fix the nightly feed before rolling it out to every school."),
        ),
        chart="drift",
    ),
    "maple-elementary-g3": Story(
        "% of exit-ticket answers that cite evidence from the text",
        (
            Cycle("Will a two-minute vocabulary preview help students answer questions about the text?",
                  "Two-minute vocabulary preview before the read-aloud",
                  "Exit tickets rise about 5 points within four weeks.",
                  "Scores moved up and down as before: students knew the words but answered from memory.",
                  "Abandon as the main change; keep the preview as a habit and look at how students use the text."),
            Cycle("Does an underline-and-number routine for proof sentences raise text-based answers?",
                  "Underline-and-number evidence routine in every reading block",
                  "At least 70% of exit-ticket answers cite the text by December.",
                  "Every exit ticket since the start sits above the old median: a sustained shift of more than 10 points.",
                  "Adopt: all four sections keep the routine and it goes into the grade 3 planning guide."),
        ),
        chart="shift",
        chart_cycle=1,
    ),
    "cedar-elementary-k2": Story(
        "% of students reading the weekly decodable passage at benchmark",
        (
            Cycle("Will ten minutes of daily small-group phonics practice raise decoding accuracy?",
                  "Daily 10-minute phonics groups formed by skill",
                  "Half of the students below benchmark move up by November.",
                  "Groups met about three days a week because of assemblies; too few weekly checks to call it a change.",
                  "Adapt: protect the block in the master schedule and keep the weekly check going."),
            Cycle("Does a Friday take-home decodable book add practice that shows up in class?",
                  "Friday take-home decodable books",
                  "Passage accuracy rises 5 points by January.",
                  "Books came back unevenly across rooms; the chart is still too short to read with confidence.",
                  "Adapt: add a family note in home languages and keep tracking."),
        ),
        chart="short",
    ),
    "river-middle-g7-math": Story(
        "% of students correct on the daily proportional-reasoning exit ticket",
        (
            Cycle("Will a daily warm-up on unit rates raise exit-ticket accuracy?",
                  "Five-minute unit-rate warm-up",
                  "Exit tickets climb from about 50% to 60% in five weeks.",
                  "Students liked the warm-up, but exit tickets stayed near 50%.",
                  "Abandon the warm-up as it stands and ask why grades and completion are high while proficiency is low."),
            Cycle("If homework is checked for accuracy instead of completion, does proportional reasoning improve?",
                  "Accuracy-based homework check with a correction step",
                  "Homework accuracy and exit tickets both rise within a month.",
                  "Homework accuracy was far below completion, and exit tickets still bounce around 50%: no run, shift or trend on the chart.",
                  "Continue, and compare homework accuracy with the post assessment at the end of January."),
            Cycle("Does scoring one constructed-response item together each week align our expectations?",
                  "Weekly common scoring of one constructed-response item",
                  "Our scores on the same papers agree within one point.",
                  "Agreement rose from 5 in 10 papers to 8 in 10 after three sessions.",
                  "Adopt for the spring units."),
        ),
        chart="flat",
        chart_cycle=1,
        target=60.0,  # cycle 1: "from about 50% to 60%"
    ),
    "summit-high-algebra": Story(
        "% of students solving the daily linear-equation warm-up correctly",
        (
            Cycle("Will worked examples paired with a similar practice problem help students solve multi-step equations?",
                  "Worked example and you-try pairs at the start of class",
                  "Warm-up accuracy rises 10 points by November.",
                  "Accuracy drifted up about 6 points; English learners gained most when steps were labelled.",
                  "Adapt: label every step and add sentence frames for explaining it."),
            Cycle("Do sentence frames help English learners turn word problems into equations?",
                  "Sentence frames for writing equations from word problems",
                  "Most English learners write a correct equation on three of four tasks.",
                  "Equations improved, solving them did not keep pace; attendance gaps hurt two sections.",
                  "Adopt the frames; ask the counselor to follow up on students missing two or more classes a week."),
        ),
        chart="drift",
        target=70.0,  # cycle 1: "rises 10 points" from about 60
    ),
}


def school_days(weekdays: tuple[int, ...], start: dt.date = CYCLE_START, end: dt.date = CYCLE_END) -> list[dt.date]:
    """Days from ``start`` to ``end`` on the given weekdays (Monday = 0), skipping :data:`BREAKS`."""
    days = pd.date_range(start, end, freq="D").date
    return [d for d in days if d.weekday() in weekdays and not any(a <= d <= b for a, b in BREAKS)]


def _story(profile: TeamProfile) -> Story:
    generic = Cycle(f"Will a short daily review of {profile.goal_standards[0]} raise students' accuracy?",
                    f"Daily five-minute review of {profile.goal_standards[0]}", "Accuracy rises within a month.",
                    "Accuracy rose a little; too early to tell.", "Continue for another cycle.")
    fallback = Story("% of exit-ticket questions answered correctly", (generic, generic), "drift")
    return STORIES.get(profile.team_id, fallback)


def processes_table(profile: TeamProfile, core: CoreData, rng: np.random.Generator) -> pd.DataFrame:
    """Completion, letter grade and attendance per student, tracking post-assessment ability.

    A team whose story has ``"discrepancy"`` gets the article's pattern instead: completion
    near 92% and mostly A/B grades whatever the student's ability, so only the common
    assessment reveals how few are proficient.
    """
    ability = core.ability.set_index("student_id")["post"].reindex(core.students["student_id"]).to_numpy()
    z = (ability - ability.mean()) / ability.std()
    n = len(z)
    if "discrepancy" in profile.story:
        completion = 92 + 1.5 * z + rng.normal(0, 4, n)
        score = 86 + 3 * z + rng.normal(0, 4.5, n)
    else:
        completion = 80 + 9 * z + rng.normal(0, 7, n)
        score = 78 + 9 * z + rng.normal(0, 5, n)
    attendance = np.where(rng.random(n) < 0.06, rng.uniform(70, 88, n), 95 + 1.5 * z + rng.normal(0, 2.5, n))
    letters = pd.cut(score, [-np.inf, *[cut for cut, _ in reversed(_LETTERS[:-1])], np.inf], right=False,
                     labels=[letter for _, letter in reversed(_LETTERS)]).astype(object)
    frame = pd.DataFrame({
        "student_id": core.students["student_id"].to_numpy(),
        "section": core.students["section"].to_numpy(),
        "assignment_completion_pct": np.clip(completion, 15, 100).round(1),
        "course_grade": letters,
        "attendance_pct": np.clip(attendance, 50, 100).round(1),
    })
    blank_rate = 0.12 if "collection" in profile.story else 0.02  # cedar: a completeness problem
    rates = {"assignment_completion_pct": blank_rate, "course_grade": blank_rate, "attendance_pct": 0.01}
    for column, rate in rates.items():
        frame.loc[rng.random(n) < rate, column] = None
    return frame


def _cycle_dates(n_cycles: int) -> list[tuple[dt.date, dt.date]]:
    """Consecutive cycles from the fourth week of the inquiry cycle (after three weeks of
    baseline data) to its last Friday."""
    mondays = school_days((0,), CYCLE_START + dt.timedelta(days=21))
    starts = [mondays[round(i * (len(mondays) - 1) / n_cycles)] for i in range(n_cycles)]
    fridays = school_days((4,))
    ends = [max(f for f in fridays if f < nxt) for nxt in starts[1:]] + [fridays[-1]]
    return list(zip(starts, ends, strict=True))


def pdsa_table(profile: TeamProfile, rng: np.random.Generator) -> pd.DataFrame:
    """The team's Plan-Do-Study-Act tracker, one row per cycle, dates inside the inquiry cycle."""
    story = _story(profile)
    rows = []
    for number, (cycle, (start, end)) in enumerate(zip(story.cycles, _cycle_dates(len(story.cycles)), strict=True), 1):
        k = int(rng.integers(1, len(profile.sections) + 1))
        rows.append({
            "cycle": number,
            "question": cycle.question,
            "change_idea": cycle.change_idea,
            "prediction": cycle.prediction,
            "measure": story.measure,
            "plan": f"{profile.members[0][0]} leads; try it in {k} of {len(profile.sections)} sections "
                    f"from {start:%B} {start.day} to {end:%B} {end.day} and record the measure each week.",
            "do": f"Done on about {int(rng.integers(70, 98))}% of planned days; {rng.choice(_HICCUPS)}.",
            "study": cycle.study,
            "act": cycle.act,
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
        })
    return pd.DataFrame(rows)


def _paired_values(n: int, level: float, rng: np.random.Generator) -> np.ndarray:
    """``n`` (even) values around ``level`` in pairs, one point above and one below in random order.

    Every even-length stretch that starts on a pair is then half above and half below its own
    median, with runs of at most two points: no Anhøj long run (the limit is at least 6 for
    8+ points), no IHI shift (6 points), no IHI trend (5 rising points would need a run of 3
    on one side), and at least one crossing per pair.
    """
    first = np.where(rng.random(n // 2) < 0.5, 1.0, -1.0)
    signs = np.column_stack([first, -first]).ravel()
    return np.round(level + signs * rng.uniform(1.5, 7.0, n), 1)


def _spread(days: list[dt.date], count: int) -> list[dt.date]:
    """``count`` of ``days``, evenly spaced, first and last included (never the same day twice)."""
    if count > len(days):
        raise ValueError(f"only {len(days)} lesson days to place {count} run-chart points on")
    return [days[i] for i in np.linspace(0, len(days) - 1, count).round().astype(int)]


def run_chart_table(profile: TeamProfile, rng: np.random.Generator) -> pd.DataFrame:
    """The team's run chart: the story's measure over lesson dates, annotated where the change began."""
    story = _story(profile)
    change_start = _cycle_dates(len(story.cycles))[story.chart_cycle][0]
    if story.chart == "short":  # 11 weekly checks, the first before the cycle began
        dates = [dt.date(2025, 9, 12), *school_days((4,), dt.date(2025, 9, 19))[:10]]
    else:  # lessons on Tuesdays and Thursdays, the change on the first lesson after it started
        days = school_days((1, 3))
        n_before, n_after = _CHART_SIZES[story.chart]
        dates = _spread([d for d in days if d < change_start], n_before)
        dates += _spread([d for d in days if d >= change_start], n_after)
    n = len(dates)
    change_row = next(i for i, d in enumerate(dates) if d >= change_start)
    if story.chart == "shift":  # each phase flat on its own, the second well above the first
        values = np.concatenate([_paired_values(change_row, 58.0, rng), _paired_values(n - change_row, 76.0, rng)])
    elif story.chart == "flat":  # the change made no difference: one flat series
        values = _paired_values(n, 51.0, rng)
    else:
        values = 60 + 12 * np.arange(n) / n + rng.normal(0, 4, n)
    annotation: list[str | None] = [None] * n
    annotation[change_row] = f"Started: {story.cycles[story.chart_cycle].change_idea}"
    table = pd.DataFrame({
        "date": [d.isoformat() for d in dates],
        "value": np.clip(values, 0, 100).round(1),
        "measure": story.measure,
        "annotation": annotation,
    })
    if story.target is not None:  # on every row, like a target line in a spreadsheet (no blank cells)
        table["target"] = story.target
    return table


def strand_notes(profile: TeamProfile) -> dict[str, dict[str, str]]:
    """team.yml ``next_steps`` and ``actions``: one sentence per Data Driver strand."""
    story = _story(profile)
    change = story.cycles[story.chart_cycle].change_idea.lower()
    goal = ", ".join(profile.goal_standards)
    next_steps = {
        "assessor": f"Check every item on {goal} against its answer key and standard before the post window.",
        "data_analyst": f"Break the pre/post results on {goal} down by section and student group.",
        "goal_setter": f"Set a spring target for {goal} from this cycle's growth, not from a guess.",
        "researcher": f"Keep tracking '{story.measure}' while the team tries the {change}.",
    }
    actions = {
        "assessor": "Two items were reworded after the pre window; the rest matched their standard.",
        "data_analyst": "Shared a one-page breakdown at the December team meeting.",
        "goal_setter": "Drafted a spring target and checked it against last year's growth.",
        "researcher": "Logged the measure each week on the run chart and marked the week the change began.",
    }
    if "discrepancy" in profile.story:
        next_steps["data_analyst"] = ("Put assignment completion and course grades next to common-assessment "
                                      "proficiency for every section.")
        actions["data_analyst"] = ("Found completion above 90% and mostly A and B grades while fewer than half "
                                   "were proficient.")
    if "assessor" in profile.story:
        next_steps["assessor"] = "Find out why one multiple-choice item was missed mostly by our strongest students."
        actions["assessor"] = "The item was scored against the wrong key; we corrected the key and rescored it."
    if story.chart == "shift":
        actions["researcher"] = "The run chart showed a sustained rise after the change started, so we kept it."
    if story.chart == "short":
        next_steps["researcher"] = "Keep the weekly passage check going until the run chart has at least 15 points."
        actions["researcher"] = "We have only 11 points so far, one dated before the cycle began; collection continues."
    if not profile.files:
        waiting = "Not started yet: the team has only its roster and assessment results so far."
        actions = dict.fromkeys(STRANDS, waiting)
    return {"next_steps": next_steps, "actions": actions}


def write_extras(
    team_dir: Path, profile: TeamProfile, core: CoreData, rng: np.random.Generator, write_csv: WriteCsv
) -> dict[str, object]:
    """Write the optional files ``profile.files`` names into ``team_dir``; return team.yml extras.

    Tables go through ``write_csv`` (dates as ISO text, flags as yes/no); workshop captures go
    to ``team_dir / "responses"``. Returns ``{"next_steps": ..., "actions": ...}`` for every
    team, also one that has supplied no optional file yet.
    """
    for name in profile.files:
        if name == "processes":
            write_csv(team_dir / "processes.csv", processes_table(profile, core, rng))
        elif name == "pdsa":
            write_csv(team_dir / "pdsa.csv", pdsa_table(profile, rng))
        elif name == "run_chart":
            write_csv(team_dir / "run_chart.csv", run_chart_table(profile, rng))
        elif name == "surveys":
            responses, items = survey_tables(profile, rng)
            write_csv(team_dir / "surveys.csv", responses)
            write_csv(team_dir / "survey_items.csv", items)
        elif name == "inventory":
            write_csv(team_dir / "inventory.csv", inventory_elements(profile, rng))
        elif name == "dissemination":
            write_csv(team_dir / "dissemination.csv", dissemination_schedule(profile, rng))
        elif name == "responses":
            write_responses(team_dir / "responses", profile, rng)
        else:
            raise ValueError(f"unknown optional file '{name}' in the profile of {profile.team_id}")
    return dict(strand_notes(profile))
