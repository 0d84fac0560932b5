"""What the sample teams wrote in their records for notebooks 06 and 21 (fictional, our own words).

Members are referred to by their place in the team's roster (:data:`~datadriver_utils.sample.profiles.TEAMS`);
:mod:`datadriver_utils.sample.leadership` turns these plans into files.  The stories are listed in
that module's docstring.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FEEDBACK", "LOOK_FORS", "MEETINGS", "MeetingPlan", "PRACTICES", "PlannedAction", "TRAINING_PLANS",
           "TRAININGS", "TRENDS", "Trend"]

TRAININGS: dict[str, tuple[str, str, str]] = {
    "items": ("Item analysis: difficulty, discrimination and answer keys",
              "difficulty; discrimination; distractor; reliability", "District assessment office"),
    "scale": ("Reading interim reports: scale scores, percentiles and growth",
              "scale score; percentile; growth; standard error", "Vendor webinar"),
    "privacy": ("Student data privacy and small-group suppression", "minimum group size", "District data office"),
    "meetings": ("Running a data meeting: norms, protocols and minutes", "", "Data coach"),
    "growth": ("Growth, matched students and effect size", "matched students; growth; effect size", "Data coach"),
}
"""Training id -> (name, glossary terms it covers, provider)."""

# team -> (training, roster place, due, completed on)
TRAINING_PLANS: dict[str, tuple[tuple[str, int, str | None, str | None], ...]] = {
    "district-data-team": (
        ("privacy", 0, "2025-11-21", "2025-11-10"), ("privacy", 1, "2025-11-21", None),
        ("privacy", 2, "2025-11-21", "2025-11-18"), ("privacy", 3, "2025-11-21", "2025-11-20"),
        ("privacy", 4, "2025-11-21", None), ("scale", 1, "2026-02-13", None), ("scale", 2, "2026-02-13", "2026-01-15"),
        ("scale", 3, "2026-02-13", None), ("meetings", 0, "2025-10-31", "2025-10-20"),
        ("meetings", 3, "2026-04-10", None),
    ),
    "maple-elementary-g3": (
        ("meetings", 0, "2025-10-31", "2025-10-15"), ("meetings", 1, "2025-10-31", "2025-10-15"),
        ("meetings", 2, "2025-10-31", "2025-10-22"), ("meetings", 3, "2025-10-31", "2025-10-15"),
        ("growth", 0, "2025-12-19", "2025-12-03"), ("growth", 2, "2025-12-19", "2025-12-10"),
        ("scale", 2, "2026-04-17", None),
    ),
    "cedar-elementary-k2": (
        ("scale", 0, "2025-12-12", "2025-12-10"), ("scale", 1, "2025-12-12", None), ("scale", 2, "2025-12-12", None),
        ("scale", 3, "2025-12-12", "2025-12-11"), ("items", 0, "2025-11-14", "2025-11-12"),
        ("items", 2, "2025-11-14", "2025-11-06"), ("privacy", 3, "2025-10-31", "2025-10-29"),
    ),
    "river-middle-g7-math": (
        ("items", 0, "2025-10-31", "2025-10-29"), ("items", 1, "2025-10-31", "2025-11-03"),
        ("items", 2, "2025-10-31", None), ("items", 3, "2025-10-31", None), ("growth", 0, "2026-02-27", None),
        ("growth", 3, "2026-02-27", None), ("meetings", 3, "2025-10-17", "2025-10-16"),
    ),
    "summit-high-algebra": (
        ("scale", 0, "2026-02-13", "2026-01-20"), ("scale", 1, "2026-02-13", None), ("scale", 2, "2026-02-13", None),
        ("scale", 3, "2026-02-13", None), ("scale", 4, "2026-02-13", None), ("growth", 1, "2026-03-27", None),
        ("growth", 2, "2026-03-27", None), ("privacy", 3, "2025-12-12", "2025-12-05"), ("privacy", 4, "2026-03-13", None),
    ),
}

PRACTICES: dict[str, tuple[str, str]] = {
    "district-data-team": ("Small groups were formed once in September and not changed after the fraction check.",
                           "Re-form small groups after every fraction check and note the change in the principal "
                           "debrief."),
    "maple-elementary-g3": ("Students answered text questions from memory; few pointed to where the answer was.",
                            "Underline the evidence, number it, and cite the number in the answer."),
    "cedar-elementary-k2": ("Phonics groups met about three days a week; skipped days became whole-class practice.",
                            "Protect a ten-minute skill group every day, formed from the weekly passage check."),
    "river-middle-g7-math": ("Homework was graded for completion; students copied methods without saying why they "
                             "worked.", "Check homework for accuracy and add a two-minute correction step the next "
                                        "day."),
    "summit-high-algebra": ("Worked examples were shown once, unlabelled; students lost track of the steps.",
                            "Label each step of the worked example and pair it with a similar you-try problem."),
}
"""Team -> (practice observed, micro-change) for every link of its one-pager."""

LOOK_FORS: dict[str, tuple[str, ...]] = {
    "district-data-team": ("Small groups are formed from recent fraction results",
                           "Students explain how they know, pointing to the work",
                           "Technology is used by students to practise or create, not only to watch"),
    "maple-elementary-g3": ("Students underline and number the evidence they use",
                            "Every student speaks to a partner about the text",
                            "The teacher invites quieter students in by name"),
    "cedar-elementary-k2": ("Small groups are formed from this week's passage check",
                            "Every student reads aloud to the teacher or a partner",
                            "The teacher invites quieter students in by name"),
    "river-middle-g7-math": ("Students explain how they know, not only the answer",
                             "Homework is checked for accuracy with a correction step",
                             "Every student speaks to a partner or group about the task"),
    "summit-high-algebra": ("Worked examples are labelled step by step",
                            "Students use sentence frames to explain an equation",
                            "Every student speaks to a partner or group about the task"),
}


@dataclass(frozen=True)
class Trend:
    """How often look-fors are seen (first and last month) and the belonging survey's leaning (1-4)."""

    start: float
    end: float
    belonging_start: float
    belonging_end: float
    few: int = 0
    few_in: str | None = None


