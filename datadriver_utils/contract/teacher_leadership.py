"""The teacher-leadership tables of the data contract (notebooks 30-33 and the portfolio, 40).

The records the teacher-leadership micro-credentials ask for (Teaching Matters; shared/seeds
003), one file each, declared like every other table (:class:`~datadriver_utils.contract.schemas.TableSpec`)
and registered in :data:`~datadriver_utils.contract.schemas.TABLES` when the contract package is
imported (``datadriver_utils/contract/__init__.py``), so the loader, the templates, ``@needs``
and ``datadriver check`` treat them as any other file.  No column holds a student: seats,
minutes and the words "student" or "group" stand in for children.
"""

from __future__ import annotations

from datadriver_utils.contract.schemas import TABLES, ColumnRule, TableSpec

__all__ = [
    "ARTIFACTS", "ARTIFACT_CREDENTIALS", "ARTIFACT_KINDS", "MEETINGS", "REFLECTIONS", "REFLECTION_PROMPTS", "SCRIPTS",
    "SEATING_MAPS", "SLRC_CYCLES", "SLRC_TOOLS", "STUDENT_WORK", "TALLIES", "TEACHER_LEADERSHIP_TABLES", "VISITS",
    "VOICE_PLANS",
]

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

TEACHER_LEADERSHIP_TABLES: tuple[str, ...] = (
    "slrc_cycles", "tallies", "seating_maps", "scripts", "voice_plans", "student_work", "visits", "meetings",
    "artifacts", "reflections",
)
"""The teacher-leadership tables, in the order a teacher meets them."""

for _spec in (SLRC_CYCLES, TALLIES, SEATING_MAPS, SCRIPTS, VOICE_PLANS, STUDENT_WORK, VISITS, MEETINGS, ARTIFACTS,
              REFLECTIONS):
    TABLES.setdefault(_spec.key, _spec)
