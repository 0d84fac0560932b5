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

__all__ = [
    "ColumnRule", "RowRule", "TableSpec", "TABLES", "CORE_TABLES", "SUBGROUP_COLUMNS", "SCORE_TYPES",
    "SCORES_WITHOUT_MAXIMUM", "OVERALL_STANDARD", "LEADERSHIP_TABLES", "KEY_CORRECTIONS",
]

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
    expected: bool = True
    """False for a record kept only when something happened (a corrected answer key): its
    absence is normal, so it is never listed among the files not yet supplied."""

    @property
    def template(self) -> str:
        """Template file name in ``sample_data/templates/``."""
        return self.file

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


SCORE_TYPES: tuple[str, ...] = ("points", "scale", "percentile", "percent")
"""What ``points`` holds on an assessment row; a blank ``score_type`` means points."""

SCORES_WITHOUT_MAXIMUM: tuple[str, ...] = ("scale", "percentile")
"""Score types whose rows may leave ``points_possible`` empty (a scale score has no maximum)."""

OVERALL_STANDARD = "overall"
"""The ``standard`` of a row holding a whole test's score (a MAP RIT, a Star or i-Ready scale score)."""

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
        ColumnRule("points", kind="number", minimum=0, description="Points earned, or the score of score_type."),
        ColumnRule(
            "points_possible", kind="number", nullable=True, minimum=0, minimum_inclusive=False,
            description="Points available; may be empty when score_type is scale or percentile.",
        ),
        ColumnRule(
            "score_type", required=False, nullable=True, allowed=SCORE_TYPES,
            description="points (blank), scale, percentile or percent.",
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
        RowRule("possible_needed", "points_possible",
                "points_possible is blank: it may be left empty only for scale and percentile scores. Fill in "
                "the points available, or put scale or percentile in a score_type column."),
        RowRule("percent_within_100", "points",
                "a percentile or percent score must be between 0 and 100."),
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
        ColumnRule("target", kind="number", required=False, nullable=True,
                   description="the value the team aims for; drawn as a line on the run chart"),
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

CORE_TABLES: tuple[str, ...] = ("students", "assessments")
"""The tables most teams start with; every other table is optional until a notebook needs it."""


# -- assessment literacy and leadership moves (notebooks 06 and 21) ------------------------------
# Kept in their own block so that other notebooks' tables can be added beside them without
# touching these lines.

TRAININGS = TableSpec(
    key="trainings",
    file="trainings.csv",
    purpose="The training catalog: who needs which data or assessment-literacy training, by when, and whether it is done.",
    columns=(
        ColumnRule("person", description="The member of staff who needs the training."),
        ColumnRule("role", required=False, nullable=True),
        ColumnRule("training", description="The training's name, the same words on every row."),
        ColumnRule("topic", required=False, nullable=True,
                   description="What it covers, e.g. scale scores; percentiles (glossary terms)."),
        ColumnRule("due", kind="date", nullable=True, description="Needed by (YYYY-MM-DD)."),
        ColumnRule("completed_on", kind="date", required=False, nullable=True,
                   description="Blank until the training is done."),
        ColumnRule("provider", required=False, nullable=True),
    ),
    unique_by=("person", "training"),
)

BENCHMARK_LINKS = TableSpec(
    key="benchmark_links",
    file="benchmark_links.csv",
    purpose="The benchmark one-pager: a grade-level pattern, the practice observed and the micro-change tried.",
    columns=(
        ColumnRule("grade", kind="grade", description="The grade whose pattern this is."),
        ColumnRule("standard", required=False, nullable=True,
                   description="The standard the pattern is about; blank for the whole assessment."),
        ColumnRule("pattern_window", description="The assessment window where the pattern was seen."),
        ColumnRule("check_window", description="The next window, where the micro-change is checked."),
        ColumnRule("pattern", description="The pattern in words."),
        ColumnRule("practice_observed", description="The classroom practice observed that may explain it."),
        ColumnRule("micro_change", description="The small change the teacher tries."),
        ColumnRule("teacher", required=False, nullable=True),
        ColumnRule("observed_on", kind="date", required=False, nullable=True),
        ColumnRule("cut_score", kind="number", required=False, nullable=True, minimum=0,
                   description="For scale scores: the benchmark cut of this grade and window."),
    ),
    unique_by=("grade", "standard", "pattern_window", "micro_change"),
)

WALKTHROUGHS = TableSpec(
    key="walkthroughs",
    file="walkthroughs.csv",
    purpose="Walkthrough look-fors (school-process evidence): one row per visit and look-for, seen or not.",
    columns=(
        ColumnRule("date", kind="date"),
        ColumnRule("classroom", description="Room, section or teacher visited (shown to the team only)."),
        ColumnRule("observer", required=False, nullable=True),
        ColumnRule("look_for", description="What the observer looked for, the same words on every visit."),
        ColumnRule("seen", kind="flag", description="yes if the look-for was seen during the visit."),
        ColumnRule("note", required=False, nullable=True),
    ),
    unique_by=("date", "classroom", "look_for"),
)

FEEDBACK_LOG = TableSpec(
    key="feedback_log",
    file="feedback_log.csv",
    purpose="The bite-size feedback log: what was observed, what impact a tool had, which evidence, what feedback.",
    columns=(
        ColumnRule("date", kind="date"),
        ColumnRule("teacher", description="Who received the feedback (shown to the team only)."),
        ColumnRule("observer", required=False, nullable=True),
        ColumnRule("observed", description="What was observed, in a sentence."),
        ColumnRule("tool", required=False, nullable=True, description="The tool or practice looked at, e.g. a math app."),
        ColumnRule("impact", allowed=("helped", "hindered", "no clear effect", "not yet known"),
                   description="What the tool did for students at that time."),
        ColumnRule("evidence", allowed=("progress data", "teacher feedback", "student reflection",
                                        "walkthrough", "student work", "other"),
                   description="The evidence the feedback rests on."),
        ColumnRule("feedback", description="The feedback given: one small, concrete point."),
        ColumnRule("next_step", required=False, nullable=True),
    ),
)

LEADERSHIP_TABLES: tuple[TableSpec, ...] = (TRAININGS, BENCHMARK_LINKS, WALKTHROUGHS, FEEDBACK_LOG)
"""The tables of notebooks 06 (trainings) and 21 (links, walkthroughs, feedback)."""

TABLES.update({spec.key: spec for spec in LEADERSHIP_TABLES})


# -- corrected answer keys (notebook 11) ----------------------------------------------------------

KEY_CORRECTIONS = TableSpec(
    key="key_corrections",
    file="key_corrections.csv",
    purpose="Answer keys the team corrected after the test: the item is rescored from the responses in "
            "assessments.csv with the corrected key (notebook 11 shows its statistics before and after).",
    columns=(
        ColumnRule("item_id", description="The item whose key was wrong, as in assessments.csv."),
        ColumnRule("window", required=False, nullable=True,
                   description="The window it applies to; blank for every window the item was given in."),
        ColumnRule("key", description="The correct option, e.g. C."),
        ColumnRule("corrected_on", kind="date", required=False, nullable=True,
                   description="When the team corrected it (YYYY-MM-DD)."),
        ColumnRule("note", required=False, nullable=True, description="Why, in a sentence."),
    ),
    unique_by=("item_id", "window"),
    expected=False,
)
TABLES[KEY_CORRECTIONS.key] = KEY_CORRECTIONS