TRENDS: dict[str, Trend] = {
    "district-data-team": Trend(0.45, 0.70, 2.7, 3.0),
    "maple-elementary-g3": Trend(0.30, 0.90, 2.4, 3.3),
    "cedar-elementary-k2": Trend(0.40, 0.60, 2.9, 3.1, few=8, few_in="2025-12"),
    "river-middle-g7-math": Trend(0.45, 0.45, 2.6, 2.6),
    "summit-high-algebra": Trend(0.40, 0.70, 2.6, 3.0),
}

# team -> (date, teacher's roster place, observed, tool, impact, evidence, feedback, next step)
FeedbackRow = tuple[str, int, str, str | None, str, str, str, str | None]
FEEDBACK: dict[str, tuple[FeedbackRow, ...]] = {
    "district-data-team": (
        ("2025-10-16", 3, "Fraction groups at Birch still follow September's lists.", None, "no clear effect",
         "progress data", "Re-form two groups from the October check before the next walkthrough.", "Debrief form"),
        ("2025-11-13", 2, "Grade 5 students used the fraction app for drill while the teacher met a group.",
         "Fraction practice app", "helped", "progress data",
         "The app kept the rest of the class practising; keep it for the ten minutes of small-group time.", None),
        ("2025-12-04", 3, "Principals' debrief notes named a small-group change in five of seven schools.", None,
         "helped", "teacher feedback", "Ask the two missing schools for one line each by Friday.", None),
        ("2026-01-15", 2, "Students watched a fraction video together with no task attached.", "Video lesson",
         "hindered", "walkthrough", "Pause the video twice and have pairs solve the example shown.", None),
        ("2026-01-22", 1, "Schools entered the fraction check within a week using the shared template.",
         "Shared entry template", "helped", "progress data", "Share the on-time rate with principals monthly.", None),
    ),
    "maple-elementary-g3": (
        ("2025-10-09", 1, "Students answered the exit ticket without looking back at the text.", None,
         "not yet known", "student work", "Model underlining the sentence that proves your answer tomorrow.",
         "Try in 3B"),
        ("2025-10-23", 2, "In 3C students numbered their evidence and cited it in two of three answers.", None,
         "helped", "student work", "Ask students to say the evidence number aloud when they share.", None),
        ("2025-11-06", 1, "Partners compared their underlined sentences before writing.", None, "helped",
         "walkthrough", "Keep partner comparison; time it to two minutes.", None),
        ("2025-12-04", 3, "The read-aloud app highlighted sentences for students who need it.", "Read-aloud app",
         "helped", "student reflection", "Let students turn the highlighting off once they can find evidence alone.",
         None),
        ("2026-01-08", 0, "Exit tickets cite the text in most answers across all four sections.", None, "helped",
         "progress data", "Write the routine into the planning guide with one student example.", None),
    ),
    "cedar-elementary-k2": (
        ("2025-10-14", 1, "The phonics group was skipped for an assembly and not made up.", None, "not yet known",
         "walkthrough", "Move the group to the afternoon when the morning is lost.", None),
        ("2025-11-04", 2, "Students practised blends on tablets while the teacher read with a group.",
         "Phonics tablet game", "no clear effect", "progress data",
         "Check the game's level matches each student's group before using it again.", None),
        ("2025-12-02", 0, "Take-home books came back from half of the room.", None, "no clear effect",
         "teacher feedback", "Send the family note in home languages with the next books.", None),
        ("2026-01-13", 3, "Skill groups met every day this week, formed from the passage check.", None, "helped",
         "progress data", "Keep the daily group and post the weekly check on the run chart.", None),
    ),
    "river-middle-g7-math": (
        ("2025-10-15", 1, "Students copied the unit-rate method from the board without explaining it.", None,
         "not yet known", "walkthrough", "Ask one student per table to say why the method works.", None),
        ("2025-11-05", 2, "The online homework tool marked completion only, so wrong answers earned full credit.",
         "Online homework tool", "hindered", "progress data",
         "We looked together at the homework tool and at the grades it produces, and we talked about how the "
         "completion setting rewards finishing rather than reasoning, which is probably why grades are high while "
         "the common assessment shows that fewer than half of the students are proficient on the standard.",
         "Switch the tool to accuracy"),
        ("2025-11-19", 0, "The correction step took ten minutes instead of two.", None, "no clear effect",
         "teacher feedback", "Limit corrections to the one problem most students missed.", None),
        ("2025-12-10", 3, "Students explained ratios to a partner using the double number line.", None, "helped",
         "student work", "Keep the double number line on the wall for the next unit.", None),
        ("2026-01-14", 1, "Exit tickets still near half correct on proportional reasoning.", None, "no clear effect",
         "progress data",
         "This is a long conversation about the whole unit: pacing, the warm-ups, the homework, the correction step "
         "and the exit tickets, all of which we discussed in detail, with several ideas for each and no single "
         "next step agreed before the end of the planning period.", None),
        ("2026-01-21", 2, "Students reflected that the correction step showed them their mistake.", None, "helped",
         "student reflection", "Ask students to write the corrected step, not only the answer.", None),
    ),
    "summit-high-algebra": (
        ("2025-10-21", 1, "Worked examples on the slides had no step labels.", None, "not yet known", "walkthrough",
         "Number each step and say the number aloud as you solve.", None),
        ("2025-11-12", 3, "English learners used sentence frames to explain an equation to a partner.", None,
         "helped", "student reflection", "Post the three frames on every desk for the next unit.", None),
        ("2025-12-03", 2, "The graphing calculator app let students check solutions quickly.", "Graphing app",
         "helped", "student work", "Have students predict the solution before they check it on the app.", None),
        ("2026-01-07", 4, "Students missing two classes a week fell behind on the warm-ups.", None, "no clear effect",
         "progress data", "Share the attendance list with the teachers every Monday.", None),
    ),
}


