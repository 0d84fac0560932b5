"""The assessment glossary and the self-check of notebook 06, in our own words.

Toolkit activity 1.8 (Massachusetts ESE, District Data Team Toolkit, Module 1 "Getting Ready";
shared/seeds 004) pairs an assessment glossary with a data-literacy training catalog.  The
toolkit's own glossary is not reproduced: these are the terms this workbook uses in its reports,
each defined in plain words, with the misreading it guards against and the notebook where the
term appears.  Formulas follow docs/analysis.md and FIELD_NOTES ("Assessment item analysis",
"Disclosure avoidance"); the scale-score facts follow IMPORT_FORMATS.md.

The examples from a team's own data are computed in :mod:`datadriver_utils.stats.glossary`,
keyed by the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from datadriver_utils.workshop.content import QuizQuestion

__all__ = ["GLOSSARY", "LITERACY_QUIZ", "Term"]


@dataclass(frozen=True)
class Term:
    """One glossary entry: what it means, the misreading to avoid, and where the workbook uses it."""

    id: str
    term: str
    plain: str
    watch_out: str
    used_in: str


GLOSSARY: tuple[Term, ...] = (
    Term("raw_score", "Raw score (points)",
         "The points a student earned on an assessment, before any conversion.",
         "Raw scores from two different tests cannot be compared: the tests may differ in length and difficulty.",
         "11, 12, 20"),
    Term("percent_correct", "Percent correct",
         "Points earned divided by points possible, times 100. Our classroom results are read this way.",
         "Only meaningful when a test has a fixed number of points; never compute it from a scale score.",
         "12, 20"),
    Term("mean_and_median", "Mean and median",
         "The mean adds every score and divides by the number of students; the median is the middle score "
         "once scores are sorted.",
         "A handful of very low or very high scores moves the mean but not the median; report both when they differ.",
         "12, 20"),
    Term("scale_score", "Scale score",
         "A score on a vendor's own scale (MAP's RIT, Star's Unified scale, i-Ready's scale) that places students "
         "of different grades on one ruler. It has no maximum.",
         "Gains are read in scale points and proficiency against a cut score for the grade and window; a vendor "
         "may change its scale between years.",
         "06, 21"),
    Term("percentile", "Percentile rank",
         "The percentage of a comparison group that scored below a student (ties counted half).",
         "It is a rank, not a percent correct: the 60th percentile can be a low score in a strong group. Know "
         "whether the comparison group is national, district or your own students.",
         "06"),
    Term("proficiency_cut", "Proficiency cut (cut score)",
         "The score at or above which a student counts as proficient. Our teams set it in team.yml as a percent "
         "correct; vendors set a scale-score cut per grade and window.",
         "A cut is a decision people made, not a property of the test: move it and the percent proficient moves.",
         "12, 13, 20"),
    Term("percent_proficient", "Percent proficient",
         "The share of students at or above the cut.",
         "It ignores how far below or above the cut students are: a student moving from 20% to 65% does not "
         "change it when the cut is 70%.",
         "12, 13, 20"),
    Term("performance_band", "Performance band",
         "A group of scores around the cut: well below, approaching, proficient, advanced.",
         "Band edges are conventions (ours are cut − 20 and cut + 15); students near an edge can change band "
         "by chance.",
         "12"),
    Term("standard", "Standard",
         "The skill or concept a question assesses, named by its code (for example 7.RP.A.2).",
         "A standard measured by two questions gives a rough picture; look at the number of questions behind "
         "each standard before acting on it.",
         "11, 12, 21"),
    Term("assessment_window", "Assessment window",
         "The period in which an assessment is given, such as pre and post, or fall, winter and spring.",
         "Compare windows only with the same students and the same (or an equated) assessment.",
         "12, 20, 21"),
    Term("common_assessment", "Common assessment",
         "The same assessment, given to every student in the group under the same conditions and scored the "
         "same way.",
         "Results stop being comparable when classes get different versions, time or help.",
         "11, 12, 20"),
    Term("benchmark_assessment", "Interim (benchmark) assessment",
         "An assessment given to all students a few times a year to check progress toward grade-level "
         "benchmarks, often a vendor's adaptive test.",
         "Its scores are scale scores; its percent correct on an adaptive test sits near 50% by design.",
         "21"),
    Term("matched_students", "Matched students",
         "The students who have a score in both windows being compared.",
         "Comparing everyone who sat each window lets students who joined, left or were absent pass for "
         "growth or decline.",
         "20, 21"),
    Term("growth", "Growth (gain)",
         "How much the matched students' mean moved between two windows: later mean minus earlier mean.",
         "In percentage points for percent correct, in scale points for scale scores; a gain is not a "
         "percentage increase.",
         "20, 21"),
    Term("effect_size", "Effect size (d_z)",
         "The mean gain divided by the standard deviation of students' gains: how consistently students grew.",
         "Rough reading: 0.2 small, 0.5 medium, 0.8 large. It is not Cohen's d for two separate groups, and "
         "it says nothing about why students grew.",
         "20, 21"),
    Term("difficulty", "Item difficulty (p)",
         "The share of the available points students earned on a question: higher means easier.",
         "A question nearly everyone gets right or wrong tells the team little about who has learned what.",
         "11"),
    Term("discrimination", "Item discrimination (r)",
         "How well a question separates students who did well on the rest of the test from those who did not "
         "(the item-rest correlation).",
         "Below .20 the question adds little; a negative value usually means a wrong answer key.",
         "11"),
    Term("distractor", "Distractor",
         "A wrong option of a multiple-choice question.",
         "A distractor chosen by many strong students points to a second defensible answer or a wrong key; "
         "one chosen by many weak students points to a misconception worth teaching.",
         "11"),
    Term("reliability", "Reliability (Cronbach's alpha)",
         "How consistently the questions of a test measure the same thing, from 0 to 1.",
         "Short tests have low alpha; below about .70 use results to spot group patterns, not to place students.",
         "11"),
    Term("standard_error", "Standard error of measurement (SEM)",
         "How far a student's score could move on another day by chance: SD of total scores × √(1 − reliability).",
         "Read a score as a range of about one SEM either side; two students a point apart may not differ at all.",
         "06"),
    Term("min_group_size", "Minimum group size (suppression)",
         "The smallest group a shared report shows; smaller groups are hidden, and sometimes a second group "
         "too so the first cannot be worked out.",
         "A hidden cell is a privacy rule, not missing data: never fill it in from the totals.",
         "every report"),
)
"""Every assessment and data term the workbook's reports use, in the order a team meets them."""

