"""The fictional Riverbend Unified School District: who its sample teams are.

Each :class:`TeamProfile` holds the knobs the generator turns to give a team its story: how
many students, which grades and standards, how much they grow, which files the team has
supplied so far, and which problems are planted for the notebooks to find.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["TeamProfile", "DISTRICT", "TEAMS"]

DISTRICT = {
    "name": "Riverbend Unified School District",
    "school_year": "2025-26",
    "school_year_start": "2025-08-18",
    "mission": "Every Riverbend student leaves us ready for the next step, and every adult uses evidence to help them get there.",
    "min_group_size": 10,
    "bottom_code_pct": 5,
    "top_code_pct": 95,
    "suppression_marker": "*",
}


@dataclass(frozen=True)
class TeamProfile:
    """How one sample team's data is generated."""

    team_id: str
    name: str
    school: str
    level: str
    subject: str
    grades: tuple[str, ...]
    n_students: int
    standards: tuple[str, ...]
    goal_statement: str
    goal_standards: tuple[str, ...]
    cut_pct: float
    target_pct: float
    growth: float
    """Mean growth on the logit scale between pre and post (0.8 is strong, 0.1 is weak)."""
    sections: tuple[str, ...]
    members: tuple[tuple[str, str, tuple[str, ...]], ...]
    files: tuple[str, ...] = (
        "processes", "pdsa", "run_chart", "surveys", "inventory", "dissemination", "responses",
    )
    """Optional files this team has supplied (students and assessments always)."""
    story: dict[str, str] = field(default_factory=dict)
    """Planted findings, by notebook, for tests and facilitator notes."""
    absent_post_rate: float = 0.08
    ability_shift: float = 0.0
    overview: str | None = None
    """The team's own paragraph for Part 1 of the Data Driver submission."""