@dataclass(frozen=True)
class PlannedAction:
    """An action raised at meeting ``raised`` (0-based); ``statuses`` at each later meeting ('' = not reviewed)."""

    raised: int
    order: int
    action: str
    owner: int
    due: str
    statuses: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetingPlan:
    """Four team meetings: dates, what was looked at, what was noticed, decisions, actions."""

    dates: tuple[str, ...]
    data: tuple[str, ...]
    noticed: tuple[str, ...]
    decisions: tuple[tuple[str, ...], ...]
    actions: tuple[PlannedAction, ...]


_DATES = ("2025-10-07", "2025-11-04", "2025-12-02", "2026-01-13")

MEETINGS: dict[str, MeetingPlan] = {
    "district-data-team": MeetingPlan(
        _DATES, ("The dissemination schedule", "Fraction check results by school", "Attendance feed errors"),
        ("A student-level list went to the board", "Two schools still keep their own spreadsheets"),
        (("Board releases are school totals only",), ("Adopt the shared entry template",),
         ("Principals report one small-group change each month",), ("Retire the teacher attendance spreadsheet",)),
        (PlannedAction(0, 1, "Withdraw the student list sent to the board and send school totals", 1, "2025-10-14",
                       ("done",)),
         PlannedAction(0, 2, "Complete the privacy training before the next board release", 4, "2025-11-21",
                       ("not started", "not started", "in progress")),
         PlannedAction(1, 1, "Fix the nightly attendance feed", 4, "2025-12-05", ("in progress", "done")),
         PlannedAction(2, 1, "Add a one-line debrief form for principals", 3, "2025-12-19", ("done",)),
         PlannedAction(3, 1, "Plan the switch-off of the teacher attendance spreadsheet", 2, "2026-02-27")),
    ),
    "maple-elementary-g3": MeetingPlan(
        _DATES, ("Exit tickets by section", "The run chart", "Pre and post results on RL.3.1 and RI.3.1"),
        ("Students answer from memory", "Answers that cite the text are rising"),
        (("Try the evidence routine in all sections",), ("Keep partner comparison",),
         ("Put the routine in the planning guide",), ("Carry the routine into informational writing",)),
        (PlannedAction(0, 1, "Bring each section's exit-ticket results", 0, "2025-10-21", ("done",)),
         PlannedAction(0, 2, "Draft the underline-and-number routine", 2, "2025-11-14", ("in progress", "done")),
         PlannedAction(1, 1, "Model the routine in 3B and 3D", 1, "2025-11-21", ("done",)),
         PlannedAction(2, 1, "Add the routine to the grade 3 planning guide", 2, "2026-01-09", ("done",)),
         PlannedAction(3, 1, "Plan the routine for informational writing", 0, "2026-02-20")),
    ),
    "cedar-elementary-k2": MeetingPlan(
        _DATES, ("Weekly passage checks", "The phonics group schedule", "Take-home book returns"),
        ("Groups meet about three days a week", "The run chart is still short"),
        (("Start a weekly passage check",), ("Send take-home books on Fridays",), ("Keep checking weekly",),
         ("Ask for the interim-report training",)),
        (PlannedAction(0, 1, "Protect the phonics block in the master schedule", 3, "2025-10-31",
                       ("", "in progress", "in progress")),
         PlannedAction(0, 2, "Start the weekly decodable passage check", 0, "2025-10-17", ("done",)),
         PlannedAction(1, 1, "Write the family note for take-home books in home languages", 2, "2025-11-21", ("done",)),
         PlannedAction(2, 1, "Add weekly checks until the run chart has 15 points", 1, "2026-01-30", ("in progress",)),
         PlannedAction(3, 1, "Ask the vendor for the interim-report training dates", 3, "2026-01-23")),
    ),
    "river-middle-g7-math": MeetingPlan(
        _DATES, ("Completion and grades beside the common assessment", "Homework accuracy by section",
                 "The exit-ticket run chart"),
        ("Completion is above 90% but fewer than half are proficient", "Homework accuracy is far below completion"),
        (("Grade homework for accuracy",), ("Keep the correction step short",), ("Score one item together weekly",),
         ("Compare homework accuracy with the post assessment",)),
        (PlannedAction(0, 1, "Rewrite homework so it asks for the reasoning the assessment asks for", 0,
                       "2025-11-14", ("in progress", "in progress", "in progress")),
         PlannedAction(0, 2, "Check the answer key of every 7.RP item before the post window", 1, "2025-10-24",
                       ("done",)),
         PlannedAction(1, 1, "Share homework accuracy against completion by section", 2, "2025-11-26", ("", "done")),
         PlannedAction(2, 1, "Score one constructed-response item together each week", 3, "2025-12-19", ("done",)),
         PlannedAction(3, 1, "Compare homework accuracy with the post assessment", 0, "2026-02-06")),
    ),
    "summit-high-algebra": MeetingPlan(
        _DATES, ("Warm-up accuracy by period", "Attendance by period", "English learners' equations"),
        ("Labelled steps help English learners most", "Two periods lose students to absences"),
        (("Label every worked example",), ("Use sentence frames in every period",), ("Share the routine",),
         ("Plan the spring common assessment",)),
        (PlannedAction(0, 1, "Label every step of the worked examples", 1, "2025-10-24", ("done",)),
         PlannedAction(0, 2, "Follow up on students missing two or more classes a week", 4, "2025-11-07",
                       ("in progress", "in progress", "done")),
         PlannedAction(1, 1, "Write sentence frames for equations from word problems", 3, "2025-11-21", ("done",)),
         PlannedAction(2, 1, "Share the worked-example routine with P6 and P7", 0, "2026-01-09", ("",)),
         PlannedAction(3, 1, "Plan the spring semester's first common assessment", 2, "2026-02-13")),
    ),
}
