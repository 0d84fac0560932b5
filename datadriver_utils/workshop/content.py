"""The fixed content of the workshop activities: functions, barriers, vision, change, concerns.

Sources, paraphrased in our own words (no sentence is copied):

* the ESE *District Data Team Toolkit*, Module 1 "Getting Ready" (Massachusetts Department of
  Elementary and Secondary Education): the five functions of a data team (activity 1.1), the
  seven barriers to data use after Ingram (2004), grouped as cultural, technical and political
  (1.2), the hallmarks of a clear vision (1.3), the data collection self-assessment (1.6) and
  the framework for managing change (1.9);
* the workshop "Learning Together: What Is a Data-Driven Vision?" (Doing What Works): the
  table of vision components against the people who act on them;
* the Concerns-Based Adoption Model (Hall & Hord): the seven stages of concern, see
  /work/shared/FIELD_NOTES.md "Stages of concern (CBAM)".

``CONCERNS_ITEMS`` are short items we wrote ourselves, two per stage. They are **not** the
items of the published 35-item Stages of Concern Questionnaire (SoCQ), which is copyrighted
together with its percentile norms; results from our items are raw-score profiles only.

Everything here is immutable (frozen dataclasses in tuples) so a notebook cannot change the
toolkit by accident; look items up by id with :func:`by_id`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Protocol, TypeVar

__all__ = [
    "BARRIERS", "BARRIER_CATEGORIES", "BARRIER_SCALE", "CHANGE_ACTIONS", "COLLECTION_SELF_ASSESSMENT",
    "CONCERNS_ITEMS", "CONCERNS_SCALE", "FIVE_FUNCTIONS", "MODULE1_QUIZ", "RATING_SCALE",
    "STAGES_OF_CONCERN", "TEAM_SELF_ASSESSMENT", "VISION_COMPONENTS", "VISION_HALLMARKS",
    "VISION_ROLES", "Barrier", "ChangeAction", "ConcernsItem", "Function", "Hallmark", "Label",
    "QuizQuestion", "ScalePoint", "Stage", "Statement", "by_id", "scale_range",
]


@dataclass(frozen=True)
class Function:
    """One of the five functions a district data team fulfils."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Barrier:
    """One of the seven barriers to data use; ``category`` is cultural, technical or political."""

    id: str
    name: str
    category: str
    description: str


@dataclass(frozen=True)
class Hallmark:
    """A rubric row for the vision: the hallmark and what "strong" looks like in practice."""

    id: str
    hallmark: str
    strong: str


@dataclass(frozen=True)
class Label:
    """A named row or column of a workshop table."""

    id: str
    name: str