TEAMS: tuple[TeamProfile, ...] = (
    TeamProfile(
        team_id="district-data-team",
        name="Riverbend District Data Team",
        school="Riverbend District Office",
        level="district",
        subject="Mathematics",
        grades=("4", "5", "6"),
        n_students=320,
        standards=("NF.A.1", "NF.B.3", "NBT.B.5", "MD.C.5"),
        goal_statement="By the end of the winter cycle, 65% of sampled grade 4-6 students will score at least 70% on fraction standards on the district common assessment.",
        goal_standards=("NF.A.1", "NF.B.3"),
        cut_pct=70,
        target_pct=65,
        growth=0.55,
        sections=("North", "Central", "South"),
        members=(
            ("Dr. Alma Reyes", "Assistant Superintendent", ("vision", "communication")),
            ("Marcus Bell", "Data and Assessment Director", ("data_management", "analysis")),
            ("Priya Natarajan", "Math Coordinator", ("analysis", "professional_development")),
            ("Tom Okafor", "Principal representative", ("vision",)),
            ("Lena Fischer", "IT Systems Lead", ("data_management",)),
        ),
        story={"dissemination": "student-level list released to the school board", "inventory": "redundant attendance collections"},
    ),
    TeamProfile(
        team_id="maple-elementary-g3",
        name="Maple Elementary Grade 3 Reading Team",
        school="Maple Elementary School",
        level="elementary",
        subject="English Language Arts",
        grades=("3",),
        n_students=78,
        standards=("RL.3.1", "RL.3.2", "RI.3.1", "L.3.4"),
        goal_statement="By January, 65% of third graders will reach 75% or better when answering text-dependent questions (RL.3.1, RI.3.1).",
        goal_standards=("RL.3.1", "RI.3.1"),
        cut_pct=75,
        target_pct=65,
        growth=1.6,
        ability_shift=0.3,
        sections=("3A", "3B", "3C", "3D"),
        members=(
            ("Jasmine Ortiz", "Grade 3 teacher, team leader", ("vision", "analysis")),
            ("Ben Carter", "Grade 3 teacher", ("analysis",)),
            ("Mei Chen", "Reading specialist", ("data_management", "professional_development")),
            ("Sam Whitaker", "Principal", ("communication", "vision")),
        ),
        story={"goal": "met", "run_chart": "true signal after the change"},
        overview='We taught students to underline the evidence they used and number it in their answers. Exit tickets rose within two weeks of starting the routine and stayed up, and the post assessment showed the largest gains on the two text-evidence standards. Our next cycle carries the routine into informational writing.',
    ),
    TeamProfile(
        team_id="cedar-elementary-k2",
        name="Cedar Elementary K-2 Literacy Team",
        school="Cedar Elementary School",
        level="elementary",
        subject="Foundational Reading",
        grades=("K", "1", "2"),
        n_students=126,
        standards=("RF.PA", "RF.PH", "RF.FL"),
        goal_statement="By February, 80% of K-2 students will reach 80% on phonics and word recognition (RF.PH).",
        goal_standards=("RF.PH",),
        cut_pct=80,
        target_pct=80,
        growth=0.45,
        sections=("K-Rm1", "K-Rm2", "1-Rm3", "1-Rm4", "2-Rm5", "2-Rm6"),
        members=(
            ("Grace Kim", "Kindergarten teacher, team leader", ("analysis", "vision")),
            ("Luis Romero", "Grade 1 teacher", ("analysis",)),
            ("Hannah Price", "Grade 2 teacher", ("data_management",)),
            ("Omar Haddad", "Instructional coach", ("professional_development", "communication")),
        ),
        story={"run_chart": "fewer than 15 points", "collection": "dates outside the cycle"},
    ),
    TeamProfile(
        team_id="river-middle-g7-math",
        name="River Middle School Grade 7 Math PLC",
        school="River Middle School",
        level="middle",
        subject="Mathematics",
        grades=("7",),
        n_students=142,
        standards=("7.RP.A.2", "7.RP.A.3", "7.EE.B.4", "7.NS.A.3"),
        goal_statement="By the end of the cycle, 70% of grade 7 students will score 70% or higher on proportional relationships (7.RP.A.2, 7.RP.A.3).",
        goal_standards=("7.RP.A.2", "7.RP.A.3"),
        cut_pct=70,
        target_pct=70,
        growth=0.05,
        ability_shift=-0.3,
        sections=("7-1", "7-2", "7-3", "7-4", "7-5"),
        members=(
            ("Daniel Brooks", "Math teacher, team leader", ("analysis", "vision")),
            ("Aisha Rahman", "Math teacher", ("analysis",)),
            ("Kevin O'Neil", "Special education teacher", ("data_management",)),
            ("Rosa Delgado", "Assistant principal", ("communication", "professional_development")),
        ),
        story={"goal": "missed", "discrepancy": "high completion and grades, low proficiency", "run_chart": "no signal", "assessor": "item with a wrong key"},
        overview='Our students complete their work and earn good grades, yet few reached the cut on proportional reasoning. The run chart stayed flat, and one item turned out to be scored against the wrong key. We are rewriting our homework and grading so they ask for the same reasoning the assessment asks for.',
    ),
    TeamProfile(
        team_id="summit-high-algebra",
        name="Summit High School Algebra I Team",
        school="Summit High School",
        level="high",
        subject="Algebra I",
        grades=("9", "10"),
        n_students=184,
        standards=("A.SSE.1", "A.REI.3", "F.IF.4", "F.LE.2", "A.CED.1"),
        goal_statement="By the end of the semester, 55% of Algebra I students will score 65% or higher on solving and creating linear equations (A.REI.3, A.CED.1).",
        goal_standards=("A.REI.3", "A.CED.1"),
        cut_pct=65,
        target_pct=55,
        growth=0.75,
        ability_shift=-0.55,
        sections=("P1", "P2", "P3", "P4", "P6", "P7"),
        members=(
            ("Nora Lindqvist", "Math department chair, team leader", ("analysis", "vision", "communication")),
            ("Jamal Wright", "Algebra I teacher", ("analysis",)),
            ("Elena Petrova", "Algebra I teacher", ("data_management",)),
            ("Chris Yamamoto", "ELL specialist", ()),
            ("Fatima Zahra", "Counselor", ()),
        ),
        story={"goal": "good progress, not met", "coverage": "no member covers professional development"},
        overview='Students grew on solving linear equations, and the share reaching the cut nearly doubled, but we fell short of our target. Growth was strongest in the periods that used worked examples daily. We will share that routine across all sections next semester.',
    ),
    TeamProfile(
        team_id="oak-middle-science",
        name="Oak Middle School Grade 8 Science Team",
        school="Oak Middle School",
        level="middle",
        subject="Science",
        grades=("8",),
        n_students=64,
        standards=("MS-PS1-1", "MS-PS1-2", "MS-PS1-4"),
        goal_statement="By March, 85% of grade 8 students will reach 70% on modelling matter (MS-PS1-1, MS-PS1-4).",
        goal_standards=("MS-PS1-1", "MS-PS1-4"),
        cut_pct=70,
        target_pct=85,
        growth=0.7,
        sections=("8A", "8B", "8C"),
        members=(
            ("Ruth Adeyemi", "Science teacher, team leader", ("analysis",)),
            ("Peter Novak", "Science teacher", ()),
        ),
        files=(),
        story={"partial": "only students, assessments and team.yml"},
    ),
)