LITERACY_QUIZ: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "A MAP report gives a student a score of 214. Which reading is right?",
        ("214 points out of a possible 250: 86% correct", "A scale score, compared with other scale scores "
         "and with a grade-level cut score", "The 214th percentile"),
        1, "MAP's RIT is a scale score with no maximum, so no percent correct can be made from it. It is read "
           "against other RIT scores (growth in scale points) and against the benchmark cut for the grade and "
           "window."),
    QuizQuestion(
        "Your student is at the 60th percentile. What does that tell you?",
        ("She answered 60% of the questions correctly", "She scored higher than about 60% of the comparison group",
         "She is proficient"),
        1, "A percentile rank is a position in a comparison group, not a share of questions answered. Whether she "
           "is proficient depends on the cut, which is a separate decision."),
    QuizQuestion(
        "Pre: 80 students sat the test. Post: 74 did, 70 of them also sat the pre. How many students does the "
        "gain rest on?",
        ("80", "74", "70"),
        2, "Growth compares the same students: only the 70 matched students have two scores. The others are "
           "counted and named (in the team view) but left out, so arrivals and absences cannot pass for growth."),
    QuizQuestion(
        "A question's discrimination is −0.15. What do you do first?",
        ("Reteach its standard", "Check the answer key", "Drop the question from every future test"),
        1, "A negative value means students who did well on the rest of the test did worse on this question. "
           "The most common cause is a wrong key, so check the key before reading anything into the results."),
    QuizQuestion(
        "Alpha is .80 and the SD of total scores is 5 points. Two students scored 21 and 23. Do they differ?",
        ("Yes: 23 is higher", "Not clearly: the SEM is about 2.2 points, so their ranges overlap",
         "Only if they are in the same class"),
        1, "SEM = 5 × √(1 − .80) ≈ 2.2 points. Each score is best read as a range of about ±2 points, and 21 and "
           "23 overlap: one test cannot tell those two students apart."),
    QuizQuestion(
        "Percent proficient stayed at 40%, but the mean rose 9 points. How can both be true?",
        ("One of the numbers must be wrong", "Students grew but few crossed the cut",
         "Percent proficient always moves with the mean"),
        1, "Percent proficient only counts students crossing the cut; a student rising from 30% to 60% adds "
           "nothing to it when the cut is 70%. Read both figures, and the bands between them."),
)
"""The self-check at the end of notebook 06: each explanation teaches the rule it checks."""
