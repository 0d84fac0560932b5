"""Fixed content of notebook 21 (leadership moves): the look-for starters and the self-check.

Drawn from a practitioner article on leaders who model data use (shared/seeds 002), retold in
our own words: look-fors from walkthroughs read beside a student micro-survey on belonging, a
one-page link from a benchmark pattern to a practice and a micro-change, bite-size feedback
tied to evidence, and discrepancies treated as questions rather than blame (data that light the
way, not data that punish).  The look-fors and survey items are our own examples, not the article's.
"""

from __future__ import annotations

from datadriver_utils.workshop.content import QuizQuestion

__all__ = ["BELONGING_ITEMS", "LEADERSHIP_QUIZ", "LOOK_FOR_STARTERS"]

LOOK_FOR_STARTERS: tuple[str, ...] = (
    "Every student speaks to a partner or group about the task",
    "Students explain how they know, pointing to the text or the work",
    "The teacher uses students' names and invites quieter students in",
    "Technology is used by students to practise or create, not only to watch",
    "Small groups are formed from recent evidence of what students need",
)
"""Examples a team may adapt; the walkthroughs file holds the team's own wording."""

BELONGING_ITEMS: tuple[tuple[str, str], ...] = (
    ("B1", "People in this class care about what I think."),
    ("B2", "I can ask for help in this class without feeling embarrassed."),
    ("B3", "I feel like I am part of this class."),
)
"""Our own three-item belonging micro-survey (1 = not true, 4 = very true)."""

LEADERSHIP_QUIZ: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "A walkthrough notes whether students explain their reasoning to a partner. What kind of evidence is it?",
        ("Perceptions", "School processes", "Student learning", "Demographics"),
        1, "A look-for records what happens in the room, what adults set up and students do: school-process "
           "evidence, the one source adults change directly. How students experience it is perception evidence, "
           "which is why the notebook sets the belonging micro-survey beside it."),
    QuizQuestion(
        "Where is the micro-change on the one-pager checked?",
        ("On next year's state test", "On the same grade's next benchmark window, for students who sat both",
         "In the teacher's evaluation"),
        1, "A micro-change is small and recent, so it is checked soon, on the next window, and only on matched "
           "students: otherwise a change in who sat the test could pass for impact. Evaluation has no place on "
           "the page: the point is coaching, not compliance."),
    QuizQuestion(
        "The targeted standard rose 9 points after the micro-change; the same students rose 8 points on the "
        "grade's other standards. What does the one-pager conclude?",
        ("The micro-change worked", "Most of the rise was shared by every standard, so the micro-change may "
         "have added little", "The assessment is broken"),
        1, "Compare the targeted standard's change with the same students' change on the other standards. A rise "
           "every standard shares comes from teaching in general (or an easier test), not from the micro-change."),
    QuizQuestion(
        "Which note is bite-size, evidence-linked feedback?",
        ("A two-page summary of the whole lesson", "In group work the quiz app kept four students stuck at "
         "log-in for ten minutes (walkthrough); try paper exit slips for that group on Thursday",
         "Great lesson, keep it up!"),
        1, "One observation, what the tool did for students at that moment, the evidence it rests on and one "
           "small next step: short enough to act on tomorrow. Praise without evidence and long reports are "
           "both hard to act on."),
    QuizQuestion(
        "Almost all homework is handed in and most grades are A or B, yet fewer than half of the students are "
        "proficient on the common assessment. What is the first move?",
        ("Find out which teachers grade too easily", "Ask, together, what our grades and the assessment each "
         "measure", "Trust the grades and set the assessment aside"),
        1, "A discrepancy is a question to learn from, not a fault to assign: data should light up what to "
           "look at next, never serve to punish. The team looks at what each measure rewards before deciding what to change."),
)
"""The self-check at the end of notebook 21: each explanation teaches the rule it checks."""
