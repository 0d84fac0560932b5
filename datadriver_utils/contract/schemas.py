"""What each table in a team folder must hold, declared once and checked with pandera.

Each table is a :class:`TableSpec`: its file name, the template a team starts from, why the
workbook needs it, and its columns as :class:`ColumnRule` objects. Checking runs in two passes
(see :mod:`datadriver_utils.contract.validate`): first every cell is checked *as typed* (is it a
number, a grade, an ISO date?), then the parsed values are checked for ranges, allowed values,
duplicates and relations between columns. Two passes because pandera stops checking a column
whose type coercion failed (FIELD_NOTES, "Loading what schools export"), and a team should see
every problem at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["ColumnRule", "RowRule", "TableSpec", "TABLES", "CORE_TABLES", "SUBGROUP_COLUMNS",
           "LEADERSHIP_TABLES", "REFLECTION_PROMPTS", "ARTIFACT_CREDENTIALS", "ARTIFACT_KINDS", "SLRC_TOOLS"]

ColumnKind = Literal["text", "number", "grade", "date", "flag"]

SUBGROUP_COLUMNS: tuple[str, ...] = ("ell", "sped", "frl", "gender", "race_ethnicity", "section")
"""Optional columns of students.csv that reports may break results down by."""


@dataclass(frozen=True)
class ColumnRule:
    """One column: its kind, whether it must exist and be filled, and its allowed values."""

    name: str
    kind: ColumnKind = "text"
    required: bool = True
    nullable: bool = False
    minimum: float | None = None
    minimum_inclusive: bool = True
    maximum: float | None = None
    allowed: tuple[str, ...] | None = None
    description: str = ""


@dataclass(frozen=True)
class RowRule:
    """A rule across columns of one row, e.g. points may not exceed points possible."""

    name: str
    column: str
    message: str


@dataclass(frozen=True)
class TableSpec:
    """A table of the data contract."""

    key: str
    file: str
    purpose: str
    columns: tuple[ColumnRule, ...]
    unique_by: tuple[str, ...] = ()
    row_rules: tuple[RowRule, ...] = field(default_factory=tuple)

    @property
    def template(self) -> str:
        """Template file name in ``sample_data/templates/``."""
        return self.file

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


_ID = "Identifier as your student information system shows it; leading zeros are kept."

STUDENTS = TableSpec(
    key="students",
    file="students.csv",
    purpose="The roster: every student the team's results are about.",
    columns=(
        ColumnRule("student_id", description=_ID),
        ColumnRule("grade", kind="grade", description="K or 1-12."),
        *(ColumnRule(name, required=False, nullable=True) for name in SUBGROUP_COLUMNS),
    ),
    unique_by=("student_id",),
)

ASSESSMENTS = TableSpec(
    key="assessments",
    file="assessments.csv",
    purpose="Results of the common assessment, one row per student, window and standard (or item).",
    columns=(
        ColumnRule("student_id", description=_ID),
        ColumnRule("window", description="pre, post, or a window listed in team.yml."),
        ColumnRule("standard", description="Standard code, e.g. 7.RP.A.2."),
        ColumnRule("points", kind="number", minimum=0, description="Points earned."),
        ColumnRule(
            "points_possible", kind="number", minimum=0, minimum_inclusive=False,
            description="Points available.",
        ),
        ColumnRule("assessment", required=False, nullable=True),
        ColumnRule("item_id", required=False, nullable=True),
        ColumnRule("date", kind="date", required=False, nullable=True),
        ColumnRule("response", required=False, nullable=True, description="Option chosen, e.g. B."),
        ColumnRule("key", required=False, nullable=True, description="Correct option, e.g. C."),
    ),
    unique_by=("student_id", "window", "standard", "item_id"),
    row_rules=(
        RowRule("points_within_possible", "points", "points are more than points_possible for this row."),
    ),
)

PROCESSES = TableSpec(
    key="processes",
    file="processes.csv",
    purpose="School-process evidence (assignment completion, course grades, attendance) to set against results.",
    columns=(
        ColumnRule("student_id", required=False, nullable=True),
        ColumnRule("section", required=False, nullable=True),
        ColumnRule("assignment_completion_pct", kind="number", nullable=True, minimum=0, maximum=100),
        ColumnRule("course_grade", nullable=True, description="A-F letter, or 0-100."),
        ColumnRule("attendance_pct", kind="number", required=False, nullable=True, minimum=0, maximum=100),
    ),
)

PDSA = TableSpec(
    key="pdsa",
    file="pdsa.csv",
    purpose="Plan-Do-Study-Act cycles: the changes the team tried and what it learned.",
    columns=(
        ColumnRule("cycle", kind="number", minimum=1),
        ColumnRule("question"),
        ColumnRule("change_idea"),
        ColumnRule("prediction", nullable=True),
        ColumnRule("measure", nullable=True),
        ColumnRule("plan", nullable=True),
        ColumnRule("do", nullable=True),
        ColumnRule("study", nullable=True),
        ColumnRule("act", nullable=True),
        ColumnRule("start_date", kind="date", nullable=True),
        ColumnRule("end_date", kind="date", nullable=True),
    ),
    unique_by=("cycle",),
)

RUN_CHART = TableSpec(
    key="run_chart",
    file="run_chart.csv",
    purpose="A measure tracked over time (at least 15 points) for the annotated run chart.",
    columns=(
        ColumnRule("date", kind="date"),
        ColumnRule("value", kind="number", nullable=True),
        ColumnRule("annotation", required=False, nullable=True),
        ColumnRule("measure", required=False, nullable=True),
    ),
    unique_by=("date",),
)

SURVEYS = TableSpec(
    key="surveys",
    file="surveys.csv",
    purpose="Survey responses (student voice, peer feedback, culture and trust), one row per answer.",
    columns=(
        ColumnRule("survey"),
        ColumnRule("administration"),
        ColumnRule("respondent"),
        ColumnRule("item"),
        ColumnRule("response", kind="number", nullable=True),
    ),
    unique_by=("survey", "administration", "respondent", "item"),
)

SURVEY_ITEMS = TableSpec(
    key="survey_items",
    file="survey_items.csv",
    purpose="What each survey item asks, its construct and its scale.",
    columns=(
        ColumnRule("survey"),
        ColumnRule("item"),
        ColumnRule("construct"),
        ColumnRule("item_text"),
        ColumnRule("scale_min", kind="number"),
        ColumnRule("scale_max", kind="number"),
        ColumnRule("reverse_scored", kind="flag"),
    ),
    unique_by=("survey", "item"),
)

INVENTORY = TableSpec(
    key="inventory",
    file="inventory.csv",
    purpose="The data inventory: every data element collected, its domain, owner and use.",
    columns=(
        ColumnRule("element"),
        ColumnRule(
            "domain",
            allowed=("demographics", "perceptions", "student outcomes", "school processes"),
        ),
        ColumnRule("source_system", nullable=True),
        ColumnRule("owner", nullable=True),
        ColumnRule("frequency", nullable=True),
        ColumnRule("available", nullable=True),
        ColumnRule("access", nullable=True),
        ColumnRule("use", nullable=True),
        ColumnRule("scope", allowed=("district", "school")),
        ColumnRule("school", nullable=True),
    ),
)

DISSEMINATION = TableSpec(
    key="dissemination",
    file="dissemination.csv",
    purpose="The dissemination schedule: who receives which data, when, and at what level of detail.",
    columns=(
        ColumnRule("element"),
        ColumnRule("audience"),
        ColumnRule("display", nullable=True),
        ColumnRule("release"),
        ColumnRule("cadence", nullable=True),
        ColumnRule("access_level", allowed=("aggregate", "student-level")),
        ColumnRule("owner", nullable=True),
    ),
)

TABLES: dict[str, TableSpec] = {
    spec.key: spec
    for spec in (
        STUDENTS, ASSESSMENTS, PROCESSES, PDSA, RUN_CHART, SURVEYS, SURVEY_ITEMS, INVENTORY, DISSEMINATION,
    )
}
"""Every table of the contract, by key."""

# -- teacher leadership: notebooks 30-33 and the credential portfolio (40) -------------------------
# The records the teacher-leadership micro-credentials ask for (Teaching Matters; shared/seeds 003),
# one file each.  No column holds a student: seats, minutes and "student" stand in for children.

_TEACHER = "The teacher whose classroom the record is about, named as in team.yml members."
_CYCLE = "The Student Learning Reflection Cycle number in that teacher's classroom (1, 2, ...)."
SLRC_TOOLS = ("tally", "seating map", "scripting", "other")
"""Data collection tools of a Student Learning Reflection Cycle (allowed ``tool`` values)."""
REFLECTION_PROMPTS = ("facilitation_easier", "facilitation_tricky", "facilitation_strikes", "culture_themes",
                      "lessons_learned", "presentation_synopsis")
"""Ids of the written reflections the credentials ask for (their questions: workshop.leadership_content)."""
ARTIFACT_CREDENTIALS = ("facilitating_peer_reflection", "sharing_improvement_strategies", "sharing_learning")
"""Credentials whose evidence includes files or links (``artifacts.csv``)."""
ARTIFACT_KINDS = ("video", "assignment", "student work", "instructions", "lessons learned", "session description",
                  "photo", "agenda", "slides", "other")

SLRC_CYCLES = TableSpec(
    key="slrc_cycles",
    file="slrc_cycles.csv",
    purpose="Student Learning Reflection Cycles: one row per cycle (question, tool, data, considerations, next steps).",
    columns=(
        ColumnRule("teacher", description=_TEACHER),
        ColumnRule("cycle", kind="number", minimum=1, description=_CYCLE),
        ColumnRule("question", description="The Student Learning Question."),
        ColumnRule("tool", allowed=SLRC_TOOLS, description="How the data were collected."),
        ColumnRule("focus", nullable=True, description="What the tool records: the categories tallied, what is mapped."),
        ColumnRule("visitor", required=False, nullable=True,
                   description="The peer who crafted the question with the teacher and collected the data "
                               "(blank: the teacher collected them)."),
        ColumnRule("date", kind="date", nullable=True, description="When the data were collected."),
        ColumnRule("measure", required=False, nullable=True, description="What result_pct counts."),
        ColumnRule("result_pct", kind="number", required=False, nullable=True, minimum=0, maximum=100,
                   description="The cycle's headline figure: percent of students showing the learning."),
        ColumnRule("student_learning_data", nullable=True, description="What the data showed."),
        ColumnRule("considerations", nullable=True, description="What the teacher and peers made of it."),
        ColumnRule("next_steps", nullable=True),
        ColumnRule("satisfied", kind="flag", nullable=True, description="Satisfied with the results (yes/no)."),
        ColumnRule("changes", required=False, nullable=True,
                   description="Classroom changes designed for the next cycle when not yet satisfied."),
    ),
    unique_by=("teacher", "cycle"),
)

_TOOL_KEY = (ColumnRule("teacher", description=_TEACHER), ColumnRule("cycle", kind="number", minimum=1, description=_CYCLE))

TALLIES = TableSpec(
    key="tallies",
    file="tallies.csv",
    purpose="Tally sheets of a cycle: how often each category was seen in each time interval.",
    columns=(*_TOOL_KEY,
             ColumnRule("minute", kind="number", minimum=0, description="Start of the interval, minutes into the lesson."),
             ColumnRule("category", description="What was tallied, e.g. 'explains reasoning'."),
             ColumnRule("count", kind="number", minimum=0)),
    unique_by=("teacher", "cycle", "minute", "category"),
)

SEATING_MAPS = TableSpec(
    key="seating_maps",
    file="seating_maps.csv",
    purpose="Seating-chart maps of a cycle: how often the student in each seat did what was mapped.",
    columns=(*_TOOL_KEY,
             ColumnRule("seat_row", kind="number", minimum=1, description="Row of the seat, 1 at the front."),
             ColumnRule("seat_column", kind="number", minimum=1, description="Column of the seat, 1 on the left."),
             ColumnRule("count", kind="number", minimum=0, description="Times seen (0 for a student never seen).")),
    unique_by=("teacher", "cycle", "seat_row", "seat_column"),
)

SCRIPTS = TableSpec(
    key="scripts",
    file="scripts.csv",
    purpose="Scripting notes of a cycle: what was said or done, minute by minute (no student names).",
    columns=(*_TOOL_KEY,
             ColumnRule("minute", kind="number", minimum=0),
             ColumnRule("speaker", allowed=("teacher", "student", "group"), description="Who spoke: never a name."),
             ColumnRule("note")),
)

VOICE_PLANS = TableSpec(
    key="voice_plans",
    file="voice_plans.csv",
    purpose="Listening to Student Voice: the focus area from the first survey results, the action plan and the reflection.",
    columns=(
        ColumnRule("teacher", description=_TEACHER),
        ColumnRule("survey", description="The survey in surveys.csv, usually student_voice."),
        ColumnRule("construct", description="The focus area: a construct of that survey in survey_items.csv."),
        ColumnRule("action", description="What the teacher will do in the classroom."),
        ColumnRule("students", description="Which students: all, a class, a group (no names)."),
        ColumnRule("results_received", kind="date", description="When the first administration's results arrived."),
        ColumnRule("start", kind="date"),
        ColumnRule("end", kind="date"),
        ColumnRule("second_administration", kind="date", description="When students answer the survey again."),
        ColumnRule("reflection", nullable=True, description="What changed and what the teacher learned."),
    ),
    unique_by=("teacher", "survey", "construct"),
)

STUDENT_WORK = TableSpec(
    key="student_work",
    file="student_work.csv",
    purpose="Looking at Student Work: each discussion the teacher presented at or facilitated.",
    columns=(
        ColumnRule("teacher", description=_TEACHER),
        ColumnRule("role", allowed=("presenting", "facilitating")),
        ColumnRule("date", kind="date"),
        ColumnRule("protocol", description="The name of the protocol the group used."),
        ColumnRule("guiding_question", nullable=True),
        ColumnRule("student_work", description="The piece of work discussed (no student names)."),
        ColumnRule("reflection", nullable=True, description="On the process and the outcome, or on facilitating."),
        ColumnRule("next_steps", nullable=True, description="What the presenting teacher will do next."),
    ),
    unique_by=("teacher", "role", "date"),
)

VISITS = TableSpec(
    key="visits",
    file="visits.csv",
    purpose="Building Will: the leader's learning group, who visited whose classroom for a cycle and when.",
    columns=(
        ColumnRule("leader", description="The teacher leader whose learning group this is."),
        ColumnRule("visitor"),
        ColumnRule("host"),
        ColumnRule("date", kind="date"),
        ColumnRule("question", required=False, nullable=True, description="The Student Learning Question of the visit."),
    ),
    unique_by=("leader", "visitor", "host", "date"),
)

MEETINGS = TableSpec(
    key="meetings",
    file="meetings.csv",
    purpose="Building Skills in Others: the agendas of the learning group's meetings.",
    columns=(
        ColumnRule("leader"),
        ColumnRule("date", kind="date"),
        ColumnRule("group", allowed=("5", "13"),
                   description="5: the leader and the first four peers; 13: the whole learning group."),
        ColumnRule("attendees", kind="number", required=False, nullable=True, minimum=1),
        ColumnRule("agenda"),
    ),
    unique_by=("leader", "date", "group"),
)

ARTIFACTS = TableSpec(
    key="artifacts",
    file="artifacts.csv",
    purpose="Files and links offered as evidence: facilitation videos, shared PDSA materials, presentation artifacts.",
    columns=(
        ColumnRule("teacher", description=_TEACHER),
        ColumnRule("credential", allowed=ARTIFACT_CREDENTIALS),
        ColumnRule("kind", allowed=ARTIFACT_KINDS),
        ColumnRule("title"),
        ColumnRule("date", kind="date", nullable=True),
        ColumnRule("location", description="A file under the team's artifacts/ folder, or a link."),
        ColumnRule("note", required=False, nullable=True),
    ),
    unique_by=("teacher", "credential", "title"),
)

REFLECTIONS = TableSpec(
    key="reflections",
    file="reflections.csv",
    purpose="Written reflections the credentials ask for (facilitating, culture themes, lessons learned, synopsis).",
    columns=(
        ColumnRule("teacher", description=_TEACHER),
        ColumnRule("prompt", allowed=REFLECTION_PROMPTS),
        ColumnRule("date", kind="date", nullable=True),
        ColumnRule("text"),
    ),
    unique_by=("teacher", "prompt"),
)

LEADERSHIP_TABLES: tuple[str, ...] = (
    "slrc_cycles", "tallies", "seating_maps", "scripts", "voice_plans", "student_work", "visits", "meetings",
    "artifacts", "reflections",
)
"""The teacher-leadership tables, in the order a teacher meets them."""

TABLES.update((spec.key, spec) for spec in (
    SLRC_CYCLES, TALLIES, SEATING_MAPS, SCRIPTS, VOICE_PLANS, STUDENT_WORK, VISITS, MEETINGS, ARTIFACTS, REFLECTIONS,
))


CORE_TABLES: tuple[str, ...] = ("students", "assessments")
"""The tables most teams start with; every other table is optional until a notebook needs it."""