@dataclass(frozen=True)
class ChangeAction:
    """One step of the toolkit's framework for managing the change to data use."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Stage:
    """A stage of concern (CBAM): number 0-6, name, what it sounds like, and what helps."""

    number: int
    name: str
    description: str
    what_helps: str


@dataclass(frozen=True)
class ConcernsItem:
    """One of our own concerns items, answered 0 (irrelevant) to 7 (very true of me now)."""

    id: str
    stage: int
    text: str


@dataclass(frozen=True)
class Statement:
    """A self-assessment statement; ``group`` is the function or topic it belongs to."""

    id: str
    group: str
    text: str


@dataclass(frozen=True)
class ScalePoint:
    """A point on a rating scale and the words a member sees next to it."""

    value: int
    label: str


@dataclass(frozen=True)
class QuizQuestion:
    """A self-check question: the options, the index of the right one, and why it is right."""

    question: str
    options: tuple[str, ...]
    correct: int
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


FIVE_FUNCTIONS: tuple[Function, ...] = (
    Function("vision", "Vision and policy management",
             "Sets out why and how the district uses data, models it, and keeps the rules for it."),
    Function("data_management", "Data management",
             "Chooses what data to gather, looks after the systems and who may reach them, "
             "and shapes displays people can read."),
    Function("analysis", "Inquiry, analysis and action",
             "Asks focusing questions and works through evidence to make district-wide choices "
             "about curriculum, staffing, resources and training."),
    Function("professional_development", "Professional development",
             "Builds the skill of departments, principals, school teams and teachers to use data."),
    Function("communication", "Communication and monitoring",
             "Shares questions and findings across the district and follows how schools use data "
             "and carry out their plans."),
)

BARRIER_CATEGORIES: tuple[str, ...] = ("cultural", "technical", "political")

BARRIERS: tuple[Barrier, ...] = (
    Barrier("personal_yardstick", "Personal yardsticks", "cultural",
            "Teachers judge their own teaching by measures that differ from the ones the state "
            "or the board uses."),
    Barrier("judgement_over_evidence", "Judgement over evidence", "cultural",
            "Choices rest on experience, instinct and stories more than on information gathered "
            "in a planned way."),
    Barrier("no_agreed_outcomes", "No agreed outcomes", "cultural",
            "People do not agree on which student outcomes matter most or which data are worth "
            "having."),
    Barrier("results_kept_apart", "Results kept apart from practice", "technical",
            "Some teachers do not connect students' results with their own work, so useful data "
            "go unread."),
    Barrier("important_data_missing", "The data that matter are missing", "technical",
            "Evidence about the outcomes teachers value most is seldom at hand and hard to measure."),
    Barrier("no_time", "No time for data", "technical",
            "Schools seldom set aside time to gather and study data."),
    Barrier("political_use", "Data used as a weapon", "political",
            "Data have been used for political ends, so people distrust them and stay away."),
)

VISION_HALLMARKS: tuple[Hallmark, ...] = (
    Hallmark("strategy", "Built into strategy and budget",
             "The district's plans and spending plainly follow from the vision for data use."),
    Hallmark("same_story", "Everyone tells the same story",
             "Asked why data matter for teaching and learning, people in every role give "
             "essentially the same answer."),
    Hallmark("ownership", "Shared belief and energy",
             "Staff talk about the work as theirs, are clear about it together and put energy "
             "into it."),
    Hallmark("real_challenges", "Past quick fixes",
             "Teams pass over easy patches and dig into the hard problems underneath."),
    Hallmark("what_matters", "Focus on what matters",
             "Small irritations do not pull people away from the few things that count most."),
)

VISION_COMPONENTS: tuple[Label, ...] = (
    Label("trust", "A culture of trust"),
    Label("communication", "Clear, regular talk about how to meet students' identified needs"),
    Label("collaboration_time", "Time set aside to work together"),
    Label("data_coach", "A data coach"),
    Label("professional_development", "Professional development on using data"),
)

VISION_ROLES: tuple[Label, ...] = (
    Label("administration", "Steps for administration"),
    Label("teachers", "Steps for teachers"),
    Label("data_team", "Steps for the data team"),
    Label("schoolwide", "Actions for the whole school"),
    Label("your_role", "What is your own part?"),
)

CHANGE_ACTIONS: tuple[ChangeAction, ...] = (
    ChangeAction("build_awareness", "Build awareness",
                 "Tie the vision to better outcomes for students, repeat it often, and explain "
                 "how the data team works."),
    ChangeAction("understand_concerns", "Understand concerns",
                 "Talk openly about the strain of change, listen and act on what staff raise, "
                 "and name what people feel they are losing."),
    ChangeAction("model_process", "Model the process",
                 "Show the way by doing: run the inquiry cycle in public and share the team's own "
                 "data overview and plans."),
    ChangeAction("manage_process", "Manage the process",
                 "Keep the data inventory and dissemination schedule current and get data sets "
                 "and displays to schools."),
    ChangeAction("monitor_process", "Monitor the process",
                 "Line up district and school questions, give teams feedback on their displays, "
                 "and help them follow their action plans."),
    ChangeAction("build_capacity", "Build capacity",
                 "Widen support, help schools form data teams, and train people in assessment "
                 "literacy and the data systems."),
    ChangeAction("celebrate", "Celebrate success",
                 "Notice and praise progress toward the culture of inquiry and toward better "
                 "results."),
)

STAGES_OF_CONCERN: tuple[Stage, ...] = (
    Stage(0, "Unconcerned (awareness)", "Little attention to the change; other work comes first.",
          "Build awareness: connect data use to something the person already cares about."),
    Stage(1, "Informational", "Wants to know what the change is and what it involves.",
          "Give clear, short information and examples from other schools."),
    Stage(2, "Personal", "Wonders what the change means for me, my time and how I am judged.",
          "Understand concerns: listen, reassure, and say how data will and will not be used."),
    Stage(3, "Management", "Busy with the logistics: time, organisation, materials.",
          "Manage the process: protected time, ready-made displays, simple routines."),
    Stage(4, "Consequence", "Asks how the change affects students.",
          "Monitor the process: share evidence of its effect on students."),
    Stage(5, "Collaboration", "Wants to coordinate the work with colleagues.",
          "Build capacity: give chances to plan and coach together."),
    Stage(6, "Refocusing", "Has ideas to improve on or replace the approach.",
          "Celebrate and build capacity: invite the person to lead a refinement."),
)

CONCERNS_SCALE: tuple[ScalePoint, ...] = (
    ScalePoint(0, "does not apply to me"), ScalePoint(1, "not true of me now"),
    ScalePoint(2, ""), ScalePoint(3, ""), ScalePoint(4, "somewhat true of me now"),
    ScalePoint(5, ""), ScalePoint(6, ""), ScalePoint(7, "very true of me now"),
)

CONCERNS_ITEMS: tuple[ConcernsItem, ...] = (
    ConcernsItem("soc0_a", 0, "Other work keeps me from thinking much about our use of data."),
    ConcernsItem("soc0_b", 0, "Using data in our meetings is not on my mind at the moment."),
    ConcernsItem("soc1_a", 1, "I would like to know more about what the inquiry cycle asks of us."),
    ConcernsItem("soc1_b", 1, "I want to see how other schools run their data meetings."),
    ConcernsItem("soc2_a", 2, "I wonder how working with data will change my own role and workload."),
    ConcernsItem("soc2_b", 2, "I worry about how my students' results will be seen by others."),
    ConcernsItem("soc3_a", 3, "Gathering and studying data takes more of my time than I have."),
    ConcernsItem("soc3_b", 3, "Keeping the data tasks organised alongside teaching is hard for me."),
    ConcernsItem("soc4_a", 4, "I want to know whether our work with data changes what students learn."),
    ConcernsItem("soc4_b", 4, "I think about how our data work reaches the students who struggle most."),
    ConcernsItem("soc5_a", 5, "I want to connect what I do with data to what my colleagues do."),
    ConcernsItem("soc5_b", 5, "I would like to help other teachers use data with their classes."),
    ConcernsItem("soc6_a", 6, "I have ideas that would make our data work better for students."),
    ConcernsItem("soc6_b", 6, "I would like to rework our approach to data so it works better."),
)

RATING_SCALE: tuple[ScalePoint, ...] = (
    ScalePoint(1, "not yet in place"), ScalePoint(2, "getting started"),
    ScalePoint(3, "mostly in place"), ScalePoint(4, "fully in place"),
)

BARRIER_SCALE: tuple[ScalePoint, ...] = (
    ScalePoint(1, "not a barrier here"), ScalePoint(2, "a small barrier"),
    ScalePoint(3, "a real barrier"), ScalePoint(4, "a major barrier"),
)

COLLECTION_SELF_ASSESSMENT: tuple[Statement, ...] = (
    Statement("timely", "quality", "Data reach the people who use them while they can still act."),
    Statement("accurate", "quality", "Data are checked, and errors are found and fixed."),
    Statement("complete", "quality", "Records are complete: few blanks and no missing students."),
    Statement("documented", "practice", "A shared handbook says how each element is collected and "
              "what its codes mean."),
    Statement("purpose", "people", "Those who collect data know what the data are used for."),
    Statement("trained", "people", "Those who collect data are trained and have time to do it well."),
    Statement("tools", "systems", "Collection tools are easy to use and feed other systems "
              "without retyping."),
    Statement("secure", "systems", "Access to student-level data is limited to those who need it."),
)

TEAM_SELF_ASSESSMENT: tuple[Statement, ...] = (
    Statement("vision_1", "vision", "We have a written vision for data use that staff can explain."),
    Statement("vision_2", "vision", "Leaders model data use and keep clear rules about it."),
    Statement("data_management_1", "data_management",
              "We know what data we collect, where they are kept and who can reach them."),
    Statement("data_management_2", "data_management", "Our data displays are clear to the people "
              "who read them."),
    Statement("analysis_1", "analysis", "We start each inquiry from a focusing question."),
    Statement("analysis_2", "analysis", "Our decisions about programmes and time follow from the "
              "evidence we studied."),
    Statement("professional_development_1", "professional_development",
              "Staff get training in reading and using the data they receive."),
    Statement("professional_development_2", "professional_development",
              "School teams get coaching as they run their own inquiries."),
    Statement("communication_1", "communication",
              "We share our questions and findings with schools and the community."),
    Statement("communication_2", "communication",
              "We follow how schools use data and how their action plans are going."),
)

MODULE1_QUIZ: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "Which of these is one of the five functions of a district data team?",
        ("Hiring teachers", "Professional development", "Writing the state test", "Setting budgets"),
        1, "The five are vision and policy, data management, inquiry and analysis, "
           "professional development, and communication and monitoring."),
    QuizQuestion(
        "'Data have been used against people here, so staff avoid them.' What kind of barrier?",
        ("Cultural", "Technical", "Political"),
        2, "Mistrust born of political use of data is the toolkit's one political barrier."),
    QuizQuestion(
        "Of Bernhardt's four kinds of data, which can a team change directly?",
        ("Demographics", "Perceptions", "Student outcomes", "Processes"),
        3, "Only processes, what adults do, can be changed directly; the rest move as a result."),
    QuizQuestion(
        "A colleague asks 'How will I find time to do all this?'. Which stage of concern?",
        ("Informational", "Personal", "Management", "Refocusing"),
        2, "Worries about time, logistics and organisation are management concerns (stage 3)."),
)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


def by_id(entries: Iterable[T]) -> dict[str, T]:
    """Entries keyed by their ``id``, in the toolkit's order."""
    return {entry.id: entry for entry in entries}


def scale_range(scale: Iterable[ScalePoint]) -> tuple[float, float]:
    """Lowest and highest value of a scale (``(1.0, 4.0)`` for :data:`RATING_SCALE`)."""
    values = [point.value for point in scale]
    return float(min(values)), float(max(values))
